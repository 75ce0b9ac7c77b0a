#!/usr/bin/env bash
# Build the libFuzzer target (clang, ASan + UBSan) and fuzz for FUZZ_TIME
# seconds (default 20), starting from the checked-in seed corpus
# tests/fuzz/corpus/. New inputs go to results/fuzz/corpus (the checked-in
# corpus is not modified); a crash leaves its input in results/fuzz/ and
# fails the run. Ends with "fuzz: N passed, N failed".
#
# Usage: tests/fuzz/run.sh [seconds]
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

secs=${1:-${FUZZ_TIME:-20}}
out=$XENVF_RESULTS/fuzz
mkdir -p "$out/corpus"
bin=$out/fuzz_proto
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Icommon/proto -o "$bin" tests/fuzz/fuzz_proto.c ||
	{ echo "fuzz: 0 passed, 1 failed"; exit 1; }

log "fuzzing for $secs s from $(ls tests/fuzz/corpus | wc -l) seeds"
if "$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 \
	-artifact_prefix="$out/" -print_final_stats=1 \
	"$out/corpus" tests/fuzz/corpus > "$out/fuzz.log" 2>&1; then
	grep -E '^(Done|stat::number_of_executed_units)' "$out/fuzz.log"
	echo "fuzz: 1 passed, 0 failed"
else
	tail -n 40 "$out/fuzz.log"
	echo "fuzz: crash input saved in $out/ (reproduce: $bin <file>)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
