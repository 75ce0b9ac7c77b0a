# Scenario: two guests with a VF each (4 queues) exchange traffic through
# the backend's embedded switch (VEB): the offloads are negotiated
# (scatter-gather, checksum, TSO) and 4 queues connected; ping both ways,
# full-size and fragmented datagrams, ping over a VLAN (tags carried in the
# descriptors), 100 MB over TCP streamed (a 4 MB random chunk sent 25
# times) with the md5 of the stream compared at both ends, and traffic on
# more than one queue at both ends; the backend maps both guests' pools
# (feature-pool-map) and makes no grant copy at all.
# rig-timeout: 2700

QUEUES=4
MB=100
CHUNK=4194304

insmod "$RIG/modules/xenvf-back.ko"
domu_start guest1
domu_start guest2
for g in guest1 guest2; do
	domu_run "$g" "modprobe 8021q && insmod /rig/modules/xenvf-front.ko max_queues=$QUEUES"
	xenvf_nodes_create "$(domid "$g")" 0
done
for g in guest1 guest2; do
	xenvf_wait_state "$(domid "$g")" 0 "4 4"
done
up() { domu_run "$1" "ip link show eth0 >/dev/null"; }
wait_for 30 up guest1 || fail "guest1 netdev"
wait_for 30 up guest2 || fail "guest2 netdev"
domu_run guest1 'ip addr add 192.0.2.11/24 dev eth0 && ip link set eth0 up'
domu_run guest2 'ip addr add 192.0.2.12/24 dev eth0 && ip link set eth0 up'

step "offloads and queues negotiated"
# one guest command per guest (each costs a second or more under TCG)
for g in guest1 guest2; do
	domu_run "$g" "ethtool -k eth0 | grep -E '^(scatter-gather|tx-checksumming|tcp-segmentation-offload|rx-vlan-offload|tx-vlan-offload):'
		ethtool -l eth0
		for f in scatter-gather tx-checksumming tcp-segmentation-offload \
			 rx-vlan-offload tx-vlan-offload; do
			ethtool -k eth0 | grep -q \"^\$f: on\" || { echo \"\$f is not on\"; exit 1; }
		done
		ethtool -l eth0 | sed -n '/^Current/,\$p' | grep -q 'Combined:[[:space:]]*$QUEUES\$' ||
			{ echo 'ethtool -l: not $QUEUES combined queues'; exit 1; }
		[ \$(ls /sys/class/net/eth0/queues | grep -c tx-) = $QUEUES ] ||
			{ echo 'not $QUEUES TX queues'; exit 1; }
		dmesg | grep -q '$QUEUES queue(s)' ||
			{ echo 'GET_QUEUES does not report $QUEUES queues'; exit 1; }" ||
		fail "$g: offloads or queues not as negotiated"
done

step "ping guest1 -> guest2 and back"
domu_run guest1 'ping -c 3 -W 5 192.0.2.12' || fail "guest1 cannot ping guest2"
domu_run guest2 'ping -c 3 -W 5 192.0.2.11' || fail "guest2 cannot ping guest1"
domu_run guest1 'ping -c 2 -W 5 -s 1472 192.0.2.12' || fail "full-size frames"
domu_run guest1 'ping -c 2 -W 5 -s 8000 192.0.2.12' || fail "fragmented datagrams"

step "ping over VLAN 100 (tags in the descriptors)"
domu_run guest1 'ip link add link eth0 name eth0.100 type vlan id 100 &&
	ip addr add 198.51.100.11/24 dev eth0.100 && ip link set eth0.100 up'
domu_run guest2 'ip link add link eth0 name eth0.100 type vlan id 100 &&
	ip addr add 198.51.100.12/24 dev eth0.100 && ip link set eth0.100 up'
domu_run guest1 'ping -c 3 -W 5 198.51.100.12' || fail "no ping over VLAN 100"

