// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's data queues: each has a TX and an RX ring with one
 * granted page per ring slot, an event channel and a NAPI context. This
 * file sets a queue up and tears it down, takes its event and runs its
 * NAPI poll: TX completions first (front_tx.c), then RX (front_rx.c).
 * TX and RX are described in their files; the event policy in
 * front_txev.c.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include "front_queue.h"
#include "front_release.h"
#include "xenvf_front.h"

unsigned int xenvf_front_max_queues;
module_param_named(max_queues, xenvf_front_max_queues, uint, 0644);
MODULE_PARM_DESC(max_queues,
		 "Data queues to ask for (0: one per online CPU; at most what the backend offers)");

static unsigned int xenvf_front_rx_pool_pages = XENVF_FRONT_RX_POOL;

/* rx_pool_pages outside 128..256 is refused (-EINVAL), at load or later */
static int rx_pool_pages_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;
	int err = kstrtouint(val, 0, &n);

	if (err)
		return err;
	if (n < XENVF_FRONT_RING_SLOTS || n > XENVF_FRONT_RX_POOL) {
		pr_err("xenvf-front: rx_pool_pages=%u: must be %u..%u\n", n,
		       XENVF_FRONT_RING_SLOTS, XENVF_FRONT_RX_POOL);
		return -EINVAL;
	}
	WRITE_ONCE(*(unsigned int *)kp->arg, n);
	return 0;
}

static const struct kernel_param_ops rx_pool_pages_ops = {
	.set = rx_pool_pages_set,
	.get = param_get_uint,
};

module_param_cb(rx_pool_pages, &rx_pool_pages_ops, &xenvf_front_rx_pool_pages,
		0644);
MODULE_PARM_DESC(rx_pool_pages,
		 "RX pool pages per queue, from the ring's 128 (no recycling: every RX payload copied) to 256 (default), at the next connect");

static irqreturn_t xenvf_front_data_interrupt(int irq, void *dev_id)
{
	struct xenvf_front_queue *q = dev_id;

	atomic64_inc(&q->events);
	atomic_set(&q->evt_seen, 1);
	napi_schedule(&q->napi);
	return IRQ_HANDLED;
}

/**
 * xenvf_front_queue_broken() - the backend broke the data ring protocol
 * @vf: the VF; every queue stops (its NAPI polls nothing more)
 * @why: for the log line (once per device)
 */
void xenvf_front_queue_broken(struct xenvf_front_vf *vf, const char *why)
{
	vf->broken = true;
	netdev_err_once(vf->netdev, "backend broke the data ring protocol: %s\n",
			why);
}

/**
 * xenvf_front_qstats_read() - a consistent snapshot of one direction
 * @s: the counters
 * @snap: out
 */
void xenvf_front_qstats_read(struct xenvf_front_qstats *s,
			     struct xenvf_front_qsnap *snap)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		snap->packets = u64_stats_read(&s->packets);
		snap->bytes = u64_stats_read(&s->bytes);
		snap->dropped = u64_stats_read(&s->dropped);
		snap->errors = u64_stats_read(&s->errors);
		snap->gso = u64_stats_read(&s->gso);
		snap->csum = u64_stats_read(&s->csum);
		snap->notify = u64_stats_read(&s->notify);
		snap->arms = u64_stats_read(&s->arms);
		snap->ev_tx = u64_stats_read(&s->ev_tx);
		snap->ev_rx = u64_stats_read(&s->ev_rx);
		snap->frag_grants = u64_stats_read(&s->frag_grants);
		snap->frag_copies = u64_stats_read(&s->frag_copies);
		snap->grant_fallbacks = u64_stats_read(&s->grant_fallbacks);
		snap->lent = u64_stats_read(&s->lent);
		snap->recycled = u64_stats_read(&s->recycled);
		snap->fallback = u64_stats_read(&s->fallback);
		snap->copied = u64_stats_read(&s->copied);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static int xenvf_front_poll(struct napi_struct *napi, int budget)
{
	struct xenvf_front_queue *q = container_of(napi, struct xenvf_front_queue,
						   napi);
	struct xenvf_front_vf *vf = q->vf;
	bool event = atomic_xchg(&q->evt_seen, 0);
	unsigned int reclaimed;
	int done;

	if (vf->broken) {
		napi_complete(napi);
		return 0;
	}
	/* TX: reclaimed here and by xmit; its event armed only when low */
	spin_lock_bh(&q->tx_lock);
	reclaimed = xenvf_front_tx_reclaim(vf, q, netdev_get_tx_queue(vf->netdev, q->id));
	spin_unlock_bh(&q->tx_lock);
	done = xenvf_front_rx_receive(vf, q, budget);
	if (event && (reclaimed || done)) {
		u64_stats_update_begin(&q->rx_stats.syncp);
		if (reclaimed)
			u64_stats_inc(&q->rx_stats.ev_tx);
		if (done)
			u64_stats_inc(&q->rx_stats.ev_rx);
		u64_stats_update_end(&q->rx_stats.syncp);
	}
	if (done < budget && napi_complete_done(napi, done)) {
		/* re-arm the RX event, then look again (final check) */
		if (xenvf_ring_front_final_check(&q->rx) > 0)
			napi_schedule(napi);
	}
	return done;
}

