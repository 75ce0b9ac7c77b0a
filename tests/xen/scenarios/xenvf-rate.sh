# Scenario: the TX rate limit of a paravirtual VF (issue 16 item 5).
# rate=1Mb/s@20ms set at run time: guest1 -> dom0 at the limit (within
# 10%: the VF's own vf_tx_bytes over the time from the first to the last
# byte's arrival in dom0), tx_rate_limited counted; rate=0 lifts it.
# rig-timeout: 900

IP=/usr/sbin/ip	# iproute2: busybox sh would run its own ip applet
modprobe 8021q
uplink_veth
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
xenvf_guest guest1 192.0.2.11
xenvf_guest guest2 192.0.2.12
id1=$(domid guest1)
pings guest1 192.0.2.1 || fail "guest1 cannot ping dom0"
step "TX rate limit of a paravirtual VF: rate=1Mb/s@20ms at run time, then rate=0"
# rate_xfer PORT BYTES: guest1 sends BYTES of zeros to dom0 over TCP;
# fails unless every byte came. xfer_rate is the rate (B/s) the VF sent at:
# the bytes of its frames (the representor's vf_tx_bytes, what the shaper
# counts: headers included) over the time from the first byte's arrival in
# dom0 to the last's (/proc/uptime).
rate_xfer() {
	rm -f /tmp/rate.t0 /tmp/rate.t1 /tmp/rate.n
	_b0=$(rep_stat "$id1" 0 vf_tx_bytes)
	# the end is the BYTES-th byte (head), not nc's exit: busybox nc -l
	# with its stdin open does not quit at the sender's close
	# and the end is taken inside the pipeline: the subshell as a whole
	# lasts as long as the sleep that keeps nc's stdin open
	(sleep 120 | nc -l -p "$1" | { dd bs=1 count=1 2>/dev/null; cut -d' ' -f1 /proc/uptime > /tmp/rate.t0
		head -c $(($2 - 1)); cut -d' ' -f1 /proc/uptime > /tmp/rate.t1; } |
		wc -c > /tmp/rate.n) >/dev/null 2>&1 </dev/null &
	sleep 1
	# (the listener's stdin stays open: busybox nc quits at stdin EOF)
	_o=$(domu_run guest1 "head -c $2 /dev/zero | nc 192.0.2.1 $1" 2>&1) ||
		fail "guest1: nc to dom0 port $1: $_o"
	wait_for 60 test -s /tmp/rate.n || {
		echo "  port $1: first byte at $(cat /tmp/rate.t0 2>/dev/null), now $(cut -d' ' -f1 /proc/uptime)"
		ethtool -S "xvf$id1.0" | grep -E 'tx_rate_limited|tx_packets|tx_bytes|drop'
		domu_run guest1 'ethtool -S eth0 | grep -E "tx_|stop|wake"; cat /proc/net/tcp | head -5' || true
		fail "port $1: the transfer did not end in 60 s"
	}
	n=$(tr -d ' ' < /tmp/rate.n)
	[ "$n" = "$2" ] || fail "port $1: dom0 received $n bytes of $2"
	_b1=$(rep_stat "$id1" 0 vf_tx_bytes)
	xfer_rate=$(awk -v n="$((_b1 - _b0))" -v t0="$(cat /tmp/rate.t0)" -v t1="$(cat /tmp/rate.t1)" \
		'BEGIN { t = t1 - t0; if (t < 0.01) t = 0.01; printf "%d\n", n / t }')
	echo "  port $1: $n bytes received, the VF sent $((_b1 - _b0)) bytes of frames"
	[ $((_b1 - _b0)) -ge "$n" ] || fail "port $1: the VF's vf_tx_bytes grew by $((_b1 - _b0)), less than the $n received"
	is_num "$xfer_rate" || fail "port $1: no rate ('$xfer_rate')"
}
RATE_LIMIT=125000	# 1 Mb/s in B/s
RATE_BYTES=750000	# 6 s at the limit
be1=/local/domain/0/backend/xenvf/$id1/0
xenvf set "$id1" 0 rate=2Mbit 2>/tmp/err && fail "xenvf set accepted rate=2Mbit"
[ "$(wc -l < /tmp/err)" = 1 ] && grep -q "is not RATE\[@INTERVAL\]" /tmp/err ||
	fail "rate=2Mbit: not one error line: $(cat /tmp/err)"
xenstore-read "$be1/rate" 2>/dev/null && fail "a refused rate= wrote the backend key"
xenvf_admin "$id1" 0 rate=1Mb/s@20ms
[ "$(xenstore-read "$be1/rate")" = 1Mb/s@20ms ] || fail "backend key rate is '$(xenstore-read "$be1/rate")'"
sleep 2	# the backend applies it from its xenstore watch
dmesg | grep -q "ignoring invalid admin key $be1/rate" && fail "the backend refused rate=1Mb/s@20ms"
l0=$(rep_stat "$id1" 0 tx_rate_limited)
rate_xfer 5003 $RATE_BYTES
r=$xfer_rate
l1=$(rep_stat "$id1" 0 tx_rate_limited)
echo "  rate=1Mb/s@20ms: $r B/s (limit $RATE_LIMIT), tx_rate_limited $l0 -> $l1"
[ "$r" -ge $((RATE_LIMIT * 9 / 10)) ] && [ "$r" -le $((RATE_LIMIT * 11 / 10)) ] ||
	fail "rate=1Mb/s@20ms: guest1 sent at $r B/s, not within 10% of $RATE_LIMIT"
[ "$l1" -gt "$l0" ] || fail "rate=1Mb/s@20ms: no TX packet waited (tx_rate_limited $l0 -> $l1)"
xenvf_admin "$id1" 0 rate=0
sleep 2
rate_xfer 5004 $RATE_BYTES
u=$xfer_rate
l2=$(rep_stat "$id1" 0 tx_rate_limited)
echo "  rate=0: $u B/s, tx_rate_limited $l1 -> $l2"
[ "$u" -gt $((RATE_LIMIT * 5 / 4)) ] || fail "rate=0: guest1 sent at $u B/s, not faster than the limit"
[ "$l2" = "$l1" ] || fail "rate=0: TX packets still waited (tx_rate_limited $l1 -> $l2)"
pings guest1 192.0.2.12 || fail "guest1 cannot reach guest2 after the rate limit"
step "xenvf-rate ok"
