#!/bin/bash
# Idle wake-ups of narvarod (issue 17, goal 5): serves one configured, absent reader and counts its
# syscalls for SECONDS with `strace -c -f`; every poll() returned is one wake-up. Not a test.
# usage: scripts/bench-idle.sh [SECONDS] [WATCHDOG_USEC]   (build first: swift build)
set -euo pipefail
seconds=${1:-60}
bin=$(cd "$(dirname "$0")/.." && pwd)/.build/debug
dir=$(mktemp -d /tmp/narvaro-idle-XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
mkdir "$dir/dev" "$dir/sys"
export NARVARO_DATABASE=$dir/n.db NARVARO_CARD_KEY=$dir/key NARVARO_DEV_ROOT=$dir/dev NARVARO_SYS_ROOT=$dir/sys
"$bin/narvaro" venue add tingshuset --name Tingshuset >/dev/null
"$bin/narvaro" reader add entre --venue tingshuset --usb ffff:0035 >/dev/null
if [ -n "${2:-}" ]; then export WATCHDOG_USEC=$2 NOTIFY_SOCKET=$dir/no-socket; fi
"$bin/narvarod" 2>"$dir/log" &
pid=$!
sleep 2
timeout -s INT "$seconds" strace -c -f -p "$pid" -o "$dir/strace" || true
polls=$(awk '$NF == "poll" || $NF == "ppoll" { print $4 }' "$dir/strace")
echo "wake-ups in ${seconds} s (WATCHDOG_USEC=${2:-unset}): ${polls:-0}"
