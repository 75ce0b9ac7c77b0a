// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's control and event rings: grant them, publish them
 * (docs/protocol.md 1.3), and make control calls, which validate every
 * response before believing it.
 */
#include <linux/etherdevice.h>
#include <xen/events.h>
#include <xen/xenbus.h>

#include "front_replay.h"
#include "xenbus_keys.h"
#include "xenvf_front.h"

static irqreturn_t xenvf_front_interrupt(int irq, void *dev_id)
{
	struct xenvf_front_vf *vf = dev_id;

	wake_up(&vf->ctrl_wq);
	schedule_work(&vf->evt_work);
	return IRQ_HANDLED;
}

#define QUEUE_KEYS(n) { "queue-" #n "/tx-ring-ref", "queue-" #n "/rx-ring-ref", \
			"queue-" #n "/event-channel", "queue-" #n "/pool-ref" }
static const char *const queue_keys[XENVF_MAX_QUEUES][4] = {
	QUEUE_KEYS(0), QUEUE_KEYS(1), QUEUE_KEYS(2), QUEUE_KEYS(3),
	QUEUE_KEYS(4), QUEUE_KEYS(5), QUEUE_KEYS(6), QUEUE_KEYS(7),
};

#define FIXED_KEYS	10
#define QUEUE_KEYS_MAX	4

/* docs/protocol.md 1.3, in one transaction. */
static int write_keys(struct xenvf_front_vf *vf)
{
	struct xenvf_xs_key keys[FIXED_KEYS + 1 + QUEUE_KEYS_MAX * XENVF_MAX_QUEUES] = {
		{ "protocol-version", XENVF_PROTO_VERSION_1 },
		{ "ctrl-ring-ref", vf->ctrl_ref },
		{ "evt-ring-ref", vf->evt_ref },
		{ "event-channel-ctrl", vf->evtchn },
		{ "multi-queue-num-queues", vf->nr_queues },
		{ "ring-page-order", 0 },
		/* what we take on RX */
		{ "feature-sg", 1 },
		{ "feature-gso-tcpv4", 1 },
		{ "feature-gso-tcpv6", 1 },
		{ "feature-rx-csum", 1 },
	};
	unsigned int i, n = FIXED_KEYS;

	if (vf->queues[0].pool_page) {	/* set up for every queue or none */
		keys[n].name = "feature-pool-map";
		keys[n++].value = 1;
	}
	for (i = 0; i < vf->nr_queues; i++) {
		const struct xenvf_front_queue *q = &vf->queues[i];

		keys[n].name = queue_keys[i][0];
		keys[n++].value = q->tx_ref;
		keys[n].name = queue_keys[i][1];
		keys[n++].value = q->rx_ref;
		keys[n].name = queue_keys[i][2];
		keys[n++].value = q->evtchn;
		if (q->pool_page) {
			keys[n].name = queue_keys[i][3];
			keys[n++].value = q->pool_ref;
		}
	}
	return xenvf_xs_write_keys(vf->dev, keys, n);
}

/* docs/protocol.md 1.2: what the backend offers (absent: not offered). */
static void read_backend_features(struct xenvf_front_vf *vf)
{
	const char *be = vf->dev->otherend;
	unsigned int v;

	v = xenbus_read_unsigned(be, "multi-queue-max-queues", 1);
	vf->be.max_queues = clamp_t(unsigned int, v, 1, XENVF_MAX_QUEUES);
	vf->be.sg = xenbus_read_unsigned(be, "feature-sg", 0) == 1;
	vf->be.gso_tcpv4 = xenbus_read_unsigned(be, "feature-gso-tcpv4", 0) == 1;
	vf->be.gso_tcpv6 = xenbus_read_unsigned(be, "feature-gso-tcpv6", 0) == 1;
	vf->be.ipv6_csum = xenbus_read_unsigned(be, "feature-ipv6-csum-offload", 0) == 1;
	vf->be.fcoe = xenbus_read_unsigned(be, "feature-fcoe", 0) == 1;
	vf->be.pool_map = xenbus_read_unsigned(be, "feature-pool-map", 0) == 1;
}

static int setup_ring(struct xenvf_front_vf *vf, void **sring,
		      grant_ref_t *ref, struct xenvf_ring *ring, u32 req_sz,
		      u32 rsp_sz)
{
	int err = xenbus_setup_ring(vf->dev, GFP_KERNEL, sring, 1, ref);

	if (err)
		return err;
	xenvf_ring_shared_init(*sring);
	return xenvf_ring_attach(ring, *sring, XEN_PAGE_SIZE, req_sz, rsp_sz);
}

/**
 * xenvf_front_rings_setup() - grant the rings, bind the event channel and
 * publish them
 * @vf: the VF; the backend is in InitWait
 *
 * Return: 0, or an error after which nothing is left granted or bound.
 */
