// SPDX-License-Identifier: GPL-2.0-only
/*
 * A VF's TX credit shaper (the admin's `rate` key for a paravirtual VF;
 * arithmetic in back_credit_calc.c, see back_credit.h). One credit per
 * VF, shared by all its queues, as a hardware VF's limit is the VF's.
 *
 * A queue whose next packet finds too little credit stops taking TX
 * requests: the packet and those behind it stay in the guest's ring (not
 * dropped, not answered), and the queue's credit_wake, a delayed work that
 * schedules the queue's NAPI poll as the rx_tick and throttle ones do
 * (back_queue.c), polls again when the credit covers it. The poll takes
 * credit_lock in softirq, the admin's change in process context with
 * bottom halves off. RX goes on
 * meanwhile. A queue has one such wake-up, so however often it is polled
 * while it waits (events, frames to deliver) at most one is pending, and
 * no poll spins on it; the wait is counted once per packet (representor:
 * tx_rate_limited). A limit changed at run time
 * starts with a full bucket and wakes the waiting queues at once.
 */
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>

#include "back_credit.h"
#include "back_data.h"
#include "rate_spec.h"

/**
 * xenvf_back_credit_set() - the VF's limit (at probe, and on a change)
 * @vf: the VF; credit_lock initialised at probe
 * @r: the admin's rate; for a hardware VF the NIC applies it instead
 *
 * Queues waiting for credit are polled again at once.
 */
void xenvf_back_credit_set(struct xenvf_back_vf *vf,
			   const struct xenvf_rate_spec *r)
{
	u64 bytes = vf->cfg.hw_vf < 0 ? xenvf_rate_spec_credit(r) : 0;
	unsigned int i;

	spin_lock_bh(&vf->credit_lock);	/* the poll takes it in softirq */
	xenvf_credit_set(&vf->credit, bytes,
			 (u64)r->interval_us * NSEC_PER_USEC, TICK_NSEC,
			 ktime_get_ns());
	WRITE_ONCE(vf->credit_on, bytes != 0);
	spin_unlock_bh(&vf->credit_lock);
	/* as a deliverer: disconnect waits for this section, then cancels */
	rcu_read_lock();
	/* pairs with the release in data_connect: the queues are set up */
	if (smp_load_acquire(&vf->data_up))
		for (i = 0; i < vf->nr_queues; i++)
			mod_delayed_work(system_wq,
					 &vf->queues[i].credit_wake, 0);
	rcu_read_unlock();
}

/**
 * xenvf_back_credit_wait() - must the queue's next packet wait?
 * @q: the queue (its NAPI poll, softirq)
 * @len: the packet's length
 * @now: the poll's time (ns)
 *
 * Return: false if it goes now (charged), true if it waits: the queue's
 * credit_wake is then due when the credit covers it.
 */
bool xenvf_back_credit_wait(struct xenvf_back_queue *q, u32 len, u64 now)
{
	struct xenvf_back_vf *vf = q->vf;
	u64 wait;

	if (!READ_ONCE(vf->credit_on)) {
		q->tx_credit_wait = false;
		return false;
	}
	spin_lock(&vf->credit_lock);
	wait = xenvf_credit_take(&vf->credit, len, now);
	spin_unlock(&vf->credit_lock);
	if (!wait) {
		q->tx_credit_wait = false;
		return false;
	}
	if (!q->tx_credit_wait) {	/* this packet's first wait */
		q->tx_credit_wait = true;
		qstat_inc(q, &q->stats.tx_rate_limited);
	}
	/* pending already (this packet's earlier wait): kept */
	schedule_delayed_work(&q->credit_wake,
			      max_t(unsigned long,
				    DIV_ROUND_UP_ULL(wait, TICK_NSEC), 1));
	return true;
}
