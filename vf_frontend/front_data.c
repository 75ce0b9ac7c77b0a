// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's data queue (queue 0): a TX and an RX ring with one
 * granted page per ring slot. TX copies each frame into the pages of free
 * slots (up to XENVF_MAX_SLOTS, 4 KiB each) and posts them; RX keeps every
 * page posted and copies arriving frames out. NAPI polls completions and
 * arrivals; every response is validated (common/proto) before use.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include "xenvf_front.h"

static irqreturn_t xenvf_front_data_interrupt(int irq, void *dev_id)
{
	struct xenvf_front_queue *q = dev_id;

	napi_schedule(&q->napi);
	return IRQ_HANDLED;
}

static void rx_post(struct xenvf_front_queue *q, u16 id)
{
	struct xenvf_rx_request req = { .id = id, .gref = q->rx_grefs[id] };

	xenvf_ring_front_put_req(&q->rx, &req);
}

static void queue_broken(struct xenvf_front_vf *vf, const char *why)
{
	vf->broken = true;
	netdev_err_once(vf->netdev, "backend broke the data ring protocol: %s\n",
			why);
}

/**
 * xenvf_front_xmit() - ndo_start_xmit: copy the frame into TX slots
 * @skb: the frame
 * @netdev: the device
 *
 * Return: NETDEV_TX_OK (the frame is sent or dropped and counted).
 */
