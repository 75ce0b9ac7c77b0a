#!/usr/bin/env bash
# Build and run every libFuzzer target tests/fuzz/fuzz_<name>.c (clang,
# ASan + UBSan), each for SECONDS, starting from its checked-in seed corpus
# tests/fuzz/corpus/<name>/ (and tests/fuzz/fuzz_<name>.dict when there is
# one). A target's first line may be
#   // fuzz-build: <extra clang arguments, paths relative to the repo root>
# New inputs go to results/fuzz/<name>/corpus (the checked-in corpus is not
# modified); a crash leaves its input in results/fuzz/<name>/ and fails
# that target. One pass or failure per target, with the executions
# libFuzzer reports; ends with "fuzz: N passed, N failed".
#
# Usage: tests/fuzz/run.sh [SECONDS-PER-TARGET] [NAME...]
#   SECONDS 0: no time limit (then set FUZZ_RUNS, or it never ends)
#   FUZZ_RUNS=N: stop each target after N executions (e.g. 100000000)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

secs=${1:-${FUZZ_TIME:-20}}
shift || true
runs=${FUZZ_RUNS:--1}
case "$secs" in '' | *[!0-9]*) die "seconds must be a number: $secs" ;; esac
case "$runs" in -1) ;; '' | *[!0-9]*) die "FUZZ_RUNS must be a number: $runs" ;; esac
out=$XENVF_RESULTS/fuzz
mkdir -p "$out"

if [ "$#" -gt 0 ]; then
	names=("$@")
else
	mapfile -t names < <(for f in tests/fuzz/fuzz_*.c; do
		[ -e "$f" ] || continue
		n=${f##*/fuzz_}
		echo "${n%.c}"
	done)
fi
[ "${#names[@]}" -gt 0 ] || { echo "fuzz: no targets"; echo "fuzz: 0 passed, 1 failed"; exit 1; }

pass=0
fail=0
total_execs=0
table=()

# build NAME: clang the target with its fuzz-build arguments into $out/NAME/
build() {
	local src=tests/fuzz/fuzz_$1.c extra=() line
	line=$(head -n 1 "$src")
	case "$line" in
	'// fuzz-build:'*)
		set -f
		# shellcheck disable=SC2206 # word splitting wanted, globbing off
		extra=(${line#// fuzz-build:})
		set +f
		;;
	esac
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Wall -Werror "${extra[@]}" -o "$out/$1/fuzz_$1" "$src"
}

# execs LOG: the executions libFuzzer counted (-print_final_stats)
execs() {
	sed -n 's/^stat::number_of_executed_units: *\([0-9][0-9]*\)$/\1/p' "$1" | tail -n 1
}

for name in "${names[@]}"; do
	src=tests/fuzz/fuzz_$name.c
	seeds=tests/fuzz/corpus/$name
	dir=$out/$name
	bin=$dir/fuzz_$name
	if [ ! -f "$src" ]; then
		echo "fuzz_$name: no $src"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "$dir/corpus"
	if ! build "$name" > "$dir/build.log" 2>&1; then
		cat "$dir/build.log"
		echo "fuzz_$name: FAIL (does not build)"
		fail=$((fail + 1))
		continue
	fi
	dict=()
	[ -f "tests/fuzz/fuzz_$name.dict" ] && dict=("-dict=tests/fuzz/fuzz_$name.dict")
	nseeds=0
	if [ -d "$seeds" ]; then
		nseeds=$(find "$seeds" -type f | wc -l)
	else
		seeds=
	fi
	log "fuzz_$name: $secs s, $nseeds seeds${FUZZ_RUNS:+, at most $runs runs}"
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -runs="$runs" -timeout=5 -rss_limit_mb=2048 \
		-artifact_prefix="$dir/" -print_final_stats=1 "${dict[@]}" \
		"$dir/corpus" ${seeds:+"$seeds"} > "$dir/fuzz.log" 2>&1
	rc=$?
	n=$(execs "$dir/fuzz.log")
	el=$(( $(date +%s) - start ))
	# a run that ended without its final stats (killed, or libFuzzer
	# refused its options) did not fuzz: a failure, as is a crash
	if [ "$rc" -eq 0 ] && [ -n "$n" ] && [ "$n" -gt 0 ]; then
		echo "fuzz_$name: ok, $n executions in $el s"
		pass=$((pass + 1))
		total_execs=$((total_execs + n))
	else
		tail -n 40 "$dir/fuzz.log"
		echo "fuzz_$name: FAIL (exit $rc, ${n:-no} executions); input in $dir/ (reproduce: $bin <file>)"
		fail=$((fail + 1))
	fi
	table+=("$(printf '%-14s %12s executions %6d s' "$name" "${n:-0}" "$el")")
done
printf '%s\n' "${table[@]}" > "$out/executions.txt"
cat "$out/executions.txt"
echo "fuzz: $total_execs executions in all"
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
