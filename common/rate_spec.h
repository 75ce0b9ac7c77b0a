/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A VF's TX limit as the admin writes it (the backend's `rate` key,
 * docs/protocol.md 1.1): xl's vif syntax RATE[@INTERVAL], or a plain
 * number meaning Mb/s (the key's first form). Parsed alike by the tool
 * (refused with one line before xenstore is written) and by xenvf-back
 * (which applies it); pure, so cmocka and KUnit test one parser.
 *
 *   RATE      digits, then B/s, KB/s, MB/s, GB/s (bytes) or b/s, Kb/s,
 *             Mb/s, Gb/s (bits); K, M, G are 10^3, 10^6, 10^9 as in xl
 *   INTERVAL  digits, then s, ms or us; default 50 ms
 *   N         N Mb/s every 50 ms
 *
 * 0 in any form is no limit. At most 100000 Mb/s; the interval 1 us..10 s;
 * a limit must give at least one byte of credit per interval.
 */
#ifndef XENVF_RATE_SPEC_H
#define XENVF_RATE_SPEC_H

#include "xenvf_compat.h"

#define XENVF_RATE_MAX_MBPS		100000U	/* 100G */
#define XENVF_RATE_MAX_BITS		(100000ULL * 1000000ULL)
#define XENVF_RATE_INTERVAL_DEF_US	50000U	/* xl's default */
#define XENVF_RATE_INTERVAL_MAX_US	10000000U	/* 10 s */
#define XENVF_RATE_SPEC_LEN		32	/* the longest value, with its NUL */

struct xenvf_rate_spec {
	u64 bits_per_sec;	/* 0: no limit */
	u32 interval_us;	/* credit is given each interval */
	bool plain;		/* the plain-number (Mb/s) form */
};

/*
 * Parse @s, the whole string. Return: 0, -EINVAL (not the syntax) or
 * -ERANGE (a number out of range, or under a byte per interval).
 */
int xenvf_rate_spec_parse(const char *s, struct xenvf_rate_spec *out);

/* Bytes of credit per interval; 0 for no limit. */
u64 xenvf_rate_spec_credit(const struct xenvf_rate_spec *r);

/* The limit in whole Mb/s, rounded up (hardware mode); 0 for none. */
u32 xenvf_rate_spec_mbps(const struct xenvf_rate_spec *r);

/* Whether xenvf_rate_spec_mbps() is the limit exactly (no interval given). */
bool xenvf_rate_spec_mbps_exact(const struct xenvf_rate_spec *r);

#endif /* XENVF_RATE_SPEC_H */
