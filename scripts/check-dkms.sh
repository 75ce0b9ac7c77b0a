#!/usr/bin/env bash
# The tree builds through DKMS as a user would install it (dkms.conf), in a
# private DKMS tree so the host's DKMS state is untouched.
# Usage: scripts/check-dkms.sh KERNELRELEASE
set -uo pipefail
cd "$(dirname "$0")/.."
kver=$1
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/xenvf-$ver" "$tmp/tree"
git ls-files -z | xargs -0 cp --parents -t "$tmp/src/xenvf-$ver"
if ! out=$(dkms build -m xenvf -v "$ver" -k "$kver" --dkmstree "$tmp/tree" \
	   --sourcetree "$tmp/src" 2>&1); then
	printf '%s\n' "$out" >&2
	echo "check-dkms: FAIL for $kver" >&2
	exit 1
fi
n=$(find "$tmp/tree" -name 'xenvf-*.ko' | wc -l)
[ "$n" -eq 2 ] || { echo "check-dkms: built $n modules, want 2" >&2; exit 1; }
echo "check-dkms: dkms build xenvf/$ver ok for $kver"
