// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_credit_calc.c, a VF's TX credit shaper,
 * on a fake clock (plain nanosecond values, a 4 ms tick as HZ=250), and
 * for common/rate_spec.c as the backend builds it (the `rate` key). A
 * VF kept busy moves at its limit; credit is given at interval starts
 * only; a packet bigger than an interval's credit goes when a whole
 * interval's is there and its debt is paid before the next; idle credit
 * is capped without overflow; a wait is never more than a second.
 */
#include <kunit/test.h>

#include "back_credit_calc.c"
#include "rate_spec.c"

#define MS	NSEC_PER_MSEC
#define TICK	(4 * MS)

/* 2 Mb/s every 20 ms: 5000 B an interval. */
static void credit_2mbit(struct xenvf_credit *c, u64 now)
{
	xenvf_credit_set(c, 5000, 20 * MS, TICK, now);
}

/*
 * A sender that always has a packet of @len, sent as soon as the credit
 * allows (the clock moved to each wait's end) for @secs: bytes sent.
 */
static u64 busy_sender(struct kunit *test, struct xenvf_credit *c, u64 len,
		       unsigned int secs)
{
	u64 t = 0, sent = 0, wait;

	while (t < secs * NSEC_PER_SEC) {
		wait = xenvf_credit_take(c, len, t);
		if (!wait) {
			sent += len;
			continue;
		}
		KUNIT_ASSERT_GE(test, wait, 1ULL);
		KUNIT_ASSERT_LE(test, wait, (u64)XENVF_CREDIT_WAIT_MAX_NS);
		t += wait;
	}
	return sent;
}

/*
 * At 1500 B, 64 B and 64 KiB (GSO) packets, 10 s: the limit's bytes, plus
 * at most the full bucket and one packet.
 */
static void credit_busy_at_limit(struct kunit *test)
{
	static const u64 lens[] = { 64, 1500, 9014, 65536 };
	struct xenvf_credit c;
	u64 limit = 250000ULL * 10, sent;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		credit_2mbit(&c, 0);
		sent = busy_sender(test, &c, lens[i], 10);
		KUNIT_EXPECT_GE_MSG(test, sent, limit - lens[i], "%llu B", lens[i]);
		KUNIT_EXPECT_LE_MSG(test, sent, limit + c.burst + lens[i],
				    "%llu B", lens[i]);
	}
}

/* The bucket holds two intervals' credit; none comes before an interval. */
static void credit_interval_edge(struct kunit *test)
{
	struct xenvf_credit c;
	unsigned int i;

	credit_2mbit(&c, 0);
	KUNIT_EXPECT_EQ(test, c.burst, 10000ULL);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 2000, 0), 0ULL);
	/* empty: the next packet's turn is the next interval, exactly */
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 2000, 0), 20 * MS);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 2000, 20 * MS - 1), 1ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 2000, 20 * MS), 0ULL);
	/* 3000 B left of this interval's 5000 */
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 3000, 39 * MS), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 39 * MS), MS);
	/* 8 intervals later: capped at the bucket, not 40000 B */
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 180 * MS), 0ULL);
	KUNIT_EXPECT_EQ(test, c.remaining, 9999LL);
}

/*
 * A 64 KiB packet against 5000 B an interval: it goes on a whole
 * interval's credit (the bucket was full), and its 55536 B of debt are
 * paid before anything else goes: 1 B waits 12 intervals, another 64 KiB
 * packet 13 (it needs a whole interval's credit again).
 */
static void credit_oversized_once(struct kunit *test)
{
	struct xenvf_credit c;

	credit_2mbit(&c, 0);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, c.remaining, 10000LL - 65536);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 0), 12 * 20 * MS);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 0), 13 * 20 * MS);
	/* 4464 B there, under an interval's: the next interval */
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 240 * MS), 20 * MS);
	KUNIT_EXPECT_EQ(test, c.remaining, 4464LL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 260 * MS), 0ULL);
	KUNIT_EXPECT_EQ(test, c.remaining, 9464LL - 65536);
}

