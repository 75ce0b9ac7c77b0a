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

killed=0
survived=0
n=0
while IFS= read -r line; do
	case "$line" in '' | '#'*) continue ;; esac
	n=$((n + 1))
	# fields are split at '|'; a '|' inside a text is written '\|'
	mapfile -t f < <(python3 -c 'import re, sys
for x in re.split(r"(?<!\\)\|", sys.argv[1], maxsplit=3):
    print(x.replace("\\|", "|"))' "$line")
	if [ "${#f[@]}" -ne 4 ]; then
		echo "mutant $n: not file|test|text|replacement: $line" >&2
		survived=$((survived + 1))
		continue
	fi
	file=${f[0]} test=${f[1]} from=${f[2]} to=${f[3]}
	rm -rf "$work/tree"
	mkdir -p "$work/tree"
	cp -r common tests xen-tools "$work/tree/"
	if ! python3 - "$work/tree/$file" "$from" "$to" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2].replace('\\n', '\n').replace('\\t', '\t'), sys.argv[3].replace('\\n', '\n').replace('\\t', '\t')
src = open(path).read()
if src.count(old) != 1:
    sys.exit(1)
open(path, 'w').write(src.replace(old, new))
PY
	then
		echo "mutant $n ($file): text not found exactly once: $from" >&2
		survived=$((survived + 1))
		continue
	fi
	if ! make -s -C "$work/tree/tests/unit" MUTANT_CFLAGS=-Wno-error "$test" \
		>/dev/null 2>&1; then
		# a mutant that does not build kills nothing: fix its line
		echo "mutant $n does not build ($file): $from" >&2
		survived=$((survived + 1))
	elif "$work/tree/tests/unit/$test" >/dev/null 2>&1; then
		echo "mutant $n SURVIVED ($file): $from" >&2
		survived=$((survived + 1))
	else
		killed=$((killed + 1))
	fi
done < "$root/tests/unit/mutants.txt"
echo "mutants: $killed passed, $survived failed"
[ "$survived" -eq 0 ]
