#!/usr/bin/env bash
# make bench-migrate: the downtime of a localhost live migration, xenvf
# against netfront/netback in the same boot. Boots the rig's xenvf-migrate
# scenario BENCH_RUNS times (one migration each, with a paced TCP stream
# through the VF and dom0 pinging both NICs every 0.1 s: the longest time
# between two replies, on dom0's clock, is each NIC's downtime), and puts the table into docs/perf.md
# between the bench-migrate markers.
#   BENCH_RUNS (3)        boots
#   BENCH_LOGS="a b ..."  only render existing serial logs (no boot)
#   BENCH_DOC (docs/perf.md)  the file whose markers get the table
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

runs=${BENCH_RUNS:-3}
[ "$runs" -ge 1 ] 2>/dev/null || die "BENCH_RUNS must be a number >= 1"
out=$XENVF_RESULTS/bench
mkdir -p "$out"
logs=()
if [ -n "${BENCH_LOGS:-}" ]; then
	read -r -a logs <<< "$BENCH_LOGS"
else
	for i in $(seq 1 "$runs"); do
		rc=0
		tests/xen/run.sh xenvf-migrate || rc=$?
		cp "$XENVF_RESULTS/xen/xenvf-migrate/serial.log" "$out/migrate-$i.log"
		[ "$rc" -eq 0 ] || echo "bench-migrate: boot $i FAILED (see $out/migrate-$i.log)" >&2
		logs+=("$out/migrate-$i.log")
	done
fi
machine=$(rig_machine)
python3 - "$machine" "$(date -u +%Y-%m-%d)" "${logs[@]}" > "$out/bench-migrate.md" <<'PY'
import re, sys, statistics as st
machine, date, logs = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = []
for path in logs:
    text = open(path, errors='replace').read()
    ok = re.search(r'XENVF-RESULT [0-9a-f]+ xenvf-migrate PASS', text) is not None
    d = {}
    for arm, secs, replies, lost in re.findall(r'^MIGRATE-DOWNTIME (\w+) ([0-9.]+) s \((\d+) replies(?:; (\d+) lost)?', text, re.M):
        d[arm] = (float(secs), int(replies), int(lost) if lost else None)
    m = re.search(r'^  migrate ([0-9.]+) s', text, re.M)
    rows.append((path, ok, d, float(m.group(1)) if m else None))
good = [r for r in rows if r[1] and 'xenvf' in r[2] and 'netfront' in r[2]]
print('<!-- bench-migrate:begin -->')
print('Machine: %s.' % machine)
print('Date: %s. Command: `make bench-migrate` (%d boot(s) of the rig scenario xenvf-migrate, one `xl migrate -s "" guest1 "xl migrate-receive"` each).' % (date, len(rows)))
print()
print('Downtime: the longest time between two replies (on dom0\'s clock, from the last reply before')
print('the gap to the first after it) of a 0.1 s ping from dom0 to each NIC of the migrating PVH guest')
print('(its xenvf VF and its netfront vif, same boot, same migration), while a paced 4 MB TCP stream')
print('runs through the VF; lower is better. ratio = xenvf / netfront. "lost": requests unanswered in')
print('that gap.')
print()
print('| boot | result | `xl migrate` (s) | xenvf downtime (s) | netfront downtime (s) | ratio | lost xenvf / netfront |')
print('|---|---|---|---|---|---|---|')
for i, (path, ok, d, mig) in enumerate(rows, 1):
    x = d.get('xenvf'); n = d.get('netfront')
    ratio = '%.2f' % (x[0] / n[0]) if x and n and n[0] > 0 else '-'
    lost = '%s / %s' % (x[2] if x and x[2] is not None else '-',
                        n[2] if n and n[2] is not None else '-')
    print('| %d | %s | %s | %s | %s | %s | %s |' % (i, 'PASS' if ok else 'FAIL',
          '%.1f' % mig if mig is not None else '-',
          '%.2f' % x[0] if x else '-', '%.2f' % n[0] if n else '-', ratio, lost))
if good:
    xs = [r[2]['xenvf'][0] for r in good]; ns = [r[2]['netfront'][0] for r in good]
    rs = [x / n for x, n in zip(xs, ns) if n > 0]
    print('| median of the %d passed | | | %.2f (%.2f-%.2f) | %.2f (%.2f-%.2f) | %s | |' % (
        len(good), st.median(xs), min(xs), max(xs), st.median(ns), min(ns), max(ns),
        '%.2f (%.2f-%.2f)' % (st.median(rs), min(rs), max(rs)) if rs else '-'))
print('<!-- bench-migrate:end -->')
PY
doc=${BENCH_DOC:-docs/perf.md}
grep -q '<!-- bench-migrate:begin -->' "$doc" || die "$doc has no bench-migrate markers"
python3 - "$out/bench-migrate.md" "$doc" <<'PY'
import re, sys
new = open(sys.argv[1]).read().rstrip('\n')
doc = open(sys.argv[2]).read()
doc = re.sub(r'<!-- bench-migrate:begin -->.*?<!-- bench-migrate:end -->', lambda m: new, doc, flags=re.S)
open(sys.argv[2], 'w').write(doc)
PY
log "$doc updated ($out/bench-migrate.md)"
