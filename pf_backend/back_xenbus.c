// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenbus glue of xenvf-back: probe/remove of backend/xenvf/<domid>/<vf>
 * nodes and the reaction to frontend state changes.
 *
 * Concurrency: xenbus calls probe, remove and otherend_changed for one
 * device from the xenwatch thread or with the device lock held, never in
 * parallel for the same device, so xenvf_back_vf needs no lock of its own.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <xen/xenbus.h>

#include "xenvf_back.h"

/* Longest walk in the state graph is 3 edges (Connected -> InitWait). */
#define XENVF_BACK_MAX_STEPS	4

static void xenvf_back_set_state(struct xenvf_back_vf *vf,
				 enum xenbus_state target)
{
	int steps;

	for (steps = 0; vf->state != target; steps++) {
		enum xenbus_state next = xenvf_back_state_step(vf->state,
							       target);

		if (next == XenbusStateUnknown ||
		    steps == XENVF_BACK_MAX_STEPS) {
			dev_warn(&vf->dev->dev, "no way from %s to %s\n",
				 xenbus_strstate(vf->state),
				 xenbus_strstate(target));
			return;
		}
		if (next == XenbusStateConnected) {
			if (xenvf_back_connect(vf))
				return;		/* reported; stay where we are */
			dev_info(&vf->dev->dev, "VF of domain %d connected\n",
				 vf->dev->otherend_id);
		}
		if (vf->state == XenbusStateConnected) {
			struct xenvf_back_stats st;

			xenvf_back_disconnect(vf);
			xenvf_back_stats_read(vf, &st);
			dev_info(&vf->dev->dev,
				 "VF of domain %d disconnected (%llu control requests, %llu refused; tx %llu rx %llu packets, %llu spoofed, %llu no destination)\n",
				 vf->dev->otherend_id, vf->ctrl_requests,
				 vf->ctrl_errors, st.tx_packets, st.rx_packets,
				 st.spoof_dropped, st.no_destination);
		}
		xenbus_switch_state(vf->dev, next);
		vf->state = next;
	}
}

static void xenvf_back_frontend_changed(struct xenbus_device *dev,
					enum xenbus_state frontend_state)
{
	struct xenvf_back_vf *vf = dev_get_drvdata(&dev->dev);

	dev_dbg(&dev->dev, "frontend %s -> %s\n", dev->otherend,
		xenbus_strstate(frontend_state));
	vf->frontend_state = frontend_state;

	switch (frontend_state) {
	case XenbusStateInitialising:
		xenvf_back_set_state(vf, XenbusStateInitWait);
		break;
	case XenbusStateInitialised:
	case XenbusStateConnected:
		xenvf_back_set_state(vf, XenbusStateConnected);
		break;
	case XenbusStateClosing:
		xenvf_back_set_state(vf, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		if (xenbus_dev_is_online(dev)) {
			/* Stay bound and wait for the frontend to return. */
			if (vf->state != XenbusStateInitWait) {
				xenvf_back_set_state(vf, XenbusStateClosed);
				xenvf_back_set_state(vf, XenbusStateInitWait);
			}
			break;
		}
		fallthrough;	/* the toolstack is removing the device */
	case XenbusStateUnknown:
		xenvf_back_set_state(vf, XenbusStateClosed);
		device_unregister(&dev->dev);
		break;
	default:
		xenbus_dev_fatal(dev, -EINVAL, "frontend in state %d",
				 frontend_state);
		break;
	}
}

static int xenvf_back_probe(struct xenbus_device *dev,
			    const struct xenbus_device_id *id)
{
	struct xenvf_back_vf *vf;
	int err;

	vf = kzalloc(sizeof(*vf), GFP_KERNEL);
	if (!vf) {
		xenbus_dev_fatal(dev, -ENOMEM, "allocating VF state");
		return -ENOMEM;
	}
	vf->dev = dev;
	vf->state = XenbusStateInitialising;
	mutex_init(&vf->lock);
	dev_set_drvdata(&dev->dev, vf);
	err = xenvf_back_read_admin(vf);
	if (!err)
		err = xenvf_back_write_features(vf);
	if (err) {
		dev_set_drvdata(&dev->dev, NULL);
		kfree(vf);
		return err;
	}

	dev_info(&dev->dev, "VF backend for domain %d probed\n",
		 dev->otherend_id);
	xenvf_back_set_state(vf, XenbusStateInitWait);
	return 0;
}

static void xenvf_back_remove(struct xenbus_device *dev)
{
	struct xenvf_back_vf *vf = dev_get_drvdata(&dev->dev);

	xenvf_back_set_state(vf, XenbusStateClosed);
	dev_set_drvdata(&dev->dev, NULL);
	kfree(vf);
	dev_info(&dev->dev, "VF backend removed\n");
}

static const struct xenbus_device_id xenvf_back_ids[] = {
	{ XENVF_DEVICE_TYPE },
	{ "" }
};

static struct xenbus_driver xenvf_back_driver = {
	.ids = xenvf_back_ids,
	.probe = xenvf_back_probe,
	.remove = xenvf_back_remove,
	.otherend_changed = xenvf_back_frontend_changed,
	.allow_rebind = true,
};

int xenvf_back_xenbus_init(void)
{
	return xenbus_register_backend(&xenvf_back_driver);
}

void xenvf_back_xenbus_exit(void)
{
	xenbus_unregister_driver(&xenvf_back_driver);
}
