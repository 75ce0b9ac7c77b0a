# Scenario: FCoE over a xenvf VF. dom0 runs a software FCoE target (LIO
# with tcm_fc over fcoe.ko on up1, the peer of the uplink veth, VN2VN
# mode, an 8 MB RAM-backed LUN, configured through configfs and sysfs); a
# guest logs in with fcoe.ko on its xenvf netdev, the LUN appears as a
# SCSI disk, and 4 MB of random data written to it read back with the same
# md5. Twice: with the backend granting FC CRC offload and FSO (fcoe=on,
# the backend finishes CRC, EOF and the FC frames of each sequence, as the
# representor's counters show), then with nothing granted (fcoe=off:
# fcoe.ko does everything in software). No frame for the guest may be
# dropped (FCoE's deeper RX backlog), so no FCP command is retried. Every
# FCoE and FIP frame the guest sends leaves the uplink with the FCoE
# priority (3, then fcoe_prio=5), counted on up1 by xenvf-pcp. Before
# that, FIP VLAN discovery (xenvf-fip, both ends) crosses the switch.
# rig-timeout: 900
IP=/usr/sbin/ip
DOMU_MEM=192
DOMU_CMD_TIMEOUT=120
MAC=00:16:3e:fc:00:01
GUEST_WWPN=20:00:00:16:3e:fc:00:01
CFS=/sys/kernel/config/target

uplink_veth
# FC frames of 2112 bytes of payload do not fit a 1500-byte MTU
$IP link set up0 mtu 2500
$IP link set up1 mtu 2500
insmod "$RIG/modules/xenvf-back.ko" uplink=up0

step "dom0: FCoE target on up1 (VN2VN), LIO RAM disk exported by tcm_fc"
modprobe fcoe || fail "modprobe fcoe"
modprobe tcm_fc || fail "modprobe tcm_fc"
[ -d $CFS ] || mount -t configfs configfs /sys/kernel/config
[ -d $CFS ] || fail "no $CFS"
mkdir -p $CFS/core/rd_mcp_0/lun8m
echo rd_pages=2048 > $CFS/core/rd_mcp_0/lun8m/control
echo 1 > $CFS/core/rd_mcp_0/lun8m/enable || fail "rd_mcp enable"
echo up1 > /sys/bus/fcoe/ctlr_create || fail "fcoe ctlr_create up1"
ctlr=$(ls -d /sys/bus/fcoe/devices/ctlr_* | head -n 1)
echo vn2vn > "$ctlr/mode" || fail "vn2vn mode"
echo 1 > "$ctlr/enabled" || fail "ctlr enable"
host=$(ls "$ctlr" | sed -n 's/^\(host[0-9]*\)$/\1/p' | head -n 1)
[ -n "$host" ] || host=$(ls /sys/class/fc_host | head -n 1)
tgt_wwpn=$(sed 's/^0x//; s/\(..\)/\1:/g; s/:$//' "/sys/class/fc_host/$host/port_name")
step "target WWPN $tgt_wwpn (fc_host $host)"
tpg=$CFS/fc/$tgt_wwpn/tpgt_1
mkdir -p "$tpg/lun/lun_0" || fail "tcm_fc tpg"
ln -s $CFS/core/rd_mcp_0/lun8m "$tpg/lun/lun_0/lun8m" || fail "tcm_fc lun"
mkdir -p "$tpg/acls/$GUEST_WWPN/lun_0" || fail "tcm_fc acl"
ln -s "$tpg/lun/lun_0" "$tpg/acls/$GUEST_WWPN/lun_0/map" || fail "tcm_fc mapped lun"
[ -e "$tpg/enable" ] && echo 1 > "$tpg/enable"

domu_start guest1
id=$(domid guest1)
domu_run guest1 'insmod /rig/modules/xenvf-front.ko && modprobe fcoe' >/dev/null ||
	fail "guest modules"
