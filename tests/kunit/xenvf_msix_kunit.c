// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for msix/: the PF's vector pool and per-VF budget, a VF's
 * vector map (event channels, masking, affinity hints), and the per-VF
 * event rate limiter.
 */
#include <kunit/test.h>

#include "msix_vec.c"

static void msix_pool_budget(struct kunit *test)
{
	struct xenvf_vec_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	u16 v = 0, i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 0, 0, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 64, 64, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 64, 1, 0), -EINVAL);
	/* 82599-like: 8 vectors, the PF keeps 2, a VF may hold 3 */
	KUNIT_ASSERT_EQ(test, xenvf_vec_pool_init(p, 8, 2, 3), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 2);		/* never one of the PF's */
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 3, &v), -EDQUOT);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 0, &v), -ENOSPC);
	KUNIT_EXPECT_EQ(test, p->lent, 6);
	xenvf_vec_put(p, 0);			/* the PF's: ignored */
	xenvf_vec_put(p, 4);
	xenvf_vec_put(p, 4);			/* twice: ignored */
	KUNIT_EXPECT_EQ(test, p->lent, 5);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 4);
}

static void msix_vf_map(struct kunit *test)
{
	struct xenvf_vec_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct xenvf_vec_map *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct xenvf_vec_entry *e;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_EQ(test, xenvf_vec_pool_init(p, 16, 4, 3), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_map_add(m, p, XENVF_VEC_CTRL, 0, 7, 2), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_map_add(m, p, XENVF_VEC_QUEUE, 0, 8, 2), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_map_add(m, p, XENVF_VEC_QUEUE, 1, 9, 2), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_map_add(m, p, XENVF_VEC_QUEUE, 1, 9, 2), -EEXIST);
	/* the budget of 3 is spent */
	KUNIT_EXPECT_EQ(test, xenvf_vec_map_add(m, p, XENVF_VEC_QUEUE, 2, 10, 2), -EDQUOT);
	e = xenvf_vec_map_find(m, XENVF_VEC_QUEUE, 1);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->evtchn, 9);
	KUNIT_EXPECT_EQ(test, e->cpu, 1);
	KUNIT_EXPECT_TRUE(test, e->masked);	/* starts masked */
	e = xenvf_vec_map_find(m, XENVF_VEC_CTRL, 5);	/* queue ignored */
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->cpu, -1);
	KUNIT_EXPECT_EQ(test, xenvf_vec_mask(m, XENVF_VEC_QUEUE, 0, false), 0);
	KUNIT_EXPECT_FALSE(test, xenvf_vec_map_find(m, XENVF_VEC_QUEUE, 0)->masked);
	KUNIT_EXPECT_EQ(test, xenvf_vec_mask(m, XENVF_VEC_QUEUE, 5, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, p->lent, 3);
	xenvf_vec_map_release(m, p);
	KUNIT_EXPECT_EQ(test, p->lent, 0);
	KUNIT_EXPECT_EQ(test, m->nr, 0);
}

static void msix_rate_limit(struct kunit *test)
{
	struct xenvf_rate r;
	unsigned int i, ok = 0;
	u64 t = 1000;

	/* 1000 events/s, bursts of 10 */
	xenvf_rate_init(&r, 1000, 10, t);
	for (i = 0; i < 100; i++)
		ok += xenvf_rate_allow(&r, t);
	KUNIT_EXPECT_EQ(test, ok, 10);		/* the burst, then nothing */
	KUNIT_EXPECT_EQ(test, r.throttled, 90);
	KUNIT_EXPECT_EQ(test, xenvf_rate_delay_ns(&r), 1000000);
	t += 1000000;				/* 1 ms: one more token */
	KUNIT_EXPECT_TRUE(test, xenvf_rate_allow(&r, t));
	KUNIT_EXPECT_FALSE(test, xenvf_rate_allow(&r, t));
	t += 5000000000ULL;			/* idle: refilled to the burst only */
	for (i = 0, ok = 0; i < 100; i++)
		ok += xenvf_rate_allow(&r, t);
	KUNIT_EXPECT_EQ(test, ok, 10);
	/* time going backwards gives nothing */
	KUNIT_EXPECT_FALSE(test, xenvf_rate_allow(&r, t - 1000000000));
	/* a storm of one event per us for 1 s: about rate + burst pass */
	xenvf_rate_init(&r, 1000, 10, 0);
	for (i = 0, ok = 0, t = 0; i < 1000000; i++, t += 1000)
		ok += xenvf_rate_allow(&r, t);
	KUNIT_EXPECT_GE(test, ok, 1000);
	KUNIT_EXPECT_LE(test, ok, 1011);
}

static struct kunit_case xenvf_msix_cases[] = {
	KUNIT_CASE(msix_pool_budget),
	KUNIT_CASE(msix_vf_map),
	KUNIT_CASE(msix_rate_limit),
	{}
};

static struct kunit_suite xenvf_msix_suite = {
	.name = "xenvf_msix",
	.test_cases = xenvf_msix_cases,
};

kunit_test_suite(xenvf_msix_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf's MSI-X vector and event rate code");
MODULE_LICENSE("GPL");
