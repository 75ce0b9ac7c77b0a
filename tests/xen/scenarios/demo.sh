# make demo: two guests, each with a xenvf VF, exchange traffic through the
# backend's embedded switch; dom0 prints each VF's counters.

insmod "$RIG/modules/xenvf-back.ko"
domu_start guest1
domu_start guest2
n=11
for g in guest1 guest2; do
	domu_run "$g" 'insmod /rig/modules/xenvf-front.ko'
	xenvf_nodes_create "$(domid "$g")" 0
done
for g in guest1 guest2; do
	xenvf_wait_state "$(domid "$g")" 0 "4 4"
	up() { domu_run "$1" "ip link show eth0 >/dev/null"; }
	wait_for 30 up "$g" || fail "$g netdev"
	domu_run "$g" "ip addr add 192.0.2.$n/24 dev eth0 && ip link set eth0 up"
	n=$((n + 1))
done

echo "===== xl list ====="
xl list
echo "===== xenvf VFs (backend state, frontend state; 4 = Connected) ====="
for g in guest1 guest2; do
	echo "$g (domain $(domid "$g")) VF 0: $(xenvf_state "$(domid "$g")" 0)"
done
echo "===== guest1 pings guest2 through xenvf ====="
domu_run guest1 'ping -c 5 192.0.2.12'
echo "===== guest2 pings guest1 through xenvf ====="
domu_run guest2 'ping -c 5 192.0.2.11'
echo "===== guests' view: ethtool -S eth0 ====="
for g in guest1 guest2; do
	echo "--- $g"
	domu_run "$g" 'ethtool -S eth0'
done
echo "===== dom0: per-VF counters (reported as each VF disconnects) ====="
xl destroy guest1
xl destroy guest2
dmesg | grep "disconnected (" | sed 's/^\[[ 0-9.]*\] //'
