# Scenario: the stock netfront/netback pair connects and pings both ways.
# Proves the rig (Xen, xenstored, xl, hotplug, event channels, grants) and
# is the peer xenvf is measured against.

domu_start guest1 "vif = [ 'mac=00:16:3e:00:00:01,script=$RIG/vif-up' ]"
id=$(domid guest1)

step "netfront in guest1"
domu_run guest1 'modprobe xen-netfront && ip link set eth0 up &&
	ip addr add 192.0.2.2/24 dev eth0'
wait_for 30 xs_is "/local/domain/0/backend/vif/$id/0/state" 4 ||
	fail "netback did not reach Connected"
ip addr add 192.0.2.1/24 dev "vif$id.0"

step "ping dom0 -> guest1"
ping -c 3 -W 5 192.0.2.2 || fail "dom0 cannot ping guest1"
step "ping guest1 -> dom0"
domu_run guest1 'ping -c 3 -W 5 192.0.2.1' || fail "guest1 cannot ping dom0"

xl destroy guest1
wait_for 30 sh -c "! xenstore-read /local/domain/0/backend/vif/$id" ||
	fail "netback nodes left after destroy"
step "netfront-ping ok"
