#!/usr/bin/env bash
# The packaging layer of make test (fast: no install). Builds xenvf-dkms and
# xenvf-utils (scripts/build-deb.sh, into results/deb) and checks them:
# lintian, their file lists and conffiles against the lists kept here, the
# version everywhere, the maintainer scripts, the bash completion, and that
# the build left the tree as it was. Prints "deb: N passed, N failed".
# The install/purge check on this machine is tests/deb/install-check.sh
# (make deb-check).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
here=tests/deb
out=$XENVF_RESULTS/deb
ver=$(cat VERSION)
. tests/deb/lib.sh
dkms_deb=$out/xenvf-dkms_${ver}_all.deb
utils_deb=$out/xenvf-utils_${ver}_$(dpkg --print-architecture).deb
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

before=$(git status --porcelain --untracked-files=all)
check "dpkg-buildpackage builds both packages" \
	sh -c 'bash scripts/build-deb.sh "$1" >/dev/null && test -f "$2" && test -f "$3"' \
	_ "$out" "$dkms_deb" "$utils_deb"
check "the build leaves the tree as it was (git status)" \
	test "$before" = "$(git status --porcelain --untracked-files=all)"

# lintian: no error, and no warning but those listed (with why) in
# lintian-allowed.txt
lintian_new() {
	[ -s "$out/lintian.txt" ] || [ -f "$out/lintian.txt" ] || return 1
	if grep -E '^E: ' "$out/lintian.txt"; then
		return 1
	fi
	! grep -E '^W: ' "$out/lintian.txt" |
		grep -vxF -f <(grep -vE '^(#|$)' "$here/lintian-allowed.txt")
}
check "lintian: no errors, no warnings but the documented ones" lintian_new

# file lists: "mode path" of every entry (dates and sizes left out)
files_of() {
	dpkg-deb --fsys-tarfile "$1" | tar -tvf - |
		awk '{ p = $6; for (i = 7; i <= NF; i++) p = p " " $i; print $1, p }'
}
check "xenvf-dkms holds exactly the files of xenvf-dkms.files" \
	diff -u <(grep -v '^#' "$here/xenvf-dkms.files" | sed "s/@VERSION@/$ver/") \
	<(files_of "$dkms_deb")
check "xenvf-utils holds exactly the files of xenvf-utils.files" \
	diff -u <(grep -v '^#' "$here/xenvf-utils.files") <(files_of "$utils_deb")
check "xenvf-utils' conffiles: /etc/default/xenvf, /etc/modprobe.d/xenvf.conf" \
	diff -u <(printf '%s\n' /etc/default/xenvf /etc/modprobe.d/xenvf.conf) \
	<(dpkg-deb -I "$utils_deb" conffiles)

dpkg-deb -x "$dkms_deb" "$tmp/dkms"
dpkg-deb -x "$utils_deb" "$tmp/utils"
dpkg-deb -e "$dkms_deb" "$tmp/dkms-ctl"
dpkg-deb -e "$utils_deb" "$tmp/utils-ctl"
versions() {
	local conf=$tmp/dkms/usr/src/xenvf-$ver/dkms.conf
	test "$(dpkg-parsechangelog -l debian/changelog -SVersion)" = "$ver" &&
		test "$(dpkg-deb -f "$dkms_deb" Version)" = "$ver" &&
		test "$(dpkg-deb -f "$utils_deb" Version)" = "$ver" &&
		test "$("$tmp/utils/usr/sbin/xenvf" --version)" = "xenvf $ver" &&
		test "$(cat "$tmp/dkms/usr/src/xenvf-$ver/VERSION")" = "$ver" &&
		grep -qx "PACKAGE_VERSION=\"$ver\"" "$conf" &&
		! grep -q '#MODULE_VERSION#' "$conf"
}
check "version $ver: changelog, both packages, xenvf --version, DKMS source" versions
check "xenvf-dkms postinst/prerm add, build, install and remove xenvf/$ver with DKMS" \
	sh -c 'for s in postinst prerm; do
			grep -qx "DKMS_NAME=xenvf" "$2/$s" &&
			grep -qx "DKMS_VERSION=$1" "$2/$s" || exit 1
		done
		grep -q "/usr/lib/dkms/common.postinst" "$2/postinst" &&
		grep -q "dkms remove -m \$DKMS_NAME -v \$DKMS_VERSION --all" "$2/prerm"' \
	_ "$ver" "$tmp/dkms-ctl"
