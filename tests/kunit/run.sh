#!/usr/bin/env bash
# Run every KUnit suite of tests/kunit/*_kunit.c in the test kernel under
# QEMU, parse the KTAP with the kernel's kunit.py and fail on any failed,
# crashed or missing suite. Logs go to results/kunit/.
#
# Usage: tests/kunit/run.sh
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$XENVF_ROOT/tests/lib/initramfs.sh"

KUNIT_TIMEOUT=${KUNIT_TIMEOUT:-300}
kdir=$("$XENVF_ROOT/tests/kernel/build.sh" kunit)
res=$XENVF_RESULTS/kunit
rm -rf "$res"
mkdir -p "$res"

log "building KUnit modules against $kdir"
make -s -C "$kdir" M="$XENVF_ROOT/tests/kunit" W=1 modules >"$res/build.log" 2>&1 ||
	{ cat "$res/build.log" >&2; die "KUnit modules failed to build"; }

mapfile -t suites < <(sed -n 's/^\t\.name = "\(.*\)",$/\1/p' "$XENVF_ROOT"/tests/kunit/*_kunit.c)
[ "${#suites[@]}" -gt 0 ] || die "no KUnit suites found"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
initramfs_base "$root"
mkdir -p "$root/kunit"
cp "$XENVF_ROOT"/tests/kunit/*.ko "$root/kunit/"
cat > "$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo "XENVF-KUNIT-BEGIN" > /dev/kmsg
echo "KTAP version 1" > /dev/kmsg
for m in /kunit/*.ko; do
	insmod "$m" || echo "XENVF-KUNIT-INSMOD-FAILED $m" > /dev/kmsg
done
echo "XENVF-KUNIT-END" > /dev/kmsg
poweroff -f
INIT
chmod +x "$root/init"
pack_cpio "$root" "$res/initramfs.cpio"

log "booting test kernel with ${#suites[@]} suite(s)"
start=$(date +%s)
rc=0
timeout "$KUNIT_TIMEOUT" qemu-system-x86_64 -accel tcg -machine pc -cpu max \
	-m 512 -smp 1 -display none -monitor none -no-reboot \
	-serial "file:$res/console.log" \
	-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$res/initramfs.cpio" \
	-append "console=ttyS0 oops=panic panic=-1 panic_on_warn=1" </dev/null || rc=$?
log "QEMU finished in $(( $(date +%s) - start )) s (exit $rc)"
[ "$rc" -ne 124 ] || echo "kunit: timed out after $KUNIT_TIMEOUT s" >&2

sed -n '/XENVF-KUNIT-BEGIN/,/XENVF-KUNIT-END/p' "$res/console.log" |
	tr -d '\r' | grep -v 'XENVF-KUNIT-BEGIN' > "$res/ktap.log" || true

fail=0
if ! grep -q XENVF-KUNIT-END "$res/ktap.log"; then
	echo "kunit: the run did not finish (crash or timeout); see $res/console.log" >&2
	fail=1
fi
if grep -q XENVF-KUNIT-INSMOD-FAILED "$res/ktap.log"; then
	grep XENVF-KUNIT-INSMOD-FAILED "$res/ktap.log" >&2
	fail=1
fi
# The data path runs in NAPI's softirq and the suites drive it with bottom
# halves off: a sleeping call there (CONFIG_DEBUG_ATOMIC_SLEEP, in the
# kunit kernel through tests/kernel/debug.config) or a lockdep report
# fails the run, though KUnit's own verdict would not see it.
splat='BUG: (sleeping function called from invalid context|scheduling while atomic)|WARNING: (inconsistent lock state|possible (circular|recursive) locking)'
if grep -Eq "$splat" "$res/ktap.log"; then
	grep -E -A3 "$splat" "$res/ktap.log" >&2
	echo "kunit: a sleeping call in atomic context or a lockdep report; see $res/console.log" >&2
	fail=1
fi
for s in "${suites[@]}"; do
	if ! grep -Eq "^(\[[^]]*\] )?(not )?ok [0-9]+ $s\$" "$res/ktap.log"; then
		echo "kunit: suite $s is missing from the results" >&2
		fail=1
	fi
done

python3 "$LINUX_SRC_DIR/tools/testing/kunit/kunit.py" parse "$res/ktap.log" \
	> "$res/parsed.log" 2>&1 || fail=1
cat "$res/parsed.log"
totals=$(grep -Eo 'Ran [0-9]+ tests?: passed: [0-9]+(, failed: [0-9]+)?(, crashed: [0-9]+)?' \
	"$res/parsed.log" | tail -n1)
passed=$(sed -n 's/.*passed: \([0-9]*\).*/\1/p' <<<"$totals")
failed=$(sed -n 's/.*failed: \([0-9]*\).*/\1/p' <<<"$totals")
crashed=$(sed -n 's/.*crashed: \([0-9]*\).*/\1/p' <<<"$totals")
passed=${passed:-0}
failed=$(( ${failed:-0} + ${crashed:-0} ))
if [ "$fail" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1	# a crash, timeout or missing suite counts as a failure
fi
echo "kunit: $passed passed, $failed failed"
[ "$fail" -eq 0 ] && [ "$failed" -eq 0 ]
