// SPDX-License-Identifier: GPL-2.0-only
/*
 * Attacks on the control ring (after the connect):
 *
 *   overflow   a request producer index far beyond the ring
 *   garbage    every slot filled with random bytes (bad ops, lengths)
 *   storm      100000 event notifications without requests
 *   ctrlflood  1000 requests one by one, each with its notification, as
 *              fast as the answers come
 *   ctrlpoll   8 requests and one notification, then for 10 s every
 *              answered slot refilled at once without a notification (work
 *              without events: the backend must not keep polling for it)
 *   evtoverflow  the event ring's request producer (its posted slots) far
 *              beyond the ring: fatal at the backend's next event; the
 *              device then ignores the backend's close
 */
#include <linux/delay.h>
#include <linux/random.h>
#include <xen/events.h>

#include "hostile.h"

#define CTRL_SLOTS	8
#define FLOOD_REQUESTS	1000
#define POLL_SECONDS	10

static void put_req(struct xenvf_ctrl_sring *s, RING_IDX i, u16 id, u8 op)
{
	struct xenvf_ctrl_request *r = &s->ring[i % CTRL_SLOTS].req;

	memset(r, 0, sizeof(*r));
	r->id = id;
	r->op = op;
}

static void flood(struct hostile *h)
{
	struct xenvf_ctrl_sring *s = h->ctrl;
	unsigned long start = jiffies, deadline;
	unsigned int i, answered = 0;
	RING_IDX prod;

	for (i = 0; i < FLOOD_REQUESTS && !READ_ONCE(h->stop); i++) {
		prod = READ_ONCE(s->req_prod);
		put_req(s, prod, i, XENVF_CTRL_GET_LINK_STATE);
		virt_wmb();	/* the slot before the index */
		WRITE_ONCE(s->req_prod, prod + 1);
		notify_remote_via_irq(h->irq);
		deadline = jiffies + 5 * HZ;
		while (READ_ONCE(s->rsp_prod) != prod + 1 &&
		       !READ_ONCE(h->stop) && time_before(jiffies, deadline))
			cond_resched();
		if (READ_ONCE(s->rsp_prod) != prod + 1)
			break;
		answered++;
	}
	dev_info(&h->dev->dev, "hostile: ctrlflood %u of %u answered in %u ms\n",
		 answered, FLOOD_REQUESTS, jiffies_to_msecs(jiffies - start));
}

/* Keep every slot full without ever notifying again. */
static void hot_poll(struct hostile *h)
{
	struct xenvf_ctrl_sring *s = h->ctrl;
	unsigned long end = jiffies + POLL_SECONDS * HZ;
	RING_IDX prod, rsp, seen = 0;
	unsigned int i;

	for (i = 0; i < CTRL_SLOTS; i++)
		put_req(s, i, i, XENVF_CTRL_GET_LINK_STATE);
	virt_wmb();	/* slots before the index */
	WRITE_ONCE(s->req_prod, CTRL_SLOTS);
	notify_remote_via_irq(h->irq);
	prod = CTRL_SLOTS;
	while (time_before(jiffies, end) && !READ_ONCE(h->stop)) {
		rsp = READ_ONCE(s->rsp_prod);
		virt_rmb();	/* index before entries */
		if (rsp - seen > CTRL_SLOTS)
			break;		/* the backend broke it: stop */
		seen = rsp;
		while (prod - seen < CTRL_SLOTS) {
			put_req(s, prod, prod, XENVF_CTRL_GET_LINK_STATE);
			prod++;
		}
		virt_wmb();	/* slots before the index */
		WRITE_ONCE(s->req_prod, prod);
		cond_resched();
	}
	dev_info(&h->dev->dev,
		 "hostile: ctrlpoll %u answered in %u s after 1 event\n",
		 seen, POLL_SECONDS);
}

/**
 * hostile_ctrl_call() - one control request, notified, answer awaited
 * @h: the device, connected
 * @op: XENVF_CTRL_*
 * @data: payload or NULL
 * @len: its bytes
 *
 * Return: the response's status, or -ETIMEDOUT (as a large negative).
 */
int hostile_ctrl_call(struct hostile *h, u8 op, const void *data, u16 len)
{
	struct xenvf_ctrl_sring *s = h->ctrl;
	RING_IDX prod = READ_ONCE(s->req_prod);
	unsigned long deadline = jiffies + 5 * HZ;
	struct xenvf_ctrl_request *r = &s->ring[prod % CTRL_SLOTS].req;

	put_req(s, prod, 0x4242, op);
	r->len = len;
	if (len)
		memcpy(r->data, data, len);
	virt_wmb();	/* the slot before the index */
	WRITE_ONCE(s->req_prod, prod + 1);
	notify_remote_via_irq(h->irq);
	while (READ_ONCE(s->rsp_prod) != prod + 1) {
		if (time_after(jiffies, deadline) || READ_ONCE(h->stop))
			return -ETIMEDOUT;
		msleep(20);
	}
	virt_rmb();	/* index before the entry */
	return READ_ONCE(s->ring[prod % CTRL_SLOTS].rsp.status);
}

/**
 * hostile_ctrl_attack() - run the device's control ring attack
 * @h: the device, connected
 *
 * Return: true if its mode is one of this file's.
 */
bool hostile_ctrl_attack(struct hostile *h)
{
	struct xenvf_ctrl_sring *s = h->ctrl;
	int i;

	if (hostile_is(h, "ctrlflood")) {
		flood(h);
	} else if (hostile_is(h, "ctrlpoll")) {
		hot_poll(h);
	} else if (hostile_is(h, "overflow")) {
		WRITE_ONCE(s->req_prod, 1000);
		notify_remote_via_irq(h->irq);
	} else if (hostile_is(h, "garbage")) {
		get_random_bytes(s->ring, sizeof(s->ring[0]) * CTRL_SLOTS);
		virt_wmb();	/* slots before the index */
		WRITE_ONCE(s->req_prod, CTRL_SLOTS);
		notify_remote_via_irq(h->irq);
	} else if (hostile_is(h, "evtoverflow")) {
		WRITE_ONCE(((struct xenvf_evt_sring *)h->evt)->req_prod,
			   h->evt_cons + 1000);
	} else if (hostile_is(h, "storm")) {
		for (i = 0; i < 100000; i++)
			notify_remote_via_irq(h->irq);
	} else {
		return false;
	}
	dev_info(&h->dev->dev, "hostile: %s attack sent\n", h->mode);
	return true;
}
