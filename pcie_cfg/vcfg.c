// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtualized config space of a VF handed to a guest, in the spirit of
 * xen-pciback's config space handlers: the guest reads a shadow; each
 * register has a rule saying which bits it may write and whether they
 * reach the device. What the PF owns (BAR placement, the MSI-X table and
 * PBA location, IDs, the capability chain, SR-IOV control) is never
 * written by a guest. Registers without a rule are read-only.
 */
#include "xenvf_pcie.h"

static int add(struct xenvf_vcfg *v, u16 off, u8 size, u8 mode, u32 mask)
{
	struct xenvf_vcfg_rule *r;

	if (v->nr_rules == XENVF_VCFG_MAX_RULES || off + size > v->len)
		return -ENOSPC;
	r = &v->rules[v->nr_rules++];
	r->off = off;
	r->size = size;
	r->mode = mode;
	r->mask = mask;
	return 0;
}

static const struct xenvf_vcfg_rule *rule_at(const struct xenvf_vcfg *v,
					     u16 off)
{
	unsigned int i;

	for (i = 0; i < v->nr_rules; i++)
		if (off >= v->rules[i].off &&
		    off < v->rules[i].off + v->rules[i].size)
			return &v->rules[i];
	return NULL;
}

static u32 get(const u8 *b, u16 off, u8 size)
{
	u32 val = 0;
	u8 i;

	for (i = 0; i < size; i++)
		val |= (u32)b[off + i] << (8 * i);
	return val;
}

static void put(u8 *b, u16 off, u8 size, u32 val)
{
	u8 i;

	for (i = 0; i < size; i++)
		b[off + i] = val >> (8 * i);
}

/**
 * xenvf_vcfg_init() - the guest's view of a VF
 * @v: the view to fill
 * @img: the VF's config space snapshot (the shadow starts as a copy)
 * @bar_sizes: size of each of the 6 BARs (0: unimplemented), powers of 2
 *	of at least 16 bytes (VF BARs are memory BARs, PCIe base spec 9.3.3.14;
 *	below 16 the size mask would reach the BAR's type bits, letting a
 *	guest rewrite them)
 *
 * Return: 0, -EINVAL for a snapshot that is not a type 0 header or a BAR
 * size that is not a power of two of at least 16, or the capability walk's
 * error.
 */
