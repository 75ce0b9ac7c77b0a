// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lifecycle of a VF's data queues. Each queue has a TX and an RX ring
 * (back_tx.c, back_rx.c), an event channel and a NAPI instance on the VF's
 * representor polling both rings (back_poll.c), as netback's queues each
 * have one on their vif; its counters are read here.
 *
 * Scheduling: the IRQ handler, the switch delivering a frame
 * (xenvf_back_queue_deliver()) and three delayed works only schedule the
 * NAPI poll: throttle (an event the VF's rate deferred), rx_tick (frames
 * wait for the guest's pages: age and stall checks) and credit_wake (TX
 * waits for the VF's credit, back_credit.c). A poll that used its share of
 * the budget stays scheduled (NAPI polls it again) while the VF's rate
 * allows, else it completes and throttle schedules it later; a recheck of
 * a half-published TX packet goes through the same rate. The poll runs in
 * softirq: nothing on its path sleeps. Queue counters are written only by
 * the queue's poll (u64_stats); counters the switch updates are atomic.
 *
 * Teardown: delivery runs under rcu_read_lock() and only while data_up;
 * disconnect clears data_up, waits a grace period (no deliverer left),
 * stops polling (napi_disable(), then the delayed works, whose
 * napi_schedule() is a no-op once NAPI is disabled) and only then unmaps,
 * purges and releases the queue's TX page_pool (see struct
 * xenvf_back_queue; page_pool frees it when the last skb built from it
 * is gone).
 */
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "back_data.h"
#include "back_pool.h"

static void xen_notify(struct xenvf_back_queue *q)
{
	notify_remote_via_irq(q->irq);
}

/*
 * gnttab_batch_copy() without its sleep: it retries an element Xen answers
 * GNTST_eagain (a guest frame paged out) with msleep(), which a NAPI poll
 * may not do. Here such an element stays failed, and the packet is
 * answered with an error and counted (tx/rx_copy_errors), as for a bad
 * grant. A refused batch fails every element.
 */
static void grant_copy_atomic(struct gnttab_copy *batch, unsigned int count)
{
	unsigned int i;

	if (HYPERVISOR_grant_table_op(GNTTABOP_copy, batch, count))
		for (i = 0; i < count; i++)
			batch[i].status = GNTST_general_error;
}

/* The Xen calls of the data path (a KUnit suite swaps in fakes). */
const struct xenvf_back_data_ops xenvf_back_xen_data_ops = {
	.grant_copy = grant_copy_atomic,
	.pool_copy = xenvf_pool_copy,
	.notify = xen_notify,
	.vf_copy = xenvf_vf_copy,
};

/*
 * The NAPI poll of a queue (softirq). The event's late EOI follows the
 * eoi_pending protocol: the IRQ handler sets it for an event with work;
 * the poll that answers that event acknowledges it, once; a poll that goes
 * on (a used-up share) leaves it pending for the poll that finishes.
 */
static int xenvf_back_napi_poll(struct napi_struct *napi, int budget)
{
	struct xenvf_back_queue *q = container_of(napi, struct xenvf_back_queue,
						  napi);
	unsigned int work = 0;
	unsigned long delay;
	bool eoi;

	if (!budget)
		return 0;	/* netpoll: no RX here, NAPI's own poll follows */
	eoi = atomic_xchg(&q->eoi_pending, 0);
	if (!READ_ONCE(q->up)) {
		if (eoi)	/* disconnect acknowledges it */
			atomic_set(&q->eoi_pending, 1);
		napi_complete_done(napi, 0);
		return 0;
	}
	/* broken or being disconnected (already reported): ignore the peer */
	if (q->tx.broken || q->rx.broken || test_bit(0, &q->vf->fatal)) {
		if (eoi)
			xen_irq_lateeoi(q->irq, XEN_EOI_FLAG_SPURIOUS);
		napi_complete_done(napi, 0);
		return 0;
	}
	switch (xenvf_back_poll(q, ktime_get_ns(), budget, &work)) {
	case XENVF_POLL_BROKEN:
		/* fatal_work disconnects, from process context */
		xenvf_back_fatal(q->vf, "the data ring protocol");
		if (eoi)
			xen_irq_lateeoi(q->irq, 0);
		break;
	case XENVF_POLL_MORE:
		/* go on (rate limited); the event stays unacknowledged */
		if (eoi)
			atomic_set(&q->eoi_pending, 1);
		delay = xenvf_back_rate_delay(q->vf);
		if (!delay)	/* NAPI polls again, in this softirq or ksoftirqd */
			return xenvf_napi_ret(budget, work, true);
		if (napi_complete_done(napi, xenvf_napi_ret(budget, work, false)))
			schedule_delayed_work(&q->throttle, delay);
		/* else rescheduled already (a missed kick): it runs anyway */
		return xenvf_napi_ret(budget, work, false);
	/*
	 * Acknowledge only events this run answers; a run started by the
	 * switch (a frame to deliver) has none. The IRQ handler found work
	 * for the event (or acknowledged it as spurious itself): a run that
	 * finds none now had it taken by an earlier run, which is no fault
	 * of the guest's.
	 */
	case XENVF_POLL_DONE:
	case XENVF_POLL_IDLE:
		if (eoi)
			xen_irq_lateeoi(q->irq, 0);
		break;
	}
	napi_complete_done(napi, xenvf_napi_ret(budget, work, false));
	return xenvf_napi_ret(budget, work, false);
}

