// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for vf_frontend/front_state.c: the frontend's reaction to
 * backend state changes.
 */
#include <kunit/test.h>

#include "front_state.c"

struct front_case {
	enum xenbus_state own, backend;
	enum xenvf_front_action want;
};

static const struct front_case front_cases[] = {
	/* first connection and reconnection after a backend reload */
	{ XenbusStateInitialising, XenbusStateInitWait, XENVF_FRONT_CONNECT },
	{ XenbusStateClosed, XenbusStateInitWait, XENVF_FRONT_CONNECT },
	/* the backend accepted our rings */
	{ XenbusStateInitialised, XenbusStateConnected, XENVF_FRONT_CONNECTED },
	{ XenbusStateConnected, XenbusStateConnected, XENVF_FRONT_NONE },
	{ XenbusStateInitialising, XenbusStateConnected, XENVF_FRONT_NONE },
	/* already connected or on the way: a repeated InitWait is ignored */
	{ XenbusStateInitialised, XenbusStateInitWait, XENVF_FRONT_NONE },
	{ XenbusStateConnected, XenbusStateInitWait, XENVF_FRONT_NONE },
	{ XenbusStateClosing, XenbusStateInitWait, XENVF_FRONT_NONE },
	/* backend goes away */
	{ XenbusStateConnected, XenbusStateClosing, XENVF_FRONT_CLOSE },
	{ XenbusStateConnected, XenbusStateClosed, XENVF_FRONT_CLOSE },
	{ XenbusStateInitialising, XenbusStateClosing, XENVF_FRONT_CLOSE },
	{ XenbusStateClosing, XenbusStateClosed, XENVF_FRONT_CLOSE },
	{ XenbusStateClosed, XenbusStateClosing, XENVF_FRONT_NONE },
	{ XenbusStateClosed, XenbusStateClosed, XENVF_FRONT_NONE },
	/* states that need nothing, or that a backend should never show */
	{ XenbusStateInitialising, XenbusStateInitialising, XENVF_FRONT_NONE },
	{ XenbusStateConnected, XenbusStateUnknown, XENVF_FRONT_NONE },
	{ XenbusStateConnected, XenbusStateReconfiguring, XENVF_FRONT_NONE },
	{ XenbusStateConnected, (enum xenbus_state)42, XENVF_FRONT_NONE },
};

static void front_state_action_table(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(front_cases); i++) {
		const struct front_case *c = &front_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, xenvf_front_action(c->own, c->backend),
				    c->want, "own %d backend %d", c->own,
				    c->backend);
	}
}

static void front_state_backend_gone(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, xenvf_front_backend_gone(XenbusStateClosing));
	KUNIT_EXPECT_TRUE(test, xenvf_front_backend_gone(XenbusStateClosed));
	KUNIT_EXPECT_TRUE(test, xenvf_front_backend_gone(XenbusStateUnknown));
	KUNIT_EXPECT_FALSE(test, xenvf_front_backend_gone(XenbusStateInitWait));
	KUNIT_EXPECT_FALSE(test, xenvf_front_backend_gone(XenbusStateConnected));
}

static struct kunit_case xenvf_front_state_cases[] = {
	KUNIT_CASE(front_state_action_table),
	KUNIT_CASE(front_state_backend_gone),
	{}
};

static struct kunit_suite xenvf_front_state_suite = {
	.name = "xenvf_front_state",
	.test_cases = xenvf_front_state_cases,
};

kunit_test_suite(xenvf_front_state_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-front state reactions");
MODULE_LICENSE("GPL");