static int grant_pages(struct xenvf_front_vf *vf, struct page **pages,
		       grant_ref_t *grefs, unsigned int n, bool readonly)
{
	unsigned int i;
	int ref;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!pages[i])
			return -ENOMEM;
		ref = gnttab_grant_foreign_access(vf->dev->otherend_id,
						  xen_page_to_gfn(pages[i]), readonly);
		if (ref < 0)
			return ref;
		grefs[i] = ref;
	}
	return 0;
}

static int queue_setup(struct xenvf_front_vf *vf, struct xenvf_front_queue *q)
{
	unsigned int i;
	int err;

	q->rx_have = 0;
	err = xenbus_setup_ring(vf->dev, GFP_KERNEL, &q->tx_sring, 1, &q->tx_ref);
	if (err)
		return err;
	err = xenbus_setup_ring(vf->dev, GFP_KERNEL, &q->rx_sring, 1, &q->rx_ref);
	if (err)
		return err;
	xenvf_ring_shared_init(q->tx_sring);
	xenvf_ring_shared_init(q->rx_sring);
	xenvf_ring_attach(&q->tx, q->tx_sring, XEN_PAGE_SIZE,
			  sizeof(struct xenvf_tx_request), sizeof(struct xenvf_tx_response));
	xenvf_ring_attach(&q->rx, q->rx_sring, XEN_PAGE_SIZE,
			  sizeof(struct xenvf_rx_request), sizeof(struct xenvf_rx_response));
	if (q->tx.size > XENVF_FRONT_RING_SLOTS || q->rx.size > XENVF_FRONT_RING_SLOTS)
		return -EINVAL;
	/* the RX pool: the ring's pages posted, the rest spare (front_rxpool.c) */
	xenvf_front_rxpool_init(&q->rxpool,
				clamp_t(unsigned int,
					READ_ONCE(xenvf_front_rx_pool_pages),
					q->rx.size, XENVF_FRONT_RX_POOL),
				q->rx.size);
	err = grant_pages(vf, q->tx_pages, q->tx_grefs, q->tx.size, true);
	if (!err)
		err = grant_pages(vf, q->rx_pages, q->rx_grefs, q->rxpool.size,
				  false);
	if (err)
		return err;
	err = xenvf_front_pool_setup(vf, q);
	if (err)
		return err;
	/* one ref per slot for frags granted per packet; none: all copied */
	q->tx_gref_ok = !gnttab_alloc_grant_references(q->tx.size,
						       &q->tx_gref_head);
	q->tx_held = 0;
	for (i = 0; i < q->tx.size; i++)
		q->tx_free[i] = i;
	q->tx_nr_free = q->tx.size;
	bitmap_zero(q->tx_busy, XENVF_FRONT_RING_SLOTS);
	q->tx_armed_at = 0;
	for (i = 0; i < q->rx.size; i++)
		xenvf_front_rx_post(q, i);
	xenvf_ring_front_push(&q->rx);
	err = xenbus_alloc_evtchn(vf->dev, &q->evtchn);
	if (err)
		return err;
	snprintf(q->irq_name, sizeof(q->irq_name), "xenvf%s-q%u",
		 strrchr(vf->dev->nodename, '/') + 1, q->id);
	err = bind_evtchn_to_irqhandler(q->evtchn, xenvf_front_data_interrupt, 0,
					q->irq_name, q);
	if (err < 0) {
		xenbus_free_evtchn(vf->dev, q->evtchn);
		return err;
	}
	q->irq = err;
	napi_enable(&q->napi);
	spin_lock_bh(&q->tx_lock);
	xenvf_front_tx_bql_reset(q);	/* a fresh ring: nothing in flight */
	q->up = true;
	spin_unlock_bh(&q->tx_lock);
	return 0;
}

/**
 * xenvf_front_data_setup() - every queue's rings, buffer pages and
 * channel; RX pages posted (the caller publishes the keys)
 * @vf: the VF (its netdev and NAPI contexts exist, be read)
 *
 * Return: 0, or an error after which nothing is left granted or bound.
 */
