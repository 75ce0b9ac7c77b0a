# Scenario (make bench; not in the default list): xenvf against
# netfront/netback in ONE boot. Two guests each have a xenvf VF (eth0,
# through the backend's switch, 192.0.2.0/24) and a netfront vif (eth1,
# through a dom0 Linux bridge, 198.51.100.0/24), both MTU 1500. The arms run
# alternately (xenvf, netfront, xenvf, ...; pair p runs netfront first when p
# is even), BENCH_PAIRS pairs; each arm, guest1 -> guest2:
#   warm-up TCP stream (discarded: the first stream after a pause is slow),
#   TCP stream TSO on and TSO off (proved by the sender device's bytes per
#   packet and, for xenvf, the GSO counters), UDP 64 B and 1472 B packet
#   rate with the drops of every stage, UDP request/response at 64 B idle and
#   beside a TCP stream, per-domain CPU seconds (xl list) and every driver
#   counter that moved (guests' ethtool -S and /proc/interrupts, dom0's
#   representor or vif). Then a loopback control inside guest1.
# Machine-readable lines (tests/bench/run-bench-rig.sh reads them):
#   BENCH <pair> <arm> <workload> key=value...
#   BENCH-CTR <pair> <arm> <workload> <where> <counter> <delta>
#   BENCH-CPU <pair> <arm> <domain> <cpu seconds in the arm> <arm wall s>
#   BENCH-WCPU <pair> <arm> <workload> <domain> <cpu s> <window wall s>
#     (xl list around the sender's guest command: the workload with its
#     command's overhead, the per-domain split of that workload)
# Knobs on dom0's command line (RIG_DOM0_EXTRA): xenvf.bench_pairs=N,
# xenvf.bench_secs=S (each measured workload), xenvf.bench_queues=Q.
# rig-timeout: 3000
IP=/usr/sbin/ip
karg() { sed -n "s/.*xenvf\.$1=\([0-9][0-9]*\).*/\1/p" /proc/cmdline; }
PAIRS=$(karg bench_pairs)
PAIRS=${PAIRS:-5}
SECS=$(karg bench_secs)
SECS=${SECS:-5}
QUEUES=$(karg bench_queues)
QUEUES=${QUEUES:-1}
DOMU_MEM=160
DOMU_CMD_TIMEOUT=$((SECS * 3 + 90))
B=/tmp/bench
mkdir -p $B
echo "BENCH-CONF pairs=$PAIRS secs=$SECS queues=$QUEUES"

modprobe bridge
$IP link add br0 type bridge
$IP link set br0 up
insmod "$RIG/modules/xenvf-back.ko"
n=0
for g in guest1 guest2; do
	n=$((n + 1))
	domu_start "$g" "vif = [ 'mac=00:16:3e:00:01:0$n,script=$RIG/vif-up' ]"
	domu_run "$g" "insmod /rig/modules/xenvf-front.ko max_queues=$QUEUES" >/dev/null ||
		fail "$g: xenvf-front"
	xenvf_nodes_create "$(domid "$g")" 0 "queues=$QUEUES"
	xenvf_wait_state "$(domid "$g")" 0 "4 4"
	wait_for 30 domu_run "$g" 'ip link show eth0 >/dev/null' || fail "$g: no xenvf eth0"
	# netfront after the VF: it is eth1
	domu_run "$g" "modprobe xen-netfront" >/dev/null || fail "$g: xen-netfront"
	id=$(domid "$g")
	wait_for 30 xs_is "/local/domain/0/backend/vif/$id/0/state" 4 ||
		fail "$g: netback did not reach Connected"
	wait_for 30 $IP link show "vif$id.0" || fail "no vif$id.0"
	$IP link set "vif$id.0" master br0
	$IP link set "vif$id.0" up
	domu_run "$g" "ip link show eth1 >/dev/null && ethtool -i eth1 | grep -q '^driver: vif' &&
		ethtool -i eth0 | grep -q '^driver: xenvf' &&
		ip link set eth0 mtu 1500 && ip link set eth1 mtu 1500 &&
		ip addr add 192.0.2.1$n/24 dev eth0 && ip link set eth0 up &&
		ip addr add 198.51.100.1$n/24 dev eth1 && ip link set eth1 up" ||
		fail "$g: eth0 (xenvf) / eth1 (netfront) not as expected"
done
id1=$(domid guest1)
id2=$(domid guest2)