int xenvf_vcfg_init(struct xenvf_vcfg *v, const struct xenvf_cfg_image *img,
		    const u32 *bar_sizes)
{
	u16 pos;
	int err, i;

	if (img->len != XENVF_CFG_STD_SIZE && img->len != XENVF_CFG_EXT_SIZE)
		return -EINVAL;
	if ((img->b[PCI_HEADER_TYPE] & 0x7f) != PCI_HEADER_TYPE_NORMAL)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	memcpy(v->shadow, img->b, img->len);
	v->len = img->len;
	/* memory decoding and bus mastering reach the device; no I/O, no INTx */
	err = add(v, PCI_COMMAND, 2, XENVF_VCFG_RW,
		  PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
		  PCI_COMMAND_PARITY | PCI_COMMAND_SERR);
	err = err ?: add(v, PCI_CACHE_LINE_SIZE, 1, XENVF_VCFG_EMU, 0xff);
	err = err ?: add(v, PCI_LATENCY_TIMER, 1, XENVF_VCFG_EMU, 0xff);
	err = err ?: add(v, PCI_INTERRUPT_LINE, 1, XENVF_VCFG_EMU, 0xff);
	for (i = 0; !err && i < 6; i++) {
		u32 sz = bar_sizes[i];

		if (sz && ((sz & (sz - 1)) || sz < XENVF_VCFG_BAR_MIN))
			return -EINVAL;
		err = add(v, PCI_BASE_ADDRESS_0 + 4 * i, 4, XENVF_VCFG_BAR,
			  sz ? ~(sz - 1) : 0);
		if (!sz)
			put(v->shadow, PCI_BASE_ADDRESS_0 + 4 * i, 4, 0);
	}
	if (err)
		return err;
	err = xenvf_pci_find_cap(img, PCI_CAP_ID_MSIX, &pos);
	if (!err) {
		/* enable and mask-all only: the table's place is the PF's */
		err = add(v, pos + PCI_MSIX_FLAGS, 2, XENVF_VCFG_RW,
			  PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	} else if (err == -ENOENT) {
		err = 0;
	}
	if (err)
		return err;
	err = xenvf_pci_find_cap(img, PCI_CAP_ID_EXP, &pos);
	if (!err)	/* error reporting enables: the guest's own business */
		err = add(v, pos + PCI_EXP_DEVCTL, 2, XENVF_VCFG_EMU,
			  PCI_EXP_DEVCTL_CERE | PCI_EXP_DEVCTL_NFERE |
			  PCI_EXP_DEVCTL_FERE | PCI_EXP_DEVCTL_URRE);
	else if (err == -ENOENT)
		err = 0;
	return err;
}

static int check_access(const struct xenvf_vcfg *v, u16 off, u8 size)
{
	if ((size != 1 && size != 2 && size != 4) || off % size ||
	    off + size > v->len)
		return -EINVAL;
	return 0;
}

/**
 * xenvf_vcfg_read() - a guest's config read
 * @v: the view
 * @off: offset (naturally aligned)
 * @size: 1, 2 or 4
 * @val: the value the guest sees
 *
 * Return: 0 or -EINVAL for a misaligned or out-of-range access.
 */
int xenvf_vcfg_read(const struct xenvf_vcfg *v, u16 off, u8 size, u32 *val)
{
	int err = check_access(v, off, size);

	if (!err)
		*val = get(v->shadow, off, size);
	return err;
}

/* A dword write to a BAR: sizing (all ones) or an address for the shadow. */
static void bar_write(struct xenvf_vcfg *v, const struct xenvf_vcfg_rule *r,
		      u32 val)
{
	u32 flags = get(v->shadow, r->off, 4) & ~PCI_BASE_ADDRESS_MEM_MASK;

	if (!r->mask) {
		put(v->shadow, r->off, 4, 0);	/* unimplemented BAR */
		return;
	}
	put(v->shadow, r->off, 4, (val & r->mask) | flags);
}

/**
 * xenvf_vcfg_write() - a guest's config write
 * @v: the view; its shadow takes the allowed bits
 * @off: offset (naturally aligned)
 * @size: 1, 2 or 4
 * @val: the value written
 * @dev_val: bits to write to the device (within @dev_mask)
 * @dev_mask: which bits of the access reach the device (0: none)
 *
 * Return: 0 or -EINVAL for a misaligned or out-of-range access.
 */
int xenvf_vcfg_write(struct xenvf_vcfg *v, u16 off, u8 size, u32 val,
		     u32 *dev_val, u32 *dev_mask)
{
	const struct xenvf_vcfg_rule *r;
	int err = check_access(v, off, size);
	u8 i, m, b, sh;

	*dev_val = 0;
	*dev_mask = 0;
	if (err)
		return err;
	for (i = 0; i < size; i++) {
		r = rule_at(v, off + i);
		if (!r || r->mode == XENVF_VCFG_RO)
			continue;
		if (r->mode == XENVF_VCFG_BAR) {
			if (size == 4 && off == r->off)
				bar_write(v, r, val);
			break;	/* partial BAR writes are ignored */
		}
		sh = 8 * (off + i - r->off);
		m = r->mask >> sh;
		b = val >> (8 * i);
		v->shadow[off + i] = (v->shadow[off + i] & ~m) | (b & m);
		if (r->mode == XENVF_VCFG_RW) {
			*dev_mask |= (u32)m << (8 * i);
			*dev_val |= (u32)(b & m) << (8 * i);
		}
	}
	return 0;
}
