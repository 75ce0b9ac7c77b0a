# Scenario: a hostile frontend (tests/xen/hostile) in guest1 abuses the
# control ring five ways while guest2 uses its own VF normally. The
# backend answers garbage with error statuses, absorbs an event storm,
# disconnects the VF whose producer index overflows with one log line,
# slows a flood of real requests to the VF's event rate, refuses a VF whose
# queue shares the control event channel, and
# neither dom0 (no WARNING/BUG, checked by init) nor guest2's VF is harmed.
# rig-kernel: debug

# evt_rate=50: a flood of real requests is slowed to it; normal use is not
insmod "$RIG/modules/xenvf-back.ko" evt_rate=50
domu_start guest1
domu_start guest2
g1=$(domid guest1)
g2=$(domid guest2)
domu_run guest2 'insmod /rig/modules/xenvf-front.ko'
xenvf_nodes_create "$g2" 0
xenvf_wait_state "$g2" 0 "4 4"

attack() {	# attack MODE VF: load the hostile frontend with MODE on VF
	domu_run guest1 ". /rig/lib.sh; xenvf_unbind_all xen; rmmod xenvf_hostile 2>/dev/null;
		insmod /rig/modules/xenvf_hostile.ko mode=$1" || fail "insmod hostile $1"
	xenvf_nodes_create "$g1" "$2"
	wait_for 30 domu_run guest1 "dmesg | grep -q 'hostile: $1 attack sent'" ||
		fail "$1 attack not sent"
}

step "garbage in every control slot: answered with errors, VF stays up"
attack garbage 0
sleep 2
xenvf_wait_state "$g1" 0 "4 4"

step "event storm: absorbed"
attack storm 1
sleep 2
xenvf_wait_state "$g1" 1 "4 4"
dmesg | grep -q "VF of domain $g1 disconnected (8 control requests, [0-9]* refused;" ||
	fail "garbage requests were not all answered when VF 0 went away"

step "producer index overflow: VF disconnected, logged once"
attack overflow 2
wait_for 30 sh -c "dmesg | grep -q 'domain $g1 broke the control ring protocol'" ||
	fail "overflow not reported"
[ "$(dmesg | grep -c "domain $g1 broke the control ring protocol")" -eq 1 ] ||
	fail "overflow reported more than once"
wait_for 30 sh -c "[ \"\$(xenstore-read /local/domain/$g1/device/xenvf/2/state)\" = 6 ]" ||
	fail "hostile VF not closed"

step "control flood: served at the VF's event rate (evt_rate=50)"
attack ctrlflood 4
wait_for 90 domu_run guest1 "dmesg | grep -q 'hostile: ctrlflood 1000 of 1000 answered'" ||
	fail "the flood was not answered: $(domu_run guest1 'dmesg | grep ctrlflood')"
domu_run guest1 'dmesg | grep "hostile: ctrlflood"'
thr=$(ethtool -S "xvf$g1.4" | sed -n 's/^ *events_throttled: //p')
echo "flood: $thr events throttled"
[ "$thr" -gt 0 ] || fail "the flood was not rate limited"
xenvf_wait_state "$g2" 0 "4 4"

step "queue event channel = control event channel: refused, VF closed"
# (the backend's second bind of one remote port fails with EINVAL)
domu_run guest1 ". /rig/lib.sh; xenvf_unbind_all xen; rmmod xenvf_hostile 2>/dev/null;
	insmod /rig/modules/xenvf_hostile.ko mode=sharedevt" || fail "insmod hostile sharedevt"
xenvf_nodes_create "$g1" 3
wait_for 30 sh -c "dmesg | grep -q 'xenvf-$g1-3: .*binding event channel'" ||
	fail "shared event channel not refused"
wait_for 30 sh -c "[ \"\$(xenstore-read /local/domain/$g1/device/xenvf/3/state)\" = 6 ]" ||
	fail "hostile VF 3 not closed"
domu_run guest1 'dmesg | grep "hostile:" | tail -n 3'

step "the other guest's VF still works"
xenvf_wait_state "$g2" 0 "4 4"
domu_run guest2 'ip link set eth0 mtu 1400 && ip link show eth0 | grep -q "mtu 1400"' ||
	fail "guest2 VF control broken"

xl destroy guest1
xl destroy guest2
step "xenvf-hostile ok"
