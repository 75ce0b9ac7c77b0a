// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_limits.c: what one VF may cost dom0.
 * The RX backlog in bytes, the drain timeout and the stall detector run on
 * an injected clock (plain nanosecond values), as netback's rx.c would see
 * them.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>

#include "back_limits.c"

#define MS	1000000ULL

/* A guest that posts nothing: the backlog stops at its bound in bytes. */
static void rx_backlog_bounded_in_bytes(struct kunit *test)
{
	u32 max = xenvf_rx_queue_max(false), queued = 0, charge = 768;
	unsigned int frames = 0;

	KUNIT_EXPECT_EQ(test, max, 512 * 1024);
	while (xenvf_rx_admit(queued, charge, max) && frames < 100000) {
		queued += charge;
		frames++;
	}
	KUNIT_EXPECT_LE(test, queued, max);
	KUNIT_EXPECT_GT(test, queued + charge, max);
	/* small frames: far more than the old 256-frame bound, same memory */
	KUNIT_EXPECT_EQ(test, frames, max / charge);

	/* 64 KiB GSO frames: eight of them, not 256 (16 MiB) */
	for (queued = 0, frames = 0, charge = 65536 + 1024;
	     xenvf_rx_admit(queued, charge, max); frames++)
		queued += charge;
	KUNIT_EXPECT_EQ(test, frames, 7);
}

static void rx_backlog_one_frame_always_fits(struct kunit *test)
{
	u32 max = xenvf_rx_queue_max(false);

	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(0, 3 * max, max));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(1, 3 * max, max));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(1, U32_MAX, max));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(max, 1, max));
	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(max - 1, 1, max));
	/* no wrap: a huge charge on a non-empty queue is refused */
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(U32_MAX - 10, 20, U32_MAX));
}

static void rx_backlog_lossless_class(struct kunit *test)
{
	u32 fcoe = xenvf_rx_queue_max(true);

	/* eight 1 MB FCP reads in 1452-byte FC frames in 2 KiB buffers fit */
	KUNIT_EXPECT_GE(test, (u64)fcoe,
			8ULL * DIV_ROUND_UP(1024 * 1024, 1452) *
			SKB_TRUESIZE(2048));
	KUNIT_EXPECT_GT(test, fcoe, xenvf_rx_queue_max(false));
	/* but bounded in bytes: 16 MiB, in one queue of the VF */
	KUNIT_EXPECT_EQ(test, fcoe, 16 * 1024 * 1024);
}

static void rx_queue_pick_fcoe_on_queue0(struct kunit *test)
{
	unsigned int hits[8] = { 0 };
	u32 h;

	/* the lossless class never spreads: its bound is paid once per VF */
	for (h = 0; h < 4096; h++)
		KUNIT_EXPECT_EQ(test, xenvf_rx_queue_pick(true, h * 0x9e3779b9u, 8), 0u);
	/* other frames spread by flow hash over every queue, stably */
	for (h = 0; h < 4096; h++) {
		unsigned int q = xenvf_rx_queue_pick(false, h * 0x9e3779b9u, 8);

		KUNIT_ASSERT_LT(test, q, 8u);
		KUNIT_EXPECT_EQ(test, q, xenvf_rx_queue_pick(false, h * 0x9e3779b9u, 8));
		hits[q]++;
	}
	for (h = 0; h < 8; h++)
		KUNIT_EXPECT_GT(test, hits[h], 0u);
	KUNIT_EXPECT_EQ(test, xenvf_rx_queue_pick(false, 0xffffffffu, 1), 0u);
}

static void rx_drain_timeout_expires(struct kunit *test)
{
	u64 now = 5000 * MS, expires = now + XENVF_RX_DRAIN_TIMEOUT_MS * MS;

	KUNIT_EXPECT_FALSE(test, xenvf_rx_expired(expires, now));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_expired(expires, expires - 1));
	KUNIT_EXPECT_TRUE(test, xenvf_rx_expired(expires, expires));
	KUNIT_EXPECT_TRUE(test, xenvf_rx_expired(expires, expires + 60000 * MS));
	/* across the clock's wrap */
	KUNIT_EXPECT_FALSE(test, xenvf_rx_expired(5, U64_MAX - 5));
	KUNIT_EXPECT_TRUE(test, xenvf_rx_expired(U64_MAX - 5, 5));
}

