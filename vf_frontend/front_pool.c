// SPDX-License-Identifier: GPL-2.0-only
/*
 * feature-pool-map (docs/protocol.md 1.5): list a queue's permanently
 * granted TX and RX pages in one page (struct xenvf_pool_desc), granted
 * read-only to the backend and named by queue-<q>/pool-ref, so that the
 * backend maps the pool once at connect instead of grant-copying each
 * packet. Entry i is the page posted with id i: TX, one per ring slot;
 * RX, the whole RX pool (up to twice the ring, front_rxpool.h), posted
 * and spare pages alike, so a recycled page is always mapped. The
 * listing page is revoked with the pool, after the backend is Closed (or
 * gone), by xenvf_front_queue_release() (front_release.c).
 */
#include <linux/gfp.h>
#include <linux/moduleparam.h>
#include <xen/grant_table.h>
#include <xen/page.h>

#include "xenvf_front.h"

bool xenvf_front_pool_map = true;
module_param_named(pool_map, xenvf_front_pool_map, bool, 0644);
MODULE_PARM_DESC(pool_map,
		 "offer feature-pool-map to backends that offer it (default 1)");

/**
 * xenvf_front_pool_setup() - grant the page listing a queue's pool
 * @vf: the VF, be read
 * @q: the queue, its pages granted
 *
 * Nothing when the backend does not offer the feature (or pool_map=0).
 *
 * Return: 0 or an error (the caller tears the queue down).
 */
int xenvf_front_pool_setup(struct xenvf_front_vf *vf,
			   struct xenvf_front_queue *q)
{
	struct xenvf_pool_desc *d;
	unsigned int i;
	int ref;

	BUILD_BUG_ON(sizeof(*d) > XEN_PAGE_SIZE);
	BUILD_BUG_ON(XENVF_FRONT_RING_SLOTS > XENVF_POOL_MAX_REFS);
	BUILD_BUG_ON(XENVF_FRONT_RX_POOL > XENVF_POOL_MAX_REFS);
	if (!vf->be.pool_map || !READ_ONCE(xenvf_front_pool_map))
		return 0;
	q->pool_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!q->pool_page)
		return -ENOMEM;
	d = page_address(q->pool_page);
	d->nr_tx = q->tx.size;
	d->nr_rx = q->rxpool.size;
	for (i = 0; i < q->tx.size; i++)
		d->tx_ref[i] = q->tx_grefs[i];
	for (i = 0; i < q->rxpool.size; i++)
		d->rx_ref[i] = q->rx_grefs[i];
	ref = gnttab_grant_foreign_access(vf->dev->otherend_id,
					  xen_page_to_gfn(q->pool_page), 1);
	if (ref < 0)
		return ref;
	q->pool_ref = ref;
	return 0;
}
