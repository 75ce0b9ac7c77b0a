/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The frontend's buffer pools mapped once at connect (feature-pool-map,
 * docs/protocol.md 1.5): the pure part (back_pool_ref.c: reference lookup
 * and validation, map status, the maptrack budget, the memcpy of a copy
 * plan) and the grant-table part (back_pool.c: map and unmap).
 */
#ifndef XENVF_BACK_POOL_H
#define XENVF_BACK_POOL_H

#include <linux/types.h>
#include <xen/interface/grant_table.h>

#include "xenvf_proto.h"
#include "back_offload.h"

/*
 * Pages one VF may have mapped in dom0 (its share of dom0's maptrack
 * table): 4 queues of 128 TX pages and an RX pool of 256 (xenvf-front
 * recycles RX pages through its stack, so its RX pool is twice its ring).
 * A queue whose pool would go beyond it stays on grant copy (counted:
 * pool_budget_refused).
 */
#define XENVF_POOL_MAX_PER_VF	1536

struct page;

/* One listed reference and its index in the pool, sorted by reference. */
struct xenvf_pool_idx {
	u32 ref;
	u16 idx;
};

/* One direction of a queue's pool, as the backend holds it (private). */
struct xenvf_back_pool {
	unsigned int nr;		/* pages listed (and mapped) */
	u32 ref[XENVF_POOL_MAX_REFS];	/* private copy of the list */
	struct xenvf_pool_idx sorted[XENVF_POOL_MAX_REFS];
	void *vaddr[XENVF_POOL_MAX_REFS];	/* page i in dom0 */
	struct page *pages[XENVF_POOL_MAX_REFS];
	grant_handle_t handle[XENVF_POOL_MAX_REFS];
};

int xenvf_pool_index(struct xenvf_back_pool *p, const u32 *refs,
		     unsigned int nr);
int xenvf_pool_disjoint(const struct xenvf_back_pool *a,
			const struct xenvf_back_pool *b);
int xenvf_pool_find(const struct xenvf_back_pool *p, u32 ref, u32 hint);
bool xenvf_pool_budget_ok(unsigned int used, unsigned int want,
			  unsigned int max);
unsigned int xenvf_pool_map_result(const struct gnttab_map_grant_ref *ops,
				   unsigned int n, grant_handle_t *handle);
unsigned int xenvf_pool_copy(const struct xenvf_back_pool *p, bool to_guest,
			     const u32 *gref, const u16 *gid,
			     unsigned int nguest, struct page **local,
			     unsigned int nlocal,
			     const struct xenvf_copy_op *plan, unsigned int n,
			     u16 *rest);

#endif /* XENVF_BACK_POOL_H */
