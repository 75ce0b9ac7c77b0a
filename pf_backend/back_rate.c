// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-VF event rate limit (msix/'s token bucket, charged as back_rate.h
 * says): an event channel notification beyond the rate is not served at
 * once but after the bucket's delay, with its late EOI, so one guest's
 * storm costs dom0 at most evt_rate wakeups per second of its own (plus a
 * burst of evt_rate / 10, 8 to 256, and two ticks' worth), on top of
 * Xen's lateeoi throttling. A VF within its rate is never delayed, and
 * one beyond it by the time it is ahead, in whole ticks: a deficit under
 * a tick is served at once (its token spent in advance), not rounded up
 * to a jiffy. Deferred events are counted (representor: events_throttled).
 *
 * Work a guest causes without an event goes through the same bucket: a
 * poll that used up its budget is continued only when the bucket allows
 * (the data path: at once if a token is left, else after its delay; the
 * control ring: never sooner than the next jiffy), so a guest that keeps
 * its rings full gets no more dom0 work than one that sends events.
 *
 * The RX timeouts of the queues (netback's rx_drain_timeout and
 * rx_stall_timeout) are set here too.
 */
#include <linux/ktime.h>
#include <linux/moduleparam.h>

#include "back_rate.h"
#include "xenvf_back.h"

static unsigned int evt_rate = 20000;
module_param(evt_rate, uint, 0444);
MODULE_PARM_DESC(evt_rate, "events per second served at once per VF (default 20000)");

static unsigned int rx_drain_timeout_ms = XENVF_RX_DRAIN_TIMEOUT_MS;
module_param(rx_drain_timeout_ms, uint, 0644);
MODULE_PARM_DESC(rx_drain_timeout_ms,
		 "frames older than this, waiting for a guest's RX pages, are dropped (ms, default 10000)");

static unsigned int rx_stall_timeout_ms = XENVF_RX_STALL_TIMEOUT_MS;
module_param(rx_stall_timeout_ms, uint, 0644);
MODULE_PARM_DESC(rx_stall_timeout_ms,
		 "a guest posting no RX pages this long is stalled: carrier off (ms, 0 never, default 60000)");

/* A tenth of a second's worth of events, 8 to 256, may come at once. */
static u32 evt_burst(void)
{
	return clamp(evt_rate / 10, 8U, 256U);
}

/**
 * xenvf_back_rate_init() - a full bucket for a VF that connects
 * @vf: the VF; rate_lock initialised at probe
 */
void xenvf_back_rate_init(struct xenvf_back_vf *vf)
{
	unsigned long flags;

	spin_lock_irqsave(&vf->rate_lock, flags);
	xenvf_rate_init(&vf->evt_rate, max(evt_rate, 1U), evt_burst(),
			ktime_get_ns());
	spin_unlock_irqrestore(&vf->rate_lock, flags);
}

/**
 * xenvf_back_rate_delay() - may an event be served now?
 * @vf: the VF (any context)
 *
 * The event is charged to the VF's bucket whatever the answer.
 *
 * Return: 0 to serve it now, else the delay in jiffies (at least 1).
 */
unsigned long xenvf_back_rate_delay(struct xenvf_back_vf *vf)
{
	unsigned long flags, delay;

	spin_lock_irqsave(&vf->rate_lock, flags);
	delay = xenvf_evt_admit(&vf->evt_rate, ktime_get_ns(), TICK_NSEC);
	spin_unlock_irqrestore(&vf->rate_lock, flags);
	return delay;
}

/**
 * xenvf_back_rate_resched() - the delay before a poll that used up its
 * budget goes on (no event asked for it)
 * @vf: the VF (any context)
 *
 * Return: the bucket's delay, at least one jiffy.
 */
unsigned long xenvf_back_rate_resched(struct xenvf_back_vf *vf)
{
	return max(xenvf_back_rate_delay(vf), 1UL);
}

/* Drain timeout of a frame queued for a guest, in ns (at least 1 ms). */
u64 xenvf_back_rx_drain_ns(void)
{
	return (u64)max(READ_ONCE(rx_drain_timeout_ms), 1U) * NSEC_PER_MSEC;
}

/* Stall timeout of a queue, in ns; 0: never. */
u64 xenvf_back_rx_stall_ns(void)
{
	return (u64)READ_ONCE(rx_stall_timeout_ms) * NSEC_PER_MSEC;
}

/**
 * xenvf_back_rate_throttled() - events deferred so far
 * @vf: the VF
 *
 * Return: the count.
 */
u64 xenvf_back_rate_throttled(struct xenvf_back_vf *vf)
{
	unsigned long flags;
	u64 n;

	spin_lock_irqsave(&vf->rate_lock, flags);
	n = vf->evt_rate.throttled;
	spin_unlock_irqrestore(&vf->rate_lock, flags);
	return n;
}
