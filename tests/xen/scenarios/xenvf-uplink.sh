# Scenario (manual: run by name, `make rig SCENARIOS=xenvf-uplink`): the
# uplink as dom0s have it (issue 16 item 6), one guest:
#   - xenvf-back loaded with uplink=up0 before up0 exists: waiting, the
#     guest's frames for the uplink counted (drop_uplink_absent)
#   - up0 created (a veth, dom0's 192.0.2.1 on its peer up1): attached,
#     the guest pings dom0 through it
#   - up0 deleted: waiting again, counted drops; re-created: attached
#     again, traffic again; renamed away and back: detached, re-attached
#   - uplink=xenbr0 (a Linux bridge, not there yet), then xenbr0 created
#     with up0 as its port: attached as a bridge (made promiscuous), the
#     guest pings dom0 behind the port; xenbr0 deleted and re-created:
#     re-attached, traffic again
#   - up0 (a port of xenbr0) refused through sysfs and at insmod, with
#     one line naming the bridge, nothing changed
# rig-timeout: 900

IP=/usr/sbin/ip	# iproute2: busybox sh would run its own ip applet
P=/sys/module/xenvf_back/parameters
modprobe bridge
modprobe veth

# mk_up0: up0 (for the uplink) and its peer up1 with dom0's 192.0.2.1/24;
# up1's MAC fixed, so the guest's ARP entry outlives a re-creation
mk_up0() {
	$IP link add up0 type veth peer name up1 || fail "veth up0/up1 not created"
	$IP link set up1 address 02:00:c0:00:02:01
	$IP link set up0 up
	$IP link set up1 up
	$IP addr add 192.0.2.1/24 dev up1
}

# mk_xenbr0: the bridge xenbr0, up, with up0 as its port
mk_xenbr0() {
	$IP link add xenbr0 type bridge || fail "bridge xenbr0 not created"
	$IP link set up0 master xenbr0 || fail "up0 not made a port of xenbr0"
	$IP link set xenbr0 up
}

state_is() { [ "$(cat $P/uplink_state)" = "$1" ]; }

# absent_drops: the guest pings dom0 and cannot; drop_uplink_absent grows
absent_drops() {
	local _a0
	_a0=$(rep_stat "$id1" 0 drop_uplink_absent)
	domu_run guest1 'ping -c 2 -W 1 192.0.2.1' && fail "guest1 reached 192.0.2.1 without an uplink ($1)"
	[ "$(rep_stat "$id1" 0 drop_uplink_absent)" -gt "$_a0" ] ||
		fail "frames for the absent uplink not counted ($1)"
}

# through_uplink: the guest pings dom0 through the uplink, counted both ways
through_uplink() {
	local _t0 _r0
	_t0=$(rep_stat "$id1" 0 tx_to_uplink)
	_r0=$(rep_stat "$id1" 0 rx_from_uplink)
	pings guest1 192.0.2.1 || fail "guest1 cannot ping dom0 through the uplink ($1)"
	[ "$(rep_stat "$id1" 0 tx_to_uplink)" -gt "$_t0" ] || fail "tx_to_uplink did not move ($1)"
	[ "$(rep_stat "$id1" 0 rx_from_uplink)" -gt "$_r0" ] || fail "rx_from_uplink did not move ($1)"
}

step "loaded before its uplink exists"
$IP link show up0 2>/dev/null && fail "up0 exists before the test"
insmod "$RIG/modules/xenvf-back.ko" uplink=up0 || fail "insmod with an uplink not there yet failed"
[ "$(cat $P/uplink)" = up0 ] || fail "uplink parameter '$(cat $P/uplink)'"
state_is waiting || fail "uplink_state '$(cat $P/uplink_state)', not waiting"
[ "$(cat $P/uplink_attaches)" = 0 ] || fail "uplink_attaches $(cat $P/uplink_attaches)"
dmesg | grep -q "uplink up0: no such network device yet: attached when it appears" ||
	fail "no line for the uplink waited for"
xenvf_guest guest1 192.0.2.11
id1=$(domid guest1)
absent_drops "not created yet"

step "up0 appears: attached"
mk_up0
wait_for 5 state_is attached || fail "up0 created, uplink_state '$(cat $P/uplink_state)'"
dmesg | grep -q "uplink up0 attached (an Ethernet device)" || fail "no line for the attach"
[ "$(cat $P/uplink_attaches)" = 1 ] || fail "uplink_attaches $(cat $P/uplink_attaches), not 1"
through_uplink "late uplink"

step "up0 deleted, then re-created"
$IP link del up0
wait_for 5 state_is waiting || fail "up0 deleted, uplink_state '$(cat $P/uplink_state)'"
[ "$(cat $P/uplink)" = up0 ] || fail "uplink parameter '$(cat $P/uplink)' after the delete"
dmesg | grep -q "uplink up0 is going away" || fail "no line for the delete"
dmesg | grep -q "uplink up0: waiting for it to appear again" || fail "no line for the wait"
absent_drops "deleted"
mk_up0
wait_for 5 state_is attached || fail "up0 re-created, uplink_state '$(cat $P/uplink_state)'"
[ "$(cat $P/uplink_attaches)" = 2 ] || fail "uplink_attaches $(cat $P/uplink_attaches), not 2"
through_uplink "re-created uplink"

