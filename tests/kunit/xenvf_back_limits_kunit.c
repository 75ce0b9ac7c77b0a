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

/* Frames a backlog bound admits, each of @charge bytes, queue never empty. */
static unsigned int admitted(u32 charge, u32 max, u32 *queued)
{
	unsigned int frames = 0;

	for (*queued = 0; xenvf_rx_admit(*queued, charge, max, false) &&
	     frames < 100000; frames++)
		*queued += charge;
	return frames;
}

/*
 * A guest that posts nothing: the VF's backlog stops at its bound in
 * bytes, whatever the frames' size (the count follows from the bytes).
 */
static void rx_backlog_bounded_in_bytes(struct kunit *test)
{
	u32 max = xenvf_rx_backlog_max(false), queued, charge;
	unsigned int frames;

	KUNIT_EXPECT_EQ(test, max, 2 * 1024 * 1024);
	for (charge = 768; charge <= 256 * 1024; charge *= 3) {
		frames = admitted(charge, max, &queued);
		KUNIT_EXPECT_LE(test, queued, max);
		KUNIT_EXPECT_GT(test, queued + charge, max);
		KUNIT_EXPECT_EQ(test, frames, max / charge);
	}
}

/*
 * What the bound is for: a full RX poll (64 frames) of MTU frames, in
 * the layouts dom0 hands over (a 128-byte head and a 4 KiB page, as the
 * TX path built them before; a 2 KiB head, the TX path's wholly linear
 * MTU frame, or a 2 KiB receive buffer; a linear 1500-byte skb), and
 * 64 KiB GSO frames (a head and 16 pages) at least twice what one RX
 * ring of 128 pages takes at once. It was 7 of those while the bound was
 * 512 KiB per queue.
 */
static void rx_backlog_holds_a_poll(struct kunit *test)
{
	u32 max = xenvf_rx_backlog_max(false), queued;
	u32 mtu_tx = SKB_TRUESIZE(SKB_DATA_ALIGN(130)) + PAGE_SIZE;
	u32 gso = SKB_TRUESIZE(SKB_DATA_ALIGN(130)) + 16 * PAGE_SIZE;

	KUNIT_EXPECT_GE(test, admitted(mtu_tx, max, &queued), 64u);
	KUNIT_EXPECT_GE(test, admitted(SKB_TRUESIZE(2048), max, &queued), 64u);
	KUNIT_EXPECT_GE(test, admitted(SKB_TRUESIZE(1536), max, &queued), 64u);
	KUNIT_EXPECT_GE(test, admitted(gso, max, &queued), 2u * 128 / 16);
	KUNIT_EXPECT_EQ(test, admitted(gso, max, &queued), max / gso);
	/* and no more than the bytes: not 64 of them (4.2 MiB) */
	KUNIT_EXPECT_LT(test, admitted(gso, max, &queued), 64u);
}

/*
 * One bound for the VF, all queues together: what one queue holds leaves
 * less for the others; an empty queue still takes one frame.
 */
static void rx_backlog_shared_by_queues(struct kunit *test)
{
	u32 max = xenvf_rx_backlog_max(false), charge = 4096 + 768;
	u32 q0 = 0, q1 = 0;

	while (xenvf_rx_admit(q0 + q1, charge, max, !q0))
		q0 += charge;
	/* queue 1 is empty: one frame, then none while the VF is full */
	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(q0 + q1, charge, max, !q1));
	q1 += charge;
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(q0 + q1, charge, max, !q1));
	KUNIT_EXPECT_LE(test, q0 + q1, max + charge);
	/* queue 0 drained by half: queue 1 may grow into it */
	q0 /= 2;
	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(q0 + q1, charge, max, !q1));
}

static void rx_backlog_one_frame_always_fits(struct kunit *test)
{
	u32 max = xenvf_rx_backlog_max(false);

	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(0, 3 * max, max, true));
	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(max, 3 * max, max, true));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(1, 3 * max, max, false));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(1, U32_MAX, max, false));
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(max, 1, max, false));
	KUNIT_EXPECT_TRUE(test, xenvf_rx_admit(max - 1, 1, max, false));
	/* no wrap: a huge charge on a non-empty queue is refused */
	KUNIT_EXPECT_FALSE(test, xenvf_rx_admit(U32_MAX - 10, 20, U32_MAX,
						false));
}

static void rx_backlog_lossless_class(struct kunit *test)
{
	u32 fcoe = xenvf_rx_backlog_max(true);

	/* eight 1 MB FCP reads in 1452-byte FC frames in 2 KiB buffers fit */
	KUNIT_EXPECT_GE(test, (u64)fcoe,
			8ULL * DIV_ROUND_UP(1024 * 1024, 1452) *
			SKB_TRUESIZE(2048));
	KUNIT_EXPECT_GT(test, fcoe, xenvf_rx_backlog_max(false));
	/* but bounded in bytes: 16 MiB for the VF */
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
	KUNIT_CASE(rx_backlog_holds_a_poll),
	KUNIT_CASE(rx_backlog_shared_by_queues),
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
