// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for msix/: the PF's vector pool, per-VF budget and
 * per-domain fair share, a VF's vector map (event channels, masking,
 * affinity hints), and the per-VF event rate limiter.
 */
#include <kunit/test.h>

#include "msix_vec.c"

static void msix_pool_budget(struct kunit *test)
{
	struct xenvf_vec_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	u16 v = 0, i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 0, 0, 3, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 64, 64, 3, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 64, 1, 0, 0), -EINVAL);
	/* floors for 4 VFs do not fit in 6 lendable vectors */
	KUNIT_EXPECT_EQ(test, xenvf_vec_pool_init(p, 8, 2, 3, 4), -EINVAL);
	/* 82599-like: 8 vectors, the PF keeps 2, a VF may hold 3 */
	KUNIT_ASSERT_EQ(test, xenvf_vec_pool_init(p, 8, 2, 3, 0), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 1, 0, &v), -ENOENT);	/* not joined */
	KUNIT_ASSERT_EQ(test, xenvf_vec_dom_join(p, 1), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 1, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 2);		/* never one of the PF's */
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 1, 3, &v), -EDQUOT);
	KUNIT_EXPECT_EQ(test, p->refused_vf, 1);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 1, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 1, 0, &v), -ENOSPC);
	KUNIT_EXPECT_EQ(test, p->lent, 6);
	xenvf_vec_put(p, 1, 0, 0);		/* the PF's: ignored */
	xenvf_vec_put(p, 1, 0, 4);
	xenvf_vec_put(p, 1, 0, 4);		/* twice: ignored */
	KUNIT_EXPECT_EQ(test, p->lent, 5);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_held(p, 1), 5);
	KUNIT_EXPECT_EQ(test, xenvf_vec_get(p, 1, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 4);
}

static void msix_vf_map(struct kunit *test)
{
	struct xenvf_vec_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct xenvf_vec_map *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct xenvf_vec_entry *e;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_EQ(test, xenvf_vec_pool_init(p, 16, 4, 3, 0), 0);
	KUNIT_ASSERT_EQ(test, xenvf_vec_dom_join(p, 7), 0);
	m->domid = 7;
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

/* Connect a VF: control, then queues until @nq or a refusal. */
static unsigned int vf_connect(struct xenvf_vec_map *m, struct xenvf_vec_pool *p,
			       unsigned int nq)
{
	unsigned int q;

	if (xenvf_vec_map_add(m, p, XENVF_VEC_CTRL, 0, 1, 4))
		return 0;
	for (q = 0; q < nq; q++)
		if (xenvf_vec_map_add(m, p, XENVF_VEC_QUEUE, q, 2 + q, 4))
			break;
	return m->nr;
}

/*
 * The backend's pool (256 vectors, 16 the PF's, control + 8 queues per
 * VF, floors for 63 VFs): one domain's 30 VFs asking for 8 queues each
 * cannot leave a new domain without vectors, and once two domains have
 * VFs, the one over its share gets no more.
 */
static void msix_fair_share(struct kunit *test)
{
	struct xenvf_vec_pool *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct xenvf_vec_map *a = kunit_kcalloc(test, 30, sizeof(*a), GFP_KERNEL);
	struct xenvf_vec_map *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct xenvf_vec_map *c = kunit_kcalloc(test, 2, sizeof(*c), GFP_KERNEL);
	unsigned int i, got = 0;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_EQ(test, xenvf_vec_pool_init(p, 256, 16, 9, 63), 0);

	/* domain 1 alone: its 30 VFs take what the other 33 floors leave */
	for (i = 0; i < 30; i++) {
		KUNIT_ASSERT_EQ(test, xenvf_vec_dom_join(p, 1), 0);
		a[i].domid = 1;
		got += vf_connect(&a[i], p, 8);
	}
	KUNIT_EXPECT_EQ(test, got, 240 - 2 * 33);
	KUNIT_EXPECT_EQ(test, a[0].nr, 9);
	KUNIT_EXPECT_EQ(test, a[29].nr, 2);	/* still control + one queue */
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_limit(p, 1), 240);
	KUNIT_EXPECT_GT(test, p->refused_pool, 0);

	/* a new domain: its VF is sure of control + one queue */
	KUNIT_ASSERT_EQ(test, xenvf_vec_dom_join(p, 2), 0);
	b->domid = 2;
	KUNIT_EXPECT_EQ(test, vf_connect(b, p, 4), 2);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_limit(p, 1), 120);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_limit(p, 2), 120);

	/* domain 1 is over its share: a VF of it that reconnects gets its floor only */
	xenvf_vec_map_release(&a[0], p);
	KUNIT_EXPECT_EQ(test, vf_connect(&a[0], p, 8), 2);
	KUNIT_EXPECT_EQ(test, p->refused_dom, 1);
	/* what it gave back goes to domain 2, below its share */
	xenvf_vec_map_release(b, p);
	KUNIT_EXPECT_EQ(test, vf_connect(b, p, 8), 9);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_held(p, 2), 9);

	/* vec_per_dom: domain 3's two VFs hold at most 5 */
	p->per_dom = 5;
	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, xenvf_vec_dom_join(p, 3), 0);
		c[i].domid = 3;
	}
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_limit(p, 3), 5);
	xenvf_vec_map_release(&a[1], p);	/* room beside the floors */
	xenvf_vec_map_release(&a[2], p);
	KUNIT_EXPECT_EQ(test, vf_connect(&c[0], p, 8), 3);
	KUNIT_EXPECT_EQ(test, vf_connect(&c[1], p, 8), 2);	/* its floor still */
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_held(p, 3), 5);
	p->per_dom = 2;				/* below the floors: floors win */
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_limit(p, 3), 4);
	p->per_dom = 0;

	/* a VF removed before it disconnects (remove's order): accounted */
	xenvf_vec_dom_leave(p, 3);
	xenvf_vec_dom_leave(p, 3);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_held(p, 3), 5);
	xenvf_vec_map_release(&c[0], p);
	xenvf_vec_map_release(&c[1], p);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_held(p, 3), 0);
	KUNIT_EXPECT_EQ(test, xenvf_vec_dom_limit(p, 3), 0);	/* forgotten */

	/* everything back */
	for (i = 0; i < 30; i++) {
		xenvf_vec_map_release(&a[i], p);
		xenvf_vec_dom_leave(p, 1);
	}
	xenvf_vec_map_release(b, p);
	xenvf_vec_dom_leave(p, 2);
	KUNIT_EXPECT_EQ(test, p->lent, 0);
	KUNIT_EXPECT_EQ(test, p->floor_lent, 0);
	KUNIT_EXPECT_EQ(test, p->nr_doms, 0);
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
	KUNIT_CASE(msix_fair_share),
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