/* Idle for hours, or the clock near 2^64: full, never wrapped. */
static void credit_idle_no_overflow(struct kunit *test)
{
	struct xenvf_credit c;
	u64 far = U64_MAX - NSEC_PER_SEC;

	credit_2mbit(&c, 0);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1500, 3600 * NSEC_PER_SEC),
			0ULL);
	KUNIT_EXPECT_EQ(test, c.remaining, 10000LL - 1500);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1500, far), 0ULL);
	KUNIT_EXPECT_EQ(test, c.remaining, 10000LL - 1500);
	KUNIT_EXPECT_LE(test, c.window_ns, far);
	/* the biggest rate: 100 Gb/s every 10 s, a wide bucket, no wrap */
	xenvf_credit_set(&c, 125000000000ULL, 10 * NSEC_PER_SEC, TICK, 0);
	KUNIT_EXPECT_EQ(test, c.burst, 250000000000ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, far), 0ULL);
	KUNIT_EXPECT_EQ(test, c.remaining, 250000000000LL - 65536);
}

/* The clock going back gives no credit; no limit never waits. */
static void credit_clock_back_and_unlimited(struct kunit *test)
{
	struct xenvf_credit c;

	credit_2mbit(&c, 100 * MS);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 10000, 100 * MS), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 50 * MS), 70 * MS);
	KUNIT_EXPECT_EQ(test, c.remaining, 0LL);
	xenvf_credit_set(&c, 0, 20 * MS, TICK, 0);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 65536, 0), 0ULL);
}

/*
 * Intervals shorter than a tick: the bucket spans a tick more, so a
 * wake-up a tick after its time loses no credit. A wait is at most 1 s
 * (a 10 s interval: asked again each second).
 */
static void credit_short_interval_and_wait_cap(struct kunit *test)
{
	struct xenvf_credit c;
	u64 sent;

	xenvf_credit_set(&c, 125, MS, TICK, 0);		/* 1 Mb/s every 1 ms */
	KUNIT_EXPECT_EQ(test, c.burst, 125ULL * 5);
	sent = busy_sender(test, &c, 1500, 10);
	KUNIT_EXPECT_GE(test, sent, 1250000ULL - 1500);
	KUNIT_EXPECT_LE(test, sent, 1250000ULL + c.burst + 1500);
	xenvf_credit_set(&c, 1000, 10 * NSEC_PER_SEC, TICK, 0);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 2000, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 0),
			(u64)XENVF_CREDIT_WAIT_MAX_NS);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 9 * NSEC_PER_SEC),
			(u64)XENVF_CREDIT_WAIT_MAX_NS);
	KUNIT_EXPECT_EQ(test, xenvf_credit_take(&c, 1, 10 * NSEC_PER_SEC), 0ULL);
}

/* The `rate` key as the backend reads it (cmocka tests every form). */
static void rate_spec_kernel_forms(struct kunit *test)
{
	struct xenvf_rate_spec r;

	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("10Mb/s@20ms", &r), 0);
	KUNIT_EXPECT_EQ(test, r.bits_per_sec, 10000000ULL);
	KUNIT_EXPECT_EQ(test, r.interval_us, 20000U);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_credit(&r), 25000ULL);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("500", &r), 0);
	KUNIT_EXPECT_EQ(test, r.bits_per_sec, 500000000ULL);
	KUNIT_EXPECT_EQ(test, r.interval_us, 50000U);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_mbps(&r), 500U);
	KUNIT_EXPECT_TRUE(test, xenvf_rate_spec_mbps_exact(&r));
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("1KB/s@1s", &r), 0);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_mbps(&r), 1U);
	KUNIT_EXPECT_FALSE(test, xenvf_rate_spec_mbps_exact(&r));
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("10Mb/s@", &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("10Mb", &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("100001", &r), -ERANGE);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("101Gb/s", &r), -ERANGE);
	KUNIT_EXPECT_EQ(test, xenvf_rate_spec_parse("99999999999999999999999Mb/s",
						    &r), -ERANGE);
}

static struct kunit_case credit_test_cases[] = {
	KUNIT_CASE(credit_busy_at_limit),
	KUNIT_CASE(credit_interval_edge),
	KUNIT_CASE(credit_oversized_once),
	KUNIT_CASE(credit_idle_no_overflow),
	KUNIT_CASE(credit_clock_back_and_unlimited),
	KUNIT_CASE(credit_short_interval_and_wait_cap),
	KUNIT_CASE(rate_spec_kernel_forms),
	{}
};

static struct kunit_suite credit_test_suite = {
	.name = "xenvf_back_credit",
	.test_cases = credit_test_cases,
};

kunit_test_suite(credit_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit: the xenvf backend's TX credit shaper on a fake clock");
