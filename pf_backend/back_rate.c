// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-VF event rate limit (msix/'s token bucket): an event channel
 * notification beyond the rate is not served at once but after the
 * bucket's delay, with its late EOI, so one guest's storm costs dom0 at
 * most evt_rate wakeups per second of its own, on top of Xen's lateeoi
 * throttling. Throttled events are counted (representor: events_throttled).
 */
#include <linux/ktime.h>
#include <linux/moduleparam.h>

#include "xenvf_back.h"

static unsigned int evt_rate = 20000;
module_param(evt_rate, uint, 0444);
MODULE_PARM_DESC(evt_rate, "events per second served at once per VF (default 20000)");

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
 * Return: 0 to serve it now, else the delay in jiffies (at least 1).
 */
unsigned long xenvf_back_rate_delay(struct xenvf_back_vf *vf)
{
	unsigned long flags, delay = 0;

	spin_lock_irqsave(&vf->rate_lock, flags);
	if (!xenvf_rate_allow(&vf->evt_rate, ktime_get_ns()))
		delay = max(nsecs_to_jiffies(xenvf_rate_delay_ns(&vf->evt_rate)), 1UL);
	spin_unlock_irqrestore(&vf->rate_lock, flags);
	return delay;
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