int xenvf_front_rings_setup(struct xenvf_front_vf *vf)
{
	int err;

	vf->broken = false;
	vf->ctrl_id = 0;
	err = setup_ring(vf, &vf->ctrl_sring, &vf->ctrl_ref, &vf->ctrl,
			 sizeof(struct xenvf_ctrl_request),
			 sizeof(struct xenvf_ctrl_response));
	if (err)
		goto fail;
	err = setup_ring(vf, &vf->evt_sring, &vf->evt_ref, &vf->evt,
			 sizeof(struct xenvf_evt_request),
			 sizeof(struct xenvf_evt_response));
	if (err)
		goto fail;
	xenvf_front_evt_post_all(vf);
	err = xenbus_alloc_evtchn(vf->dev, &vf->evtchn);
	if (err)
		goto fail;
	err = bind_evtchn_to_irqhandler(vf->evtchn, xenvf_front_interrupt, 0,
					"xenvf-front", vf);
	if (err < 0) {
		xenbus_free_evtchn(vf->dev, vf->evtchn);
		vf->evtchn = 0;
		goto fail;
	}
	vf->irq = err;
	read_backend_features(vf);
	err = xenvf_front_data_setup(vf);
	if (err)
		goto fail;
	err = write_keys(vf);
	if (err)
		goto fail;
	return 0;

fail:
	xenvf_front_rings_teardown(vf);
	return err;
}

/**
 * xenvf_front_rings_teardown() - unbind and end foreign access
 * @vf: the VF; the backend has unmapped (or is gone)
 */
void xenvf_front_rings_teardown(struct xenvf_front_vf *vf)
{
	xenvf_front_data_teardown(vf);
	if (vf->irq) {
		unbind_from_irqhandler(vf->irq, vf);	/* closes the channel */
		vf->irq = 0;
		vf->evtchn = 0;
	}
	cancel_work_sync(&vf->evt_work);
	xenbus_teardown_ring(&vf->evt_sring, 1, &vf->evt_ref);
	xenbus_teardown_ring(&vf->ctrl_sring, 1, &vf->ctrl_ref);
}

/*
 * Wait condition: a response is there, the ring broke, or we are closing.
 * The final check re-arms rsp_event before sleeping, so the backend's push
 * of our response notifies us.
 */
static bool ctrl_answered(struct xenvf_front_vf *vf, int *n)
{
	*n = xenvf_ring_front_final_check(&vf->ctrl);
	return *n != 0 || READ_ONCE(vf->broken);
}

/**
 * xenvf_front_ctrl_call() - one control request and its validated response
 * @vf: the VF, connected
 * @req: the request (op and payload)
 * @rsp: the decoded response; its status is the backend's answer
 *
 * Return: 0 when a well-formed response arrived (check rsp->status),
 * -EPROTO when the backend broke the protocol (the device is then marked
 * broken), -ETIMEDOUT, or the encoder's refusal of an invalid request.
 */
int xenvf_front_ctrl_call(struct xenvf_front_vf *vf,
			  const struct xenvf_ctrl_msg *req,
			  struct xenvf_ctrl_msg *rsp)
{
	struct xenvf_ctrl_request wreq;
	struct xenvf_ctrl_response wrsp;
	long left;
	int err, n;

	mutex_lock(&vf->ctrl_lock);
	if (vf->broken || !vf->irq) {
		err = -EPROTO;
		goto out;
	}
	vf->ctrl_id++;
	err = xenvf_ctrl_encode_request(&wreq, vf->ctrl_id, req);
	if (err)
		goto out;
	err = xenvf_ring_front_put_req(&vf->ctrl, &wreq);
	if (err)
		goto out;
	if (xenvf_ring_front_push(&vf->ctrl))
		notify_remote_via_irq(vf->irq);
	left = wait_event_timeout(vf->ctrl_wq, ctrl_answered(vf, &n),
				  XENVF_FRONT_CTRL_TIMEOUT);
	if (!left) {
		/* a late answer would be taken for the next one's */
		vf->broken = true;
		err = -ETIMEDOUT;
		goto out;
	}
	if (left == 1 && n > 0)	/* found only when the timeout expired */
		dev_warn_ratelimited(&vf->dev->dev,
				     "control response %u arrived without an event\n",
				     vf->ctrl_id);
	if (n <= 0)
		goto broken;
	xenvf_ring_front_copy_rsp(&vf->ctrl, &wrsp);
	if (xenvf_ctrl_decode_response(&wrsp, vf->ctrl_id, req->op, rsp))
		goto broken;
	err = 0;
	goto out;

broken:
	vf->broken = true;
	dev_err_ratelimited(&vf->dev->dev,
			    "backend broke the control protocol (op %u)\n", req->op);
	err = -EPROTO;
out:
	mutex_unlock(&vf->ctrl_lock);
	return err;
}

