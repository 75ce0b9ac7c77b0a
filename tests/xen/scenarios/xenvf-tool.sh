# Scenario: the xenvf tool (xen-tools/) against a real xenstored and the
# xenvf pair. Two guests attached with `xenvf attach` (by name and by id,
# explicit and picked VF numbers), a third started with `xenvf create` from
# an xl config holding `xenvf = [...]`, all Connected with a netdev in the
# guest; list/show/set; graceful and forced detach, re-attach; every
# bad-input case refused with one "xenvf: ..." line, a non-zero status and
# `xenstore-ls -fp` unchanged (no partial state).
# rig-timeout: 1200

# The store is compared two ways: around every refused command, the trees a
# xenvf command writes (dom0's backend/xenvf and error/ trees, every
# domain's device/xenvf, with permissions); around each block of refused
# commands, the whole store (xenstore-ls -fp). Under TCG a walk costs about
# 10 ms a node (3 requests each), the whole store several seconds.
xs_parts() {
	for _p in /local/domain/0/backend/xenvf /local/domain/0/error \
		$(xenstore-list /local/domain | sed 's|^|/local/domain/|; s|$|/device/xenvf|'); do
		echo "== $_p"
		xenstore-ls -fp "$_p" 2>/dev/null || true
	done
}
# snap: record the baseline the next refused commands are compared with.
snap() {
	xenstore-ls -fp > /tmp/xs.full
	xs_parts > /tmp/xs.before
}
# snap_check: the whole store is as snap recorded it.
snap_check() {
	xenstore-ls -fp > /tmp/xs.full2
	if ! cmp -s /tmp/xs.full /tmp/xs.full2; then
		diff /tmp/xs.full /tmp/xs.full2 || true
		fail "the store changed during the block of refused commands"
	fi
	echo "whole store unchanged across the block"
}
# refused WANT CMD...: CMD fails with one line "xenvf: ...WANT..." on stderr
# and leaves the store as the last snap recorded it.
refused() {
	_want=$1
	shift
	_t0=$(cut -d' ' -f1 /proc/uptime)
	if "$@" > /tmp/bad.out 2> /tmp/bad.err; then
		fail "accepted: $*"
	fi
	[ "$(wc -l < /tmp/bad.err)" -eq 1 ] ||
		fail "not one line of error from '$*': $(cat /tmp/bad.err)"
	grep -q "^xenvf: .*$_want" /tmp/bad.err ||
		fail "'$*' said '$(cat /tmp/bad.err)', want '$_want'"
	_t1=$(cut -d' ' -f1 /proc/uptime)
	xs_parts > /tmp/xs.after
	if ! cmp -s /tmp/xs.before /tmp/xs.after; then
		diff /tmp/xs.before /tmp/xs.after || true
		fail "'$*' changed the store"
	fi
	echo "refused, store unchanged: $* -> $(cat /tmp/bad.err) [$_t0 $_t1 $(cut -d' ' -f1 /proc/uptime)]"
}

# xenvf netdevs in guest NAME
nics() { domu_run "$1" 'ls -l /sys/class/net/*/device 2>/dev/null | grep -c xenvf-' | tr -d '\n'; }
has_nics() { [ "$(nics "$1")" = "$2" ]; }
vf_gone() { ! xenstore-read "/local/domain/0/backend/xenvf/$1/$2/state" && ! xenstore-read "/local/domain/$1/device/xenvf/$2/state"; }

xenvf --help | grep -q "attach <domain>" || fail "xenvf --help"
for c in attach create detach list show set; do
	xenvf "$c" --help | grep -q "^Usage: xenvf $c" || fail "xenvf $c --help"
done

domu_start guest1
domu_start guest2
g1=$(domid guest1)
g2=$(domid guest2)
base1=$(dom0_refs "$g1")
base2=$(dom0_refs "$g2")

step "bad input: no backend, unknown domain, xenstored down"
snap
refused "backend is not loaded" xenvf attach guest1
snap_check
insmod "$RIG/modules/xenvf-back.ko"
snap
refused "no domain named 'nosuch'" xenvf attach nosuch
refused "no domain with id 999" xenvf attach 999
refused "domain '0' is dom0, the backend domain" xenvf attach 0
refused "domain 'Domain-0' is dom0, the backend domain" xenvf attach Domain-0
refused "cannot connect to xenstored" env XENSTORED_PATH=/tmp/no-xenstored xenvf attach guest1
snap_check

step "frontend not loaded: attach times out, removes what it wrote"
refused "not Connected in 3 s (backend InitWait, frontend Initialising: is xenvf-front loaded" \
	xenvf attach --timeout 3 guest1 mac=00:16:3e:00:01:01
snap_check