static void rx_stall_after_timeout_only(struct kunit *test)
{
	struct xenvf_rx_stall s = {};
	u64 t0 = 1000 * MS, to = XENVF_RX_STALL_TIMEOUT_MS * MS;

	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, false, t0, to),
			XENVF_STALL_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t0, to),
			XENVF_STALL_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t0 + to - 1, to),
			XENVF_STALL_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t0 + to, to),
			XENVF_STALL_BEGIN);
	KUNIT_EXPECT_TRUE(test, s.stalled);
	/* once */
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t0 + 2 * to, to),
			XENVF_STALL_NONE);
	/* the guest posts: back on, once */
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, false, t0 + 2 * to, to),
			XENVF_STALL_END);
	KUNIT_EXPECT_FALSE(test, s.stalled);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, false, t0 + 2 * to, to),
			XENVF_STALL_NONE);
}

static void rx_stall_timer_restarts(struct kunit *test)
{
	struct xenvf_rx_stall s = {};
	u64 to = XENVF_RX_STALL_TIMEOUT_MS * MS, t;

	/* blocked for a while, then served: the next wait starts from zero */
	xenvf_rx_stall_update(&s, true, 0, to);
	xenvf_rx_stall_update(&s, false, to - 1, to);
	t = to + 10 * MS;
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t, to),
			XENVF_STALL_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t + to - 1, to),
			XENVF_STALL_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, t + to, to),
			XENVF_STALL_BEGIN);
}

static void rx_stall_disabled_by_zero(struct kunit *test)
{
	struct xenvf_rx_stall s = {};

	xenvf_rx_stall_update(&s, true, 0, 0);
	KUNIT_EXPECT_EQ(test, xenvf_rx_stall_update(&s, true, U64_MAX / 2, 0),
			XENVF_STALL_NONE);
	KUNIT_EXPECT_FALSE(test, s.stalled);
}

static void tx_linear_bounded(struct kunit *test)
{
	/* TCP over IPv4 and IPv6 behind two tags */
	KUNIT_EXPECT_TRUE(test, xenvf_tx_linear_ok(14 + 20, 16));
	KUNIT_EXPECT_TRUE(test, xenvf_tx_linear_ok(14 + 8 + 40 + 216, 16));
	KUNIT_EXPECT_TRUE(test, xenvf_tx_linear_ok(XENVF_TX_LINEAR_MAX - 2, 0));
	KUNIT_EXPECT_FALSE(test, xenvf_tx_linear_ok(XENVF_TX_LINEAR_MAX - 1, 0));
	/* what used to size a 64 KiB linear part */
	KUNIT_EXPECT_FALSE(test, xenvf_tx_linear_ok(65000, 6));
	KUNIT_EXPECT_FALSE(test, xenvf_tx_linear_ok(100, 65000));
	KUNIT_EXPECT_FALSE(test, xenvf_tx_linear_ok(0xffff, 0xffff));
}

static void connect_refs_distinct(struct kunit *test)
{
	u32 v[4];
	struct xenvf_distinct d = { .max = ARRAY_SIZE(v), .v = v };

	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 8), 0);
	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 9), 0);
	/* the event ring on the control ring's page: refused */
	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 8), -EEXIST);
	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 10), 0);
	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 9), -EEXIST);
	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 11), 0);
	KUNIT_EXPECT_EQ(test, xenvf_distinct_add(&d, 12), -ENOSPC);
	KUNIT_EXPECT_EQ(test, d.n, 4);
}

static struct kunit_case xenvf_back_limits_cases[] = {
	KUNIT_CASE(rx_backlog_bounded_in_bytes),
	KUNIT_CASE(rx_backlog_one_frame_always_fits),
	KUNIT_CASE(rx_backlog_lossless_class),
	KUNIT_CASE(rx_queue_pick_fcoe_on_queue0),
	KUNIT_CASE(rx_drain_timeout_expires),
	KUNIT_CASE(rx_stall_after_timeout_only),
	KUNIT_CASE(rx_stall_timer_restarts),
	KUNIT_CASE(rx_stall_disabled_by_zero),
	KUNIT_CASE(tx_linear_bounded),
	KUNIT_CASE(connect_refs_distinct),
	{}
};

static struct kunit_suite xenvf_back_limits_suite = {
	.name = "xenvf_back_limits",
	.test_cases = xenvf_back_limits_cases,
};

kunit_test_suite(xenvf_back_limits_suite);

MODULE_DESCRIPTION("KUnit tests for what one xenvf VF may cost dom0");
MODULE_LICENSE("GPL");
