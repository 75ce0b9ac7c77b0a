# Scenario: pcie_cfg's SR-IOV parser on a real emulated function. The rig
# machine is a q35 with an SR-IOV capable NVMe controller (QEMU's nvme with
# sriov_max_vfs) behind a PCIe root port; dom0 reads its 4 KiB config space
# and xenvf-pcicfg (pcie_cfg/pcie_caps.c built for userspace) must find
# what Linux's own PCI core found (sysfs sriov_* attributes). Then
# xenvf-back takes the function (pf=): bound to its xenvf-pf driver, it
# owns the PF's MSI-X vectors and its VFs.
# rig-machine: q35
# rig-qemu: -device pcie-root-port,id=rp0,bus=pcie.0,chassis=1,slot=1
# rig-qemu: -device nvme-subsys,id=nvmesub0
# rig-qemu: -device nvme,serial=xenvf0,subsys=nvmesub0,bus=rp0,sriov_max_vfs=3,sriov_vq_flexible=6,sriov_vi_flexible=3

nvme=
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/class")" = 0x010802 ] && nvme=$d
done
[ -n "$nvme" ] || { ls /sys/bus/pci/devices; fail "no NVMe function in dom0"; }
bdf=${nvme##*/}
step "SR-IOV capable function $bdf"
[ -e "$nvme/sriov_totalvfs" ] || fail "the PCI core found no SR-IOV capability on $bdf"
bus=$(echo "$bdf" | cut -d: -f2)
devfn=$(echo "$bdf" | cut -d: -f3)
rid=$(( (0x$bus << 8) | (${devfn%.*} << 3) | ${devfn#*.} ))
xenvf-pcicfg "$nvme/config" "$rid" > /tmp/cap ||
	fail "xenvf-pcicfg: no SR-IOV capability: $(cat /tmp/cap)"
cat /tmp/cap
val() { sed -n "s/^$1=//p" /tmp/cap; }
[ "$(val config_bytes)" = 4096 ] || fail "extended config space not readable"
for a in totalvfs offset stride vf_device; do
	want=$(cat "$nvme/sriov_$a")
	got=$(val "sriov_$a")
	echo "sriov_$a: kernel $want, pcie_cfg $got"
	[ "$want" = "$got" ] || fail "sriov_$a differs: kernel $want, pcie_cfg $got"
done
[ "$(val sriov_totalvfs)" = 3 ] || fail "TotalVFs is not 3"
[ "$(val vf0_rid)" = "01:00.1" ] || fail "VF 0 routing ID $(val vf0_rid), want 01:00.1"
[ -n "$(val msix_pos)" ] || fail "no MSI-X capability found"
[ -n "$(val pcie_pos)" ] || fail "no PCIe capability found"

step "xenvf-back owns the PF: VFs enabled through the PCI SR-IOV API"
P=/sys/module/xenvf_back/parameters
if insmod "$RIG/modules/xenvf-back.ko" pf=0000:07:00.0 2>/dev/null; then
	fail "insmod with a missing PF succeeded"
fi
dmesg | grep -q "pf 0000:07:00.0: no such PCI function" || fail "no error for a missing PF"
insmod "$RIG/modules/xenvf-back.ko" pf="$bdf" pf_numvfs=2 || fail "insmod pf=$bdf pf_numvfs=2"
[ "$(cat "$nvme/sriov_numvfs")" = 2 ] || fail "sriov_numvfs is $(cat "$nvme/sriov_numvfs"), want 2"
for f in 1 2; do
	vf=${bdf%.*}.$f
	[ -e "/sys/bus/pci/devices/$vf/physfn" ] || fail "VF $vf not created"
	dmesg | grep -q "VF $((f - 1)) at ${vf#0000:}" || fail "VF $vf not where pcie_cfg computed"
done
step "the PF is bound to xenvf-pf, which owns its MSI-X vectors"
drv=$(readlink "$nvme/driver")
[ "${drv##*/}" = xenvf-pf ] || fail "PF driver is '${drv##*/}', want xenvf-pf"
grep "xenvf-pf" /proc/interrupts
grep -q "xenvf-pf-ctrl@$bdf" /proc/interrupts || fail "no PF control vector in /proc/interrupts"
grep -q "xenvf-pf-q0@$bdf" /proc/interrupts || fail "no PF queue vector in /proc/interrupts"
nvec=$(ls "$nvme/msi_irqs" | wc -l)
[ "$nvec" -ge 2 ] || fail "$nvec MSI-X vectors allocated on the PF, want >= 2"
[ "$(grep -c "xenvf-pf-.*@$bdf" /proc/interrupts)" = "$nvec" ] ||
	fail "$nvec vectors allocated but not all requested"
dmesg | grep -q "PF owns $nvec MSI-X vectors" || fail "no vector log line"

step "sriov_numvfs goes through xenvf-pf's sriov_configure"
echo 0 > "$nvme/sriov_numvfs" || fail "sriov_numvfs=0"
[ -e "/sys/bus/pci/devices/${bdf%.*}.1" ] && fail "VFs stay after sriov_numvfs=0"
echo 1 > "$nvme/sriov_numvfs" || fail "sriov_numvfs=1"
dmesg | grep -q "1 VFs enabled" || fail "sriov_numvfs=1 did not reach xenvf-pf"
echo 0 > "$nvme/sriov_numvfs"
echo 2 > $P/pf_numvfs || fail "pf_numvfs=2 again"

echo 4 > $P/pf_numvfs 2>/dev/null && fail "4 VFs accepted (TotalVFs 3)"
[ "$(cat "$nvme/sriov_numvfs")" = 2 ] || fail "a refused count changed the VFs"
echo 3 > $P/pf_numvfs || fail "3 VFs refused"
[ "$(cat "$nvme/sriov_numvfs")" = 3 ] || fail "3 VFs not enabled"
echo 0 > $P/pf_numvfs || fail "disabling VFs"
[ -e "/sys/bus/pci/devices/${bdf%.*}.1" ] && fail "VFs stay after pf_numvfs=0"
echo 2 > $P/pf_numvfs
rmmod xenvf_back || fail "rmmod xenvf_back"
[ "$(cat "$nvme/sriov_numvfs")" = 0 ] || fail "VFs stay after unload"
[ -e "$nvme/driver" ] && fail "PF still bound after unload"
grep -q "xenvf-pf" /proc/interrupts && fail "PF vectors still requested after unload"
[ -z "$(ls "$nvme/msi_irqs" 2>/dev/null)" ] || fail "PF MSI-X vectors not freed at unload"
step "xenvf-sriov-cap ok"
