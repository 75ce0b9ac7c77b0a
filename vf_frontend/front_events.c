// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's side of the event ring (docs/protocol.md 4): every slot
 * stays posted; each event the backend answers with is validated on a
 * private copy, applied (link, admin MAC, port VLAN, trust, PF reset) and
 * its slot posted again. A malformed event breaks the device; an unknown
 * type is counted and skipped.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <xen/events.h>
#include <xen/xenbus.h>

#include "xenvf_front.h"

/* Budget of events per run of the work; the rest go on in the next one. */
#define EVT_BUDGET	64

/**
 * xenvf_front_evt_post_all() - post every event slot (ring just set up)
 * @vf: the VF
 */
void xenvf_front_evt_post_all(struct xenvf_front_vf *vf)
{
	struct xenvf_evt_request req = { 0 };

	vf->evt_last_seq = 0;
	while (xenvf_ring_front_free(&vf->evt)) {
		if (xenvf_ring_front_put_req(&vf->evt, &req))
			break;
		req.id++;
	}
	xenvf_ring_front_push(&vf->evt);
}

/**
 * xenvf_front_link_apply() - carrier as the backend's link says
 * @vf: the VF (caller holds RTNL)
 */
void xenvf_front_link_apply(struct xenvf_front_vf *vf)
{
	struct net_device *netdev = vf->netdev;

	if (!vf->registered)
		return;
	/* not present: detached by a resume until the filters are replayed */
	if (vf->link.up && netif_running(netdev) &&
	    netif_device_present(netdev) &&
	    vf->dev->state == XenbusStateConnected) {
		netif_carrier_on(netdev);
		netif_tx_wake_all_queues(netdev);
	} else {
		netif_carrier_off(netdev);
	}
}

static void apply(struct xenvf_front_vf *vf, const struct xenvf_evt *evt)
{
	switch (evt->type) {
	case XENVF_EVT_LINK:
		rtnl_lock();
		vf->link = evt->u.link;
		xenvf_front_link_apply(vf);
		rtnl_unlock();
		dev_info(&vf->dev->dev, "link %s (PF event)\n",
			 evt->u.link.up ? "up" : "down");
		break;
	case XENVF_EVT_MAC:
		rtnl_lock();
		memcpy(vf->mac, evt->u.mac.mac, XENVF_ETH_ALEN);
		if (vf->registered) {
			eth_hw_addr_set(vf->netdev, vf->mac);
			call_netdevice_notifiers(NETDEV_CHANGEADDR, vf->netdev);
			__netdev_notify_peers(vf->netdev);	/* gratuitous ARP */
		}
		rtnl_unlock();
		dev_info(&vf->dev->dev, "MAC set to %pM by the admin\n", vf->mac);
		break;
	case XENVF_EVT_VLAN:
		vf->port_vlan = evt->u.vlan.vid;
		dev_info(&vf->dev->dev, "port VLAN %u qos %u set by the admin\n",
			 evt->u.vlan.vid, evt->u.vlan.qos);
		break;
	case XENVF_EVT_TRUST:
		vf->trusted = evt->u.trusted;
		dev_info(&vf->dev->dev, "VF is %strusted now\n",
			 evt->u.trusted ? "" : "not ");
		break;
	case XENVF_EVT_PF_RESET:
		dev_info(&vf->dev->dev, "PF reset: running the handshake again\n");
		schedule_work(&vf->connect_work);
		break;
	}
}

/**
 * xenvf_front_evt_work() - take the events the backend answered with
 * @work: the VF's evt_work
 */
void xenvf_front_evt_work(struct work_struct *work)
{
	struct xenvf_front_vf *vf = container_of(work, struct xenvf_front_vf,
						 evt_work);
	struct xenvf_evt_response rsp;
	struct xenvf_evt_request req = { 0 };
	struct xenvf_evt evt;
	unsigned int done = 0;
	int n, st;

	if (READ_ONCE(vf->broken) || !vf->evt_sring)
		return;
	while (done < EVT_BUDGET) {
		n = xenvf_ring_front_final_check(&vf->evt);
		if (n < 0)
			goto broken;
		if (!n)
			break;
		xenvf_ring_front_copy_rsp(&vf->evt, &rsp);
		st = xenvf_evt_decode(&rsp, &evt);
		if (st == XENVF_EINVAL)
			goto broken;
		if (st == XENVF_OK) {
			if (evt.seq != (u32)(vf->evt_last_seq + 1))
				vf->stats.evt_gaps++;
			vf->evt_last_seq = evt.seq;
			vf->stats.events++;
			apply(vf, &evt);
		} else {
			vf->stats.evt_unknown++;
		}
		req.id = rsp.id;
		if (xenvf_ring_front_put_req(&vf->evt, &req))
			goto broken;
		done++;
	}
	if (done && xenvf_ring_front_push(&vf->evt))
		notify_remote_via_irq(vf->irq);
	if (done == EVT_BUDGET)
		schedule_work(&vf->evt_work);
	return;

broken:
	WRITE_ONCE(vf->broken, true);
	wake_up(&vf->ctrl_wq);
	dev_err_ratelimited(&vf->dev->dev,
			    "backend broke the event ring protocol\n");
}