step "attach guest1 by name"
domu_run guest1 'insmod /rig/modules/xenvf-front.ko'
domu_run guest2 'insmod /rig/modules/xenvf-front.ko'
out=$(xenvf attach guest1 mac=00:16:3e:00:01:01) || fail "attach guest1"
[ "$out" = "vf=0 mac=00:16:3e:00:01:01" ] || fail "attach guest1 printed '$out'"
[ "$(xenvf_state "$g1" 0)" = "4 4" ] || fail "guest1 VF 0 not Connected"

step "bad input against the real store (while it is small: a walk costs ~10 ms a node)"
snap
refused "invalid MAC '01:00:5e:00:00:01'" xenvf attach guest1 mac=01:00:5e:00:00:01
refused "invalid MAC '00:00:00:00:00:00'" xenvf attach guest1 mac=00:00:00:00:00:00
refused "invalid MAC '00:16:3e:00:01'" xenvf attach guest1 mac=00:16:3e:00:01
refused "vlan '4095' out of range 0..4094" xenvf attach guest1 vlan=4095
refused "qos '8' out of range 0..7" xenvf attach guest1 vlan=5 qos=8
refused "qos 1 needs a port VLAN" xenvf attach guest1 qos=1
refused "vf '63' out of range 0..62" xenvf attach guest1 vf=63
refused "VF 0 of domain guest1 is already in use" xenvf attach guest1 vf=0
refused "MAC 00:16:3e:00:01:01 is already used by domain $g1 vf 0" xenvf attach guest2 mac=00:16:3e:00:01:01
refused "unknown key 'colour'" xenvf attach guest1 colour=blue
refused "trust 'maybe' is not on or off" xenvf attach guest1 trust=maybe
refused "vlan '9999' out of range" xenvf set guest1 0 vlan=9999
refused "qos 4 needs a port VLAN" xenvf set guest1 0 qos=4
refused "domain guest1 has no VF 9" xenvf set guest1 9 vlan=1
refused "domain guest1 has no VF 9" xenvf detach guest1 9
refused "no domain named 'nosuch'" xenvf show nosuch 0
refused "unknown command 'frob'" xenvf frob
{ echo 'name = "guest1"'; echo 'xenvf = [ "vlan=3", "mac=ff:ff:ff:ff:ff:ff" ]'; } > /tmp/bad1.cfg
refused "xenvf entry 2 \"mac=ff:ff:ff:ff:ff:ff\": invalid MAC" xenvf attach --config /tmp/bad1.cfg guest1
{ echo 'name = "guest1"'; echo 'xenvf = [ "vlan=3",'; echo '  "vf=0" ]'; } > /tmp/bad2.cfg
refused "VF 0 of domain guest1 is already in use" xenvf attach --config /tmp/bad2.cfg guest1
echo 'xenvf = [ "vlan=3" ' > /tmp/bad3.cfg
refused "line 2: unterminated list" xenvf attach --config /tmp/bad3.cfg guest1
refused "/tmp/none.cfg: No such file" xenvf attach --config /tmp/none.cfg guest1
domu_cfg guest3 '# VFs of guest3 (xl ignores keys it does not know)' \
	"xenvf = [ 'mac=00:16:3e:00:03:01,vlan=3',  # first" \
	'          "trust=on" ]'
cat /tmp/guest3.cfg
cp /tmp/guest3.cfg /tmp/bad-guest3.cfg
sed -i 's/vlan=3/vlan=5000/' /tmp/bad-guest3.cfg
refused "xenvf entry 1 \"mac=00:16:3e:00:03:01,vlan=5000\": vlan '5000' out of range" \
	xenvf create /tmp/bad-guest3.cfg
! xl domid guest3 2>/dev/null || fail "a bad config created a domain"
snap_check

step "attach guest2 by id"
out=$(xenvf attach "$g2" vlan=5 qos=2 spoofchk=off mtu=9000 queues=1) || fail "attach guest2"
echo "$out" | grep -qE '^vf=0 mac=00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$' ||
	fail "attach guest2 printed '$out'"
[ "$(xenvf_state "$g2" 0)" = "4 4" ] || fail "guest2 VF 0 not Connected"
step "a second VF: the lowest free number is picked"
out=$(xenvf attach guest1 trust=on link=enable) || fail "attach guest1 second VF"
echo "$out" | grep -q '^vf=1 ' || fail "second VF of guest1: '$out'"
out=$(xenvf attach guest1 vf=5 mac=00:16:3e:00:01:05) || fail "attach guest1 vf=5"
[ "$out" = "vf=5 mac=00:16:3e:00:01:05" ] || fail "vf=5: '$out'"