static int call(struct xenvf_front_vf *vf, u8 op, struct xenvf_ctrl_msg *req,
		struct xenvf_ctrl_msg *rsp)
{
	int err;

	req->op = op;
	err = xenvf_front_ctrl_call(vf, req, rsp);
	if (err)
		return err;
	return rsp->status;
}

/**
 * xenvf_front_fcoe_negotiate() - ask the PF for FCoE offloads, or give
 * them back
 * @vf: the VF; fcoe_enabled says which (fcoe.ko uses the netdev)
 *
 * The caller updates the netdev's features afterwards.
 *
 * Return: 0 (fcoe_granted says what was granted) or an errno (none).
 */
int xenvf_front_fcoe_negotiate(struct xenvf_front_vf *vf)
{
	struct xenvf_ctrl_msg req = { 0 }, rsp;
	int st;

	vf->fcoe_granted = 0;
	if (!vf->be.fcoe)
		return -EOPNOTSUPP;
	req.u.fcoe.flags = vf->fcoe_enabled ? XENVF_FCOE_FLAGS_ALL : 0;
	st = call(vf, XENVF_CTRL_FCOE_NEGOTIATE, &req, &rsp);
	if (st)
		return st;
	vf->fcoe_granted = rsp.u.fcoe.flags;
	vf->fcoe_prio = rsp.u.fcoe.priority;
	dev_info(&vf->dev->dev, "FCoE offloads:%s%s%s, priority %u\n",
		 vf->fcoe_granted & XENVF_FCOE_CRC ? " crc" : "",
		 vf->fcoe_granted & XENVF_FCOE_FSO ? " fso" : "",
		 vf->fcoe_granted ? "" : " none", vf->fcoe_prio);
	return 0;
}

/**
 * xenvf_front_handshake() - the control handshake after Connected
 * @work: the VF's connect_work
 *
 * API_NEGOTIATE, RESET, GET_QUEUES, GET_LINK_STATE, as ixgbevf does at
 * probe; the results are logged (and will configure the netdev).
 */
void xenvf_front_handshake(struct work_struct *work)
{
	struct xenvf_front_vf *vf = container_of(work, struct xenvf_front_vf,
						 connect_work);
	struct xenvf_ctrl_msg req = { 0 }, rsp;
	struct xenvf_front_pf_view pf;
	int st;

	req.u.api.version = XENVF_PROTO_VERSION_1;
	st = call(vf, XENVF_CTRL_API_NEGOTIATE, &req, &rsp);
	if (st)
		goto fail;
	st = call(vf, XENVF_CTRL_RESET, &req, &rsp);
	if (st)
		goto fail;
	memcpy(vf->mac, rsp.u.reset.mac, XENVF_ETH_ALEN);
	vf->mtu_max = rsp.u.reset.mtu_max;
	vf->port_vlan = rsp.u.reset.port_vlan;
	vf->trusted = rsp.u.reset.trusted;
	memcpy(pf.mac, vf->mac, XENVF_ETH_ALEN);
	pf.admin_mac = rsp.u.reset.admin_mac;
	pf.trusted = vf->trusted;
	/* a registered netdev keeps its own: the replay asks for it */
	if (is_zero_ether_addr(vf->mac) && !vf->registered) {
		eth_random_addr(vf->mac);
		memcpy(req.u.mac.mac, vf->mac, XENVF_ETH_ALEN);
		st = call(vf, XENVF_CTRL_SET_MAC, &req, &rsp);
		if (st)
			goto fail;
	}
	st = call(vf, XENVF_CTRL_GET_QUEUES, &req, &rsp);
	if (st)
		goto fail;
	vf->ctrl_queues = rsp.u.queues.rx_queues;
	if (vf->ctrl_queues != vf->nr_queues || rsp.u.queues.tx_queues != vf->nr_queues)
		dev_warn(&vf->dev->dev,
			 "GET_QUEUES says %u TX / %u RX queues, %u connected\n",
			 rsp.u.queues.tx_queues, vf->ctrl_queues, vf->nr_queues);
	st = call(vf, XENVF_CTRL_GET_LINK_STATE, &req, &rsp);
	if (st)
		goto fail;
	vf->link = rsp.u.link;
	dev_info(&vf->dev->dev,
		 "API %u, MAC %pM%s, mtu_max %u, %u queue(s), link %s %u Mb/s\n",
		 XENVF_PROTO_VERSION_1, vf->mac,
		 pf.admin_mac ? " (admin)" : "", vf->mtu_max,
		 vf->ctrl_queues, vf->link.up ? "up" : "down", vf->link.speed_mbps);
	if (vf->fcoe_enabled)
		xenvf_front_fcoe_negotiate(vf);	/* failure: FCoE in software */
	st = xenvf_front_netdev_up(vf, &pf);
	if (st)
		goto fail;
	return;

fail:
	dev_err(&vf->dev->dev, "control handshake failed at op %u: %d\n",
		req.op, st);
}
