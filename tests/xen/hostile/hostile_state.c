// SPDX-License-Identifier: GPL-2.0-only
/*
 * Attacks on the xenstore keys and the state machine (after the connect):
 *
 *   rewrite  every frontend key rewritten with a bad value while Connected,
 *            the state set to Initialised and Connected again; then one
 *            API_NEGOTIATE and one TX frame (the backend read the keys
 *            once: the VF keeps working on what it mapped)
 *   flap     100 random state changes (Initialising, Initialised,
 *            Connected, Closing, Closed) 0-50 ms apart, rings emptied before
 *            each Initialised, then Closed; dom0 sends to the VF meanwhile
 */
#include <linux/delay.h>
#include <linux/random.h>

#include "hostile.h"

#define FLAP_CHANGES	100

static void rewrite_keys(struct hostile *h)
{
	static const char *const keys[] = {
		"ctrl-ring-ref", "evt-ring-ref", "event-channel-ctrl",
		"multi-queue-num-queues", "ring-page-order",
		"queue-0/tx-ring-ref", "queue-0/rx-ring-ref",
		"queue-0/event-channel", "protocol-version",
	};
	struct xenvf_ctrl_api api = { .version = XENVF_PROTO_VERSION_1 };
	const char *node = h->dev->nodename;
	unsigned int i;
	int ctrl, tx;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		xenbus_printf(XBT_NIL, node, keys[i], "%u", 0x7fffffffu - i);
	xenbus_switch_state(h->dev, XenbusStateInitialised);
	msleep(500);
	xenbus_switch_state(h->dev, XenbusStateConnected);
	msleep(500);
	ctrl = hostile_ctrl_call(h, XENVF_CTRL_API_NEGOTIATE, &api, sizeof(api));
	tx = hostile_tx_frame(h);
	dev_info(&h->dev->dev, "hostile: rewrite: control status %d, tx status %d\n",
		 ctrl, tx);
}

static void flap_states(struct hostile *h)
{
	static const enum xenbus_state states[] = {
		XenbusStateInitialising, XenbusStateInitialised,
		XenbusStateConnected, XenbusStateClosing, XenbusStateClosed,
	};
	enum xenbus_state s;
	unsigned int i;

	h->flapping = true;
	for (i = 0; i < FLAP_CHANGES && !READ_ONCE(h->stop); i++) {
		s = states[get_random_u32() % ARRAY_SIZE(states)];
		if (s == XenbusStateInitialised)
			hostile_rings_init(h);
		xenbus_switch_state(h->dev, s);
		msleep(get_random_u32() % 50);
	}
	xenbus_switch_state(h->dev, XenbusStateClosed);
	dev_info(&h->dev->dev, "hostile: flap: %u state changes, then Closed\n", i);
}

/**
 * hostile_state_attack() - run the device's xenstore or state attack
 * @h: the device, connected
 *
 * Return: true if its mode is one of this file's.
 */
bool hostile_state_attack(struct hostile *h)
{
	if (hostile_is(h, "rewrite"))
		rewrite_keys(h);
	else if (hostile_is(h, "flap"))
		flap_states(h);
	else
		return false;
	return true;
}
