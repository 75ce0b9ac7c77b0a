// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data path of one VF queue: guest TX slots are copied once, parsed
 * (common/proto) and their bytes grant-copied into an skb, which the switch
 * forwards; frames switched to the VF are grant-copied into the pages its
 * RX requests posted. Grant copy only, never map. Each poll handles at most
 * a budget of slots per direction; every drop is counted by reason.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include "xenvf_back.h"

#define TX_BUDGET	64	/* packets per poll */
#define RX_BUDGET	64
#define COPY_OPS	(XENVF_MAX_SLOTS * 2)

/* Grant-copy @len bytes of a guest page into local memory at @dst. */
static unsigned int copy_from_guest(struct gnttab_copy *ops, domid_t dom,
				    grant_ref_t ref, u16 off, u8 *dst, u32 len)
{
	unsigned int n = 0;

	while (len) {
		u32 chunk = min_t(u32, len, XEN_PAGE_SIZE - xen_offset_in_page(dst));

		ops[n].source.u.ref = ref;
		ops[n].source.domid = dom;
		ops[n].source.offset = off;
		ops[n].dest.u.gmfn = virt_to_gfn(dst);
		ops[n].dest.domid = DOMID_SELF;
		ops[n].dest.offset = xen_offset_in_page(dst);
		ops[n].len = chunk;
		ops[n].flags = GNTCOPY_source_gref;
		n++;
		off += chunk;
		dst += chunk;
		len -= chunk;
	}
	return n;
}

/* Grant-copy @len bytes of local memory at @src into a guest page. */
static unsigned int copy_to_guest(struct gnttab_copy *ops, domid_t dom,
				  grant_ref_t ref, const u8 *src, u32 len)
{
	unsigned int n = 0;
	u16 off = 0;

	while (len) {
		u32 chunk = min_t(u32, len, XEN_PAGE_SIZE - xen_offset_in_page(src));

		ops[n].source.u.gmfn = virt_to_gfn(src);
		ops[n].source.domid = DOMID_SELF;
		ops[n].source.offset = xen_offset_in_page(src);
		ops[n].dest.u.ref = ref;
		ops[n].dest.domid = dom;
		ops[n].dest.offset = off;
		ops[n].len = chunk;
		ops[n].flags = GNTCOPY_dest_gref;
		n++;
		off += chunk;
		src += chunk;
		len -= chunk;
	}
	return n;
}

static bool copies_ok(struct gnttab_copy *ops, unsigned int n)
{
	unsigned int i;

	gnttab_batch_copy(ops, n);
	for (i = 0; i < n; i++)
		if (ops[i].status != GNTST_okay)
			return false;	/* CVE-2021-26932: check every element */
	return true;
}

static void tx_respond(struct xenvf_back_queue *q,
		       const struct xenvf_tx_request *slots, unsigned int n,
		       s16 status)
{
	struct xenvf_tx_response rsp;
	unsigned int i;

	for (i = 0; i < n; i++) {
		memset(&rsp, 0, sizeof(rsp));
		rsp.id = slots[i].id;
		rsp.status = i ? XENVF_TX_NULL : status;
		xenvf_ring_back_put_rsp(&q->tx, &rsp);
	}
}

