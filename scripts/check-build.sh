#!/usr/bin/env bash
# Build the xenvf modules against each kernel tree given, with W=1 and sparse
# (C=2: every file), and fail on any compiler or sparse warning.
# Usage: scripts/check-build.sh KDIR...
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
for kdir in "$@"; do
	if [ ! -d "$kdir" ]; then
		echo "check-build: kernel tree '$kdir' not found" >&2
		status=1
		continue
	fi
	ver=$(make -s -C "$kdir" kernelversion 2>/dev/null || basename "$kdir")
	make -s -C "$kdir" M="$PWD" clean >/dev/null 2>&1
	out=$(make -j"$(nproc)" -C "$kdir" M="$PWD" W=1 C=2 modules 2>&1)
	rc=$?
	warn=$(printf '%s\n' "$out" | grep -E 'warning|error' | grep -v 'Skipping BTF generation')
	if [ "$rc" -ne 0 ] || [ -n "$warn" ]; then
		printf '%s\n' "$warn" "$out" | head -n 60 >&2
		echo "check-build: FAIL against $ver ($kdir)" >&2
		status=1
	else
		echo "check-build: clean (W=1, sparse) against $ver"
	fi
	make -s -C "$kdir" M="$PWD" clean >/dev/null 2>&1
done
exit $status
