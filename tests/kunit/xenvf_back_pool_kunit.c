// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_pool_ref.c: the pure part of
 * feature-pool-map. The pool's reference list is validated and looked up,
 * map statuses decide what is unmapped, the per-VF budget holds, and the
 * cost of a mapped queue is asserted: a packet of 64 B, 1500 B or 64 KiB
 * whose pages are all in the pool leaves no piece to grant copy (no grant
 * copy hypercall), one page outside the pool leaves exactly its pieces.
 * Ordinary pages stand for the mapped ones.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "back_offload.c"
#include "back_pool_ref.c"

#define NPOOL	20	/* pages of the test pool: 64 KiB + 2 slots */
#define NLOCAL	20
#define PLAN_MAX	64	/* copies of one 64 KiB packet, with room */

struct fixture {
	struct xenvf_back_pool *pool;
	struct page *guest[NPOOL];
	struct page *local[NLOCAL];
};

static int fixture_init(struct kunit *test, struct fixture *f)
{
	u32 refs[NPOOL];
	unsigned int i;

	f->pool = kunit_kzalloc(test, sizeof(*f->pool), GFP_KERNEL);
	if (!f->pool)
		return -ENOMEM;
	for (i = 0; i < NPOOL; i++) {
		f->guest[i] = alloc_page(GFP_KERNEL);
		if (!f->guest[i])
			return -ENOMEM;
		memset(page_address(f->guest[i]), 0x40 + i, PAGE_SIZE);
		refs[i] = 1000 + 7 * i;	/* not in index order of ids */
	}
	for (i = 0; i < NLOCAL; i++) {
		f->local[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!f->local[i])
			return -ENOMEM;
	}
	if (xenvf_pool_index(f->pool, refs, NPOOL))
		return -EINVAL;
	for (i = 0; i < NPOOL; i++)
		f->pool->vaddr[i] = page_address(f->guest[i]);
	return 0;
}

static void fixture_exit(struct fixture *f)
{
	unsigned int i;

	for (i = 0; i < NPOOL; i++)
		if (f->guest[i])
			__free_page(f->guest[i]);
	for (i = 0; i < NLOCAL; i++)
		if (f->local[i])
			__free_page(f->local[i]);
}

static void index_rejects_bad_lists(struct kunit *test)
{
	struct xenvf_back_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	u32 refs[XENVF_POOL_MAX_REFS + 1];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < ARRAY_SIZE(refs); i++)
		refs[i] = 10 + i;
	KUNIT_EXPECT_EQ(test, xenvf_pool_index(p, refs, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_pool_index(p, refs, XENVF_POOL_MAX_REFS + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, p->nr, 0);
	KUNIT_EXPECT_EQ(test, xenvf_pool_index(p, refs, XENVF_POOL_MAX_REFS), 0);
	KUNIT_EXPECT_EQ(test, p->nr, XENVF_POOL_MAX_REFS);
	refs[5] = 0;
	KUNIT_EXPECT_EQ(test, xenvf_pool_index(p, refs, 8), -EINVAL);
	refs[5] = refs[7];	/* listed twice */
	KUNIT_EXPECT_EQ(test, xenvf_pool_index(p, refs, 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, p->nr, 0);
}

static void find_by_hint_or_search(struct kunit *test)
{
	struct xenvf_back_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	u32 refs[] = { 50, 20, 90, 10, 70 };

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, xenvf_pool_index(p, refs, ARRAY_SIZE(refs)), 0);
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 90, 2), 2);	/* hint */
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 90, 0), 2);	/* wrong hint */
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 10, 0xffff), 3);
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 50, 4), 0);
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 70, 9), 4);
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 60, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 0, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 100, 1), -ENOENT);
	p->nr = 0;	/* an empty pool finds nothing, whatever the hint */
	KUNIT_EXPECT_EQ(test, xenvf_pool_find(p, 50, 0), -ENOENT);
}

static void tx_and_rx_pools_disjoint(struct kunit *test)
{
	struct xenvf_back_pool *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct xenvf_back_pool *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u32 ra[] = { 5, 1, 9 }, rb[] = { 4, 8, 2 }, rc[] = { 7, 9 };

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, xenvf_pool_index(a, ra, 3), 0);
	KUNIT_ASSERT_EQ(test, xenvf_pool_index(b, rb, 3), 0);
	KUNIT_EXPECT_EQ(test, xenvf_pool_disjoint(a, b), 0);
	KUNIT_ASSERT_EQ(test, xenvf_pool_index(b, rc, 2), 0);
	KUNIT_EXPECT_EQ(test, xenvf_pool_disjoint(a, b), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_pool_disjoint(b, a), -EINVAL);
}

