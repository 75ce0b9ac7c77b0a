/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pcie_cfg: PCI configuration space as the PF sees it. Everything here
 * works on a private snapshot of a function's config space (up to 4 KiB),
 * never on the live device, so the parsers are pure, testable on images
 * (KUnit), and safe against a function whose capability chain is broken:
 * loops, pointers out of range or into the header, truncated capabilities.
 */
#ifndef XENVF_PCIE_H
#define XENVF_PCIE_H

#include <linux/pci_regs.h>

#include "xenvf_compat.h"

#define XENVF_CFG_STD_SIZE	256	/* conventional PCI config space */
#define XENVF_CFG_EXT_SIZE	4096	/* PCIe extended config space */

/* A snapshot of one function's config space. */
struct xenvf_cfg_image {
	const u8 *b;
	u32 len;	/* 256 or 4096 */
};

int xenvf_pci_find_cap(const struct xenvf_cfg_image *img, u8 id, u16 *off);
int xenvf_pci_find_ext_cap(const struct xenvf_cfg_image *img, u16 id,
			   u16 *off);

/* The SR-IOV extended capability, as read (PCIe base spec 9.3.3). */
struct xenvf_sriov {
	u16 pos;		/* offset of the capability */
	u32 cap;		/* SR-IOV Capabilities */
	u16 ctrl;		/* SR-IOV Control */
	u16 initial_vfs, total_vfs, num_vfs;
	u8 func_link;
	u16 first_vf_offset, vf_stride;
	u16 vf_device;
	u32 pgsize_supported, pgsize_system;
	u32 bar[PCI_SRIOV_NUM_BARS];
	bool ari_hierarchy;	/* ARI Capable Hierarchy set */
};

int xenvf_sriov_parse(const struct xenvf_cfg_image *img,
		      struct xenvf_sriov *sr);
int xenvf_sriov_vf_rid(const struct xenvf_sriov *sr, u16 pf_rid, u16 vf,
		       u16 nr_vfs, u16 *rid);
int xenvf_sriov_check_num_vfs(const struct xenvf_sriov *sr, u16 want);

/*
 * The virtualized config space of a VF given to a guest: every register
 * has a rule. A guest reads the shadow; a write changes only the bits the
 * rule lets it, and the PF decides what reaches the device.
 */
enum xenvf_vcfg_mode {
	XENVF_VCFG_RO,		/* guest writes ignored */
	XENVF_VCFG_RW,		/* guest-writable bits (mask) reach the device */
	XENVF_VCFG_EMU,		/* guest-writable bits (mask) kept in the shadow only */
	XENVF_VCFG_BAR,		/* a BAR: sizing emulated, address kept in the shadow */
};

struct xenvf_vcfg_rule {
	u16 off;
	u8 size;		/* 1, 2 or 4 */
	u8 mode;		/* enum xenvf_vcfg_mode */
	u32 mask;		/* writable bits (RW, EMU) or size mask (BAR) */
};

#define XENVF_VCFG_MAX_RULES	32
/* The smallest memory BAR: its low 4 bits are type bits, not address. */
#define XENVF_VCFG_BAR_MIN	16

struct xenvf_vcfg {
	u8 shadow[XENVF_CFG_EXT_SIZE];
	u32 len;
	struct xenvf_vcfg_rule rules[XENVF_VCFG_MAX_RULES];
	unsigned int nr_rules;
};

int xenvf_vcfg_init(struct xenvf_vcfg *v, const struct xenvf_cfg_image *img,
		    const u32 *bar_sizes);
int xenvf_vcfg_read(const struct xenvf_vcfg *v, u16 off, u8 size, u32 *val);
int xenvf_vcfg_write(struct xenvf_vcfg *v, u16 off, u8 size, u32 val,
		     u32 *dev_val, u32 *dev_mask);

#endif /* XENVF_PCIE_H */
