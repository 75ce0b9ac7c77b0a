// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-pcicfg: run pcie_cfg's parsers on a real function's config space
 * (a file such as /sys/bus/pci/devices/<bdf>/config) and print what they
 * found, for the rig to compare with the kernel's own sysfs view.
 *
 * Usage: xenvf-pcicfg CONFIG-FILE [PF-ROUTING-ID]
 * Output: key=value lines; exit 1 if the file cannot be read or the
 * function has no valid SR-IOV capability.
 */
#include <stdio.h>
#include <stdlib.h>

#include "xenvf_pcie.h"

int main(int argc, char **argv)
{
	static u8 buf[XENVF_CFG_EXT_SIZE];
	struct xenvf_cfg_image img = { buf, 0 };
	struct xenvf_sriov sr;
	unsigned long pf_rid = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
	u16 pos, rid;
	size_t n;
	FILE *f;
	int err;

	if (argc < 2) {
		fprintf(stderr, "usage: xenvf-pcicfg CONFIG-FILE [PF-ROUTING-ID]\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	img.len = n >= XENVF_CFG_EXT_SIZE ? XENVF_CFG_EXT_SIZE : XENVF_CFG_STD_SIZE;
	if (n < XENVF_CFG_STD_SIZE) {
		fprintf(stderr, "%s: only %zu bytes\n", argv[1], n);
		return 1;
	}
	printf("config_bytes=%zu\n", n);
	if (!xenvf_pci_find_cap(&img, PCI_CAP_ID_MSIX, &pos))
		printf("msix_pos=0x%x\n", pos);
	if (!xenvf_pci_find_cap(&img, PCI_CAP_ID_EXP, &pos))
		printf("pcie_pos=0x%x\n", pos);
	err = xenvf_sriov_parse(&img, &sr);
	if (err) {
		printf("sriov_error=%d\n", err);
		return 1;
	}
	printf("sriov_pos=0x%x\nsriov_totalvfs=%u\nsriov_initialvfs=%u\n"
	       "sriov_numvfs=%u\nsriov_offset=%u\nsriov_stride=%u\n"
	       "sriov_vf_device=%x\nsriov_pgsize_supported=0x%x\n",
	       sr.pos, sr.total_vfs, sr.initial_vfs, sr.num_vfs,
	       sr.first_vf_offset, sr.vf_stride, sr.vf_device,
	       sr.pgsize_supported);
	if (!xenvf_sriov_vf_rid(&sr, pf_rid, 0, sr.total_vfs, &rid))
		printf("vf0_rid=%02x:%02x.%x\n", rid >> 8, (rid >> 3) & 0x1f,
		       rid & 7);
	return 0;
}
