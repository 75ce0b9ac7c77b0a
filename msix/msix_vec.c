// SPDX-License-Identifier: GPL-2.0-only
/* The PF's vector pool, a VF's vector map and the event rate limiter. */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "xenvf_msix.h"

/**
 * xenvf_vec_pool_init() - a PF's MSI-X vectors
 * @p: the pool
 * @total: vectors in the PF's table (1..XENVF_MSIX_MAX_VECTORS)
 * @pf_reserved: the PF's own (its queues and control), below @total
 * @per_vf: the most one VF may hold (1..XENVF_MSIX_VF_MAX)
 * @slots: VFs whose floor (XENVF_VEC_FLOOR) is kept free until they take
 *	   it (the most VFs served); 0 keeps none
 *
 * Return: 0 or -EINVAL (also when the floors do not fit in the pool).
 */
int xenvf_vec_pool_init(struct xenvf_vec_pool *p, u16 total, u16 pf_reserved,
			u16 per_vf, u16 slots)
{
	if (!total || total > XENVF_MSIX_MAX_VECTORS || pf_reserved >= total ||
	    !per_vf || per_vf > XENVF_MSIX_VF_MAX ||
	    slots > XENVF_MSIX_DOMS ||
	    (u32)slots * XENVF_VEC_FLOOR > total - pf_reserved)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	p->total = total;
	p->pf_reserved = pf_reserved;
	p->per_vf = per_vf;
	p->slots = slots;
	bitmap_set(p->used, 0, pf_reserved);	/* the PF's: never lent */
	return 0;
}

static struct xenvf_vec_dom *dom_find(const struct xenvf_vec_pool *p,
				      u16 domid)
{
	u8 i;

	for (i = 0; i < p->nr_doms; i++)
		if (p->dom[i].domid == domid)
			return (struct xenvf_vec_dom *)&p->dom[i];
	return NULL;
}

/* Forget a domain with no VF and no vector left. */
static void dom_gc(struct xenvf_vec_pool *p, struct xenvf_vec_dom *d)
{
	if (d->vfs || d->held)
		return;
	*d = p->dom[--p->nr_doms];
}

/**
 * xenvf_vec_dom_join() - a VF of @domid is served (probe)
 * @p: the pool
 * @domid: its domain
 *
 * Return: 0, or -ENOSPC when XENVF_MSIX_DOMS domains have VFs already.
 */
int xenvf_vec_dom_join(struct xenvf_vec_pool *p, u16 domid)
{
	struct xenvf_vec_dom *d = dom_find(p, domid);

	if (!d) {
		if (p->nr_doms == XENVF_MSIX_DOMS)
			return -ENOSPC;
		d = &p->dom[p->nr_doms++];
		d->domid = domid;
		d->vfs = 0;
		d->held = 0;
		d->floor_held = 0;
	}
	d->vfs++;
	return 0;
}

/**
 * xenvf_vec_dom_leave() - a VF of @domid is no longer served (remove)
 * @p: the pool
 * @domid: its domain; its vectors may be given back before or after
 */
void xenvf_vec_dom_leave(struct xenvf_vec_pool *p, u16 domid)
{
	struct xenvf_vec_dom *d = dom_find(p, domid);

	if (!d || !d->vfs)
		return;
	d->vfs--;
	dom_gc(p, d);
}

/* Domains with VFs: the fair share's divisor (at least 1). */
static unsigned int doms_with_vfs(const struct xenvf_vec_pool *p)
{
	unsigned int i, n = 0;

	for (i = 0; i < p->nr_doms; i++)
		n += !!p->dom[i].vfs;
	return max(n, 1U);
}

/**
 * xenvf_vec_dom_limit() - the most vectors a domain may hold now
 * @p: the pool
 * @domid: the domain
 *
 * per_dom, or the lendable vectors divided by the domains with VFs; never
 * less than the floors of the domain's VFs.
 *
 * Return: the limit (0 for a domain that did not join).
 */
unsigned int xenvf_vec_dom_limit(const struct xenvf_vec_pool *p, u16 domid)
{
	const struct xenvf_vec_dom *d = dom_find(p, domid);
	unsigned int share;

	if (!d)
		return 0;
	share = p->per_dom ?: (p->total - p->pf_reserved) / doms_with_vfs(p);
	return max_t(unsigned int, share, (unsigned int)d->vfs * XENVF_VEC_FLOOR);
}

/**
 * xenvf_vec_dom_held() - vectors a domain's VFs hold
 * @p: the pool
 * @domid: the domain
 *
 * Return: the count.
 */
