// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which netdev the backend takes as its uplink, and what netdev events do
 * to an uplink configured by name. Pure (back_uplink_pick.h); KUnit-tested.
 */
#include <linux/errno.h>

#include "back_uplink_pick.h"

/**
 * xenvf_uplink_judge() - what the backend makes of a candidate uplink
 * @d: the netdev's facts
 *
 * A bridge is taken as an endpoint of its own stack (as macvlan over it
 * would be): the backend sends into the bridge and is handed what the
 * bridge passes up. A port of a bridge is not: the bridge's rx_handler
 * owns it, and the bridge is the uplink to name instead. A port of a bond
 * or team likewise. A refusal is checked before another's rx_handler, so
 * the message names the master where there is one.
 *
 * Return: XENVF_UPLINK_NETDEV or XENVF_UPLINK_BRIDGE (taken), or why not.
 */
enum xenvf_uplink_kind xenvf_uplink_judge(const struct xenvf_uplink_dev *d)
{
	if (!d->ether)
		return XENVF_UPLINK_NOT_ETHER;
	if (!d->init_net)
		return XENVF_UPLINK_OTHER_NET;
	if (d->rep)
		return XENVF_UPLINK_REP;
	if (d->port_of_bridge)
		return XENVF_UPLINK_BRIDGE_PORT;
	if (d->port)
		return XENVF_UPLINK_PORT;
	if (d->rx_handler)
		return XENVF_UPLINK_BUSY;
	return d->bridge ? XENVF_UPLINK_BRIDGE : XENVF_UPLINK_NETDEV;
}

/**
 * xenvf_uplink_taken() - does the backend attach a netdev of this kind?
 * @k: xenvf_uplink_judge()'s answer
 *
 * Return: true for a plain netdev or a bridge.
 */
bool xenvf_uplink_taken(enum xenvf_uplink_kind k)
{
	return k == XENVF_UPLINK_NETDEV || k == XENVF_UPLINK_BRIDGE;
}

/**
 * xenvf_uplink_errno() - the error a refusal returns to the admin
 * @k: a refused kind
 *
 * Return: -EBUSY where another device owns it (a master, an rx_handler),
 * -EINVAL where it can never be an uplink, 0 for a taken kind.
 */
int xenvf_uplink_errno(enum xenvf_uplink_kind k)
{
	switch (k) {
	case XENVF_UPLINK_NETDEV:
	case XENVF_UPLINK_BRIDGE:
		return 0;
	case XENVF_UPLINK_BRIDGE_PORT:
	case XENVF_UPLINK_PORT:
	case XENVF_UPLINK_BUSY:
		return -EBUSY;
	default:
		return -EINVAL;
	}
}

static const char *const why[XENVF_UPLINK_KIND_NR] = {
	[XENVF_UPLINK_NETDEV]		= "an Ethernet device",
	[XENVF_UPLINK_BRIDGE]		= "a bridge",
	[XENVF_UPLINK_NOT_ETHER]	= "not an Ethernet device",
	[XENVF_UPLINK_OTHER_NET]	= "not in the initial network namespace",
	[XENVF_UPLINK_REP]		= "a xenvf representor",
	[XENVF_UPLINK_BRIDGE_PORT]	= "a port of bridge",
	[XENVF_UPLINK_PORT]		= "enslaved to",
	[XENVF_UPLINK_BUSY]		=
		"already has an rx_handler (macvlan, ipvlan, openvswitch...)",
};

/**
 * xenvf_uplink_why() - the words of a log line for a kind
 * @k: xenvf_uplink_judge()'s answer
 *
 * Return: a phrase; for the two port kinds the master's name follows it.
 */
const char *xenvf_uplink_why(enum xenvf_uplink_kind k)
{
	return k < XENVF_UPLINK_KIND_NR ? why[k] : "unknown";
}

/**
 * xenvf_uplink_on_event() - what a netdev event does to the uplink
 * @st: where the configured uplink stands
 * @ev: the event
 * @ours: the event's netdev is the attached uplink
 * @named: the event's netdev now has the configured name, in the initial
 *	namespace
 *
 * With an uplink configured by name: a netdev that appears under that name
 * (registered, moved into the initial namespace, renamed to it) is tried
 * while none is attached; the attached one going (unregistered, moved
 * out, renamed away) is detached and its name waited for again; the
 * attached one's link changes are passed on. Nothing else matters, and
 * nothing at all without a configured uplink.
 *
 * Return: the action.
 */
enum xenvf_uplink_act xenvf_uplink_on_event(enum xenvf_uplink_state st,
					    enum xenvf_uplink_event ev,
					    bool ours, bool named)
{
	if (st == XENVF_UPLINK_NONE)
		return XENVF_UACT_NONE;
	if (ours && st == XENVF_UPLINK_ATTACHED) {
		switch (ev) {
		case XENVF_UEV_UNREGISTER:
			return XENVF_UACT_DETACH;
		case XENVF_UEV_RENAME:
			return named ? XENVF_UACT_NONE : XENVF_UACT_DETACH;
		case XENVF_UEV_LINK:
			return XENVF_UACT_LINK;
		default:
			return XENVF_UACT_NONE;
		}
	}
	if (st == XENVF_UPLINK_WAITING && named &&
	    (ev == XENVF_UEV_REGISTER || ev == XENVF_UEV_RENAME))
		return XENVF_UACT_ATTACH;
	return XENVF_UACT_NONE;
}

/**
 * xenvf_uplink_state_name() - the state as the uplink_state parameter reads
 * @st: the state
 *
 * Return: "none", "waiting" or "attached".
 */
const char *xenvf_uplink_state_name(enum xenvf_uplink_state st)
{
	switch (st) {
	case XENVF_UPLINK_WAITING:
		return "waiting";
	case XENVF_UPLINK_ATTACHED:
		return "attached";
	default:
		return "none";
	}
}