int xenvf_front_data_setup(struct xenvf_front_vf *vf)
{
	unsigned int want = xenvf_front_max_queues ?: num_online_cpus();
	unsigned int i;
	int err;

	vf->nr_queues = clamp_t(unsigned int, min(want, vf->be.max_queues), 1,
				XENVF_MAX_QUEUES);
	for (i = 0; i < vf->nr_queues; i++) {
		err = queue_setup(vf, &vf->queues[i]);
		if (err)
			goto fail;
	}
	return 0;

fail:
	xenvf_front_data_teardown(vf);
	return err;
}

static void xen_end_access(grant_ref_t ref, struct page *page)
{
	gnttab_end_foreign_access(ref, page);
}

static void xen_free_page(struct page *page)
{
	put_page(page);		/* the pool's reference: a lent page lives on */
}

static void xen_teardown_ring(void **vaddr, grant_ref_t *ref)
{
	xenbus_teardown_ring(vaddr, 1, ref);
}

/* As netfront: the page is kept (a reference of its own) while granted. */
static void xen_end_frag(grant_ref_t ref, struct page *page)
{
	get_page(page);
	gnttab_end_foreign_access(ref, page);
}

static void xen_free_skb(struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
}

static void xen_free_refs(grant_ref_t head)
{
	gnttab_free_grant_references(head);
}

const struct xenvf_front_release_ops xenvf_front_xen_release_ops = {
	.end_access = xen_end_access,
	.put_page = xen_free_page,
	.teardown_ring = xen_teardown_ring,
	.end_frag = xen_end_frag,
	.free_skb = xen_free_skb,
	.free_refs = xen_free_refs,
};

/* Stop the queue, then give back its pages; what was in flight is counted. */
static void queue_teardown(struct xenvf_front_queue *q)
{
	struct xenvf_front_vf *vf = q->vf;
	struct xenvf_front_released r;
	bool was_up;

	spin_lock_bh(&q->tx_lock);
	was_up = q->up;
	q->up = false;
	spin_unlock_bh(&q->tx_lock);
	if (was_up)
		napi_disable(&q->napi);
	if (q->irq > 0) {
		unbind_from_irqhandler(q->irq, q);
		q->irq = 0;
	}
	xenvf_front_queue_release(q, &xenvf_front_xen_release_ops, &r);
	vf->stats.gap_tx_lost += r.tx_lost;
	vf->stats.gap_rx_lost += r.rx_lost;
	spin_lock_bh(&q->tx_lock);
	xenvf_front_tx_bql_reset(q);	/* the answers of what was in flight never come */
	spin_unlock_bh(&q->tx_lock);
}

/**
 * xenvf_front_data_teardown() - stop every queue and give every page back
 * @vf: the VF; the backend has unmapped (or is gone). Safe if never set up.
 */
void xenvf_front_data_teardown(struct xenvf_front_vf *vf)
{
	unsigned int i;

	for (i = 0; i < XENVF_MAX_QUEUES; i++)
		queue_teardown(&vf->queues[i]);
}

/**
 * xenvf_front_data_init() - once per device: NAPI contexts, counters and
 * invalid grant refs of every queue
 * @vf: the VF with its (unregistered) netdev
 */
void xenvf_front_data_init(struct xenvf_front_vf *vf)
{
	struct xenvf_front_queue *q;
	unsigned int i, j;

	for (i = 0; i < XENVF_MAX_QUEUES; i++) {
		q = &vf->queues[i];
		q->vf = vf;
		q->id = i;
		spin_lock_init(&q->tx_lock);
		u64_stats_init(&q->tx_stats.syncp);
		u64_stats_init(&q->rx_stats.syncp);
		q->tx_ref = INVALID_GRANT_REF;
		q->rx_ref = INVALID_GRANT_REF;
		q->pool_ref = INVALID_GRANT_REF;
		for (j = 0; j < XENVF_FRONT_RING_SLOTS; j++) {
			q->tx_frag_ref[j] = INVALID_GRANT_REF;
			q->tx_grefs[j] = INVALID_GRANT_REF;
		}
		for (j = 0; j < XENVF_FRONT_RX_POOL; j++)
			q->rx_grefs[j] = INVALID_GRANT_REF;
		netif_napi_add(vf->netdev, &q->napi, xenvf_front_poll);
	}
}

/**
 * xenvf_front_data_exit() - remove the NAPI contexts (before free_netdev)
 * @vf: the VF
 */
void xenvf_front_data_exit(struct xenvf_front_vf *vf)
{
	unsigned int i;

	for (i = 0; i < XENVF_MAX_QUEUES; i++)
		netif_napi_del(&vf->queues[i].napi);
}
