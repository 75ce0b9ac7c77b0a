// SPDX-License-Identifier: GPL-2.0-only
/*
 * Suspend and resume of xenvf-front (docs/design.md "Save, restore,
 * checkpoint"). drivers/xen/manage.c runs the xenbus frontend PM ops:
 *
 *   xl save, xl migrate   .freeze -> .suspend ... .restore -> .resume
 *   xl save -c (cancel)   .freeze -> .suspend ... .thaw (calls nothing)
 *
 * A cancelled suspend resumes the same domain with the same backend and
 * gets no callback, so .suspend tears nothing down: the rings, grants and
 * channels stay as they are and the guest carries on with them. .resume
 * comes only in a new domain (new domid, new backend, the old grants and
 * channels meaningless): as netfront does, it detaches the netdev (TX
 * queues stopped, carrier off), frees every ring, grant and pool page,
 * counts what was in flight, and lets the xenbus state machine connect to
 * the new backend from Initialising. The netdev stays registered; the
 * handshake replays its filters (front_netdev.c, front_replay.c).
 *
 * The dom0 service may create the restored domain's nodes after the guest
 * runs. Then xenbus_dev_resume() cannot read the frontend node (or the
 * backend it names), leaves dev->otherend NULL, calls no .resume and
 * watches nothing. fe_watch, a watch on <nodename>/backend kept from probe
 * to remove (xs_resume re-registers it in the new domain), and
 * resume_work, polling every XENVF_FRONT_RESUME_POLL_MS for
 * XENVF_FRONT_RESUME_WAIT_MS, then waiting on the watch alone, do what
 * xenbus_dev_resume() could not once the nodes are there.
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <xen/xenbus.h>

#include "xenvf_front.h"

/* Looks at a kept connection before a suspend counts as cancelled. */
#define CANCEL_CHECKS	3

/* Tear down what belonged to the old domain; the netdev stays. */
static void resume_disconnect(struct xenvf_front_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	u64 tx = vf->stats.gap_tx_lost, rx = vf->stats.gap_rx_lost;

	if (vf->registered) {
		netif_tx_lock_bh(netdev);
		netif_device_detach(netdev);	/* stops every TX queue */
		netif_tx_unlock_bh(netdev);
	}
	xenvf_front_stop(vf);			/* carrier off, rings freed */
	cancel_work_sync(&vf->rx_mode_work);	/* the replay pushes it */
	vf->uc_pushed = 0;
	vf->fcoe_granted = 0;
	vf->pm_resumed = true;
	vf->stats.resumes++;
	dev_info(&vf->dev->dev,
		 "resume: old rings freed (%llu TX frame(s) in flight, %llu RX packet(s) half received, lost)\n",
		 vf->stats.gap_tx_lost - tx, vf->stats.gap_rx_lost - rx);
}

/**
 * xenvf_front_suspend() - .suspend (freeze): keep everything
 * @dev: the device
 *
 * Return: 0.
 */
int xenvf_front_suspend(struct xenbus_device *dev)
{
	struct xenvf_front_vf *vf = dev_get_drvdata(&dev->dev);

	vf->stats.suspends++;
	vf->pm_suspended = true;
	vf->pm_resumed = false;
	vf->pm_checks = 0;
	vf->resume_waiting = false;	/* a wait of an earlier resume is over */
	dev_info(&dev->dev,
		 "suspend: rings kept (a cancelled suspend carries on with them)\n");
	/* tells a cancelled suspend apart in the log (resume_work) */
	mod_delayed_work(system_wq, &vf->resume_work,
			 msecs_to_jiffies(XENVF_FRONT_RESUME_POLL_MS));
	return 0;
}

/**
 * xenvf_front_resume() - .resume (restore): a new domain, a new backend
 * @dev: the device; xenbus found the backend and will watch it once we
 *	return (its first event, InitWait, connects)
 *
 * Return: 0.
 */
int xenvf_front_resume(struct xenbus_device *dev)
{
	struct xenvf_front_vf *vf = dev_get_drvdata(&dev->dev);

	dev_info(&dev->dev, "resumed in a new domain: reconnecting to %s\n",
		 dev->otherend);
	vf->resume_waiting = false;
	resume_disconnect(vf);
	return 0;
}

/*
 * The otherend watch set up by reattach(), in place of the one
 * xenbus_dev_resume() could not set up: what xenbus_otherend_changed()
 * does for a frontend.
 */
static void backend_watch(struct xenbus_watch *watch, const char *path,
			  const char *token)
{
	struct xenbus_device *dev = container_of(watch, struct xenbus_device,
						 otherend_watch);
	enum xenbus_state state;

	if (!dev->otherend ||
	    strncmp(dev->otherend, path, strlen(dev->otherend)))
		return;
	state = xenbus_read_driver_state(dev->otherend);
	if (system_state > SYSTEM_RUNNING) {
		if (state == XenbusStateClosing)
			xenbus_frontend_closed(dev);
		return;
	}
	xenvf_front_backend_changed(dev, state);
}

