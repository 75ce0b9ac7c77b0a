/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kshim: the Internet checksum (RFC 1071) as the kernel's helpers compute
 * it on a little-endian host: 16-bit words in memory order, the result
 * stored as it is.
 */
#ifndef XENVF_KSHIM_CHECKSUM_H
#define XENVF_KSHIM_CHECKSUM_H
#include "../kshim.h"

static inline __wsum csum_partial(const void *buf, int len, __wsum sum)
{
	const u8 *p = buf;
	u64 s = sum;
	u16 w;

	for (; len > 1; len -= 2, p += 2) {
		memcpy(&w, p, 2);
		s += w;
	}
	if (len > 0)
		s += *p;
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (__wsum)s;
}

static inline __sum16 csum_fold(__wsum sum)
{
	u32 s = sum;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__sum16)~s;
}

/* @ihl: the header length in 32-bit words */
static inline __sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

#endif
