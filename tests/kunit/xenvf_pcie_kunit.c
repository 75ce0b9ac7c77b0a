// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pcie_cfg/: capability walks and the SR-IOV parser on an
 * 82599-like PF image and on malformed chains, and the rules of the
 * virtualized VF config space.
 */
#include <kunit/test.h>
#include <linux/pci_ids.h>

#include "pcie_caps.c"
#include "vcfg.c"

static void w8(u8 *b, u16 off, u8 v) { b[off] = v; }
static void w16(u8 *b, u16 off, u16 v) { b[off] = v; b[off + 1] = v >> 8; }
static void w32(u8 *b, u16 off, u32 v) { w16(b, off, v); w16(b, off + 2, v >> 16); }

static u32 ext_hdr(u16 id, u8 ver, u16 next)
{
	return id | (u32)ver << 16 | (u32)next << 20;
}

/*
 * 82599 PF: PM 0x40 -> MSI 0x50 -> MSI-X 0x70 -> PCIe 0xa0;
 * AER 0x100 -> ARI 0x140 -> SR-IOV 0x160.
 */
static u8 *pf_82599(struct kunit *test)
{
	u8 *b = kunit_kzalloc(test, XENVF_CFG_EXT_SIZE, GFP_KERNEL);
	u16 s = 0x160;

	KUNIT_ASSERT_NOT_NULL(test, b);
	w16(b, PCI_VENDOR_ID, PCI_VENDOR_ID_INTEL);
	w16(b, PCI_DEVICE_ID, 0x10fb);
	w16(b, PCI_STATUS, PCI_STATUS_CAP_LIST);
	w8(b, PCI_HEADER_TYPE, PCI_HEADER_TYPE_NORMAL);
	w32(b, PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_MEM_TYPE_64);
	w8(b, PCI_CAPABILITY_LIST, 0x40);
	w8(b, 0x40, PCI_CAP_ID_PM);
	w8(b, 0x41, 0x50);
	w8(b, 0x50, PCI_CAP_ID_MSI);
	w8(b, 0x51, 0x70);
	w8(b, 0x70, PCI_CAP_ID_MSIX);
	w8(b, 0x71, 0xa0);
	w16(b, 0x72, 63);			/* 64 vectors */
	w32(b, 0x74, 0x0 | 4);			/* table in BAR4 at 0 */
	w32(b, 0x78, 0x2000 | 4);		/* PBA in BAR4 at 0x2000 */
	w8(b, 0xa0, PCI_CAP_ID_EXP);
	w8(b, 0xa1, 0);
	w32(b, 0x100, ext_hdr(PCI_EXT_CAP_ID_ERR, 2, 0x140));
	w32(b, 0x140, ext_hdr(PCI_EXT_CAP_ID_ARI, 1, s));
	w32(b, s, ext_hdr(PCI_EXT_CAP_ID_SRIOV, 1, 0));
	w16(b, s + PCI_SRIOV_CTRL, PCI_SRIOV_CTRL_ARI);
	w16(b, s + PCI_SRIOV_INITIAL_VF, 64);
	w16(b, s + PCI_SRIOV_TOTAL_VF, 64);
	w16(b, s + PCI_SRIOV_VF_OFFSET, 0x180);
	w16(b, s + PCI_SRIOV_VF_STRIDE, 2);
	w16(b, s + PCI_SRIOV_VF_DID, 0x10ed);
	w32(b, s + PCI_SRIOV_SUP_PGSIZE, 0x553);
	w32(b, s + PCI_SRIOV_SYS_PGSIZE, 1);
	w32(b, s + PCI_SRIOV_BAR, PCI_BASE_ADDRESS_MEM_TYPE_64);
	w32(b, s + PCI_SRIOV_BAR + 12, PCI_BASE_ADDRESS_MEM_TYPE_64);
	return b;
}

static void pcie_walks_82599(struct kunit *test)
{
	struct xenvf_cfg_image img = { pf_82599(test), XENVF_CFG_EXT_SIZE };
	u16 off = 0;

	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_MSIX, &off), 0);
	KUNIT_EXPECT_EQ(test, off, 0x70);
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_EXP, &off), 0);
	KUNIT_EXPECT_EQ(test, off, 0xa0);
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_VPD, &off), -ENOENT);
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_ext_cap(&img, PCI_EXT_CAP_ID_ARI, &off), 0);
	KUNIT_EXPECT_EQ(test, off, 0x140);
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_ext_cap(&img, PCI_EXT_CAP_ID_SRIOV, &off), 0);
	KUNIT_EXPECT_EQ(test, off, 0x160);
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_ext_cap(&img, PCI_EXT_CAP_ID_ACS, &off), -ENOENT);
	img.len = XENVF_CFG_STD_SIZE;	/* conventional PCI: no extended space */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_ext_cap(&img, PCI_EXT_CAP_ID_SRIOV, &off), -ENOENT);
}

