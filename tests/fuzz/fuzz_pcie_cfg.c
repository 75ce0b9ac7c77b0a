// fuzz-build: -Ipcie_cfg -Icommon
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for pcie_cfg/: the capability walks, the SR-IOV parser
 * and the virtualized VF config space, on a config space image a device
 * (or a guest's VF) could present. Input layout:
 *   [0]        bit 0: conventional (256 bytes) instead of PCIe (4096)
 *   [1..6]     BAR size of BAR0..5: 0 none, else 1 << (byte % 32)
 *   [8..135]   16 guest config accesses of 8 bytes: off (2), size (1),
 *              write (1, bit 0), value (4)
 *   [136..]    the image (zero-padded to its size)
 * Asserts the parsers' promises: offsets found lie inside the image and
 * after the header, a parsed SR-IOV capability is consistent, and a guest
 * write changes only bits a rule lets it, reaches the device only through
 * RW rules, and never touches the IDs, the capability chain or the
 * header type.
 */
#include <assert.h>
#include <stdlib.h>

#include "../../pcie_cfg/pcie_caps.c"
#include "../../pcie_cfg/vcfg.c"

#define HDR	8
#define NR_OPS	16
#define OP_LEN	8
#define IMG_AT	(HDR + NR_OPS * OP_LEN)

static u32 le(const u8 *p, unsigned int n)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (u32)p[i] << (8 * i);
	return v;
}

static void walks(const struct xenvf_cfg_image *img)
{
	struct xenvf_sriov sr;
	unsigned int id;
	u16 off, rid, vf;
	int err;

	for (id = 0; id <= PCI_CAP_ID_MAX + 1; id++) {
		off = 0;
		err = xenvf_pci_find_cap(img, id, &off);
		assert(err == 0 || err == -ENOENT || err == -EINVAL || err == -ELOOP);
		if (!err)
			assert(off >= PCI_STD_HEADER_SIZEOF && off + 2 <= XENVF_CFG_STD_SIZE &&
			       img->b[off] == id);
	}
	for (id = 0; id <= PCI_EXT_CAP_ID_MAX + 1; id++) {
		off = 0;
		err = xenvf_pci_find_ext_cap(img, id, &off);
		assert(err == 0 || err == -ENOENT || err == -EINVAL || err == -ELOOP);
		if (!err)
			assert(img->len == XENVF_CFG_EXT_SIZE && off >= XENVF_CFG_STD_SIZE &&
			       off + 4 <= img->len && !(off & 3) &&
			       PCI_EXT_CAP_ID(le(img->b + off, 4)) == id);
	}
	err = xenvf_sriov_parse(img, &sr);
	assert(err == 0 || err == -ENOENT || err == -EINVAL || err == -ELOOP);
	if (err)
		return;
	assert(sr.pos + PCI_EXT_CAP_SRIOV_SIZEOF <= img->len);
	assert(sr.total_vfs && sr.initial_vfs <= sr.total_vfs &&
	       sr.num_vfs <= sr.total_vfs && sr.first_vf_offset);
	if (sr.total_vfs < 0xffff)
		assert(xenvf_sriov_check_num_vfs(&sr, sr.total_vfs + 1) == -ERANGE);
	/* the first VFs and the last (whose ID may not fit in 16 bits) */
	for (id = 0; id <= 16; id++) {
		vf = id < 16 ? id : sr.total_vfs - 1;
		if (vf >= sr.total_vfs)
			continue;
		err = xenvf_sriov_vf_rid(&sr, le(img->b, 2), vf, sr.total_vfs, &rid);
		assert(err == 0 || err == -ERANGE);
		if (!err)
			assert(rid == le(img->b, 2) + sr.first_vf_offset + vf * sr.vf_stride);
	}
	assert(xenvf_sriov_vf_rid(&sr, 0, sr.total_vfs, sr.total_vfs, &rid) == -EINVAL);
}

/* The rule covering byte @off, or NULL (read-only). */
static const struct xenvf_vcfg_rule *rule_of(const struct xenvf_vcfg *v, u16 off)
{
	unsigned int i;

	for (i = 0; i < v->nr_rules; i++)
		if (off >= v->rules[i].off && off < v->rules[i].off + v->rules[i].size)
			return &v->rules[i];
	return NULL;
}

/*
 * The bits of byte @off a guest may change in the shadow, or (@dev) pass
 * to the device.
 */