step "nodes and permissions as docs/protocol.md 1.1 says"
be=/local/domain/0/backend/xenvf/$g1/1
fe=/local/domain/$g1/device/xenvf/1
xs_is "$be/frontend" "$fe" && xs_is "$be/frontend-id" "$g1" && xs_is "$be/online" 1 &&
	xs_is "$fe/backend" "$be" && xs_is "$fe/backend-id" 0 && xs_is "$be/trusted" 1 &&
	xs_is "$be/link-state" enable && xs_is "$be/spoofchk" 1 && xs_is "$be/vlan" 0 ||
	fail "VF 1 keys: $(xenstore-ls -f "$be")"
[ "$(xenstore-ls -p "$be" | sed -n 's/^frontend-id = .*(\(.*\))$/\1/p')" = "n0,r$g1" ] ||
	fail "backend perms: $(xenstore-ls -p "$be" | head -3)"
[ "$(xenstore-ls -p "$fe" | sed -n 's/^backend-id = .*(\(.*\))$/\1/p')" = "n$g1,r0" ] ||
	fail "frontend perms: $(xenstore-ls -p "$fe" | head -3)"
xs_is "/local/domain/0/backend/xenvf/$g2/0/vlan" 5 && xs_is "/local/domain/0/backend/xenvf/$g2/0/qos" 2 &&
	xs_is "/local/domain/0/backend/xenvf/$g2/0/mtu" 9000 &&
	xs_is "/local/domain/0/backend/xenvf/$g2/0/spoofchk" 0 || fail "guest2 admin keys"

step "the guests have their NICs"
wait_for 30 has_nics guest1 3 || fail "guest1 has $(nics guest1) xenvf netdevs, want 3"
wait_for 30 has_nics guest2 1 || fail "guest2 has $(nics guest2) xenvf netdevs, want 1"
# the addresses alone: the agent returns the last 2 KiB of output
macs=$(domu_run guest1 'cat /sys/class/net/*/address')
echo "$macs" | grep -qx 00:16:3e:00:01:01 || fail "guest1 NIC MAC: addresses $(echo $macs)"

step "xenvf list / show"
xenvf list > /tmp/list || fail "xenvf list"
cat /tmp/list
[ "$(grep -c . /tmp/list)" -eq 5 ] || fail "list: want a header and 4 VFs"
grep -qE "^guest1 +$g1 +0 +Connected +Connected +00:16:3e:00:01:01 +0 +off +1 " /tmp/list || fail "list: guest1 VF 0"
grep -qE "^guest1 +$g1 +1 +Connected +Connected +00:16:3e:[0-9a-f:]{8} +0 +on " /tmp/list || fail "list: guest1 VF 1"
grep -qE "^guest1 +$g1 +5 +Connected +Connected " /tmp/list || fail "list: guest1 VF 5"
grep -qE "^guest2 +$g2 +0 +Connected +Connected +00:16:3e:[0-9a-f:]{8} +5 +off " /tmp/list || fail "list: guest2 VF 0"
xenvf show guest1 0 > /tmp/show || fail "xenvf show guest1 0"
cat /tmp/show
grep -q "^  mac = 00:16:3e:00:01:01$" /tmp/show && grep -q "^  state = 4 (Connected)$" /tmp/show &&
	grep -q "^  ctrl-ring-ref = " /tmp/show && grep -q "^  mtu-max = " /tmp/show ||
	fail "show: keys missing"

step "xenvf set: admin keys in one transaction"
xenvf set guest1 0 vlan=7 qos=3 trust=on spoofchk=off link=disable mac=00:16:3e:00:01:10 ||
	fail "set"
b0=/local/domain/0/backend/xenvf/$g1/0
xs_is "$b0/vlan" 7 && xs_is "$b0/qos" 3 && xs_is "$b0/trusted" 1 && xs_is "$b0/spoofchk" 0 &&
	xs_is "$b0/link-state" disable && xs_is "$b0/mac" 00:16:3e:00:01:10 || fail "set: keys"
xenvf set "$g1" 0 vlan=0 qos=0 link=auto || fail "set back"

step "detach (graceful): Closing -> Closed, nodes removed"
xenvf detach guest1 1 || fail "detach guest1 1"
vf_gone "$g1" 1 || fail "VF 1 nodes still there"
wait_for 30 has_nics guest1 2 || fail "guest1 has $(nics guest1) xenvf netdevs after detach, want 2"
dmesg | tail -n 20 | grep xenvf || true
step "re-attach: VF 1 is free again"
out=$(xenvf attach guest1) || fail "re-attach guest1"
echo "$out" | grep -q '^vf=1 ' || fail "re-attach: '$out'"
wait_for 30 has_nics guest1 3 || fail "guest1 NIC after re-attach"
step "detach --force, re-attach"
xenvf detach --force guest2 0 || fail "detach --force"
vf_gone "$g2" 0 || fail "guest2 VF 0 nodes still there"
xenvf attach guest2 vf=0 mac=00:16:3e:00:02:01 || fail "re-attach guest2"
wait_for 30 has_nics guest2 1 || fail "guest2 NIC after re-attach"

