# Sourced by scripts/vm-e2e: fetches Debian's stock kernel (downloaded, never installed on the host)
# into a cache folder, and lists the modules a USB keyboard needs, in load order.
# usage: vm_kernel CACHE_DIR   -> sets VM_KVER, VM_KROOT (extracted package), VM_VMLINUZ, VM_MODULES (paths)

VM_MODULE_NAMES=(xhci_pci usbhid hid_generic evdev)

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
    # --show-depends prints the insmod chain of its first module only, so ask once per module and
    # keep the first occurrence of each file: that is a valid load order.
    VM_MODULES=()
    local m line path seen=" "
    for m in "${VM_MODULE_NAMES[@]}"; do
        while read -r line; do
            case $line in
                insmod\ *) path=${line#insmod }; path=${path%% *} ;;
                builtin\ *) continue ;;
                *) continue ;;
            esac
            case $seen in *" $path "*) continue ;; esac
            seen="$seen$path "
            VM_MODULES+=("$path")
        done < <(modprobe -d "$VM_KROOT" -S "$kver" --show-depends "$m")
    done
    [ ${#VM_MODULES[@]} -gt 0 ] || { echo "vm-e2e: no modules found for $kver" >&2; return 1; }
}
