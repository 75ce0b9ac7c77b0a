// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hostile xenvf frontend, for the rig only: it binds to device type
 * "xenvf" in a guest instead of xenvf-front, connects as the protocol says
 * (or with the keys an attack names) and then attacks the backend. Each
 * device runs one attack, its mode: vfmode[VF number] if given, else mode.
 * A mode is "name" or "name:key=value" (badkey). docs/testing.md lists the
 * modes and what the backend must do about each; the rig scenarios
 * xenvf-hostile*.sh check it.
 *
 * Refused connects: the device waits close_ms (and while the parameter
 * hold is set), goes Closed and, when the backend offers InitWait again,
 * connects with valid keys ("reconnected").
 * Any other device, once Closed, stays Closed.
 * Fatal violations (txslots, txoverflow, rxoverflow, evtoverflow): the device
 * ignores the backend's Closing, as a hostile guest would, so the backend
 * must stop and unmap on its own.
 *
 * Every device logs "hostile: refs C E T R X..." (its grant references) so
 * the rig can check that dom0 maps none of them once it has disconnected.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/page.h>
#include <xen/xen.h>

#include "hostile.h"

static char *mode = "overflow";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "attack of every VF without a vfmode entry");

static char *vfmode[XENVF_MAX_VFS];
static int nr_vfmode;
module_param_array(vfmode, charp, &nr_vfmode, 0444);
MODULE_PARM_DESC(vfmode, "attack per VF number (\"-\": use mode)");

char *hostile_dst = "";
module_param_named(dst, hostile_dst, charp, 0444);
MODULE_PARM_DESC(dst, "unicast destination MAC of TX attacks");

int hostile_foreign = -1;
module_param_named(foreign, hostile_foreign, int, 0444);
MODULE_PARM_DESC(foreign, "domain that foreign grants are made to");

unsigned int hostile_close_ms = 4000;
module_param_named(close_ms, hostile_close_ms, uint, 0444);
MODULE_PARM_DESC(close_ms, "pause before going Closed after a refusal");

static bool hold;
module_param(hold, bool, 0644);
MODULE_PARM_DESC(hold, "refused devices stay as they are until this is cleared (then close_ms)");

/* Modes whose connect the backend must refuse. */
static bool refused_mode(const struct hostile *h)
{
	return hostile_is(h, "ringbad") || hostile_is(h, "ringro") ||
	       hostile_is(h, "ringforeign") || hostile_is(h, "ringalias") ||
	       hostile_is(h, "sharedevt") || hostile_is(h, "badkey");
}

/* Modes after which the device ignores the backend's Closing. */
static bool stubborn_mode(const struct hostile *h)
{
	return hostile_is(h, "txslots") || hostile_is(h, "txoverflow") ||
	       hostile_is(h, "rxoverflow") || hostile_is(h, "evtoverflow");
}

/**
 * hostile_grant_page() - allocate extra page @i and grant it
 * @h: the device
 * @i: which page
 * @to: the domain granted access
 * @ro: read-only
 *
 * Return: 0 or a negative error.
 */
int hostile_grant_page(struct hostile *h, unsigned int i, domid_t to, bool ro)
{
	int ref;

	if (!h->page[i]) {
		h->page[i] = (void *)get_zeroed_page(GFP_KERNEL);
		if (!h->page[i])
			return -ENOMEM;
	}
	ref = gnttab_grant_foreign_access(to, virt_to_gfn(h->page[i]), ro);
	if (ref < 0)
		return ref;
	h->ref[i] = ref;
	return 0;
}

static int setup_rings(struct hostile *h)
{
	struct xenbus_device *dev = h->dev;
	int err;

	err = xenbus_setup_ring(dev, GFP_KERNEL, &h->ctrl, 1, &h->ctrl_ref);
	err = err ?: xenbus_setup_ring(dev, GFP_KERNEL, &h->evt, 1, &h->evt_ref);
	err = err ?: xenbus_setup_ring(dev, GFP_KERNEL, &h->tx, 1, &h->tx_ref);
	err = err ?: xenbus_setup_ring(dev, GFP_KERNEL, &h->rx, 1, &h->rx_ref);
	err = err ?: xenbus_alloc_evtchn(dev, &h->evtchn);
	err = err ?: xenbus_alloc_evtchn(dev, &h->data_evtchn);
	if (err)
		return err;
	/* substitutes for the attacks on ring refs */
	if (hostile_is(h, "ringro"))
		err = hostile_grant_page(h, 0, dev->otherend_id, true);
	if (hostile_is(h, "ringforeign"))
		err = hostile_grant_page(h, 0, hostile_foreign, false);
	if (err)
		return err;
	h->rings_up = true;
	return 0;
}

