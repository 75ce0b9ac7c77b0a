// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hostile xenvf frontend, for the rig only: it binds to device type
 * "xenvf" in a guest, connects like xenvf-front, then abuses the control
 * ring as the backend must survive:
 *
 *   mode=overflow  publishes a request producer index far beyond the ring
 *   mode=garbage   fills every slot with random bytes (bad ops, lengths)
 *   mode=storm     sends 100000 event notifications without requests
 *   mode=sharedevt publishes the control event channel for queue 0 too,
 *                  so the backend's second bind fails
 *   mode=ctrlflood sends 1000 control requests one by one, each with its
 *                  notification, as fast as the answers come (real work
 *                  per event: only the backend's rate limit slows it)
 *
 * The backend must answer garbage with error statuses, disconnect an
 * overflowing VF with one rate-limited log line, absorb a storm through
 * lateeoi, and keep serving every other VF.
 */
#include <linux/module.h>
#include <linux/random.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xen.h>
#include <xen/xenbus.h>

#include "xenvf_proto.h"

static char *mode = "overflow";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "overflow, garbage, storm, sharedevt or ctrlflood");

#define FLOOD_REQUESTS	1000

struct hostile {
	void *ctrl, *evt, *tx, *rx;
	grant_ref_t ctrl_ref, evt_ref, tx_ref, rx_ref;
	evtchn_port_t evtchn, data_evtchn;
	int irq, data_irq;
	struct xenbus_device *dev;
	struct work_struct flood;
};

/* ctrlflood: one request at a time, the next as soon as it is answered. */
static void hostile_flood(struct work_struct *work)
{
	struct hostile *h = container_of(work, struct hostile, flood);
	struct xenvf_ctrl_sring *s = h->ctrl;
	unsigned long start = jiffies, deadline;
	unsigned int i, answered = 0;
	RING_IDX prod;

	for (i = 0; i < FLOOD_REQUESTS; i++) {
		prod = READ_ONCE(s->req_prod);
		memset(&s->ring[prod % 8].req, 0, sizeof(s->ring[0].req));
		s->ring[prod % 8].req.id = i;
		s->ring[prod % 8].req.op = XENVF_CTRL_GET_LINK_STATE;
		virt_wmb();	/* the slot before the index */
		WRITE_ONCE(s->req_prod, prod + 1);
		notify_remote_via_irq(h->irq);
		deadline = jiffies + 5 * HZ;
		while (READ_ONCE(s->rsp_prod) != prod + 1 &&
		       time_before(jiffies, deadline))
			cond_resched();
		if (READ_ONCE(s->rsp_prod) != prod + 1)
			break;
		answered++;
	}
	dev_info(&h->dev->dev, "hostile: ctrlflood %u of %u answered in %u ms\n",
		 answered, FLOOD_REQUESTS, jiffies_to_msecs(jiffies - start));
}

static irqreturn_t hostile_irq(int irq, void *dev_id)
{
	return IRQ_HANDLED;
}

static int hostile_connect(struct xenbus_device *dev, struct hostile *h)
{
	int err;

	err = xenbus_setup_ring(dev, GFP_KERNEL, &h->ctrl, 1, &h->ctrl_ref);
	if (err)
		return err;
	err = xenbus_setup_ring(dev, GFP_KERNEL, &h->evt, 1, &h->evt_ref);
	if (err)
		return err;
	err = xenbus_setup_ring(dev, GFP_KERNEL, &h->tx, 1, &h->tx_ref);
	if (err)
		return err;
	err = xenbus_setup_ring(dev, GFP_KERNEL, &h->rx, 1, &h->rx_ref);
	if (err)
		return err;
	SHARED_RING_INIT((struct xenvf_ctrl_sring *)h->ctrl);
	SHARED_RING_INIT((struct xenvf_evt_sring *)h->evt);
	SHARED_RING_INIT((struct xenvf_tx_sring *)h->tx);
	SHARED_RING_INIT((struct xenvf_rx_sring *)h->rx);
	err = xenbus_alloc_evtchn(dev, &h->evtchn);
	if (err)
		return err;
	h->irq = bind_evtchn_to_irqhandler(h->evtchn, hostile_irq, 0,
					   "xenvf-hostile", h);
	if (h->irq < 0)
		return h->irq;
	err = xenbus_alloc_evtchn(dev, &h->data_evtchn);
	if (err)
		return err;
	h->data_irq = bind_evtchn_to_irqhandler(h->data_evtchn, hostile_irq, 0,
						"xenvf-hostile-data", h);
	if (h->data_irq < 0)
		return h->data_irq;
	xenbus_printf(XBT_NIL, dev->nodename, "protocol-version", "%u", 1);
	xenbus_printf(XBT_NIL, dev->nodename, "ctrl-ring-ref", "%u", h->ctrl_ref);
	xenbus_printf(XBT_NIL, dev->nodename, "evt-ring-ref", "%u", h->evt_ref);
	xenbus_printf(XBT_NIL, dev->nodename, "event-channel-ctrl", "%u", h->evtchn);
	xenbus_printf(XBT_NIL, dev->nodename, "multi-queue-num-queues", "%u", 1);
	xenbus_printf(XBT_NIL, dev->nodename, "ring-page-order", "%u", 0);
	xenbus_printf(XBT_NIL, dev->nodename, "queue-0/tx-ring-ref", "%u", h->tx_ref);
	xenbus_printf(XBT_NIL, dev->nodename, "queue-0/rx-ring-ref", "%u", h->rx_ref);
	xenbus_printf(XBT_NIL, dev->nodename, "queue-0/event-channel", "%u",
		      strcmp(mode, "sharedevt") ? h->data_evtchn : h->evtchn);
	return xenbus_switch_state(dev, XenbusStateInitialised);
}

