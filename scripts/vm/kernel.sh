# Sourced by scripts/vm-e2e: fetches Debian's stock kernel (downloaded, never installed on the host)
# into a cache folder, and lists the modules a USB keyboard needs, in load order, and those a virtio
# disk with ext4 needs (loaded only by the power-cut scenarios' guests).
# usage: vm_kernel CACHE_DIR   -> sets VM_KVER, VM_KROOT (extracted package), VM_VMLINUZ, VM_MODULES,
#                                 VM_DISK_MODULES (paths)

VM_MODULE_NAMES=(xhci_pci usbhid hid_generic evdev)
VM_DISK_MODULE_NAMES=(virtio_pci virtio_blk ext4)

vm_kernel() {
    local cache=$1 pkg kver
    mkdir -p "$cache"
    # The metapackage names the current ABI (6.1.0-NN); fall back to the newest kernel already cached
    # so a run without a package index (or offline) still works.
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
    if [ -z "$pkg" ]; then
        pkg=$(ls -d "$cache"/linux-image-*-amd64 2>/dev/null | sort -V | tail -n1 | xargs -r -n1 basename)
    fi
    [ -n "$pkg" ] || { echo "vm-e2e: cannot find the kernel package (run apt-get update)" >&2; return 1; }
    kver=${pkg#linux-image-}
    VM_KROOT="$cache/$pkg"
    if [ ! -e "$VM_KROOT/.ready" ]; then
        echo "vm-e2e: fetching $pkg (not installed, only unpacked into $cache)" >&2
        rm -rf "$VM_KROOT" "$cache"/dl && mkdir -p "$cache/dl"
        # apt-get download writes into the current folder; _apt cannot write to root-owned folders,
        # so the warning about an unsandboxed download is expected there.
        (cd "$cache/dl" && apt-get download -qq "$pkg" 2>&1 | grep -v 'unsandboxed' >&2) || true
        local deb
        deb=$(ls "$cache"/dl/"$pkg"_*.deb 2>/dev/null | head -n1)
        [ -n "$deb" ] || { echo "vm-e2e: download of $pkg failed" >&2; return 1; }
        dpkg -x "$deb" "$VM_KROOT"
        depmod -b "$VM_KROOT" "$kver"
        rm -rf "$cache/dl"
        touch "$VM_KROOT/.ready"
    fi
    VM_KVER=$kver
    VM_VMLINUZ="$VM_KROOT/boot/vmlinuz-$kver"
    VM_MODULES=()
    vm_module_chain VM_MODULES "" "${VM_MODULE_NAMES[@]}"
    [ ${#VM_MODULES[@]} -gt 0 ] || { echo "vm-e2e: no modules found for $kver" >&2; return 1; }
    VM_DISK_MODULES=()
    vm_module_chain VM_DISK_MODULES " ${VM_MODULES[*]} " "${VM_DISK_MODULE_NAMES[@]}"
    [ ${#VM_DISK_MODULES[@]} -gt 0 ] || { echo "vm-e2e: no disk modules found for $kver" >&2; return 1; }
}

# vm_module_chain ARRAY SKIP NAME...: appends to ARRAY the module files NAME... need, in load order,
# leaving out those in SKIP (" path path "). --show-depends prints the insmod chain of its first
# module only, so it is asked once per module and the first occurrence of each file is kept.
# crc32c-intel (a soft dependency of ext4) is left out: it needs SSE4.2, which QEMU's default TCG
# CPU lacks, so it would fail to load; crc32c_generic serves instead.
vm_module_chain() {
    local -n chain=$1
    local seen=$2 m line path
    shift 2
    for m in "$@"; do
        while read -r line; do
            case $line in
                insmod\ *) path=${line#insmod }; path=${path%% *} ;;
                *) continue ;;
            esac
            case $path in */crc32c-intel.ko) continue ;; esac
            case $seen in *" $path "*) continue ;; esac
            seen="$seen$path "
            chain+=("$path")
        done < <(modprobe -d "$VM_KROOT" -S "$VM_KVER" --show-depends "$m")
    done
}
