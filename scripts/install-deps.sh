#!/usr/bin/env bash
# Install every host package xenvf needs to build and test (idempotent).
# Usage: scripts/install-deps.sh        (as root; a no-op when all are present)
set -euo pipefail

PKGS=(
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod xz-utils
	ccache sparse python3 git rsync patch
	linux-source-6.1 linux-headers-amd64 linux-headers-6.12-amd64
	qemu-system-x86 busybox-static iproute2 iputils-ping ethtool
	libcmocka-dev pkg-config dkms clang libclang-rt-14-dev
	libxen-dev
	dpkg-dev debhelper dh-dkms fakeroot lintian bash-completion
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages: ${missing[*]} (run as root)" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists when they are absent or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
	apt-get update -qq
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