static void hostile_attack(struct xenbus_device *dev, struct hostile *h)
{
	struct xenvf_ctrl_sring *s = h->ctrl;
	int i;

	if (!strcmp(mode, "ctrlflood")) {
		schedule_work(&h->flood);
	} else if (!strcmp(mode, "overflow")) {
		WRITE_ONCE(s->req_prod, 1000);
		notify_remote_via_irq(h->irq);
	} else if (!strcmp(mode, "garbage")) {
		get_random_bytes(s->ring, sizeof(s->ring[0]) * 8);
		virt_wmb();	/* slots before the index */
		WRITE_ONCE(s->req_prod, 8);
		notify_remote_via_irq(h->irq);
	} else {
		for (i = 0; i < 100000; i++)
			notify_remote_via_irq(h->irq);
	}
	dev_info(&dev->dev, "hostile: %s attack sent\n", mode);
}

static void hostile_changed(struct xenbus_device *dev, enum xenbus_state be)
{
	struct hostile *h = dev_get_drvdata(&dev->dev);

	if (be == XenbusStateInitWait && dev->state == XenbusStateInitialising) {
		if (hostile_connect(dev, h))
			dev_err(&dev->dev, "hostile: connect failed\n");
	} else if (be == XenbusStateConnected &&
		   dev->state == XenbusStateInitialised) {
		xenbus_switch_state(dev, XenbusStateConnected);
		hostile_attack(dev, h);
	} else if (be == XenbusStateClosing || be == XenbusStateClosed) {
		dev_info(&dev->dev, "hostile: backend state %d\n", be);
		if (dev->state != XenbusStateClosed)
			xenbus_frontend_closed(dev);
	}
}

static int hostile_probe(struct xenbus_device *dev,
			 const struct xenbus_device_id *id)
{
	struct hostile *h = devm_kzalloc(&dev->dev, sizeof(*h), GFP_KERNEL);

	if (!h)
		return -ENOMEM;
	h->dev = dev;
	INIT_WORK(&h->flood, hostile_flood);
	h->ctrl_ref = INVALID_GRANT_REF;
	h->evt_ref = INVALID_GRANT_REF;
	h->tx_ref = INVALID_GRANT_REF;
	h->rx_ref = INVALID_GRANT_REF;
	dev_set_drvdata(&dev->dev, h);
	return 0;
}

static void hostile_remove(struct xenbus_device *dev)
{
	struct hostile *h = dev_get_drvdata(&dev->dev);

	cancel_work_sync(&h->flood);
	if (h->irq > 0)
		unbind_from_irqhandler(h->irq, h);
	if (h->data_irq > 0)
		unbind_from_irqhandler(h->data_irq, h);
	xenbus_teardown_ring(&h->rx, 1, &h->rx_ref);
	xenbus_teardown_ring(&h->tx, 1, &h->tx_ref);
	xenbus_teardown_ring(&h->evt, 1, &h->evt_ref);
	xenbus_teardown_ring(&h->ctrl, 1, &h->ctrl_ref);
}

static const struct xenbus_device_id hostile_ids[] = {
	{ XENVF_DEVICE_TYPE },
	{ "" }
};

static struct xenbus_driver hostile_driver = {
	.ids = hostile_ids,
	.probe = hostile_probe,
	.remove = hostile_remove,
	.otherend_changed = hostile_changed,
};

static int __init hostile_init(void)
{
	if (!xen_domain())
		return -ENODEV;
	return xenbus_register_frontend(&hostile_driver);
}

static void __exit hostile_exit(void)
{
	xenbus_unregister_driver(&hostile_driver);
}

module_init(hostile_init);
module_exit(hostile_exit);
MODULE_DESCRIPTION("xenvf rig: a hostile frontend");
MODULE_LICENSE("GPL");
