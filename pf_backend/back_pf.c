// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SR-IOV PF the backend owns when no PF driver does (module parameters
 * pf=<domain:bus:dev.fn> and pf_numvfs=<n>): its config space is read into
 * a snapshot and parsed by pcie_cfg (a broken capability chain is refused,
 * not followed), NumVFs is checked against TotalVFs, and VFs are enabled
 * and disabled with the kernel's PCI SR-IOV API. Each VF's routing ID, as
 * computed from First VF Offset and VF Stride, must match the function the
 * PCI core created; VFs the backend enabled are disabled at unload.
 * With a PF driver (ixgbe) bound, the driver owns this and `sriov_numvfs`
 * is the way.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pci.h>
#include <linux/slab.h>

#include "xenvf_back.h"
#include "xenvf_pcie.h"

static struct pci_dev *pf_dev;		/* held while named */
static DEFINE_MUTEX(pf_lock);

/* Snapshot @pdev's config space and parse its SR-IOV capability. */
static int pf_parse(struct pci_dev *pdev, struct xenvf_sriov *sr)
{
	struct xenvf_cfg_image img;
	u32 *buf, len = pci_is_pcie(pdev) ? XENVF_CFG_EXT_SIZE :
					    XENVF_CFG_STD_SIZE;
	u32 off;
	int err;

	buf = kzalloc(XENVF_CFG_EXT_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (off = 0; off < len; off += 4)
		if (pci_read_config_dword(pdev, off, &buf[off / 4]))
			break;
	img.b = (const u8 *)buf;
	img.len = off < len ? XENVF_CFG_STD_SIZE : len;
	err = xenvf_sriov_parse(&img, sr);
	kfree(buf);
	return err;
}

/* Enabled VFs must sit where the capability says. */
static int pf_check_vfs(struct pci_dev *pdev, const struct xenvf_sriov *sr,
			u16 n)
{
	u16 pf_rid = PCI_DEVID(pdev->bus->number, pdev->devfn), rid, i;
	struct pci_dev *vf;
	bool ours;
	int err;

	for (i = 0; i < n; i++) {
		err = xenvf_sriov_vf_rid(sr, pf_rid, i, n, &rid);
		if (err)
			return err;
		vf = pci_get_domain_bus_and_slot(pci_domain_nr(pdev->bus),
						 PCI_BUS_NUM(rid), rid & 0xff);
		ours = vf && vf->is_virtfn && pci_physfn(vf) == pdev;
		pci_dev_put(vf);
		if (!ours)
			return -EIO;
		pci_info(pdev, "VF %u at %02x:%02x.%d\n", i, PCI_BUS_NUM(rid),
			 PCI_SLOT(rid & 0xff), PCI_FUNC(rid & 0xff));
	}
	return 0;
}

/**
 * xenvf_back_pf_set() - name the PF the backend owns
 * @name: "domain:bus:dev.fn", or "" for none (its VFs are disabled first)
 *
 * Return: 0, -ENODEV for no such function, -EINVAL for a malformed name
 * or a function without a valid SR-IOV capability, -EBUSY if a driver is
 * bound to it (the driver owns SR-IOV then).
 */
int xenvf_back_pf_set(const char *name)
{
	unsigned int dom, bus, dev, fn;
	struct xenvf_sriov sr;
	struct pci_dev *pdev = NULL;
	int err = 0;

	if (*name) {
		if (sscanf(name, "%x:%x:%x.%x", &dom, &bus, &dev, &fn) != 4 ||
		    bus > 0xff || dev > 0x1f || fn > 7) {
			pr_err("pf %s: not domain:bus:dev.fn\n", name);
			return -EINVAL;
		}
		pdev = pci_get_domain_bus_and_slot(dom, bus, PCI_DEVFN(dev, fn));
		if (!pdev) {
			pr_err("pf %s: no such PCI function\n", name);
			return -ENODEV;
		}
		err = pf_parse(pdev, &sr);
		if (err) {
			pci_err(pdev, "no valid SR-IOV capability (%d)\n", err);
			goto fail;
		}
		if (pdev->driver) {
			pci_err(pdev, "driven by %s, which owns its SR-IOV\n",
				pdev->driver->name);
			err = -EBUSY;
			goto fail;
		}
		pci_info(pdev, "SR-IOV PF: TotalVFs %u, First VF Offset %u, VF Stride %u, VF device %04x\n",
			 sr.total_vfs, sr.first_vf_offset, sr.vf_stride,
			 sr.vf_device);
	}
	mutex_lock(&pf_lock);
	if (pf_dev) {
		pci_disable_sriov(pf_dev);
		pci_dev_put(pf_dev);
	}
	pf_dev = pdev;
	mutex_unlock(&pf_lock);
	return 0;
fail:
	pci_dev_put(pdev);
	return err == -ENOENT ? -EINVAL : err;
}

/**
 * xenvf_back_pf_numvfs() - enable @n VFs of the owned PF (0 disables)
 * @n: the count
 *
 * Return: 0, -ENODEV without a PF, -ERANGE above TotalVFs, or the PCI
 * core's error; on error nothing is left enabled by this call.
 */
int xenvf_back_pf_numvfs(unsigned int n)
{
	struct xenvf_sriov sr;
	int err;

	mutex_lock(&pf_lock);
	err = -ENODEV;
	if (!pf_dev)
		goto out;
	err = pf_parse(pf_dev, &sr);
	if (err)
		goto out;
	if (n > U16_MAX || xenvf_sriov_check_num_vfs(&sr, 0) ||
	    n > sr.total_vfs) {
		pci_err(pf_dev, "%u VFs: TotalVFs is %u\n", n, sr.total_vfs);
		err = -ERANGE;
		goto out;
	}
	pci_disable_sriov(pf_dev);
	err = 0;
	if (!n)
		goto out;
	err = pci_enable_sriov(pf_dev, n);
	if (!err) {
		err = pf_check_vfs(pf_dev, &sr, n);
		if (err) {
			pci_err(pf_dev, "VFs not where SR-IOV says: %d\n", err);
			pci_disable_sriov(pf_dev);
		}
	} else {
		pci_err(pf_dev, "enabling %u VFs failed: %d\n", n, err);
	}
	if (!err)
		pci_info(pf_dev, "%u VFs enabled\n", n);
out:
	mutex_unlock(&pf_lock);
	return err;
}

/**
 * xenvf_back_pf_exit() - disable the VFs we enabled, drop the PF
 */
void xenvf_back_pf_exit(void)
{
	xenvf_back_pf_set("");
}
