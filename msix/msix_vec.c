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
 *
 * Return: 0 or -EINVAL.
 */
int xenvf_vec_pool_init(struct xenvf_vec_pool *p, u16 total, u16 pf_reserved,
			u16 per_vf)
{
	if (!total || total > XENVF_MSIX_MAX_VECTORS || pf_reserved >= total ||
	    !per_vf || per_vf > XENVF_MSIX_VF_MAX)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	p->total = total;
	p->pf_reserved = pf_reserved;
	p->per_vf = per_vf;
	bitmap_set(p->used, 0, pf_reserved);	/* the PF's: never lent */
	return 0;
}

/**
 * xenvf_vec_get() - lend a vector to a VF
 * @p: the pool
 * @held: vectors the VF holds already
 * @vec: the vector lent
 *
 * Return: 0, -EDQUOT past the VF's budget, -ENOSPC if none is free.
 */
int xenvf_vec_get(struct xenvf_vec_pool *p, u16 held, u16 *vec)
{
	unsigned long v;

	if (held >= p->per_vf)
		return -EDQUOT;
	v = find_first_zero_bit(p->used, p->total);
	if (v >= p->total)
		return -ENOSPC;
	__set_bit(v, p->used);
	p->lent++;
	*vec = v;
	return 0;
}

/**
 * xenvf_vec_put() - a VF gives a vector back
 * @p: the pool
 * @vec: the vector; the PF's own and free ones are ignored
 */
void xenvf_vec_put(struct xenvf_vec_pool *p, u16 vec)
{
	if (vec < p->pf_reserved || vec >= p->total ||
	    !__test_and_clear_bit(vec, p->used))
		return;
	p->lent--;
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
 * @p: the PF's pool
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue (XENVF_VEC_QUEUE)
 * @evtchn: the event channel standing in for the interrupt
 * @nr_cpus: CPUs to spread affinity hints over (0: no hint)
 *
 * Queue q's hint is CPU q mod @nr_cpus, as a NIC spreads its queue
 * vectors; the control interrupt has none. Entries start masked.
 *
 * Return: 0, -EEXIST for an interrupt already mapped, or the pool's error.
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
	err = xenvf_vec_get(p, m->nr, &vec);
	if (err)
		return err;
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
 * @p: the PF's pool
 */
void xenvf_vec_map_release(struct xenvf_vec_map *m, struct xenvf_vec_pool *p)
{
	while (m->nr)
		xenvf_vec_put(p, m->e[--m->nr].vector);
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