static void budget_bounds_pages_per_vf(struct kunit *test)
{
	unsigned int max = XENVF_POOL_MAX_PER_VF, used = 0, queues = 0;

	/* 128 TX + 256 RX pool pages a queue: four queues fit, the fifth not */
	while (xenvf_pool_budget_ok(used, 128 + 256, max) && queues < 100) {
		used += 128 + 256;
		queues++;
	}
	KUNIT_EXPECT_EQ(test, queues, 4);
	KUNIT_EXPECT_LE(test, used, max);
	KUNIT_EXPECT_TRUE(test, xenvf_pool_budget_ok(0, max, max));
	KUNIT_EXPECT_FALSE(test, xenvf_pool_budget_ok(0, max + 1, max));
	KUNIT_EXPECT_FALSE(test, xenvf_pool_budget_ok(max + 1, 0, max));
	KUNIT_EXPECT_FALSE(test, xenvf_pool_budget_ok(1, UINT_MAX, max));
}

static void map_status_every_element(struct kunit *test)
{
	struct gnttab_map_grant_ref ops[4] = { };
	grant_handle_t h[4];

	ops[0].status = GNTST_okay;
	ops[0].handle = 11;
	ops[1].status = GNTST_bad_gntref;
	ops[1].handle = 12;	/* garbage on failure: never unmapped */
	ops[2].status = GNTST_okay;
	ops[2].handle = 13;
	ops[3].status = GNTST_general_error;
	KUNIT_EXPECT_EQ(test, xenvf_pool_map_result(ops, 4, h), 2);
	KUNIT_EXPECT_EQ(test, h[0], 11);
	KUNIT_EXPECT_EQ(test, h[1], (grant_handle_t)-1);
	KUNIT_EXPECT_EQ(test, h[2], 13);
	KUNIT_EXPECT_EQ(test, h[3], (grant_handle_t)-1);
	/* only the last one failing still fails the batch */
	ops[1].status = GNTST_okay;
	ops[3].status = GNTST_eagain;
	KUNIT_EXPECT_EQ(test, xenvf_pool_map_result(ops, 4, h), 1);
	ops[3].status = GNTST_okay;
	KUNIT_EXPECT_EQ(test, xenvf_pool_map_result(ops, 4, h), 0);
}

/*
 * A TX packet of @len in slots of the pool starting at @first_off (slot i
 * names pool page i, id i), into local pages: the plan and its pieces.
 */
static int tx_plan(unsigned int len, unsigned int first_off, u32 *gref,
		   u16 *gid, unsigned int *nslots, const struct fixture *f,
		   struct xenvf_copy_op *plan, unsigned int *ndst)
{
	struct xenvf_seg src[NPOOL], dst[NLOCAL];
	unsigned int n = 0, left = len, off = first_off, i;

	while (left) {
		src[n].off = off;
		src[n].len = min_t(unsigned int, left, PAGE_SIZE - off);
		gref[n] = f->pool->ref[n];
		gid[n] = n;
		left -= src[n].len;
		off = 0;
		n++;
	}
	*nslots = n;
	for (i = 0, left = len; left; i++) {
		dst[i].off = 0;
		dst[i].len = min_t(unsigned int, left, PAGE_SIZE);
		left -= dst[i].len;
	}
	*ndst = i;
	return xenvf_copy_plan(src, n, dst, i, plan, PLAN_MAX);
}

static bool tx_bytes_match(const struct fixture *f, unsigned int len,
			   unsigned int first_off, unsigned int skip_slot)
{
	unsigned int pos, slot, soff;
	const u8 *l, *g;

	for (pos = 0; pos < len; pos++) {
		soff = first_off + pos;
		slot = soff / PAGE_SIZE;
		soff %= PAGE_SIZE;
		l = page_address(f->local[pos / PAGE_SIZE]);
		g = page_address(f->guest[slot]);
		if (slot == skip_slot) {
			if (l[pos % PAGE_SIZE])
				return false;	/* grant copy's piece touched */
		} else if (l[pos % PAGE_SIZE] != g[soff]) {
			return false;
		}
	}
	return true;
}

/* The cost assertion: a mapped pool issues no grant copy at all. */
static void tx_mapped_no_grant_copy(struct kunit *test)
{
	static const unsigned int lens[] = { 64, 1500, 65535 };
	struct xenvf_copy_op *plan;
	struct fixture f = { };
	u32 gref[NPOOL];
	u16 gid[NPOOL], *rest;
	unsigned int i, nslots, ndst;
	int n;

	plan = kunit_kcalloc(test, PLAN_MAX, sizeof(*plan), GFP_KERNEL);
	rest = kunit_kcalloc(test, PLAN_MAX, sizeof(*rest), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plan);
	KUNIT_ASSERT_NOT_NULL(test, rest);
	KUNIT_ASSERT_EQ(test, fixture_init(test, &f), 0);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		n = tx_plan(lens[i], 100, gref, gid, &nslots, &f, plan, &ndst);
		KUNIT_ASSERT_GT(test, n, 0);
		/* grant copy ops the caller would issue: none */
		KUNIT_EXPECT_EQ(test, xenvf_pool_copy(f.pool, false, gref, gid,
						      nslots, f.local, ndst,
						      plan, n, rest), 0);
		KUNIT_EXPECT_TRUE(test, tx_bytes_match(&f, lens[i], 100, ~0u));
	}
	fixture_exit(&f);
}

