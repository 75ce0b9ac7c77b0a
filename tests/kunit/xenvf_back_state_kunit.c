// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_state.c: the backend's xenbus state walk
 * and its reaction to the frontend's states (reconnect after a refusal).
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

/* Walk from @cur to the target the frontend's state @fe asks for. */
static enum xenbus_state react(struct kunit *test, enum xenbus_state cur,
			       enum xenbus_state fe, bool online)
{
	enum xenbus_state target = xenvf_back_state_target(cur, fe, online);
	int steps;

	KUNIT_ASSERT_NE(test, target, XenbusStateUnknown);
	for (steps = 0; cur != target && steps < 4; steps++) {
		enum xenbus_state next = xenvf_back_state_step(cur, target);

		KUNIT_ASSERT_TRUE(test, is_edge(cur, next));
		cur = next;
	}
	KUNIT_EXPECT_EQ(test, cur, target);
	return cur;
}

/*
 * A refused connect leaves the backend in Closing (InitWait -> Closing);
 * the frontend sees it, goes Closed, and the backend offers InitWait again
 * (netback's "prepare for reconnect"), then connects when the frontend is
 * Initialised once more.
 */
static void back_state_refused_then_reconnect(struct kunit *test)
{
	enum xenbus_state cur = XenbusStateInitWait;

	KUNIT_EXPECT_EQ(test, xenvf_back_state_target(cur, XenbusStateInitialised,
						      true),
			XenbusStateConnected);
	cur = xenvf_back_state_step(cur, XenbusStateClosing);	/* refused */
	KUNIT_ASSERT_EQ(test, cur, XenbusStateClosing);
	cur = react(test, cur, XenbusStateClosed, true);
	KUNIT_EXPECT_EQ(test, cur, XenbusStateInitWait);
	cur = react(test, cur, XenbusStateInitialising, true);
	KUNIT_EXPECT_EQ(test, cur, XenbusStateInitWait);
	cur = react(test, cur, XenbusStateInitialised, true);
	KUNIT_EXPECT_EQ(test, cur, XenbusStateConnected);
}

/* A frontend that re-initialises without passing Closed is met too. */
static void back_state_refused_then_initialising(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, react(test, XenbusStateClosing,
				    XenbusStateInitialising, true),
			XenbusStateInitWait);
	KUNIT_EXPECT_EQ(test, react(test, XenbusStateClosed,
				    XenbusStateInitialising, true),
			XenbusStateInitWait);
}

/*
 * After a refusal (or a violation) a frontend still showing Initialised or
 * Connected is not connected to again with the same keys: the backend
 * waits for it to re-initialise.
 */
static void back_state_no_retry_without_reinit(struct kunit *test)
{
	static const enum xenbus_state waiting[] = {
		XenbusStateClosing, XenbusStateClosed,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(waiting); i++) {
		KUNIT_EXPECT_EQ(test,
				xenvf_back_state_target(waiting[i],
							XenbusStateInitialised, true),
				waiting[i]);
		KUNIT_EXPECT_EQ(test,
				xenvf_back_state_target(waiting[i],
							XenbusStateConnected, true),
				waiting[i]);
	}
	KUNIT_EXPECT_EQ(test, xenvf_back_state_target(XenbusStateConnected,
						      XenbusStateConnected, true),
			XenbusStateConnected);
}

/* A violation: Connected -> Closing, then the same way back. */
static void back_state_violation_then_reconnect(struct kunit *test)
{
	enum xenbus_state cur;

	cur = xenvf_back_state_step(XenbusStateConnected, XenbusStateClosing);
	KUNIT_ASSERT_EQ(test, cur, XenbusStateClosing);
	cur = react(test, cur, XenbusStateClosing, true);
	KUNIT_EXPECT_EQ(test, cur, XenbusStateClosing);
	cur = react(test, cur, XenbusStateClosed, true);
	KUNIT_EXPECT_EQ(test, cur, XenbusStateInitWait);
}

/* Offline or vanished: Closed (the caller then removes the device). */
static void back_state_offline_closes(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(reachable); i++) {
		KUNIT_EXPECT_EQ(test, react(test, reachable[i],
					    XenbusStateClosed, false),
				XenbusStateClosed);
		KUNIT_EXPECT_EQ(test, react(test, reachable[i],
					    XenbusStateUnknown, true),
				XenbusStateClosed);
	}
	KUNIT_EXPECT_EQ(test, xenvf_back_state_target(XenbusStateConnected,
						      XenbusStateReconfiguring,
						      true),
			XenbusStateUnknown);
}

static struct kunit_case xenvf_back_state_cases[] = {
	KUNIT_CASE(back_state_same_state_is_noop),
	KUNIT_CASE(back_state_every_target_reached_by_edges),
	KUNIT_CASE(back_state_leaving_connected_passes_closing),
	KUNIT_CASE(back_state_rejects_invalid_target),
	KUNIT_CASE(back_state_rejects_invalid_current),
	KUNIT_CASE(back_state_refused_then_reconnect),
	KUNIT_CASE(back_state_refused_then_initialising),
	KUNIT_CASE(back_state_no_retry_without_reinit),
	KUNIT_CASE(back_state_violation_then_reconnect),
	KUNIT_CASE(back_state_offline_closes),
	{}
};

static struct kunit_suite xenvf_back_state_suite = {
	.name = "xenvf_back_state",
	.test_cases = xenvf_back_state_cases,
};

kunit_test_suite(xenvf_back_state_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-back xenbus state walk");
MODULE_LICENSE("GPL");