step "up0 renamed away and back"
$IP link set up0 down
$IP link set up0 name upx || fail "rename up0 -> upx"
state_is waiting || fail "up0 renamed, uplink_state '$(cat $P/uplink_state)'"
dmesg | grep -q "uplink up0 renamed upx" || fail "no line for the rename"
$IP link set upx name up0 || fail "rename upx -> up0"
$IP link set up0 up
state_is attached || fail "renamed back, uplink_state '$(cat $P/uplink_state)'"
[ "$(cat $P/uplink_attaches)" = 3 ] || fail "uplink_attaches $(cat $P/uplink_attaches), not 3"
through_uplink "renamed back"

step "uplink=xenbr0: waited for, then a bridge with up0 as its port"
d0=$(dmesg | grep -c "uplink up0 detached" || true)
echo xenbr0 > $P/uplink || fail "uplink=xenbr0 refused"
state_is waiting || fail "uplink_state '$(cat $P/uplink_state)', not waiting for xenbr0"
[ "$(dmesg | grep -c "uplink up0 detached")" -gt "$d0" ] || fail "up0 not detached for xenbr0"
mk_xenbr0
state_is attached || fail "xenbr0 created, uplink_state '$(cat $P/uplink_state)'"
dmesg | grep -q "uplink xenbr0 attached (a bridge)" || fail "no line for the bridge's attach"
$IP -d link show xenbr0 | grep -q "promiscuity 1" || fail "xenbr0 not made promiscuous: $($IP -d link show xenbr0)"
through_uplink "bridge uplink"

step "a port of the bridge refused, with the bridge named"
echo up0 > $P/uplink 2>/dev/null && fail "sysfs accepted up0, a port of xenbr0"
dmesg | grep -q "uplink up0: a port of bridge xenbr0: use uplink=xenbr0" || fail "no line naming the bridge"
[ "$(cat $P/uplink)" = xenbr0 ] && state_is attached || fail "a refused port changed the uplink: $(cat $P/uplink) $(cat $P/uplink_state)"
through_uplink "after the refused port"

step "xenbr0 deleted, then re-created"
$IP link del xenbr0
wait_for 5 state_is waiting || fail "xenbr0 deleted, uplink_state '$(cat $P/uplink_state)'"
dmesg | grep -q "uplink xenbr0 is going away" || fail "no line for the bridge's delete"
absent_drops "bridge deleted"
mk_xenbr0
wait_for 5 state_is attached || fail "xenbr0 re-created, uplink_state '$(cat $P/uplink_state)'"
[ "$(cat $P/uplink_attaches)" = 5 ] || fail "uplink_attaches $(cat $P/uplink_attaches), not 5"
through_uplink "re-created bridge"

step "uplink cleared: the bridge's promiscuity given back"
echo "" > $P/uplink
state_is none || fail "uplink_state '$(cat $P/uplink_state)', not none"
$IP -d link show xenbr0 | grep -q "promiscuity 0" || fail "xenbr0 still promiscuous: $($IP -d link show xenbr0)"

step "insmod with a bridge port as the uplink refused"
xl destroy guest1
# the backend removes the VF of a destroyed domain itself (its node, then
# xenbus the device, from the xenwatch thread); an unbind racing that
# removal deadlocks in xenbus (the unbind holds the device lock and waits
# for the xenwatch callback, which waits for the device lock: dom0 idle,
# the boot silent, seen once), so wait until it is gone
backend_gone() { ! ls /sys/bus/xen-backend/devices/ 2>/dev/null | grep -q "^xenvf-$id1-"; }
wait_for 30 backend_gone || fail "the destroyed guest's VF still in xen-backend after 30 s"
xenvf_unbind_all xen-backend
rmmod xenvf_back || fail "rmmod xenvf_back"
n0=$(dmesg | grep -c "uplink up0: a port of bridge xenbr0" || true)
insmod "$RIG/modules/xenvf-back.ko" uplink=up0 2>/dev/null && fail "insmod with up0, a port of xenbr0, succeeded"
[ "$(dmesg | grep -c "uplink up0: a port of bridge xenbr0: use uplink=xenbr0")" -gt "$n0" ] ||
	fail "no line naming the bridge at insmod"
insmod "$RIG/modules/xenvf-back.ko" uplink=xenbr0 || fail "insmod with uplink=xenbr0"
state_is attached || fail "uplink_state '$(cat $P/uplink_state)' at load with xenbr0"
rmmod xenvf_back || fail "rmmod xenvf_back with xenbr0 attached"
$IP -d link show xenbr0 | grep -q "promiscuity 0" || fail "xenbr0 still promiscuous after rmmod"
$IP link del xenbr0
$IP link del up0
dmesg | grep -E "WARNING|BUG|Call Trace|unregister_netdevice: waiting" && fail "warnings in dom0's log"
step "xenvf-uplink ok"
