// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for napi/xenvf_napi.c: how a poll of two rings shares NAPI's
 * budget (TX first, half of it while RX frames wait; RX what TX left),
 * when it goes on, and what it returns to NAPI (the whole budget only to
 * be polled again, else under the budget).
 */
#include <kunit/test.h>

#include "xenvf_napi.c"

#define WEIGHT	64	/* NAPI_POLL_WEIGHT */

/* TX alone takes up to its ceiling; RX then what TX left. */
static void napi_share_tx_alone(struct kunit *test)
{
	struct xenvf_napi_share s;

	xenvf_napi_begin(&s, WEIGHT, 64, false);
	KUNIT_EXPECT_EQ(test, s.tx, 64U);
	KUNIT_EXPECT_EQ(test, xenvf_napi_rx_share(&s, 10, 64), 54U);
	KUNIT_EXPECT_EQ(test, s.rx, 54U);
	/* a ceiling under the budget bounds TX */
	xenvf_napi_begin(&s, WEIGHT, 16, false);
	KUNIT_EXPECT_EQ(test, s.tx, 16U);
	KUNIT_EXPECT_EQ(test, xenvf_napi_rx_share(&s, 16, 32), 32U);
}

/* Frames wait for RX: TX gets half, RX keeps at least the other half. */
static void napi_share_rx_waiting(struct kunit *test)
{
	static const int budgets[] = { 1, 2, 7, 8, 63, 64, 300 };
	struct xenvf_napi_share s;
	unsigned int i, tx;

	for (i = 0; i < ARRAY_SIZE(budgets); i++) {
		xenvf_napi_begin(&s, budgets[i], 1000, true);
		KUNIT_EXPECT_EQ(test, s.tx, budgets[i] - budgets[i] / 2);
		for (tx = 0; tx <= s.tx; tx++) {
			xenvf_napi_rx_share(&s, tx, 1000);
			/* never more than the budget in all */
			KUNIT_EXPECT_EQ(test, tx + s.rx, (unsigned int)budgets[i]);
			KUNIT_EXPECT_GE(test, s.rx, (unsigned int)budgets[i] / 2);
		}
	}
	/* RX's own ceiling */
	xenvf_napi_begin(&s, WEIGHT, 64, true);
	KUNIT_EXPECT_EQ(test, xenvf_napi_rx_share(&s, 0, 16), 16U);
}

/* TX took the whole budget: nothing is left for RX, and it goes on. */
static void napi_share_tx_took_all(struct kunit *test)
{
	struct xenvf_napi_share s;

	xenvf_napi_begin(&s, WEIGHT, 64, false);
	KUNIT_EXPECT_EQ(test, xenvf_napi_rx_share(&s, 64, 64), 0U);
	KUNIT_EXPECT_TRUE(test, xenvf_napi_more(&s, 64, 0));
	/* a TX count past its share (a caller's bug) leaves RX nothing */
	KUNIT_EXPECT_EQ(test, xenvf_napi_rx_share(&s, 70, 64), 0U);
}

/* More work: a ring used its whole share; not when both stopped short. */
static void napi_more(struct kunit *test)
{
	struct xenvf_napi_share s;

	xenvf_napi_begin(&s, WEIGHT, 64, true);		/* TX 32 */
	xenvf_napi_rx_share(&s, 31, 64);		/* RX 33 */
	KUNIT_EXPECT_FALSE(test, xenvf_napi_more(&s, 31, 32));
	KUNIT_EXPECT_TRUE(test, xenvf_napi_more(&s, 31, 33));
	xenvf_napi_rx_share(&s, 32, 64);
	KUNIT_EXPECT_TRUE(test, xenvf_napi_more(&s, 32, 0));
	/* idle */
	xenvf_napi_begin(&s, WEIGHT, 64, false);
	xenvf_napi_rx_share(&s, 0, 64);
	KUNIT_EXPECT_FALSE(test, xenvf_napi_more(&s, 0, 0));
}

/* Budget 0 (netpoll): nothing taken, nothing more, 0 returned. */
static void napi_zero_budget(struct kunit *test)
{
	struct xenvf_napi_share s;

	xenvf_napi_begin(&s, 0, 64, true);
	KUNIT_EXPECT_EQ(test, s.tx, 0U);
	KUNIT_EXPECT_EQ(test, xenvf_napi_rx_share(&s, 0, 64), 0U);
	KUNIT_EXPECT_FALSE(test, xenvf_napi_more(&s, 0, 0));
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(0, 0, false), 0);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(0, 5, true), 0);
	xenvf_napi_begin(&s, -1, 64, false);
	KUNIT_EXPECT_EQ(test, s.tx, 0U);
}

/*
 * NAPI polls again exactly a poll that returns its budget: a poll that
 * goes on returns the budget, one that completed returns less, even when
 * its work filled the budget (completed for the VF's rate).
 */
static void napi_ret(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(WEIGHT, 10, true), WEIGHT);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(WEIGHT, 10, false), 10);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(WEIGHT, 0, false), 0);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(WEIGHT, 63, false), 63);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(WEIGHT, 64, false), 63);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(WEIGHT, 200, false), 63);
	KUNIT_EXPECT_EQ(test, xenvf_napi_ret(1, 1, false), 0);
}

static struct kunit_case xenvf_napi_cases[] = {
	KUNIT_CASE(napi_share_tx_alone),
	KUNIT_CASE(napi_share_rx_waiting),
	KUNIT_CASE(napi_share_tx_took_all),
	KUNIT_CASE(napi_more),
	KUNIT_CASE(napi_zero_budget),
	KUNIT_CASE(napi_ret),
	{}
};

static struct kunit_suite xenvf_napi_suite = {
	.name = "xenvf_napi",
	.test_cases = xenvf_napi_cases,
};

kunit_test_suite(xenvf_napi_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf's NAPI poll-budget helpers");
MODULE_LICENSE("GPL");
