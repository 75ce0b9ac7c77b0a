#!/usr/bin/env bash
# make bench: boot the rig once with scenario bench (tests/xen/scenarios/
# bench.sh: xenvf against netfront/netback, arms alternating), turn its
# BENCH lines into a markdown table and put it into docs/perf.md between the
# bench-rig markers.
#   BENCH_PAIRS (5)  arm pairs;  BENCH_SECS (5)  seconds per measured workload
#   BENCH_LOG=path   only render an existing serial log (no boot)
#   BENCH_DOC (docs/perf.md)  the file whose markers get the table
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

pairs=${BENCH_PAIRS:-5}
secs=${BENCH_SECS:-5}
out=$XENVF_RESULTS/bench
mkdir -p "$out"
log=${BENCH_LOG:-}
if [ -z "$log" ]; then
	rc=0
	RIG_DOM0_EXTRA="xenvf.bench_pairs=$pairs xenvf.bench_secs=$secs" tests/xen/run.sh bench || rc=$?
	log=$XENVF_RESULTS/xen/bench/serial.log
	# a failed boot with results still gets its (partial) table, marked so
	[ "$rc" -eq 0 ] || echo "bench: the bench scenario FAILED (see $log); rendering what it measured" >&2
fi
status=PASS
grep -q 'XENVF-RESULT [0-9a-f]* bench PASS' "$log" || status=FAIL
grep -E '^BENCH' "$log" > "$out/bench-rig.lines" || die "no BENCH lines in $log"
machine=$(rig_machine)
python3 - "$out/bench-rig.lines" "$machine" "$(date -u +%Y-%m-%d)" "$status" > "$out/bench-rig.md" <<'PY'
import re, sys, statistics as st
lines = open(sys.argv[1]).read().splitlines()
machine, date, status = sys.argv[2], sys.argv[3], sys.argv[4]
fails = [l for l in lines if l.startswith('BENCH-FAIL')]
conf = {}
res = {}      # (pair, arm, wl) -> {key: value}
ctr = {}      # (pair, arm, wl, where) -> {name: delta}
cpu = {}      # (pair, arm) -> {domain: secs}, and '_wall'
wcpu = {}     # (pair, arm, wl) -> {domain: secs}, and '_wall': sender's window
loop = {}
for l in lines:
    f = l.split()
    if not f:
        continue
    if f[0] == 'BENCH-CONF':
        conf = dict(x.split('=', 1) for x in f[1:])
    elif f[0] == 'BENCH' and len(f) >= 4:
        res[(int(f[1]), f[2], f[3])] = dict(x.split('=', 1) for x in f[4:] if '=' in x)
    elif f[0] == 'BENCH-CTR' and len(f) == 7:
        ctr.setdefault((int(f[1]), f[2], f[3], f[4]), {})[f[5]] = int(f[6])
    elif f[0] == 'BENCH-CPU' and len(f) == 6:
        d = cpu.setdefault((int(f[1]), f[2]), {})
        d[f[3]] = float(f[4]); d['_wall'] = float(f[5])
    elif f[0] == 'BENCH-WCPU' and len(f) == 7:
        d = wcpu.setdefault((int(f[1]), f[2], f[3]), {})
        d[f[4]] = float(f[5]); d['_wall'] = float(f[6])
    elif f[0] == 'BENCH-LOOP' and len(f) >= 2:
        loop[f[1]] = dict(x.split('=', 1) for x in f[2:] if '=' in x)
pairs = sorted({k[0] for k in res})

def num(v):
    try:
        return float(v.split('/')[0])
    except (AttributeError, ValueError):
        return None

def irqs(p, arm, wl, where, rx):
    c = ctr.get((p, arm, wl, where), {})
    return sum(v for k, v in c.items() if re.match(rx, k))

def events(p, arm, wl, side):
    # event-channel interrupts of the arm's devices: into dom0 (what the
    # guests signalled) or into the two guests (what dom0 signalled)
    if side == 'dom0':
        return irqs(p, arm, wl, 'd1', r'irq_xenvf' if arm == 'xenvf' else r'irq_vif')
    # netfront's queue interrupts are named after its xenbus node (vif0-q0-tx)
    rx = r'irq_xenvf' if arm == 'xenvf' else r'irq_vif'
    return irqs(p, arm, wl, 'g1', rx) + irqs(p, arm, wl, 'g2', rx)

def delivered(p, arm, wl):
    r = res.get((p, arm, wl), {})
    if wl.startswith('udp'):
        return num(r.get('rx_pkts'))
    c = ctr.get((p, arm, wl, 'g2'), {})
    return c.get('dev_rx_packets')

rows = []   # (label, better, fn(pair, arm) -> value or None)
def r(wl, key):
    return lambda p, a: num(res.get((p, a, wl), {}).get(key))