xenvf_nodes_create "$id" 0 mac=$MAC
xenvf_wait_state "$id" 0 "4 4"
wait_for 30 domu_run guest1 'ip link show eth0' || fail "guest1: no eth0"
domu_run guest1 'ip link set eth0 up' >/dev/null

step "FIP VLAN discovery through the switch: the guest asks, an FCF on up1 answers"
xenvf-fip respond up1 1002 60 > /tmp/fip & fip_pid=$!
out=$(domu_run guest1 'xenvf-fip request eth0 30') || fail "no FIP VLAN notification in guest1: $out"
echo "$out"
echo "$out" | grep -q "^vlan 1002$" || fail "FIP VLAN notification without VLAN 1002: $out"
wait $fip_pid || fail "the FCF on up1 saw no FIP VLAN request"
grep -q "request from $MAC" /tmp/fip || fail "FIP VLAN request not from the guest's MAC: $(cat /tmp/fip)"

disk_up() { domu_run guest1 'ls /sys/class/scsi_disk | grep -q .'; }
# the target's view of its initiators (dom0's fc_remote_ports): "port_id
# port_name state" a line
rports() {
	for r in /sys/class/fc_remote_ports/rport-*; do
		[ -d "$r" ] && echo "$(cat "$r/port_id") $(cat "$r/port_name") $(cat "$r/port_state")"
	done
}
rport_online() { rports | grep -q ' Online$'; }
rports_let_go() { ! rport_online; }
stat_of() { rep_stat "$id" 0 "$1"; }

# fcoe_round NAME: log in, round-trip 4 MB through the LUN, log out.
fcoe_round() {
	step "$1: guest logs in (fcoe.ko on eth0, VN2VN)"
	domu_run guest1 'echo eth0 > /sys/bus/fcoe/ctlr_create &&
		c=$(ls -d /sys/bus/fcoe/devices/ctlr_* | head -n 1) &&
		echo vn2vn > $c/mode && echo 1 > $c/enabled' ||
		fail "$1: guest fcoe ctlr"
	domu_run guest1 'ethtool -k eth0 | grep -i fcoe'
	wait_for 120 disk_up || {
		domu_run guest1 'dmesg | tail -n 30'
		dmesg | tail -n 30
		ethtool -S "xvf$id.0" | grep -v ': 0$'
		echo "target's remote ports: $(rports | tr '\n' ';')"
		fail "$1: no SCSI disk in guest1"
	}
	dev=$(domu_run guest1 'ls /sys/class/scsi_disk/*/device/block | head -n 1')
	dev=$(echo "$dev" | tr -d '\n ')
	step "$1: LUN is /dev/$dev; 4 MB written and read back"
	# no pipes: each dd's exit status counts, its messages go to a file
	domu_run guest1 "dd if=/dev/urandom of=/tmp/w bs=1M count=4 2>/tmp/dd.log &&
		dd if=/tmp/w of=/dev/$dev bs=1M conv=fsync 2>>/tmp/dd.log &&
		echo 3 > /proc/sys/vm/drop_caches &&
		dd if=/dev/$dev of=/tmp/r bs=1M count=4 2>>/tmp/dd.log &&
		[ \$(wc -c < /tmp/w) -eq 4194304 ] && [ \$(wc -c < /tmp/r) -eq 4194304 ]" || {
		domu_run guest1 'cat /tmp/dd.log; ls -l /tmp/w /tmp/r'
		fail "$1: dd through the LUN"
	}
	domu_run guest1 'cat /tmp/dd.log'
	w=$(domu_run guest1 'md5sum /tmp/w') || fail "$1: md5sum of what was written: $w"
	r=$(domu_run guest1 'md5sum /tmp/r') || fail "$1: md5sum of what was read: $r"
	echo "$w"
	echo "$r"
	md5_same "$1: what was read back from the LUN" "$w" "$r"
	ethtool -S "xvf$id.0" | grep -E 'fcoe|fip|drop|full|rx_from|tx_to' | grep -v ': 0$'
	# FCoE is the lossless class: no frame for the guest dropped, so no
	# FCP command timed out and was retried
	[ "$(stat_of rx_drop_queue_full)" = 0 ] ||
		fail "$1: FCoE frames dropped for a full RX queue"
	# nor from the guest: a TX poll hands the uplink at most a budget of
	# FC frames (an FSO sequence weighs its frames), which the veth's
	# peer backlog takes
	[ "$(stat_of drop_uplink_refused)" = 0 ] ||
		fail "$1: the uplink refused $(stat_of drop_uplink_refused) FCoE frames"
	domu_run guest1 'dmesg | grep "I/O error"' && fail "$1: SCSI I/O errors"
	domu_run guest1 'echo eth0 > /sys/bus/fcoe/ctlr_destroy && rm -f /tmp/w /tmp/r' ||
		fail "$1: guest fcoe ctlr_destroy"
	# the next login starts only once the target has let go of this one:
	# a VN2VN login with the same port ID while the target still holds
	# the old session Online found no disk (2 of the rig's runs)
	wait_for 60 rports_let_go ||
		echo "$1: the target still holds an initiator after 60 s: $(rports | tr '\n' ';')"
	echo "$1: target's remote ports after the logout: $(rports | tr '\n' ';')"
}

