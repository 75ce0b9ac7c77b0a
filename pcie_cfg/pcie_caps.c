// SPDX-License-Identifier: GPL-2.0-only
/*
 * Capability walking and the SR-IOV capability parser, on a config-space
 * snapshot (see xenvf_pcie.h). Every pointer is checked to lie inside the
 * snapshot and after the header; a chain longer than the space could hold
 * is a loop.
 */
#include "xenvf_pcie.h"

/* Most standard capabilities that fit in 192 bytes (as PCI_FIND_CAP_TTL). */
#define STD_CAP_TTL	48
/* Most extended capabilities that fit in 3840 bytes, 8 bytes each. */
#define EXT_CAP_TTL	((XENVF_CFG_EXT_SIZE - XENVF_CFG_STD_SIZE) / 8)

static u32 rd(const struct xenvf_cfg_image *img, u32 off, u8 size)
{
	u32 v = 0;
	u8 i;

	for (i = 0; i < size; i++)
		v |= (u32)img->b[off + i] << (8 * i);
	return v;
}

static bool fits(const struct xenvf_cfg_image *img, u32 off, u32 size)
{
	return off <= img->len && size <= img->len - off;
}

/**
 * xenvf_pci_find_cap() - find a standard capability
 * @img: the config space snapshot (at least 256 bytes)
 * @id: PCI_CAP_ID_*
 * @off: its offset when found
 *
 * Return: 0, -ENOENT if absent, -EINVAL for a pointer into the header or
 * beyond 256 bytes, -ELOOP for a chain that does not end.
 */
