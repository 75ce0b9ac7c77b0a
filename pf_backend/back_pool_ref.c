// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pure part of the mapped pools (back_pool.h): no hypercalls, so KUnit
 * drives it with ordinary pages standing for mapped ones.
 *
 * Everything here works on private memory only, except xenvf_pool_copy(),
 * which reads (TX) or writes (RX) each byte of a mapped guest page once,
 * at offsets and lengths taken from private, validated copies.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "back_pool.h"

static int idx_cmp(const void *a, const void *b)
{
	const struct xenvf_pool_idx *x = a, *y = b;

	return x->ref < y->ref ? -1 : x->ref > y->ref;
}

/**
 * xenvf_pool_index() - take a private copy of a pool's references and
 * index them
 * @p: the pool (nr and ref[] and sorted[] are set)
 * @refs: the references, already copied out of guest memory
 * @nr: how many
 *
 * Return: 0, or -EINVAL for a count of 0 or above XENVF_POOL_MAX_REFS, a
 * reference of 0 or one listed twice.
 */
int xenvf_pool_index(struct xenvf_back_pool *p, const u32 *refs,
		     unsigned int nr)
{
	unsigned int i;

	p->nr = 0;
	if (!nr || nr > XENVF_POOL_MAX_REFS)
		return -EINVAL;
	for (i = 0; i < nr; i++) {
		if (!refs[i])
			return -EINVAL;
		p->ref[i] = refs[i];
		p->sorted[i].ref = refs[i];
		p->sorted[i].idx = i;
	}
	sort(p->sorted, nr, sizeof(p->sorted[0]), idx_cmp, NULL);
	for (i = 1; i < nr; i++)
		if (p->sorted[i].ref == p->sorted[i - 1].ref)
			return -EINVAL;
	p->nr = nr;
	return 0;
}

/**
 * xenvf_pool_disjoint() - do two indexed pools list no reference in common
 * @a: one pool
 * @b: the other
 *
 * Return: 0, or -EINVAL when a reference is in both.
 */
int xenvf_pool_disjoint(const struct xenvf_back_pool *a,
			const struct xenvf_back_pool *b)
{
	unsigned int i = 0, j = 0;

	while (i < a->nr && j < b->nr) {
		if (a->sorted[i].ref == b->sorted[j].ref)
			return -EINVAL;
		if (a->sorted[i].ref < b->sorted[j].ref)
			i++;
		else
			j++;
	}
	return 0;
}

/**
 * xenvf_pool_find() - the index of a reference in the pool
 * @p: the pool
 * @ref: the reference a request names
 * @hint: where it is when the frontend posts page i with id i
 *
 * Return: the index, or -ENOENT when @ref is not in the pool.
 */
int xenvf_pool_find(const struct xenvf_back_pool *p, u32 ref, u32 hint)
{
	unsigned int lo = 0, hi = p->nr, mid;

	if (hint < p->nr && p->ref[hint] == ref)
		return hint;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->sorted[mid].ref == ref)
			return p->sorted[mid].idx;
		if (p->sorted[mid].ref < ref)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -ENOENT;
}

/**
 * xenvf_pool_budget_ok() - may a VF map @want more pages
 * @used: pages it has mapped
 * @want: pages it asks for
 * @max: its budget (XENVF_POOL_MAX_PER_VF)
 */
bool xenvf_pool_budget_ok(unsigned int used, unsigned int want,
			  unsigned int max)
{
	return used <= max && want <= max - used;
}

/**
 * xenvf_pool_map_result() - the handles of a batch of map operations
 * @ops: the operations, after the hypercall
 * @n: how many
 * @handle: per operation, its handle, or -1 where it failed (nothing to
 *	unmap there)
 *
 * Every element's status is checked (CVE-2021-26932): one that failed
 * fails the batch, and the caller unmaps every element that has a handle.
 *
 * Return: how many failed.
 */
unsigned int xenvf_pool_map_result(const struct gnttab_map_grant_ref *ops,
				   unsigned int n, grant_handle_t *handle)
{
	unsigned int i, bad = 0;

	for (i = 0; i < n; i++) {
		if (ops[i].status == GNTST_okay) {
			handle[i] = ops[i].handle;
		} else {
			handle[i] = (grant_handle_t)-1;
			bad++;
		}
	}
	return bad;
}

/**
 * xenvf_pool_copy() - carry out the copies of a plan whose guest page is
 * in the pool with memcpy
 * @p: the pool
 * @to_guest: RX (local pages to guest pages), else TX
 * @gref: per guest piece (the plan's dst for RX, its src for TX), the
 *	reference its request names (a private copy)
 * @gid: per guest piece, its request's id (a lookup hint)
 * @nguest: guest pieces
 * @local: per local piece, its dom0 page
 * @nlocal: local pieces
 * @plan: the copies (xenvf_copy_plan())
 * @n: how many
 * @rest: the indices in @plan left to grant copy (a reference not in the
 *	pool, or a piece out of bounds), in order
 *
 * Return: how many are left in @rest (0: no grant copy at all).
 */
unsigned int xenvf_pool_copy(const struct xenvf_back_pool *p, bool to_guest,
			     const u32 *gref, const u16 *gid,
			     unsigned int nguest, struct page **local,
			     unsigned int nlocal,
			     const struct xenvf_copy_op *plan, unsigned int n,
			     u16 *rest)
{
	unsigned int i, g, l, goff, loff, nrest = 0;
	char *lp, *gp;
	int idx;

	for (i = 0; i < n; i++) {
		g = to_guest ? plan[i].dst : plan[i].src;
		l = to_guest ? plan[i].src : plan[i].dst;
		goff = to_guest ? plan[i].dst_off : plan[i].src_off;
		loff = to_guest ? plan[i].src_off : plan[i].dst_off;
		idx = g < nguest ? xenvf_pool_find(p, gref[g], gid[g]) : -ENOENT;
		if (idx < 0 || l >= nlocal || goff + plan[i].len > PAGE_SIZE ||
		    loff + plan[i].len > PAGE_SIZE) {
			rest[nrest++] = i;
			continue;
		}
		gp = (char *)p->vaddr[idx] + goff;
		lp = kmap_local_page(local[l]);
		if (to_guest)
			memcpy(gp, lp + loff, plan[i].len);
		else
			memcpy(lp + loff, gp, plan[i].len);
		kunmap_local(lp);
	}
	return nrest;
}
