#!/usr/bin/env bash
# The tree builds through DKMS as a user would install it (dkms.conf), in a
# private DKMS tree so the host's DKMS state is untouched; both modules
# carry VERSION as their modinfo version.
# Usage: scripts/check-dkms.sh KERNELRELEASE
set -uo pipefail
cd "$(dirname "$0")/.."
kver=$1
ver=$(cat VERSION)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/xenvf-$ver" "$tmp/tree"
git ls-files -z | xargs -0 cp --parents -t "$tmp/src/xenvf-$ver"
# dkms.conf's PACKAGE_VERSION is filled in as dh_dkms -V does (debian/rules)
sed -i "s/#MODULE_VERSION#/$ver/" "$tmp/src/xenvf-$ver/dkms.conf"
if ! out=$(dkms build -m xenvf -v "$ver" -k "$kver" --dkmstree "$tmp/tree" \
	   --sourcetree "$tmp/src" 2>&1); then
	printf '%s\n' "$out" >&2
	echo "check-dkms: FAIL for $kver" >&2
	exit 1
fi
n=$(find "$tmp/tree" -name 'xenvf-*.ko' | wc -l)
[ "$n" -eq 2 ] || { echo "check-dkms: built $n modules, want 2" >&2; exit 1; }
for ko in $(find "$tmp/tree" -name 'xenvf-*.ko'); do
	v=$(modinfo -F version "$ko")
	[ "$v" = "$ver" ] || {
		echo "check-dkms: $(basename "$ko") has version '$v', want '$ver'" >&2
		exit 1
	}
done
echo "check-dkms: dkms build xenvf/$ver ok for $kver"