int xenvf_pci_find_cap(const struct xenvf_cfg_image *img, u8 id, u16 *off)
{
	unsigned int ttl = STD_CAP_TTL;
	u8 pos;

	if (img->len < XENVF_CFG_STD_SIZE)
		return -EINVAL;
	if (!(rd(img, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return -ENOENT;
	pos = rd(img, PCI_CAPABILITY_LIST, 1) & ~3;
	while (pos) {
		if (pos < PCI_STD_HEADER_SIZEOF || pos > XENVF_CFG_STD_SIZE - 2)
			return -EINVAL;
		if (!ttl--)
			return -ELOOP;
		if (rd(img, pos + PCI_CAP_LIST_ID, 1) == id) {
			*off = pos;
			return 0;
		}
		if (rd(img, pos + PCI_CAP_LIST_ID, 1) == 0xff)
			return -ENOENT;	/* no device there */
		pos = rd(img, pos + PCI_CAP_LIST_NEXT, 1) & ~3;
	}
	return -ENOENT;
}

/**
 * xenvf_pci_find_ext_cap() - find a PCIe extended capability
 * @img: the config space snapshot (4096 bytes for PCIe)
 * @id: PCI_EXT_CAP_ID_*
 * @off: its offset when found
 *
 * Return: 0, -ENOENT if absent (or no extended space), -EINVAL for a next
 * pointer below 0x100 or beyond the space, -ELOOP for an endless chain.
 */
int xenvf_pci_find_ext_cap(const struct xenvf_cfg_image *img, u16 id,
			   u16 *off)
{
	unsigned int ttl = EXT_CAP_TTL;
	u32 pos = XENVF_CFG_STD_SIZE, hdr;

	if (img->len < XENVF_CFG_EXT_SIZE)
		return -ENOENT;
	hdr = rd(img, pos, 4);
	if (!hdr || hdr == 0xffffffff)
		return -ENOENT;
	for (;;) {
		if (PCI_EXT_CAP_ID(hdr) == id) {
			*off = pos;
			return 0;
		}
		pos = PCI_EXT_CAP_NEXT(hdr);
		if (!pos)
			return -ENOENT;
		if (pos < XENVF_CFG_STD_SIZE || !fits(img, pos, 4))
			return -EINVAL;
		if (!--ttl)
			return -ELOOP;
		hdr = rd(img, pos, 4);
	}
}

/**
 * xenvf_sriov_parse() - read and check a PF's SR-IOV capability
 * @img: the PF's config space snapshot
 * @sr: the capability's fields
 *
 * Return: 0, -ENOENT if the function has none, -EINVAL if the capability
 * is truncated or inconsistent (InitialVFs or NumVFs above TotalVFs, no
 * First VF Offset, or no stride with more than one VF), or the walk's
 * error.
 */
int xenvf_sriov_parse(const struct xenvf_cfg_image *img,
		      struct xenvf_sriov *sr)
{
	u16 pos;
	int err, i;

	err = xenvf_pci_find_ext_cap(img, PCI_EXT_CAP_ID_SRIOV, &pos);
	if (err)
		return err;
	if (!fits(img, pos, PCI_EXT_CAP_SRIOV_SIZEOF))
		return -EINVAL;
	sr->pos = pos;
	sr->cap = rd(img, pos + PCI_SRIOV_CAP, 4);
	sr->ctrl = rd(img, pos + PCI_SRIOV_CTRL, 2);
	sr->initial_vfs = rd(img, pos + PCI_SRIOV_INITIAL_VF, 2);
	sr->total_vfs = rd(img, pos + PCI_SRIOV_TOTAL_VF, 2);
	sr->num_vfs = rd(img, pos + PCI_SRIOV_NUM_VF, 2);
	sr->func_link = rd(img, pos + PCI_SRIOV_FUNC_LINK, 1);
	sr->first_vf_offset = rd(img, pos + PCI_SRIOV_VF_OFFSET, 2);
	sr->vf_stride = rd(img, pos + PCI_SRIOV_VF_STRIDE, 2);
	sr->vf_device = rd(img, pos + PCI_SRIOV_VF_DID, 2);
	sr->pgsize_supported = rd(img, pos + PCI_SRIOV_SUP_PGSIZE, 4);
	sr->pgsize_system = rd(img, pos + PCI_SRIOV_SYS_PGSIZE, 4);
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		sr->bar[i] = rd(img, pos + PCI_SRIOV_BAR + 4 * i, 4);
	sr->ari_hierarchy = sr->ctrl & PCI_SRIOV_CTRL_ARI;
	if (!sr->total_vfs || sr->initial_vfs > sr->total_vfs ||
	    sr->num_vfs > sr->total_vfs)
		return -EINVAL;
	if (!sr->first_vf_offset || (sr->total_vfs > 1 && !sr->vf_stride))
		return -EINVAL;
	if (!(sr->pgsize_supported & 1))	/* 4 KiB must be supported */
		return -EINVAL;
	return 0;
}

/**
 * xenvf_sriov_vf_rid() - routing ID (bus << 8 | devfn) of a VF
 * @sr: the parsed capability (offset and stride for @nr_vfs VFs)
 * @pf_rid: the PF's routing ID
 * @vf: the VF's index, 0-based
 * @nr_vfs: how many VFs are (to be) enabled
 * @rid: the VF's routing ID
 *
 * Return: 0, -EINVAL if @vf is not below @nr_vfs, -ERANGE if the ID
 * would not fit in 16 bits.
 */
int xenvf_sriov_vf_rid(const struct xenvf_sriov *sr, u16 pf_rid, u16 vf,
		       u16 nr_vfs, u16 *rid)
{
	u32 r;

	if (vf >= nr_vfs || nr_vfs > sr->total_vfs)
		return -EINVAL;
	r = (u32)pf_rid + sr->first_vf_offset + (u32)vf * sr->vf_stride;
	if (r > 0xffff)
		return -ERANGE;
	*rid = r;
	return 0;
}

/**
 * xenvf_sriov_check_num_vfs() - may the PF enable @want VFs?
 * @sr: the parsed capability
 * @want: the count asked for (0 disables)
 *
 * Return: 0, or -ERANGE above TotalVFs, -EBUSY if VFs are enabled
 * already (they must be disabled first, as sriov_numvfs requires).
 */
int xenvf_sriov_check_num_vfs(const struct xenvf_sriov *sr, u16 want)
{
	if (want > sr->total_vfs)
		return -ERANGE;
	if (want && (sr->ctrl & PCI_SRIOV_CTRL_VFE))
		return -EBUSY;
	return 0;
}
