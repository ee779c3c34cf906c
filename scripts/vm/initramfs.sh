# Sourced by scripts/vm-e2e: packs the guest's root file system (cpio newc, gzip -1) from busybox,
# the USB keyboard modules, the binaries under test with their shared libraries, time zones,
# the guest scripts and the scenarios' guest halves. DISK_MODULE_PATHs (virtio disk, ext4) are
# listed in /lib/modules/order-disk, loaded only by guests that get a disk.
# usage: vm_initramfs STAGE_DIR OUT.cpio.gz MODULE_PATH... -- BINARY... [-- DISK_MODULE_PATH...]

vm_initramfs() {
    local stage=$1 out=$2; shift 2
    local modules=() bins=() disk_modules=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do modules+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do bins+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    disk_modules=("$@")
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

    rm -rf "$stage"
    mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,data,etc,lib/modules,lib64,guest,scenarios}
    mkdir -p "$stage"/usr/share/zoneinfo/Europe

    # busybox and one link per applet (busybox --list gives bare names; they all go to /bin).
    local bb
    bb=$(command -v busybox)
    cp "$bb" "$stage/bin/busybox"
    local applet
    for applet in $("$stage/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$stage/bin/$applet"
    done

    # Modules go flat into /lib/modules; the load order is the order of the list.
    local m
    : > "$stage/lib/modules/order"
    for m in "${modules[@]}"; do
        cp "$m" "$stage/lib/modules/"
        basename "$m" >> "$stage/lib/modules/order"
    done
    : > "$stage/lib/modules/order-disk"
    for m in "${disk_modules[@]}"; do
        cp "$m" "$stage/lib/modules/"
        basename "$m" >> "$stage/lib/modules/order-disk"
    done

    # The binaries and their shared-library closure, at the same paths as on the host.
    local b lib
    for b in "${bins[@]}"; do
        cp "$b" "$stage/usr/bin/"
        for lib in $(ldd "$b" 2>/dev/null | awk '/=> \// {print $3} /^\s*\// {print $1}'); do
            mkdir -p "$stage$(dirname "$lib")"
            cp -L "$lib" "$stage$lib"
        done
    done
    cp -L /lib64/ld-linux-x86-64.so.2 "$stage/lib64/"

    # Time zones: venues default to Europe/Stockholm; UTC for tools that fall back to it.
    cp -L /usr/share/zoneinfo/Europe/Stockholm "$stage/usr/share/zoneinfo/Europe/"
    cp -L /usr/share/zoneinfo/UTC "$stage/usr/share/zoneinfo/"
    ln -sf /usr/share/zoneinfo/Europe/Stockholm "$stage/etc/localtime"
    echo "Europe/Stockholm" > "$stage/etc/timezone"
    echo "root:x:0:0:root:/root:/bin/sh" > "$stage/etc/passwd"
    echo "root:x:0:" > "$stage/etc/group"

    # Guest scripts: /init and its helpers, and every scenario's guest half.
    cp "$here/guest/init" "$stage/init"
    chmod 755 "$stage/init"
    cp "$here"/guest/*.sh "$stage/guest/"
    cp "$here"/scenarios/*.sh "$stage/scenarios/"
    cp "$here"/scenarios/*.txt "$stage/scenarios/" 2>/dev/null || true

    (cd "$stage" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 > "$out"
}