netdev_tx_t xenvf_front_xmit(struct sk_buff *skb, struct net_device *netdev)
{
	struct xenvf_front_vf *vf = netdev_priv_vf(netdev);
	struct xenvf_front_queue *q = &vf->queue;
	struct xenvf_tx_request req;
	unsigned int need, i, off = 0;

	if (skb_put_padto(skb, ETH_ZLEN)) {
		vf->stats.tx_dropped++;
		return NETDEV_TX_OK;
	}
	need = DIV_ROUND_UP(skb->len, XEN_PAGE_SIZE);
	spin_lock_bh(&q->tx_lock);
	if (!q->up || vf->broken || need > XENVF_MAX_SLOTS ||
	    q->tx_nr_free < need) {
		spin_unlock_bh(&q->tx_lock);
		vf->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	for (i = 0; i < need; i++) {
		u16 id = q->tx_free[--q->tx_nr_free];
		u32 len = min_t(u32, skb->len - off, XEN_PAGE_SIZE);

		skb_copy_bits(skb, off, page_address(q->tx_pages[id]), len);
		memset(&req, 0, sizeof(req));
		req.gref = q->tx_grefs[id];
		req.id = id;
		req.size = i ? len : skb->len;
		req.flags = i + 1 < need ? XENVF_TXF_MORE : 0;
		xenvf_ring_front_put_req(&q->tx, &req);
		off += len;
	}
	if (xenvf_ring_front_push(&q->tx))
		notify_remote_via_irq(q->irq);
	if (q->tx_nr_free < XENVF_MAX_SLOTS)
		netif_stop_queue(netdev);
	spin_unlock_bh(&q->tx_lock);
	vf->stats.tx_packets++;
	vf->stats.tx_bytes += skb->len;
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

static void tx_complete(struct xenvf_front_vf *vf, struct xenvf_front_queue *q)
{
	struct xenvf_tx_response rsp;
	int n;

	spin_lock_bh(&q->tx_lock);
	n = xenvf_ring_front_pending(&q->tx);
	if (n < 0)
		queue_broken(vf, "TX responses overflow");
	while (n-- > 0) {
		xenvf_ring_front_copy_rsp(&q->tx, &rsp);
		if (rsp.id >= q->tx.size || q->tx_nr_free >= q->tx.size) {
			queue_broken(vf, "bad TX response id");
			break;
		}
		if (rsp.status != XENVF_TX_OKAY && rsp.status != XENVF_TX_NULL)
			vf->stats.tx_errors++;
		q->tx_free[q->tx_nr_free++] = rsp.id;
	}
	if (q->tx_nr_free >= XENVF_MAX_SLOTS && netif_queue_stopped(vf->netdev))
		netif_wake_queue(vf->netdev);
	spin_unlock_bh(&q->tx_lock);
}

static int rx_receive(struct xenvf_front_vf *vf, struct xenvf_front_queue *q,
		      int budget)
{
	struct xenvf_pkt_info info;
	struct sk_buff *skb;
	int done = 0, n, avail, i;
	bool repost = false;

	while (done < budget) {
		avail = xenvf_ring_front_pending(&q->rx);
		if (avail < 0) {
			queue_broken(vf, "RX responses overflow");
			break;
		}
		while (avail-- > 0 && q->rx_have < XENVF_MAX_SLOTS)
			xenvf_ring_front_copy_rsp(&q->rx, &q->rx_slots[q->rx_have++]);
		if (!q->rx_have)
			break;
		n = xenvf_rx_parse(q->rx_slots, q->rx_have, &info);
		if (n < 0) {
			queue_broken(vf, "RX packet over the slot limit");
			break;
		}
		if (!n)
			break;	/* rest not published yet; kept for the next poll */
		for (i = 0; i < n; i++) {
			if (q->rx_slots[i].id >= q->rx.size) {
				queue_broken(vf, "bad RX response id");
				return done;
			}
		}
		skb = info.drop ? NULL : napi_alloc_skb(&q->napi, info.len);
		if (!skb) {
			vf->stats.rx_dropped++;
		} else {
			for (i = 0; i < n; i++) {
				const struct xenvf_rx_response *r = &q->rx_slots[i];

				skb_put_data(skb, page_address(q->rx_pages[r->id]) +
					     r->offset, r->status);
			}
			skb->protocol = eth_type_trans(skb, vf->netdev);
			vf->stats.rx_packets++;
			vf->stats.rx_bytes += skb->len;
			napi_gro_receive(&q->napi, skb);
		}
		for (i = 0; i < n; i++)
			rx_post(q, q->rx_slots[i].id);
		repost = true;
		q->rx_have -= n;
		memmove(q->rx_slots, q->rx_slots + n, q->rx_have * sizeof(q->rx_slots[0]));
		done++;
	}
	if (repost && xenvf_ring_front_push(&q->rx))
		notify_remote_via_irq(q->irq);
	return done;
}

static int xenvf_front_poll(struct napi_struct *napi, int budget)
{
	struct xenvf_front_queue *q = container_of(napi, struct xenvf_front_queue,
						   napi);
	struct xenvf_front_vf *vf = q->vf;
	int done;

	if (vf->broken) {
		napi_complete(napi);
		return 0;
	}
	tx_complete(vf, q);
	done = rx_receive(vf, q, budget);
	if (done < budget && napi_complete_done(napi, done)) {
		/* re-arm both events, then look again (final check) */
		if (xenvf_ring_front_final_check(&q->tx) > 0 ||
		    xenvf_ring_front_final_check(&q->rx) > 0)
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

static void end_pages(struct page **pages, grant_ref_t *grefs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (grefs[i] != INVALID_GRANT_REF)
			gnttab_end_foreign_access(grefs[i], pages[i]);
		else if (pages[i])
			__free_page(pages[i]);
		grefs[i] = INVALID_GRANT_REF;
		pages[i] = NULL;
	}
}

/**
 * xenvf_front_data_setup() - rings, buffer pages, channel; post RX pages
 * (the caller publishes the keys)
 * @vf: the VF (its netdev and NAPI exist)
 *
 * Return: 0, or an error after which nothing is left granted or bound.
 */
int xenvf_front_data_setup(struct xenvf_front_vf *vf)
{
	struct xenvf_front_queue *q = &vf->queue;
	unsigned int i;
	int err;

	q->vf = vf;
	q->rx_have = 0;
	err = xenbus_setup_ring(vf->dev, GFP_KERNEL, &q->tx_sring, 1, &q->tx_ref);
	if (err)
		goto fail;
	err = xenbus_setup_ring(vf->dev, GFP_KERNEL, &q->rx_sring, 1, &q->rx_ref);
	if (err)
		goto fail;
	xenvf_ring_shared_init(q->tx_sring);
	xenvf_ring_shared_init(q->rx_sring);
	xenvf_ring_attach(&q->tx, q->tx_sring, XEN_PAGE_SIZE,
			  sizeof(struct xenvf_tx_request), sizeof(struct xenvf_tx_response));
	xenvf_ring_attach(&q->rx, q->rx_sring, XEN_PAGE_SIZE,
			  sizeof(struct xenvf_rx_request), sizeof(struct xenvf_rx_response));
	err = grant_pages(vf, q->tx_pages, q->tx_grefs, q->tx.size, true);
	if (!err)
		err = grant_pages(vf, q->rx_pages, q->rx_grefs, q->rx.size, false);
	if (err)
		goto fail;
	for (i = 0; i < q->tx.size; i++)
		q->tx_free[i] = i;
	q->tx_nr_free = q->tx.size;
	for (i = 0; i < q->rx.size; i++)
		rx_post(q, i);
	xenvf_ring_front_push(&q->rx);
	err = xenbus_alloc_evtchn(vf->dev, &q->evtchn);
	if (err)
		goto fail;
	err = bind_evtchn_to_irqhandler(q->evtchn, xenvf_front_data_interrupt, 0,
					"xenvf-data", q);
	if (err < 0) {
		xenbus_free_evtchn(vf->dev, q->evtchn);
		goto fail;
	}
	q->irq = err;
	napi_enable(&q->napi);
	spin_lock_bh(&q->tx_lock);
	q->up = true;
	spin_unlock_bh(&q->tx_lock);
	return 0;

fail:
	xenvf_front_data_teardown(vf);
	return err;
}

/**
 * xenvf_front_data_teardown() - stop the queue and give every page back
 * @vf: the VF; the backend has unmapped (or is gone). Safe if never set up.
 */
void xenvf_front_data_teardown(struct xenvf_front_vf *vf)
{
	struct xenvf_front_queue *q = &vf->queue;
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
	end_pages(q->tx_pages, q->tx_grefs, ARRAY_SIZE(q->tx_pages));
	end_pages(q->rx_pages, q->rx_grefs, ARRAY_SIZE(q->rx_pages));
	xenbus_teardown_ring(&q->tx_sring, 1, &q->tx_ref);
	xenbus_teardown_ring(&q->rx_sring, 1, &q->rx_ref);
}

/**
 * xenvf_front_data_init() - once per device: NAPI and invalid grant refs
 * @vf: the VF with its (unregistered) netdev
 */
void xenvf_front_data_init(struct xenvf_front_vf *vf)
{
	struct xenvf_front_queue *q = &vf->queue;
	unsigned int i;

	spin_lock_init(&q->tx_lock);
	q->tx_ref = INVALID_GRANT_REF;
	q->rx_ref = INVALID_GRANT_REF;
	for (i = 0; i < ARRAY_SIZE(q->tx_grefs); i++) {
		q->tx_grefs[i] = INVALID_GRANT_REF;
		q->rx_grefs[i] = INVALID_GRANT_REF;
	}
	netif_napi_add(vf->netdev, &q->napi, xenvf_front_poll);
}