/* Frames wait for the guest's pages: check their age and the stall. */
static void xenvf_back_data_tick(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(to_delayed_work(work),
						  struct xenvf_back_queue,
						  rx_tick);

	xenvf_back_queue_kick(q);
}

/* TX waited for the VF's credit (back_credit.c): it is there now. */
static void xenvf_back_data_credit(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(to_delayed_work(work),
						  struct xenvf_back_queue,
						  credit_wake);

	xenvf_back_queue_kick(q);
}

/* An event the VF's rate deferred, or a poll it held back: serve it now. */
static void xenvf_back_data_throttled(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(to_delayed_work(work),
						  struct xenvf_back_queue,
						  throttle);

	xenvf_back_queue_kick(q);
}

static irqreturn_t xenvf_back_data_interrupt(int irq, void *dev_id)
{
	struct xenvf_back_queue *q = dev_id;
	unsigned long delay;

	/*
	 * An event that brought nothing the backend asked to be told about
	 * is spurious (Xen throttles a storming guest): acknowledged here,
	 * no poll scheduled, not counted against the VF's event rate.
	 */
	if (!xenvf_back_queue_has_work(q)) {
		xen_irq_lateeoi(irq, XEN_EOI_FLAG_SPURIOUS);
		return IRQ_HANDLED;
	}
	delay = xenvf_back_rate_delay(q->vf);
	atomic_set(&q->eoi_pending, 1);
	if (delay)	/* beyond the VF's event rate: served (and EOIed) later */
		schedule_delayed_work(&q->throttle, delay);
	else
		napi_schedule(&q->napi);
	return IRQ_HANDLED;
}

/**
 * xenvf_back_queue_stats_read() - a consistent snapshot of one queue
 * @q: the queue
 * @out: its counters (the VF-wide atomic ones are left zero)
 */
void xenvf_back_queue_stats_read(struct xenvf_back_queue *q,
				 struct xenvf_back_stats *out)
{
	const struct xenvf_back_qstats *s = &q->stats;
	unsigned int start, i;

