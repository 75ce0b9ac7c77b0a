// SPDX-License-Identifier: GPL-2.0-only
/* The TX credit shaper's arithmetic: see back_credit.h. */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/time64.h>

#include "back_credit.h"

/**
 * xenvf_credit_set() - a new limit, with a full bucket
 * @c: the VF's credit
 * @bytes: credit per interval; 0 for no limit
 * @interval_ns: the interval (at least 1)
 * @tick_ns: the timer's granularity (TICK_NSEC)
 * @now_ns: the time
 */
void xenvf_credit_set(struct xenvf_credit *c, u64 bytes, u64 interval_ns,
		      u64 tick_ns, u64 now_ns)
{
	u64 per_tick;

	interval_ns = max_t(u64, interval_ns, 1);
	per_tick = max_t(u64, DIV64_U64_ROUND_UP(tick_ns, interval_ns), 1);
	c->bytes = bytes;
	c->interval_ns = interval_ns;
	/* bytes <= 1.25 * 10^11 and per_tick <= tick / 1 us: no overflow */
	c->burst = bytes * (per_tick + 1);
	c->remaining = c->burst;
	c->window_ns = now_ns;
}

/* The intervals started since window_ns: credit added, up to burst. */
static void credit_replenish(struct xenvf_credit *c, u64 now_ns)
{
	u64 k, room;

	if (now_ns < c->window_ns + c->interval_ns)
		return;		/* none yet (or the clock went back) */
	k = div64_u64(now_ns - c->window_ns, c->interval_ns);
	c->window_ns += k * c->interval_ns;
	room = c->burst - (u64)c->remaining;	/* burst >= remaining */
	if (k >= DIV64_U64_ROUND_UP(room, c->bytes))
		c->remaining = c->burst;
	else
		c->remaining += k * c->bytes;
}

/**
 * xenvf_credit_take() - may a packet of @len bytes go now?
 * @c: the VF's credit
 * @len: the packet's length
 * @now_ns: the time (monotonic; going back counts as no time passed)
 *
 * Return: 0 if it goes (its length charged), else the ns until the
 * interval whose credit covers it starts (at least 1, at most
 * XENVF_CREDIT_WAIT_MAX_NS: then it asks again).
 */
u64 xenvf_credit_take(struct xenvf_credit *c, u64 len, u64 now_ns)
{
	u64 need, k, at;

	if (!c->bytes)
		return 0;
	credit_replenish(c, now_ns);
	need = min(len, c->bytes);	/* a bigger one: a whole interval's */
	if (c->remaining >= (s64)need) {
		c->remaining -= len;
		return 0;
	}
	k = DIV64_U64_ROUND_UP(need - c->remaining, c->bytes);
	if (k > div64_u64(XENVF_CREDIT_WAIT_MAX_NS, c->interval_ns))
		return XENVF_CREDIT_WAIT_MAX_NS;
	at = c->window_ns + k * c->interval_ns;
	return at > now_ns ? at - now_ns : 1;
}