static void pcie_sriov_82599(struct kunit *test)
{
	struct xenvf_cfg_image img = { pf_82599(test), XENVF_CFG_EXT_SIZE };
	struct xenvf_sriov sr;
	u16 rid = 0;

	KUNIT_ASSERT_EQ(test, xenvf_sriov_parse(&img, &sr), 0);
	KUNIT_EXPECT_EQ(test, sr.pos, 0x160);
	KUNIT_EXPECT_EQ(test, sr.total_vfs, 64);
	KUNIT_EXPECT_EQ(test, sr.initial_vfs, 64);
	KUNIT_EXPECT_EQ(test, sr.num_vfs, 0);
	KUNIT_EXPECT_EQ(test, sr.first_vf_offset, 0x180);
	KUNIT_EXPECT_EQ(test, sr.vf_stride, 2);
	KUNIT_EXPECT_EQ(test, sr.vf_device, 0x10ed);
	KUNIT_EXPECT_EQ(test, sr.pgsize_supported, 0x553);
	KUNIT_EXPECT_TRUE(test, sr.ari_hierarchy);
	KUNIT_EXPECT_EQ(test, sr.bar[0], PCI_BASE_ADDRESS_MEM_TYPE_64);
	/* PF at 03:00.0: VFs at 04:80.0 (0x0480), stride 2 */
	KUNIT_EXPECT_EQ(test, xenvf_sriov_vf_rid(&sr, 0x0300, 0, 64, &rid), 0);
	KUNIT_EXPECT_EQ(test, rid, 0x0480);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_vf_rid(&sr, 0x0300, 1, 64, &rid), 0);
	KUNIT_EXPECT_EQ(test, rid, 0x0482);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_vf_rid(&sr, 0x0300, 63, 64, &rid), 0);
	KUNIT_EXPECT_EQ(test, rid, 0x04fe);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_vf_rid(&sr, 0x0300, 8, 8, &rid), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_vf_rid(&sr, 0x0300, 0, 65, &rid), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_vf_rid(&sr, 0xff00, 63, 64, &rid), -ERANGE);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_check_num_vfs(&sr, 64), 0);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_check_num_vfs(&sr, 65), -ERANGE);
	sr.ctrl |= PCI_SRIOV_CTRL_VFE;
	KUNIT_EXPECT_EQ(test, xenvf_sriov_check_num_vfs(&sr, 8), -EBUSY);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_check_num_vfs(&sr, 0), 0);
}

static void pcie_malformed_chains(struct kunit *test)
{
	struct xenvf_cfg_image img = { pf_82599(test), XENVF_CFG_EXT_SIZE };
	u8 *b = (u8 *)img.b;
	struct xenvf_sriov sr;
	u16 off;

	w8(b, 0xa1, 0x40);		/* PCIe -> PM: a loop */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_VPD, &off), -ELOOP);
	w8(b, 0xa1, 0x10);		/* into the header */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_VPD, &off), -EINVAL);
	w8(b, 0xa1, 0x3f);		/* 0x3c after masking: the header */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_VPD, &off), -EINVAL);
	w8(b, 0xa1, 0xfd);		/* 0xfc: the last dword, an empty cap */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_VPD, &off), -ENOENT);
	w8(b, 0xa1, 0);
	w16(b, PCI_STATUS, 0);		/* no capability list at all */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_cap(&img, PCI_CAP_ID_MSIX, &off), -ENOENT);

	w32(b, 0x140, ext_hdr(PCI_EXT_CAP_ID_ARI, 1, 0x100));	/* loop */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_ext_cap(&img, PCI_EXT_CAP_ID_SRIOV, &off), -ELOOP);
	w32(b, 0x140, ext_hdr(PCI_EXT_CAP_ID_ARI, 1, 0x80));	/* below 0x100 */
	KUNIT_EXPECT_EQ(test, xenvf_pci_find_ext_cap(&img, PCI_EXT_CAP_ID_SRIOV, &off), -EINVAL);
	/* SR-IOV capability truncated by the end of config space */
	w32(b, 0x140, ext_hdr(PCI_EXT_CAP_ID_ARI, 1, 0xfd0));
	w32(b, 0xfd0, ext_hdr(PCI_EXT_CAP_ID_SRIOV, 1, 0));
	KUNIT_EXPECT_EQ(test, xenvf_sriov_parse(&img, &sr), -EINVAL);
	w32(b, 0x140, ext_hdr(PCI_EXT_CAP_ID_ARI, 1, 0x160));
	KUNIT_ASSERT_EQ(test, xenvf_sriov_parse(&img, &sr), 0);
	w16(b, 0x160 + PCI_SRIOV_INITIAL_VF, 65);		/* > TotalVFs */
	KUNIT_EXPECT_EQ(test, xenvf_sriov_parse(&img, &sr), -EINVAL);
	w16(b, 0x160 + PCI_SRIOV_INITIAL_VF, 64);
	w16(b, 0x160 + PCI_SRIOV_VF_STRIDE, 0);		/* 64 VFs, no stride */
	KUNIT_EXPECT_EQ(test, xenvf_sriov_parse(&img, &sr), -EINVAL);
	w16(b, 0x160 + PCI_SRIOV_VF_STRIDE, 2);
	w16(b, 0x160 + PCI_SRIOV_VF_OFFSET, 0);
	KUNIT_EXPECT_EQ(test, xenvf_sriov_parse(&img, &sr), -EINVAL);
	w32(b, 0x100, 0xffffffff);		/* no device */
	KUNIT_EXPECT_EQ(test, xenvf_sriov_parse(&img, &sr), -ENOENT);
}

