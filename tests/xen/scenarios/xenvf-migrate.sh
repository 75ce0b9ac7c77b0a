# Scenario: a VF survives what a guest's memory image lives through (issue
# 15 items 3-4). guest1 is configured only by its xl config (a xenvf VF
# declared with `xenvf define`, created by the `xenvf watch` service) and has
# a netfront vif beside it. After `xl save` + `xl restore` the guest's VF
# netdev keeps its ifindex, MAC and address and passes traffic both ways; a
# checkpoint (`xl save -c`) leaves it working in the running guest; `xl
# migrate` to localhost with a TCP stream through the VF completes with
# the same md5 at both ends; the target's VF node exists while it is still
# guest1--incoming (before xl unpauses it), so the frontend finds its
# backend at resume, and it takes the MAC from the source (same UUID).
# During the migration dom0 pings both NICs every 0.1 s: the longest time
# between two replies, on dom0's clock, is each one's downtime (printed as
# MIGRATE-DOWNTIME lines for docs/perf.md; not asserted). Nothing of an old
# domid is left in the backend nodes or dom0's grant table.
# guest1 is a PVH guest: Debian's Xen 4.17 is built without shadow paging
# (CONFIG_SHADOW_PAGING unset), so it cannot log-dirty a PV guest and no PV
# guest can live-migrate there, netfront or not ("Failed to enable
# logdirty: 95"); PVH uses HAP, which the rig's emulated SVM has. Its TSC
# is native: QEMU's SVM leaves the next-RIP of an intercepted RDTSCP at 0,
# which Xen cannot emulate ("SVM Insn len emulation failed"), and the TSC
# Xen emulates for an HVM guest under TCG is intercepted.
# rig-timeout: 1800

IP=/usr/sbin/ip
BE=/local/domain/0/backend/xenvf
MAC_VF=00:16:3e:00:16:02
MAC_NF=00:16:3e:00:16:01
GIP=192.0.2.11
NIP=198.51.100.11

# the netfront vif joins br0 in every domain the guest lives in
cat > /tmp/vif-br <<'EOF'
#!/bin/sh
case "$1" in
online | add)
	/usr/sbin/ip link set "$vif" master br0
	/usr/sbin/ip link set "$vif" up
	xenstore-write "$XENBUS_PATH/hotplug-status" connected
	;;
esac
exit 0
EOF
chmod +x /tmp/vif-br

uplink_veth
modprobe bridge
$IP link add br0 type bridge
$IP addr add 198.51.100.1/24 dev br0
$IP link set br0 up
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
domu_cfg guest1 'type = "pvh"' 'tsc_mode = "native"' "vif = [ 'mac=$MAC_NF,script=/tmp/vif-br' ]" "xenvf = [ \"mac=$MAC_VF\" ]"
xenvf define /tmp/guest1.cfg || fail "xenvf define"
wait_for 10 grep -q 'watching domains' "$RIG_WATCH_LOG" || fail "the rig's xenvf watch is not running: $(cat "$RIG_WATCH_LOG")"