rows += [
    ('TCP stream, TSO on (Mbit/s)', 'higher', r('tcp_tso', 'mbps')),
    ('TCP stream, TSO off (Mbit/s)', 'higher', r('tcp_notso', 'mbps')),
    ('UDP 64 B delivered (pkt/s)', 'higher', r('udp64', 'rx_pps')),
    ('UDP 1472 B delivered (pkt/s)', 'higher', r('udp1472', 'rx_pps')),
    ('UDP 64 B sent (pkt/s)', 'info', r('udp64', 'tx_pps')),
    ('UDP 1472 B sent (pkt/s)', 'info', r('udp1472', 'tx_pps')),
]
def loss(wl):
    def f(p, a):
        x = res.get((p, a, wl), {})
        s, g = num(x.get('sent')), num(x.get('rx_pkts'))
        return 100.0 * (s - g) / s if s else None
    return f
rows += [('UDP 64 B lost (% of sent)', 'lower', loss('udp64')),
         ('UDP 1472 B lost (% of sent)', 'lower', loss('udp1472'))]
for wl, name in (('rr64_idle', 'idle'), ('rr64_stream', 'beside a stream')):
    rows += [('RR 64 B %s p50 (us)' % name, 'lower', r(wl, 'p50_us')),
             ('RR 64 B %s p99 (us)' % name, 'lower', r(wl, 'p99_us')),
             ('RR 64 B %s mean (us)' % name, 'lower', r(wl, 'mean_us'))]
def per_pkt(wl, side):
    def f(p, a):
        d = delivered(p, a, wl)
        return events(p, a, wl, side) / d if d else None
    return f
for wl, name in (('udp64', 'UDP 64 B'), ('tcp_tso', 'TCP TSO on')):
    rows += [('%s: events into dom0 per packet delivered' % name, 'lower', per_pkt(wl, 'dom0')),
             ('%s: events into the guests per packet delivered' % name, 'lower', per_pkt(wl, 'guests'))]
rows += [('TCP TSO on: sender driver bytes/packet (GSO proof)', 'info', r('tcp_tso', 'tx_bytes_per_pkt')),
         ('TCP TSO off: sender driver bytes/packet (GSO proof)', 'info', r('tcp_notso', 'tx_bytes_per_pkt'))]
for dom in ('Domain-0', 'guest1', 'guest2'):
    rows += [('CPU s per arm, %s (xl list)' % dom, 'lower',
              lambda p, a, dom=dom: cpu.get((p, a), {}).get(dom))]
rows += [('arm wall time (s)', 'info', lambda p, a: cpu.get((p, a), {}).get('_wall'))]
# each domain's share of the CPU seconds of all three in the window of
# the sender's guest command (the workload and that command's overhead)
def share(wl, dom):
    def f(p, a):
        d = wcpu.get((p, a, wl), {})
        tot = sum(d.get(x, 0) for x in ('Domain-0', 'guest1', 'guest2'))
        return 100.0 * d[dom] / tot if tot and dom in d else None
    return f
for wl, name in (('tcp_tso', 'TCP TSO on'), ('tcp_notso', 'TCP TSO off'),
                 ('udp64', 'UDP 64 B'), ('udp1472', 'UDP 1472 B')):
    for dom in ('Domain-0', 'guest1', 'guest2'):
        rows += [('%s: CPU share, %s (%% of the three, sender\'s window)' % (name, dom), 'info',
                  share(wl, dom))]

# xenvf's costs per packet from its own counters (BENCH-CTR deltas of the
# sender's representor d1, the receiver's d2 and the guests' ethtool -S);
# netfront/netback count none of these, so their cells stay empty.
def c(p, arm, wl, where, *names):
    d = ctr.get((p, arm, wl, where), {})
    return sum(d.get(n, 0) for n in names)
def own(wl, num_fn, den_fn):
    def f(p, a):
        if a != 'xenvf':
            return None
        d = den_fn(p, a, wl)
        return num_fn(p, a, wl) / d if d else None
    return f
sent_d0 = lambda p, a, wl: c(p, a, wl, 'd1', 'vf_tx_packets')
for wl, name in (('udp64', 'UDP 64 B'), ('udp1472', 'UDP 1472 B'), ('tcp_tso', 'TCP TSO on')):
    rows += [
        ('%s: dom0 grant-copy hypercalls per packet (xenvf-back)' % name, 'lower',
         own(wl, lambda p, a, wl: c(p, a, wl, 'd1', 'tx_grant_copy_calls') +
             c(p, a, wl, 'd2', 'rx_grant_copy_calls'), sent_d0)),
        ('%s: share of packets VF to VF in one dom0 copy, no dom0 skb (xenvf-back)' % name, 'info',
         own(wl, lambda p, a, wl: c(p, a, wl, 'd1', 'vf_tx_vf_direct'), sent_d0)),
        ('%s: sender frags granted per packet (xenvf-front)' % name, 'info',
         own(wl, lambda p, a, wl: c(p, a, wl, 'g1', 'tx_frag_grants'),
             lambda p, a, wl: c(p, a, wl, 'g1', 'dev_tx_packets'))),
        ('%s: receiver bytes copied per byte received (xenvf-front)' % name, 'lower',
         own(wl, lambda p, a, wl: c(p, a, wl, 'g2', 'rx_copied_bytes'),
             lambda p, a, wl: c(p, a, wl, 'g2', 'dev_rx_bytes'))),
    ]