/* A VF's view: 82599 VF with a 16 KiB BAR0 and BAR3, MSI-X in BAR3. */
static struct xenvf_vcfg *vf_view(struct kunit *test)
{
	static const u32 bars[6] = { 0x4000, 0, 0, 0x4000, 0, 0 };
	struct xenvf_cfg_image img = { pf_82599(test), XENVF_CFG_EXT_SIZE };
	struct xenvf_vcfg *v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_ASSERT_EQ(test, xenvf_vcfg_init(v, &img, bars), 0);
	return v;
}

static void vcfg_guest_writes(struct kunit *test)
{
	struct xenvf_vcfg *v = vf_view(test);
	u32 val, dv, dm;

	/* command: memory/master/parity/SERR reach the device, I/O does not */
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_write(v, PCI_COMMAND, 2, 0xffff, &dv, &dm), 0);
	KUNIT_EXPECT_EQ(test, dm, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
			PCI_COMMAND_PARITY | PCI_COMMAND_SERR);
	KUNIT_EXPECT_EQ(test, dv, dm);
	xenvf_vcfg_read(v, PCI_COMMAND, 2, &val);
	KUNIT_EXPECT_EQ(test, val, dm);
	/* IDs are read-only */
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_write(v, PCI_VENDOR_ID, 4, 0, &dv, &dm), 0);
	KUNIT_EXPECT_EQ(test, dm, 0);
	xenvf_vcfg_read(v, PCI_VENDOR_ID, 2, &val);
	KUNIT_EXPECT_EQ(test, val, PCI_VENDOR_ID_INTEL);
	/* cache line size: emulated, never the device */
	xenvf_vcfg_write(v, PCI_CACHE_LINE_SIZE, 1, 0x10, &dv, &dm);
	KUNIT_EXPECT_EQ(test, dm, 0);
	xenvf_vcfg_read(v, PCI_CACHE_LINE_SIZE, 1, &val);
	KUNIT_EXPECT_EQ(test, val, 0x10);
}

static void vcfg_bars_sized_not_moved(struct kunit *test)
{
	struct xenvf_vcfg *v = vf_view(test);
	u32 val, dv, dm;

	xenvf_vcfg_write(v, PCI_BASE_ADDRESS_0, 4, 0xffffffff, &dv, &dm);
	KUNIT_EXPECT_EQ(test, dm, 0);
	xenvf_vcfg_read(v, PCI_BASE_ADDRESS_0, 4, &val);
	KUNIT_EXPECT_EQ(test, val, 0xffffc000 | PCI_BASE_ADDRESS_MEM_TYPE_64);
	xenvf_vcfg_write(v, PCI_BASE_ADDRESS_0, 4, 0xfebf0123, &dv, &dm);
	KUNIT_EXPECT_EQ(test, dm, 0);
	xenvf_vcfg_read(v, PCI_BASE_ADDRESS_0, 4, &val);
	KUNIT_EXPECT_EQ(test, val, 0xfebf0000 | PCI_BASE_ADDRESS_MEM_TYPE_64);
	/* an unimplemented BAR stays zero, sizing or not */
	xenvf_vcfg_write(v, PCI_BASE_ADDRESS_1, 4, 0xffffffff, &dv, &dm);
	xenvf_vcfg_read(v, PCI_BASE_ADDRESS_1, 4, &val);
	KUNIT_EXPECT_EQ(test, val, 0);
	/* a partial BAR write changes nothing */
	xenvf_vcfg_write(v, PCI_BASE_ADDRESS_0 + 2, 2, 0x1234, &dv, &dm);
	xenvf_vcfg_read(v, PCI_BASE_ADDRESS_0, 4, &val);
	KUNIT_EXPECT_EQ(test, val, 0xfebf0000 | PCI_BASE_ADDRESS_MEM_TYPE_64);
}

