/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The uplink's decisions as pure functions (no netdevs, no locks), so
 * KUnit tests them: which netdevs the backend takes as its uplink, and
 * what a netdev event does to an uplink configured by name (attach when
 * it appears, detach when it goes or is renamed, attach again when it
 * comes back). back_uplink.c gathers the facts and carries them out.
 */
#ifndef XENVF_BACK_UPLINK_PICK_H
#define XENVF_BACK_UPLINK_PICK_H

#include <linux/types.h>

/* What the backend knows of a candidate netdev (under RTNL). */
struct xenvf_uplink_dev {
	bool ether;		/* ARPHRD_ETHER with a 6-byte address */
	bool init_net;		/* in dom0's initial namespace */
	bool rep;		/* a xenvf representor */
	bool bridge;		/* a Linux bridge (its own device) */
	bool port;		/* enslaved: has a master device */
	bool port_of_bridge;	/* and that master is a Linux bridge */
	bool rx_handler;	/* another rx_handler is registered on it */
};

/* What the backend makes of it: the first two are taken, the rest refused. */
enum xenvf_uplink_kind {
	XENVF_UPLINK_NETDEV,		/* an Ethernet netdev (a PF, veth, dummy) */
	XENVF_UPLINK_BRIDGE,		/* a bridge, as an endpoint of its stack */
	XENVF_UPLINK_NOT_ETHER,		/* loopback, tun, ipip, ... */
	XENVF_UPLINK_OTHER_NET,		/* not in the initial namespace */
	XENVF_UPLINK_REP,		/* one of the backend's representors */
	XENVF_UPLINK_BRIDGE_PORT,	/* a port of a bridge: use the bridge */
	XENVF_UPLINK_PORT,		/* a bond's or team's port: use the master */
	XENVF_UPLINK_BUSY,		/* macvlan, ipvlan, ... own its rx_handler */
	XENVF_UPLINK_KIND_NR
};

/* Where the configured uplink stands. */
enum xenvf_uplink_state {
	XENVF_UPLINK_NONE,	/* no uplink configured */
	XENVF_UPLINK_WAITING,	/* configured, no such netdev (yet, again) */
	XENVF_UPLINK_ATTACHED,	/* configured and attached */
};

/* The netdev events the uplink follows (netdevice notifier). */
enum xenvf_uplink_event {
	XENVF_UEV_REGISTER,	/* registered, or moved into a namespace */
	XENVF_UEV_RENAME,	/* renamed (the new name is in @named) */
	XENVF_UEV_UNREGISTER,	/* unregistered, or moved out of a namespace */
	XENVF_UEV_LINK,		/* up, down, carrier */
	XENVF_UEV_OTHER,
};

/* What the backend does about an event. */
enum xenvf_uplink_act {
	XENVF_UACT_NONE,
	XENVF_UACT_ATTACH,	/* try the netdev (it may still be refused) */
	XENVF_UACT_DETACH,	/* drop the uplink, wait for its name again */
	XENVF_UACT_LINK,	/* the attached uplink's link changed */
};

enum xenvf_uplink_kind xenvf_uplink_judge(const struct xenvf_uplink_dev *d);
bool xenvf_uplink_taken(enum xenvf_uplink_kind k);
int xenvf_uplink_errno(enum xenvf_uplink_kind k);
const char *xenvf_uplink_why(enum xenvf_uplink_kind k);
enum xenvf_uplink_act xenvf_uplink_on_event(enum xenvf_uplink_state st,
					    enum xenvf_uplink_event ev,
					    bool ours, bool named);
const char *xenvf_uplink_state_name(enum xenvf_uplink_state st);

#endif
