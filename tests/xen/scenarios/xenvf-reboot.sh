# Scenario: a VF that lives as long as its guest (issue 15 items 1-2). The
# VFs of guest1 are declared once (`xenvf define`) and `xenvf watch` (the
# service of xenvf.service, started here) creates them: a plain `xl create`
# gets them within seconds, with the recorded MACs and keys; a
# guest-initiated reboot (on_reboot = "restart") gives the new domid the
# same VFs, MACs and keys and leaves nothing of the old domid, and so does
# `xl reboot` from dom0; a VF
# detached at run time is dropped from the definition and does not come
# back on the next reboot; `xl shutdown` and `xl destroy` leave no xenvf
# node and the service re-creates nothing; a new `xl create` of the
# defined guest gets the recorded MAC again.
# rig-timeout: 1500

# definitions: the tool's default directory, read by the rig's service
DEFS=/var/lib/xenvf
BE=/local/domain/0/backend/xenvf
MAC3=00:16:3e:00:15:03

# new_domid OLD: guest1 runs with a domid other than OLD (prints it)
new_domid() {
	local _n
	_n=$(domid guest1 2>/dev/null) || return 1
	[ "$_n" != "$1" ] || return 1
	echo "$_n"
}
# be_gone DOMID: no backend node of DOMID is left
be_gone() { ! xenstore-read "$BE/$1/0/state" >/dev/null 2>&1 && ! xenstore-list "$BE/$1" >/dev/null 2>&1; }
# defined_keys DOMID: VF 0 and (unless "no3") VF 3 hold the defined keys
defined_keys() {
	xs_is "$BE/$1/0/mac" "$MAC0" && xs_is "$BE/$1/0/vlan" 5 &&
		xs_is "$BE/$1/0/trusted" 1 && xs_is "$BE/$1/0/spoofchk" 0 &&
		xs_is "$BE/$1/0/frontend-id" "$1" || return 1
	[ "$2" = no3 ] || { xs_is "$BE/$1/3/mac" "$MAC3" && xs_is "$BE/$1/3/vlan" 0; }
}
# guest_up DOMID [no3]: boot finished, xenvf-front bound, the VFs Connected
# and the guest's netdevs carry the defined MACs
guest_up() {
	domu_wait guest1
	domu_run guest1 'insmod /rig/modules/xenvf-front.ko' >/dev/null ||
		fail "xenvf-front did not load"
	xenvf_wait_state "$1" 0 "4 4"
	[ "$2" = no3 ] || xenvf_wait_state "$1" 3 "4 4"
	wait_for 30 guest_has_mac "$MAC0" || fail "no netdev with $MAC0 in guest1"
	[ "$2" = no3 ] || wait_for 30 guest_has_mac "$MAC3" || fail "no netdev with $MAC3 in guest1"
}
guest_has_mac() { domu_run guest1 'cat /sys/class/net/*/address' | grep -qx "$1"; }
# guest_reboot OLD: the guest reboots itself; prints the new domid
guest_reboot() {
	local _n
	# (the agent answers first; the guest may be gone before dom0 reads it)
	domu_run guest1 '(sleep 3; echo b > /proc/sysrq-trigger) >/dev/null 2>&1 </dev/null &' >/dev/null || true
	wait_for 120 new_domid "$1" || fail "guest1 did not come back after its reboot"
	_n=$(new_domid "$1")
	echo "$_n"
}

insmod "$RIG/modules/xenvf-back.ko"
domu_cfg guest1 'on_reboot = "restart"' \
	"xenvf = [ \"vlan=5,trust=on,spoofchk=off\", \"vf=3,mac=$MAC3\" ]"

step "define guest1; bad input leaves nothing"
printf 'name = "bad"\nxenvf = [ "vlan=4095" ]\n' > /tmp/bad.cfg
if xenvf define /tmp/bad.cfg 2> /tmp/bad.err; then fail "vlan=4095 accepted"; fi
[ "$(wc -l < /tmp/bad.err)" -eq 1 ] || fail "not one error line: $(cat /tmp/bad.err)"
[ ! -e "$DEFS/bad.vf" ] || fail "a refused define left a file"
xenvf define /tmp/guest1.cfg > /tmp/def.out || fail "xenvf define"
cat /tmp/def.out
MAC0=$(sed -n 's/^guest1 vf=0 mac=//p' /tmp/def.out)
[ -n "$MAC0" ] || fail "define printed no MAC for vf 0"
grep -qx "guest1 vf=3 mac=$MAC3" /tmp/def.out || fail "define: vf 3"
xenvf list --defined | grep -q "^guest1 .*vf=0,mac=$MAC0,vlan=5,trust=on,spoofchk=off" ||
	fail "list --defined: $(xenvf list --defined)"