/*
 * BAR sizes below 16 bytes are refused: their size mask would cover the
 * type bits (found by tests/fuzz/fuzz_pcie_cfg.c: a 1-byte BAR let a
 * guest's 0xffffffff turn BAR1 into a 64-bit prefetchable I/O BAR).
 */
static void vcfg_bar_sizes_checked(struct kunit *test)
{
	struct xenvf_cfg_image img = { pf_82599(test), XENVF_CFG_EXT_SIZE };
	struct xenvf_vcfg *v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	u32 bars[6] = { 0x4000, 0, 0, 0x4000, 0, 0 };
	u32 val, dv, dm;

	KUNIT_ASSERT_NOT_NULL(test, v);
	bars[1] = 8;
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_init(v, &img, bars), -EINVAL);
	bars[1] = 1;
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_init(v, &img, bars), -EINVAL);
	bars[1] = 0x3000;			/* not a power of two */
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_init(v, &img, bars), -EINVAL);
	bars[1] = 16;				/* the smallest memory BAR */
	KUNIT_ASSERT_EQ(test, xenvf_vcfg_init(v, &img, bars), 0);
	xenvf_vcfg_write(v, PCI_BASE_ADDRESS_1, 4, 0xffffffff, &dv, &dm);
	xenvf_vcfg_read(v, PCI_BASE_ADDRESS_1, 4, &val);
	KUNIT_EXPECT_EQ(test, val, 0xfffffff0);	/* type bits kept: 0 */
}

static void vcfg_msix_location_is_the_pfs(struct kunit *test)
{
	struct xenvf_vcfg *v = vf_view(test);
	u32 val, dv, dm;

	xenvf_vcfg_write(v, 0x70 + PCI_MSIX_FLAGS, 2, 0xffff, &dv, &dm);
	KUNIT_EXPECT_EQ(test, dm, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	xenvf_vcfg_read(v, 0x70 + PCI_MSIX_FLAGS, 2, &val);
	KUNIT_EXPECT_EQ(test, val & PCI_MSIX_FLAGS_QSIZE, 63);	/* size kept */
	xenvf_vcfg_write(v, 0x70 + PCI_MSIX_TABLE, 4, 0x1000 | 0, &dv, &dm);
	KUNIT_EXPECT_EQ(test, dm, 0);
	xenvf_vcfg_read(v, 0x70 + PCI_MSIX_TABLE, 4, &val);
	KUNIT_EXPECT_EQ(test, val, 4);			/* still BAR4 at 0 */
	/* SR-IOV control of the PF is out of reach */
	xenvf_vcfg_write(v, 0x160 + PCI_SRIOV_CTRL, 2, PCI_SRIOV_CTRL_VFE, &dv, &dm);
	KUNIT_EXPECT_EQ(test, dm, 0);
	xenvf_vcfg_read(v, 0x160 + PCI_SRIOV_CTRL, 2, &val);
	KUNIT_EXPECT_EQ(test, val, PCI_SRIOV_CTRL_ARI);
	/* bad accesses */
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_read(v, 0x71, 2, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_read(v, 0x70, 3, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_read(v, 0xffe, 4, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vcfg_write(v, 4096, 1, 0, &dv, &dm), -EINVAL);
}

static struct kunit_case xenvf_pcie_cases[] = {
	KUNIT_CASE(pcie_walks_82599),
	KUNIT_CASE(pcie_sriov_82599),
	KUNIT_CASE(pcie_malformed_chains),
	KUNIT_CASE(vcfg_guest_writes),
	KUNIT_CASE(vcfg_bars_sized_not_moved),
	KUNIT_CASE(vcfg_bar_sizes_checked),
	KUNIT_CASE(vcfg_msix_location_is_the_pfs),
	{}
};

static struct kunit_suite xenvf_pcie_suite = {
	.name = "xenvf_pcie",
	.test_cases = xenvf_pcie_cases,
};

kunit_test_suite(xenvf_pcie_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf's PCIe config space code");
MODULE_LICENSE("GPL");
