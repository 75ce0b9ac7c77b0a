// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for back_vec.c, the backend's accounting of a VF's
 * interrupts, with msix/'s pool under it (both compiled in): what the
 * connect path (back_connect.c, back_queue.c) asks for each VF - control,
 * then every data queue - through the same calls, at the scale the
 * backend serves (XENVF_MAX_VFS VFs, issue 16 item 8).
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "msix_vec.c"
#include "back_vec.c"

/* back_params.c's parameter, which back_vec.c reads */
unsigned int xenvf_vec_per_dom;

/* An irq no descriptor has: the affinity hint is refused, as it may be. */
#define NO_IRQ	UINT_MAX

/* A VF as probe hands it to back_vec.c: its domain and hw-vf read. */
static struct xenvf_back_vf *vf_new(struct kunit *test, u16 domid, s16 hw_vf)
{
	struct xenvf_back_vf *vf = kunit_kzalloc(test, sizeof(*vf), GFP_KERNEL);
	struct xenbus_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vf);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->otherend_id = domid;
	dev->nodename = "backend/xenvf/kunit";
	dev->dev.init_name = "xenvf-kunit";
	vf->dev = dev;
	vf->cfg.hw_vf = hw_vf;
	atomic64_set(&vf->vec_refused, 0);
	KUNIT_ASSERT_EQ(test, xenvf_back_vec_join(vf), 0);
	return vf;
}

/*
 * Connect as back_connect.c does: control, then queues 0..nq-1, stopping
 * at the first refusal (which fails the connect). Return: the first
 * error, or 0.
 */
static int vf_connect(struct xenvf_back_vf *vf, unsigned int nq)
{
	unsigned int q;
	int err;

	err = xenvf_back_vec_bind(vf, XENVF_VEC_CTRL, 0, 1, NO_IRQ);
	for (q = 0; !err && q < nq; q++)
		err = xenvf_back_vec_bind(vf, XENVF_VEC_QUEUE, q, 2 + q, NO_IRQ);
	return err;
}

static void vf_disconnect(struct xenvf_back_vf *vf, unsigned int nq)
{
	unsigned int q;

	for (q = 0; q < nq; q++)
		xenvf_back_vec_unbind(vf, XENVF_VEC_QUEUE, q, NO_IRQ);
	xenvf_back_vec_unbind(vf, XENVF_VEC_CTRL, 0, NO_IRQ);
	xenvf_back_vec_release(vf);
}

#define NR_HW	XENVF_MAX_VFS

/*
 * 63 paravirtual VFs (two guests, 32 + 31) connect with 4 queues each,
 * then again with 8: their interrupts are event channels and take no
 * vector of the pool (63 x 5 = 315 would not fit its 240 lendable).
 * Hardware VFs (hw-vf) do take the PF's vectors: 63 of one domain asking
 * for control + 8 queues empty the pool, every refusal is an error of
 * the connect and counted on the VF (`vectors_refused`), the next one
 * gets none at all - and a paravirtual VF still connects with the pool
 * empty. (How many VFs are served at once is num_vfs's business,
 * back_admin.c, not the pool's.)
 */