	memset(out, 0, sizeof(*out));
	do {
		start = u64_stats_fetch_begin(&s->syncp);
		out->tx_packets = u64_stats_read(&s->tx_packets);
		out->tx_bytes = u64_stats_read(&s->tx_bytes);
		out->rx_packets = u64_stats_read(&s->rx_packets);
		out->rx_bytes = u64_stats_read(&s->rx_bytes);
		out->rx_multicast = u64_stats_read(&s->rx_multicast);
		for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
			out->drops[i] = u64_stats_read(&s->drops[i]);
		out->tx_copy_errors = u64_stats_read(&s->tx_copy_errors);
		out->rx_copy_errors = u64_stats_read(&s->rx_copy_errors);
		out->tx_nomem = u64_stats_read(&s->tx_nomem);
		out->tx_gso = u64_stats_read(&s->tx_gso);
		out->tx_csum = u64_stats_read(&s->tx_csum);
		out->rx_gso = u64_stats_read(&s->rx_gso);
		out->rx_csum = u64_stats_read(&s->rx_csum);
		out->rx_segmented = u64_stats_read(&s->rx_segmented);
		out->rx_offload_errors = u64_stats_read(&s->rx_offload_errors);
		out->rx_too_big = u64_stats_read(&s->rx_too_big);
		out->rx_expired = u64_stats_read(&s->rx_expired);
		out->rx_stalls = u64_stats_read(&s->rx_stalls);
		out->tx_pool_packets = u64_stats_read(&s->tx_pool_packets);
		out->rx_pool_packets = u64_stats_read(&s->rx_pool_packets);
		out->tx_pool_miss = u64_stats_read(&s->tx_pool_miss);
		out->tx_granted = u64_stats_read(&s->tx_granted);
		out->rx_pool_miss = u64_stats_read(&s->rx_pool_miss);
		out->tx_grant_calls = u64_stats_read(&s->tx_grant_calls);
		out->rx_grant_calls = u64_stats_read(&s->rx_grant_calls);
		out->tx_vf_direct = u64_stats_read(&s->tx_vf_direct);
		out->tx_rate_limited = u64_stats_read(&s->tx_rate_limited);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

/**
 * xenvf_back_stats_read() - the VF's counters: every queue's summed, and
 * the VF-wide ones
 * @vf: the VF
 * @out: the sums
 */
void xenvf_back_stats_read(struct xenvf_back_vf *vf, struct xenvf_back_stats *out)
{
	struct xenvf_back_stats s;
	unsigned int q, i;

	memset(out, 0, sizeof(*out));
	for (q = 0; q < XENVF_MAX_QUEUES; q++) {
		if (!vf->queues[q].vf)
			continue;	/* never connected */
		xenvf_back_queue_stats_read(&vf->queues[q], &s);
		out->tx_packets += s.tx_packets;
		out->tx_bytes += s.tx_bytes;
		out->rx_packets += s.rx_packets;
		out->rx_bytes += s.rx_bytes;
		out->rx_multicast += s.rx_multicast;
		for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
			out->drops[i] += s.drops[i];
		out->tx_copy_errors += s.tx_copy_errors;
		out->rx_copy_errors += s.rx_copy_errors;
		out->tx_nomem += s.tx_nomem;
		out->tx_gso += s.tx_gso;
		out->tx_csum += s.tx_csum;
		out->rx_gso += s.rx_gso;
		out->rx_csum += s.rx_csum;
		out->rx_segmented += s.rx_segmented;
		out->rx_offload_errors += s.rx_offload_errors;
		out->rx_too_big += s.rx_too_big;
		out->rx_expired += s.rx_expired;
		out->rx_stalls += s.rx_stalls;
		out->tx_pool_packets += s.tx_pool_packets;
		out->rx_pool_packets += s.rx_pool_packets;
		out->tx_pool_miss += s.tx_pool_miss;
		out->tx_granted += s.tx_granted;
		out->rx_pool_miss += s.rx_pool_miss;
		out->tx_grant_calls += s.tx_grant_calls;
		out->rx_grant_calls += s.rx_grant_calls;
		out->tx_vf_direct += s.tx_vf_direct;
		out->tx_rate_limited += s.tx_rate_limited;
		out->rx_queue_bytes += READ_ONCE(vf->queues[q].rx_queue_bytes);
	}
	out->rx_queue_full = atomic64_read(&vf->stats.rx_queue_full);
	out->rx_dropped = atomic64_read(&vf->stats.rx_dropped);
	out->rx_vf_down = atomic64_read(&vf->stats.rx_vf_down);
	out->rx_stalled = atomic64_read(&vf->stats.rx_stalled);
	/* frames another VF's TX poll put straight into this VF's pool */
	out->rx_vf_direct = atomic64_read(&vf->stats.rx_direct);
	out->rx_packets += out->rx_vf_direct;
	out->rx_bytes += atomic64_read(&vf->stats.rx_direct_bytes);
	out->rx_gso += atomic64_read(&vf->stats.rx_direct_gso);
	out->rx_csum += atomic64_read(&vf->stats.rx_direct_csum);
}

/*
 * Read an unsigned frontend key within [min, max], the whole value
 * (xenvf_read_u32: no wrap past 2^32, nothing after the digits); @def if
 * absent and @def >= 0.
 */
static int fe_key(struct xenvf_back_vf *vf, const char *key, u32 min, u32 max,
		  int def, u32 *out)
{
	int err = xenvf_read_u32(vf->dev->otherend, key, min, max, out);

	if (err == -ENOENT && def >= 0) {
		*out = def;
		return 0;
	}
	if (err) {
		xenvf_back_report(vf, -EINVAL, "reading %s/%s",
				  vf->dev->otherend, key);
		return -EINVAL;
	}
	return 0;
}

static int queue_connect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q,
			 unsigned int id, struct xenvf_distinct *refs,
			 struct xenvf_distinct *evtchns)
{
	grant_ref_t tx_ref, rx_ref;
	char key[32];
	u32 evtchn;
	int err;