# gdev MAC: the guest's netdev with that MAC
gdev() {
	domu_run guest1 "for d in /sys/class/net/*; do [ \"\$(cat \$d/address)\" = $1 ] && echo \${d##*/}; done; true" |
		grep -v '^$' | head -n 1
}
# gsnap: ifindex, MAC and IPv4 address of both NICs, one line each
gsnap() {
	domu_run guest1 "for d in $VFDEV $NFDEV; do
		echo \$d \$(cat /sys/class/net/\$d/ifindex) \$(cat /sys/class/net/\$d/address) mtu \$(cat /sys/class/net/\$d/mtu) \$(ip -o -4 addr show dev \$d | awk '{ print \$4 }')
	done"
}
# both_ok: dom0 and guest1 reach each other over the VF and over netfront
both_ok() {
	ping -c 2 -W 3 $GIP >/dev/null || ping -c 3 -W 3 $GIP >/dev/null || { echo "dom0 -> VF"; return 1; }
	ping -c 2 -W 3 $NIP >/dev/null || ping -c 3 -W 3 $NIP >/dev/null || { echo "dom0 -> netfront"; return 1; }
	pings guest1 192.0.2.1 || { echo "VF -> dom0"; return 1; }
	pings guest1 198.51.100.1 || { echo "netfront -> dom0"; return 1; }
	pings guest1 192.168.30.1 || { echo "VF VLAN 300 -> dom0"; return 1; }
}
# vfstat NAME: the guest's xenvf counter NAME (ethtool -S)
vfstat() { domu_run guest1 "ethtool -S $VFDEV | sed -n 's/^ *$1: //p'" | grep -v '^$' | head -n 1; }
# gap_lines: the frontend's resume lines, and none of a failed replay
replayed() {
	domu_run guest1 'dmesg | grep -E "xenvf.*(suspend|resume|filters restored|appeared)"' || true
	if domu_run guest1 'dmesg | grep -E "not restored|control handshake failed"'; then
		fail "$1: the frontend could not restore its filters"
	fi
}
# connected DOMID: the VF of DOMID and its netback vif are Connected
connected() {
	xs_is "$BE/$1/0/state" 4 && xs_is "/local/domain/$1/device/xenvf/0/state" 4 &&
		xs_is "/local/domain/0/backend/vif/$1/0/state" 4
}
# old_gone DOMID: no backend node of DOMID, no such domain, none dying
old_gone() {
	! xenstore-read "$BE/$1/0/state" >/dev/null 2>&1 && ! xenstore-list "$BE/$1" >/dev/null 2>&1 &&
		! xl list | awk 'NR > 1 { print $2 }' | grep -qx "$1"
}
# new_id OLD: guest1 has a domid other than OLD (prints it)
new_id() {
	local _n
	_n=$(domid guest1 2>/dev/null) || return 1
	[ "$_n" != "$1" ] || return 1
	echo "$_n"
}
# after_move OLD WHAT: guest1 runs in a new domain, its NICs are back as
# they were, nothing of OLD is left; prints the new domid
after_move() {
	local _id _t0
	_id=$(new_id "$1") || fail "$2: guest1 has no new domid"
	_t0=$(cut -d' ' -f1 /proc/uptime)
	wait_for 60 connected "$_id" || fail "$2: domain $_id not Connected: $(xenstore-ls -f "$BE/$_id" 2>&1 | head -n 20)"
	echo "  $2: VF and vif Connected $(awk "BEGIN { print $(cut -d' ' -f1 /proc/uptime) - $_t0 }") s after the domain appeared" >&2
	wait_for 30 old_gone "$1" || fail "$2: something of domain $1 is left: $(xenstore-ls -f "$BE/$1" 2>&1 | head -n 5); $(xl list)"
	[ "$(gnt_mapped_by_dom0 "$1")" = 0 ] || fail "$2: dom0 still maps grants of domain $1"
	echo "$_id"
}

step "plain xl create: the watch gives guest1 its VF"
xl create /tmp/guest1.cfg || fail "xl create"
id=$(domid guest1)
domu_wait guest1
domu_run guest1 'insmod /rig/modules/xenvf-front.ko && modprobe xen-netfront' >/dev/null ||
	fail "xenvf-front / xen-netfront did not load"
wait_for 60 connected "$id" || fail "domain $id: VF or vif not Connected"
wait_for 30 gdev $MAC_VF || fail "no netdev with $MAC_VF"
wait_for 30 gdev $MAC_NF || fail "no netdev with $MAC_NF"
VFDEV=$(gdev $MAC_VF)
NFDEV=$(gdev $MAC_NF)
domu_run guest1 "ip addr add $GIP/24 dev $VFDEV && ip link set $VFDEV mtu 4000 up &&
	ip addr add $NIP/24 dev $NFDEV && ip link set $NFDEV up &&
	modprobe 8021q && ip link add link $VFDEV name vf.300 type vlan id 300 &&
	ip addr add 192.168.30.11/24 dev vf.300 && ip link set vf.300 up" >/dev/null || fail "guest1: addresses"
$IP link set up1 mtu 4000
$IP link set up0 mtu 4000
modprobe 8021q
$IP link add link up1 name up1.300 type vlan id 300
$IP addr add 192.168.30.1/24 dev up1.300
$IP link set up1.300 up
wait_for 60 both_ok || fail "before any move: $(both_ok)"
before=$(gsnap)
echo "$before"

step "xl save + xl restore"
t0=$(cut -d' ' -f1 /proc/uptime)
xl save guest1 /tmp/guest1.save || fail "xl save"
t1=$(cut -d' ' -f1 /proc/uptime)
xl restore /tmp/guest1.save || fail "xl restore"
t2=$(cut -d' ' -f1 /proc/uptime)
echo "  save $(awk "BEGIN { print $t1 - $t0 }") s, restore $(awk "BEGIN { print $t2 - $t1 }") s"
rm -f /tmp/guest1.save
id2=$(after_move "$id" restore)
domu_wait guest1
wait_for 60 both_ok || fail "after restore: $(both_ok)"
[ "$(gsnap)" = "$before" ] || fail "after restore the NICs differ: '$(gsnap)' was '$before'"
replayed restore
[ "$(vfstat resumes)" = 1 ] && [ "$(vfstat suspends)" = 1 ] ||
	fail "after restore: suspends '$(vfstat suspends)' resumes '$(vfstat resumes)', want 1 1"
