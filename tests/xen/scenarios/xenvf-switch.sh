# Scenario: the embedded switch with an uplink, as a dom0 admin uses it.
#   - module parameters: bad values refused (load and sysfs), uplink=up0
#   - VEB: guest<->guest and guest<->dom0 (through the uplink veth)
#   - representor netdevs xvf<domid>.0 with per-VF counters
#   - multicast filtering by the VF's list
#   - VLAN hopping with crafted tag stacks refused and counted
#   - port VLAN set at run time: isolation, and the tag on the uplink
#   - guest VLAN interfaces (VLAN filter requests)
#   - link state events: admin link-state and the uplink's carrier
#   - admin MAC change pushed to the guest
#   - VEPA: nothing switched locally; hairpin on the adjacent bridge
#   - private: no frame between the guests, hairpin reflections and
#     broadcast included (drop_private); both still reach dom0
#   - isolated VF (VEB): at attach and at run time, kept from every other
#     VF both ways (drop_isolated) while the other VFs meet and the uplink
#     works
# rig-timeout: 1200

IP=/usr/sbin/ip	# iproute2: busybox sh would run its own ip applet

step "module parameters"
modprobe bridge
modprobe 8021q
uplink_veth
if insmod "$RIG/modules/xenvf-back.ko" uplink=lo 2>/tmp/err; then
	fail "insmod with uplink=lo (not Ethernet) succeeded"
fi
dmesg | grep -q "uplink lo: not an Ethernet device" || fail "no error for a non-Ethernet uplink"
if insmod "$RIG/modules/xenvf-back.ko" mode=bogus 2>/dev/null; then
	fail "insmod with mode=bogus succeeded"
fi
dmesg | grep -q "mode bogus: must be veb, vepa or private" || fail "no error for a bad mode"
if insmod "$RIG/modules/xenvf-back.ko" num_vfs=99 2>/dev/null; then
	fail "insmod with num_vfs=99 succeeded"
fi
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
P=/sys/module/xenvf_back/parameters
[ "$(cat $P/uplink)" = up0 ] && [ "$(cat $P/mode)" = veb ] || fail "parameters: $(cat $P/uplink) $(cat $P/mode)"
echo vepx > $P/mode 2>/dev/null && fail "sysfs accepted mode vepx"
echo lo > $P/uplink 2>/dev/null && fail "sysfs accepted uplink lo"
[ "$(cat $P/uplink)" = up0 ] && [ "$(cat $P/mode)" = veb ] || fail "a refused value changed the parameters"

xenvf_guest guest1 192.0.2.11
xenvf_guest guest2 192.0.2.12
id1=$(domid guest1)
id2=$(domid guest2)
[ "$(xenstore-read /local/domain/0/backend/xenvf/$id1/0/uplink)" = up0 ] || fail "backend key uplink"

step "VEB: guest to guest, guest to dom0, dom0 to guest"
pings guest1 192.0.2.12 || fail "guest1 cannot ping guest2"
pings guest2 192.0.2.1 || fail "guest2 cannot ping dom0 through the uplink"
ping -c 2 -W 3 192.0.2.11 >/dev/null || fail "dom0 cannot ping guest1"

step "representors"
$IP -s link show "xvf$id1.0" || fail "no representor xvf$id1.0"
ethtool -i "xvf$id1.0" | grep -q "driver: xenvf_back" || fail "representor driver"
ethtool -S "xvf$id1.0"
[ "$(rep_stat "$id1" 0 tx_to_vf)" -gt 0 ] || fail "guest1 sent nothing to guest2?"
[ "$(rep_stat "$id2" 0 tx_to_uplink)" -gt 0 ] || fail "guest2 sent nothing to the uplink?"
[ "$(rep_stat "$id1" 0 rx_from_uplink)" -gt 0 ] || fail "guest1 got nothing from the uplink?"
v=$(rep_stat "$id1" 0 vectors)
[ "$v" -ge 2 ] || fail "VF holds $v interrupt vectors, want control + queues"
rx=$($IP -s link show "xvf$id1.0" | awk '/RX:/{getline; print $2}')
[ "$rx" -gt 0 ] || fail "representor RX packets $rx"

