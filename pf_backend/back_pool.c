// SPDX-License-Identifier: GPL-2.0-only
/*
 * feature-pool-map (docs/protocol.md 1.5): at connect, map the pages a
 * frontend keeps permanently granted for a queue (TX read-only, RX
 * writable), so the data path moves bytes with memcpy in dom0 instead of a
 * grant copy hypercall per packet; unmap them at disconnect.
 *
 * The list of references is read once, by one grant copy, into a private
 * page and validated there (back_pool_ref.c); a bad list, the VF's budget
 * (XENVF_POOL_MAX_PER_VF) or a failed map leave the queue on grant copy,
 * counted on the representor and logged (rate limited). Every map
 * element's status is checked and a partial failure unmaps what was
 * mapped. The pools are used only by the queue's NAPI poll: they are
 * unmapped by queue_disconnect() after polling has stopped (and after
 * the grace period that ends delivery), before the rings are unmapped and
 * before the backend can reach Closed.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include "back_pool.h"
#include "xenvf_back.h"

#define MAP_BATCH	16	/* map/unmap operations per hypercall */

bool xenvf_back_pool_map = true;
module_param_named(pool_map, xenvf_back_pool_map, bool, 0644);
MODULE_PARM_DESC(pool_map,
		 "offer feature-pool-map: map the frontends' buffer pools at connect (default 1)");

const char *const xenvf_pool_counter_names[XENVF_PL_NR] = {
	[XENVF_PL_QUEUES]	= "pool_mapped_queues",
	[XENVF_PL_REFUSED]	= "pool_refused_bad_list",
	[XENVF_PL_MAP_FAILED]	= "pool_map_failed",
	[XENVF_PL_BUDGET]	= "pool_budget_refused",
	[XENVF_PL_NOMEM]	= "pool_no_memory",
	[XENVF_PL_UNMAP_FAILED]	= "pool_unmap_failed",
};

static void pool_fallback(struct xenvf_back_vf *vf, struct xenvf_back_queue *q,
			  enum xenvf_pool_counter c, int err)
{
	atomic64_inc(&vf->pool[c]);
	if (xenvf_back_log_ok(vf))
		dev_warn(&vf->dev->dev,
			 "queue %u: pool not mapped (%s, %d): grant copy\n",
			 q->id, xenvf_pool_counter_names[c], err);
}

/* Unmap the elements of @p that have a handle. Return: 0 or -EIO. */
static int pool_unmap(struct xenvf_back_pool *p)
{
	struct gnttab_unmap_grant_ref unmap[MAP_BATCH];
	struct page *pages[MAP_BATCH];
	unsigned int i = 0, k, j;
	int ret = 0;

	while (i < p->nr) {
		for (k = 0; i < p->nr && k < MAP_BATCH; i++) {
			if (p->handle[i] == (grant_handle_t)-1)
				continue;
			gnttab_set_unmap_op(&unmap[k], (unsigned long)p->vaddr[i],
					    GNTMAP_host_map, p->handle[i]);
			pages[k++] = p->pages[i];
			p->handle[i] = (grant_handle_t)-1;
		}
		if (!k)
			continue;
		if (gnttab_unmap_refs(unmap, NULL, pages, k))
			ret = -EIO;
		for (j = 0; j < k; j++)
			if (unmap[j].status != GNTST_okay)
				ret = -EIO;
	}
	return ret;
}

/* Give the pages back, unless one may still map a guest frame (leaked). */
static void pool_free(struct xenvf_back_vf *vf, struct xenvf_back_pool *p,
		      bool pages, int unmap_err)
{
	if (pages && !unmap_err)
		gnttab_free_pages(p->nr, p->pages);
	else if (pages)
		atomic64_inc(&vf->pool[XENVF_PL_UNMAP_FAILED]);
	kvfree(p);
}

/* Map every page of @p. Return: 0, -ENOMEM, or -EIO (nothing left mapped). */
static int pool_map(struct xenvf_back_vf *vf, struct xenvf_back_pool *p,
		    bool readonly)
{
	struct gnttab_map_grant_ref map[MAP_BATCH];
	u32 flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
	unsigned int i, j, k, bad = 0;
	int err;

	for (i = 0; i < p->nr; i++)
		p->handle[i] = (grant_handle_t)-1;
	if (gnttab_alloc_pages(p->nr, p->pages))
		return -ENOMEM;
	for (i = 0; i < p->nr; i++)
		p->vaddr[i] = pfn_to_kaddr(page_to_pfn(p->pages[i]));
	for (i = 0; i < p->nr && !bad; i += k) {
		k = min_t(unsigned int, p->nr - i, MAP_BATCH);
		memset(map, 0, sizeof(map));
		for (j = 0; j < k; j++) {
			gnttab_set_map_op(&map[j], (unsigned long)p->vaddr[i + j],
					  flags, p->ref[i + j],
					  vf->dev->otherend_id);
			map[j].status = GNTST_general_error;
		}
		err = gnttab_map_refs(map, NULL, p->pages + i, k);
		bad = xenvf_pool_map_result(map, k, p->handle + i);
		if (err && !bad)
			bad = k;	/* mapped, but not usable: undo */
	}
	if (!bad)
		return 0;
	err = pool_unmap(p);
	if (err) {
		/* a page that may still map a guest frame is never reused */
		atomic64_inc(&vf->pool[XENVF_PL_UNMAP_FAILED]);
		return -EIO;
	}
	gnttab_free_pages(p->nr, p->pages);
	p->nr = 0;
	return -EIO;
}