/**
 * hostile_rings_init() - empty rings, every event slot posted
 * @h: the device
 */
void hostile_rings_init(struct hostile *h)
{
	struct xenvf_evt_sring *es = h->evt;
	unsigned int i, n = __CONST_RING_SIZE(xenvf_evt, XEN_PAGE_SIZE);

	SHARED_RING_INIT((struct xenvf_ctrl_sring *)h->ctrl);
	SHARED_RING_INIT(es);
	SHARED_RING_INIT((struct xenvf_tx_sring *)h->tx);
	SHARED_RING_INIT((struct xenvf_rx_sring *)h->rx);
	for (i = 0; i < n; i++)
		es->ring[i].req.id = i;
	virt_wmb();	/* slots before the index */
	es->req_prod = n;
	h->tx_prod = 0;
	h->tx_cons = 0;
	h->rx_prod = 0;
	h->rx_cons = 0;
	h->evt_cons = 0;
}

/**
 * hostile_write_keys() - the frontend keys of docs/protocol.md 1.3
 * @h: the device
 * @clean: valid keys, whatever the mode
 *
 * Return: 0 or a xenstore error.
 */
int hostile_write_keys(struct hostile *h, bool clean)
{
	const char *node = h->dev->nodename;
	u32 ctrl = h->ctrl_ref, tx = h->tx_ref, rx = h->rx_ref;
	u32 qevt = h->data_evtchn;
	int err;

	if (!clean && hostile_is(h, "ringbad"))
		tx = HOSTILE_BAD_REF;
	if (!clean && hostile_is(h, "ringro"))
		rx = h->ref[0];
	if (!clean && hostile_is(h, "ringforeign"))
		ctrl = h->ref[0];
	if (!clean && hostile_is(h, "ringalias")) {
		tx = ctrl;
		rx = ctrl;
	}
	if (!clean && hostile_is(h, "sharedevt"))
		qevt = h->evtchn;

	err = xenbus_printf(XBT_NIL, node, "protocol-version", "%u", 1);
	err = err ?: xenbus_printf(XBT_NIL, node, "ctrl-ring-ref", "%u", ctrl);
	err = err ?: xenbus_printf(XBT_NIL, node, "evt-ring-ref", "%u", h->evt_ref);
	err = err ?: xenbus_printf(XBT_NIL, node, "event-channel-ctrl", "%u", h->evtchn);
	err = err ?: xenbus_printf(XBT_NIL, node, "multi-queue-num-queues", "%u", 1);
	err = err ?: xenbus_printf(XBT_NIL, node, "ring-page-order", "%u", 0);
	err = err ?: xenbus_printf(XBT_NIL, node, "queue-0/tx-ring-ref", "%u", tx);
	err = err ?: xenbus_printf(XBT_NIL, node, "queue-0/rx-ring-ref", "%u", rx);
	err = err ?: xenbus_printf(XBT_NIL, node, "queue-0/event-channel", "%u", qevt);
	if (!err && !clean && hostile_is(h, "badkey") && h->key)
		err = xenbus_printf(XBT_NIL, node, h->key, "%s", h->val);
	if (!err && hostile_is(h, "txrewrite"))
		err = hostile_pool_keys(h);
	return err;
}

static irqreturn_t hostile_irq(int irq, void *dev_id)
{
	struct hostile *h = dev_id;

	schedule_work(&h->evt_work);
	return IRQ_HANDLED;
}

static irqreturn_t hostile_data_irq(int irq, void *dev_id)
{
	return IRQ_HANDLED;
}

/* Log every event the backend sends (LINK down after an RX stall...). */
static void hostile_evt_work(struct work_struct *work)
{
	struct hostile *h = container_of(work, struct hostile, evt_work);
	struct xenvf_evt_sring *s = h->evt;
	struct xenvf_evt_response rsp;
	RING_IDX prod;
	unsigned int n = 0;

	if (!h->rings_up || h->flapping || hostile_is(h, "evtoverflow"))
		return;		/* (evtoverflow: no reposting over the attack) */
	prod = READ_ONCE(s->rsp_prod);
	virt_rmb();	/* index before entries */
	while (h->evt_cons != prod && n++ < 64) {
		rsp = s->ring[h->evt_cons % 64].rsp;
		dev_info(&h->dev->dev, "hostile: event type %u len %u data %u\n",
			 rsp.type, rsp.len, rsp.data[0]);
		s->ring[h->evt_cons % 64].req.id = rsp.id;	/* post it again */
		h->evt_cons++;
	}
	virt_wmb();	/* slots before the index */
	WRITE_ONCE(s->req_prod, h->evt_cons + 64);
}

