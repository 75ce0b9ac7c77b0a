# Helpers for rig scenarios, sourced in dom0 before a scenario runs with
# `set -e`. Scenarios are plain shell: call these, and `fail` on anything
# unexpected. Every wait is bounded.
# Helpers keep their variables `local` (busybox ash has it): a helper that
# calls another, or a wait around a helper that waits itself, must not
# have its state overwritten (tests/xen/guest/test-lib.sh checks this).
# shellcheck shell=sh

RIG=/rig
DOMU_MEM=${DOMU_MEM:-96}
DOMU_CMD_TIMEOUT=${DOMU_CMD_TIMEOUT:-60}
# the log of the dom0 service `xenvf watch` that init-dom0 starts (pid in
# /run/xenvf-watch.pid); definitions live in /var/lib/xenvf
RIG_WATCH_LOG=/var/log/xenvf-watch.log

# Scenarios run with pipefail. A reader that stops early (`dmesg | grep -q`)
# would make a long kernel log's writer die of SIGPIPE and the pipeline
# fail although grep matched: dmesg is a writer that cannot fail that way.
dmesg() { command dmesg "$@" | cat || true; }

step() { echo "[$(cut -d' ' -f1 /proc/uptime)] step: $*"; }
fail() { echo "FAIL: $*"; exit 1; }

# wait_for SECONDS CMD...: retry CMD every 0.2 s until it succeeds; 1 if
# it has not after SECONDS. The deadline is local: CMD may wait itself
# (domu_run does), nested waits cannot move it.
wait_for() {
	local _wf_end
	_wf_end=$(( $(cut -d. -f1 /proc/uptime) + $1 ))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(cut -d. -f1 /proc/uptime)" -lt "$_wf_end" ] || return 1
		sleep 0.2
	done
}

# Xen's console ring is read and cleared by xl_dmesg_save: everything Xen
# printed so far is kept in $RIG_XL_DMESG, so the verdict sees all of it.
RIG_XL_DMESG=/tmp/xl-dmesg.log

# xl_dmesg_save: append what Xen printed since the last call to $RIG_XL_DMESG.
xl_dmesg_save() {
	xl dmesg -c >> "$RIG_XL_DMESG"
}

# xen_dump KEY: what Xen prints for debug key KEY (g: grant tables, e: event
# channels), alone.
# Xen prints a dump from a tasklet, after `xl debug-keys` returns (a grant
# dump of mapped pools is hundreds of lines): wait until the log holds the
# grant dump's end line, or until it stops growing (up to 10 s).
xen_dump() {
	local _a=-1 _b _i=0
	xl_dmesg_save
	xl debug-keys "$1"
	while [ "$_i" -lt 40 ]; do
		sleep 0.25
		xl dmesg > /tmp/xen-dump.now	# one xl a round: xl is slow on a debug dom0
		if [ "$1" = g ]; then
			grep -qF 'gnttab_usage_print_all ] done' /tmp/xen-dump.now && break
		else
			_b=$(wc -c < /tmp/xen-dump.now)
			[ "$_b" -gt 0 ] && [ "$_b" = "$_a" ] && break
			_a=$_b
		fi
		_i=$((_i + 1))
	done
	xl dmesg -c | tee -a "$RIG_XL_DMESG"
}

# gnt_mapped_by_dom0 DOMID: how many of DOMID's grants dom0 has mapped or
# copies from right now, besides the console and xenstore pages that
# xenconsoled and xenstored map (grant refs 0 and 1).
gnt_mapped_by_dom0() {
	xen_dump g | awk -v d="$1" '
		/grant-table for remote d/ { on = ($0 ~ ("remote d" d " ")) }
		on && /\[0x[0-9a-f]+\]/ {
			r = $0; sub(/.*\[/, "", r); sub(/\].*/, "", r)
			if (r != "0x000" && r != "0x001") n++
		}
		END { print n + 0 }'
}

