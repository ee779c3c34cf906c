# Sourced by the scripts: installs the Debian packages Närvaro needs when they are missing.
# usage: need_packages pkg...   (runs apt-get as root, or through sudo when not root)
export PATH="/opt/swift/usr/bin:$PATH"
need_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}
# tzdata: `venue add|edit --timezone` accepts only names its /usr/share/zoneinfo holds, and every venue
# clock reads its TZif file there (VenueClock, no ICU); tzdata is Priority: required on Debian.
# libpq-dev: the central push (NarvaroCentral).
BUILD_PACKAGES=(libevdev-dev libsqlite3-dev libssl-dev libpq-dev pkg-config tzdata)
# What the tests need beyond the build: postgresql is the server the central tests start (initdb).
TEST_PACKAGES=(sqlite3 python3 tmux util-linux systemd strace postgresql)
# narvaro-web's end-to-end suite (Tests/Web/browser_test.py): nginx + fcgiwrap + headless Chromium.
WEB_PACKAGES=(nginx-light fcgiwrap openssl)
# The export checks (Tests/Export): poppler-utils reads the printed PDF, LibreOffice Calc opens the
# --excel-sv CSV.
WEB_TEST_PACKAGES=("${WEB_PACKAGES[@]}" chromium chromium-driver python3-selenium poppler-utils libreoffice-calc-nogui)