step "offloads of both NICs (ethtool -k), same MTU"
for g in guest1 guest2; do
	domu_run "$g" 'for d in eth0 eth1; do ethtool -k $d > /tmp/k.$d; done
		echo "MTU eth0 $(cat /sys/class/net/eth0/mtu) eth1 $(cat /sys/class/net/eth1/mtu)"
		echo "feature | eth0 (xenvf) | eth1 (netfront)"
		awk "NR == FNR { sub(/^[ \t]+/, \"\"); n = \$0; sub(/:.*/, \"\", n); v = \$0; sub(/^[^:]*: /, \"\", v); a[n] = v; next }
			FNR > 1 { sub(/^[ \t]+/, \"\"); n = \$0; sub(/:.*/, \"\", n); v = \$0; sub(/^[^:]*: /, \"\", v)
				if (a[n] != v) print \"DIFF \" n \": \" a[n] \" | \" v }" /tmp/k.eth0 /tmp/k.eth1
		grep -E "^(scatter-gather|tx-checksumming|tcp-segmentation-offload|generic-segmentation-offload|generic-receive-offload):" /tmp/k.eth0 | sed "s/^/eth0 /"
		grep -E "^(scatter-gather|tx-checksumming|tcp-segmentation-offload|generic-segmentation-offload|generic-receive-offload):" /tmp/k.eth1 | sed "s/^/eth1 /"' ||
		echo "$g: the ethtool -k comparison failed (not fatal)"
done
pings guest1 192.0.2.12 || fail "xenvf: guest1 cannot ping guest2"
pings guest1 198.51.100.12 || fail "netfront: guest1 cannot ping guest2"

# Guest-side helpers, defined in every guest command that uses them.
# snap DEV FILE: the device's ethtool -S, its kernel stats, UDP's
# receive errors and the event-channel interrupts, "name value" a line.
# delta A B: the counters that moved from A to B.
# One awk reads ethtool -S (stdin), the netdev stats files, UDP's receive
# errors and the event-channel interrupts (keyed name@irq): each process
# costs tens of ms under TCG, so a snapshot is two.
SNAP_AWK='FILENAME ~ /statistics/ { n = FILENAME; sub(/.*\//, "", n); print "dev_" n, $1; next }
FILENAME == "/proc/net/snmp" { if ($1 == "Udp:" && $2 ~ /^[0-9]/) { print "udp_InErrors", $4; print "udp_RcvbufErrors", $6 }; next }
FILENAME == "/proc/interrupts" { if ($0 ~ /xen-dyn|xen-percpu/) { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; n = $1; sub(/:/, "", n); print "irq_" $NF "@" n, s }; next }
/^ *[^:]+: [0-9]+$/ { n = $0; sub(/^ */, "", n); sub(/:.*/, "", n); print n, $NF }'
DELTA_AWK='NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d) print $1, d }'
# Guest-side helpers, defined in every guest command that uses them.
# snap DEV FILE: every counter above, "name value" a line.
# delta A B: the counters that moved from A to B.
GFN="snap() { ethtool -S \$1 2>/dev/null | awk '$SNAP_AWK' - /sys/class/net/\$1/statistics/* /proc/net/snmp /proc/interrupts > \$2; }
delta() { awk '$DELTA_AWK' \$1 \$2; }
"
# dom0's side: the same for a dom0 netdev.
snap() {
	ethtool -S "$1" 2>/dev/null | awk "$SNAP_AWK" - /sys/class/net/"$1"/statistics/* /proc/net/snmp /proc/interrupts > "$2"
}
delta() { awk "$DELTA_AWK" "$1" "$2"; }
# ctr_lines PAIR ARM WL WHERE FILE: the deltas in FILE as BENCH-CTR lines.
ctr_lines() {
	awk -v p="$1" -v a="$2" -v w="$3" -v where="$4" \
		'NF == 2 && $2 ~ /^-?[0-9]+$/ { print "BENCH-CTR", p, a, w, where, $1, $2 }' "$5"
}
# ctr_get FILE NAME: one counter's delta (0 when it did not move).
ctr_get() { awk -v n="$2" '$1 == n { v = $2 } END { print v + 0 }' "$1"; }
# ctr_drops FILE: "<netdev stats drops+errors>/<driver drop counters>" that
# moved: the kernel's dev_*_dropped/errors/missed/fifo/over*, and the
# driver's own ethtool -S counters named drop or error (not the per-queue
# copies, not the generic tx_dropped... names that repeat the netdev stats).
ctr_drops() {
	awk '$1 ~ /^dev_.*(dropped|errors|missed|fifo|over)/ { d += $2 }
	     $1 !~ /^(dev_|q[0-9]|irq_|udp_)/ && $1 !~ /^(tx|rx)_(dropped|errors)$/ &&
	     $1 ~ /drop|error/ { v += $2 }
	     END { printf "%d/%d\n", d, v }' "$1"
}
# perf_val LINE KEY: KEY's value in a "PERF mode key=value..." line.
perf_val() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n1; }

# cpu_snap FILE: each domain's CPU seconds (xl list's Time(s)).
cpu_snap() { xl list | awk 'NR > 1 { print $1, $6 }' > "$1"; }
# cpu_lines PREFIX A B T0: "PREFIX <domain> <cpu s from A to B> <wall s
# since uptime T0>" for each domain.
cpu_lines() {
	awk -v pre="$1" -v w="$(awk -v a="$4" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { printf "%.1f", b - a }')" \
		'NR == FNR { c[$1] = $2; next } ($1 in c) { printf "%s %s %.1f %s\n", pre, $1, $2 - c[$1], w }' \
		"$2" "$3"
}

# run_wl PAIR ARM WL RECV_CMD SEND_CMD [PRE [POST]]: one measured workload,
# guest1 -> guest2, in three guest commands (each costs seconds under TCG):
# guest2 snapshots and starts RECV_CMD (output /tmp/recv.out); guest1 runs
# PRE, snapshots, runs SEND_CMD, snapshots, runs POST and prints the tool's
# PERF lines and its counter deltas; guest2 waits for the receiver to end
# and prints the same. dom0 snapshots its two ports around the sender.
# Leaves the deltas in $B/g1, $B/g2, $B/d1 (sender's dom0 port), $B/d2 and
# the tool lines in $B/send.out and $B/recv.out.
run_wl() {
	local _p=$1 _a=$2 _w=$3 _r=$4 _s=$5 _pre=${6:-:} _post=${7:-:} _dev _p1 _p2 _port _t0
	if [ "$_a" = xenvf ]; then _dev=eth0; _p1=xvf$id1.0; _p2=xvf$id2.0
	else _dev=eth1; _p1=vif$id1.0; _p2=vif$id2.0; fi
	# the receiver's port (xvperf MODE PORT ...): wait until it is bound, a
	# process start can take seconds here (a sender first lost everything)
	_port=$(printf '%04X' "$(echo "$_r" | sed -n 's/^xvperf [a-z-]* \([0-9][0-9]*\).*/\1/p')")
	domu_run guest2 "$GFN snap $_dev /tmp/c.0
		( ($_r) > /tmp/recv.out 2>&1 </dev/null & echo \$! > /tmp/recv.pid)
		i=0; until grep -q ':$_port ' /proc/net/udp /proc/net/tcp; do
			i=\$((i + 1)); [ \$i -lt 150 ] || exit 1; sleep 0.2; done" >/dev/null ||
		fail "$_a $_w: receiver did not start"
	snap "$_p1" $B/d1.0
	snap "$_p2" $B/d2.0
	cpu_snap $B/w.0
	_t0=$(cut -d' ' -f1 /proc/uptime)
	domu_run guest1 "$GFN $_pre || exit 1
		snap $_dev /tmp/c.0
		{ $_s; } > /tmp/send.out 2>&1; rc=\$?
		snap $_dev /tmp/c.1
		$_post || exit 1
		grep '^PERF' /tmp/send.out; delta /tmp/c.0 /tmp/c.1; exit \$rc" > $B/g1.out ||
		{ cat $B/g1.out; domu_run guest1 'cat /tmp/send.out' || true; fail "$_a $_w: sender failed"; }
	cpu_snap $B/w.1
	cpu_lines "BENCH-WCPU $_p $_a $_w" $B/w.0 $B/w.1 "$_t0"
	snap "$_p1" $B/d1.1
	snap "$_p2" $B/d2.1
	# the receiver ends on its own (2 s idle, EOF or its limit): wait for
	# its own pid (not any xvperf) by the guest's clock, until it is gone
	# or a zombie (orphaned to the guest's init, which never reaps it:
	# `kill -0` alone waited out every UDP and RR workload); one still
	# running then is shown (BENCH-DIAG) and killed
	domu_run guest2 "$GFN . /rig/lib.sh; _pid=\$(cat /tmp/recv.pid)
		_end=\$((\$(cut -d. -f1 /proc/uptime) + $((SECS + 60))))
		while proc_alive \$_pid; do
			[ \$(cut -d. -f1 /proc/uptime) -lt \$_end ] && { sleep 0.2; continue; }
			ps | grep '[x]vperf' | sed 's/^/BENCH-DIAG running: /'
			sed 's/^/BENCH-DIAG recv.out: /' /tmp/recv.out; kill \$_pid; exit 1
		done
		snap $_dev /tmp/c.1; grep '^PERF' /tmp/recv.out; delta /tmp/c.0 /tmp/c.1" > $B/g2.out ||
		{ grep '^BENCH-DIAG' $B/g2.out; fail "$_a $_w: receiver in guest2 did not end"; }
	grep '^PERF' $B/g1.out > $B/send.out || true
	grep '^PERF' $B/g2.out > $B/recv.out || true
	grep -v '^PERF' $B/g1.out > $B/g1 || true
	grep -v '^PERF' $B/g2.out > $B/g2 || true
	delta $B/d1.0 $B/d1.1 > $B/d1
	delta $B/d2.0 $B/d2.1 > $B/d2
	for _f in g1 g2 d1 d2; do ctr_lines "$_p" "$_a" "$_w" $_f $B/$_f; done
	sed "s/^PERF /BENCH-RAW $_p $_a $_w /" $B/send.out $B/recv.out
}

# tcp PAIR ARM WL TSO: a TCP stream of SECS with TSO on or off on guest1.
tcp() {
	local _ip _dev _s _r
	if [ "$2" = xenvf ]; then _ip=192.0.2.12; _dev=eth0; else _ip=198.51.100.12; _dev=eth1; fi
	run_wl "$1" "$2" "$3" "xvperf tcp-recv 5201 $((SECS + 30))" "xvperf tcp-send $_ip 5201 $SECS" \
		"ethtool -K $_dev tso $4 && ethtool -k $_dev | grep -q '^tcp-segmentation-offload: $4'" \
		"ethtool -K $_dev tso on"
	_s=$(cat $B/send.out)
	_r=$(cat $B/recv.out)
	[ -n "$(perf_val "$_r" bytes)" ] || fail "$2 $3: no receiver result"
	# bytes per packet the sender's driver was handed: > MTU only with TSO
	echo "BENCH $1 $2 $3 mbps=$(perf_val "$_r" mbps) bytes=$(perf_val "$_r" bytes)" \
		"tx_bytes_per_pkt=$(awk -v b="$(ctr_get $B/g1 dev_tx_bytes)" -v p="$(ctr_get $B/g1 dev_tx_packets)" 'BEGIN { printf "%.0f", p ? b / p : 0 }')" \
		"guest_tx_gso=$(ctr_get $B/g1 tx_gso) dom0_tx_tso=$(ctr_get $B/d1 vf_tx_tso)" \
		"dom0_rx_bytes_per_pkt=$(awk -v b="$(ctr_get $B/d1 dev_rx_bytes)" -v p="$(ctr_get $B/d1 dev_rx_packets)" 'BEGIN { printf "%.0f", p ? b / p : 0 }')"
}

# udp PAIR ARM SIZE: packet rate at SIZE bytes of payload.
udp() {
	local _ip _s _r _sent _got
	if [ "$2" = xenvf ]; then _ip=192.0.2.12; else _ip=198.51.100.12; fi
	run_wl "$1" "$2" "udp$3" "xvperf udp-recv 5301 $((SECS + 30))" "xvperf udp-send $_ip 5301 $3 $SECS"
	_s=$(cat $B/send.out)
	_r=$(cat $B/recv.out)
	_sent=$(perf_val "$_s" pkts)
	_got=$(perf_val "$_r" pkts)
	[ -n "$_sent" ] && [ -n "$_got" ] || fail "$2 udp$3: no tool result"
	# drops by stage: sender's socket (ENOBUFS, not sent), sender's driver,
	# dom0 port of the sender (what the switch/bridge dropped coming in),
	# dom0 port of the receiver (going out), receiver's driver, receiver's
	# UDP socket; lost = sent - received
	echo "BENCH $1 $2 udp$3 rx_pps=$(perf_val "$_r" pps) rx_pkts=$_got sent=$_sent" \
		"tx_pps=$(perf_val "$_s" pps) lost=$((_sent - _got)) send_nobufs=$(perf_val "$_s" nobufs) send_stalls=$(perf_val "$_s" stalls)" \
		"send_errors=$(perf_val "$_s" errors) drop_g1=$(ctr_drops $B/g1) drop_dom0_in=$(ctr_drops $B/d1)" \
		"drop_dom0_out=$(ctr_drops $B/d2) drop_g2=$(ctr_drops $B/g2)" \
		"drop_sock=$(ctr_get $B/g2 udp_InErrors) drop_sock_rcvbuf=$(ctr_get $B/g2 udp_RcvbufErrors)" \
		"g1_tx_pkts=$(ctr_get $B/g1 dev_tx_packets) g2_rx_pkts=$(ctr_get $B/g2 dev_rx_packets)"
}

# rr PAIR ARM WL STREAM: 64 B request/response for SECS, idle (STREAM=0) or
# beside a TCP stream guest1 -> guest2 (STREAM=1).
rr() {
	local _ip _srv _cli _r
	if [ "$2" = xenvf ]; then _ip=192.0.2.12; else _ip=198.51.100.12; fi
	_srv="xvperf rr-srv 5401 $((SECS + 60))"
	_cli="xvperf rr-cli $_ip 5401 64 $SECS"
	if [ "$4" = 1 ]; then
		_srv="$_srv & xvperf tcp-recv 5202 $((SECS + 30)) > /tmp/stream.out 2>&1; wait"
		_cli="(xvperf tcp-send $_ip 5202 $((SECS + 2)) > /tmp/stream.out 2>&1 </dev/null &) ; sleep 1; $_cli"
	fi
	run_wl "$1" "$2" "$3" "$_srv" "$_cli"
	_r=$(grep 'rr-cli' $B/send.out || true)
	[ -n "$(perf_val "$_r" p50_us)" ] || fail "$2 $3: no rr result ($_r)"
	echo "BENCH $1 $2 $3 n=$(perf_val "$_r" n) lost=$(perf_val "$_r" lost) mean_us=$(perf_val "$_r" mean_us)" \
		"p50_us=$(perf_val "$_r" p50_us) p99_us=$(perf_val "$_r" p99_us)"
}

wl_failed() { echo "BENCH-FAIL $1 $2 $3"; touch $B/failed; }

# arm PAIR ARM: one arm, every workload.
arm() {
	local _t0 _ip
	step "pair $1: $2"
	if [ "$2" = xenvf ]; then _ip=192.0.2.12; else _ip=198.51.100.12; fi
	cpu_snap $B/cpu.0
	_t0=$(cut -d' ' -f1 /proc/uptime)
	# warm-up stream, discarded
	domu_run guest2 "(xvperf tcp-recv 5200 60 > /dev/null 2>&1 </dev/null &) ; sleep 0.5" >/dev/null
	domu_run guest1 "xvperf tcp-send $_ip 5200 2" >/dev/null || fail "$2: warm-up stream"
	# a workload that fails is reported and the others still run (each in
	# a subshell: its fail ends only it); the scenario fails at the end
	(tcp "$1" "$2" tcp_tso on) || wl_failed "$1" "$2" tcp_tso
	(tcp "$1" "$2" tcp_notso off) || wl_failed "$1" "$2" tcp_notso
	(udp "$1" "$2" 64) || wl_failed "$1" "$2" udp64
	(udp "$1" "$2" 1472) || wl_failed "$1" "$2" udp1472
	(rr "$1" "$2" rr64_idle 0) || wl_failed "$1" "$2" rr64_idle
	(rr "$1" "$2" rr64_stream 1) || wl_failed "$1" "$2" rr64_stream
	cpu_snap $B/cpu.1
	cpu_lines "BENCH-CPU $1 $2" $B/cpu.0 $B/cpu.1 "$_t0"
}

step "loopback control inside guest1"
domu_run guest1 "(xvperf tcp-recv 5200 60 > /dev/null 2>&1 </dev/null &) ; sleep 0.5; xvperf tcp-send 127.0.0.1 5200 2 >/dev/null
	(xvperf tcp-recv 5201 60 > /tmp/lr.out 2>&1 </dev/null &) ; sleep 0.5; xvperf tcp-send 127.0.0.1 5201 $SECS >/dev/null; sleep 1
	(xvperf udp-recv 5301 60 > /tmp/lu.out 2>&1 </dev/null &) ; sleep 0.5; xvperf udp-send 127.0.0.1 5301 64 $SECS > /tmp/ls.out; sleep 3
	(xvperf rr-srv 5401 $((SECS + 3)) > /dev/null 2>&1 </dev/null &) ; sleep 0.5; xvperf rr-cli 127.0.0.1 5401 64 $SECS > /tmp/lrr.out; sleep 3
	cat /tmp/lr.out /tmp/ls.out /tmp/lu.out /tmp/lrr.out" > $B/loop.out || fail "loopback control"
sed -n 's/^PERF /BENCH-LOOP /p' $B/loop.out

p=1
while [ $p -le "$PAIRS" ]; do
	if [ $((p % 2)) -eq 1 ]; then arm $p xenvf; arm $p netfront
	else arm $p netfront; arm $p xenvf; fi
	p=$((p + 1))
done

[ ! -e $B/failed ] || fail "some workloads failed (BENCH-FAIL lines)"
step "dom0 view at the end"
xl list
ethtool -S "xvf$id1.0" | grep -v ': 0$' || true
xl destroy guest1
xl destroy guest2
step "bench ok"
