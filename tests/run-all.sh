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

# run_layer NAME CMD...: run a layer, take its counts from its last
# "N passed, N failed" line (a layer that fails without one counts 1 failure).
run_layer() {
	local name=$1 start rc line p f
	shift
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
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-8s %4d passed %4d failed %5d s' "$name" "$p" "$f" $(( $(date +%s) - start )))")
}

run_layer deps bash scripts/install-deps.sh
run_layer kernel tests/kernel/build.sh all
run_layer check bash scripts/run-checks.sh
run_layer unit sh -c 'make -s -C xen-tools && make -s -C tests/unit run'
run_layer mutants tests/unit/mutate.sh
run_layer fuzz tests/fuzz/run.sh 20
run_layer kunit tests/kunit/run.sh
run_layer rig tests/xen/run.sh

echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
