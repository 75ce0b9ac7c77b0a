// SPDX-License-Identifier: GPL-2.0-only
/* The per-VF event rate limit's arithmetic: see back_rate.h. */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/time64.h>

#include "back_rate.h"

/**
 * xenvf_evt_charge() - charge one event; when is its turn?
 * @r: the VF's bucket (xenvf_rate_init()); last_ns may lie ahead of the
 *     clock by what was charged in advance
 * @now_ns: the time (monotonic; going back counts as no time passed)
 *
 * Return: 0 if a token was there, else the ns from @now_ns until the
 * token this event took accrues, at most XENVF_EVT_LEAD_MAX_NS (a flood
 * that runs further ahead stays in debt: each event waits the cap).
 */
u64 xenvf_evt_charge(struct xenvf_rate *r, u64 now_ns)
{
	u64 cap = (u64)r->burst * NSEC_PER_SEC, wait;

	if (now_ns > r->last_ns) {
		u64 dt = now_ns - r->last_ns;

		if (dt > cap / r->rate)
			r->tokens_ns = cap;
		else
			r->tokens_ns = min(cap, r->tokens_ns + dt * r->rate);
		r->last_ns = now_ns;
	}
	if (r->tokens_ns >= NSEC_PER_SEC) {
		r->tokens_ns -= NSEC_PER_SEC;
		return 0;
	}
	/* spend the refill up to this event's token now: its turn is then */
	wait = DIV_ROUND_UP_ULL(NSEC_PER_SEC - r->tokens_ns, r->rate);
	r->tokens_ns += wait * r->rate - NSEC_PER_SEC;	/* below one rate */
	r->last_ns += wait;	/* >= now_ns: a refill moved it there */
	/* the debt stays (a flood is not forgiven); the wait is capped */
	return min_t(u64, r->last_ns - now_ns, XENVF_EVT_LEAD_MAX_NS);
}

/**
 * xenvf_evt_admit() - serve an event now, or how many ticks later?
 * @r: the VF's bucket
 * @now_ns: the time
 * @tick_ns: the timer's granularity (TICK_NSEC)
 *
 * A wait under one tick is served at once (a timer could not wait less
 * than a tick, and the token is already spent); a longer one is deferred
 * by its whole ticks and counted in r->throttled.
 *
 * Return: 0 to serve now, else the ticks to wait.
 */
unsigned long xenvf_evt_admit(struct xenvf_rate *r, u64 now_ns, u64 tick_ns)
{
	u64 ticks = div64_u64(xenvf_evt_charge(r, now_ns), tick_ns);

	if (ticks)
		r->throttled++;
	return (unsigned long)ticks;
}