[ "$(vfstat filter_replay_refused)" = 0 ] || fail "after restore: $(vfstat filter_replay_refused) replayed filters refused"
step "restored as domain $id2: same ifindex, MAC, MTU, address, VLAN 300; traffic both ways"

step "checkpoint (xl save -c): the running guest keeps its VF"
xl save -c guest1 /tmp/guest1.chk || fail "xl save -c"
rm -f /tmp/guest1.chk
[ "$(domid guest1)" = "$id2" ] || fail "the checkpoint changed the domid"
wait_for 60 both_ok || fail "after the checkpoint: $(both_ok)"
connected "$id2" || fail "after the checkpoint the VF is not Connected"
ckpt_seen() { [ "$(vfstat checkpoints)" = 1 ]; }
wait_for 10 ckpt_seen ||
	fail "after the checkpoint: checkpoints '$(vfstat checkpoints)', want 1"
[ "$(vfstat resumes)" = 1 ] || fail "the checkpoint reconnected the VF (resumes $(vfstat resumes))"

step "xl migrate to localhost with a TCP stream through the VF"
domu_run guest1 'dd if=/dev/urandom of=/tmp/s bs=64k count=64 2>/dev/null && md5sum < /tmp/s > /tmp/s.md5' ||
	fail "guest1: stream data"
# the control: 1 MB through the VF with nothing moving
(sleep 600 | nc -l -p 5002 | md5sum > /tmp/in0.md5) >/dev/null 2>&1 </dev/null &
sleep 1
domu_run guest1 'head -c 1048576 /tmp/s > /tmp/s0 && md5sum < /tmp/s0 > /tmp/s0.md5 && nc 192.0.2.1 5002 < /tmp/s0' >/dev/null ||
	fail "guest1: the control stream"
wait_for 60 test -s /tmp/in0.md5 || fail "the control stream did not end"
md5_same "1 MB control stream (no migration)" "$(domu_run guest1 'cat /tmp/s0.md5')" "$(cat /tmp/in0.md5)"
# (the md5 is taken inside the pipeline, when nc ends: the subshell lasts
# as long as the sleep)
(sleep 1200 | { nc -l -p 5001 > /tmp/in.bin; md5sum < /tmp/in.bin > /tmp/in.md5; }) >/dev/null 2>&1 </dev/null &
sleep 1
# 4 MB in 64 KiB pieces, paced so the stream spans the migration
domu_run guest1 '((i=0; while [ $i -lt 64 ]; do dd if=/tmp/s bs=64k skip=$i count=1 2>/dev/null; i=$((i + 1)); sleep 0.5; done) |
	nc 192.0.2.1 5001 >/dev/null; echo $? > /tmp/nc.rc) >/dev/null 2>&1 </dev/null &' >/dev/null
# the target's VF node while the domain is still guest1--incoming, i.e.
# before xl renames and unpauses it (the frontend finds it at resume)
rm -f /tmp/incoming.be
(while :; do
	for d in $(xenstore-list $BE 2>/dev/null || true); do
		if [ "$(xenstore-read /local/domain/$d/name 2>/dev/null || true)" = guest1--incoming ] &&
			xenstore-read $BE/$d/0/state >/dev/null 2>&1; then
			echo "$d" >> /tmp/incoming.be
		fi
	done
	sleep 0.1
done) >/dev/null 2>&1 </dev/null &
PI=$!
waits0=$(domu_run guest1 'dmesg | grep -c "resumed before its nodes exist" || true')
# each reply line starts with dom0's uptime when it arrived (busybox ping
# has no -D), to set the gap beside the dom0 and guest log lines
stamp() { awk '{ getline u < "/proc/uptime"; close("/proc/uptime"); split(u, a, " "); print a[1], $0; fflush() }'; }
ping -i 0.1 $GIP 2>&1 | stamp > /tmp/ping.vf &
PV=$!
ping -i 0.1 $NIP 2>&1 | stamp > /tmp/ping.nf &
PN=$!
sleep 3
t0=$(cut -d' ' -f1 /proc/uptime)
xl migrate -s "" guest1 "xl migrate-receive" || fail "xl migrate"
t1=$(cut -d' ' -f1 /proc/uptime)
kill $PI 2>/dev/null || true
wait $PI 2>/dev/null || true
echo "  migrate $(awk "BEGIN { print $t1 - $t0 }") s"
id3=$(after_move "$id2" migrate)
domu_wait guest1
# the service created the target's VF while it was guest1--incoming, with
# the domain's UUID in the backend node (the MAC handover's key)
grep -q "domain guest1--incoming (id $id3): creating 1 VF(s) of its definition (migrating in, before it runs)" "$RIG_WATCH_LOG" ||
	fail "migrate: xenvf watch did not create the VF of guest1--incoming (id $id3): $(cat "$RIG_WATCH_LOG")"
