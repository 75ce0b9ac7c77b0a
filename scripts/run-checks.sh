#!/usr/bin/env bash
# make check: the xenvf modules build warning-free (W=1, sparse) against
# Debian 12's 6.1 and 6.12 headers and the test kernel; dkms builds the tree;
# every kernel source file passes checkpatch --strict (userspace C is held to
# -Wall -Wextra -Werror and sanitizers instead).
# Ends with "check: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/lib/common.sh

pass=0
fail=0
count() { if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi; }

hdr61=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | sort -V | tail -n1)
hdr612=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -n1)
ktest=$(tests/kernel/build.sh rig)
for k in "$hdr61" "$hdr612" "$ktest"; do
	count scripts/check-build.sh "${k:-missing-headers}"
done
count scripts/check-dkms.sh "$(basename "${hdr61:-none}" | sed 's/^linux-headers-//')"

mapfile -t files < <(git ls-files 'pf_backend/*.[ch]' 'vf_frontend/*.[ch]' \
	'common/*.[ch]' 'msix/*.[ch]' 'napi/*.[ch]' 'pcie_cfg/*.[ch]' \
	'tests/kunit/*.[ch]' 'tests/shared/*.[ch]' 'tests/xen/hostile/*.[ch]')
# The ABI header and the compat header are shared with userspace: they use
# the fixed-width C types and (1u << n) as Xen's io/ headers do. The shared
# test cases list themselves in X-macros, which checkpatch cannot parse.
portable='common/proto/xenvf_proto.h|common/xenvf_compat.h'
xmacro='tests/shared/.*'
checkpatch() {
	"$LINUX_SRC_DIR/scripts/checkpatch.pl" --strict --no-tree --terse \
		--show-types --ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,CAMELCASE$1 \
		-f "${@:2}" 2>/dev/null | grep -v '^total:'
	return "${PIPESTATUS[0]}"
}
mapfile -t kernel_only < <(printf '%s\n' "${files[@]}" | grep -Ev "^($portable|$xmacro)\$")
mapfile -t shared < <(printf '%s\n' "${files[@]}" | grep -E "^($portable)\$")
mapfile -t cases < <(printf '%s\n' "${files[@]}" | grep -E "^($xmacro)\$")
if checkpatch "" "${kernel_only[@]}" &&
   checkpatch ",PREFER_KERNEL_TYPES,BIT_MACRO" "${shared[@]}" &&
   checkpatch ",COMPLEX_MACRO,MACRO_ARG_REUSE" "${cases[@]}"; then
	echo "check: checkpatch --strict clean (${#files[@]} files)"
	pass=$((pass + 1))
else
	echo "check: checkpatch --strict found problems" >&2
	fail=$((fail + 1))
fi
echo "check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
