// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event ring (docs/protocol.md 4): the PF's notices to the guest. The
 * frontend keeps request slots posted; each event answers one. Events are
 * coalesced per type: a pending bit says "tell the guest the current
 * state", so a full ring loses nothing but intermediate states.
 */
#include <xen/events.h>
#include <xen/xenbus.h>

#include "xenvf_back.h"

static void fill(const struct xenvf_vf_cfg *cfg, u8 type, struct xenvf_evt *evt)
{
	memset(evt, 0, sizeof(*evt));
	evt->type = type;
	switch (type) {
	case XENVF_EVT_LINK:
		evt->u.link = cfg->link;
		break;
	case XENVF_EVT_MAC:
		memcpy(evt->u.mac.mac, cfg->mac, XENVF_ETH_ALEN);
		break;
	case XENVF_EVT_VLAN:
		evt->u.vlan.vid = cfg->port_vlan;
		evt->u.vlan.qos = cfg->qos;
		break;
	case XENVF_EVT_TRUST:
		evt->u.trusted = cfg->trusted;
		break;
	default:
		break;
	}
}

/**
 * xenvf_back_evt_ring_usable() - may the event ring be read and written?
 * @vf: the VF (caller holds vf->lock)
 *
 * The rule of the event ring: it is used only under vf->lock while
 * evt_up, which xenvf_back_disconnect() clears under vf->lock before it
 * unbinds the channel and unmaps the ring (also under vf->lock).
 *
 * Return: true while connected and not broken or being disconnected.
 */
bool xenvf_back_evt_ring_usable(struct xenvf_back_vf *vf)
{
	lockdep_assert_held(&vf->lock);
	return vf->evt_up && !vf->evt.broken && !test_bit(0, &vf->fatal);
}

/**
 * xenvf_back_evt_flush() - send pending events while slots are posted
 * @vf: the VF (caller holds vf->lock)
 */
void xenvf_back_evt_flush(struct xenvf_back_vf *vf)
{
	struct xenvf_evt_request req;
	struct xenvf_evt_response rsp;
	struct xenvf_evt evt;
	bool sent = false;
	int avail;
	u8 type;

	if (!xenvf_back_evt_ring_usable(vf))
		return;
	while (vf->evt_pending) {
		avail = xenvf_ring_back_pending(&vf->evt);
		if (avail < 0) {
			xenvf_back_fatal(vf, "the event ring protocol");
			return;
		}
		if (!avail)
			break;	/* kept pending until the guest posts a slot */
		type = __ffs(vf->evt_pending);
		vf->evt_pending &= ~BIT(type);
		fill(&vf->cfg, type, &evt);
		evt.seq = ++vf->evt_seq;
		xenvf_ring_back_copy_req(&vf->evt, &req);
		if (xenvf_evt_encode(&rsp, req.id, &evt)) {
			vf->evt_seq--;	/* our own bug: never send it */
			WARN_ON_ONCE(1);
			continue;
		}
		xenvf_ring_back_put_rsp(&vf->evt, &rsp);
		sent = true;
	}
	if (sent && xenvf_ring_back_push(&vf->evt))
		notify_remote_via_irq(vf->ctrl_irq);
}

/**
 * xenvf_back_evt_post() - tell the guest about a change of @type
 * @vf: the VF (caller holds vf->lock); nothing is sent before it connects,
 *	when the guest reads the state with control requests instead
 * @type: XENVF_EVT_*
 */
void xenvf_back_evt_post(struct xenvf_back_vf *vf, u8 type)
{
	if (!xenvf_back_evt_ring_usable(vf))
		return;
	vf->evt_pending |= BIT(type);
	xenvf_back_evt_flush(vf);
}