/* The queue's pool list, by one grant copy into the private page @d. */
static int read_desc(struct xenvf_back_vf *vf, grant_ref_t ref,
		     struct xenvf_pool_desc *d)
{
	struct gnttab_copy op = {
		.source.u.ref = ref,
		.source.domid = vf->dev->otherend_id,
		.dest.u.gmfn = virt_to_gfn(d),
		.dest.domid = DOMID_SELF,
		.len = sizeof(*d),
		.flags = GNTCOPY_source_gref,
	};

	BUILD_BUG_ON(sizeof(*d) > XEN_PAGE_SIZE);
	gnttab_batch_copy(&op, 1);
	return op.status == GNTST_okay ? 0 : -EIO;
}

/**
 * xenvf_back_pool_connect() - map a queue's pools, if both ends offer it
 * @vf: the VF (state_lock held: connect)
 * @q: the queue, rings mapped, its work not started
 *
 * Never fails the connect: anything wrong leaves the queue on grant copy
 * (q->tx_pool and q->rx_pool NULL), counted and logged.
 */
void xenvf_back_pool_connect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q)
{
	struct xenvf_back_pool *tx = NULL, *rx = NULL;
	enum xenvf_pool_counter why = XENVF_PL_NOMEM;
	struct xenvf_pool_desc *d = NULL;
	char key[32];
	u32 ref;
	int err;

	q->tx_pool = NULL;
	q->rx_pool = NULL;
	if (!vf->fe.pool_map || !READ_ONCE(xenvf_back_pool_map))
		return;
	snprintf(key, sizeof(key), "queue-%u/pool-ref", q->id);
	err = xenvf_read_u32(vf->dev->otherend, key, 1, U32_MAX, &ref);
	if (err) {
		pool_fallback(vf, q, XENVF_PL_REFUSED, err);
		return;
	}
	d = (void *)__get_free_page(GFP_KERNEL);
	tx = kvzalloc(sizeof(*tx), GFP_KERNEL);
	rx = kvzalloc(sizeof(*rx), GFP_KERNEL);
	err = -ENOMEM;
	if (!d || !tx || !rx)
		goto fail;
	why = XENVF_PL_REFUSED;
	err = read_desc(vf, ref, d);
	/* d is private now: each field below is read from it once */
	err = err ?: xenvf_pool_index(tx, d->tx_ref, d->nr_tx);
	err = err ?: xenvf_pool_index(rx, d->rx_ref, d->nr_rx);
	err = err ?: xenvf_pool_disjoint(tx, rx);
	if (err)
		goto fail;
	why = XENVF_PL_BUDGET;
	err = -ENOSPC;
	if (!xenvf_pool_budget_ok(vf->pool_pages, tx->nr + rx->nr,
				  XENVF_POOL_MAX_PER_VF))
		goto fail;
	err = pool_map(vf, tx, true);
	if (!err) {
		err = pool_map(vf, rx, false);
		if (err)
			pool_free(vf, tx, true, pool_unmap(tx));
		tx = err ? NULL : tx;
	}
	if (err) {
		why = err == -ENOMEM ? XENVF_PL_NOMEM : XENVF_PL_MAP_FAILED;
		goto fail;
	}
	free_page((unsigned long)d);
	vf->pool_pages += tx->nr + rx->nr;
	q->tx_pool = tx;
	q->rx_pool = rx;
	atomic64_inc(&vf->pool[XENVF_PL_QUEUES]);
	return;

fail:
	pool_fallback(vf, q, why, err);
	free_page((unsigned long)d);
	kvfree(tx);
	kvfree(rx);
}

/**
 * xenvf_back_pool_disconnect() - unmap a queue's pools
 * @vf: the VF
 * @q: the queue; its work has stopped
 */
void xenvf_back_pool_disconnect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q)
{
	struct xenvf_back_pool *p[2] = { q->tx_pool, q->rx_pool };
	unsigned int i;

	q->tx_pool = NULL;
	q->rx_pool = NULL;
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		if (!p[i])
			continue;
		vf->pool_pages -= p[i]->nr;
		pool_free(vf, p[i], true, pool_unmap(p[i]));
	}
}