/* A slot whose page is not in the pool: exactly its pieces grant-copied. */
static void tx_ref_outside_pool_grant_copied(struct kunit *test)
{
	struct xenvf_copy_op *plan;
	struct fixture f = { };
	u32 gref[NPOOL];
	u16 gid[NPOOL], *rest;
	unsigned int nslots, ndst, i, nrest, want = 0;
	int n;

	plan = kunit_kcalloc(test, PLAN_MAX, sizeof(*plan), GFP_KERNEL);
	rest = kunit_kcalloc(test, PLAN_MAX, sizeof(*rest), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plan);
	KUNIT_ASSERT_NOT_NULL(test, rest);
	KUNIT_ASSERT_EQ(test, fixture_init(test, &f), 0);
	n = tx_plan(3 * PAGE_SIZE, 100, gref, gid, &nslots, &f, plan, &ndst);
	KUNIT_ASSERT_GT(test, n, 0);
	gref[1] = 5;	/* not listed: the guest granted it otherwise */
	for (i = 0; i < n; i++)
		want += plan[i].src == 1;
	nrest = xenvf_pool_copy(f.pool, false, gref, gid, nslots, f.local,
				ndst, plan, n, rest);
	KUNIT_EXPECT_EQ(test, nrest, want);
	for (i = 0; i < nrest; i++)
		KUNIT_EXPECT_EQ(test, plan[rest[i]].src, 1);
	KUNIT_EXPECT_TRUE(test, tx_bytes_match(&f, 3 * PAGE_SIZE, 100, 1));
	/* a piece beyond its page (never from xenvf_tx_parse) is not copied */
	plan[0].src = 0;
	plan[0].src_off = PAGE_SIZE - 10;
	plan[0].len = 20;
	KUNIT_EXPECT_EQ(test, xenvf_pool_copy(f.pool, false, gref, gid, nslots,
					      f.local, ndst, plan, 1, rest), 1);
	/* no pool page at all: every piece left to grant copy */
	f.pool->nr = 0;
	n = tx_plan(1500, 0, gref, gid, &nslots, &f, plan, &ndst);
	KUNIT_EXPECT_EQ(test, xenvf_pool_copy(f.pool, false, gref, gid, nslots,
					      f.local, ndst, plan, n, rest), n);
	f.pool->nr = NPOOL;
	fixture_exit(&f);
}

/* RX: the frame's pages into the guest's posted pool pages by memcpy. */
static void rx_mapped_no_grant_copy(struct kunit *test)
{
	struct xenvf_seg src[3] = { { 0, 60 }, { 100, 1000 }, { 0, 4096 } };
	struct xenvf_seg dst[2] = { { 0, 4096 }, { 0, 1060 } };
	struct xenvf_copy_op plan[8];
	struct fixture f = { };
	u32 gref[2];
	u16 gid[2], rest[8];
	int n;

	KUNIT_ASSERT_EQ(test, fixture_init(test, &f), 0);
	memset(page_address(f.local[0]), 0xa1, PAGE_SIZE);
	memset(page_address(f.local[1]), 0xb2, PAGE_SIZE);
	memset(page_address(f.local[2]), 0xc3, PAGE_SIZE);
	/* posted pages: pool pages 7 and 3, with ids that are not a hint */
	gref[0] = f.pool->ref[7];
	gref[1] = f.pool->ref[3];
	gid[0] = 0;
	gid[1] = 1;
	n = xenvf_copy_plan(src, 3, dst, 2, plan, ARRAY_SIZE(plan));
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_EXPECT_EQ(test, xenvf_pool_copy(f.pool, true, gref, gid, 2,
					      f.local, 3, plan, n, rest), 0);
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(f.guest[7]))[0], 0xa1);
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(f.guest[7]))[60], 0xb2);
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(f.guest[7]))[1060], 0xc3);
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(f.guest[3]))[1059], 0xc3);
	/* beyond what was planned, the posted page is untouched */
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(f.guest[3]))[1060], 0x40 + 3);
	fixture_exit(&f);
}

static struct kunit_case xenvf_back_pool_cases[] = {
	KUNIT_CASE(index_rejects_bad_lists),
	KUNIT_CASE(find_by_hint_or_search),
	KUNIT_CASE(tx_and_rx_pools_disjoint),
	KUNIT_CASE(budget_bounds_pages_per_vf),
	KUNIT_CASE(map_status_every_element),
	KUNIT_CASE(tx_mapped_no_grant_copy),
	KUNIT_CASE(tx_ref_outside_pool_grant_copied),
	KUNIT_CASE(rx_mapped_no_grant_copy),
	{}
};

static struct kunit_suite xenvf_back_pool_suite = {
	.name = "xenvf_back_pool",
	.test_cases = xenvf_back_pool_cases,
};

kunit_test_suite(xenvf_back_pool_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-back's mapped buffer pools");
MODULE_LICENSE("GPL");
