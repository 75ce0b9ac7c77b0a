# make demo: two guests, each with a xenvf VF attached, shown from dom0.
# (The xenvf data path arrives with a later issue; the demo shows what
# exists: both ends bound and Connected, plus the stock netfront peer.)

insmod "$RIG/modules/xenvf-back.ko"
domu_start guest1 "vif = [ 'mac=00:16:3e:00:00:01,script=$RIG/vif-up' ]"
domu_start guest2
for g in guest1 guest2; do
	domu_run "$g" 'insmod /rig/modules/xenvf-front.ko'
	xenvf_nodes_create "$(domid "$g")" 0
done
for g in guest1 guest2; do
	xenvf_wait_state "$(domid "$g")" 0 "4 4"
done

echo "===== xl list ====="
xl list
echo "===== xenvf VFs (backend state, frontend state; 4 = Connected) ====="
for g in guest1 guest2; do
	echo "$g (domain $(domid "$g")) VF 0: $(xenvf_state "$(domid "$g")" 0)"
done
echo "===== xenstore: backend/xenvf ====="
xenstore-ls -f /local/domain/0/backend/xenvf
echo "===== dom0 kernel log (xenvf) ====="
dmesg | grep xenvf
for g in guest1 guest2; do
	echo "===== $g kernel log (xenvf) ====="
	domu_run "$g" 'dmesg | grep xenvf'
done