step "$MB MB over TCP, md5 of the stream compared at both ends"
# Streamed: a 4 MB random chunk sent $MB / 4 times (guest RAM is small).
# The sender's tee feeds the md5 of exactly what goes into nc; the receiver
# hashes what comes out of it. (nc's stdin must stay open on the receiver:
# busybox nc quits at stdin EOF.)
domu_run guest2 '(sleep 3000 | nc -l -p 5001 | md5sum > /tmp/in.md5) >/dev/null 2>&1 </dev/null &'
domu_run guest1 "head -c $CHUNK /dev/urandom > /tmp/chunk"
t0=$(cut -d' ' -f1 /proc/uptime)
domu_run guest1 "( (for i in \$(seq $((MB / 4))); do cat /tmp/chunk; done |
	tee /proc/self/fd/3 | nc 192.0.2.12 5001 >/dev/null) 3>&1 | md5sum > /tmp/out.md5 ) \
	>/dev/null 2>&1 </dev/null &"
received() { domu_run guest2 'test -s /tmp/in.md5' && domu_run guest1 'test -s /tmp/out.md5'; }
diag() {
	for g in guest1 guest2; do
		echo "== $g"; domu_run "$g" 'ethtool -S eth0; grep xenvf /proc/interrupts'
	done
	dmesg | tail -n 20
}
# progress every 30 s (the receiver's byte counter), for at most 2400 s
end=$(( $(cut -d. -f1 /proc/uptime) + 2400 ))
until received; do
	[ "$(cut -d. -f1 /proc/uptime)" -lt "$end" ] ||
		{ diag; fail "the stream did not complete in 2400 s"; }
	sleep 30
	echo "[$(cut -d' ' -f1 /proc/uptime)] guest2 has received $(domu_run guest2 \
		"ethtool -S eth0 | awk '\$1 == \"rx_bytes:\" { print \$2 }'") bytes"
done
t1=$(cut -d' ' -f1 /proc/uptime)
sent=$(domu_run guest1 'cat /tmp/out.md5') || fail "guest1: no md5 of what it sent"
got=$(domu_run guest2 'cat /tmp/in.md5') || fail "guest2: no md5 of what it received"
echo "sent $sent, received $got"
[ "$(md5_hex "$sent")" = "$(md5_hex "$got")" ] || diag
md5_same "$MB MB guest1 -> guest2" "$sent" "$got"
echo "$MB MB in $(awk "BEGIN { printf \"%.1f s (%.2f MB/s)\", $t1 - $t0, $MB / ($t1 - $t0) }") (dom0 clock, md5 at both ends included)"

step "short TCP connections spread over the queues"
domu_run guest2 'for p in 1 2 3 4 5 6 7 8; do
	(sleep 120 | nc -l -p 510$p > /dev/null) >/dev/null 2>&1 </dev/null &
done'
domu_run guest1 'for p in 1 2 3 4 5 6 7 8; do
	head -c 200000 /dev/zero | nc 192.0.2.12 510$p || exit 1
done' || fail "short connections"

