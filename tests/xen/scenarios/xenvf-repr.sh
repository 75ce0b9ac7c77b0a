# Scenario (manual: run by name, `make rig SCENARIOS=xenvf-repr`): a VF's
# representor as a switchdev port (issue 16 item 4). One guest on the
# uplink (veth up0/up1). VF 0 attached with vifname=web0 and a hotplug
# script=: the representor is web0, the script ran "online" once it
# existed (its environment logged), phys_port_name vf0 and vf1 (a second
# VF, default name) with one phys_switch_id; a packet tap on web0
# (xenvf-pcp -a, AF_PACKET) counts the guest's pings both ways; vifname in
# use or invalid, and a failing or missing script, refused with one line
# and no node left (nor the failed VF's representor); detach runs the
# script "offline" while web0 still exists.
# rig-timeout: 600

uplink_veth
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
# a vif-style script: logs its action and environment, and whether the
# representor it is given exists
cat > /tmp/vif-log <<'SCRIPT'
#!/bin/sh
up=no
[ -e "/sys/class/net/$vif" ] && up=yes
echo "$1 vif=$vif XENBUS_PATH=$XENBUS_PATH command=$command XENBUS_TYPE=$XENBUS_TYPE dom=$XENVF_DOMID vf=$XENVF_VF up=$up" >> /tmp/vif.log
SCRIPT
cat > /tmp/vif-fail <<'SCRIPT'
#!/bin/sh
echo "$1 $vif" >> /tmp/vif-fail.log
exit 3
SCRIPT
chmod +x /tmp/vif-log /tmp/vif-fail
: > /tmp/vif.log
: > /tmp/vif-fail.log

xenvf_guest guest1 192.0.2.11 vifname=web0 script=/tmp/vif-log
id=$(domid guest1)
be=/local/domain/0/backend/xenvf/$id/0
cat /tmp/vif.log

step "vifname=web0 names the representor; the script ran online once it existed"
[ -e /sys/class/net/web0 ] || fail "no representor web0"
[ ! -e "/sys/class/net/xvf$id.0" ] || fail "representor still named xvf$id.0"
ethtool -i web0 | grep -q "driver: xenvf_back" || fail "web0 is not xenvf-back's"
grep -qx "online vif=web0 XENBUS_PATH=$be command=online XENBUS_TYPE=xenvf dom=$id vf=0 up=yes" /tmp/vif.log ||
	fail "script online: not run, or not with web0 existing and its environment"
[ "$(grep -c . /tmp/vif.log)" = 1 ] || fail "script ran more than once"

step "phys_port_name vf<N>, one phys_switch_id for every representor"
xenvf_nodes_create "$id" 1
xenvf_wait_state "$id" 1 "4 4"
[ "$(cat /sys/class/net/web0/phys_port_name)" = vf0 ] || fail "web0 phys_port_name is not vf0"
[ "$(cat "/sys/class/net/xvf$id.1/phys_port_name")" = vf1 ] || fail "xvf$id.1 phys_port_name is not vf1"
sid=$(cat /sys/class/net/web0/phys_switch_id)
echo "  phys_switch_id $sid"
[ "$sid" = 78656e7666000001 ] || fail "web0 phys_switch_id '$sid'"
[ "$(cat "/sys/class/net/xvf$id.1/phys_switch_id")" = "$sid" ] ||
	fail "xvf$id.1 has another phys_switch_id"

step "a tap on web0 sees the VF's frames both ways"
ip link set web0 up	# a packet socket listens on an interface that is up
vmac=$(xenstore-read "$be/mac")
umac=$(cat /sys/class/net/up1/address)
xenvf-pcp -a web0 > /tmp/tap &
tap=$!
sleep 1
pings guest1 192.0.2.1 || fail "guest1 cannot ping dom0"
sleep 1
kill "$tap"
wait "$tap" || true
cat /tmp/tap
sent=$(sed -n "s/^all src $vmac untagged //p" /tmp/tap)
got=$(sed -n "s/^all src $umac untagged //p" /tmp/tap)
is_num "$sent" && [ "$sent" -ge 2 ] || fail "tap saw '$sent' frames from the VF (want >= 2)"
is_num "$got" && [ "$got" -ge 2 ] || fail "tap saw '$got' frames to the VF (want >= 2)"

# refused: one "xenvf: " line, status 1, no node of VF 2 written or left
no_vf2() {
	! xenstore-read "/local/domain/0/backend/xenvf/$id/2/state" 2>/dev/null &&
		! xenstore-read "/local/domain/$id/device/xenvf/2/state" 2>/dev/null
}
refused() {
	local _want=$1 _out
	shift
	_out=$(xenvf attach "$id" vf=2 "$@" 2>&1) && fail "xenvf attach $* succeeded"
	echo "  $_out"
	[ "$(echo "$_out" | grep -c .)" = 1 ] || fail "xenvf attach $*: not one line"
	echo "$_out" | grep -q "^xenvf: .*$_want" || fail "xenvf attach $*: '$_out' lacks '$_want'"
	no_vf2 || fail "xenvf attach $*: VF 2's nodes left"
}
step "vifname in use or invalid: refused by the tool, nothing written"
refused "vifname web0 is already used by domain $id vf 0" vifname=web0
refused "vifname up1 is already used by a network interface of dom0" vifname=up1
refused "vifname 'a;b' is not a network interface name" 'vifname=a;b'
refused "vifname '1234567890123456' is not a network interface name" vifname=1234567890123456

step "a failing or missing script: attach fails, its nodes and representor removed"
refused "script /tmp/vif-fail online for VF 2 of domain $id failed (exit status 3); removed" \
	script=/tmp/vif-fail
grep -qx "online xvf$id.2" /tmp/vif-fail.log || fail "the failing script did not run with xvf$id.2"
gone2() { [ ! -e "/sys/class/net/xvf$id.2" ]; }
wait_for 30 gone2 || fail "xvf$id.2 left after the failed attach"
refused "script /tmp/nope for VF 2 of domain $id (online): cannot run it: No such file or directory; removed" \
	script=/tmp/nope

step "detach runs the script offline while web0 exists"
xenvf detach "$id" 0 || fail "xenvf detach $id 0"
cat /tmp/vif.log
grep -qx "offline vif=web0 XENBUS_PATH=$be command=offline XENBUS_TYPE=xenvf dom=$id vf=0 up=yes" /tmp/vif.log ||
	fail "script offline: not run, or not while web0 existed"
gone0() { [ ! -e /sys/class/net/web0 ]; }
wait_for 30 gone0 || fail "web0 left after detach"
step "xenvf-repr ok"