def fmt(v):
    if v is None:
        return '-'
    if abs(v) >= 100:
        return '%.0f' % v
    if abs(v) >= 1:
        return '%.2f' % v
    return '%.3f' % v

def spread(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return '-'
    return '%s (%s-%s)' % (fmt(st.median(vals)), fmt(min(vals)), fmt(max(vals)))

print('<!-- bench-rig:begin -->')
print('Machine: %s.' % machine)
print('Date: %s. Command: `make bench` (%s pairs, %s s per measured workload, %s queue(s) per NIC).'
      % (date, conf.get('pairs', len(pairs)), conf.get('secs', '?'), conf.get('queues', '?')))
if status != 'PASS' or fails:
    print()
    print('**The bench scenario did not pass; these figures are partial.** Failed workloads: %s.'
          % (', '.join(' '.join(l.split()[1:]) for l in fails) or 'none reported'))
print()
print('Each cell: median over the %d pairs (min-max). ratio = xenvf / netfront, the median of the'
      % len(pairs))
print('per-pair ratios (min-max); "lower" rows: lower is better; "info" rows are context.')
print()
print('| workload | xenvf | netfront | ratio | better |')
print('|---|---|---|---|---|')
for label, better, fn in rows:
    xs = [fn(p, 'xenvf') for p in pairs]
    ns = [fn(p, 'netfront') for p in pairs]
    rs = [x / n for x, n in zip(xs, ns) if x is not None and n]
    print('| %s | %s | %s | %s | %s |' % (label, spread(xs), spread(ns), spread(rs), better))
print()
if loop:
    t, u, rr = loop.get('tcp-recv', {}), loop.get('udp-recv', {}), loop.get('rr-cli', {})
    print('Loopback control inside guest1 (the stack alone, once): TCP %s Mbit/s, UDP 64 B %s pkt/s'
          ' delivered, RR 64 B p50 %s us, p99 %s us.' % (t.get('mbps', '-'), u.get('pps', '-'),
          rr.get('p50_us', '-'), rr.get('p99_us', '-')))
    print()
print('Drops by stage, UDP (sum over the pairs; "a/b": netdev stats drops+errors / the driver\'s own drop and error counters; dom0 in/out: the sending/receiving guest\'s port in dom0, xenvf representor or netback vif):')
print()
print('| arm | workload | sent | delivered | sender 100 ms stalls / ENOBUFS | sender dev | dom0 in | dom0 out | receiver dev | receiver socket (UDP InErrors) |')
print('|---|---|---|---|---|---|---|---|---|---|')
for arm in ('xenvf', 'netfront'):
    for wl in ('udp64', 'udp1472'):
        tot = {}
        for p in pairs:
            x = res.get((p, arm, wl), {})
            for k in ('sent', 'rx_pkts', 'send_nobufs', 'send_stalls', 'drop_sock'):
                tot[k] = tot.get(k, 0) + int(num(x.get(k)) or 0)
            for k in ('drop_g1', 'drop_dom0_in', 'drop_dom0_out', 'drop_g2'):
                a, _, b = x.get(k, '0/0').partition('/')
                o = tot.get(k, (0, 0))
                tot[k] = (o[0] + int(a or 0), o[1] + int(b or 0))
        print('| %s | %s | %d | %d | %d/%d | %d/%d | %d/%d | %d/%d | %d/%d | %d |' % (
            arm, wl, tot['sent'], tot['rx_pkts'], tot['send_stalls'], tot['send_nobufs'], *tot['drop_g1'],
            *tot['drop_dom0_in'], *tot['drop_dom0_out'], *tot['drop_g2'], tot['drop_sock']))
print('<!-- bench-rig:end -->')
PY
cat "$out/bench-rig.md"
doc=${BENCH_DOC:-docs/perf.md}
grep -q '<!-- bench-rig:begin -->' "$doc" || die "$doc has no bench-rig markers"
python3 - "$out/bench-rig.md" "$doc" <<'PY'
import re, sys
new = open(sys.argv[1]).read().strip()
doc = open(sys.argv[2]).read()
doc = re.sub(r'<!-- bench-rig:begin -->.*?<!-- bench-rig:end -->', lambda m: new, doc, flags=re.S)
open(sys.argv[2], 'w').write(doc)
PY
log "$doc updated ($out/bench-rig.md)"
