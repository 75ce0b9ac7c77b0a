/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arithmetic of the per-VF event rate limit (back_rate.c), as pure
 * functions over msix/'s token bucket with the clock passed in, so KUnit
 * tests its decisions on a fake clock.
 *
 * Every event is charged one token. One that finds no token left is
 * charged in advance: the bucket's refill clock (last_ns) moves past the
 * time its token accrues, so the next events queue up behind it and each
 * one's turn is one 1/rate period later: the wait is proportional to how
 * far the VF is ahead of its rate, not a whole jiffy for a 50 us deficit.
 * A wait shorter than a timer tick is not waited at all (the event is
 * served at once, its token already spent): only a VF more than a tick
 * ahead of evt_rate is deferred, by whole ticks, so over any interval t a
 * VF is served at most burst + evt_rate * (t + 2 ticks) events.
 */
#ifndef XENVF_BACK_RATE_H
#define XENVF_BACK_RATE_H

#include <linux/time64.h>

#include "xenvf_msix.h"

/* The longest one event waits, however deep a flood's debt. */
#define XENVF_EVT_LEAD_MAX_NS	NSEC_PER_SEC

u64 xenvf_evt_charge(struct xenvf_rate *r, u64 now_ns);
unsigned long xenvf_evt_admit(struct xenvf_rate *r, u64 now_ns, u64 tick_ns);

#endif /* XENVF_BACK_RATE_H */