	if (!q->vf)
		u64_stats_init(&q->stats.syncp);
	q->vf = vf;
	q->id = id;
	q->ops = &xenvf_back_xen_data_ops;
	skb_queue_head_init(&q->rx_queue);
	__skb_queue_head_init(&q->rx_ready);
	spin_lock_init(&q->rx_lock);
	q->rx_queue_bytes = 0;
	q->rx_stalled = false;
	memset(&q->stall, 0, sizeof(q->stall));
	INIT_DELAYED_WORK(&q->throttle, xenvf_back_data_throttled);
	INIT_DELAYED_WORK(&q->rx_tick, xenvf_back_data_tick);
	INIT_DELAYED_WORK(&q->credit_wake, xenvf_back_data_credit);
	q->tx_credit_wait = false;
	atomic_set(&q->eoi_pending, 0);
	q->scratch = kvzalloc(sizeof(*q->scratch), GFP_KERNEL);
	if (!q->scratch || xenvf_back_tx_pages_create(q))
		return -ENOMEM;
	snprintf(key, sizeof(key), "queue-%u/tx-ring-ref", id);
	err = xenvf_back_ring_ref(vf, refs, key, &tx_ref);
	if (err)
		return err;
	snprintf(key, sizeof(key), "queue-%u/rx-ring-ref", id);
	err = xenvf_back_ring_ref(vf, refs, key, &rx_ref);
	if (err)
		return err;
	err = xenvf_back_map_ring(vf, tx_ref, &q->tx_sring, &q->tx,
				  sizeof(struct xenvf_tx_request),
				  sizeof(struct xenvf_tx_response));
	if (err)
		return err;
	err = xenvf_back_map_ring(vf, rx_ref, &q->rx_sring, &q->rx,
				  sizeof(struct xenvf_rx_request),
				  sizeof(struct xenvf_rx_response));
	if (err)
		return err;
	snprintf(key, sizeof(key), "queue-%u/event-channel", id);
	err = fe_key(vf, key, 1, U32_MAX, -1, &evtchn);
	if (err)
		return err;
	if (xenvf_distinct_add(evtchns, evtchn)) {
		xenvf_back_report(vf, -EINVAL,
				  "binding event channel %u (%s): already another ring's",
				  evtchn, key);
		return -EINVAL;
	}
	xenvf_back_pool_connect(vf, q);	/* or grant copy */
	/* one NAPI instance per queue on the representor, as netback's vif */
	netif_napi_add(vf->rep, &q->napi, xenvf_back_napi_poll);
	napi_enable(&q->napi);
	q->napi_on = true;
	WRITE_ONCE(q->up, true);	/* rings mapped: the poll may run */
	snprintf(q->irq_name, sizeof(q->irq_name), "xenvf%d-q%u",
		 vf->dev->otherend_id, id);
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(vf->dev, evtchn,
							    xenvf_back_data_interrupt,
							    0, q->irq_name, q);
	if (err < 0) {
		xenvf_back_report(vf, err, "binding event channel %u", evtchn);
		return err;
	}
	q->irq = err;
	err = xenvf_back_vec_bind(vf, XENVF_VEC_QUEUE, id, evtchn, q->irq);
	if (err)
		xenvf_back_report(vf, err, "no interrupt vector left for queue %u",
				  id);
	return err;
}

/**
 * xenvf_back_data_connect() - read the frontend's queue count and
 * features, map every queue's rings and bind their channels
 * @vf: the VF, control rings already connected
 * @refs: the grant references of this connect so far (every ring's must
 *	be new)
 * @evtchns: its event channels so far (likewise)
 *
 * Return: 0 or an error after which nothing of any queue is left.
 */
int xenvf_back_data_connect(struct xenvf_back_vf *vf,
			    struct xenvf_distinct *refs,
			    struct xenvf_distinct *evtchns)
{
	u32 nq, order, v;
	unsigned int i;
	int err;

	err = fe_key(vf, "multi-queue-num-queues", 1, vf->max_queues, -1, &nq);
	if (!err)
		err = fe_key(vf, "ring-page-order", 0, 0, -1, &order);
	if (err)
		return err;
	memset(&vf->fe, 0, sizeof(vf->fe));
	err = fe_key(vf, "feature-sg", 0, 1, 0, &v);
	vf->fe.sg = v;
	err = err ?: fe_key(vf, "feature-gso-tcpv4", 0, 1, 0, &v);
	vf->fe.gso_tcpv4 = v;
	err = err ?: fe_key(vf, "feature-gso-tcpv6", 0, 1, 0, &v);
	vf->fe.gso_tcpv6 = v;
	err = err ?: fe_key(vf, "feature-rx-csum", 0, 1, 0, &v);
	vf->fe.rx_csum = v;
	err = err ?: fe_key(vf, "feature-pool-map", 0, 1, 0, &v);
	vf->fe.pool_map = v;
	if (err)
		return err;