/* The nodes are there: what xenbus_dev_resume() does, then connect. */
static void reattach(struct xenvf_front_vf *vf, unsigned int waited)
{
	struct xenbus_device *dev = vf->dev;
	struct xenbus_driver *drv = to_xenbus_driver(dev->dev.driver);
	int err;

	err = drv->read_otherend_details(dev);	/* reports through xenbus */
	if (err) {
		if (!vf->resume_timed_out)	/* else the watch, as before */
			schedule_delayed_work(&vf->resume_work,
					      msecs_to_jiffies(XENVF_FRONT_RESUME_POLL_MS));
		return;
	}
	vf->resume_waiting = false;
	/* the error node xenbus_dev_resume() wrote is stale now */
	xenbus_rm(XBT_NIL, "error", dev->nodename);
	dev_info(&dev->dev,
		 "backend %s appeared %u ms after the resume: reconnecting\n",
		 dev->otherend, waited);
	dev->state = XenbusStateInitialising;	/* torn down by wait_backend() */
	/* fires at once: InitWait connects, an earlier state waits for it */
	err = xenbus_watch_pathfmt(dev, &dev->otherend_watch, NULL,
				   backend_watch, "%s/state", dev->otherend);
	if (err)
		dev_err(&dev->dev, "cannot watch %s: %d\n", dev->otherend, err);
}

/* Our node and the backend node it names, as xenbus reads them. */
static void look(struct xenbus_device *dev, bool *fe, bool *be)
{
	char *path = xenbus_read(XBT_NIL, dev->nodename, "backend", NULL);

	*fe = false;
	*be = false;
	if (IS_ERR(path))
		return;
	*fe = *path && xenbus_exists(XBT_NIL, dev->nodename, "backend-id");
	*be = *path && xenbus_exists(XBT_NIL, path, "");
	kfree(path);
}

/* Resumed without a backend: wait for it (dev->otherend is NULL). */
static void wait_backend(struct xenvf_front_vf *vf)
{
	struct xenbus_device *dev = vf->dev;
	bool first = !vf->resume_waiting;
	unsigned int waited;
	bool fe, be;

	if (first) {
		vf->resume_waiting = true;
		vf->resume_timed_out = false;
		vf->resume_wait_start = jiffies;
		vf->stats.resume_waits++;
		/* the old rings go now: carrier off, nothing sent in the gap */
		dev_info(&dev->dev, "resumed in a new domain without a backend\n");
		resume_disconnect(vf);
	}
	waited = jiffies_to_msecs(jiffies - vf->resume_wait_start);
	look(dev, &fe, &be);
	switch (xenvf_front_resume_step(false, fe, be, waited,
					vf->resume_timed_out)) {
	case XENVF_RESUME_ATTACH:
		reattach(vf, waited);
		break;
	case XENVF_RESUME_WAIT:
		if (first)
			dev_info(&dev->dev,
				 "resumed before its nodes exist (%s%s): waiting for them\n",
				 fe ? "frontend there" : "no frontend node",
				 be ? ", backend there" : ", no backend node");
		schedule_delayed_work(&vf->resume_work,
				      msecs_to_jiffies(XENVF_FRONT_RESUME_POLL_MS));
		break;
	case XENVF_RESUME_TIMEOUT:
		vf->resume_timed_out = true;
		dev_warn(&dev->dev,
			 "no backend %u s after the resume: down until its nodes appear\n",
			 waited / 1000);
		break;
	case XENVF_RESUME_IDLE:
		break;
	}
}

/* A kept connection after .suspend: resumed (no) or cancelled (say so). */
static void check_cancelled(struct xenvf_front_vf *vf)
{
	if (!vf->pm_suspended)
		return;
	if (vf->pm_resumed) {
		vf->pm_suspended = false;
		return;
	}
	if (++vf->pm_checks < CANCEL_CHECKS) {
		schedule_delayed_work(&vf->resume_work,
				      msecs_to_jiffies(XENVF_FRONT_RESUME_POLL_MS));
		return;
	}
	vf->pm_suspended = false;
	vf->stats.checkpoints++;
	dev_info(&vf->dev->dev,
		 "suspend cancelled (checkpoint): still connected to %s\n",
		 vf->dev->otherend);
}

static void resume_work(struct work_struct *work)
{
	struct xenvf_front_vf *vf = container_of(to_delayed_work(work),
						 struct xenvf_front_vf,
						 resume_work);
	struct device *d = &vf->dev->dev;

	/* .resume and remove hold it (remove cancels us: never block) */
	if (!device_trylock(d)) {
		schedule_delayed_work(&vf->resume_work, HZ / 10);
		return;
	}
	if (vf->dev->otherend)
		check_cancelled(vf);
	else
		wait_backend(vf);
	device_unlock(d);
}

/* <nodename>/backend changed (or xs_resume re-registered the watch). */
static void frontend_watch(struct xenbus_watch *watch, const char *path,
			   const char *token)
{
	struct xenvf_front_vf *vf = container_of(watch, struct xenvf_front_vf,
						 fe_watch);

	if (!READ_ONCE(vf->dev->otherend))
		mod_delayed_work(system_wq, &vf->resume_work, 0);
}

/**
 * xenvf_front_resume_init() - at probe: the work and the frontend watch
 * @vf: the VF
 *
 * Return: 0 or an error (reported through xenbus).
 */
int xenvf_front_resume_init(struct xenvf_front_vf *vf)
{
	INIT_DELAYED_WORK(&vf->resume_work, resume_work);
	return xenbus_watch_pathfmt(vf->dev, &vf->fe_watch, NULL,
				    frontend_watch, "%s/backend",
				    vf->dev->nodename);
}

/**
 * xenvf_front_resume_exit() - at remove: no more watch, no more work
 * @vf: the VF
 */
void xenvf_front_resume_exit(struct xenvf_front_vf *vf)
{
	unregister_xenbus_watch(&vf->fe_watch);
	kfree(vf->fe_watch.node);
	vf->fe_watch.node = NULL;
	cancel_delayed_work_sync(&vf->resume_work);
}