unsigned int xenvf_vec_dom_held(const struct xenvf_vec_pool *p, u16 domid)
{
	const struct xenvf_vec_dom *d = dom_find(p, domid);

	return d ? d->held : 0;
}

/* Floors of a domain's VFs not lent yet: kept within its share for them. */
static unsigned int dom_floors_owed(const struct xenvf_vec_dom *d)
{
	unsigned int all = (unsigned int)d->vfs * XENVF_VEC_FLOOR;

	return all > d->floor_held ? all - d->floor_held : 0;
}

/* Floors of VF slots not lent yet: kept free for the VFs they are for. */
static unsigned int floors_owed(const struct xenvf_vec_pool *p)
{
	unsigned int all = (unsigned int)p->slots * XENVF_VEC_FLOOR;

	return all > p->floor_lent ? all - p->floor_lent : 0;
}

/**
 * xenvf_vec_get() - lend a vector to a VF
 * @p: the pool
 * @domid: the VF's domain (joined)
 * @held: vectors the VF holds already
 * @vec: the vector lent
 *
 * The VF's first XENVF_VEC_FLOOR vectors come from its floor; later ones
 * only within its domain's limit (less the floors its other VFs have not
 * taken yet) and from what the floors of every VF slot leave free.
 *
 * Return: 0; -EDQUOT past the VF's budget or its domain's share; -ENOSPC
 * if none is free (beside the floors kept for other VFs); -ENOENT for a
 * domain that did not join. Each refusal is counted.
 */
int xenvf_vec_get(struct xenvf_vec_pool *p, u16 domid, u16 held, u16 *vec)
{
	struct xenvf_vec_dom *d = dom_find(p, domid);
	bool floor = held < XENVF_VEC_FLOOR;
	unsigned long v;

	if (!d)
		return -ENOENT;
	if (held >= p->per_vf) {
		p->refused_vf++;
		return -EDQUOT;
	}
	if (!floor &&
	    d->held + dom_floors_owed(d) >= xenvf_vec_dom_limit(p, domid)) {
		p->refused_dom++;
		return -EDQUOT;
	}
	if (!floor &&
	    p->total - p->pf_reserved - p->lent <= floors_owed(p)) {
		p->refused_pool++;
		return -ENOSPC;
	}
	v = find_first_zero_bit(p->used, p->total);
	if (v >= p->total) {
		p->refused_pool++;
		return -ENOSPC;
	}
	__set_bit(v, p->used);
	p->lent++;
	d->held++;
	if (floor) {
		p->floor_lent++;
		d->floor_held++;
	}
	*vec = v;
	return 0;
}

/**
 * xenvf_vec_put() - a VF gives a vector back
 * @p: the pool
 * @domid: the VF's domain
 * @held: the vector's place among the VF's (0: its first), which tells
 *	  whether it was from the VF's floor
 * @vec: the vector; the PF's own and free ones are ignored
 */
void xenvf_vec_put(struct xenvf_vec_pool *p, u16 domid, u16 held, u16 vec)
{
	struct xenvf_vec_dom *d = dom_find(p, domid);

	if (vec < p->pf_reserved || vec >= p->total ||
	    !__test_and_clear_bit(vec, p->used))
		return;
	p->lent--;
	if (held < XENVF_VEC_FLOOR && p->floor_lent)
		p->floor_lent--;
	if (d && d->held) {
		d->held--;
		if (held < XENVF_VEC_FLOOR && d->floor_held)
			d->floor_held--;
		dom_gc(p, d);
	}
}

/**
 * xenvf_vec_map_find() - a VF's entry for an interrupt
 * @m: the VF's map
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue (XENVF_VEC_QUEUE)
 *
 * Return: the entry or NULL.
 */
struct xenvf_vec_entry *xenvf_vec_map_find(struct xenvf_vec_map *m, u8 kind,
					   u8 queue)
{
	u8 i;

	for (i = 0; i < m->nr; i++)
		if (m->e[i].kind == kind &&
		    (kind == XENVF_VEC_CTRL || m->e[i].queue == queue))
			return &m->e[i];
	return NULL;
}

/**
 * xenvf_vec_map_add() - give one of a VF's interrupts a vector and channel
 * @m: the VF's map
 * @p: the PF's pool, or NULL for a paravirtual VF (its interrupts are
 *     event channels only: no PF vector is lent, the entry's vector is
 *     XENVF_VEC_NONE)
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue (XENVF_VEC_QUEUE)
 * @evtchn: the event channel standing in for the interrupt
 * @nr_cpus: CPUs to spread affinity hints over (0: no hint)
 *
 * Queue q's hint is CPU q mod @nr_cpus, as a NIC spreads its queue
 * vectors; the control interrupt has none. Entries start masked.
 *
 * Return: 0, -EEXIST for an interrupt already mapped, -EDQUOT past
 * XENVF_MSIX_VF_MAX, or the pool's error (xenvf_vec_get(), for the VF's
 * domain m->domid; never with no pool).
 */
