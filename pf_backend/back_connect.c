// SPDX-License-Identifier: GPL-2.0-only
/*
 * Connecting a VF: read and check the keys of docs/protocol.md, map the
 * frontend's control and event rings, bind its event channel and serve the
 * control ring. Everything read from xenstore or the rings is checked before
 * use; a frontend that breaks the protocol is disconnected.
 *
 * Every message a guest can cause is rate limited (xenvf_back_report(),
 * dev_*_ratelimited): a hostile frontend that reconnects in a loop must not
 * flood dom0's log. xenbus_dev_fatal() is not used on guest input: it logs
 * without a limit and switches the xenbus state behind the state walk.
 */
#include <linux/etherdevice.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "xenbus_keys.h"
#include "xenvf_back.h"

/**
 * xenvf_back_report() - refuse what the frontend asked for: a rate-limited
 * log line and the error node xenbus_dev_error() would write
 * @vf: the VF
 * @err: the negative errno
 * @fmt: what was refused
 *
 * The xenbus state is left to the caller (the state walk).
 */
void xenvf_back_report(struct xenvf_back_vf *vf, int err, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;
	char *msg, *path;

	if (xenvf_back_log_ok(vf)) {
		va_start(ap, fmt);
		vaf.fmt = fmt;
		vaf.va = &ap;
		dev_err(&vf->dev->dev, "domain %d: %d %pV\n",
			vf->dev->otherend_id, err, &vaf);
		va_end(ap);
	}

	va_start(ap, fmt);
	msg = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	path = kasprintf(GFP_KERNEL, "error/%s", vf->dev->nodename);
	if (msg && path)
		xenbus_printf(XBT_NIL, path, "error", "%i %s", -err, msg);
	kfree(path);
	kfree(msg);
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
		{ "feature-fcoe", 1 },
		{ "feature-pool-map", READ_ONCE(xenvf_back_pool_map) },
	};

	char uplink[IFNAMSIZ];
	int err = xenvf_xs_write_keys(vf->dev, keys, ARRAY_SIZE(keys));

	if (err)
		return err;
	xenvf_back_uplink_name(uplink, sizeof(uplink));
	return xenbus_printf(XBT_NIL, vf->dev->nodename, "uplink", "%s", uplink);
}

/*
 * Hardware mode: the real VF takes an allowed VLAN change, or the change
 * is undone (@was: the VID was in the table before the request).
 */
static int ctrl_hw_vlan(struct xenvf_back_vf *vf,
			const struct xenvf_ctrl_vlan *v, bool was)
{
	struct xenvf_vf_cfg *cfg = &vf->cfg;
	int st;

	if (was == test_bit(v->vid, cfg->vlans))
		return XENVF_OK;	/* nothing changed */
	st = xenvf_back_hw_set_vlan(vf);
	if (st == XENVF_OK)
		return st;
	if (was) {
		__set_bit(v->vid, cfg->vlans);
		cfg->nr_vlans++;
	} else {
		__clear_bit(v->vid, cfg->vlans);
		cfg->nr_vlans--;
	}
	return st;
}

/* One control request: decode the private copy, apply policy, answer. */
static void ctrl_request(void *ctx, const void *req, void *rsp)
{
	struct xenvf_back_vf *vf = ctx;
	struct xenvf_ctrl_msg in, out;
	u8 old_mac[ETH_ALEN];
	bool old_vlan;
	int st;

	st = xenvf_ctrl_decode_request(req, &in);
	if (st == XENVF_OK) {
		memset(&out, 0, sizeof(out));
		if (in.op == XENVF_CTRL_FCOE_NEGOTIATE) {
			vf->cfg.fcoe_offer = READ_ONCE(xenvf_fcoe_offer);
			vf->cfg.fcoe_priority = READ_ONCE(xenvf_fcoe_prio);
		}
		ether_addr_copy(old_mac, vf->cfg.mac);
		old_vlan = in.op == XENVF_CTRL_SET_VLAN &&
			   test_bit(in.u.vlan.vid, vf->cfg.vlans);
		if (in.op == XENVF_CTRL_RESET)	/* EVI may lower the limit */
			vf->cfg.mtu_max = xenvf_evi_vf_mtu_max(XENVF_MTU_MAX);
		st = xenvf_back_ctrl_prepare(vf, &in);	/* hw rate, GET_STATS */
		if (st == XENVF_OK)
			st = xenvf_back_ctrl_handle(&vf->cfg, &in, &out);
		if (st == XENVF_OK && in.op == XENVF_CTRL_SET_MAC) {
			/* hardware mode: the real VF takes it, or nothing changes */
			st = xenvf_back_hw_set_mac(vf, vf->cfg.mac);
			if (st)
				xenvf_back_ctrl_undo_mac(&vf->cfg, old_mac);
		} else if (st == XENVF_OK && in.op == XENVF_CTRL_SET_VLAN) {
			st = ctrl_hw_vlan(vf, &in.u.vlan, old_vlan);
		} else if (st == XENVF_OK && in.op == XENVF_CTRL_RESET) {
			xenvf_back_hw_sync(vf);	/* the guest's VLAN is gone */
		}
	}
	xenvf_ctrl_encode_response(rsp, req, st, st ? NULL : &out);
	vf->ctrl_requests++;
	if (st)
		vf->ctrl_errors++;
	else if (xenvf_ctrl_op_changes_port(in.op))
		vf->port_dirty = true;
}