[ -s /tmp/incoming.be ] && grep -qx "$id3" /tmp/incoming.be ||
	fail "migrate: no backend node of domain $id3 while it was guest1--incoming (seen: '$(cat /tmp/incoming.be 2>/dev/null)')"
xs_is "$BE/$id3/0/uuid" "$(xenstore-read /local/domain/$id3/vm | sed 's,^/vm/,,')" ||
	fail "migrate: $BE/$id3/0/uuid '$(xenstore-read $BE/$id3/0/uuid 2>&1)' is not the domain's ($(xenstore-read /local/domain/$id3/vm 2>&1))"
# the frontend found its backend at resume: no new wait for the nodes
waits1=$(domu_run guest1 'dmesg | grep -c "resumed before its nodes exist" || true')
[ "$waits1" = "$waits0" ] ||
	fail "migrate: the frontend resumed before its nodes existed ($waits0 -> $waits1 'resumed before its nodes exist' lines)"
# the target took the MAC from the source (same UUID): never refused
[ "$(rep_stat "$id3" 0 ctrl_mac_in_use)" = 0 ] ||
	fail "migrate: the target's MAC claims were refused ($(rep_stat "$id3" 0 ctrl_mac_in_use) ctrl_mac_in_use)"
dmesg | grep "went to a newer VF of the same domain UUID" || echo "  (the source was gone before the target claimed the MAC: no handover line)"
wait_for 120 test -s /tmp/in.md5 || fail "the stream did not end"
sleep 3
killall -INT ping 2>/dev/null || true
wait $PV $PN 2>/dev/null || true
[ "$(domu_run guest1 'cat /tmp/nc.rc')" = 0 ] || fail "guest1's nc failed: $(domu_run guest1 'cat /tmp/nc.rc')"
# where it differs, if it does: size and the md5 of each 256 KiB piece
CHUNKS='chunks() { i=0; while [ $i -lt 16 ]; do dd if="$1" bs=256k skip=$i count=1 2>/dev/null | md5sum | cut -c1-8; i=$((i + 1)); done | tr "\n" " "; }'
eval "$CHUNKS"
if [ "$(md5_hex "$(domu_run guest1 'cat /tmp/s.md5')")" != "$(md5_hex "$(cat /tmp/in.md5)")" ]; then
	echo "  received $(wc -c < /tmp/in.bin) bytes of 4194304"
	# the guest's own copy, hashed again: if it changed, the migration
	# corrupted guest memory; if not, the stream did
	echo "  guest1's /tmp/s now: $(domu_run guest1 'md5sum < /tmp/s'), before: $(domu_run guest1 'cat /tmp/s.md5')"
	echo "  sent:     $(domu_run guest1 "$CHUNKS; chunks /tmp/s")"
	echo "  received: $(chunks /tmp/in.bin)"
fi
md5_same "4 MB stream across the migration" "$(domu_run guest1 'cat /tmp/s.md5')" "$(cat /tmp/in.md5)"
rm -f /tmp/in.bin
# downtime: the longest time between two replies, on dom0's clock (the
# stamps), from the last reply before the gap to the first after it; and
# how many requests went unanswered in it. The count of lost requests is
# not the downtime: ping sends less regularly while dom0 is busy with the
# move, and in one boot the two pings lost 26 and 23 requests over the
# same 2.7 s.
gap() {
	sed -n 's/^\([0-9.]*\) .*seq=\([0-9]*\).*/\1 \2/p' "$1" |
		awk 'NR > 1 && $1 - pt > m { m = $1 - pt; b = pt; e = $1; l = $2 - p - 1 } { p = $2; pt = $1 }
			END { printf "%.2f s (%d replies; %d lost in the gap, from %s to %s)", m, NR, l, b, e }'
}
echo "MIGRATE-DOWNTIME xenvf $(gap /tmp/ping.vf)"
echo "MIGRATE-DOWNTIME netfront $(gap /tmp/ping.nf)"
wait_for 60 both_ok || fail "after migrate: $(both_ok)"
[ "$(gsnap)" = "$before" ] || fail "after migrate the NICs differ: '$(gsnap)' was '$before'"
replayed migrate
[ "$(vfstat resumes)" = 2 ] || fail "after migrate: resumes '$(vfstat resumes)', want 2"
step "migrated to domain $id3: stream intact, NICs as they were"

step "xl destroy: nothing left"
xl destroy guest1
wait_for 30 old_gone "$id3" || fail "nodes of domain $id3 left"
if xenstore-list "$BE" 2>/dev/null | grep -q .; then
	fail "xenvf nodes left: $(xenstore-ls -f "$BE")"
fi
kill -0 "$(cat /run/xenvf-watch.pid)" || fail "xenvf watch died: $(cat "$RIG_WATCH_LOG")"
cat "$RIG_WATCH_LOG"
step "done"
