// SPDX-License-Identifier: GPL-2.0-only
/*
 * Connecting a VF: read and check the keys of docs/protocol.md, map the
 * frontend's control and event rings, bind its event channel and serve the
 * control ring. Everything read from xenstore or the rings is checked before
 * use; a frontend that breaks the protocol is disconnected.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "xenbus_keys.h"
#include "xenvf_back.h"

/* Read an unsigned key of @dir and check its range. */
static int read_u32(const char *dir, const char *key, u32 min, u32 max,
		    u32 *out)
{
	unsigned int v;
	int n = xenbus_scanf(XBT_NIL, dir, key, "%u", &v);

	if (n < 0)
		return n;
	if (n != 1 || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/**
 * xenvf_back_read_admin() - read the admin's keys of the backend node
 * @vf: the VF
 *
 * Missing keys take their defaults; present but invalid ones fail.
 *
 * Return: 0 or -EINVAL (with a xenbus error naming the key).
 */
int xenvf_back_read_admin(struct xenvf_back_vf *vf)
{
	struct xenvf_vf_cfg *cfg = &vf->cfg;
	const char *dir = vf->dev->nodename;
	u32 v;
	char *mac;
	int err;

	cfg->mtu_max = XENVF_MTU_MAX;
	cfg->queues = 1;
	vf->max_queues = clamp_t(unsigned int, xenvf_back_max_queues, 1,
				 XENVF_MAX_QUEUES);
	cfg->link.up = 1;
	cfg->link.full_duplex = 1;
	cfg->link.speed_mbps = 10000;
	netdev_rss_key_fill(cfg->rss_key, XENVF_RSS_KEY_SIZE);

	mac = xenbus_read(XBT_NIL, dir, "mac", NULL);
	if (!IS_ERR(mac)) {
		err = mac_pton(mac, cfg->admin_mac) &&
		      is_valid_ether_addr(cfg->admin_mac) ? 0 : -EINVAL;
		kfree(mac);
		if (err) {
			xenbus_dev_fatal(vf->dev, err, "invalid key mac");
			return err;
		}
		cfg->admin_mac_set = true;
	}
	err = read_u32(dir, "vlan", 0, XENVF_VLAN_MAX, &v);
	if (!err)
		cfg->port_vlan = v;
	else if (err != -ENOENT)
		goto bad_vlan;
	err = read_u32(dir, "trusted", 0, 1, &v);
	if (!err)
		cfg->trusted = v;
	else if (err != -ENOENT)
		goto bad_trusted;
	xenvf_back_ctrl_init(cfg);
	return 0;

bad_vlan:
	xenbus_dev_fatal(vf->dev, -EINVAL, "invalid key vlan");
	return -EINVAL;
bad_trusted:
	xenbus_dev_fatal(vf->dev, -EINVAL, "invalid key trusted");
	return -EINVAL;
}

/**
 * xenvf_back_write_features() - publish what the backend offers (1.2)
 * @vf: the VF
 *
 * Return: 0 or a xenstore error (reported).
 */
int xenvf_back_write_features(struct xenvf_back_vf *vf)
{
	const struct xenvf_xs_key keys[] = {
		{ "protocol-version-min", XENVF_PROTO_VERSION_MIN },
		{ "protocol-version-max", XENVF_PROTO_VERSION_MAX },
		{ "multi-queue-max-queues", vf->max_queues },
		{ "max-ring-page-order", 0 },	/* one page per data ring */
		{ "mtu-max", vf->cfg.mtu_max },
		{ "feature-sg", 1 },
		{ "feature-gso-tcpv4", 1 },
		{ "feature-gso-tcpv6", 1 },
		{ "feature-ipv6-csum-offload", 1 },
	};

	return xenvf_xs_write_keys(vf->dev, keys, ARRAY_SIZE(keys));
}

/* One control request: decode the private copy, apply policy, answer. */
static void ctrl_request(void *ctx, const void *req, void *rsp)
{
	struct xenvf_back_vf *vf = ctx;
	struct xenvf_ctrl_msg in, out;
	int st;

	st = xenvf_ctrl_decode_request(req, &in);
	if (st == XENVF_OK) {
		memset(&out, 0, sizeof(out));
		st = xenvf_back_ctrl_handle(&vf->cfg, &in, &out);
	}
	xenvf_ctrl_encode_response(rsp, req, st, st ? NULL : &out);
	vf->ctrl_requests++;
	if (st)
		vf->ctrl_errors++;
}

static void xenvf_back_ctrl_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(work, struct xenvf_back_vf,
						ctrl_work);
	bool notify;
	int n;

	if (vf->ctrl.broken) {		/* already reported: ignore the peer */
		xen_irq_lateeoi(vf->ctrl_irq, XEN_EOI_FLAG_SPURIOUS);
		return;
	}
	mutex_lock(&vf->lock);
	n = xenvf_ring_back_consume(&vf->ctrl, XENVF_BACK_CTRL_BUDGET,
				    ctrl_request, vf, &notify);
	mutex_unlock(&vf->lock);
	if (notify)
		notify_remote_via_irq(vf->ctrl_irq);
	if (n < 0) {
		dev_err_ratelimited(&vf->dev->dev,
				    "domain %d broke the control ring protocol, disconnecting\n",
				    vf->dev->otherend_id);
		xenbus_dev_fatal(vf->dev, -EPROTO, "control ring overflow");
		xen_irq_lateeoi(vf->ctrl_irq, 0);
		return;
	}
	if (n == XENVF_BACK_CTRL_BUDGET) {
		schedule_work(&vf->ctrl_work);	/* more waiting: yield, then go on */
		return;
	}
	xen_irq_lateeoi(vf->ctrl_irq, n ? 0 : XEN_EOI_FLAG_SPURIOUS);
}

static irqreturn_t xenvf_back_ctrl_interrupt(int irq, void *dev_id)
{
	struct xenvf_back_vf *vf = dev_id;

	schedule_work(&vf->ctrl_work);
	return IRQ_HANDLED;
}

static int map_ring(struct xenvf_back_vf *vf, const char *key, void **sring,
		    struct xenvf_ring *ring, u32 req_sz, u32 rsp_sz)
{
	grant_ref_t ref;
	u32 v;
	int err;

	err = read_u32(vf->dev->otherend, key, 1, U32_MAX, &v);
	if (err) {
		xenbus_dev_fatal(vf->dev, err, "reading %s/%s",
				 vf->dev->otherend, key);
		return err;
	}
	ref = v;
	err = xenbus_map_ring_valloc(vf->dev, &ref, 1, sring);
	if (err)
		return err;	/* xenbus already reported it */
	return xenvf_ring_attach(ring, *sring, XEN_PAGE_SIZE, req_sz, rsp_sz);
}

/**
 * xenvf_back_connect() - map the frontend's rings and serve them
 * @vf: the VF; the frontend is Initialised (or Connected)
 *
 * Return: 0, or an error after which nothing is left mapped or bound.
 */
int xenvf_back_connect(struct xenvf_back_vf *vf)
{
	const char *fe = vf->dev->otherend;
	u32 version, evtchn;
	int err;

	err = read_u32(fe, "protocol-version", XENVF_PROTO_VERSION_MIN,
		       XENVF_PROTO_VERSION_MAX, &version);
	if (err) {
		xenbus_dev_fatal(vf->dev, err, "reading %s/protocol-version", fe);
		return err;
	}
	err = read_u32(fe, "event-channel-ctrl", 1, U32_MAX, &evtchn);
	if (err) {
		xenbus_dev_fatal(vf->dev, err, "reading %s/event-channel-ctrl", fe);
		return err;
	}
	err = map_ring(vf, "ctrl-ring-ref", &vf->ctrl_sring, &vf->ctrl,
		       sizeof(struct xenvf_ctrl_request),
		       sizeof(struct xenvf_ctrl_response));
	if (err)
		goto fail;
	err = map_ring(vf, "evt-ring-ref", &vf->evt_sring, &vf->evt,
		       sizeof(struct xenvf_evt_request),
		       sizeof(struct xenvf_evt_response));
	if (err)
		goto fail;

	mutex_lock(&vf->lock);
	xenvf_back_ctrl_init(&vf->cfg);
	mutex_unlock(&vf->lock);
	INIT_WORK(&vf->ctrl_work, xenvf_back_ctrl_work);
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(vf->dev, evtchn,
							    xenvf_back_ctrl_interrupt,
							    0, "xenvf-ctrl", vf);
	if (err < 0) {
		xenbus_dev_fatal(vf->dev, err, "binding event channel %u", evtchn);
		goto fail;
	}
	vf->ctrl_irq = err;
	err = xenvf_back_data_connect(vf);
	if (err)
		goto fail;
	xenvf_back_switch_add(vf);
	return 0;

fail:
	xenvf_back_disconnect(vf);
	return err;
}

/**
 * xenvf_back_disconnect() - stop serving and unmap; safe on a partial connect
 * @vf: the VF
 */
void xenvf_back_disconnect(struct xenvf_back_vf *vf)
{
	if (READ_ONCE(vf->data_up))
		xenvf_back_switch_del(vf);
	xenvf_back_data_disconnect(vf);
	if (vf->ctrl_irq) {
		disable_irq(vf->ctrl_irq);	/* no new work... */
		cancel_work_sync(&vf->ctrl_work);	/* ...and none running */
		unbind_from_irqhandler(vf->ctrl_irq, vf);
		vf->ctrl_irq = 0;
	}
	if (vf->evt_sring) {
		xenbus_unmap_ring_vfree(vf->dev, vf->evt_sring);
		vf->evt_sring = NULL;
	}
	if (vf->ctrl_sring) {
		xenbus_unmap_ring_vfree(vf->dev, vf->ctrl_sring);
		vf->ctrl_sring = NULL;
	}
}
