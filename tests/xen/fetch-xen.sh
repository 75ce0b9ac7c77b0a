#!/usr/bin/env bash
# Fetch Debian's Xen 4.17 hypervisor and toolstack and unpack them into
# $XENVF_CACHE/xen/root (never installed on the host: that would touch /boot).
# Prints the unpacked root. Idempotent: reuses the unpacked tree.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

PKGS=(xen-hypervisor-4.17-amd64 xen-utils-4.17 xen-utils-common xenstore-utils
      libxenmisc4.17 libxenstore4 libxencall1 libxenevtchn1 libxengnttab1
      libxenforeignmemory1 libxendevicemodel1 libxentoolcore1 libxentoollog1
      libxenhypfs1 libyajl2 libnl-3-200 libnl-route-3-200)

dir=$XENVF_CACHE/xen
key=$(printf '%s\n' "${PKGS[@]}" | sha256sum | cut -c1-12)
if [ -f "$dir/root/.xenvf-$key" ]; then
	echo "$dir/root"
	exit 0
fi

rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
log "downloading Xen packages"
(cd "$dir/debs" && apt-get download -qq "${PKGS[@]}") ||
	die "apt-get download of the Xen packages failed (run apt-get update?)"
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
done
xen_gz=$(ls "$dir"/root/boot/xen-4.17*-amd64.gz | head -n1)
gunzip -c "$xen_gz" > "$dir/root/xen.elf"
touch "$dir/root/.xenvf-$key"
echo "$dir/root"
