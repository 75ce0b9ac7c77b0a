# Scenario: hardware mode. The uplink is an SR-IOV PF (netdevsim with 4
# VFs); a xenvf device with admin key hw-vf=2 serves hardware VF 2: the
# admin's settings and the guest's allowed requests appear on the PF's VF
# (`ip link show <pf>`), a denied request leaves it unchanged, a hw-vf
# the PF does not have is refused, so is a second device naming a hw-vf
# already served (before anything reaches the PF), and so is every admin
# change while the node's hw-vf differs from the one it was probed with.
# isolated=1 is refused with hw-vf, at attach and at run time (the NIC
# switches a hardware VF: nothing here can isolate it).
IP=/usr/sbin/ip

modprobe netdevsim
echo "10 1" > /sys/bus/netdevsim/new_device
nsim=/sys/bus/netdevsim/devices/netdevsim10
wait_for 10 sh -c "ls $nsim/net/ 2>/dev/null | grep -q ." || fail "no netdevsim netdev"
pf=$(ls $nsim/net/ | head -n 1)
echo 4 > $nsim/sriov_numvfs
$IP link set "$pf" up
insmod "$RIG/modules/xenvf-back.ko" uplink="$pf"
vf2() { $IP link show "$pf" | grep "vf 2 "; }
vf2_has() { vf2 | grep -q "$1"; }

domu_start guest1
id=$(domid guest1)
domu_run guest1 'insmod /rig/modules/xenvf-front.ko'

step "hw-vf 9 (the PF has 4 VFs): refused"
xenvf_nodes_create "$id" 1 hw-vf=9
wait_for 30 sh -c "dmesg | grep -q \"hw-vf 9: uplink '$pf' is not an SR-IOV PF with that VF\"" ||
	fail "hw-vf 9 not refused"
xenvf detach --force "$id" 1 || fail "xenvf detach --force VF 1"

step "hw-vf 3 with isolated=1: refused"
xenvf_nodes_create "$id" 1 hw-vf=3 isolated=1
wait_for 30 sh -c "dmesg | grep -q 'invalid key isolated'" ||
	fail "hw-vf with isolated=1 not refused"
$IP link show "xvf$id.1" >/dev/null 2>&1 && fail "the refused isolated device has a representor"
xenvf detach --force "$id" 1 || fail "xenvf detach --force VF 1"

step "VF 0 served by hardware VF 2: the admin's settings are on the PF"
xenvf_nodes_create "$id" 0 hw-vf=2 mac=00:16:3e:00:00:aa vlan=7 qos=3 rate=100
xenvf_wait_state "$id" 0 "4 4"
vf2
vf2_has "00:16:3e:00:00:aa" || fail "admin MAC not on hardware VF 2"
vf2_has "vlan 7, qos 3" || fail "port VLAN not on hardware VF 2"
vf2_has "spoof checking on" || fail "spoof check not on hardware VF 2"
vf2_has "trust off" || fail "trust not off on hardware VF 2"
vf2_has "max_tx_rate 100Mbps" || fail "rate limit not on hardware VF 2"
wait_for 30 domu_run guest1 'ip link show eth0 >/dev/null' || fail "no eth0 in guest1"
xenvf_admin "$id" 0 isolated=1
wait_for 10 sh -c "dmesg | grep -q 'ignoring invalid admin key backend/xenvf/$id/0/isolated'" ||
	fail "isolated=1 on a hardware VF at run time not refused"
xenvf_admin "$id" 0 isolated=0	# else every later admin change is refused

step "a second device naming hw-vf 2: refused, hardware VF 2 untouched"
xenvf_nodes_create "$id" 1 hw-vf=2 mac=00:16:3e:00:00:bb vlan=9 trusted=1
wait_for 30 sh -c "dmesg | grep -q 'hw-vf 2 is served by backend/xenvf/$id/0 already'" ||
	fail "a second device with hw-vf 2 was not refused"
vf2
vf2_has "00:16:3e:00:00:aa" || fail "the refused device changed hardware VF 2's MAC"
vf2_has "vlan 7, qos 3" || fail "the refused device changed hardware VF 2's VLAN"
vf2_has "trust off" || fail "the refused device changed hardware VF 2's trust"
$IP link show "xvf$id.1" >/dev/null 2>&1 && fail "the refused device has a representor"
[ "$(xenvf_state "$id" 0)" = "4 4" ] || fail "VF 0 disturbed: $(xenvf_state "$id" 0)"
xenvf detach --force "$id" 1 || fail "xenvf detach --force VF 1"