step "per-queue counters"
# summary: queues with TX / RX packets, then the named counters
summary() {
	domu_run "$1" "ethtool -S eth0 | awk '
		/q[0-9]+_tx_packets:/ && \$2 > 0 { txq++ }
		/q[0-9]+_rx_packets:/ && \$2 > 0 { rxq++ }
		{ v[\$1] = \$2 }
		END { print txq + 0, rxq + 0, v[\"tx_gso:\"], v[\"tx_csum:\"], v[\"rx_gso:\"],
			v[\"tx_dropped:\"] + v[\"tx_errors:\"] + v[\"rx_dropped:\"] + v[\"rx_errors:\"] }'"
}
for g in guest1 guest2; do
	domu_run "$g" 'ethtool -S eth0'
	set -- $(summary "$g")
	echo "$g: TX on $1 queues, RX on $2 queues; tx_gso $3 tx_csum $4 rx_gso $5; drops+errors $6"
	[ "$1" -ge 2 ] || fail "$g: TX traffic on $1 queue(s) only"
	[ "$2" -ge 2 ] || fail "$g: RX traffic on $2 queue(s) only"
	[ "$6" = 0 ] || fail "$g: $6 drops or errors"
	if [ "$g" = guest1 ]; then
		[ "$3" -gt 0 ] || fail "guest1 sent no TSO packets"
		[ "$4" -gt 0 ] || fail "guest1 offloaded no checksum"
	else
		[ "$5" -gt 0 ] || fail "guest2 received no GSO packets"
	fi
done
domu_run guest1 '/usr/sbin/ip -s link show eth0'

step "mapped pools: data moved by memcpy in dom0, grant copies only for granted frags"
# feature-pool-map (docs/protocol.md 1.5): every queue's pools are mapped at
# connect, so every packet each way is memcpy'd; the only grant copies are
# of the TX frags the guest granted for one packet (tx_grant=1, section 5):
# none on RX, no pool miss, every slot the guest granted grant copied by
# dom0 (one element or more each), none without one, and a hypercall
# carries at least one of them
for g in guest1 guest2; do
	id=$(domid "$g")
	ethtool -S "xvf$id.0" | grep -E 'pool|grant_copy' | sed "s/^/$g xvf$id.0/"
	q=$(rep_stat "$id" 0 pool_mapped_queues)
	[ "$q" -ge "$QUEUES" ] || fail "$g: $q queues mapped"
	[ "$(rep_stat "$id" 0 pool_pages_mapped)" -gt 0 ] || fail "$g: no pool page mapped"
	[ "$(rep_stat "$id" 0 vf_tx_pool_memcpy)" -gt 0 ] || fail "$g: no TX packet memcpy'd"
	[ "$(rep_stat "$id" 0 vf_rx_pool_memcpy)" -gt 0 ] || fail "$g: no RX packet memcpy'd"
	n=$(( $(rep_stat "$id" 0 rx_grant_copy_calls) + $(rep_stat "$id" 0 tx_pool_miss_grant_copy) +
	      $(rep_stat "$id" 0 rx_pool_miss_grant_copy) ))
	[ "$n" = 0 ] || fail "$g: $n RX grant copies or pool misses"
	calls=$(rep_stat "$id" 0 tx_grant_copy_calls)
	frags=$(rep_stat "$id" 0 vf_tx_granted_frag_grant_copy)
	gfrags=$(domu_run "$g" "ethtool -S eth0 | awk '\$1 == \"tx_frag_grants:\" { print \$2 }'")
	echo "$g: $gfrags TX slots granted by the guest, $frags grant-copy elements for them in dom0 in $calls hypercalls"
	# each granted slot takes one element or more (a slot may span two of
	# dom0's skb pieces); none without a granted slot
	[ "$frags" -ge "$gfrags" ] || fail "$g: the guest granted $gfrags TX slots, dom0 grant copied $frags"
	[ "$gfrags" -gt 0 ] || [ "$frags" = 0 ] || fail "$g: $frags grant copies, no slot granted"
	[ "$calls" -le "$frags" ] || fail "$g: $calls TX grant-copy hypercalls for $frags granted frags"
	[ "$g" = guest2 ] || [ "$frags" -gt 0 ] || fail "guest1: no TSO frag granted (tx_grant=1)"
	n=$(( $(rep_stat "$id" 0 pool_refused_bad_list) + $(rep_stat "$id" 0 pool_map_failed) +
	      $(rep_stat "$id" 0 pool_budget_refused) + $(rep_stat "$id" 0 pool_no_memory) ))
	[ "$n" = 0 ] || fail "$g: $n pools fell back to grant copy"
done

xl destroy guest1
xl destroy guest2
dmesg | grep -E "VF of domain|queue [0-9]:" | tail -n 12
step "xenvf-ping ok"
