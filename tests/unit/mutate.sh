#!/usr/bin/env bash
# Mutation check: for each mutant in tests/unit/mutants.txt (one removed or
# weakened validation in common/), build the unit test that covers it
# against the mutated source and expect it to fail. A surviving mutant is a
# check no test notices. Ends with "mutants: N passed, N failed" (passed =
# mutants killed).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jobs_max=${MUTATE_JOBS:-$(nproc)}

# one_mutant N LINE: build and run mutant N in its own tree; writes
# "killed" or the reason it counts as survived into $work/N.res.
one_mutant() {
	local n=$1 line=$2 file test from to t=$work/t$1
	local -a f
	# fields are split at '|'; a '|' inside a text is written '\|'
	mapfile -t f < <(python3 -c 'import re, sys
for x in re.split(r"(?<!\\)\|", sys.argv[1], maxsplit=3):
    print(x.replace("\\|", "|"))' "$line")
	if [ "${#f[@]}" -ne 4 ]; then
		echo "mutant $n: not file|test|text|replacement: $line" > "$work/$n.res"
		return
	fi
	file=${f[0]} test=${f[1]} from=${f[2]} to=${f[3]}
	mkdir -p "$t"
	cp -r common tests xen-tools "$t/"
	if ! python3 - "$t/$file" "$from" "$to" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2].replace('\\n', '\n').replace('\\t', '\t'), sys.argv[3].replace('\\n', '\n').replace('\\t', '\t')
src = open(path).read()
if src.count(old) != 1:
    sys.exit(1)
open(path, 'w').write(src.replace(old, new))
PY
	then
		echo "mutant $n ($file): text not found exactly once: $from" > "$work/$n.res"
	elif ! make -s -C "$t/tests/unit" MUTANT_CFLAGS=-Wno-error "$test" \
		>/dev/null 2>&1; then
		# a mutant that does not build kills nothing: fix its line
		echo "mutant $n does not build ($file): $from" > "$work/$n.res"
	elif "$t/tests/unit/$test" >/dev/null 2>&1; then
		echo "mutant $n SURVIVED ($file): $from" > "$work/$n.res"
	else
		echo killed > "$work/$n.res"
	fi
	rm -rf "$t"
}

# MUTATE_JOBS (default: the CPUs) mutants at a time, each in its own tree
n=0
running=0
while IFS= read -r line; do
	case "$line" in '' | '#'*) continue ;; esac
	n=$((n + 1))
	if [ "$running" -ge "$jobs_max" ]; then
		wait -n
		running=$((running - 1))
	fi
	one_mutant "$n" "$line" &
	running=$((running + 1))
done < "$root/tests/unit/mutants.txt"
wait

killed=0
survived=0
for i in $(seq "$n"); do
	r=$(cat "$work/$i.res" 2>/dev/null) || r="mutant $i: no result"
	if [ "$r" = killed ]; then
		killed=$((killed + 1))
	else
		echo "$r" >&2
		survived=$((survived + 1))
	fi
done
echo "mutants: $killed passed, $survived failed"
[ "$survived" -eq 0 ]
