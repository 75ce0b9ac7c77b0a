#!/usr/bin/env bash
# make deb-check: xenvf-dkms and xenvf-utils installed on this machine as an
# admin would (apt-get install ./*.deb, as root), then purged. Checks that
# DKMS built and installed both modules for every kernel whose headers are
# installed (here Debian 12's 6.1 and 6.12), that modinfo and xenvf
# --version print the package version, that modprobe finds the modules,
# the conffiles and the enabled unit, and that purging leaves the file
# system as it was (every path, before and after, compared). Slow: two
# DKMS builds. Refuses to run where xenvf is already installed.
# Prints "deb-check: N passed, N failed".
# Usage: tests/deb/install-check.sh [DIR]   (the .debs; default: make deb's)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
ver=$(cat VERSION)
dir=${1:-$XENVF_RESULTS/deb}
arch=$(dpkg --print-architecture)
debs=("$dir/xenvf-dkms_${ver}_all.deb" "$dir/xenvf-utils_${ver}_$arch.deb")
. tests/deb/lib.sh
[ "$(id -u)" -eq 0 ] || die "deb-check installs packages: run it as root"
for p in xenvf-dkms xenvf-utils; do
	! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qv '^not-installed$' ||
		die "$p is installed already: purge it first (this check owns the install)"
done
[ -z "$(dkms status -m xenvf 2>/dev/null)" ] || die "DKMS has xenvf already (dkms status)"
if [ ! -f "${debs[0]}" ] || [ ! -f "${debs[1]}" ]; then
	bash scripts/build-deb.sh "$dir" >/dev/null || die "make deb failed"
fi
tmp=$(mktemp -d)
# the whole file system but what changes on its own (logs, caches,
# temporary files, dpkg's and apt's own databases, this tree and the rig's)
# and depmod's indexes (modules.dep, .alias...: DKMS runs depmod for each
# kernel; where only a kernel's headers are installed, as here, the first
# depmod creates them, and they are the kernel's, not xenvf's)
snapshot() {
	find / \( -path /proc -o -path /sys -o -path /dev -o -path /run \
		-o -path '/usr/lib/modules/*/modules.*' -o -path '/lib/modules/*/modules.*' \
		-o -path /tmp -o -path /var/tmp -o -path /var/log -o -path /var/cache \
		-o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /root \
		-o -path /work -o -path /home -o -path /mnt -o -path /media \
		-o -path "$XENVF_ROOT" -o -path "$XENVF_RESULTS" \) -prune \
		-o -print 2>/dev/null | LC_ALL=C sort
}
purge() {
	apt-get purge -y -q xenvf-utils xenvf-dkms >"$tmp/purge.log" 2>&1
}
trap 'dpkg-query -W xenvf-dkms xenvf-utils >/dev/null 2>&1 && purge; rm -rf "$tmp"' EXIT
snapshot >"$tmp/before"

# kernels DKMS builds for: every /lib/modules/K with its headers (build)
kernels=()
for k in /lib/modules/*; do
	[ -d "$k/build" ] && kernels+=("${k##*/}")
done
check "installs: apt-get install ./xenvf-dkms_${ver}_all.deb ./xenvf-utils_${ver}_$arch.deb" \
	env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${debs[@]}"
dkms_built() {
	local k s rc=0
	[ "${#kernels[@]}" -ge 2 ] || { echo "kernels with headers: ${kernels[*]}"; rc=1; }
	for k in "${kernels[@]}"; do
		s=$(dkms status -m xenvf -v "$ver" -k "$k")
		echo "$s" | grep -q ": installed" || { echo "$k: '$s'"; rc=1; }
	done
	dkms status -m xenvf
	return $rc
}
check "dkms status: xenvf/$ver installed for ${kernels[*]}" dkms_built
versions() {
	local k m rc=0
	for k in "${kernels[@]}"; do
		for m in xenvf-back xenvf-front; do
			v=$(modinfo -k "$k" -F version "$m")
			[ "$v" = "$ver" ] || { echo "$k $m: version '$v'"; rc=1; }
			modprobe -S "$k" --show-depends "$m" |
				grep -q "insmod /lib/modules/$k/updates/dkms/$m.ko" ||
				{ echo "$k: modprobe does not find $m in updates/dkms"; rc=1; }
		done
	done
	[ "$(xenvf --version)" = "xenvf $ver" ] || { echo "xenvf --version: $(xenvf --version)"; rc=1; }
	return $rc
}
check "modinfo -F version (both modules, every kernel) and xenvf --version: $ver" versions
installed_files() {
	local f
	for f in /etc/default/xenvf /etc/modprobe.d/xenvf.conf /usr/sbin/xenvf \
		/lib/systemd/system/xenvf.service /usr/share/man/man1/xenvf.1.gz \
		/usr/share/bash-completion/completions/xenvf \
		/usr/src/xenvf-"$ver"/dkms.conf /etc/systemd/system/multi-user.target.wants/xenvf.service; do
		[ -e "$f" ] || { echo "missing: $f"; return 1; }
	done
	dpkg-query -W -f='${Conffiles}\n' xenvf-utils | grep -q ' /etc/default/xenvf ' &&
		dpkg-query -W -f='${Conffiles}\n' xenvf-utils | grep -q ' /etc/modprobe.d/xenvf.conf ' &&
		man -w xenvf >/dev/null 2>&1 || [ ! -x /usr/bin/man ]
}
check "installed: tool, unit (enabled), man page, completion, conffiles" installed_files
# a definition written as the admin would, so purge has state to remove
mkdir -p /var/lib/xenvf && echo "# test" >/var/lib/xenvf/deb-check.vf
check "purges: apt-get purge xenvf-utils xenvf-dkms" purge
check "dkms status has no xenvf after the purge" test -z "$(dkms status -m xenvf)"
snapshot >"$tmp/after"
check "purge leaves no file behind (every path before = after)" \
	diff -u "$tmp/before" "$tmp/after"

summary deb-check
