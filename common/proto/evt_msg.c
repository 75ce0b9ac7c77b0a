// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event ring messages (PF -> VF): decode and validate on the frontend,
 * encode on the backend.
 */
#include "xenvf_msg.h"

static const u8 evt_len[XENVF_EVT_MAX + 1] = {
	[XENVF_EVT_LINK] = sizeof(struct xenvf_ctrl_link),
	[XENVF_EVT_PF_RESET] = 0,
	[XENVF_EVT_MAC] = sizeof(struct xenvf_ctrl_mac),
	[XENVF_EVT_VLAN] = sizeof(struct xenvf_evt_vlan),
	[XENVF_EVT_TRUST] = 1,
};

static int check_evt(const struct xenvf_evt *evt)
{
	switch (evt->type) {
	case XENVF_EVT_LINK:
		return evt->u.link.up > 1 || evt->u.link.full_duplex > 1 ?
		       XENVF_EINVAL : 0;
	case XENVF_EVT_MAC:
		return xenvf_mac_is_unicast(evt->u.mac.mac) ? 0 : XENVF_EINVAL;
	case XENVF_EVT_VLAN:
		return evt->u.vlan.vid > XENVF_VLAN_MAX || evt->u.vlan.qos > 7 ?
		       XENVF_EINVAL : 0;
	case XENVF_EVT_TRUST:
		return evt->u.trusted > 1 ? XENVF_EINVAL : 0;
	default:
		return XENVF_OK;
	}
}

/**
 * xenvf_evt_decode() - validate an event (frontend)
 * @rsp: a private copy of the event slot
 * @evt: the decoded event; zeroed first
 *
 * Return: XENVF_OK, XENVF_EOPNOTSUPP for an unknown type (to be counted and
 * skipped: newer backends may send more), XENVF_EINVAL for a bad length or
 * field (a protocol violation).
 */
int xenvf_evt_decode(const struct xenvf_evt_response *rsp,
		     struct xenvf_evt *evt)
{
	memset(evt, 0, sizeof(*evt));
	if (rsp->type == 0 || rsp->type > XENVF_EVT_MAX)
		return XENVF_EOPNOTSUPP;
	if (rsp->len != evt_len[rsp->type])
		return XENVF_EINVAL;
	evt->type = rsp->type;
	evt->seq = rsp->seq;
	memcpy(&evt->u, rsp->data, rsp->len);
	return check_evt(evt);
}

/**
 * xenvf_evt_encode() - build an event slot (backend)
 * @rsp: the slot to fill, private memory; fully written, padding zeroed
 * @id: the id of the request slot it answers
 * @evt: the event
 *
 * Return: XENVF_OK, or XENVF_EINVAL for an event that is not valid.
 */
int xenvf_evt_encode(struct xenvf_evt_response *rsp, u16 id,
		     const struct xenvf_evt *evt)
{
	memset(rsp, 0, sizeof(*rsp));
	if (evt->type == 0 || evt->type > XENVF_EVT_MAX || check_evt(evt))
		return XENVF_EINVAL;
	rsp->id = id;
	rsp->type = evt->type;
	rsp->seq = evt->seq;
	rsp->len = evt_len[evt->type];
	memcpy(rsp->data, &evt->u, rsp->len);
	return XENVF_OK;
}
