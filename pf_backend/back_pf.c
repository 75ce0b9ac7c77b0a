// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SR-IOV PF the backend owns when no PF driver does (module parameters
 * pf=<domain:bus:dev.fn> and pf_numvfs=<n>): its config space is read into
 * a snapshot and parsed by pcie_cfg (a broken capability chain is refused,
 * not followed), NumVFs is checked against TotalVFs, and VFs are enabled
 * and disabled with the kernel's PCI SR-IOV API. Each VF's routing ID, as
 * computed from First VF Offset and VF Stride, must match the function the
 * PCI core created. The function is bound to the backend's PCI driver
 * xenvf-pf (back_pf_drv.c), which owns its MSI-X vectors; VFs are
 * disabled and vectors freed at unload. With another PF driver (ixgbe)
 * bound, that driver owns all this and `sriov_numvfs` is the way.
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

/* Set ("" clears) the one driver @pdev may bind to. */
static int pf_override(struct pci_dev *pdev, const char *drv)
{
#ifdef XENVF_HAVE_DEVICE_DRIVER_OVERRIDE	/* 6.12 in Debian, newer */
	return device_set_driver_override(&pdev->dev, drv);
#else
	return driver_set_override(&pdev->dev, &pdev->driver_override, drv,
				   strlen(drv));
#endif
}

/* Bind @pdev to xenvf-pf (back_pf_drv.c), which takes its vectors. */
static int pf_bind(struct pci_dev *pdev)
{
	int err;

	err = pf_override(pdev, xenvf_pf_driver.name);
	if (!err)
		err = device_driver_attach(&xenvf_pf_driver.driver, &pdev->dev);
	if (!err && pci_get_drvdata(pdev))
		return 0;
	pf_override(pdev, "");
	pci_err(pdev, "taking the PF failed: %d\n", err);
	return err ?: -EIO;
}

/* Unbind the PF: xenvf-pf's remove disables its VFs and frees vectors. */
static void pf_unbind(struct pci_dev *pdev)
{
	device_release_driver(&pdev->dev);
	pf_override(pdev, "");
}

/**
 * xenvf_back_pf_set() - name the PF the backend owns
 * @name: "domain:bus:dev.fn", or "" for none (the old one is released:
 *        its VFs disabled, its vectors freed)
 *
 * Return: 0, -ENODEV for no such function, -EINVAL for a malformed name
 * or a function without a valid SR-IOV capability, -EBUSY if another
 * driver is bound to it (the driver owns SR-IOV then), or the error of
 * taking it (no MSI-X vectors, ...).
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
		if (pdev->driver && pdev->driver != &xenvf_pf_driver) {
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
	if (pf_dev && pf_dev != pdev) {
		pf_unbind(pf_dev);
		pci_dev_put(pf_dev);
		pf_dev = NULL;
	}
	if (pdev && pf_dev != pdev) {
		err = pf_bind(pdev);
		if (!err) {
			pf_dev = pdev;
			pdev = NULL;	/* the reference is pf_dev's now */
		}
	}
	mutex_unlock(&pf_lock);
fail:
	pci_dev_put(pdev);
	return err == -ENOENT ? -EINVAL : err;
}

/**
 * xenvf_back_pf_enable_vfs() - set the VF count of a PF we own
 * @pdev: the PF (bound to xenvf-pf)
 * @n: the count, 0 disables
 *
 * The count is checked against the SR-IOV capability as pcie_cfg parses
 * it, and the VFs the PCI core creates must sit at the routing IDs it
 * computes. Used by the pf_numvfs parameter and by `sriov_numvfs`.
 *
 * Return: 0, -ERANGE above TotalVFs, or the PCI core's error; on error
 * no VF is left enabled by this call.
 */
int xenvf_back_pf_enable_vfs(struct pci_dev *pdev, int n)
{
	struct xenvf_sriov sr;
	int err;

	err = pf_parse(pdev, &sr);
	if (err)
		return err == -ENOENT ? -EINVAL : err;
	if (n < 0 || n > U16_MAX || n > sr.total_vfs) {
		pci_err(pdev, "%d VFs: TotalVFs is %u\n", n, sr.total_vfs);
		return -ERANGE;
	}
	pci_disable_sriov(pdev);
	if (!n)
		return 0;
	err = pci_enable_sriov(pdev, n);
	if (err) {
		pci_err(pdev, "enabling %d VFs failed: %d\n", n, err);
		return err;
	}
	err = pf_check_vfs(pdev, &sr, n);
	if (err) {
		pci_err(pdev, "VFs not where SR-IOV says: %d\n", err);
		pci_disable_sriov(pdev);
		return err;
	}
	pci_info(pdev, "%d VFs enabled\n", n);
	return 0;
}

/**
 * xenvf_back_pf_numvfs() - enable @n VFs of the owned PF (0 disables)
 * @n: the count
 *
 * Return: 0, -ENODEV without a PF, else as xenvf_back_pf_enable_vfs().
 */
int xenvf_back_pf_numvfs(unsigned int n)
{
	int err = -ENODEV;

	mutex_lock(&pf_lock);
	if (pf_dev) {
		device_lock(&pf_dev->dev);	/* as sriov_numvfs does */
		err = xenvf_back_pf_enable_vfs(pf_dev, min_t(unsigned int, n, INT_MAX));
		device_unlock(&pf_dev->dev);
	}
	mutex_unlock(&pf_lock);
	return err;
}

/**
 * xenvf_back_pf_init() - register the xenvf-pf PCI driver (binds nothing
 * by itself: only a function named by pf= gets its driver_override)
 *
 * Return: 0 or the PCI core's error.
 */
int xenvf_back_pf_init(void)
{
	return pci_register_driver(&xenvf_pf_driver);
}

/**
 * xenvf_back_pf_exit() - release the owned PF, unregister xenvf-pf
 */
void xenvf_back_pf_exit(void)
{
	xenvf_back_pf_set("");
	pci_unregister_driver(&xenvf_pf_driver);
}