step "xenvf create: xl create, then the xenvf = [...] entries"
cat /tmp/guest3.cfg
xenvf create --timeout 150 /tmp/guest3.cfg > /tmp/create.out 2>&1 &
cpid=$!
wait_for 60 xl domid guest3 || fail "xenvf create did not start guest3"
domu_wait guest3
domu_run guest3 'insmod /rig/modules/xenvf-front.ko'
wait "$cpid" || fail "xenvf create: $(cat /tmp/create.out)"
cat /tmp/create.out
grep -q '^vf=0 mac=00:16:3e:00:03:01$' /tmp/create.out && grep -q '^vf=1 mac=' /tmp/create.out ||
	fail "create printed: $(cat /tmp/create.out)"
g3=$(domid guest3)
[ "$(xenvf_state "$g3" 0)" = "4 4" ] && [ "$(xenvf_state "$g3" 1)" = "4 4" ] || fail "guest3 VFs"
xs_is "/local/domain/0/backend/xenvf/$g3/0/vlan" 3 && xs_is "/local/domain/0/backend/xenvf/$g3/1/trusted" 1 ||
	fail "guest3 admin keys"
wait_for 30 has_nics guest3 2 || fail "guest3 has $(nics guest3) xenvf netdevs, want 2"

step "xenvf create -p: the domain stays paused with its VF's backend ready"
domu_cfg guest4 'xenvf = [ "vf=2,mac=00:16:3e:00:04:01" ]'
xenvf create --timeout 60 /tmp/guest4.cfg -p > /tmp/create4.out 2>&1 || fail "xenvf create -p: $(cat /tmp/create4.out)"
g4=$(domid guest4)
xl list guest4 | awk 'NR == 2 { print $5 }' | grep -q p || fail "guest4 is not paused: $(xl list guest4)"
[ "$(xenvf_state "$g4" 2)" = "2 1" ] ||
	fail "guest4 VF 2 is '$(xenvf_state "$g4" 2)', want '2 1' (backend InitWait, frontend not started)"
xl destroy guest4
wait_for 30 sh -c "! xenstore-read /local/domain/0/backend/xenvf/$g4/2/state" ||
	fail "the nodes of the destroyed guest4 stay"

step "xenvf create: a VF the backend refuses destroys the new domain, the store as it was"
domu_cfg guest5 'xenvf = [ "hw-vf=9" ]'
snap
# (xl's own "Parsing config from" line comes first on stderr)
xenvf create --timeout 60 /tmp/guest5.cfg > /tmp/bad.out 2> /tmp/bad.err && fail "xenvf create with hw-vf=9 succeeded"
[ "$(grep -c '^xenvf: ' /tmp/bad.err)" = 1 ] && grep -q '^xenvf: VF 0 of domain guest5: the backend refused it.*domain [0-9]* destroyed' /tmp/bad.err ||
	fail "create said: $(cat /tmp/bad.err)"
xs_parts > /tmp/xs.after
cmp -s /tmp/xs.before /tmp/xs.after || { diff /tmp/xs.before /tmp/xs.after || true; fail "the refused create changed the store"; }
! xl domid guest5 >/dev/null 2>&1 || fail "guest5 is left running"
refused "foreground" xenvf create /tmp/guest5.cfg -F
! xl domid guest5 >/dev/null 2>&1 || fail "create -F started guest5"

step "attach --config to a running domain"
{ echo 'xenvf = [ "vf=7,mac=00:16:3e:00:02:07",'; echo '  "vf=8" ] # two more'; } > /tmp/more.cfg
xenvf attach --config /tmp/more.cfg guest2 > /tmp/more.out || fail "attach --config: $(cat /tmp/more.out)"
cat /tmp/more.out
[ "$(grep -c '^vf=[78] ' /tmp/more.out)" -eq 2 ] || fail "attach --config printed $(cat /tmp/more.out)"
wait_for 30 has_nics guest2 3 || fail "guest2 has $(nics guest2) xenvf netdevs, want 3"
xenvf list

step "detach everything"
for v in 0 1 5; do xenvf detach guest1 $v || fail "detach guest1 $v"; done
for v in 0 7 8; do xenvf detach guest2 $v || fail "detach guest2 $v"; done
for v in 0 1; do xenvf detach guest3 $v || fail "detach guest3 $v"; done
[ "$(xenvf list | grep -c .)" -eq 1 ] || fail "VFs left: $(xenvf list)"
! xenstore-read /local/domain/0/backend/xenvf 2>/dev/null || fail "backend/xenvf left behind"
xenvf_check_released "$g1" "$base1"
xenvf_check_released "$g2" "$base2"
xl destroy guest1
xl destroy guest2
xl destroy guest3
step "xenvf-tool ok"