# dom0_evtchns_to DOMID: dom0's event channels whose remote end is DOMID.
dom0_evtchns_to() {
	xen_dump e | awk -v d="$1" '
		/information for (domain 0|d0)[: ]/ { on = 1; next }
		/information for / { on = 0 }
		on && $0 ~ (" d=" d " ") { n++ }
		END { print n + 0 }'
}

# dom0_evtchns_remote: dom0's event channels to any other domain, a line each.
dom0_evtchns_remote() {
	xen_dump e | awk '
		/information for (domain 0|d0)[: ]/ { on = 1; next }
		/information for / { on = 0 }
		on && / d=[0-9]+ / && !/ d=0 / { print }'
}

# dom0_refs DOMID: "<grants of DOMID mapped by dom0> <dom0 event channels to
# DOMID>". Take it before a VF connects and compare after it disconnects:
# a disconnect must give back every mapping and every channel.
dom0_refs() {
	echo "$(gnt_mapped_by_dom0 "$1") $(dom0_evtchns_to "$1")"
}

# xenvf_check_released DOMID BASE: dom0_refs DOMID is back to BASE.
xenvf_check_released() {
	local _now
	_now=$(dom0_refs "$1")
	[ "$_now" = "$2" ] ||
		fail "domain $1: dom0 holds '$_now' (grants mapped, event channels), was '$2' before the VF"
}

# md5_hex TEXT: the md5 hash TEXT starts with, as md5sum prints it
# ("HASH  NAME" or "HASH  -"): exactly 32 hex digits, then a space or the
# end of the line. Prints it, or prints nothing and fails.
md5_hex() {
	local _h
	_h=$(printf '%s\n' "$1" | sed -n '1s/^\([0-9a-f]\{32\}\)\( .*\)\{0,1\}$/\1/p')
	[ "${#_h}" -eq 32 ] || return 1
	echo "$_h"
}

# The md5 of no data at all: what both ends hash when nothing was sent.
MD5_EMPTY=d41d8cd98f00b204e9800998ecf8427e

# md5_same WHAT A B: the md5sum outputs A and B carry the same hash, of
# some data; otherwise fail the scenario about WHAT (a missing hash, the
# hash of nothing, or two different hashes).
md5_same() {
	local _a _b
	_a=$(md5_hex "$2") || fail "$1: no md5 hash in '$2'"
	_b=$(md5_hex "$3") || fail "$1: no md5 hash in '$3'"
	[ "$_a" != "$MD5_EMPTY" ] || fail "$1: md5 of no data ($_a)"
	[ "$_a" = "$_b" ] || fail "$1: md5 differs: $_a != $_b"
}

# is_num VALUE: VALUE is a non-negative decimal number (a counter as read).
is_num() {
	case "$1" in '' | *[!0-9]*) return 1 ;; esac
}