static void vec_pv_63_vfs_hw_exhausted(struct kunit *test)
{
	struct xenvf_back_vf **pv, **hw, *late;
	struct xenvf_vec_entry *e;
	unsigned int i, lent = 0, refused = 0;
	int err;

	pv = kunit_kcalloc(test, XENVF_MAX_VFS, sizeof(*pv), GFP_KERNEL);
	hw = kunit_kcalloc(test, NR_HW, sizeof(*hw), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pv);
	KUNIT_ASSERT_NOT_NULL(test, hw);

	for (i = 0; i < XENVF_MAX_VFS; i++) {
		pv[i] = vf_new(test, i < 32 ? 1 : 2, -1);
		KUNIT_EXPECT_EQ_MSG(test, vf_connect(pv[i], 4), 0, "PV VF %u", i);
		KUNIT_EXPECT_EQ(test, xenvf_back_vec_count(pv[i]), 5);
		KUNIT_EXPECT_EQ(test, xenvf_back_vec_refused(pv[i]), 0);
	}
	KUNIT_EXPECT_EQ(test, pool.lent, 0);
	/* the last queue's entry: unmasked, its affinity hint, no PF vector */
	e = xenvf_vec_map_find(&pv[62]->vec, XENVF_VEC_QUEUE, 3);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_FALSE(test, e->masked);
	KUNIT_EXPECT_EQ(test, e->cpu, 3 % num_online_cpus());
	KUNIT_EXPECT_EQ(test, e->vector, XENVF_VEC_NONE);
	for (i = 0; i < XENVF_MAX_VFS; i++) {
		vf_disconnect(pv[i], 4);
		KUNIT_EXPECT_EQ(test, vf_connect(pv[i], XENVF_MAX_QUEUES), 0);
		KUNIT_EXPECT_EQ(test, xenvf_back_vec_count(pv[i]), 1 + XENVF_MAX_QUEUES);
	}
	/* past a VF's budget (control + 8): refused and counted, even so */
	KUNIT_EXPECT_EQ(test, xenvf_back_vec_bind(pv[0], XENVF_VEC_QUEUE, 8, 99, NO_IRQ),
			-EDQUOT);
	KUNIT_EXPECT_EQ(test, xenvf_back_vec_refused(pv[0]), 1);

	/* hardware VFs of domain 3 empty the pool */
	for (i = 0; i < NR_HW; i++) {
		hw[i] = vf_new(test, 3, i);
		err = vf_connect(hw[i], XENVF_MAX_QUEUES);
		KUNIT_EXPECT_TRUE(test, !err || err == -ENOSPC || err == -EDQUOT);
		refused += !!err;
		KUNIT_EXPECT_EQ(test, xenvf_back_vec_refused(hw[i]), !!err);
		KUNIT_EXPECT_GE(test, xenvf_back_vec_count(hw[i]), XENVF_VEC_FLOOR);
		lent += xenvf_back_vec_count(hw[i]);
	}
	KUNIT_EXPECT_EQ(test, lent, XENVF_BACK_VEC_LENDABLE);
	KUNIT_EXPECT_EQ(test, pool.lent, XENVF_BACK_VEC_LENDABLE);
	KUNIT_EXPECT_GT(test, refused, 0);
	KUNIT_EXPECT_EQ(test, xenvf_back_vec_count(hw[0]), 1 + XENVF_MAX_QUEUES);
	/* one more hardware VF: not even its control interrupt */
	late = vf_new(test, 4, 0);
	KUNIT_EXPECT_EQ(test, vf_connect(late, 1), -ENOSPC);
	KUNIT_EXPECT_EQ(test, xenvf_back_vec_count(late), 0);
	KUNIT_EXPECT_EQ(test, xenvf_back_vec_refused(late), 1);

	/* the pool is empty: a paravirtual VF reconnects with all its queues */
	vf_disconnect(pv[62], XENVF_MAX_QUEUES);
	KUNIT_EXPECT_EQ(test, vf_connect(pv[62], XENVF_MAX_QUEUES), 0);
	KUNIT_EXPECT_EQ(test, xenvf_back_vec_count(pv[62]), 1 + XENVF_MAX_QUEUES);
	KUNIT_EXPECT_EQ(test, pool.lent, XENVF_BACK_VEC_LENDABLE);

	/* everything back, in remove's order (leave, then release) */
	xenvf_back_vec_leave(late);
	xenvf_back_vec_release(late);
	for (i = 0; i < NR_HW; i++) {
		xenvf_back_vec_leave(hw[i]);
		vf_disconnect(hw[i], XENVF_MAX_QUEUES);
	}
	for (i = 0; i < XENVF_MAX_VFS; i++) {
		xenvf_back_vec_leave(pv[i]);
		vf_disconnect(pv[i], XENVF_MAX_QUEUES);
		KUNIT_EXPECT_EQ(test, xenvf_back_vec_count(pv[i]), 0);
	}
	KUNIT_EXPECT_EQ(test, pool.lent, 0);
	KUNIT_EXPECT_EQ(test, pool.floor_lent, 0);
	KUNIT_EXPECT_EQ(test, pool.nr_doms, 0);
}

static struct kunit_case xenvf_back_vec_cases[] = {
	KUNIT_CASE(vec_pv_63_vfs_hw_exhausted),
	{}
};

static struct kunit_suite xenvf_back_vec_suite = {
	.name = "xenvf_back_vec",
	.test_cases = xenvf_back_vec_cases,
};

kunit_test_suite(xenvf_back_vec_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-back's interrupt vector accounting");
MODULE_LICENSE("GPL");