static int hostile_connect(struct hostile *h)
{
	struct xenbus_device *dev = h->dev;
	bool clean = h->attempt > 0;
	int err;

	if (!h->rings_up) {
		err = setup_rings(h);
		if (err)
			return err;
		h->irq = bind_evtchn_to_irqhandler(h->evtchn, hostile_irq, 0,
						   "xenvf-hostile", h);
		if (h->irq < 0)
			return h->irq;
		h->data_irq = bind_evtchn_to_irqhandler(h->data_evtchn,
							hostile_data_irq, 0,
							"xenvf-hostile-data", h);
		if (h->data_irq < 0)
			return h->data_irq;
		dev_info(&dev->dev, "hostile: refs %u %u %u %u %u\n",
			 h->ctrl_ref, h->evt_ref, h->tx_ref, h->rx_ref,
			 h->page[0] ? h->ref[0] : 0);
	}
	hostile_rings_init(h);
	err = hostile_write_keys(h, clean);
	if (err)
		return err;
	dev_info(&dev->dev, "hostile: %s: %s keys written (attempt %u)\n",
		 h->spec, clean ? "valid" : "attack", h->attempt + 1);
	return xenbus_switch_state(dev, XenbusStateInitialised);
}

/*
 * The VF's MAC, the source of every frame it sends: read once connected
 * (the admin's key may be written after the frontend probed; a frame from
 * another MAC is dropped as spoofed, which is not what the attacks test).
 */
static void read_mac(struct hostile *h)
{
	char *mac = xenbus_read(XBT_NIL, h->dev->otherend, "mac", NULL);

	if (IS_ERR(mac) || !mac_pton(mac, h->mac))
		eth_zero_addr(h->mac);
	if (!IS_ERR(mac))
		kfree(mac);
}

static void hostile_attack(struct work_struct *work)
{
	struct hostile *h = container_of(work, struct hostile, attack);

	read_mac(h);
	if (hostile_ctrl_attack(h) || hostile_data_attack(h) ||
	    hostile_state_attack(h))
		return;
	dev_info(&h->dev->dev, "hostile: %s: connected, no attack after connect\n",
		 h->spec);
}

static void hostile_close(struct work_struct *work)
{
	struct hostile *h = container_of(to_delayed_work(work), struct hostile,
					 close);

	if (READ_ONCE(hold) && !READ_ONCE(h->stop)) {
		/* the rig checks the refusal first, then clears hold */
		schedule_delayed_work(&h->close, msecs_to_jiffies(hostile_close_ms));
		return;
	}
	dev_info(&h->dev->dev, "hostile: %s: going Closed\n", h->spec);
	xenbus_frontend_closed(h->dev);
}

static void hostile_changed(struct xenbus_device *dev, enum xenbus_state be)
{
	struct hostile *h = dev_get_drvdata(&dev->dev);

	if (h->flapping)
		return;		/* its own state machine */
	if (be == XenbusStateInitWait &&
	    (dev->state == XenbusStateInitialising ||
	     dev->state == XenbusStateClosed)) {
		if (dev->state == XenbusStateClosed) {
			if (!refused_mode(h))
				return;	/* closed for good */
			h->attempt++;
		}
		if (hostile_connect(h))
			dev_err(&dev->dev, "hostile: connect failed\n");
	} else if (be == XenbusStateConnected &&
		   dev->state == XenbusStateInitialised) {
		/*
		 * The rig reads this line once it sees Connected: print it
		 * before the state is written, or it may read dmesg too early.
		 */
		if (h->attempt) {
			dev_info(&dev->dev, "hostile: %s: reconnected cleanly\n",
				 h->spec);
			xenbus_switch_state(dev, XenbusStateConnected);
			return;
		}
		xenbus_switch_state(dev, XenbusStateConnected);
		schedule_work(&h->attack);
	} else if (be == XenbusStateClosing || be == XenbusStateClosed) {
		dev_info(&dev->dev, "hostile: %s: backend state %d\n", h->spec, be);
		if (stubborn_mode(h) && !h->attempt) {
			dev_info(&dev->dev, "hostile: %s: ignoring the backend's close\n",
				 h->spec);
			return;
		}
		if (dev->state == XenbusStateClosed)
			return;
		if (refused_mode(h) && !h->attempt)
			schedule_delayed_work(&h->close,
					      msecs_to_jiffies(hostile_close_ms));
		else
			xenbus_frontend_closed(dev);
	}
}