# proc_alive PID: PID runs (a zombie does not: `kill -0` succeeds for one,
# and a process orphaned to the guest's init stays one, as init reaps
# only its own children).
proc_alive() {
	[ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# xs_is PATH VALUE: the xenstore node PATH holds VALUE.
xs_is() { [ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ]; }

# domid NAME: the domain's id. `xl domid` costs most of a second under TCG
# (libxl starts, lists every domain) and domu_run asks for it on every
# command, so the last answer is kept and used while the store still gives
# that id the name NAME (a reboot, restore or migration gives a new id; a
# migration renames the old domain first). Kept in $RIG_DOMID_DIR.
RIG_DOMID_DIR=${RIG_DOMID_DIR:-/tmp}
domid() {
	local _f=$RIG_DOMID_DIR/rig-domid.$1 _id
	if _id=$(cat "$_f" 2>/dev/null) &&
	   [ "$(xenstore-read "/local/domain/$_id/name" 2>/dev/null)" = "$1" ]; then
		echo "$_id"
		return 0
	fi
	rm -f "$_f"
	_id=$(xl domid "$1") || return 1
	echo "$_id" > "$_f"
	echo "$_id"
}

# domu_cfg NAME [xl config lines...]: write /tmp/NAME.cfg, a PV guest with
# the rig kernel and initramfs (and the extra lines).
domu_cfg() {
	local _name=$1 _l
	shift
	{
		echo "name = \"$_name\""
		echo "kernel = \"$RIG/vmlinux\""
		echo "ramdisk = \"$RIG/domu.cpio\""
		echo "extra = \"console=hvc0 panic=-1 oops=panic panic_on_warn=1 slub_debug=FZPU\""
		echo "memory = $DOMU_MEM"
		echo "vcpus = 1"
		echo "on_crash = \"destroy\""
		for _l in "$@"; do echo "$_l"; done
	} > "/tmp/$_name.cfg"
}

# domu_wait NAME: wait for the command agent of a booting guest (a debug
# kernel guest took up to 170 s to boot with the host's cores shared).
domu_wait() {
	local _id
	_id=$(domid "$1") || fail "no domain $1"
	wait_for "${DOMU_BOOT_TIMEOUT:-300}" xs_is "/local/domain/$_id/data/xvf/ready" 1 ||
		fail "domain $1: command agent did not start"
	step "domain $1 (id $_id) is up"
}

# domu_start NAME [xl config lines...]: boot a PV guest with the rig kernel
# and initramfs and wait for its command agent.
domu_start() {
	domu_cfg "$@"
	xl create "/tmp/$1.cfg" || fail "xl create $1"
	domu_wait "$1"
}

# domu_run NAME CMD: run CMD with sh in domain NAME, print its output and
# return its exit status.
domu_run() {
	local _id _b _n
	_id=$(domid "$1") || fail "no domain $1"
	_b=/local/domain/$_id/data/xvf
	_n=$(xenstore-read "$_b/next" 2>/dev/null || echo 0)
	xenstore-write "$_b/next" $((_n + 1))
	xenstore-write -R "$_b/cmd/$_n" "$2"
	wait_for "$DOMU_CMD_TIMEOUT" xenstore-read "$_b/rc/$_n" ||
		fail "domain $1: '$2' did not finish in $DOMU_CMD_TIMEOUT s"
	xenstore-read -R "$_b/out/$_n"
	echo
	return "$(xenstore-read "$_b/rc/$_n")"
}

# xenvf_nodes_create DOMID VF [key=value...]: attach VF number VF to a
# domain (id or name) with `xenvf attach --no-wait` (xen-tools/xenvf): the
# nodes of docs/protocol.md 1.1 in one transaction, admin keys such as
# mac=, vlan=, trusted= passed through. Without mac= the tool picks
# 00:16:3e:xx:xx:xx, as xl does for vifs. Wait with xenvf_wait_state.
xenvf_nodes_create() {
	local _d=$1 _vf=$2
	shift 2
	xenvf attach --no-wait "$_d" "vf=$_vf" "$@" ||
		fail "xenvf attach $_d vf=$_vf $*"
}

# xenvf_state DOMID VF: "<backend state> <frontend state>"
xenvf_state() {
	echo "$(xenstore-read "/local/domain/0/backend/xenvf/$1/$2/state")" \
	     "$(xenstore-read "/local/domain/$1/device/xenvf/$2/state")"
}

# xenvf_wait_state DOMID VF "BACKEND FRONTEND": wait for that pair of states.
xenvf_wait_state() {
	wait_for 30 _xenvf_state_is "$@" && return 0
	xenvf_state_report "$1" "$2"
	fail "VF $1/$2: states are '$(xenvf_state "$1" "$2")', want '$3'"
}

# xenvf_state_report DOMID VF: why a VF is not where it should be, on lines
# the rig's summary shows (they contain FAIL): both error nodes, the
# backend's last log lines for the VF and the guest's for its frontend.
xenvf_state_report() {
	echo "FAIL-detail: backend error: $(xenstore-read "/local/domain/0/error/backend/xenvf/$1/$2/error" 2>/dev/null || echo none)"
	echo "FAIL-detail: frontend error: $(xenstore-read "/local/domain/$1/error/device/xenvf/$2/error" 2>/dev/null || echo none)"
	dmesg | grep "xenvf-$1-$2:" | tail -n 4 | sed 's/^/FAIL-detail: dom0: /'
	DOMU_CMD_TIMEOUT=10 domu_run "$(xenstore-read "/local/domain/$1/name")" \
		"dmesg | grep 'xenvf-$2[: ]' | tail -n 4" 2>/dev/null |
		sed '/^$/d; s/^/FAIL-detail: guest: /' || true
	echo "FAIL-detail: (full logs: dom0 above, the guest's console below)"
}
_xenvf_state_is() { [ "$(xenvf_state "$1" "$2")" = "$3" ]; }

# xenvf_unbind_all BUS: unbind every device of the xenvf driver on BUS
# ("xen" in a domU, "xen-backend" in dom0). xenbus holds a module reference
# per bound device, so a driver module unloads only after this.
xenvf_unbind_all() {
	local _d
	for _d in /sys/bus/$1/drivers/xenvf/xenvf-*; do
		[ -e "$_d" ] || continue
		echo "${_d##*/}" > "/sys/bus/$1/drivers/xenvf/unbind"
	done
}

# xenvf_guest NAME IP [key=value...]: boot guest NAME with xenvf VF 0 (admin
# keys as given), wait until the pair is Connected and bring its eth0 up
# with IP/24.
xenvf_guest() {
	local _g=$1 _ip=$2
	shift 2
	domu_start "$_g"
	domu_run "$_g" 'insmod /rig/modules/xenvf-front.ko && modprobe 8021q' >/dev/null ||
		fail "$_g: xenvf-front or 8021q did not load"
	xenvf_nodes_create "$(domid "$_g")" 0 "$@"
	xenvf_wait_state "$(domid "$_g")" 0 "4 4"
	wait_for 30 domu_run "$_g" 'ip link show eth0 >/dev/null' ||
		fail "$_g: no eth0"
	domu_run "$_g" "ip addr add $_ip/24 dev eth0 && ip link set eth0 up" >/dev/null ||
		fail "$_g: eth0 $_ip/24 not set up"
}

# xenvf_admin DOMID VF key=value...: change admin keys of a running VF with
# `xenvf set`; the backend applies them and tells the guest.
xenvf_admin() {
	xenvf set "$@" || fail "xenvf set $*"
}

# rep_stat DOMID VF NAME: counter NAME of the VF's representor in dom0.
# Fails, printing nothing, unless it reads exactly one number: an absent
# counter must not compare equal to another absent one.
rep_stat() {
	local _v
	_v=$(ethtool -S "xvf$1.$2" | sed -n "s/^ *$3: //p")
	is_num "$_v" || { echo "rep_stat: xvf$1.$2 has no counter $3 ('$_v')" >&2; return 1; }
	echo "$_v"
}

# pings GUEST ADDR: GUEST reaches ADDR (3 tries, as TCG is slow).
pings() {
	domu_run "$1" "ping -c 2 -W 3 $2" >/dev/null || domu_run "$1" "ping -c 3 -W 3 $2" >/dev/null
}

# uplink_veth: the rig's stand-in for a PF's wire: a veth pair, up0 for
# xenvf-back's uplink= and up1 carrying dom0's 192.0.2.1/24.
uplink_veth() {
	modprobe veth
	/usr/sbin/ip link add up0 type veth peer name up1
	/usr/sbin/ip link set up0 up
	/usr/sbin/ip link set up1 up
	/usr/sbin/ip addr add 192.0.2.1/24 dev up1
}

# ---- EVI (xenvf-evi*.sh) ----
# The rig's EVI underlay, all in dom0: site A is dom0 itself, its address
# on up0 (the uplink xenvf-back serves: the PF's own netdev), a router in
# netns ${EVI_PFX}rtr, remote sites in netns ${EVI_PFX}siteb and
# ${EVI_PFX}sitec, each on its own routed subnet:
#   A  up0 10.0.1.1/24  fd00:1::1/64 --- up1 (rtr) 10.0.1.254 fd00:1::fe
#   B  rb1 10.0.2.2/24  fd00:2::2/64 --- rb0 (rtr) 10.0.2.254 fd00:2::fe
#   C  rc1 10.0.3.3/24  fd00:3::3/64 --- rc0 (rtr) 10.0.3.254 fd00:3::fe
EVI_PFX=${EVI_PFX:-}

# evi_ns SITE CMD...: run CMD in netns ${EVI_PFX}SITE (rtr, siteb, sitec).
evi_ns() {
	local _n=$1
	shift
	/usr/sbin/ip netns exec "$EVI_PFX$_n" "$@"
}

# evi_underlay: build the three subnets and the router above.
evi_underlay() {
	local _ip=/usr/sbin/ip _s _n
	modprobe veth 2>/dev/null || true
	for _s in rtr siteb sitec; do
		$_ip netns add "$EVI_PFX$_s" || fail "netns add $EVI_PFX$_s"
	done
	$_ip link add up0 type veth peer name up1
	$_ip link set up1 netns "${EVI_PFX}rtr"
	for _s in b c; do
		$_ip link add r${_s}0 type veth peer name r${_s}1
		$_ip link set r${_s}0 netns "${EVI_PFX}rtr"
		$_ip link set r${_s}1 netns "${EVI_PFX}site$_s"
	done
	$_ip addr add 10.0.1.1/24 dev up0
	$_ip addr add fd00:1::1/64 dev up0 nodad
	$_ip link set up0 up
	$_ip route add 10.0.0.0/16 via 10.0.1.254
	$_ip -6 route add fd00::/16 via fd00:1::fe
	evi_ns rtr sh -c "
		$_ip link set lo up
		echo 1 > /proc/sys/net/ipv4/ip_forward
		echo 1 > /proc/sys/net/ipv6/conf/all/forwarding
		$_ip addr add 10.0.1.254/24 dev up1
		$_ip addr add fd00:1::fe/64 dev up1 nodad
		$_ip addr add 10.0.2.254/24 dev rb0
		$_ip addr add fd00:2::fe/64 dev rb0 nodad
		$_ip addr add 10.0.3.254/24 dev rc0
		$_ip addr add fd00:3::fe/64 dev rc0 nodad
		for d in up1 rb0 rc0; do $_ip link set \$d up; done" ||
		fail "router netns"
	for _s in b c; do
		_n=$([ $_s = b ] && echo 2 || echo 3)
		evi_ns site$_s sh -c "
			$_ip link set lo up
			$_ip addr add 10.0.$_n.$_n/24 dev r${_s}1
			$_ip addr add fd00:$_n::$_n/64 dev r${_s}1 nodad
			$_ip link set r${_s}1 up
			$_ip route add default via 10.0.$_n.254
			$_ip -6 route add default via fd00:$_n::fe" ||
			fail "site $_s netns"
	done
}

# evi_remote SITE TYPE LOCAL REMOTE KEYSPEC N: the remote site's stock
# Linux tunnel (TYPE gretap or ip6gretap, device gt<SITE's letter>) from
# its LOCAL address to our REMOTE one, with KEYSPEC ("key 42", or "" for
# no key), its host addresses 192.168.10.N/24 and fd00:10::N/64 on it,
# MTU 1400 (inside every overhead).
evi_remote() {
	local _d=gt${1#site} _ttl
	_ttl=$([ "$2" = gretap ] && echo ttl || echo hoplimit)
	evi_ns "$1" sh -c "
		/usr/sbin/ip link add $_d type $2 local $3 remote $4 $5 $_ttl 64 &&
		/usr/sbin/ip link set $_d mtu 1400 &&
		/usr/sbin/ip addr add 192.168.10.$6/24 dev $_d &&
		/usr/sbin/ip addr add fd00:10::$6/64 dev $_d nodad &&
		/usr/sbin/ip link set $_d up" || fail "$2 $_d in $1"
}

# evi_rx SITE: packets SITE's tunnel device has received (a number, or
# nothing and a failure).
evi_rx() {
	local _v
	_v=$(evi_ns "$1" cat "/sys/class/net/gt${1#site}/statistics/rx_packets")
	is_num "$_v" || { echo "evi_rx: no rx_packets of gt${1#site} in $1 ('$_v')" >&2; return 1; }
	echo "$_v"
}

# evi_stat NAME: EVI counter NAME as `xenvf evi show` prints it (a number,
# or nothing and a failure).
evi_stat() {
	local _v
	_v=$(xenvf evi show | awk -v n="$1" '$1 == n { print $2 }')
	is_num "$_v" || { echo "evi_stat: no EVI counter $1 ('$_v')" >&2; return 1; }
	echo "$_v"
}

# evi_diag: what EVI, guest1 and site B saw (on a failure).
evi_diag() {
	xenvf evi show; xenvf evi peer; xenvf evi mac
	domu_run guest1 "/usr/sbin/ip -s link show eth0; ethtool -S eth0; cat /proc/net/snmp" || true
	evi_ns siteb /usr/sbin/ip -s -d link show gtb || true
	evi_ns siteb cat /proc/net/snmp || true
	/usr/sbin/ip -s link show up0
	dmesg | tail -n 30
}

# evi_b_to_guest GMAC: site B (192.168.10.2) and guest1 (192.168.10.11,
# fd00:10::11, MAC GMAC) reach each other through EVI: B resolves the guest
# by ARP, IPv4 and IPv6 pings, 1400-byte packets both ways, then 512 KB
# over TCP each way with the md5 compared at both ends.
evi_b_to_guest() {
	step "B -> guest: ARP, IPv4 and IPv6 ping"
	evi_ns siteb /usr/sbin/ip neigh flush dev gtb
	evi_ns siteb ping -c 2 -W 3 192.168.10.11 >/dev/null ||
		evi_ns siteb ping -c 2 -W 3 192.168.10.11 >/dev/null || fail "B cannot ping the guest"
	evi_ns siteb /usr/sbin/ip neigh show 192.168.10.11 | grep -qi "$1" ||
		fail "B did not learn the guest's MAC by ARP"
	evi_ns siteb ping -c 2 -W 3 fd00:10::11 >/dev/null || fail "B cannot ping6 the guest"

	step "full-size frames both ways (1400-byte IP packets, B's MTU)"
	domu_run guest1 'ping -c 2 -W 3 -s 1372 192.168.10.2' >/dev/null ||
		{ evi_diag; fail "guest -> B: 1400-byte ping"; }
	evi_ns siteb ping -c 2 -W 3 -s 1372 192.168.10.11 >/dev/null ||
		{ evi_diag; fail "B -> guest: 1400-byte ping"; }

	step "TCP guest -> B and B -> guest, md5 compared"
	local _kb=512
	domu_run guest1 "head -c $((_kb * 1024)) /dev/urandom > /tmp/out && md5sum < /tmp/out > /tmp/out.md5" ||
		fail "guest1: no data to send"
	(sleep 300 | evi_ns siteb nc -l -p 5001 | md5sum > /tmp/b.md5) >/dev/null 2>&1 </dev/null &
	sleep 1
	domu_run guest1 '(nc 192.168.10.2 5001 < /tmp/out) >/dev/null 2>&1 </dev/null &'
	wait_for 180 test -s /tmp/b.md5 || { evi_diag; fail "B did not get the stream"; }
	md5_same "guest -> B" "$(domu_run guest1 'cat /tmp/out.md5')" "$(cat /tmp/b.md5)"
	head -c $((_kb * 1024)) /dev/urandom > /tmp/in
	domu_run guest1 '(sleep 300 | nc -l -p 5002 | md5sum > /tmp/in.md5) >/dev/null 2>&1 </dev/null &'
	sleep 1
	(evi_ns siteb nc 192.168.10.11 5002 < /tmp/in) >/dev/null 2>&1 </dev/null &
	wait_for 180 domu_run guest1 'test -s /tmp/in.md5' ||
		{ evi_diag; fail "the guest did not get the stream"; }
	md5_same "B -> guest" "$(md5sum < /tmp/in)" "$(domu_run guest1 'cat /tmp/in.md5')"
	echo "$_kb KB each way, md5 equal"
}
