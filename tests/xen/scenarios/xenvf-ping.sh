# Scenario: two guests, each with a xenvf VF, exchange traffic through the
# backend's embedded switch (VEB): ping both ways, full-size and
# fragmented datagrams, and a 4 MB TCP transfer with the checksum verified
# at the far end.

insmod "$RIG/modules/xenvf-back.ko"
domu_start guest1
domu_start guest2
for g in guest1 guest2; do
	domu_run "$g" 'insmod /rig/modules/xenvf-front.ko'
	xenvf_nodes_create "$(domid "$g")" 0
done
for g in guest1 guest2; do
	xenvf_wait_state "$(domid "$g")" 0 "4 4"
done
up() { domu_run "$1" "ip link show eth0 >/dev/null"; }
wait_for 30 up guest1 || fail "guest1 netdev"
wait_for 30 up guest2 || fail "guest2 netdev"
domu_run guest1 'ip addr add 192.0.2.11/24 dev eth0 && ip link set eth0 up'
domu_run guest2 'ip addr add 192.0.2.12/24 dev eth0 && ip link set eth0 up'

step "ping guest1 -> guest2 and back"
domu_run guest1 'ping -c 3 -W 5 192.0.2.12' || fail "guest1 cannot ping guest2"
domu_run guest2 'ping -c 3 -W 5 192.0.2.11' || fail "guest2 cannot ping guest1"
domu_run guest1 'ping -c 2 -W 5 -s 1472 192.0.2.12' || fail "full-size frames"
domu_run guest1 'ping -c 2 -W 5 -s 8000 192.0.2.12' || fail "fragmented datagrams"

step "4 MB over TCP, checksum verified at the far end"
# (nc's stdin must stay open: busybox nc quits at stdin EOF)
domu_run guest2 '(sleep 600 | nc -l -p 5001 > /tmp/in) >/dev/null 2>&1 </dev/null &'
domu_run guest1 'head -c 4194304 /dev/urandom > /tmp/out && md5sum < /tmp/out > /tmp/out.md5'
sent=$(domu_run guest1 'cat /tmp/out.md5')
domu_run guest1 'nc -w 10 192.0.2.12 5001 < /tmp/out' || fail "nc send"
received() { [ "$(domu_run guest2 'stat -c %s /tmp/in')" = 4194304 ]; }
diag() {
	for g in guest1 guest2; do
		echo "== $g"; domu_run "$g" 'ethtool -S eth0; cat /proc/interrupts | grep xenvf'
	done
}
wait_for 60 received || { diag; fail "guest2 received $(domu_run guest2 'stat -c %s /tmp/in') of 4194304 bytes"; }
got=$(domu_run guest2 'md5sum < /tmp/in')
[ "$sent" = "$got" ] || fail "checksum mismatch: sent $sent got $got"

step "per-VF counters in the guests"
domu_run guest1 '/usr/sbin/ip -s link show eth0'
domu_run guest2 'ethtool -S eth0'

xl destroy guest1
xl destroy guest2
dmesg | grep "VF of domain" | tail -n 4
step "xenvf-ping ok"