/* Build the skb of a valid packet; NULL (counted) if a copy failed. */
static struct sk_buff *tx_build(struct xenvf_back_queue *q,
				const struct xenvf_tx_request *slots,
				const struct xenvf_pkt_info *info)
{
	struct gnttab_copy ops[COPY_OPS];
	domid_t dom = q->vf->dev->otherend_id;
	struct sk_buff *skb;
	unsigned int i, n;
	u8 *p;

	skb = alloc_skb(info->len + NET_IP_ALIGN, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);
	p = skb_put(skb, info->len);
	n = copy_from_guest(ops, dom, slots[0].gref, slots[0].offset, p,
			    info->first_len);
	p += info->first_len;
	for (i = 1; i < info->nr_slots; i++) {
		n += copy_from_guest(ops + n, dom, slots[i].gref, slots[i].offset,
				     p, slots[i].size);
		p += slots[i].size;
	}
	if (!copies_ok(ops, n)) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* Handle up to TX_BUDGET packets; -EPROTO if the guest broke the ring. */
static int tx_poll(struct xenvf_back_queue *q, bool *notify)
{
	struct xenvf_tx_request slots[XENVF_MAX_SLOTS];
	struct xenvf_back_vf *vf = q->vf;
	struct xenvf_pkt_info info;
	struct sk_buff *skb;
	unsigned int done = 0, have = 0;
	int avail, n;

	while (done < TX_BUDGET) {
		avail = xenvf_ring_back_final_check(&q->tx);
		if (avail < 0)
			return avail;
		while (have < XENVF_MAX_SLOTS && avail-- > 0)
			xenvf_ring_back_copy_req(&q->tx, &slots[have++]);
		if (!have)
			break;
		n = xenvf_tx_parse(slots, have, &info);
		if (n < 0)
			return n;
		if (!n)
			break;	/* rest of the packet not published yet */
		skb = info.drop ? NULL : tx_build(q, slots, &info);
		if (info.drop) {
			vf->stats.drops[info.drop]++;
			tx_respond(q, slots, n, XENVF_TX_ERROR);
		} else if (!skb) {
			vf->stats.tx_copy_errors++;
			tx_respond(q, slots, n, XENVF_TX_ERROR);
		} else {
			tx_respond(q, slots, n, XENVF_TX_OKAY);
			vf->stats.tx_packets++;
			vf->stats.tx_bytes += skb->len;
			xenvf_back_switch(vf, skb);
		}
		have -= n;
		memmove(slots, slots + n, have * sizeof(slots[0]));
		done++;
	}
	if (have) {
		/*
		 * A packet whose last slot is not published yet (only a buggy
		 * or hostile frontend pushes half a packet): give its slots
		 * back and ask to be told when the producer moves past them.
		 */
		q->tx.req_cons -= have;
		WRITE_ONCE(q->tx.sring->req_event, q->tx.req_cons + have + 1);
		virt_mb();	/* event index before re-reading the producer */
		if (READ_ONCE(q->tx.sring->req_prod) != q->tx.req_cons + have)
			schedule_work(&q->work);
	}
	if (done)
		*notify |= xenvf_ring_back_push(&q->tx);
	return done;
}

/* Deliver queued frames into posted RX pages. */
static int rx_poll(struct xenvf_back_queue *q, bool *notify)
{
	struct gnttab_copy ops[COPY_OPS];
	struct xenvf_rx_request reqs[XENVF_MAX_SLOTS];
	struct xenvf_rx_response rsp;
	struct xenvf_back_vf *vf = q->vf;
	domid_t dom = vf->dev->otherend_id;
	unsigned int done = 0, i, n, need;
	struct sk_buff *skb;
	bool ok;
	int avail;

	while (done < RX_BUDGET && (skb = skb_peek(&q->rx_queue))) {
		need = DIV_ROUND_UP(skb->len, XEN_PAGE_SIZE);
		avail = xenvf_ring_back_pending(&q->rx);
		if (avail < 0)
			return avail;
		if (avail < need)
			break;		/* the guest has not posted enough pages */
		skb_unlink(skb, &q->rx_queue);
		if (skb_linearize(skb)) {
			vf->stats.rx_dropped++;
			kfree_skb(skb);
			continue;
		}
		for (i = 0, n = 0; i < need; i++) {
			u32 len = min_t(u32, skb->len - i * XEN_PAGE_SIZE, XEN_PAGE_SIZE);

			xenvf_ring_back_copy_req(&q->rx, &reqs[i]);
			n += copy_to_guest(ops + n, dom, reqs[i].gref,
					   skb->data + i * XEN_PAGE_SIZE, len);
		}
		ok = copies_ok(ops, n);
		if (!ok)
			vf->stats.rx_copy_errors++;
		for (i = 0; i < need; i++) {
			memset(&rsp, 0, sizeof(rsp));
			rsp.id = reqs[i].id;
			rsp.status = ok ? min_t(u32, skb->len - i * XEN_PAGE_SIZE,
						XEN_PAGE_SIZE) : XENVF_TX_ERROR;
			if (i + 1 < need)
				rsp.flags = XENVF_RXF_MORE;
			xenvf_ring_back_put_rsp(&q->rx, &rsp);
		}
		vf->stats.rx_packets++;
		vf->stats.rx_bytes += skb->len;
		consume_skb(skb);
		done++;
	}
	if (done)
		*notify |= xenvf_ring_back_push(&q->rx);
	return done;
}

static void xenvf_back_data_work(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(work, struct xenvf_back_queue,
						  work);
	bool notify = false, eoi = atomic_xchg(&q->eoi_pending, 0);
	int tx, rx;

	if (q->tx.broken || q->rx.broken) {
		if (eoi)
			xen_irq_lateeoi(q->irq, XEN_EOI_FLAG_SPURIOUS);
		return;
	}
	tx = tx_poll(q, &notify);
	rx = rx_poll(q, &notify);
	if (notify)
		notify_remote_via_irq(q->irq);
	if (tx < 0 || rx < 0) {
		dev_err_ratelimited(&q->vf->dev->dev,
				    "domain %d broke the data ring protocol, disconnecting\n",
				    q->vf->dev->otherend_id);
		xenbus_dev_fatal(q->vf->dev, -EPROTO, "data ring violation");
		if (eoi)
			xen_irq_lateeoi(q->irq, 0);
		return;
	}
	if (tx == TX_BUDGET || rx == RX_BUDGET) {
		/* yield, then go on; the event stays unacknowledged till then */
		if (eoi)
			atomic_set(&q->eoi_pending, 1);
		schedule_work(&q->work);
		return;
	}
	/*
	 * Acknowledge only events this run answers; a run started by the
	 * switch (a frame to deliver) has none. An event that found no work
	 * is spurious, which makes Xen throttle a storming guest.
	 */
	if (eoi)
		xen_irq_lateeoi(q->irq, tx || rx ? 0 : XEN_EOI_FLAG_SPURIOUS);
}

static irqreturn_t xenvf_back_data_interrupt(int irq, void *dev_id)
{
	struct xenvf_back_queue *q = dev_id;

	atomic_set(&q->eoi_pending, 1);
	schedule_work(&q->work);
	return IRQ_HANDLED;
}

/**
 * xenvf_back_stats_read() - a snapshot of the VF's data path counters
 * @vf: the VF
 * @out: the counters
 */
void xenvf_back_stats_read(struct xenvf_back_vf *vf,
			   struct xenvf_back_stats *out)
{
	*out = vf->stats;
}

/**
 * xenvf_back_queue_deliver() - queue a frame for the VF's guest
 * @vf: the destination VF
 * @skb: the frame (consumed)
 */
void xenvf_back_queue_deliver(struct xenvf_back_vf *vf, struct sk_buff *skb)
{
	struct xenvf_back_queue *q = &vf->queue;

	if (!READ_ONCE(vf->data_up) ||
	    skb_queue_len(&q->rx_queue) >= XENVF_BACK_RX_QUEUE_MAX) {
		vf->stats.rx_queue_full++;
		kfree_skb(skb);
		return;
	}
	skb_queue_tail(&q->rx_queue, skb);
	schedule_work(&q->work);
}

static int map_data_ring(struct xenvf_back_vf *vf, const char *key,
			 void **sring, struct xenvf_ring *ring, u32 req_sz,
			 u32 rsp_sz)
{
	grant_ref_t ref;
	unsigned int v;
	int err;

	if (xenbus_scanf(XBT_NIL, vf->dev->otherend, key, "%u", &v) != 1 || !v) {
		xenbus_dev_fatal(vf->dev, -EINVAL, "reading %s/%s",
				 vf->dev->otherend, key);
		return -EINVAL;
	}
	ref = v;
	err = xenbus_map_ring_valloc(vf->dev, &ref, 1, sring);
	if (err)
		return err;
	return xenvf_ring_attach(ring, *sring, XEN_PAGE_SIZE, req_sz, rsp_sz);
}

/**
 * xenvf_back_data_connect() - map queue 0's rings and bind its channel
 * @vf: the VF, control rings already connected
 *
 * Return: 0 or an error after which nothing of the queue is left.
 */
int xenvf_back_data_connect(struct xenvf_back_vf *vf)
{
	struct xenvf_back_queue *q = &vf->queue;
	unsigned int evtchn;
	int err;

	q->vf = vf;
	skb_queue_head_init(&q->rx_queue);
	INIT_WORK(&q->work, xenvf_back_data_work);
	err = map_data_ring(vf, "queue-0/tx-ring-ref", &q->tx_sring, &q->tx,
			    sizeof(struct xenvf_tx_request),
			    sizeof(struct xenvf_tx_response));
	if (err)
		goto fail;
	err = map_data_ring(vf, "queue-0/rx-ring-ref", &q->rx_sring, &q->rx,
			    sizeof(struct xenvf_rx_request),
			    sizeof(struct xenvf_rx_response));
	if (err)
		goto fail;
	if (xenbus_scanf(XBT_NIL, vf->dev->otherend, "queue-0/event-channel",
			 "%u", &evtchn) != 1) {
		err = -EINVAL;
		xenbus_dev_fatal(vf->dev, err, "reading queue-0/event-channel");
		goto fail;
	}
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(vf->dev, evtchn,
							    xenvf_back_data_interrupt,
							    0, "xenvf-data", q);
	if (err < 0) {
		xenbus_dev_fatal(vf->dev, err, "binding event channel %u", evtchn);
		goto fail;
	}
	q->irq = err;
	WRITE_ONCE(vf->data_up, true);
	return 0;

fail:
	xenvf_back_data_disconnect(vf);
	return err;
}

/**
 * xenvf_back_data_disconnect() - stop the queue, unmap, drop queued frames
 * @vf: the VF; safe on a partial connect
 */
void xenvf_back_data_disconnect(struct xenvf_back_vf *vf)
{
	struct xenvf_back_queue *q = &vf->queue;

	WRITE_ONCE(vf->data_up, false);
	if (q->irq) {
		disable_irq(q->irq);
		cancel_work_sync(&q->work);
		if (atomic_xchg(&q->eoi_pending, 0))
			xen_irq_lateeoi(q->irq, 0);
		unbind_from_irqhandler(q->irq, q);
		q->irq = 0;
	}
	if (q->rx_sring) {
		xenbus_unmap_ring_vfree(vf->dev, q->rx_sring);
		q->rx_sring = NULL;
	}
	if (q->tx_sring) {
		xenbus_unmap_ring_vfree(vf->dev, q->tx_sring);
		q->tx_sring = NULL;
	}
	if (q->vf)
		skb_queue_purge(&q->rx_queue);
}
