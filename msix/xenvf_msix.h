/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * msix: the PF's interrupt vectors and what stands in for a VF's.
 *
 * - A vector pool: the PF keeps its own vectors (its queues, its control
 *   path) and lends each VF at most a budget, like the MSI-X table slices
 *   of an 82599 (at most 3 vectors per VF, 64 for the PF). Shared fairly
 *   between guests: each VF is sure of a floor (control + one queue:
 *   XENVF_VEC_FLOOR), kept free for every VF slot until it is lent; what a
 *   VF takes beyond its floor comes from the rest, and one domain (all its
 *   VFs together) holds at most its share: per_dom, or the lendable
 *   vectors divided by the domains with VFs. No vector is taken back: a
 *   domain over its share (more domains came) keeps what it has until its
 *   VFs disconnect, but gets no more.
 * - A VF's vector map: each of its "interrupts" (the control/event rings,
 *   each data queue) is an event channel; the map says which, whether it is
 *   masked, and the CPU it should be handled on (affinity hint). Only a
 *   hardware VF's entries take a vector from the pool; a paravirtual VF's
 *   are event channels alone (no pool: XENVF_VEC_NONE), so no number of
 *   paravirtual VFs can spend the pool or be refused by it.
 * - A rate limiter (token bucket) per VF: events beyond the rate are not
 *   handled at once but deferred, so one guest cannot storm dom0.
 *
 * Pure code: no locking (callers hold theirs), no allocation, time passed
 * in; KUnit-tested.
 */
#ifndef XENVF_MSIX_H
#define XENVF_MSIX_H

#include <linux/bitmap.h>
#include <linux/types.h>

#define XENVF_MSIX_MAX_VECTORS	256	/* MSI-X table size limit is 2048 */
#define XENVF_MSIX_VF_MAX	(1 + 8)	/* control + XENVF_MAX_QUEUES */
#define XENVF_MSIX_DOMS		64	/* domains: at most one per VF */
#define XENVF_VEC_FLOOR		2	/* every VF is sure of control + 1 queue */
#define XENVF_VEC_NONE		0xffff	/* a map entry no PF vector backs */

/* A domain with VFs, as the pool shares vectors between them. */
struct xenvf_vec_dom {
	u16 domid;
	u16 vfs;		/* its VFs that joined */
	u16 held;		/* vectors they hold */
	u16 floor_held;		/* of those, within their VFs' floors */
};

struct xenvf_vec_pool {
	u16 total;		/* vectors of the PF's MSI-X table */
	u16 pf_reserved;	/* kept by the PF for itself */
	u16 per_vf;		/* most vectors one VF may hold */
	u16 lent;		/* vectors lent to VFs now */
	u16 slots;		/* VFs whose floor is kept free (0: no floors) */
	u16 floor_lent;		/* vectors lent within VFs' floors */
	u16 per_dom;		/* most one domain may hold; 0: fair share */
	u8 nr_doms;
	u64 refused_vf;		/* past a VF's budget */
	u64 refused_dom;	/* past a domain's share */
	u64 refused_pool;	/* none left beside the other VFs' floors */
	struct xenvf_vec_dom dom[XENVF_MSIX_DOMS];
	DECLARE_BITMAP(used, XENVF_MSIX_MAX_VECTORS);
};

int xenvf_vec_pool_init(struct xenvf_vec_pool *p, u16 total, u16 pf_reserved,
			u16 per_vf, u16 slots);
int xenvf_vec_dom_join(struct xenvf_vec_pool *p, u16 domid);
void xenvf_vec_dom_leave(struct xenvf_vec_pool *p, u16 domid);
unsigned int xenvf_vec_dom_limit(const struct xenvf_vec_pool *p, u16 domid);
unsigned int xenvf_vec_dom_held(const struct xenvf_vec_pool *p, u16 domid);
int xenvf_vec_get(struct xenvf_vec_pool *p, u16 domid, u16 held, u16 *vec);
void xenvf_vec_put(struct xenvf_vec_pool *p, u16 domid, u16 held, u16 vec);

/* What a VF's interrupt is: its control/event rings or a data queue. */
enum xenvf_vec_kind { XENVF_VEC_CTRL, XENVF_VEC_QUEUE };

struct xenvf_vec_entry {
	u8 kind;		/* enum xenvf_vec_kind */
	u8 queue;		/* for XENVF_VEC_QUEUE */
	bool masked;
	u16 vector;		/* PF vector lent for it, or XENVF_VEC_NONE */
	u32 evtchn;		/* event channel standing in for it */
	int cpu;		/* affinity hint, -1: none */
};

struct xenvf_vec_map {
	struct xenvf_vec_entry e[XENVF_MSIX_VF_MAX];
	u8 nr;
	u16 domid;		/* the VF's domain (set when it joins the pool) */
};

int xenvf_vec_map_add(struct xenvf_vec_map *m, struct xenvf_vec_pool *p,
		      u8 kind, u8 queue, u32 evtchn, unsigned int nr_cpus);
struct xenvf_vec_entry *xenvf_vec_map_find(struct xenvf_vec_map *m, u8 kind,
					   u8 queue);
int xenvf_vec_mask(struct xenvf_vec_map *m, u8 kind, u8 queue, bool masked);
void xenvf_vec_map_release(struct xenvf_vec_map *m, struct xenvf_vec_pool *p);

/* Token bucket: @rate events per second, bursts of up to @burst. */
struct xenvf_rate {
	u32 rate, burst;
	u64 tokens_ns;		/* tokens, in units of ns-of-refill */
	u64 last_ns;
	u64 throttled;		/* events refused */
};

void xenvf_rate_init(struct xenvf_rate *r, u32 rate, u32 burst, u64 now_ns);
bool xenvf_rate_allow(struct xenvf_rate *r, u64 now_ns);
u64 xenvf_rate_delay_ns(const struct xenvf_rate *r);

#endif /* XENVF_MSIX_H */
