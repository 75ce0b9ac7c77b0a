#!/usr/bin/env bash
# make bench-ring: build and run tests/bench/bench_ring.c, print a markdown
# section (machine, date, command, table) and put it into docs/perf.md
# between the bench-ring markers.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

msgs=${BENCH_MSGS:-4000000}
out=$XENVF_RESULTS/bench
mkdir -p "$out"
gcc -O2 -g -pthread -std=gnu11 -Wall -Wextra -Werror -Icommon/proto \
	-o "$out/bench_ring" tests/bench/bench_ring.c
{
	echo "<!-- bench-ring:begin -->"
	echo "Machine: $(nproc) vCPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)," \
	     "$(free -g | awk '/^Mem:/{print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), gcc $(gcc -dumpfullversion)."
	echo "Date: $(date -u +%Y-%m-%d). Command: \`make bench-ring\` (BENCH_MSGS=$msgs messages per xenvf and handoff run, a quarter of that for naive; 5 runs of each; threads pinned to CPUs 0 and 1)."
	echo
	"$out/bench_ring" "$msgs"
	echo "<!-- bench-ring:end -->"
} > "$out/bench-ring.md"
cat "$out/bench-ring.md"
if grep -q '<!-- bench-ring:begin -->' docs/perf.md 2>/dev/null; then
	python3 - "$out/bench-ring.md" <<'PY'
import re, sys
new = open(sys.argv[1]).read().strip()
doc = open('docs/perf.md').read()
doc = re.sub(r'<!-- bench-ring:begin -->.*?<!-- bench-ring:end -->', lambda m: new, doc, flags=re.S)
open('docs/perf.md', 'w').write(doc)
PY
	log "docs/perf.md updated"
fi