step "multicast: delivered only to VFs that joined"
# IPv6 off in the guests: its MLD/ND multicast would add to the counts
for g in guest1 guest2; do
	domu_run $g 'echo 1 > /proc/sys/net/ipv6/conf/eth0/disable_ipv6'
done
domu_run guest1 '/usr/sbin/ip route add 224.0.0.0/4 dev eth0'
f0=$(rep_stat "$id2" 0 rx_multicast_filtered)
domu_run guest1 'ping -c 3 -W 1 224.0.0.1 >/dev/null; true'
f1=$(rep_stat "$id2" 0 rx_multicast_filtered)
[ $((f1 - f0)) -lt 3 ] || fail "all-hosts multicast was filtered ($f0 -> $f1)"
domu_run guest1 'ping -c 3 -W 1 239.1.2.3 >/dev/null; true'
f2=$(rep_stat "$id2" 0 rx_multicast_filtered)
[ "$f2" -ge $((f1 + 3)) ] || fail "unjoined multicast not filtered ($f1 -> $f2)"

step "VLAN hopping: priority tag + tag, 802.1ad, QinQ from guest1 (no VLAN 100)"
# guest2 and dom0 (behind the uplink) listen on VLAN 100; guest1 has only
# VLAN 200. Counters, not pings: nothing may arrive, every frame is counted.
for g in guest1 guest2; do
	domu_run $g 'echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6'
done
domu_run guest2 "$IP link add link eth0 name eth0.100 type vlan id 100 &&
	$IP link set eth0.100 up" || fail "guest2: eth0.100"
domu_run guest1 "$IP link add link eth0 name eth0.200 type vlan id 200 &&
	$IP link set eth0.200 up" || fail "guest1: eth0.200"
echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6	# no ND/MLD on VLAN 100
$IP link add link up1 name up1.100 type vlan id 100
$IP link set up1.100 up
g2mac=$(domu_run guest2 'cat /sys/class/net/eth0/address')
rx_g2() { domu_run guest2 'cat /sys/class/net/eth0.100/statistics/rx_packets'; }
rx_up() { cat /sys/class/net/up1.100/statistics/rx_packets; }
g2_0=$(rx_g2)
up_0=$(rx_up)
stack_0=$(rep_stat "$id1" 0 drop_vlan_stacked_tag)
vlan_0=$(rep_stat "$id1" 0 drop_vlan_not_allowed)
n=5
for dst in "$g2mac" ff:ff:ff:ff:ff:ff 02:00:00:00:01:00; do
	# 0x8100 VID 0 + VLAN 100; 0x88a8 VID 0 + VLAN 100; QinQ; lone 802.1ad
	domu_run guest1 "xenvf-rawtag eth0 $dst $n 8100:0 8100:64 &&
		xenvf-rawtag eth0 $dst $n 88a8:0 8100:64 &&
		xenvf-rawtag eth0 $dst $n 88a8:64 8100:64 &&
		xenvf-rawtag eth0 $dst $n 88a8:64" >/dev/null ||
		fail "guest1 could not send its crafted frames"
	# descriptor tag 200 (allowed, from eth0.200) + in-band VLAN 100
	domu_run guest1 "xenvf-rawtag eth0.200 $dst $n 8100:64" >/dev/null ||
		fail "guest1 could not send on eth0.200"
done
sleep 2
stack_1=$(rep_stat "$id1" 0 drop_vlan_stacked_tag)
vlan_1=$(rep_stat "$id1" 0 drop_vlan_not_allowed)
[ $((stack_1 - stack_0)) -eq $((3 * 4 * n)) ] ||
	fail "drop_vlan_stacked_tag moved $stack_0 -> $stack_1, want +$((3 * 4 * n))"
