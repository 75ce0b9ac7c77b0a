// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenbus glue of xenvf-back: probe/remove of backend/xenvf/<domid>/<vf>
 * nodes and the reaction to frontend state changes.
 *
 * Concurrency: xenbus calls probe, remove and otherend_changed for one
 * device from the xenwatch thread or with the device lock held, never in
 * parallel for the same device. Two work items of the VF change its state
 * too: fatal_work (a protocol violation: disconnect at once) and
 * retry_work (InitWait again after a refused attempt's back-off), so every
 * state change holds vf->state_lock; device_unregister() is called without
 * it (remove takes it).
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <xen/xenbus.h>

#include "xenvf_back.h"

/* Longest walk in the state graph is 3 edges (Connected -> InitWait). */
#define XENVF_BACK_MAX_STEPS	4

/*
 * A frontend that was refused (or broke the protocol) may come back after
 * this long at the earliest: a frontend that re-initialises in a loop with
 * keys the backend refuses costs dom0 one attempt (and one log line) per
 * back-off, not one per xenstore write.
 */
#define XENVF_BACK_RETRY_DELAY	HZ

static void xenvf_back_set_state(struct xenvf_back_vf *vf,
				 enum xenbus_state target)
{
	int steps;

	lockdep_assert_held(&vf->state_lock);
	for (steps = 0; vf->state != target; steps++) {
		enum xenbus_state next = xenvf_back_state_step(vf->state,
							       target);

		if (next == XenbusStateUnknown ||
		    steps == XENVF_BACK_MAX_STEPS) {
			dev_warn_ratelimited(&vf->dev->dev,
					     "no way from %s to %s\n",
					     xenbus_strstate(vf->state),
					     xenbus_strstate(target));
			return;
		}
		if (next == XenbusStateConnected) {
			if (xenvf_back_connect(vf)) {
				/*
				 * Refused (reported, nothing left mapped or
				 * bound): Closing, and InitWait again when the
				 * frontend re-initialises.
				 */
				vf->retry_at = jiffies + XENVF_BACK_RETRY_DELAY;
				next = XenbusStateClosing;
				target = next;
			} else {
				xenvf_back_rep_carrier(vf, true);
				if (xenvf_back_log_ok(vf))
					dev_info(&vf->dev->dev,
						 "VF of domain %d connected\n",
						 vf->dev->otherend_id);
			}
		}
		if (vf->state == XenbusStateConnected) {
			struct xenvf_back_stats st;

			xenvf_back_disconnect(vf);
			/* after the queues stopped: a stall cannot turn it on */
			xenvf_back_rep_carrier(vf, false);
			xenvf_back_stats_read(vf, &st);
			if (xenvf_back_log_ok(vf))
				dev_info(&vf->dev->dev,
					 "VF of domain %d disconnected (%llu control requests, %llu refused; tx %llu rx %llu packets, %lld spoofed)\n",
					 vf->dev->otherend_id, vf->ctrl_requests,
					 vf->ctrl_errors, st.tx_packets,
					 st.rx_packets,
					 atomic64_read(&vf->sw[XENVF_SW_SPOOF]));
		}
		xenbus_switch_state(vf->dev, next);
		vf->state = next;
	}
}

/*
 * Go for @target, except that InitWait after a refused or broken attempt
 * waits for the back-off (retry_work goes on then). Caller holds state_lock.
 */
static void xenvf_back_go(struct xenvf_back_vf *vf, enum xenbus_state target)
{
	lockdep_assert_held(&vf->state_lock);
	if (target == XenbusStateInitWait && vf->state != XenbusStateInitWait &&
	    vf->retry_at && time_before(jiffies, vf->retry_at)) {
		xenvf_back_set_state(vf, XenbusStateClosed);
		mod_delayed_work(system_wq, &vf->retry_work,
				 vf->retry_at - jiffies);
		return;
	}
	if (target == XenbusStateInitWait)
		vf->retry_at = 0;
	xenvf_back_set_state(vf, target);
}

/* The back-off after a refused attempt is over: InitWait if still wanted. */
static void xenvf_back_retry_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(to_delayed_work(work),
						struct xenvf_back_vf,
						retry_work);
	enum xenbus_state fe = xenbus_read_driver_state(vf->dev->otherend);

	mutex_lock(&vf->state_lock);
	if (!vf->removing && xenbus_dev_is_online(vf->dev) &&
	    (fe == XenbusStateClosed || fe == XenbusStateInitialising) &&
	    xenvf_back_state_target(vf->state, fe, true) == XenbusStateInitWait) {
		vf->retry_at = 0;
		xenvf_back_set_state(vf, XenbusStateInitWait);
	}
	mutex_unlock(&vf->state_lock);
}

