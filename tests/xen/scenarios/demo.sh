# make demo: two guests, each with a xenvf VF, exchange traffic through the
# backend's embedded switch and dom0 (behind the uplink); dom0 prints each
# VF's counters from its representor netdev.
IP=/usr/sbin/ip

uplink_veth
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
xenvf_guest guest1 192.0.2.11
xenvf_guest guest2 192.0.2.12 vlan=0 trusted=1
id1=$(domid guest1)
id2=$(domid guest2)

echo "===== xl list ====="
xl list
echo "===== xenvf VFs (backend state, frontend state; 4 = Connected) ====="
for g in guest1 guest2; do
	echo "$g (domain $(domid "$g")) VF 0: $(xenvf_state "$(domid "$g")" 0)"
done
echo "===== guest1 pings guest2 through xenvf ====="
domu_run guest1 'ping -c 5 192.0.2.12'
echo "===== guest2 pings dom0 (192.0.2.1, behind the uplink up0) ====="
domu_run guest2 'ping -c 5 192.0.2.1'
echo "===== guests' view: ethtool -S eth0 ====="
for g in guest1 guest2; do
	echo "--- $g"
	domu_run "$g" 'ethtool -S eth0'
done
echo "===== dom0: per-VF counters on the representors ====="
$IP -s link show "xvf$id1.0"
$IP -s link show "xvf$id2.0"
for id in "$id1" "$id2"; do
	echo "--- ethtool -S xvf$id.0 (non-zero)"
	ethtool -S "xvf$id.0" | grep -v ': 0$'
done
xl destroy guest1
xl destroy guest2
