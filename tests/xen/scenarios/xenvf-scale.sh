# Scenario: scale (issue 16 item 8). Two guests with 20 VFs each, 4
# queues every one: 40 VFs, 160 data queues, 200 event channels bound in
# dom0. When paravirtual VFs took the PF's MSI-X vectors, at most 38 VFs
# got 4 queues (63 floors of 2 kept, 114 vectors beside them), and with
# vec_per_dom=2 (loaded here) every VF was offered 1 queue; now that
# pool is hardware VFs' only (KUnit xenvf_back_vec runs 63 x 4). Every
# backend and frontend node reaches Connected (4) with 4 queues
# negotiated and no vector refused; dom0 holds 5 event channels per VF;
# then the last VF of each guest passes traffic (ping both ways, 1 MB
# over TCP with the md5 compared at both ends) and its representor
# counts it, its pools mapped.
#
# Cost under TCG: one boot of each guest, the VFs attached in a loop
# (`xenvf attach --no-wait`) and waited for together, traffic only on
# the last VF of each guest.
#
# Limits this size respects (docs/design.md "Limits"): a guest's grant
# table (64 frames, 32768 entries; a VF at 4 queues grants 1038 pages:
# 128 TX + 128 RX pool pages, 2 rings and the pool list per queue, the
# control and event rings) holds 31 VFs, so 20 each; a guest's pools
# take 4.1 MiB per VF (83 MiB for 20), hence DOMU_MEM=200 (96 + 83 +
# netdevs); xenstored's 1000 nodes per domain (about 35 per VF, and 3 per
# domu_run) hold 20; dom0 maps 1024 pool pages per VF (160 MiB of its
# 512 MiB for 40). The frontend runs with rx_pool_pages=128 (its RX pool
# the ring's size, no RX page recycling): the default pool of 256 RX
# pages a queue (1550 grants and 6.1 MiB a VF at 4 queues, 1536 pages
# mapped in dom0) would not fit 20 VFs in the rig's 200 MB guests and
# 512 MiB dom0.
# rig-timeout: 2400

N=20		# VFs per guest
QUEUES=4
KB=1024		# TCP transfer on the last VFs
DOMU_MEM=200
LAST=$((N - 1))
BE=/local/domain/0/backend/xenvf

# connected DOMID SIDE: how many of DOMID's VFs are in state 4 on SIDE
# (be: the backend's nodes, fe: the frontend's), one xenstore-ls a side.
connected() {
	local _p
	if [ "$2" = be ]; then _p=$BE/$1; else _p=/local/domain/$1/device/xenvf; fi
	xenstore-ls -f "$_p" 2>/dev/null | grep -c "^$_p/[0-9]*/state = \"4\"\$" || true
}

all_connected() {
	local _id
	for _id in "$id1" "$id2"; do
		[ "$(connected "$_id" be)" = "$N" ] && [ "$(connected "$_id" fe)" = "$N" ] || return 1
	done
}

# diag: which VFs are not Connected, and what the backend said
diag() {
	local _id _vf
	for _id in "$id1" "$id2"; do
		echo "domain $_id: $(connected "$_id" be) backends, $(connected "$_id" fe) frontends Connected"
		_vf=0
		while [ "$_vf" -lt "$N" ]; do
			[ "$(xenvf_state "$_id" "$_vf" 2>/dev/null)" = "4 4" ] ||
				echo "  VF $_vf: '$(xenvf_state "$_id" "$_vf" 2>/dev/null)' $(xenstore-read "$BE/$_id/$_vf/error" 2>/dev/null)"
			_vf=$((_vf + 1))
		done
	done
	grep -E 'MemFree|MemTotal' /proc/meminfo
	dmesg | grep -iE 'xenvf|vector|grant|evtchn' | tail -n 30
}

step "two guests (${DOMU_MEM} MB each); xenvf-back with vec_per_dom=2"
# vec_per_dom=2, the smallest, would offer a VF 1 queue if paravirtual VFs
# took the PF's vectors: it caps hardware VFs (hw-vf) only
insmod "$RIG/modules/xenvf-back.ko" vec_per_dom=2
[ "$(cat /sys/module/xenvf_back/parameters/num_vfs)" -ge $((2 * N)) ] ||
	fail "num_vfs $(cat /sys/module/xenvf_back/parameters/num_vfs) < $((2 * N))"