/*
 * A protocol violation (xenvf_back_fatal()): disconnect for real, from a
 * work item, not from inside the code that found it reading a ring. The
 * queues stop, the VF leaves the switch, its channels are unbound and
 * every ring is unmapped, whether or not the frontend ever reacts.
 */
static void xenvf_back_fatal_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(work, struct xenvf_back_vf,
						fatal_work);

	mutex_lock(&vf->state_lock);
	/*
	 * The bit is cleared by the next connect: a violation of a connection
	 * already gone (the frontend closed first) does not end a new one.
	 */
	if (!vf->removing && vf->state == XenbusStateConnected &&
	    test_bit(0, &vf->fatal)) {
		xenvf_back_report(vf, -EPROTO, "broke %s", vf->fatal_what);
		vf->retry_at = jiffies + XENVF_BACK_RETRY_DELAY;
		xenvf_back_set_state(vf, XenbusStateClosing);
	}
	mutex_unlock(&vf->state_lock);
}

/**
 * xenvf_back_fatal() - the frontend broke the protocol: disconnect it
 * @vf: the VF
 * @what: what it broke (a string constant: "the control ring protocol"),
 *	for the log and the error node
 *
 * Callable from any context that may schedule work, with or without
 * vf->lock. Only the first call per connection does anything; the caller
 * stops using the ring at once (it is marked broken), and fatal_work
 * tears the connection down.
 */
void xenvf_back_fatal(struct xenvf_back_vf *vf, const char *what)
{
	if (test_and_set_bit(0, &vf->fatal))
		return;
	WRITE_ONCE(vf->fatal_what, what);
	if (xenvf_back_log_ok(vf))
		dev_err(&vf->dev->dev, "domain %d broke %s, disconnecting\n",
			vf->dev->otherend_id, what);
	schedule_work(&vf->fatal_work);
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
	bool online = xenbus_dev_is_online(dev);
	enum xenbus_state target;

	dev_dbg(&dev->dev, "frontend %s -> %s\n", dev->otherend,
		xenbus_strstate(frontend_state));
	mutex_lock(&vf->state_lock);
	vf->frontend_state = frontend_state;
	target = xenvf_back_state_target(vf->state, frontend_state, online);
	if (target == XenbusStateUnknown) {
		mutex_unlock(&vf->state_lock);
		dev_warn_ratelimited(&dev->dev, "frontend in state %d ignored\n",
				     frontend_state);
		return;
	}
	xenvf_back_go(vf, target);
	mutex_unlock(&vf->state_lock);

	if (frontend_state == XenbusStateUnknown ||
	    (frontend_state == XenbusStateClosed && !online)) {
		/* the toolstack is removing the device, or the guest is gone */
		if (frontend_state == XenbusStateUnknown &&
		    !domain_exists(dev->otherend_id))
			schedule_work(&vf->cleanup_work);
		else
			device_unregister(&dev->dev);
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
	mutex_init(&vf->state_lock);
	ratelimit_state_init(&vf->log_rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	spin_lock_init(&vf->rate_lock);
	spin_lock_init(&vf->credit_lock);
	INIT_WORK(&vf->fatal_work, xenvf_back_fatal_work);
	INIT_DELAYED_WORK(&vf->retry_work, xenvf_back_retry_work);
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
	err = xenvf_back_rep_create(vf);	/* tells its error on xenbus */
	if (err) {
		xenvf_back_admin_stop(vf);
		goto fail;
	}

	dev_info(&dev->dev, "VF backend for domain %d probed\n",
		 dev->otherend_id);
	mutex_lock(&vf->state_lock);
	xenvf_back_set_state(vf, XenbusStateInitWait);
	mutex_unlock(&vf->state_lock);
	return 0;

fail:
	dev_set_drvdata(&dev->dev, NULL);
	kfree(vf);
	/*
	 * xenbus_dev_probe() read dev->otherend for us and frees it only on a
	 * later probe or a remove, neither of which follows a refused probe
	 * (kmemleak: one 32-byte string per refusal). The core frees and
	 * re-reads it before any next probe, so NULL is what it expects.
	 */
	kfree(dev->otherend);
	dev->otherend = NULL;
	return err;
}

static void xenvf_back_remove(struct xenbus_device *dev)
{
	struct xenvf_back_vf *vf = dev_get_drvdata(&dev->dev);

	xenvf_back_admin_stop(vf);
	mutex_lock(&vf->state_lock);
	vf->removing = true;		/* fatal_work and retry_work: nothing */
	xenvf_back_set_state(vf, XenbusStateClosed);
	mutex_unlock(&vf->state_lock);
	/* nothing schedules them once the VF is disconnected */
	cancel_work_sync(&vf->fatal_work);
	cancel_delayed_work_sync(&vf->retry_work);
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
