# Smoke test of the rig benchmark's traffic tool (tests/bench/xvperf.c):
# each mode runs about a second over loopback and must move packets and
# print its well-formed result line. No timing is judged. Run with busybox
# sh by tests/unit's `make run` (XVPERF: the binary, default ./xvperf);
# prints cmocka-style summary lines.
# shellcheck shell=sh
XVPERF=${XVPERF:-./xvperf}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "[       OK ] $1"; }
bad() { failed=$((failed + 1)); echo "[  FAILED  ] $1"; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# ports of this run: concurrent runs of the suite must not collide
port=$((20000 + $$ % 20000))
num='[0-9][0-9]*'
dec='[0-9][0-9]*\.[0-9]*'

# the line of MODE in FILE matches the regex REST after "PERF MODE "
line_ok() { grep -Eqx "PERF $1 $2" "$3"; }
val() { tr ' ' '\n' < "$2" | sed -n "s/^$1=//p" | head -n1; }

if [ -x "$XVPERF" ]; then ok "xvperf built"; else bad "xvperf: no binary at $XVPERF"; fi

# UDP: a 64-byte stream for 1 s, the receiver ends 2 s after the last one
"$XVPERF" udp-recv $port 8 > "$t/ur" 2>&1 &
r=$!
sleep 0.2
"$XVPERF" udp-send 127.0.0.1 $port 64 1 > "$t/us" 2>&1
wait $r
if line_ok udp-send "size=64 pkts=$num nobufs=$num stalls=$num errors=$num secs=$dec pps=$num" "$t/us" &&
   line_ok udp-recv "pkts=$num bytes=$num secs=$dec pps=$num mbps=$dec" "$t/ur"; then
	ok "udp-send/udp-recv: result lines"
else
	bad "udp-send/udp-recv: result lines: $(cat "$t/us" "$t/ur")"
fi
s=$(val pkts "$t/us")
g=$(val pkts "$t/ur")
b=$(val bytes "$t/ur")
if [ "${g:-0}" -gt 0 ] && [ "$g" -le "${s:-0}" ] && [ "${b:-0}" -eq $((g * 64)) ]; then
	ok "udp: $g of $s datagrams delivered, 64 bytes each"
else
	bad "udp: sent '$s', received '$g' datagrams of '$b' bytes"
fi

# request/response at 64 bytes for 1 s
"$XVPERF" rr-srv $((port + 1)) 2 > "$t/rs" 2>&1 &
r=$!
sleep 0.2
"$XVPERF" rr-cli 127.0.0.1 $((port + 1)) 64 1 > "$t/rc" 2>&1
wait $r
n=$(val n "$t/rc")
if line_ok rr-cli "size=64 n=$num lost=$num errors=$num mean_us=$dec p50_us=$dec p99_us=$dec min_us=$dec max_us=$dec" "$t/rc" &&
   line_ok rr-srv "answered=$num" "$t/rs" && [ "${n:-0}" -gt 0 ] &&
   [ "$(val answered "$t/rs")" -ge "$n" ]; then
	ok "rr-cli/rr-srv: $n answers, result lines"
else
	bad "rr-cli/rr-srv: $(cat "$t/rc" "$t/rs")"
fi
# percentiles in order: min <= p50 <= p99 <= max
if awk -v a="$(val min_us "$t/rc")" -v b="$(val p50_us "$t/rc")" -v c="$(val p99_us "$t/rc")" \
	-v d="$(val max_us "$t/rc")" 'BEGIN { exit !(a != "" && a <= b && b <= c && c <= d) }'; then
	ok "rr-cli: min <= p50 <= p99 <= max"
else
	bad "rr-cli: percentiles out of order: $(cat "$t/rc")"
fi

# TCP stream for 1 s: both ends count the same bytes
"$XVPERF" tcp-recv $((port + 2)) 8 > "$t/tr" 2>&1 &
r=$!
sleep 0.2
"$XVPERF" tcp-send 127.0.0.1 $((port + 2)) 1 > "$t/ts" 2>&1
wait $r
if line_ok tcp-send "bytes=$num secs=$dec mbps=$dec" "$t/ts" &&
   line_ok tcp-recv "bytes=$num secs=$dec mbps=$dec" "$t/tr" &&
   [ "$(val bytes "$t/tr")" -gt 0 ] && [ "$(val bytes "$t/tr")" = "$(val bytes "$t/ts")" ]; then
	ok "tcp-send/tcp-recv: $(val bytes "$t/tr") bytes at both ends"
else
	bad "tcp-send/tcp-recv: $(cat "$t/ts" "$t/tr")"
fi

# bad input: usage error, status 2
rc=0
"$XVPERF" udp-send 127.0.0.1 0 64 1 2>/dev/null || rc=$?
rc2=0
"$XVPERF" nosuchmode 2>/dev/null || rc2=$?
if [ $rc -eq 2 ] && [ $rc2 -eq 2 ]; then ok "bad arguments: status 2"; else bad "bad arguments: status $rc, $rc2"; fi

# make bench-migrate's table from two made-up serial logs (no boot): the
# downtimes, their ratio and the median land between the markers of a copy
# of docs/perf.md; a failed boot is a row, not in the median
root=$(cd "$(dirname "$0")/../.." && pwd)
printf '  migrate 9.3 s\nMIGRATE-DOWNTIME xenvf 2.80 s (346 replies; 27 lost in the gap, from 80.10 to 82.90)\nMIGRATE-DOWNTIME netfront 2.00 s (354 replies; 19 lost in the gap, from 80.10 to 82.10)\nXENVF-RESULT 0f xenvf-migrate PASS\n' > "$t/m1"
printf '  migrate 9.9 s\nMIGRATE-DOWNTIME xenvf 9.0 s (300 replies)\nXENVF-RESULT 0f xenvf-migrate FAIL\n' > "$t/m2"
printf 'a\n<!-- bench-migrate:begin -->\nold\n<!-- bench-migrate:end -->\nb\n' > "$t/perf.md"
if XENVF_RESULTS="$t/res" BENCH_LOGS="$t/m1 $t/m2" BENCH_DOC="$t/perf.md" \
	"$root/tests/bench/run-bench-migrate.sh" > "$t/mo" 2>&1 &&
   grep -qx '| 1 | PASS | 9.3 | 2.80 | 2.00 | 1.40 | 27 / 19 |' "$t/perf.md" &&
   grep -qx '| 2 | FAIL | 9.9 | 9.00 | - | - | - / - |' "$t/perf.md" &&
   grep -q '^| median of the 1 passed | | | 2.80 (2.80-2.80) | 2.00 (2.00-2.00) | 1.40' "$t/perf.md" &&
   ! grep -q '^old$' "$t/perf.md" && [ "$(head -n1 "$t/perf.md")" = a ] && [ "$(tail -n1 "$t/perf.md")" = b ]; then
	ok "bench-migrate: table rendered between the markers"
else
	bad "bench-migrate: table: $(cat "$t/mo" "$t/perf.md")"
fi

# make bench's table from a made-up serial log (no boot): a throughput
# ratio, xenvf's own per-packet costs from its counters (grant-copy
# hypercalls of both representors, VF-to-VF share, receiver copies), empty
# for netfront, and each domain's CPU share in a workload's window; the
# table lands between the bench-rig markers of a copy
cat > "$t/b1" <<'EOF'
BENCH-CONF pairs=1 secs=5 queues=1
BENCH 1 xenvf udp64 rx_pps=100 rx_pkts=500 sent=1000 tx_pps=200
BENCH 1 netfront udp64 rx_pps=50 rx_pkts=250 sent=900 tx_pps=180
BENCH-CTR 1 xenvf udp64 d1 vf_tx_packets 1000
BENCH-CTR 1 xenvf udp64 d1 tx_grant_copy_calls 4
BENCH-CTR 1 xenvf udp64 d2 rx_grant_copy_calls 6
BENCH-CTR 1 xenvf udp64 d1 vf_tx_vf_direct 900
BENCH-CTR 1 xenvf udp64 g2 rx_copied_bytes 32000
BENCH-CTR 1 xenvf udp64 g2 dev_rx_bytes 64000
BENCH-CTR 1 netfront udp64 g2 dev_rx_bytes 64000
BENCH-WCPU 1 xenvf udp64 Domain-0 2.0 8.1
BENCH-WCPU 1 xenvf udp64 guest1 3.0 8.1
BENCH-WCPU 1 xenvf udp64 guest2 3.0 8.1
BENCH-WCPU 1 netfront udp64 Domain-0 4.0 8.0
BENCH-WCPU 1 netfront udp64 guest1 2.0 8.0
BENCH-WCPU 1 netfront udp64 guest2 2.0 8.0
XENVF-RESULT 0f bench PASS
EOF
printf 'a\n<!-- bench-rig:begin -->\nold\n<!-- bench-rig:end -->\nb\n' > "$t/perf-rig.md"
if XENVF_RESULTS="$t/res" BENCH_LOG="$t/b1" BENCH_DOC="$t/perf-rig.md" \
	"$root/tests/bench/run-bench-rig.sh" > "$t/bo" 2>&1 &&
   grep -qx '| UDP 64 B delivered (pkt/s) | 100 (100-100) | 50.00 (50.00-50.00) | 2.00 (2.00-2.00) | higher |' "$t/perf-rig.md" &&
   grep -qx '| UDP 64 B: dom0 grant-copy hypercalls per packet (xenvf-back) | 0.010 (0.010-0.010) | - | - | lower |' "$t/perf-rig.md" &&
   grep -qx '| UDP 64 B: share of packets VF to VF in one dom0 copy, no dom0 skb (xenvf-back) | 0.900 (0.900-0.900) | - | - | info |' "$t/perf-rig.md" &&
   grep -qx '| UDP 64 B: receiver bytes copied per byte received (xenvf-front) | 0.500 (0.500-0.500) | - | - | lower |' "$t/perf-rig.md" &&
   grep -qx "| UDP 64 B: CPU share, Domain-0 (% of the three, sender's window) | 25.00 (25.00-25.00) | 50.00 (50.00-50.00) | 0.500 (0.500-0.500) | info |" "$t/perf-rig.md" &&
   grep -qx "| UDP 64 B: CPU share, guest2 (% of the three, sender's window) | 37.50 (37.50-37.50) | 25.00 (25.00-25.00) | 1.50 (1.50-1.50) | info |" "$t/perf-rig.md" &&
   ! grep -q 'did not pass' "$t/perf-rig.md" && ! grep -q '^old$' "$t/perf-rig.md" &&
   [ "$(head -n1 "$t/perf-rig.md")" = a ] && [ "$(tail -n1 "$t/perf-rig.md")" = b ]; then
	ok "bench: table with xenvf's per-packet counters rendered between the markers"
else
	bad "bench: table: $(cat "$t/bo" "$t/perf-rig.md")"
fi

echo "[==========] $((passed + failed)) test(s) run."
echo "[  PASSED  ] $passed test(s)."
[ "$failed" -eq 0 ] || { echo "[  FAILED  ] $failed test(s)."; exit 1; }