[ $((vlan_1 - vlan_0)) -eq $((3 * n)) ] ||
	fail "drop_vlan_not_allowed moved $vlan_0 -> $vlan_1, want +$((3 * n))"
[ "$(rx_g2)" = "$g2_0" ] || fail "crafted frames reached guest2's VLAN 100 ($g2_0 -> $(rx_g2))"
[ "$(rx_up)" = "$up_0" ] || fail "crafted frames reached the uplink's VLAN 100 ($up_0 -> $(rx_up))"
step "802.1ad from the uplink is not delivered as 802.1Q"
$IP link add link up1 name up1.ad100 type vlan proto 802.1ad id 100
$IP link set up1.ad100 up
$IP addr add 10.101.0.1/24 dev up1.ad100
domu_run guest2 "$IP addr add 10.101.0.12/24 dev eth0.100"
g2_0=$(rx_g2)
tx_ad=$(cat /sys/class/net/up1.ad100/statistics/tx_packets)
# no answer is expected (the frames must not reach guest2): arping fails
arping -c 3 -w 3 -I up1.ad100 10.101.0.12 >/dev/null 2>&1 || true
sleep 1
[ "$(cat /sys/class/net/up1.ad100/statistics/tx_packets)" -ge $((tx_ad + 3)) ] ||
	fail "dom0 sent no 802.1ad frames"
[ "$(rx_g2)" = "$g2_0" ] || fail "802.1ad VLAN 100 reached guest2's 802.1Q VLAN 100 ($g2_0 -> $(rx_g2))"
$IP link del up1.ad100
$IP link del up1.100
domu_run guest2 "$IP link del eth0.100"
domu_run guest1 "$IP link del eth0.200"
echo 0 > /proc/sys/net/ipv6/conf/default/disable_ipv6

step "guest VLAN interfaces: both add VLAN 100"
for g in guest1 guest2; do
	n=$([ $g = guest1 ] && echo 11 || echo 12)
	domu_run $g "/usr/sbin/ip link add link eth0 name eth0.100 type vlan id 100 &&
		$IP addr add 10.100.0.$n/24 dev eth0.100 && $IP link set eth0.100 up"
done
pings guest1 10.100.0.12 || fail "VLAN 100 between the guests"

step "port VLAN at run time: isolation, then the same VLAN"
xenvf_admin "$id1" 0 vlan=10
wait_for 10 domu_run guest1 'dmesg | grep -q "port VLAN 10"' || fail "guest1 not told of its port VLAN"
domu_run guest1 'ping -c 2 -W 2 192.0.2.12' && fail "port VLAN 10 reached guest2 on the untagged LAN"
xenvf_admin "$id2" 0 vlan=20
domu_run guest1 'ping -c 2 -W 2 192.0.2.12' && fail "VLAN 10 reached VLAN 20"
xenvf_admin "$id2" 0 vlan=10
pings guest1 192.0.2.12 || fail "the same port VLAN does not connect"
step "port VLAN on the uplink: tagged 10 there, untagged in the guest"
$IP link add link up1 name up1.10 type vlan id 10
$IP addr add 198.51.100.1/24 dev up1.10
$IP link set up1.10 up
domu_run guest1 'ip addr add 198.51.100.11/24 dev eth0'
pings guest1 198.51.100.1 || fail "guest1 (port VLAN 10) cannot reach dom0's up1.10"
domu_run guest1 'ping -c 2 -W 2 192.0.2.1' && fail "port VLAN 10 reached the untagged uplink"
xenvf_admin "$id1" 0 vlan=0
xenvf_admin "$id2" 0 vlan=0
pings guest1 192.0.2.12 || fail "guests do not meet again without port VLAN"