check "xenvf-utils: purge removes /var/lib/xenvf, the unit is enabled" \
	sh -c 'grep -q "rm -rf /var/lib/xenvf" "$1/postrm" &&
		grep -q "deb-systemd-helper.*enable.*xenvf.service" "$1/postinst" &&
		grep -qx "ExecStart=/usr/sbin/xenvf watch" \
			"$2/lib/systemd/system/xenvf.service"' _ "$tmp/utils-ctl" "$tmp/utils"
check "xenvf-evi.service: evi load of /etc/xenvf/evi.conf when it exists, enabled" \
	sh -c 'u=$2/lib/systemd/system/xenvf-evi.service
		grep -qx "ExecStart=/usr/sbin/xenvf evi load /etc/xenvf/evi.conf" "$u" &&
		grep -qx "ConditionPathExists=/etc/xenvf/evi.conf" "$u" &&
		grep -q "deb-systemd-helper.*enable.*xenvf-evi.service" "$1/postinst"' \
	_ "$tmp/utils-ctl" "$tmp/utils"
# every module parameter of both modules is described in the modprobe.d
# example: as an option, or the read-only ones (module_param_cb with no
# argument and mode 0444: state, never set) on a "# read only" line
ro_params() {
	grep -ohE 'module_param_cb\([a-z_]+, [^,]+, NULL, 0444\)' \
		pf_backend/*.c vf_frontend/*.c | sed 's/module_param_cb(//; s/,.*//'
}
params() {
	local p missing= ro
	ro=" $(ro_params | tr '\n' ' ')"
	for p in $(grep -ohE 'module_param(_named|_cb)?\([a-z_]+' \
			pf_backend/*.c vf_frontend/*.c | sed 's/.*(//' | sort -u); do
		if [[ $ro == *" $p "* ]]; then
			grep -qE "^# read only .*\b$p\b" \
				"$tmp/utils/etc/modprobe.d/xenvf.conf" || missing+=" $p"
			continue
		fi
		grep -qE "^#options xenvf-(back|front) .*\b$p=" \
			"$tmp/utils/etc/modprobe.d/xenvf.conf" || missing+=" $p"
	done
	[ -z "$missing" ] || { echo "not in modprobe.d/xenvf.conf:$missing"; return 1; }
}
check "modprobe.d/xenvf.conf shows every module parameter" params
# ... and xenvf(1)'s MODULE PARAMETERS section, which LIMITATIONS follows
man_params() {
	local p missing= sect ro
	ro=" $(ro_params | tr '\n' ' ')"
	sect=$(zcat "$tmp/utils/usr/share/man/man1/xenvf.1.gz" |
		sed -n '/^\.SH MODULE PARAMETERS/,/^\.SH JSON/p')
	for p in $(grep -ohE 'module_param(_named|_cb)?\([a-z_]+' \
			pf_backend/*.c vf_frontend/*.c | sed 's/.*(//' | sort -u); do
		if [[ $ro == *" $p "* ]]; then	# a tag of its own: .B name
			grep -qx "\.B $p" <<<"$sect" || missing+=" $p"
			continue
		fi
		grep -qE "\b$p=" <<<"$sect" || missing+=" $p"
	done
	[ -z "$missing" ] || { echo "not in xenvf(1) MODULE PARAMETERS:$missing"; return 1; }
	zcat "$tmp/utils/usr/share/man/man1/xenvf.1.gz" | grep -qx '\.SH LIMITATIONS'
}
check "xenvf(1): every module parameter, a LIMITATIONS section" man_params
# bash completion, as bash runs it on TAB
complete_to() {	# complete_to "WANT" WORDS...: the completions of the last word
	local want=$1
	shift
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_xenvf; echo "${COMPREPLY[*]}"' _ \
		"$tmp/utils/usr/share/bash-completion/completions/xenvf" "$@" |
		grep -qxF -- "$want" || {
		echo "completing '$*': want '$want'"
		return 1
	}
}
completion() {
	complete_to "attach" xenvf at &&
		complete_to "detach define" xenvf de &&
		complete_to "vlan=" xenvf attach dom1 vl &&
		complete_to "trust=on trust=off" xenvf attach dom1 trust= &&
		complete_to "isolated=on isolated=off" xenvf attach dom1 isolated= &&
		complete_to "isolated=" xenvf set dom1 0 iso &&
		complete_to "rate=" xenvf set dom1 0 ra &&
		complete_to "peer" xenvf evi pe &&
		complete_to "save" xenvf evi sa &&
		complete_to "--defined" xenvf list --d
}
check "bash completion: commands, keys, values, evi objects" completion

summary deb