step "hw-vf rewritten in the store: the whole admin change is refused"
be=/local/domain/0/backend/xenvf/$id/0
xenstore-write "$be/hw-vf" 3 "$be/vlan" 8	# one transaction
wait_for 10 sh -c "dmesg | grep -q 'ignoring admin change of backend/xenvf/$id/0: hw-vf cannot change'" ||
	fail "admin change with hw-vf 3 not refused"
sleep 1
vf2_has "vlan 7, qos 3" || fail "VLAN 8 applied while hw-vf was invalid"
xenstore-write "$be/hw-vf" 2
wait_for 10 vf2_has "vlan 8, qos 3" || fail "VLAN 8 not applied once hw-vf was valid again"
xenvf_admin "$id" 0 vlan=7
wait_for 10 vf2_has "vlan 7, qos 3" || fail "port VLAN 7 not restored"

step "untrusted: the guest's MAC change is denied, the hardware VF unchanged"
out=$(domu_run guest1 "ip link set eth0 address 02:00:00:00:00:22" || true)
echo "$out" | grep -q "Operation not permitted" || fail "MAC change not denied: $out"
vf2_has "00:16:3e:00:00:aa" || fail "denied MAC change reached the hardware"

step "trusted by the admin: the guest's MAC change reaches the hardware VF"
xenvf_admin "$id" 0 trusted=1
wait_for 10 vf2_has "trust on" || fail "trust not on hardware VF 2"
wait_for 10 domu_run guest1 'dmesg | grep -q "VF is trusted now"' || fail "guest not told of trust"
domu_run guest1 "ip link set eth0 address 02:00:00:00:00:22" || fail "trusted MAC change refused"
vf2_has "02:00:00:00:00:22" || fail "guest MAC not on hardware VF 2"

step "port VLAN 7 set by the admin: the guest's VLAN request is denied"
domu_run guest1 'modprobe 8021q'
out=$(domu_run guest1 "/usr/sbin/ip link add link eth0 name eth0.100 type vlan id 100" 2>&1 || true)
echo "$out" | grep -q "Operation not permitted" || fail "VLAN 100 not denied under port VLAN 7: $out"
vf2_has "vlan 7, qos 3" || fail "denied VLAN request changed hardware VF 2"

step "admin: port VLAN off, spoof check off, rate limit off"
xenvf_admin "$id" 0 vlan=0 qos=0 spoofchk=0 rate=0
wait_for 10 vf2_has "spoof checking off" || fail "spoof check still on"
vf2_has "vlan 7" && fail "port VLAN still on the hardware VF"
vf2_has "max_tx_rate" && fail "rate limit still on the hardware VF"

step "the guest's VLAN 100 becomes hardware VF 2's VLAN; a second one is refused"
domu_run guest1 "/usr/sbin/ip link add link eth0 name eth0.100 type vlan id 100" ||
	fail "guest VLAN 100 refused"
vf2_has "vlan 100" || fail "guest VLAN 100 not on hardware VF 2"
out=$(domu_run guest1 "/usr/sbin/ip link add link eth0 name eth0.200 type vlan id 200" 2>&1 || true)
echo "$out" | grep -q "No space left on device" || fail "second VLAN not refused: $out"
vf2_has "vlan 100" || fail "refused VLAN 200 changed hardware VF 2"
domu_run guest1 "/usr/sbin/ip link del eth0.100" || fail "deleting eth0.100"
vf2_has "vlan 100" && fail "guest VLAN 100 still on hardware VF 2 after its removal"
domu_run guest1 "/usr/sbin/ip link add link eth0 name eth0.200 type vlan id 200" ||
	fail "guest VLAN 200 refused once 100 was gone"
vf2_has "vlan 200" || fail "guest VLAN 200 not on hardware VF 2"

step "admin: link disabled"
xenvf_admin "$id" 0 link-state=disable
wait_for 10 vf2_has "link-state disable" || fail "link-state not disabled on the hardware VF"
domu_run guest1 'ip link set eth0 up'
carrier_down() { [ "$(domu_run guest1 'cat /sys/class/net/eth0/carrier')" = 0 ]; }
wait_for 10 carrier_down || fail "guest1 carrier not down"
$IP link show "$pf"

xl destroy guest1
step "xenvf-hw ok"