step "link state: admin link-state and the uplink carrier"
carrier() { [ "$(domu_run "$1" 'cat /sys/class/net/eth0/carrier')" = "$2" ]; }
xenvf_admin "$id2" 0 link-state=disable
wait_for 10 carrier guest2 0 || fail "guest2 carrier stays up with link-state disable"
xenvf_admin "$id2" 0 link-state=enable
wait_for 10 carrier guest2 1 || fail "guest2 carrier stays down with link-state enable"
$IP link set up1 down
wait_for 10 carrier guest1 0 || fail "guest1 (auto) carrier stays up with the uplink down"
carrier guest2 1 || fail "guest2 (enable) followed the uplink"
$IP link set up1 up
wait_for 10 carrier guest1 1 || fail "guest1 carrier stays down with the uplink up"
xenvf_admin "$id2" 0 link-state=auto

step "admin MAC change reaches the guest"
xenvf_admin "$id1" 0 mac=00:16:3e:00:00:99
wait_for 10 domu_run guest1 'ip link show eth0 | grep -q 00:16:3e:00:00:99' ||
	fail "guest1 MAC not changed by the admin"
pings guest1 192.0.2.12 || fail "guest1 lost connectivity after its MAC change"
[ "$(rep_stat "$id1" 0 events_sent)" -ge 3 ] || fail "events_sent $(rep_stat "$id1" 0 events_sent)"

step "VEPA: nothing switched locally without hairpin"
echo vepa > $P/mode
to_vf=$(rep_stat "$id1" 0 tx_to_vf)
domu_run guest1 'ping -c 2 -W 2 192.0.2.12' && fail "VEPA switched locally"
[ "$(rep_stat "$id1" 0 tx_to_vf)" = "$to_vf" ] || fail "VEPA counted local switching"
step "VEPA: hairpin on the adjacent bridge brings frames back"
$IP addr del 192.0.2.1/24 dev up1
$IP link add br0 type bridge
$IP link set up1 master br0
$IP link set br0 up
$IP addr add 192.0.2.1/24 dev br0
domu_run guest1 'ping -c 2 -W 2 192.0.2.12' && fail "reflected without hairpin"
$IP link set dev up1 type bridge_slave hairpin on
up_before=$(rep_stat "$id1" 0 tx_to_uplink)
pings guest1 192.0.2.12 || fail "no VEPA hairpin"
[ "$(rep_stat "$id1" 0 tx_to_uplink)" -gt "$up_before" ] || fail "VEPA frames did not use the uplink"
[ "$(rep_stat "$id1" 0 tx_to_vf)" = "$to_vf" ] || fail "VEPA switched locally"
pings guest2 192.0.2.1 || fail "dom0 behind the bridge"

step "private: no frame between the guests, not even reflected by the hairpin bridge"
# br0 still reflects (hairpin on up1): what comes back with a guest's
# source MAC must reach no guest, and is counted on that guest's VF
echo private > $P/mode
[ "$(cat $P/mode)" = private ] || fail "mode private not taken: $(cat $P/mode)"
p0=$(rep_stat "$id1" 0 drop_private)
domu_run guest1 'ping -c 2 -W 2 192.0.2.12' && fail "private: guest1 reached guest2"
domu_run guest2 'ping -c 2 -W 2 192.0.2.11' && fail "private: guest2 reached guest1"
p1=$(rep_stat "$id1" 0 drop_private)
[ "$p1" -gt "$p0" ] || fail "private: guest1's frames to guest2 not counted (drop_private $p0 -> $p1)"
[ "$(rep_stat "$id2" 0 drop_private)" -gt 0 ] || fail "private: guest2's frames to guest1 not counted"
# untagged broadcasts from guest1: out of the uplink, reflected by br0,
# dropped on the way back (each once), never received by guest2
rx_of() { domu_run "$1" "cat /sys/class/net/$2/statistics/rx_packets"; }
n=30
r0=$(rx_of guest2 eth0)
p0=$(rep_stat "$id1" 0 drop_private)
u0=$(rep_stat "$id1" 0 tx_to_uplink)
domu_run guest1 "xenvf-rawtag eth0 ff:ff:ff:ff:ff:ff $n" >/dev/null ||
	fail "guest1 could not send its broadcasts"
