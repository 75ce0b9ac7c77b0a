# Helpers for rig scenarios, sourced in dom0 before a scenario runs with
# `set -e`. Scenarios are plain shell: call these, and `fail` on anything
# unexpected. Every wait is bounded.
# shellcheck shell=sh

RIG=/rig
DOMU_MEM=${DOMU_MEM:-96}
DOMU_CMD_TIMEOUT=${DOMU_CMD_TIMEOUT:-60}

step() { echo "[$(cut -d' ' -f1 /proc/uptime)] step: $*"; }
fail() { echo "FAIL: $*"; exit 1; }

# wait_for SECONDS CMD...: retry CMD every 0.2 s until it succeeds.
wait_for() {
	_t=$1
	shift
	_end=$(( $(cut -d. -f1 /proc/uptime) + _t ))
	until "$@" >/dev/null 2>&1; do
		[ "$(cut -d. -f1 /proc/uptime)" -lt "$_end" ] || return 1
		sleep 0.2
	done
}

# xs_is PATH VALUE: the xenstore node PATH holds VALUE.
xs_is() { [ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ]; }

domid() { xl domid "$1"; }

# domu_cfg NAME [xl config lines...]: write /tmp/NAME.cfg, a PV guest with
# the rig kernel and initramfs (and the extra lines).
domu_cfg() {
	_name=$1
	shift
	{
		echo "name = \"$_name\""
		echo "kernel = \"$RIG/vmlinux\""
		echo "ramdisk = \"$RIG/domu.cpio\""
		echo "extra = \"console=hvc0 panic=-1 oops=panic\""
		echo "memory = $DOMU_MEM"
		echo "vcpus = 1"
		echo "on_crash = \"destroy\""
		for _l in "$@"; do echo "$_l"; done
	} > "/tmp/$_name.cfg"
}

# domu_wait NAME: wait for the command agent of a booting guest.
domu_wait() {
	_id=$(domid "$1") || fail "no domain $1"
	wait_for 120 xs_is "/local/domain/$_id/data/xvf/ready" 1 ||
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
	_d=$1
	_vf=$2
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
	wait_for 30 _xenvf_state_is "$@" ||
		fail "VF $1/$2: states are '$(xenvf_state "$1" "$2")', want '$3'"
}
_xenvf_state_is() { [ "$(xenvf_state "$1" "$2")" = "$3" ]; }

# xenvf_unbind_all BUS: unbind every device of the xenvf driver on BUS
# ("xen" in a domU, "xen-backend" in dom0). xenbus holds a module reference
# per bound device, so a driver module unloads only after this.
xenvf_unbind_all() {
	for _d in /sys/bus/$1/drivers/xenvf/xenvf-*; do
		[ -e "$_d" ] || continue
		echo "${_d##*/}" > "/sys/bus/$1/drivers/xenvf/unbind"
	done
}

# xenvf_guest NAME IP [key=value...]: boot guest NAME with xenvf VF 0 (admin
# keys as given), wait until the pair is Connected and bring its eth0 up
# with IP/24.
xenvf_guest() {
	_g=$1
	_ip=$2
	shift 2
	domu_start "$_g"
	domu_run "$_g" 'insmod /rig/modules/xenvf-front.ko && modprobe 8021q' >/dev/null
	xenvf_nodes_create "$(domid "$_g")" 0 "$@"
	xenvf_wait_state "$(domid "$_g")" 0 "4 4"
	wait_for 30 domu_run "$_g" 'ip link show eth0 >/dev/null' ||
		fail "$_g: no eth0"
	domu_run "$_g" "ip addr add $_ip/24 dev eth0 && ip link set eth0 up" >/dev/null
}

# xenvf_admin DOMID VF key=value...: change admin keys of a running VF with
# `xenvf set`; the backend applies them and tells the guest.
xenvf_admin() {
	xenvf set "$@" || fail "xenvf set $*"
}

# rep_stat DOMID VF NAME: counter NAME of the VF's representor in dom0.
rep_stat() {
	ethtool -S "xvf$1.$2" | sed -n "s/^ *$3: //p"
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