static u8 writable(const struct xenvf_vcfg *v, u16 off, bool dev)
{
	const struct xenvf_vcfg_rule *r = rule_of(v, off);
	u32 mask;

	if (!r || r->mode == XENVF_VCFG_RO || (dev && r->mode != XENVF_VCFG_RW))
		return 0;
	mask = r->mask;
	if (r->mode == XENVF_VCFG_BAR)	/* checked by bar_ok() */
		mask = dev ? 0 : 0xffffffff;
	return mask >> (8 * (off - r->off));
}

/*
 * A BAR after a guest's write of @val at @off, @size: a dword write at
 * its offset sets the address bits the size allows and keeps the type
 * bits (an unimplemented BAR stays 0); any other write changes nothing.
 */
static void bar_ok(const struct xenvf_vcfg_rule *r, const u8 *before,
		   const u8 *after, u16 off, u8 size, u32 val)
{
	u32 was = le(before + r->off, 4), now = le(after + r->off, 4);

	if (size != 4 || off != r->off)
		assert(now == was);
	else if (!r->mask)
		assert(now == 0);
	else
		assert(now == ((val & r->mask & PCI_BASE_ADDRESS_MEM_MASK) |
			       (was & ~PCI_BASE_ADDRESS_MEM_MASK)));
}

static void guest(const struct xenvf_cfg_image *img, const u8 *bars,
		  const u8 *ops)
{
	static struct xenvf_vcfg v;
	static u8 before[XENVF_CFG_EXT_SIZE];
	u32 sizes[6], val, dv, dm;
	unsigned int i, j;
	int err;

	for (i = 0; i < 6; i++)
		sizes[i] = bars[i] ? 1u << (bars[i] % 32) : 0;
	err = xenvf_vcfg_init(&v, img, sizes);
	if (err)
		return;
	assert(v.len == img->len && v.nr_rules <= XENVF_VCFG_MAX_RULES);
	for (i = 0; i < v.nr_rules; i++)
		assert(v.rules[i].off + v.rules[i].size <= v.len);
	for (i = 0; i < NR_OPS; i++) {
		const u8 *op = ops + i * OP_LEN;
		u16 off = le(op, 2);
		u8 size = op[2];
		bool ok = (size == 1 || size == 2 || size == 4) && !(off % size) &&
			  off + size <= v.len;

		val = le(op + 4, 4);
		if (!(op[3] & 1)) {
			err = xenvf_vcfg_read(&v, off, size, &val);
			assert(ok ? !err : err == -EINVAL);
			continue;
		}
		memcpy(before, v.shadow, v.len);
		err = xenvf_vcfg_write(&v, off, size, val, &dv, &dm);
		assert(ok ? !err : err == -EINVAL);
		assert(!(dv & ~dm));
		if (err) {
			assert(!dm && !memcmp(before, v.shadow, v.len));
			continue;
		}
		for (j = 0; j < v.nr_rules; j++)
			if (v.rules[j].mode == XENVF_VCFG_BAR)
				bar_ok(&v.rules[j], before, v.shadow, off, size, val);
		/* nothing outside the access changed */
		assert(!memcmp(before, v.shadow, off));
		assert(!memcmp(before + off + size, v.shadow + off + size,
			       v.len - off - size));
		for (j = off; j < off + size; j++) {
			u8 changed = before[j] ^ v.shadow[j];

			assert(!(changed & ~writable(&v, j, false)));
			/* only the bits of RW rules reach the device */
			assert(!((u8)(dm >> (8 * (j - off))) & ~writable(&v, j, true)));
		}
		/* IDs, header type and the capability pointer are the PF's */
		assert(!memcmp(before, v.shadow, 4));
		assert(before[PCI_HEADER_TYPE] == v.shadow[PCI_HEADER_TYPE]);
		assert(before[PCI_CAPABILITY_LIST] == v.shadow[PCI_CAPABILITY_LIST]);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 hdr[IMG_AT];
	struct xenvf_cfg_image img;
	size_t n;
	u8 *b;

	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, data, size < IMG_AT ? size : IMG_AT);
	img.len = hdr[0] & 1 ? XENVF_CFG_STD_SIZE : XENVF_CFG_EXT_SIZE;
	/* exactly the image's size, so ASan sees any read past it */
	b = calloc(1, img.len);
	assert(b);
	n = size > IMG_AT ? size - IMG_AT : 0;
	if (n)
		memcpy(b, data + IMG_AT, n < img.len ? n : img.len);
	img.b = b;
	walks(&img);
	guest(&img, hdr + 1, hdr + HDR);
	free(b);
	return 0;
}