sleep 2
r1=$(rx_of guest2 eth0)
p1=$(rep_stat "$id1" 0 drop_private)
u1=$(rep_stat "$id1" 0 tx_to_uplink)
[ $((u1 - u0)) -ge $n ] || fail "private: broadcasts did not leave by the uplink (tx_to_uplink $u0 -> $u1)"
[ $((p1 - p0)) -ge $n ] || fail "private: reflected broadcasts not counted (drop_private $p0 -> $p1, want +$n)"
[ $((r1 - r0)) -lt $n ] || fail "private: guest2 received guest1's broadcasts (rx_packets $r0 -> $r1)"
pings guest1 192.0.2.1 || fail "private: guest1 cannot reach dom0 through the uplink"
pings guest2 192.0.2.1 || fail "private: guest2 cannot reach dom0 through the uplink"
ping -c 2 -W 3 192.0.2.12 >/dev/null || fail "private: dom0 cannot reach guest2"

step "isolated VF (VEB): attached with isolated=1, then cleared"
echo veb > $P/mode
pings guest1 192.0.2.12 || fail "VEB after private: the guests do not meet"
# guest1's VF 1 (eth1) on a subnet of its own with guest2; arp_ignore=1:
# guest1 answers ARP only on the interface holding the address asked for
xenvf_nodes_create "$id1" 1 isolated=1
xenvf_wait_state "$id1" 1 "4 4"
[ "$(xenstore-read /local/domain/0/backend/xenvf/$id1/1/isolated)" = 1 ] ||
	fail "xenvf attach isolated=1: backend key not 1"
wait_for 30 domu_run guest1 'ip link show eth1 >/dev/null' || fail "guest1: no eth1"
domu_run guest1 "echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore &&
	echo 1 > /proc/sys/net/ipv6/conf/eth1/disable_ipv6 &&
	$IP addr add 10.77.0.11/24 dev eth1 && $IP link set eth1 up" >/dev/null ||
	fail "guest1: eth1 10.77.0.11/24 not set up"
domu_run guest2 "$IP addr add 10.77.0.12/24 dev eth0" >/dev/null || fail "guest2: 10.77.0.12"
i0=$(rep_stat "$id1" 1 drop_isolated)
domu_run guest1 'ping -c 2 -W 2 10.77.0.12' && fail "VF 1 attached isolated reached guest2"
[ "$(rep_stat "$id1" 1 drop_isolated)" -gt "$i0" ] || fail "VF 1's frames to guest2 not counted (drop_isolated)"
xenvf_admin "$id1" 1 isolated=0
sleep 2	# the backend applies it from its xenstore watch
pings guest1 10.77.0.12 || fail "VF 1 with isolated=0 cannot reach guest2"

step "isolated VF (VEB): set at run time; the other VFs still meet, the uplink works"
xenvf_admin "$id1" 0 isolated=1
sleep 2
[ "$(xenstore-read /local/domain/0/backend/xenvf/$id1/0/isolated)" = 1 ] ||
	fail "xenvf set isolated=1: backend key not 1"
i0=$(rep_stat "$id1" 0 drop_isolated)
g0=$(rep_stat "$id2" 0 drop_isolated)
domu_run guest1 'ping -c 2 -W 2 192.0.2.12' && fail "isolated guest1 reached guest2"
domu_run guest2 'ping -c 2 -W 2 192.0.2.11' && fail "guest2 reached isolated guest1"
[ "$(rep_stat "$id1" 0 drop_isolated)" -gt "$i0" ] || fail "isolated guest1's frames not counted (drop_isolated)"
[ "$(rep_stat "$id2" 0 drop_isolated)" -gt "$g0" ] || fail "guest2's frames to isolated guest1 not counted (drop_isolated)"
# broadcasts of the isolated VF: to the uplink only, neither guest2 nor
# guest1's own VF 1 gets them, locally or reflected by br0
r0=$(rx_of guest2 eth0)
e0=$(rx_of guest1 eth1)
i0=$(rep_stat "$id1" 0 drop_isolated)
u0=$(rep_stat "$id1" 0 tx_to_uplink)
domu_run guest1 "xenvf-rawtag eth0 ff:ff:ff:ff:ff:ff $n" >/dev/null ||
	fail "isolated guest1 could not send its broadcasts"
