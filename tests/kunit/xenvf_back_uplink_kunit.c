// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_uplink_pick.c: which netdevs the backend
 * takes as its uplink (a plain Ethernet netdev, a bridge) and which it
 * refuses, with what error; and what netdev events do to an uplink
 * configured by name, played as dom0 sees them (loaded before the uplink
 * exists, the uplink created, deleted, re-created, renamed).
 */
#include <kunit/test.h>

#include "back_uplink_pick.c"

static const struct xenvf_uplink_dev veth = {
	.ether = true, .init_net = true,
};

/* A plain netdev and a bridge are taken, each as its own kind. */
static void uplink_taken_kinds(struct kunit *test)
{
	struct xenvf_uplink_dev d = veth;

	KUNIT_EXPECT_EQ(test, xenvf_uplink_judge(&d), XENVF_UPLINK_NETDEV);
	KUNIT_EXPECT_TRUE(test, xenvf_uplink_taken(XENVF_UPLINK_NETDEV));
	KUNIT_EXPECT_EQ(test, xenvf_uplink_errno(XENVF_UPLINK_NETDEV), 0);
	d.bridge = true;
	KUNIT_EXPECT_EQ(test, xenvf_uplink_judge(&d), XENVF_UPLINK_BRIDGE);
	KUNIT_EXPECT_TRUE(test, xenvf_uplink_taken(XENVF_UPLINK_BRIDGE));
	KUNIT_EXPECT_EQ(test, xenvf_uplink_errno(XENVF_UPLINK_BRIDGE), 0);
}

/* Every refused combination, its kind and its error. */
static void uplink_refused_kinds(struct kunit *test)
{
	static const struct {
		struct xenvf_uplink_dev d;
		enum xenvf_uplink_kind k;
		int err;
	} t[] = {
		{ { .init_net = true }, XENVF_UPLINK_NOT_ETHER, -EINVAL },
		{ { .ether = true }, XENVF_UPLINK_OTHER_NET, -EINVAL },
		{ { .ether = true, .init_net = true, .rep = true },
		  XENVF_UPLINK_REP, -EINVAL },
		/* a bridge port: the bridge's rx_handler owns it */
		{ { .ether = true, .init_net = true, .port = true,
		    .port_of_bridge = true, .rx_handler = true },
		  XENVF_UPLINK_BRIDGE_PORT, -EBUSY },
		/* a bond's port */
		{ { .ether = true, .init_net = true, .port = true,
		    .rx_handler = true }, XENVF_UPLINK_PORT, -EBUSY },
		/* macvlan's lower device */
		{ { .ether = true, .init_net = true, .rx_handler = true },
		  XENVF_UPLINK_BUSY, -EBUSY },
		/* a bridge that is itself a port of a bridge */
		{ { .ether = true, .init_net = true, .bridge = true,
		    .port = true, .port_of_bridge = true, .rx_handler = true },
		  XENVF_UPLINK_BRIDGE_PORT, -EBUSY },
		/* a bridge with a macvlan on it */
		{ { .ether = true, .init_net = true, .bridge = true,
		    .rx_handler = true }, XENVF_UPLINK_BUSY, -EBUSY },
		/* not Ethernet wins over everything else */
		{ { .bridge = true, .port = true, .rx_handler = true },
		  XENVF_UPLINK_NOT_ETHER, -EINVAL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		enum xenvf_uplink_kind k = xenvf_uplink_judge(&t[i].d);

		KUNIT_EXPECT_EQ_MSG(test, k, t[i].k, "case %u", i);
		KUNIT_EXPECT_FALSE_MSG(test, xenvf_uplink_taken(k), "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, xenvf_uplink_errno(k), t[i].err,
				    "case %u", i);
	}
	KUNIT_EXPECT_STREQ(test, xenvf_uplink_why(XENVF_UPLINK_BRIDGE_PORT),
			   "a port of bridge");
	KUNIT_EXPECT_STREQ(test, xenvf_uplink_why(XENVF_UPLINK_KIND_NR),
			   "unknown");
}

/* dom0 as the notifier sees it: one configured name, one netdev at a time. */
struct sim {
	enum xenvf_uplink_state st;
	bool present;		/* a netdev has the configured name */
	bool attached;		/* it is the attached uplink */
	unsigned int attaches, detaches, links;
};

/* An event on the netdev that has (or had) the configured name. */
static void ev(struct sim *s, enum xenvf_uplink_event e, bool named,
	       bool accepted)
{
	switch (xenvf_uplink_on_event(s->st, e, s->attached, named)) {
	case XENVF_UACT_ATTACH:
		if (!accepted)
			break;	/* refused: logged, still waiting */
		s->attached = true;
		s->st = XENVF_UPLINK_ATTACHED;
		s->attaches++;
		break;
	case XENVF_UACT_DETACH:
		s->attached = false;
		s->st = XENVF_UPLINK_WAITING;
		s->detaches++;
		break;
	case XENVF_UACT_LINK:
		s->links++;
		break;
	case XENVF_UACT_NONE:
		break;
	}
}

/* Loaded before the uplink exists; created, deleted, created again. */
static void uplink_late_and_recreated(struct kunit *test)
{
	struct sim s = { .st = XENVF_UPLINK_WAITING };

	ev(&s, XENVF_UEV_REGISTER, false, true);	/* another netdev */
	ev(&s, XENVF_UEV_LINK, false, true);
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_WAITING);
	KUNIT_EXPECT_EQ(test, s.attaches, 0);
	ev(&s, XENVF_UEV_REGISTER, true, true);		/* ip link add up0 */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_ATTACHED);
	KUNIT_EXPECT_EQ(test, s.attaches, 1);
	ev(&s, XENVF_UEV_LINK, true, true);		/* ip link set up0 up */
	KUNIT_EXPECT_EQ(test, s.links, 1);
	ev(&s, XENVF_UEV_UNREGISTER, true, true);	/* ip link del up0 */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_WAITING);
	KUNIT_EXPECT_FALSE(test, s.attached);
	KUNIT_EXPECT_EQ(test, s.detaches, 1);
	ev(&s, XENVF_UEV_LINK, true, true);		/* no longer ours */
	KUNIT_EXPECT_EQ(test, s.links, 1);
	ev(&s, XENVF_UEV_REGISTER, true, true);		/* created again */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_ATTACHED);
	KUNIT_EXPECT_EQ(test, s.attaches, 2);
	/* a second netdev can never take the name of the attached one */
	ev(&s, XENVF_UEV_REGISTER, true, true);
	KUNIT_EXPECT_EQ(test, s.attaches, 2);
}