int xenvf_vec_map_add(struct xenvf_vec_map *m, struct xenvf_vec_pool *p,
		      u8 kind, u8 queue, u32 evtchn, unsigned int nr_cpus)
{
	struct xenvf_vec_entry *e;
	u16 vec;
	int err;

	if (kind > XENVF_VEC_QUEUE)
		return -EINVAL;
	if (xenvf_vec_map_find(m, kind, queue))
		return -EEXIST;
	if (m->nr == XENVF_MSIX_VF_MAX)
		return -EDQUOT;
	vec = XENVF_VEC_NONE;
	if (p) {
		err = xenvf_vec_get(p, m->domid, m->nr, &vec);
		if (err)
			return err;
	}
	e = &m->e[m->nr++];
	e->kind = kind;
	e->queue = kind == XENVF_VEC_QUEUE ? queue : 0;
	e->masked = true;
	e->vector = vec;
	e->evtchn = evtchn;
	e->cpu = kind == XENVF_VEC_QUEUE && nr_cpus ? queue % nr_cpus : -1;
	return 0;
}

/**
 * xenvf_vec_mask() - mask or unmask one of a VF's interrupts
 * @m: the VF's map
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue
 * @masked: the new state
 *
 * Return: 0 or -ENOENT if it is not mapped.
 */
int xenvf_vec_mask(struct xenvf_vec_map *m, u8 kind, u8 queue, bool masked)
{
	struct xenvf_vec_entry *e = xenvf_vec_map_find(m, kind, queue);

	if (!e)
		return -ENOENT;
	e->masked = masked;
	return 0;
}

/**
 * xenvf_vec_map_release() - a VF gives all its vectors back
 * @m: the VF's map (emptied)
 * @p: the PF's pool its vectors came from (NULL: a paravirtual VF's map)
 */
void xenvf_vec_map_release(struct xenvf_vec_map *m, struct xenvf_vec_pool *p)
{
	while (m->nr) {
		m->nr--;
		if (p && m->e[m->nr].vector != XENVF_VEC_NONE)
			xenvf_vec_put(p, m->domid, m->nr, m->e[m->nr].vector);
	}
}

#define NSEC_PER_S	1000000000ULL

/**
 * xenvf_rate_init() - a full bucket
 * @r: the limiter
 * @rate: events per second (at least 1)
 * @burst: bucket size in events (at least 1)
 * @now_ns: the time
 */
void xenvf_rate_init(struct xenvf_rate *r, u32 rate, u32 burst, u64 now_ns)
{
	r->rate = max_t(u32, rate, 1);
	r->burst = max_t(u32, burst, 1);
	r->tokens_ns = (u64)r->burst * NSEC_PER_S;
	r->last_ns = now_ns;
	r->throttled = 0;
}

/**
 * xenvf_rate_allow() - may one more event be handled now?
 * @r: the limiter
 * @now_ns: the time (monotonic; going back counts as no time passed)
 *
 * A token is worth 1e9 "ns-of-refill"; refill adds @rate of them per ns.
 *
 * Return: true (a token taken) or false (counted in r->throttled).
 */
bool xenvf_rate_allow(struct xenvf_rate *r, u64 now_ns)
{
	u64 cap = (u64)r->burst * NSEC_PER_S;
	u64 dt = now_ns > r->last_ns ? now_ns - r->last_ns : 0;

	r->last_ns = max(now_ns, r->last_ns);
	if (dt > cap / r->rate)
		r->tokens_ns = cap;
	else
		r->tokens_ns = min(cap, r->tokens_ns + dt * r->rate);
	if (r->tokens_ns >= NSEC_PER_S) {
		r->tokens_ns -= NSEC_PER_S;
		return true;
	}
	r->throttled++;
	return false;
}

/**
 * xenvf_rate_delay_ns() - how long until the next token
 * @r: the limiter
 *
 * Return: 0 if one is there, else the wait in ns.
 */
u64 xenvf_rate_delay_ns(const struct xenvf_rate *r)
{
	if (r->tokens_ns >= NSEC_PER_S)
		return 0;
	return DIV_ROUND_UP_ULL(NSEC_PER_S - r->tokens_ns, r->rate);
}
