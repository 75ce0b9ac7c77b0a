# Scenario: pcie_cfg's SR-IOV parser on a real emulated function. The rig
# machine is a q35 with an SR-IOV capable NVMe controller (QEMU's nvme with
# sriov_max_vfs) behind a PCIe root port; dom0 reads its 4 KiB config space
# and xenvf-pcicfg (pcie_cfg/pcie_caps.c built for userspace) must find
# what Linux's own PCI core found (sysfs sriov_* attributes).
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
xenvf-pcicfg "$nvme/config" "$rid" | tee /tmp/cap || fail "xenvf-pcicfg: no SR-IOV capability"
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
step "xenvf-sriov-cap ok"