/* Renamed away: detached; a netdev renamed to the name is attached. */
static void uplink_rename(struct kunit *test)
{
	struct sim s = { .st = XENVF_UPLINK_ATTACHED, .attached = true };

	ev(&s, XENVF_UEV_RENAME, false, true);		/* up0 -> up9 */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_WAITING);
	KUNIT_EXPECT_EQ(test, s.detaches, 1);
	ev(&s, XENVF_UEV_RENAME, true, true);		/* up9 -> up0 */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_ATTACHED);
	KUNIT_EXPECT_EQ(test, s.attaches, 1);
	/* udev's rename at boot: eth0 appears, becomes the configured name */
	s = (struct sim){ .st = XENVF_UPLINK_WAITING };
	ev(&s, XENVF_UEV_REGISTER, false, true);
	ev(&s, XENVF_UEV_RENAME, true, true);
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_ATTACHED);
}

/* A refused netdev under the name: nothing attached, still waiting. */
static void uplink_refused_keeps_waiting(struct kunit *test)
{
	struct sim s = { .st = XENVF_UPLINK_WAITING };

	ev(&s, XENVF_UEV_RENAME, true, false);	/* a bridge port renamed */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_WAITING);
	KUNIT_EXPECT_EQ(test, s.attaches, 0);
	ev(&s, XENVF_UEV_UNREGISTER, true, false);	/* it goes: nothing */
	KUNIT_EXPECT_EQ(test, s.detaches, 0);
	ev(&s, XENVF_UEV_REGISTER, true, true);	/* a plain one comes */
	KUNIT_EXPECT_EQ(test, s.st, XENVF_UPLINK_ATTACHED);
}

/* No uplink configured: no event attaches, detaches or counts anything. */
static void uplink_none_ignores_events(struct kunit *test)
{
	enum xenvf_uplink_event e;

	for (e = XENVF_UEV_REGISTER; e <= XENVF_UEV_OTHER; e++) {
		KUNIT_EXPECT_EQ(test, xenvf_uplink_on_event(XENVF_UPLINK_NONE,
							    e, false, true),
				XENVF_UACT_NONE);
		KUNIT_EXPECT_EQ(test, xenvf_uplink_on_event(XENVF_UPLINK_NONE,
							    e, true, true),
				XENVF_UACT_NONE);
	}
	KUNIT_EXPECT_EQ(test, xenvf_uplink_on_event(XENVF_UPLINK_ATTACHED,
						    XENVF_UEV_OTHER, true, true),
			XENVF_UACT_NONE);
	KUNIT_EXPECT_STREQ(test, xenvf_uplink_state_name(XENVF_UPLINK_NONE), "none");
	KUNIT_EXPECT_STREQ(test, xenvf_uplink_state_name(XENVF_UPLINK_WAITING),
			   "waiting");
	KUNIT_EXPECT_STREQ(test, xenvf_uplink_state_name(XENVF_UPLINK_ATTACHED),
			   "attached");
}

static struct kunit_case xenvf_back_uplink_cases[] = {
	KUNIT_CASE(uplink_taken_kinds),
	KUNIT_CASE(uplink_refused_kinds),
	KUNIT_CASE(uplink_late_and_recreated),
	KUNIT_CASE(uplink_rename),
	KUNIT_CASE(uplink_refused_keeps_waiting),
	KUNIT_CASE(uplink_none_ignores_events),
	{}
};

static struct kunit_suite xenvf_back_uplink_suite = {
	.name = "xenvf_back_uplink",
	.test_cases = xenvf_back_uplink_cases,
};

kunit_test_suite(xenvf_back_uplink_suite);

MODULE_DESCRIPTION("KUnit tests for the choice and life of xenvf-back's uplink");
MODULE_LICENSE("GPL");