	vf->nr_queues = nq;
	atomic_set(&vf->rx_backlog_bytes, 0);
	for (i = 0; i < nq; i++) {
		err = queue_connect(vf, &vf->queues[i], i, refs, evtchns);
		if (err)
			goto fail;
	}
	mutex_lock(&vf->lock);
	vf->cfg.queues = nq;		/* GET_QUEUES and GET_RETA answer it */
	mutex_unlock(&vf->lock);
	/* nr_queues and the queues before data_up (acquire in deliver) */
	smp_store_release(&vf->data_up, true);
	return 0;

fail:
	xenvf_back_data_disconnect(vf);
	return err;
}

static void queue_disconnect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q)
{
	struct xenvf_back_stats s;
	unsigned int i;
	u64 bad = 0;

	/*
	 * No deliverer is left (data_disconnect). Stop polling: with up
	 * clear a poll neither polls the rings nor re-arms anything; once
	 * napi_disable() has waited for the running one, napi_schedule() is a
	 * no-op, so the delayed works (cancelled after it, since a last poll
	 * may have armed one) schedule nothing, and nothing runs on the
	 * rings: they can be unmapped.
	 */
	WRITE_ONCE(q->up, false);
	if (q->irq)
		disable_irq(q->irq);
	if (q->napi_on)
		napi_disable(&q->napi);
	cancel_delayed_work_sync(&q->throttle);
	cancel_delayed_work_sync(&q->rx_tick);
	cancel_delayed_work_sync(&q->credit_wake);
	if (q->napi_on) {
		netif_napi_del(&q->napi);
		q->napi_on = false;
	}
	if (q->irq) {
		if (atomic_xchg(&q->eoi_pending, 0))
			xen_irq_lateeoi(q->irq, 0);
		xenvf_back_vec_unbind(vf, XENVF_VEC_QUEUE, q->id, q->irq);
		unbind_from_irqhandler(q->irq, q);
		q->irq = 0;
		xenvf_back_queue_stats_read(q, &s);
		for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
			bad += s.drops[i];
		if (xenvf_back_log_ok(vf))
			dev_info(&vf->dev->dev,
				 "queue %u: tx %llu packets (%llu gso, %llu csum, %llu malformed, %llu failed), rx %llu packets (%llu gso, %llu csum, %llu segmented, %llu failed, %llu expired)\n",
				 q->id, s.tx_packets, s.tx_gso, s.tx_csum, bad,
				 s.tx_copy_errors + s.tx_nomem, s.rx_packets,
				 s.rx_gso, s.rx_csum, s.rx_segmented,
				 s.rx_copy_errors + s.rx_offload_errors +
				 s.rx_too_big, s.rx_expired);
	}
	/* polling has stopped: nothing uses the pools */
	xenvf_back_pool_disconnect(vf, q);
	if (q->rx_sring) {
		xenbus_unmap_ring_vfree(vf->dev, q->rx_sring);
		q->rx_sring = NULL;
	}
	if (q->tx_sring) {
		xenbus_unmap_ring_vfree(vf->dev, q->tx_sring);
		q->tx_sring = NULL;
	}
	/* nobody else touches the queues now: no frame is left behind */
	skb_queue_purge(&q->rx_queue);
	WRITE_ONCE(q->rx_queue_bytes, 0);
	__skb_queue_purge(&q->rx_ready);
	q->rx_stalled = false;
	memset(&q->stall, 0, sizeof(q->stall));
	kvfree(q->scratch);
	q->scratch = NULL;
	/*
	 * After the NAPI poll, its only allocator; skbs built from it may
	 * still wait elsewhere (the uplink's qdisc, another VF's backlog):
	 * page_pool frees the pool once their pages are back.
	 */
	xenvf_back_tx_pages_destroy(q);
}

/**
 * xenvf_back_data_disconnect() - stop every queue, unmap, drop queued frames
 * @vf: the VF; safe on a partial connect
 *
 * Delivery is refused from here on, and every deliverer that saw the VF up
 * has finished (a grace period) before a queue is torn down.
 */
void xenvf_back_data_disconnect(struct xenvf_back_vf *vf)
{
	unsigned int i;

	WRITE_ONCE(vf->data_up, false);
	synchronize_rcu();	/* no xenvf_back_queue_deliver() left inside */
	for (i = 0; i < vf->nr_queues; i++)
		if (vf->queues[i].vf)
			queue_disconnect(vf, &vf->queues[i]);
	vf->nr_queues = 0;
	atomic_set(&vf->rx_backlog_bytes, 0);	/* every backlog purged */
	atomic_set(&vf->rx_stalled_queues, 0);
}
