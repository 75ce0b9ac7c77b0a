# Shared settings for xenvf test scripts (sourced, not run).
# shellcheck shell=bash

XENVF_ROOT=${XENVF_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# Build products that outlive a clone (test kernel, Xen userspace) live here.
XENVF_CACHE=${XENVF_CACHE:-/var/cache/xenvf}
XENVF_RESULTS=${XENVF_RESULTS:-$XENVF_ROOT/results}
LINUX_SRC_TARBALL=/usr/src/linux-source-6.1.tar.xz
LINUX_SRC_DIR=$XENVF_CACHE/src/linux-source-6.1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Version of the Debian linux-source-6.1 package the test kernel comes from,
# with the hash of the patches tests/kernel/build.sh applies to it.
linux_src_version() {
	echo "$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || echo unknown)+$(
		cat "$XENVF_ROOT"/tests/kernel/patches/*.patch 2>/dev/null | sha256sum | cut -c1-12)"
}

# ktest_fragments FLAVOUR: the config fragments of a test kernel flavour:
# rig (dom0 and PV or PVH guests), debug (the rig's PV base plus the
# sanitizers: the rig's hostile and teardown scenarios) or kunit (debug
# plus KASAN).
ktest_fragments() {
	local k=$XENVF_ROOT/tests/kernel
	case "$1" in
	rig) echo "$k/xenvf.config $k/pvh.config" ;;
	debug) echo "$k/xenvf.config $k/debug.config" ;;
	kunit) echo "$k/xenvf.config $k/debug.config $k/kasan.config" ;;
	*) die "no test kernel flavour '$1' (rig, debug or kunit)" ;;
	esac
}

# ktest_dir FLAVOUR: directory of the cached build of that flavour for the
# current fragments.
ktest_dir() {
	local key
	key=$( {
		echo "$1"
		# shellcheck disable=SC2046
		cat $(ktest_fragments "$1")
		linux_src_version
		gcc --version | head -n1
	} | sha256sum | cut -c1-16)
	echo "$XENVF_CACHE/kernel/$key"
}

# rig_machine: the line a rig benchmark's table names its machine by (CPUs,
# model, memory, OS, QEMU).
rig_machine() {
	echo "$(nproc) vCPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $(free -g | awk '/^Mem:/{print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(qemu-system-x86_64 --version | head -n1)"
}
