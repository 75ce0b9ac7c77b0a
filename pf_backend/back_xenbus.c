// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenbus glue of xenvf-back: probe/remove of backend/xenvf/<domid>/<vf>
 * nodes and the reaction to frontend state changes.
 *
 * Concurrency: xenbus calls probe, remove and otherend_changed for one
 * device from the xenwatch thread or with the device lock held, never in
 * parallel for the same device, so xenvf_back_vf needs no lock of its own.
 */
#include <linux/kernel.h>
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
			xenvf_back_rep_carrier(vf, true);
			dev_info(&vf->dev->dev, "VF of domain %d connected\n",
				 vf->dev->otherend_id);
		}
		if (vf->state == XenbusStateConnected) {
			struct xenvf_back_stats st;

			xenvf_back_rep_carrier(vf, false);
			xenvf_back_disconnect(vf);
			xenvf_back_stats_read(vf, &st);
			dev_info(&vf->dev->dev,
				 "VF of domain %d disconnected (%llu control requests, %llu refused; tx %llu rx %llu packets, %lld spoofed)\n",
				 vf->dev->otherend_id, vf->ctrl_requests,
				 vf->ctrl_errors, st.tx_packets, st.rx_packets,
				 atomic64_read(&vf->sw[XENVF_SW_SPOOF]));
		}
		xenbus_switch_state(vf->dev, next);
		vf->state = next;
	}
}

/*
 * The frontend's directory vanished: the guest was destroyed (libxl removes
 * /local/domain/<domid>) or force-detached. libxl does not know xenvf and
 * leaves our node behind, so remove it ourselves; removing the node makes
 * xenbus remove the device. The parent backend/xenvf/<domid> goes too when
 * it is left empty.
 */
static void xenvf_back_cleanup_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(work, struct xenvf_back_vf,
						cleanup_work);
	struct xenbus_device *dev = vf->dev;
	char *parent = kasprintf(GFP_KERNEL, "backend/%s/%d", XENVF_DEVICE_TYPE,
				 dev->otherend_id);
	unsigned int n = 0;
	char **dir;

	dev_info(&dev->dev, "domain %d is gone, removing %s\n",
		 dev->otherend_id, dev->nodename);
	xenbus_rm(XBT_NIL, dev->nodename, "");
	if (!parent)
		return;
	dir = xenbus_directory(XBT_NIL, parent, "", &n);
	if (!IS_ERR(dir)) {
		if (!n)
			xenbus_rm(XBT_NIL, parent, "");
		kfree(dir);
	}
	kfree(parent);
}

/* Is /local/domain/<domid> still there (libxl removes it on destroy)? */
static bool domain_exists(domid_t domid)
{
	char path[32];
	char *name;

	snprintf(path, sizeof(path), "/local/domain/%u", domid);
	name = xenbus_read(XBT_NIL, path, "name", NULL);
	if (IS_ERR(name))
		return PTR_ERR(name) != -ENOENT;
	kfree(name);
	return true;
}

/* <vf> of backend/xenvf/<domid>/<vf>. */
static int node_index(const char *nodename, unsigned int *index)
{
	const char *p = strrchr(nodename, '/');

	if (!p || kstrtouint(p + 1, 10, index) || *index >= XENVF_MAX_VFS)
		return -EINVAL;
	return 0;
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
		if (frontend_state == XenbusStateUnknown &&
		    !domain_exists(dev->otherend_id))
			schedule_work(&vf->cleanup_work);	/* guest gone */
		else
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
	spin_lock_init(&vf->rate_lock);
	INIT_LIST_HEAD(&vf->all);
	INIT_WORK(&vf->cleanup_work, xenvf_back_cleanup_work);
	dev_set_drvdata(&dev->dev, vf);
	err = node_index(dev->nodename, &vf->index);
	if (err) {
		xenbus_dev_fatal(dev, err, "VF number of %s must be 0..%d",
				 dev->nodename, XENVF_MAX_VFS - 1);
		goto fail;
	}
	err = xenvf_back_read_admin(vf);
	if (!err)
		err = xenvf_back_write_features(vf);
	if (err)
		goto fail;
	err = xenvf_back_admin_start(vf);
	if (err)
		goto fail;
	mutex_lock(&vf->lock);
	xenvf_back_hw_sync(vf);		/* hardware mode: the admin's settings */
	mutex_unlock(&vf->lock);
	err = xenvf_back_rep_create(vf);
	if (err) {
		xenbus_dev_fatal(dev, err, "registering representor netdev");
		xenvf_back_admin_stop(vf);
		goto fail;
	}

	dev_info(&dev->dev, "VF backend for domain %d probed\n",
		 dev->otherend_id);
	xenvf_back_set_state(vf, XenbusStateInitWait);
	return 0;

fail:
	dev_set_drvdata(&dev->dev, NULL);
	kfree(vf);
	return err;
}

static void xenvf_back_remove(struct xenbus_device *dev)
{
	struct xenvf_back_vf *vf = dev_get_drvdata(&dev->dev);

	xenvf_back_admin_stop(vf);
	xenvf_back_set_state(vf, XenbusStateClosed);
	xenvf_back_rep_destroy(vf);
	cancel_work_sync(&vf->cleanup_work);
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
