/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arithmetic of a VF's TX credit shaper (back_credit.c), pure, with
 * the clock passed in, so KUnit checks its decisions on a fake clock.
 *
 * The VF is given @bytes of credit at the start of every @interval (xl's
 * vif rate, RATE@INTERVAL, as netback's credit scheduler). A TX packet
 * goes when the credit left covers it; a packet larger than one interval's
 * credit goes once the VF has a whole interval's credit, and leaves the
 * VF in debt that the following intervals pay back first (so a 64 KiB GSO
 * packet passes a small limit and the average still holds). Credit left
 * unused accumulates to at most @burst: one interval's more than the
 * intervals a timer tick spans, so a wake-up a tick late loses nothing.
 * A packet that must wait is told when: the start of the interval whose
 * credit covers it.
 */
#ifndef XENVF_BACK_CREDIT_H
#define XENVF_BACK_CREDIT_H

#include <linux/types.h>

struct xenvf_credit {
	u64 bytes;		/* credit per interval; 0: no limit */
	u64 interval_ns;
	u64 burst;		/* the most credit held */
	s64 remaining;		/* credit left (< 0: debt of a big packet) */
	u64 window_ns;		/* start of the current interval */
};

/* The longest one wait is (a rate change is seen within it too). */
#define XENVF_CREDIT_WAIT_MAX_NS	NSEC_PER_SEC

void xenvf_credit_set(struct xenvf_credit *c, u64 bytes, u64 interval_ns,
		      u64 tick_ns, u64 now_ns);
u64 xenvf_credit_take(struct xenvf_credit *c, u64 len, u64 now_ns);

#endif /* XENVF_BACK_CREDIT_H */
