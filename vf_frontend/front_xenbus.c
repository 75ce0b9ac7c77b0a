// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenbus glue of xenvf-front: binds to device/xenvf/<vf> nodes and follows
 * the backend through the xenbus handshake.
 *
 * Concurrency: probe, remove and otherend_changed of one device are
 * serialised by xenbus (xenwatch thread / device lock).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <xen/xenbus.h>

#include "xenvf_front.h"

/* How long remove() waits for the backend to acknowledge Closing. */
#define XENVF_FRONT_CLOSE_TIMEOUT	(5 * HZ)

static enum xenbus_state xenvf_front_read_backend(struct xenbus_device *dev)
{
	return xenbus_read_driver_state(dev->otherend);
}

/**
 * xenvf_front_stop() - stop talking to the backend and give the ring
 * pages back
 * @vf: the VF (backend Closed or gone, device removal, a resume)
 *
 * Safe to call again: what is gone already is skipped.
 */
void xenvf_front_stop(struct xenvf_front_vf *vf)
{
	WRITE_ONCE(vf->broken, true);	/* a waiting control call gives up */
	wake_up(&vf->ctrl_wq);
	cancel_work_sync(&vf->connect_work);
	/* a control call of rx_mode_work or an ndo in flight ends first */
	mutex_lock(&vf->ctrl_lock);
	mutex_unlock(&vf->ctrl_lock);
	xenvf_front_netdev_down(vf);
	xenvf_front_rings_teardown(vf);
}

/**
 * xenvf_front_backend_changed() - otherend_changed: follow the backend
 * @dev: the device
 * @backend_state: the backend's new state
 */
void xenvf_front_backend_changed(struct xenbus_device *dev,
				 enum xenbus_state backend_state)
{
	struct xenvf_front_vf *vf = dev_get_drvdata(&dev->dev);

	dev_dbg(&dev->dev, "backend %s -> %s\n", dev->otherend,
		xenbus_strstate(backend_state));
	WRITE_ONCE(vf->backend_state, backend_state);
	wake_up_all(&vf->backend_wq);

	switch (xenvf_front_action(dev->state, backend_state)) {
	case XENVF_FRONT_CONNECT:
		if (dev->state == XenbusStateClosed)
			xenbus_switch_state(dev, XenbusStateInitialising);
		if (xenvf_front_rings_setup(vf))
			break;		/* reported through xenbus */
		xenbus_switch_state(dev, XenbusStateInitialised);
		break;
	case XENVF_FRONT_CONNECTED:
		xenbus_switch_state(dev, XenbusStateConnected);
		dev_info(&dev->dev, "connected to backend %s\n", dev->otherend);
		schedule_work(&vf->connect_work);
		break;
	case XENVF_FRONT_CLOSE:
		xenvf_front_stop(vf);
		xenbus_frontend_closed(dev);
		dev_info(&dev->dev, "backend %s closed\n", dev->otherend);
		break;
	case XENVF_FRONT_NONE:
		break;
	}
}

static int xenvf_front_probe(struct xenbus_device *dev,
			     const struct xenbus_device_id *id)
{
	struct xenvf_front_vf *vf;
	int err;

	vf = kvzalloc(sizeof(*vf), GFP_KERNEL);
	if (!vf) {
		xenbus_dev_fatal(dev, -ENOMEM, "allocating VF state");
		return -ENOMEM;
	}
	vf->dev = dev;
	init_waitqueue_head(&vf->backend_wq);
	init_waitqueue_head(&vf->ctrl_wq);
	mutex_init(&vf->ctrl_lock);
	INIT_WORK(&vf->connect_work, xenvf_front_handshake);
	INIT_WORK(&vf->evt_work, xenvf_front_evt_work);
	INIT_WORK(&vf->rx_mode_work, xenvf_front_rx_mode_work);
	vf->ctrl_ref = INVALID_GRANT_REF;
	vf->evt_ref = INVALID_GRANT_REF;
	if (xenvf_front_netdev_alloc(vf)) {
		kvfree(vf);
		xenbus_dev_fatal(dev, -ENOMEM, "allocating netdev");
		return -ENOMEM;
	}
	dev_set_drvdata(&dev->dev, vf);
	err = xenvf_front_resume_init(vf);
	if (err) {		/* reported through xenbus */
		dev_set_drvdata(&dev->dev, NULL);
		xenvf_front_netdev_remove(vf);
		kvfree(vf);
		return err;
	}
	dev_info(&dev->dev, "VF frontend probed, backend %s\n", dev->otherend);
	return 0;
}

static void xenvf_front_remove(struct xenbus_device *dev)
{
	struct xenvf_front_vf *vf = dev_get_drvdata(&dev->dev);

	xenvf_front_resume_exit(vf);
	if (!dev->otherend) {	/* resumed, and its backend never appeared */
		xenvf_front_stop(vf);
		goto out;
	}
	/*
	 * Read xenstore once here: the wait's condition must not block (it
	 * runs with the task not TASK_RUNNING), so it reads the state that
	 * otherend_changed caches for every change after this read.
	 */
	WRITE_ONCE(vf->backend_state, xenvf_front_read_backend(dev));
	if (!xenvf_front_backend_gone(READ_ONCE(vf->backend_state)) &&
	    dev->state != XenbusStateClosed) {
		xenbus_switch_state(dev, XenbusStateClosing);
		if (!wait_event_timeout(vf->backend_wq,
					xenvf_front_backend_gone(READ_ONCE(vf->backend_state)),
					XENVF_FRONT_CLOSE_TIMEOUT))
			dev_warn(&dev->dev, "backend did not acknowledge close\n");
	}
	xenvf_front_stop(vf);
out:
	xenvf_front_netdev_remove(vf);
	dev_set_drvdata(&dev->dev, NULL);
	kvfree(vf);
	dev_info(&dev->dev, "VF frontend removed\n");
}

static const struct xenbus_device_id xenvf_front_ids[] = {
	{ XENVF_DEVICE_TYPE },
	{ "" }
};

static struct xenbus_driver xenvf_front_driver = {
	.ids = xenvf_front_ids,
	.probe = xenvf_front_probe,
	.remove = xenvf_front_remove,
	.otherend_changed = xenvf_front_backend_changed,
	.suspend = xenvf_front_suspend,	/* freeze: the rings stay (front_resume.c) */
	.resume = xenvf_front_resume,	/* restore: a new domain, a new backend */
};

int xenvf_front_xenbus_init(void)
{
	return xenbus_register_frontend(&xenvf_front_driver);
}

void xenvf_front_xenbus_exit(void)
{
	xenbus_unregister_driver(&xenvf_front_driver);
}