domu_cfg guest1
domu_cfg guest2
xl create /tmp/guest1.cfg || fail "xl create guest1"
xl create /tmp/guest2.cfg || fail "xl create guest2"
domu_wait guest1
domu_wait guest2
id1=$(domid guest1)
id2=$(domid guest2)
# a pool size outside 128..256 is refused with a clear line, nothing loaded
out=$(domu_run guest1 "insmod /rig/modules/xenvf-front.ko rx_pool_pages=1000 && echo LOADED
	dmesg | grep 'rx_pool_pages=1000: must be 128..256'; lsmod | grep -c '^xenvf_front' || true")
echo "$out"
case $out in *LOADED*) fail "xenvf-front loaded with rx_pool_pages=1000" ;; esac
echo "$out" | grep -q 'must be 128..256' || fail "no error line for rx_pool_pages=1000"
[ "$(echo "$out" | tail -n 2 | grep -x '[0-9][0-9]*' | tail -n 1)" = 0 ] || fail "xenvf-front left loaded"
for g in guest1 guest2; do
	domu_run "$g" "insmod /rig/modules/xenvf-front.ko max_queues=$QUEUES rx_pool_pages=128" >/dev/null ||
		fail "$g: xenvf-front did not load"
done

step "attach $N VFs to each guest"
t0=$(cut -d' ' -f1 /proc/uptime)
vf=0
while [ "$vf" -lt "$N" ]; do
	xenvf_nodes_create "$id1" "$vf"
	xenvf_nodes_create "$id2" "$vf"
	vf=$((vf + 1))
done
wait_for 900 all_connected || { diag; fail "not every VF Connected in 900 s"; }
t1=$(cut -d' ' -f1 /proc/uptime)
echo "$((2 * N)) VFs Connected $(awk "BEGIN { printf \"%.0f\", $t1 - $t0 }") s after the first attach"

step "every VF: a netdev, $QUEUES queues, $((1 + QUEUES)) interrupts, none refused"
for g in guest1 guest2; do
	id=$(domid "$g")
	n=$(xenstore-ls -f "/local/domain/$id/device/xenvf" |
		grep -c "^/local/domain/$id/device/xenvf/[0-9]*/multi-queue-num-queues = \"$QUEUES\"\$" || true)
	[ "$n" = "$N" ] || fail "$g: $n of $N VFs asked for $QUEUES queues (backend offers: $(xenstore-read "$BE/$id/0/multi-queue-max-queues"))"
	vf=0
	while [ "$vf" -lt "$N" ]; do
		v=$(rep_stat "$id" "$vf" vectors) || fail "no representor xvf$id.$vf"
		r=$(rep_stat "$id" "$vf" vectors_refused)
		[ "$v" = $((1 + QUEUES)) ] && [ "$r" = 0 ] ||
			fail "xvf$id.$vf: $v interrupts, $r refused; want $((1 + QUEUES)), 0"
		vf=$((vf + 1))
	done
	n=$(domu_run "$g" "ls /sys/bus/xen/devices/xenvf-*/net | grep -c '^eth'" | tr -cd '0-9') || true
	[ "$n" = "$N" ] || fail "$g: $n netdevs of xenvf devices, want $N"
	echo "$g (domain $id): $N netdevs; $(xenstore-ls "/local/domain/$id" | wc -l) xenstore nodes" \
		"(xenstored's quota: 1000); $(domu_run "$g" "grep MemFree /proc/meminfo" | tr -s ' \n' ' ')"
done
dom0_evtchns_remote > /tmp/scale-evtchns
for id in "$id1" "$id2"; do
	# each VF binds control + one per queue in dom0's kernel; dom0 also
	# holds the guest's console and xenstore channels (xenconsoled, xenstored)
	n=$(grep -c " d=$id " /tmp/scale-evtchns || true)
	[ "$n" -ge $((N * (1 + QUEUES))) ] ||
		fail "domain $id: dom0 has $n event channels to it, want at least $((N * (1 + QUEUES)))"
	echo "domain $id: dom0 holds $n event channels to it"
done
grep -E 'MemFree|MemTotal' /proc/meminfo