sleep 2
r1=$(rx_of guest2 eth0)
e1=$(rx_of guest1 eth1)
i1=$(rep_stat "$id1" 0 drop_isolated)
u1=$(rep_stat "$id1" 0 tx_to_uplink)
[ $((u1 - u0)) -ge $n ] || fail "isolated: broadcasts did not leave by the uplink (tx_to_uplink $u0 -> $u1)"
[ $((i1 - i0)) -ge $n ] || fail "isolated: broadcasts kept from the VFs not counted (drop_isolated $i0 -> $i1, want +$n)"
[ $((r1 - r0)) -lt $n ] || fail "isolated: guest2 received guest1's broadcasts (rx_packets $r0 -> $r1)"
[ $((e1 - e0)) -lt $n ] || fail "isolated: guest1's VF 1 received VF 0's broadcasts (rx_packets $e0 -> $e1)"
pings guest1 10.77.0.12 || fail "isolated VF 0: guest1's VF 1 and guest2 no longer meet"
pings guest1 192.0.2.1 || fail "isolated guest1 cannot reach dom0 through the uplink"
ping -c 2 -W 3 192.0.2.11 >/dev/null || fail "dom0 cannot reach isolated guest1"
xenvf_admin "$id1" 0 isolated=0
sleep 2
pings guest1 192.0.2.12 || fail "guest1 and guest2 do not meet again with isolated=0"

step "uplink removed while attached"
echo veb > $P/mode
$IP link del up0
# the name stays configured, waited for (xenvf-uplink re-creates it)
[ "$(cat $P/uplink)" = up0 ] && [ "$(cat $P/uplink_state)" = waiting ] ||
	fail "uplink parameter '$(cat $P/uplink)', state '$(cat $P/uplink_state)' after the delete"
pings guest1 192.0.2.12 || fail "VEB without uplink"
dmesg | grep -q "uplink up0 is going away" || fail "uplink removal not logged"

step "mapped pools used (feature-pool-map)"
# frames each way were memcpy'd in dom0 and no pool fell back (the strict
# zero-grant-copy check is xenvf-ping's)
for id in $id1 $id2; do
	ethtool -S "xvf$id.0" | grep -E 'pool|grant_copy|vf_direct' | sed "s/^/xvf$id.0/"
	[ "$(rep_stat "$id" 0 vf_tx_pool_memcpy)" -gt 0 ] || fail "xvf$id.0: no TX packet memcpy'd"
	[ "$(rep_stat "$id" 0 vf_rx_pool_memcpy)" -gt 0 ] || fail "xvf$id.0: no RX packet memcpy'd"
	n=$(( $(rep_stat "$id" 0 pool_refused_bad_list) + $(rep_stat "$id" 0 pool_map_failed) +
	      $(rep_stat "$id" 0 pool_budget_refused) + $(rep_stat "$id" 0 pool_no_memory) ))
	[ "$n" = 0 ] || fail "xvf$id.0: $n pools fell back to grant copy"
	# guest to guest (VEB, one queue each, both pools mapped): frames went
	# from one guest's pool page into the other's in one copy, no skb
	[ "$(rep_stat "$id" 0 vf_tx_vf_direct)" -gt 0 ] || fail "xvf$id.0: no frame sent VF to VF in one copy"
	[ "$(rep_stat "$id" 0 vf_rx_vf_direct)" -gt 0 ] || fail "xvf$id.0: no frame received VF to VF in one copy"
done

xl destroy guest1
xl destroy guest2
dmesg | grep -E "WARNING|BUG|Call Trace" && fail "warnings in dom0's log"
step "xenvf-switch ok"
