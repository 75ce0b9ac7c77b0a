// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_rate_calc.c: the per-VF event rate
 * limit's decisions on a fake clock (plain nanosecond values) and a 4 ms
 * tick (HZ=250, the rig's dom0). A VF within evt_rate, bursts included,
 * is never delayed; one a little ahead of it is not delayed by a whole
 * jiffy for a deficit of 50 us; a flood is held to the rate.
 */
#include <kunit/test.h>

#include "msix_vec.c"
#include "back_rate_calc.c"

#define US	1000ULL
#define MS	1000000ULL
#define TICK	(4 * MS)

/* back_rate.c's defaults: 20000 events/s, a burst of 256. */
static void bucket(struct xenvf_rate *r, u32 rate, u64 now)
{
	xenvf_rate_init(r, rate, clamp(rate / 10, 8U, 256U), now);
}

/* Steady rates up to evt_rate, for 5 s: nothing ever waits. */
static void rate_within_never_delayed(struct kunit *test)
{
	static const u32 rates[] = { 100, 5000, 19000, 20000 };
	struct xenvf_rate r;
	unsigned int i;
	u64 t, period;

	for (i = 0; i < ARRAY_SIZE(rates); i++) {
		bucket(&r, 20000, 0);
		period = NSEC_PER_SEC / rates[i];
		for (t = period; t < 5 * NSEC_PER_SEC; t += period) {
			KUNIT_ASSERT_EQ_MSG(test, xenvf_evt_charge(&r, t), 0ULL,
					    "%u/s at %llu ns", rates[i], t);
		}
		KUNIT_EXPECT_EQ(test, r.throttled, 0ULL);
	}
}

/* Bursts of 250 events every 25 ms (10000/s on average): never waits. */
static void rate_bursts_within_never_delayed(struct kunit *test)
{
	struct xenvf_rate r;
	unsigned int n, burst;
	u64 t = 0;

	bucket(&r, 20000, 0);
	for (burst = 0; burst < 200; burst++, t += 25 * MS) {
		for (n = 0; n < 250; n++)
			KUNIT_ASSERT_EQ(test, xenvf_evt_admit(&r, t + n * US, TICK), 0UL);
	}
	KUNIT_EXPECT_EQ(test, r.throttled, 0ULL);
}

/*
 * The bucket just ran dry: the next event's turn is 50 us away. It is
 * served at once (no 4 ms jiffy for a 50 us deficit), and so is every
 * event until the VF is a whole tick ahead of the rate.
 */
static void rate_sub_tick_deficit_served_at_once(struct kunit *test)
{
	struct xenvf_rate r;
	unsigned int n, at_once = 0;

	bucket(&r, 20000, 0);
	for (n = 0; n < 256; n++)
		KUNIT_ASSERT_EQ(test, xenvf_evt_charge(&r, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_evt_charge(&r, 0), 50 * US);
	bucket(&r, 20000, 0);
	while (xenvf_evt_admit(&r, 0, TICK) == 0 && at_once < 100000)
		at_once++;
	/* the burst, then a tick's worth (4 ms at 20000/s: 80) */
	KUNIT_EXPECT_EQ(test, at_once, 256U + 79U);
	KUNIT_EXPECT_EQ(test, r.throttled, 1ULL);
}

/* Beyond a tick ahead: the wait is how far ahead, in whole ticks. */
static void rate_delay_proportional(struct kunit *test)
{
	struct xenvf_rate r;
	unsigned int k;

	bucket(&r, 1000, 0);		/* 1 ms a token, burst 100 */
	for (k = 0; k < 100; k++)
		KUNIT_ASSERT_EQ(test, xenvf_evt_charge(&r, 0), 0ULL);
	for (k = 1; k <= 40; k++) {
		struct xenvf_rate c = r;

		KUNIT_EXPECT_EQ(test, xenvf_evt_charge(&c, 0), k * MS);
		KUNIT_EXPECT_EQ(test, xenvf_evt_admit(&r, 0, TICK),
				(unsigned long)(k * MS / TICK));
	}
	/* after waiting its turn, the next one queues one period behind */
	KUNIT_EXPECT_EQ(test, xenvf_evt_charge(&r, 40 * MS), 1 * MS);
	/* idle long enough: a full bucket again */
	for (k = 0; k < 100; k++)
		KUNIT_ASSERT_EQ(test, xenvf_evt_charge(&r, 10 * NSEC_PER_SEC), 0ULL);
	KUNIT_EXPECT_GT(test, xenvf_evt_charge(&r, 10 * NSEC_PER_SEC), 0ULL);
}

/*
 * A flood through lateeoi: each next event comes as soon as the last one
 * was served (at once, or after its ticks). Over 2 s it is served at the
 * rate: no more than burst + rate * (2 s + 2 ticks), and not held far
 * below it either.
 */
static void rate_flood_held_to_rate(struct kunit *test)
{
	static const u32 rates[] = { 50, 1000, 20000 };
	struct xenvf_rate r;
	unsigned int i;
	u64 t, served, max;

	for (i = 0; i < ARRAY_SIZE(rates); i++) {
		bucket(&r, rates[i], 0);
		for (t = 0, served = 0; t < 2 * NSEC_PER_SEC; served++)
			t += xenvf_evt_admit(&r, t, TICK) * TICK + 1 * US;
		max = r.burst + (u64)rates[i] * 2 + DIV_ROUND_UP_ULL(2 * TICK * rates[i],
								   NSEC_PER_SEC);
		KUNIT_EXPECT_LE_MSG(test, served, max, "rate %u", rates[i]);
		KUNIT_EXPECT_GE_MSG(test, served, (u64)rates[i] * 2 * 9 / 10,
				    "rate %u", rates[i]);
		KUNIT_EXPECT_GT(test, r.throttled, 0ULL);
	}
}

/*
 * Events that keep coming while deferred (1 us apart, each charged):
 * served no sooner than their tokens accrue, less two ticks; a deeper
 * flood waits the cap per event and its debt is kept, not forgiven.
 */
static void rate_flood_ignoring_delays(struct kunit *test)
{
	struct xenvf_rate r;
	u64 t, serve, late = 0;
	unsigned int n;

	bucket(&r, 20000, 0);
	for (n = 0, t = 0; n < 20000; n++, t += 1 * US) {
		serve = t + xenvf_evt_admit(&r, t, TICK) * TICK;
		if (n > 256 && serve + 2 * TICK < (u64)(n - 256) * 50 * US)
			late++;
	}
	KUNIT_EXPECT_EQ(test, late, 0ULL);
	for (n = 0; n < 1000000; n++)
		KUNIT_ASSERT_LE(test, xenvf_evt_charge(&r, t), XENVF_EVT_LEAD_MAX_NS);
	/* 50 s of debt: a second later, still a full wait */
	KUNIT_EXPECT_EQ(test, xenvf_evt_charge(&r, t + NSEC_PER_SEC),
			XENVF_EVT_LEAD_MAX_NS);
}

/* A clock that steps back refills nothing; the wait stays capped. */
static void rate_clock_backwards(struct kunit *test)
{
	struct xenvf_rate r;
	unsigned int n;

	bucket(&r, 1000, 10 * NSEC_PER_SEC);
	for (n = 0; n < 100; n++)
		KUNIT_ASSERT_EQ(test, xenvf_evt_charge(&r, 10 * NSEC_PER_SEC), 0ULL);
	KUNIT_EXPECT_EQ(test, xenvf_evt_charge(&r, 5 * NSEC_PER_SEC),
			XENVF_EVT_LEAD_MAX_NS);
	/* both charges queued: the next token is 2 ms away */
	KUNIT_EXPECT_EQ(test, xenvf_evt_charge(&r, 10 * NSEC_PER_SEC), 2 * MS);
}

static struct kunit_case xenvf_back_rate_cases[] = {
	KUNIT_CASE(rate_within_never_delayed),
	KUNIT_CASE(rate_bursts_within_never_delayed),
	KUNIT_CASE(rate_sub_tick_deficit_served_at_once),
	KUNIT_CASE(rate_delay_proportional),
	KUNIT_CASE(rate_flood_held_to_rate),
	KUNIT_CASE(rate_flood_ignoring_delays),
	KUNIT_CASE(rate_clock_backwards),
	{}
};

static struct kunit_suite xenvf_back_rate_suite = {
	.name = "xenvf_back_rate",
	.test_cases = xenvf_back_rate_cases,
};

kunit_test_suite(xenvf_back_rate_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf backend's event rate limit");
MODULE_LICENSE("GPL");
