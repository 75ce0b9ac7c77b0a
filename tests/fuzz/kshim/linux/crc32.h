/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: crc32_le() (reflected CRC-32, polynomial 0xedb88320), by table */
#ifndef XENVF_KSHIM_CRC32_H
#define XENVF_KSHIM_CRC32_H
#include "../kshim.h"

static inline u32 crc32_le(u32 crc, const u8 *p, size_t len)
{
	static u32 table[256];
	static bool ready;
	u32 i, c;
	int k;

	if (!ready) {
		for (i = 0; i < 256; i++) {
			c = i;
			for (k = 0; k < 8; k++)
				c = (c >> 1) ^ (0xedb88320u & -(c & 1));
			table[i] = c;
		}
		ready = true;
	}
	while (len--)
		crc = (crc >> 8) ^ table[(crc ^ *p++) & 0xff];
	return crc;
}

#endif