static void xenvf_back_ctrl_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(to_delayed_work(work),
						struct xenvf_back_vf, ctrl_work);
	bool notify;
	int n;

	/* broken or being disconnected (already reported): ignore the peer */
	if (vf->ctrl.broken || test_bit(0, &vf->fatal)) {
		xen_irq_lateeoi(vf->ctrl_irq, XEN_EOI_FLAG_SPURIOUS);
		return;
	}
	mutex_lock(&vf->lock);
	n = xenvf_ring_back_consume(&vf->ctrl, XENVF_BACK_CTRL_BUDGET,
				    ctrl_request, vf, &notify);
	if (vf->port_dirty && !xenvf_back_switch_update(vf))
		vf->port_dirty = false;
	xenvf_back_evt_flush(vf);	/* new event slots may be posted */
	mutex_unlock(&vf->lock);
	if (notify)
		notify_remote_via_irq(vf->ctrl_irq);
	if (n < 0) {
		xenvf_back_fatal(vf, "the control ring protocol");
		xen_irq_lateeoi(vf->ctrl_irq, 0);
		return;
	}
	if (n == XENVF_BACK_CTRL_BUDGET) {
		/*
		 * More waiting (a guest refilling slots it watches be
		 * answered): go on after the VF's rate allows, never at once,
		 * with the event still unacknowledged.
		 */
		schedule_delayed_work(&vf->ctrl_work, xenvf_back_rate_resched(vf));
		return;
	}
	xen_irq_lateeoi(vf->ctrl_irq, n ? 0 : XEN_EOI_FLAG_SPURIOUS);
}

static irqreturn_t xenvf_back_ctrl_interrupt(int irq, void *dev_id)
{
	struct xenvf_back_vf *vf = dev_id;

	/* beyond the VF's event rate: served (and EOIed) later */
	schedule_delayed_work(&vf->ctrl_work, xenvf_back_rate_delay(vf));
	return IRQ_HANDLED;
}

/**
 * xenvf_back_ring_ref() - read a ring's grant reference, once, and check
 * that no other ring of this connect has it
 * @vf: the VF
 * @refs: the references of this connect so far (the new one is added)
 * @key: the frontend key, relative to its directory
 * @ref: the reference read
 *
 * Return: 0 or an error (reported).
 */
int xenvf_back_ring_ref(struct xenvf_back_vf *vf, struct xenvf_distinct *refs,
			const char *key, grant_ref_t *ref)
{
	u32 v;
	int err;

	err = xenvf_read_u32(vf->dev->otherend, key, 1, U32_MAX, &v);
	if (err) {
		xenvf_back_report(vf, err, "reading %s/%s", vf->dev->otherend,
				  key);
		return err;
	}
	if (xenvf_distinct_add(refs, v)) {
		xenvf_back_report(vf, -EINVAL,
				  "%s: grant reference %u is already another ring's",
				  key, v);
		return -EINVAL;
	}
	*ref = v;
	return 0;
}

/**
 * xenvf_back_map_ring() - map a ring page and attach the ring
 * @vf: the VF
 * @ref: its grant reference (xenvf_back_ring_ref())
 * @sring: the mapping
 * @ring: the ring to attach
 * @req_sz: bytes of a request
 * @rsp_sz: bytes of a response
 *
 * Return: 0 or an error (reported; *@sring set if something was mapped).
 */
int xenvf_back_map_ring(struct xenvf_back_vf *vf, grant_ref_t ref,
			void **sring, struct xenvf_ring *ring, u32 req_sz,
			u32 rsp_sz)
{
	int err = xenbus_map_ring_valloc(vf->dev, &ref, 1, sring);

	if (err)
		return err;	/* xenbus already reported it */
	return xenvf_ring_attach(ring, *sring, XEN_PAGE_SIZE, req_sz, rsp_sz);
}

/**
 * xenvf_back_connect() - map the frontend's rings and serve them
 * @vf: the VF; the frontend is Initialised (or Connected)
 *
 * Every grant reference (control, event, each queue's TX and RX) must be a
 * different one, and every event channel too (docs/protocol.md 1.3).
 *
 * Return: 0, or an error after which nothing is left mapped or bound.
 */