step "the service (xenvf watch, started with dom0); plain xl create"
wait_for 10 grep -q 'watching domains' "$RIG_WATCH_LOG" || fail "the rig's xenvf watch is not running: $(cat "$RIG_WATCH_LOG")"
xl create /tmp/guest1.cfg || fail "xl create guest1"
id1=$(domid guest1)
wait_for 5 defined_keys "$id1" || fail "domain $id1: the defined VFs did not appear in 5 s: $(xenstore-ls -f "$BE/$id1" 2>&1)"
step "VFs of domain $id1 created"
guest_up "$id1"

step "guest-initiated reboot (on_reboot=restart)"
id2=$(guest_reboot "$id1") && [ -n "$id2" ] || fail "guest1 did not come back after its reboot"
wait_for 10 defined_keys "$id2" || fail "domain $id2 (rebooted): defined VFs not there"
wait_for 10 be_gone "$id1" || fail "nodes of the old domain $id1 left: $(xenstore-ls -f "$BE/$id1" 2>&1)"
guest_up "$id2"
# the domain's UUID in the backend node (the MAC handover's key): the same
# across the reboot, and the new VF's MAC claims were never refused
u1=$(xenstore-read /local/domain/$id2/vm | sed 's,^/vm/,,')
xs_is "$BE/$id2/0/uuid" "$u1" && xs_is "$BE/$id2/3/uuid" "$u1" ||
	fail "domain $id2: uuid keys '$(xenstore-read $BE/$id2/0/uuid 2>&1)' '$(xenstore-read $BE/$id2/3/uuid 2>&1)', want '$u1'"
[ "$(rep_stat "$id2" 0 ctrl_mac_in_use)" = 0 ] || fail "domain $id2: MAC claims refused after the reboot"
step "rebooted as domain $id2: same VFs, MACs, keys and UUID"

step "detach vf 3 at run time: it does not come back"
xenvf detach guest1 3 || fail "xenvf detach guest1 3"
! grep -q '^vf=3,' "$DEFS/guest1.vf" || fail "vf 3 still in the definition"
step "xl reboot from dom0"
xl reboot guest1 || fail "xl reboot guest1"
wait_for 120 new_domid "$id2" || fail "guest1 did not come back after xl reboot"
id3=$(new_domid "$id2")
wait_for 10 defined_keys "$id3" no3 || fail "domain $id3: vf 0 not back"
sleep 3
! xenstore-read "$BE/$id3/3/state" >/dev/null 2>&1 || fail "the detached vf 3 came back"
wait_for 10 be_gone "$id2" || fail "nodes of the old domain $id2 left"
guest_up "$id3" no3

step "xl shutdown: nothing left, nothing re-created"
timeout 120 xl shutdown -w guest1 || fail "xl shutdown -w guest1 (the guest did not power off in 120 s)"
wait_for 10 be_gone "$id3" || fail "nodes of shut down domain $id3 left: $(xenstore-ls -f "$BE/$id3" 2>&1)"
sleep 3
be_gone "$id3" || fail "xenvf watch re-created nodes of $id3"
! xl domid guest1 >/dev/null 2>&1 || fail "guest1 came back after xl shutdown"

step "xl create again: the recorded MAC; xl destroy: nothing left, nothing re-created"
xl create /tmp/guest1.cfg || fail "xl create guest1 (again)"
id4=$(domid guest1)
wait_for 10 defined_keys "$id4" no3 || fail "domain $id4: the defined VF did not appear"
id3=$id4
xl destroy guest1
wait_for 10 be_gone "$id3" || fail "nodes of destroyed domain $id3 left: $(xenstore-ls -f "$BE/$id3" 2>&1)"
sleep 3
be_gone "$id3" || fail "xenvf watch re-created nodes of $id3"
if xenstore-list "$BE" 2>/dev/null | grep -q .; then
	fail "xenvf nodes left: $(xenstore-ls -f "$BE")"
fi
! xl domid guest1 >/dev/null 2>&1 || fail "guest1 came back after xl destroy"
kill -0 "$(cat /run/xenvf-watch.pid)" || fail "xenvf watch died: $(cat "$RIG_WATCH_LOG")"
cat "$RIG_WATCH_LOG"
grep -q '^xenvf: ' "$RIG_WATCH_LOG" && fail "xenvf watch logged an error"
step "done"
