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
while IFS='|' read -r file test from to; do
	case "$file" in '' | '#'*) continue ;; esac
	n=$((n + 1))
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
	if make -s -C "$work/tree/tests/unit" "$test" >/dev/null 2>&1 &&
	   "$work/tree/tests/unit/$test" >/dev/null 2>&1; then
		echo "mutant $n SURVIVED ($file): $from" >&2
		survived=$((survived + 1))
	else
		killed=$((killed + 1))
	fi
done < "$root/tests/unit/mutants.txt"
echo "mutants: $killed passed, $survived failed"
[ "$survived" -eq 0 ]