int xenvf_back_connect(struct xenvf_back_vf *vf)
{
	const char *fe = vf->dev->otherend;
	u32 ref_v[XENVF_CONNECT_REFS_MAX], evtchn_v[XENVF_CONNECT_EVTCHNS_MAX];
	struct xenvf_distinct refs = { .max = ARRAY_SIZE(ref_v), .v = ref_v };
	struct xenvf_distinct evtchns = {
		.max = ARRAY_SIZE(evtchn_v), .v = evtchn_v
	};
	grant_ref_t ctrl_ref, evt_ref;
	u32 version, evtchn;
	int err;

	clear_bit(0, &vf->fatal);	/* a new connection: violations count again */
	err = xenvf_read_u32(fe, "protocol-version", XENVF_PROTO_VERSION_MIN,
			     XENVF_PROTO_VERSION_MAX, &version);
	if (err) {
		xenvf_back_report(vf, err, "reading %s/protocol-version", fe);
		return err;
	}
	err = xenvf_read_u32(fe, "event-channel-ctrl", 1, U32_MAX, &evtchn);
	if (err) {
		xenvf_back_report(vf, err, "reading %s/event-channel-ctrl", fe);
		return err;
	}
	xenvf_distinct_add(&evtchns, evtchn);	/* the first: cannot fail */
	/* both references checked before either is mapped */
	err = xenvf_back_ring_ref(vf, &refs, "ctrl-ring-ref", &ctrl_ref);
	if (!err)
		err = xenvf_back_ring_ref(vf, &refs, "evt-ring-ref", &evt_ref);
	if (err)
		return err;
	err = xenvf_back_map_ring(vf, ctrl_ref, &vf->ctrl_sring, &vf->ctrl,
				  sizeof(struct xenvf_ctrl_request),
				  sizeof(struct xenvf_ctrl_response));
	if (err)
		goto fail;
	err = xenvf_back_map_ring(vf, evt_ref, &vf->evt_sring, &vf->evt,
				  sizeof(struct xenvf_evt_request),
				  sizeof(struct xenvf_evt_response));
	if (err)
		goto fail;

	mutex_lock(&vf->lock);
	xenvf_back_ctrl_init(&vf->cfg);
	vf->evt_pending = 0;
	vf->evt_seq = 0;
	mutex_unlock(&vf->lock);
	INIT_DELAYED_WORK(&vf->ctrl_work, xenvf_back_ctrl_work);
	xenvf_back_rate_init(vf);
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(vf->dev, evtchn,
							    xenvf_back_ctrl_interrupt,
							    0, "xenvf-ctrl", vf);
	if (err < 0) {
		xenvf_back_report(vf, err, "binding event channel %u", evtchn);
		goto fail;
	}
	vf->ctrl_irq = err;
	err = xenvf_back_vec_bind(vf, XENVF_VEC_CTRL, 0, evtchn, vf->ctrl_irq);
	if (err) {
		xenvf_back_report(vf, err, "no interrupt vector left for the VF");
		goto fail;
	}
	/* the event ring is mapped and its channel bound: events may go */
	mutex_lock(&vf->lock);
	vf->evt_up = true;
	mutex_unlock(&vf->lock);
	err = xenvf_back_data_connect(vf, &refs, &evtchns);
	if (err)
		goto fail;
	err = xenvf_back_switch_add(vf);
	if (err)
		goto fail;
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
	/* no event is sent (nor the event ring read) from here on */
	mutex_lock(&vf->lock);
	vf->evt_up = false;
	mutex_unlock(&vf->lock);
	xenvf_back_switch_del(vf);
	xenvf_back_data_disconnect(vf);
	if (vf->ctrl_irq) {
		disable_irq(vf->ctrl_irq);	/* no new work... */
		cancel_delayed_work_sync(&vf->ctrl_work);	/* ...and none running */
		xenvf_back_vec_unbind(vf, XENVF_VEC_CTRL, 0, vf->ctrl_irq);
		unbind_from_irqhandler(vf->ctrl_irq, vf);
		vf->ctrl_irq = 0;
	}
	xenvf_back_vec_release(vf);
	mutex_lock(&vf->lock);		/* excludes event ring readers */
	if (vf->evt_sring) {
		xenbus_unmap_ring_vfree(vf->dev, vf->evt_sring);
		vf->evt_sring = NULL;
	}
	mutex_unlock(&vf->lock);
	if (vf->ctrl_sring) {
		xenbus_unmap_ring_vfree(vf->dev, vf->ctrl_sring);
		vf->ctrl_sring = NULL;
	}
}