step "traffic on VF $LAST of each guest"
# the netdev of VF LAST, whatever order the VFs were probed in
dev_of() {
	domu_run "$1" "ls /sys/bus/xen/devices/xenvf-$LAST/net" | grep '^eth'
}
d1=$(dev_of guest1) && [ -n "$d1" ] || fail "guest1: no netdev for VF $LAST"
d2=$(dev_of guest2) && [ -n "$d2" ] || fail "guest2: no netdev for VF $LAST"
echo "VF $LAST is $d1 in guest1, $d2 in guest2"
domu_run guest1 "ip addr add 192.0.2.11/24 dev $d1 && ip link set $d1 up" >/dev/null ||
	fail "guest1: $d1 not set up"
domu_run guest2 "ip addr add 192.0.2.12/24 dev $d2 && ip link set $d2 up" >/dev/null ||
	fail "guest2: $d2 not set up"
domu_run guest1 "ethtool -l $d1 | sed -n '/^Current/,\$p' | grep -q 'Combined:[[:space:]]*$QUEUES\$'" ||
	fail "guest1: $d1 does not run $QUEUES queues"
pings guest1 192.0.2.12 || { diag; fail "guest1 cannot ping guest2 on VF $LAST"; }
pings guest2 192.0.2.11 || fail "guest2 cannot ping guest1 on VF $LAST"

b0=$(rep_stat "$id2" "$LAST" vf_rx_bytes)
domu_run guest2 '(sleep 300 | nc -l -p 5001 | md5sum > /tmp/in.md5) >/dev/null 2>&1 </dev/null &'
domu_run guest1 "head -c $((KB * 1024)) /dev/urandom > /tmp/out && md5sum < /tmp/out > /tmp/out.md5" ||
	fail "guest1: no data to send"
sleep 1
domu_run guest1 '(nc 192.0.2.12 5001 < /tmp/out) >/dev/null 2>&1 </dev/null &'
wait_for 240 domu_run guest2 'test -s /tmp/in.md5' ||
	{ diag; fail "guest2 did not get the stream in 240 s"; }
md5_same "$KB KB guest1 -> guest2 on VF $LAST" "$(domu_run guest1 'cat /tmp/out.md5')" \
	"$(domu_run guest2 'cat /tmp/in.md5')"

step "the representors of VF $LAST count it"
for id in "$id1" "$id2"; do
	ethtool -S "xvf$id.$LAST" | grep -E 'vf_(tx|rx)_(packets|bytes)|tx_to_vf|pool|vectors'
	[ "$(rep_stat "$id" "$LAST" tx_to_vf)" -gt 0 ] || fail "xvf$id.$LAST: nothing sent to a VF"
	q=$(rep_stat "$id" "$LAST" pool_mapped_queues)
	nm=$(rep_stat "$id" "$LAST" pool_no_memory)
	[ "$q" -ge "$QUEUES" ] ||
		fail "xvf$id.$LAST: $q of $QUEUES queues' pools mapped (pool_no_memory $nm; dom0 $(grep MemFree /proc/meminfo))"
done
b1=$(rep_stat "$id2" "$LAST" vf_rx_bytes)
[ $((b1 - b0)) -ge $((KB * 1024)) ] ||
	fail "xvf$id2.$LAST: $((b1 - b0)) bytes to the guest, want at least $((KB * 1024))"
echo "xvf$id2.$LAST: $((b1 - b0)) bytes to guest2 for the $KB KB stream"
# VF 0 of each guest was not brought up: the traffic was VF $LAST's only
for id in "$id1" "$id2"; do
	[ "$(rep_stat "$id" 0 vf_tx_bytes)" = 0 ] || fail "xvf$id.0 sent $(rep_stat "$id" 0 vf_tx_bytes) bytes, its netdev is down"
done

step "xl destroy: every VF of both guests released"
xl destroy guest1
xl destroy guest2
gone() {
	[ "$(xl list | awk 'NR > 1' | wc -l)" -eq 1 ] && ! xenstore-list "$BE" 2>/dev/null | grep -q .
}
wait_for 300 gone ||
	fail "300 s after xl destroy: domains '$(xl list | awk 'NR > 2 { print $1 }' | tr '\n' ' ')', backend nodes of '$(xenstore-list "$BE" 2>/dev/null | tr '\n' ' ')'"
step "xenvf-scale ok"
