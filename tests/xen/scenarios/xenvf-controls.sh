# Scenario: the controls a VF user expects, answered by the PF's policy over
# the control ring. One guest, three VFs:
#   VF 0: admin MAC, untrusted   VF 1: admin MAC, trusted   VF 2: port VLAN 5
# Denied requests fail with the PF's errno and change nothing.

insmod "$RIG/modules/xenvf-back.ko"
domu_start guest1
id=$(domid guest1)
domu_run guest1 'insmod /rig/modules/xenvf-front.ko && modprobe 8021q'
xenvf_nodes_create "$id" 0 mac=00:16:3e:00:00:aa queues=2
xenvf_nodes_create "$id" 1 mac=00:16:3e:00:00:bb trusted=1 mtu=4000
step "num_vfs=2: a third VF is refused until the limit is raised"
echo 2 > /sys/module/xenvf_back/parameters/num_vfs
xenvf_nodes_create "$id" 2 vlan=5
wait_for 30 sh -c "dmesg | grep -q 'xenvf-$id-2: .*all 2 VFs (num_vfs) are in use'" ||
	fail "third VF not refused under num_vfs=2"
xenvf detach --force "$id" 2 || fail "xenvf detach --force VF 2"
echo 3 > /sys/module/xenvf_back/parameters/num_vfs
xenvf_nodes_create "$id" 2 vlan=5
for vf in 0 1 2; do
	xenvf_wait_state "$id" "$vf" "4 4"
done

# the guest's interface name of VF $1
ifname() {
	domu_run guest1 "for n in /sys/class/net/*; do
		[ \"\$(basename \"\$(readlink \$n/device)\")\" = xenvf-$1 ] && basename \$n; done; true"
}
three_netdevs() { [ -n "$(ifname 0)" ] && [ -n "$(ifname 1)" ] && [ -n "$(ifname 2)" ]; }
wait_for 30 three_netdevs || fail "three xenvf netdevs did not appear"
if0=$(ifname 0)
if1=$(ifname 1)
if2=$(ifname 2)
step "VF netdevs: $if0 $if1 $if2"

step "the admin's queues=2 limits what the backend offers VF 0"
[ "$(xenstore-read "/local/domain/0/backend/xenvf/$id/0/multi-queue-max-queues")" = 2 ] ||
	fail "multi-queue-max-queues is not 2"

step "admin MAC is the netdev's address"
domu_run guest1 "ip link show $if0 | grep -q 00:16:3e:00:00:aa" || fail "VF 0 MAC"
domu_run guest1 "ip link show $if1 | grep -q 00:16:3e:00:00:bb" || fail "VF 1 MAC"

step "the admin's initial MTU (attach mtu=4000) is VF 1's; VF 0 has the default"
domu_run guest1 "ip link show $if1 | grep -q 'mtu 4000'" || fail "VF 1 MTU is not 4000"
domu_run guest1 "ip link show $if0 | grep -q 'mtu 1500'" || fail "VF 0 MTU is not 1500"

step "untrusted VF: MAC change denied with EPERM, address unchanged"
out=$(domu_run guest1 "ip link set $if0 address 02:00:00:00:00:01" || true)
echo "$out" | grep -q "Operation not permitted" || fail "VF 0 MAC change not denied: $out"
domu_run guest1 "ip link show $if0 | grep -q 00:16:3e:00:00:aa" || fail "VF 0 MAC changed"

step "trusted VF: MAC change allowed"
domu_run guest1 "ip link set $if1 address 02:00:00:00:00:02 &&
	ip link show $if1 | grep -q 02:00:00:00:00:02" || fail "VF 1 MAC change"

step "MTU within the PF's limit allowed, beyond refused"
domu_run guest1 "ip link set $if0 mtu 9000 && ip link show $if0 | grep -q 'mtu 9000'" ||
	fail "MTU 9000"
domu_run guest1 "! ip link set $if0 mtu 9711 && ip link show $if0 | grep -q 'mtu 9000'" ||
	fail "MTU 9711 accepted"

step "VLAN filters: allowed without a port VLAN, denied under one"
domu_run guest1 "ip link add link $if0 name v7 type vlan id 7" || fail "VLAN 7 on VF 0"
out=$(domu_run guest1 "ip link add link $if2 name v9 type vlan id 9" || true)
echo "$out" | grep -q "Operation not permitted" || fail "VLAN under port VLAN not denied: $out"

step "ethtool -i, -S, -l"
domu_run guest1 "ethtool -i $if0 | grep -q 'driver: xenvf-front' &&
	ethtool -i $if0 | grep -q 'bus-info: device/xenvf/0'" || fail "ethtool -i"
domu_run guest1 "ethtool -S $if0 | grep -q ctrl_refused: && ethtool -l $if0 | grep -q Combined" ||
	fail "ethtool -S/-l"
domu_run guest1 "ethtool -S $if0"

step "promiscuous mode needs trust"
domu_run guest1 "ip link set $if0 up promisc on; ip link set $if1 up promisc on; sleep 1"
domu_run guest1 "dmesg | grep -q '$if0: PF refused receive mode 3'" ||
	fail "untrusted promisc not refused"
domu_run guest1 "! dmesg | grep -q '$if1: PF refused receive mode'" ||
	fail "trusted promisc refused"

xl destroy guest1
step "xenvf-controls ok"