# pcp_start / pcp_stop: FCoE/FIP frames up1 receives, by priority
pcp_start() { xenvf-pcp up1 > /tmp/pcp & pcp_pid=$!; }
pcp_stop() { kill $pcp_pid; wait $pcp_pid; cat /tmp/pcp; }

pcp_start
fcoe_round "CRC and FSO granted"
pcp_stop
step "FCoE and FIP frames left the uplink with priority 3 (fcoe_prio default)"
grep -q "^fcoe pcp=3 " /tmp/pcp || fail "no FCoE frame with priority 3 on the uplink"
grep -q "^fip pcp=3 " /tmp/pcp || fail "no FIP frame with priority 3 on the uplink"
grep -v " pcp=3 " /tmp/pcp && fail "FCoE/FIP frames with another priority, or untagged"
[ "$(stat_of fcoe_tx_frames)" -gt 0 ] || fail "no FCoE frames counted"
[ "$(stat_of fip_tx_frames)" -gt 0 ] || fail "no FIP frames counted"
crc=$(stat_of fcoe_tx_crc_offload)
fso=$(stat_of fcoe_tx_fso_sequences)
done_here=$(stat_of fcoe_frames_finished_by_backend)
[ "$crc" -gt 0 ] || fail "granted, yet no frame asked for CRC offload"
[ "$fso" -gt 0 ] || fail "granted, yet no sequence asked for FSO"
[ "$done_here" -gt "$fso" ] || fail "FSO sequences not cut into frames"
[ "$(stat_of fcoe_rx_crc_ok)" -gt 0 ] || fail "no received frame had its CRC checked"
[ "$(stat_of fcoe_rx_crc_errors)" = 0 ] || fail "CRC errors on received frames"
[ "$(stat_of fcoe_drop_bad_offload)" = 0 ] || fail "offload requests dropped"

step "nothing granted (fcoe=off): fcoe.ko in software"
echo off > /sys/module/xenvf_back/parameters/fcoe
echo 5 > /sys/module/xenvf_back/parameters/fcoe_prio
pcp_start
fcoe_round "not granted"
pcp_stop
grep -q "^fcoe pcp=5 " /tmp/pcp || fail "fcoe_prio=5: no FCoE frame with priority 5"
grep -v " pcp=5 " /tmp/pcp && fail "fcoe_prio=5: FCoE/FIP frames with another priority"
[ "$(stat_of fcoe_tx_crc_offload)" = "$crc" ] || fail "CRC offload used without a grant"
[ "$(stat_of fcoe_tx_fso_sequences)" = "$fso" ] || fail "FSO used without a grant"

xl destroy guest1
step "xenvf-fcoe ok"
