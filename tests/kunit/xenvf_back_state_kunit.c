// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_state.c: the backend's xenbus state walk.
 */
#include <kunit/test.h>

#include "back_state.c"

static const enum xenbus_state reachable[] = {
	XenbusStateInitWait, XenbusStateConnected,
	XenbusStateClosing, XenbusStateClosed,
};

static const enum xenbus_state starts[] = {
	XenbusStateInitialising, XenbusStateInitWait, XenbusStateConnected,
	XenbusStateClosing, XenbusStateClosed,
};

/* The edges of the diagram in back_state.c, and nothing else. */
static bool is_edge(enum xenbus_state from, enum xenbus_state to)
{
	switch (from) {
	case XenbusStateInitialising:
		return to == XenbusStateInitWait || to == XenbusStateClosed;
	case XenbusStateInitWait:
		return to == XenbusStateConnected || to == XenbusStateClosing;
	case XenbusStateConnected:
		return to == XenbusStateClosing;
	case XenbusStateClosing:
		return to == XenbusStateClosed;
	case XenbusStateClosed:
		return to == XenbusStateInitWait || to == XenbusStateClosing;
	default:
		return false;
	}
}

static void back_state_same_state_is_noop(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(reachable); i++)
		KUNIT_EXPECT_EQ(test, xenvf_back_state_step(reachable[i], reachable[i]),
				reachable[i]);
}

static void back_state_every_target_reached_by_edges(struct kunit *test)
{
	int i, j, steps;

	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		for (j = 0; j < ARRAY_SIZE(reachable); j++) {
			enum xenbus_state cur = starts[i], next;

			for (steps = 0; cur != reachable[j] && steps < 5; steps++) {
				next = xenvf_back_state_step(cur, reachable[j]);
				KUNIT_ASSERT_TRUE_MSG(test, is_edge(cur, next),
						      "%d -> %d (target %d) is no edge",
						      cur, next, reachable[j]);
				cur = next;
			}
			KUNIT_EXPECT_EQ_MSG(test, cur, reachable[j],
					    "from %d: not reached", starts[i]);
			KUNIT_EXPECT_LE(test, steps, 3);
		}
	}
}

static void back_state_leaving_connected_passes_closing(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xenvf_back_state_step(XenbusStateConnected,
						    XenbusStateInitWait),
			XenbusStateClosing);
	KUNIT_EXPECT_EQ(test, xenvf_back_state_step(XenbusStateConnected,
						    XenbusStateClosed),
			XenbusStateClosing);
	KUNIT_EXPECT_EQ(test, xenvf_back_state_step(XenbusStateInitWait,
						    XenbusStateClosed),
			XenbusStateClosing);
}

static void back_state_rejects_invalid_target(struct kunit *test)
{
	static const enum xenbus_state bad[] = {
		XenbusStateUnknown, XenbusStateInitialising,
		XenbusStateInitialised, XenbusStateReconfiguring,
		XenbusStateReconfigured, (enum xenbus_state)42,
	};
	int i, j;

	for (i = 0; i < ARRAY_SIZE(starts); i++)
		for (j = 0; j < ARRAY_SIZE(bad); j++)
			if (starts[i] != bad[j])
				KUNIT_EXPECT_EQ(test,
						xenvf_back_state_step(starts[i], bad[j]),
						XenbusStateUnknown);
}

static void back_state_rejects_invalid_current(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xenvf_back_state_step(XenbusStateUnknown,
						    XenbusStateConnected),
			XenbusStateUnknown);
	KUNIT_EXPECT_EQ(test, xenvf_back_state_step(XenbusStateInitialised,
						    XenbusStateClosed),
			XenbusStateUnknown);
	KUNIT_EXPECT_EQ(test, xenvf_back_state_step((enum xenbus_state)42,
						    XenbusStateInitWait),
			XenbusStateUnknown);
}

static struct kunit_case xenvf_back_state_cases[] = {
	KUNIT_CASE(back_state_same_state_is_noop),
	KUNIT_CASE(back_state_every_target_reached_by_edges),
	KUNIT_CASE(back_state_leaving_connected_passes_closing),
	KUNIT_CASE(back_state_rejects_invalid_target),
	KUNIT_CASE(back_state_rejects_invalid_current),
	{}
};

static struct kunit_suite xenvf_back_state_suite = {
	.name = "xenvf_back_state",
	.test_cases = xenvf_back_state_cases,
};

kunit_test_suite(xenvf_back_state_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-back xenbus state walk");
MODULE_LICENSE("GPL");
