#!/usr/bin/env bash
# make test: every layer of xenvf's tests, in order of cost. Each layer prints
# "<layer>: N passed, N failed"; this script adds them up and ends with the
# same line over all layers. Exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/lib/common.sh
mkdir -p "$XENVF_RESULTS"

total_pass=0
total_fail=0
summary=()

# The passes each layer must report, derived from the tree where it can be:
# a layer that reports fewer (it ran no test, or skipped some) fails, so an
# empty or truncated layer never counts as passed.
#   check: 3 kernels (6.1, 6.12, the test kernel) + dkms + checkpatch
#   unit: every cmocka case (cmocka_unit_test in tests/unit/, the X() lists
#     of tests/shared/), every check of tests/xen/guest/test-lib.sh
#   deb: every check of tests/deb/run.sh
#   mutants: every line of tests/unit/mutants.txt
#   fuzz: every target tests/fuzz/fuzz_*.c
#   kunit: every KUNIT_CASE in tests/kunit/ and the shared X() cases
#   rig: every scenario of the rig's default list (tests/xen/run.sh --list:
#     all of tests/xen/scenarios/ but demo, bench and `# rig-manual: yes`)
occurrences() { cat "${@:2}" 2>/dev/null | grep -oE "$1" | wc -l; }
shared_cases=$(occurrences '\bX\(' tests/shared/*_cases.c)
mapfile -t rig_scenarios < <(tests/xen/run.sh --list)
min_check=5
min_unit=$(( $(occurrences 'cmocka_unit_test\(' tests/unit/*.c) + shared_cases +
	$(occurrences '\bok "' tests/xen/guest/test-lib.sh tests/bench/smoke.sh) ))
min_deb=$(grep -c '^check "' tests/deb/run.sh)
min_mutants=$(grep -cvE '^(#|$)' tests/unit/mutants.txt)
min_fuzz=$(ls tests/fuzz/fuzz_*.c | wc -l)
min_kunit=$(( $(occurrences '\bKUNIT_CASE' tests/kunit/*.c) + shared_cases ))
min_rig=${#rig_scenarios[@]}
[ "$min_rig" -gt 0 ] || min_rig=1	# no list: the rig must still pass something

# run_layer NAME MIN CMD...: run a layer, take its counts from its last
# "N passed, N failed" line (a layer that fails without one counts 1
# failure, as does one that reports fewer than MIN passes).
run_layer() {
	local name=$1 min=$2 start rc line p f short=
	shift 2
	start=$(date +%s)
	log "=== $name ==="
	"$@" 2>&1 | tee "$XENVF_RESULTS/$name.log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$XENVF_RESULTS/$name.log" | tail -n1)
	p=$(sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p' <<<"$line")
	f=$(sed -n 's/.*\b\([0-9][0-9]*\) failed.*/\1/p' <<<"$line")
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$p" -lt "$min" ]; then
		echo "$name: $p passed, fewer than the $min it must run" >&2
		short=" (want >= $min passed)"
		f=$((f + 1))
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-8s %4d passed %4d failed %5d s%s' "$name" "$p" "$f" \
		$(( $(date +%s) - start )) "$short")")
}

# the fuzz layer's budget, split between the targets: ~100 s in all, at
# least 5 s each (make fuzz / make fuzz-long run them long)
fuzz_secs=$(( 100 / (min_fuzz > 0 ? min_fuzz : 1) ))
[ "$fuzz_secs" -ge 5 ] || fuzz_secs=5

run_layer deps 0 bash scripts/install-deps.sh
# The test kernels build in the background while the layers that need none
# run: on a cold cache (about 25 min of both CPUs) they fill the time those
# single-threaded layers leave idle. The kernel layer then waits for them;
# the layers after it need them.
kernel_start=$(date +%s)
tests/kernel/build.sh all > "$XENVF_RESULTS/kernel-build.log" 2>&1 &
kernel_pid=$!
run_layer unit "$min_unit" sh -c 'make -s -C xen-tools && make -s -C tests/unit run'
run_layer deb "$min_deb" tests/deb/run.sh
run_layer mutants "$min_mutants" tests/unit/mutate.sh
run_layer fuzz "$min_fuzz" tests/fuzz/run.sh "$fuzz_secs"
wait "$kernel_pid"
kernel_rc=$?
echo "test kernels ready $(( $(date +%s) - kernel_start )) s after the start of their build (rc $kernel_rc)" \
	>> "$XENVF_RESULTS/kernel-build.log"
run_layer kernel 0 sh -c 'cat "$1"; exit "$2"' sh "$XENVF_RESULTS/kernel-build.log" "$kernel_rc"
run_layer check "$min_check" bash scripts/run-checks.sh
run_layer kunit "$min_kunit" tests/kunit/run.sh
# no names: run.sh runs the same set (all but demo), longest first
run_layer rig "$min_rig" tests/xen/run.sh

echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