/* This device's mode: vfmode[<vf>] or mode; "name:key=value" split. */
static void pick_mode(struct hostile *h)
{
	const char *p = strrchr(h->dev->nodename, '/');
	const char *m = mode;
	unsigned int vf;
	char *colon, *eq;

	if (p && !kstrtouint(p + 1, 10, &vf) && vf < nr_vfmode &&
	    vfmode[vf] && strcmp(vfmode[vf], "-"))
		m = vfmode[vf];
	strscpy(h->spec, m, sizeof(h->spec));
	h->mode = h->spec;
	colon = strchr(h->spec, ':');
	if (!colon)
		return;
	*colon = '\0';
	eq = strchr(colon + 1, '=');
	if (!eq)
		return;
	*eq = '\0';
	h->key = colon + 1;
	h->val = eq + 1;
}

static int hostile_probe(struct xenbus_device *dev,
			 const struct xenbus_device_id *id)
{
	struct hostile *h = devm_kzalloc(&dev->dev, sizeof(*h), GFP_KERNEL);
	int i;

	if (!h)
		return -ENOMEM;
	h->dev = dev;
	INIT_WORK(&h->attack, hostile_attack);
	INIT_WORK(&h->evt_work, hostile_evt_work);
	INIT_DELAYED_WORK(&h->close, hostile_close);
	h->ctrl_ref = INVALID_GRANT_REF;
	h->evt_ref = INVALID_GRANT_REF;
	h->tx_ref = INVALID_GRANT_REF;
	h->rx_ref = INVALID_GRANT_REF;
	for (i = 0; i < HOSTILE_PAGES; i++)
		h->ref[i] = INVALID_GRANT_REF;
	pick_mode(h);
	if (!mac_pton(hostile_dst, h->dst))
		eth_broadcast_addr(h->dst);
	dev_set_drvdata(&dev->dev, h);
	dev_info(&dev->dev, "hostile: %s: probed, key %s\n", h->mode,
		 h->key ? h->key : "-");
	return 0;
}

/*
 * Take back grant @ref once dom0 no longer maps it, waiting until @end at
 * most (silently: gnttab_end_foreign_access() would log a WARNING while it
 * is mapped). Return: true if taken back (@ref is then invalid).
 */
static bool take_back(grant_ref_t *ref, unsigned long end)
{
	if (*ref == INVALID_GRANT_REF)
		return true;
	while (!gnttab_try_end_foreign_access(*ref)) {
		if (time_after(jiffies, end))
			return false;
		msleep(50);
	}
	*ref = INVALID_GRANT_REF;
	return true;
}

/* A ring page: taken back and freed, or left to the deferred free. */
static void drop_ring(void **ring, grant_ref_t *ref, unsigned long end)
{
	if (!*ring)
		return;
	if (!take_back(ref, end)) {
		gnttab_end_foreign_access(*ref, virt_to_page(*ring));
		*ref = INVALID_GRANT_REF;
		*ring = NULL;
		return;
	}
	xenbus_teardown_ring(ring, 1, ref);
}

static void hostile_remove(struct xenbus_device *dev)
{
	struct hostile *h = dev_get_drvdata(&dev->dev);
	unsigned long end = jiffies + 10 * HZ;
	int i;

	WRITE_ONCE(h->stop, true);
	h->flapping = false;
	cancel_delayed_work_sync(&h->close);
	cancel_work_sync(&h->attack);
	if (h->irq > 0)
		unbind_from_irqhandler(h->irq, h);
	cancel_work_sync(&h->evt_work);
	if (h->data_irq > 0)
		unbind_from_irqhandler(h->data_irq, h);
	/*
	 * Ask the backend to let go first; a grant it still maps after 10 s
	 * is left to gnttab_end_foreign_access(), which logs it (a WARNING the
	 * rig's verdict reports) and frees the page once dom0 lets go.
	 */
	xenbus_switch_state(dev, XenbusStateClosed);
	for (i = 0; i < HOSTILE_PAGES; i++) {
		if (!h->page[i])
			continue;
		if (take_back(&h->ref[i], end))
			free_page((unsigned long)h->page[i]);
		else
			gnttab_end_foreign_access(h->ref[i], virt_to_page(h->page[i]));
	}
	drop_ring(&h->rx, &h->rx_ref, end);
	drop_ring(&h->tx, &h->tx_ref, end);
	drop_ring(&h->evt, &h->evt_ref, end);
	drop_ring(&h->ctrl, &h->ctrl_ref, end);
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
