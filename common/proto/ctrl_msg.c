// SPDX-License-Identifier: GPL-2.0-only
/*
 * Control ring messages: decode and validate what the other end wrote,
 * encode what we send. See xenvf_msg.h for the contract.
 */
#include "xenvf_msg.h"

#define LEN_VARIABLE	0xffff

struct ctrl_op_desc {
	bool known;
	u16 req_len;	/* LEN_VARIABLE: checked by the op's validator */
	u16 rsp_len;	/* payload of a successful response */
};

static const struct ctrl_op_desc ctrl_ops[XENVF_CTRL_OP_MAX + 1] = {
	[XENVF_CTRL_RESET] = {
		true, 0, sizeof(struct xenvf_ctrl_reset_rsp) },
	[XENVF_CTRL_SET_MAC] = {
		true, sizeof(struct xenvf_ctrl_mac), 0 },
	[XENVF_CTRL_SET_MULTICAST] = {
		true, LEN_VARIABLE, 0 },
	[XENVF_CTRL_SET_VLAN] = {
		true, sizeof(struct xenvf_ctrl_vlan), 0 },
	[XENVF_CTRL_SET_MTU] = {
		true, sizeof(struct xenvf_ctrl_mtu), 0 },
	[XENVF_CTRL_SET_UC_LIST] = {
		true, LEN_VARIABLE, 0 },
	[XENVF_CTRL_API_NEGOTIATE] = {
		true, sizeof(struct xenvf_ctrl_api), sizeof(struct xenvf_ctrl_api) },
	[XENVF_CTRL_GET_QUEUES] = {
		true, 0, sizeof(struct xenvf_ctrl_queues) },
	[XENVF_CTRL_GET_RETA] = {
		true, 0, sizeof(struct xenvf_ctrl_reta) },
	[XENVF_CTRL_GET_RSS_KEY] = {
		true, 0, sizeof(struct xenvf_ctrl_rss_key) },
	[XENVF_CTRL_SET_XCAST_MODE] = {
		true, sizeof(struct xenvf_ctrl_xcast), 0 },
	[XENVF_CTRL_GET_LINK_STATE] = {
		true, 0, sizeof(struct xenvf_ctrl_link) },
	[XENVF_CTRL_GET_STATS] = {
		true, 0, sizeof(struct xenvf_vf_stats) },
	[XENVF_CTRL_FCOE_NEGOTIATE] = {
		true, sizeof(struct xenvf_ctrl_fcoe), sizeof(struct xenvf_ctrl_fcoe) },
};

static const struct ctrl_op_desc *ctrl_op(u8 op)
{
	if (op > XENVF_CTRL_OP_MAX || !ctrl_ops[op].known)
		return NULL;
	return &ctrl_ops[op];
}

static bool status_known(s16 status)
{
	switch (status) {
	case XENVF_OK:
	case XENVF_EPERM:
	case XENVF_EBUSY:
	case XENVF_EINVAL:
	case XENVF_ENOSPC:
	case XENVF_EPROTO:
	case XENVF_EOPNOTSUPP:
	case XENVF_EADDRINUSE:
		return true;
	default:
		return false;
	}
}

/* Most addresses in a SET_MULTICAST or SET_UC_LIST list. */
static unsigned int list_max(u8 op)
{
	return op == XENVF_CTRL_SET_UC_LIST ? XENVF_UC_MAX : XENVF_MC_MAX;
}

/**
 * xenvf_ctrl_payload_len() - payload length of a message
 * @op: XENVF_CTRL_*
 * @response: the length of a successful response rather than a request
 * @payload: the payload (read only for the count of SET_MULTICAST and
 *	     SET_UC_LIST)
 *
 * Return: the length in bytes, or XENVF_EOPNOTSUPP / XENVF_EINVAL.
 */
int xenvf_ctrl_payload_len(u8 op, bool response, const void *payload)
{
	const struct ctrl_op_desc *d = ctrl_op(op);
	const struct xenvf_ctrl_mc_list *mc = payload;

	if (!d)
		return XENVF_EOPNOTSUPP;
	if (response)
		return d->rsp_len;
	if (d->req_len != LEN_VARIABLE)
		return d->req_len;
	if (mc->count > list_max(op))
		return XENVF_EINVAL;
	return 4 + XENVF_ETH_ALEN * mc->count;
}

/* A list of multicast (SET_MULTICAST) or unicast (SET_UC_LIST) MACs. */
static int check_mac_list(const struct xenvf_ctrl_msg *msg)
{
	const struct xenvf_ctrl_mc_list *mc = &msg->u.mc;
	bool uc = msg->op == XENVF_CTRL_SET_UC_LIST;
	unsigned int i;

	if (msg->len < 4 || mc->count > list_max(msg->op) ||
	    msg->len != 4 + XENVF_ETH_ALEN * mc->count)
		return XENVF_EINVAL;
	for (i = 0; i < mc->count; i++)
		if (uc ? !xenvf_mac_is_unicast(mc->macs[i]) :
			 !xenvf_mac_is_multicast(mc->macs[i]))
			return XENVF_EINVAL;
	return XENVF_OK;
}

static int check_request(const struct xenvf_ctrl_msg *msg)
{
	switch (msg->op) {
	case XENVF_CTRL_SET_MAC:
		return xenvf_mac_is_unicast(msg->u.mac.mac) ? 0 : XENVF_EINVAL;
	case XENVF_CTRL_SET_MULTICAST:
	case XENVF_CTRL_SET_UC_LIST:
		return check_mac_list(msg);
	case XENVF_CTRL_SET_VLAN:
		if (msg->u.vlan.vid < 1 || msg->u.vlan.vid > XENVF_VLAN_MAX ||
		    msg->u.vlan.add > 1)
			return XENVF_EINVAL;
		return XENVF_OK;
	case XENVF_CTRL_SET_MTU:
		if (msg->u.mtu.mtu < XENVF_MTU_MIN || msg->u.mtu.mtu > XENVF_MTU_MAX)
			return XENVF_EINVAL;
		return XENVF_OK;
	case XENVF_CTRL_API_NEGOTIATE:
		return msg->u.api.version ? XENVF_OK : XENVF_EINVAL;
	case XENVF_CTRL_SET_XCAST_MODE:
		return msg->u.xcast.mode <= XENVF_XCAST_PROMISC ? 0 : XENVF_EINVAL;
	case XENVF_CTRL_FCOE_NEGOTIATE:
		return msg->u.fcoe.flags & ~XENVF_FCOE_FLAGS_ALL ? XENVF_EINVAL : 0;
	default:
		return XENVF_OK;	/* no payload */
	}
}

/**
 * xenvf_ctrl_decode_request() - validate a control request (backend side)
 * @req: a private copy of the request slot
 * @msg: decoded request; zeroed first, valid only when 0 is returned
 *
 * Return: XENVF_OK, XENVF_EOPNOTSUPP for an unknown op, XENVF_EINVAL for a
 * bad length or field. The caller answers with this status.
 */
int xenvf_ctrl_decode_request(const struct xenvf_ctrl_request *req,
			      struct xenvf_ctrl_msg *msg)
{
	const struct ctrl_op_desc *d = ctrl_op(req->op);

	memset(msg, 0, sizeof(*msg));
	if (!d)
		return XENVF_EOPNOTSUPP;
	if (req->len > XENVF_CTRL_DATA_MAX)
		return XENVF_EINVAL;
	if (d->req_len != LEN_VARIABLE && req->len != d->req_len)
		return XENVF_EINVAL;
	msg->op = req->op;
	msg->len = req->len;
	memcpy(msg->u.raw, req->data, req->len);
	return check_request(msg);
}

static int check_response(const struct xenvf_ctrl_msg *msg)
{
	const struct xenvf_ctrl_reset_rsp *r = &msg->u.reset;
	const struct xenvf_ctrl_queues *q = &msg->u.queues;
	unsigned int i;

	switch (msg->op) {
	case XENVF_CTRL_RESET:
		if (r->mtu_max < XENVF_MTU_MIN || r->mtu_max > XENVF_MTU_MAX ||
		    r->port_vlan > XENVF_VLAN_MAX || r->admin_mac > 1 ||
		    r->trusted > 1)
			return XENVF_EPROTO;
		if (!xenvf_mac_is_unicast(r->mac) &&
		    (r->mac[0] | r->mac[1] | r->mac[2] | r->mac[3] | r->mac[4] | r->mac[5]))
			return XENVF_EPROTO;
		return XENVF_OK;
	case XENVF_CTRL_API_NEGOTIATE:
		if (msg->u.api.version < XENVF_PROTO_VERSION_MIN ||
		    msg->u.api.version > XENVF_PROTO_VERSION_MAX)
			return XENVF_EPROTO;
		return XENVF_OK;
	case XENVF_CTRL_GET_QUEUES:
		if (!q->tx_queues || q->tx_queues > XENVF_MAX_QUEUES ||
		    !q->rx_queues || q->rx_queues > XENVF_MAX_QUEUES ||
		    q->default_queue >= q->rx_queues || q->port_vlan > 1)
			return XENVF_EPROTO;
		return XENVF_OK;
	case XENVF_CTRL_GET_RETA:
		if (msg->u.reta.size != XENVF_RETA_SIZE)
			return XENVF_EPROTO;
		for (i = 0; i < XENVF_RETA_SIZE; i++)
			if (msg->u.reta.queue[i] >= XENVF_MAX_QUEUES)
				return XENVF_EPROTO;
		return XENVF_OK;
	case XENVF_CTRL_GET_RSS_KEY:
		return msg->u.rss_key.size == XENVF_RSS_KEY_SIZE ? 0 : XENVF_EPROTO;
	case XENVF_CTRL_GET_LINK_STATE:
		return msg->u.link.up > 1 || msg->u.link.full_duplex > 1 ?
		       XENVF_EPROTO : 0;
	case XENVF_CTRL_FCOE_NEGOTIATE:
		if (msg->u.fcoe.flags & ~XENVF_FCOE_FLAGS_ALL ||
		    msg->u.fcoe.priority > 7 ||
		    (msg->u.fcoe.flags && msg->u.fcoe.mtu != XENVF_FCOE_MTU))
			return XENVF_EPROTO;
		return XENVF_OK;
	default:
		return XENVF_OK;
	}
}

/**
 * xenvf_ctrl_decode_response() - validate a control response (frontend)
 * @rsp: a private copy of the response slot
 * @want_id: the id of the request it must answer
 * @want_op: the op of that request
 * @msg: decoded response (status and payload); zeroed first
 *
 * Return: XENVF_OK when the response is well formed (its own status, which
 * may be an error the backend reports, is in msg->status), XENVF_EPROTO when
 * it is not: a wrong id or op, an unknown status, a bad length or payload.
 */
int xenvf_ctrl_decode_response(const struct xenvf_ctrl_response *rsp,
			       u16 want_id, u8 want_op,
			       struct xenvf_ctrl_msg *msg)
{
	const struct ctrl_op_desc *d = ctrl_op(rsp->op);

	memset(msg, 0, sizeof(*msg));
	if (rsp->id != want_id || rsp->op != want_op || !d ||
	    !status_known(rsp->status))
		return XENVF_EPROTO;
	msg->op = rsp->op;
	msg->status = rsp->status;
	if (rsp->status != XENVF_OK)
		return rsp->len ? XENVF_EPROTO : XENVF_OK;
	if (rsp->len != d->rsp_len)
		return XENVF_EPROTO;
	msg->len = rsp->len;
	memcpy(msg->u.raw, rsp->data, rsp->len);
	return check_response(msg);
}

/**
 * xenvf_ctrl_encode_request() - build a request slot (frontend)
 * @req: the slot to fill, private memory; fully written, padding zeroed
 * @id: request id
 * @msg: op and payload
 *
 * Return: XENVF_OK, or the status the backend would answer for @msg
 * (XENVF_EOPNOTSUPP, XENVF_EINVAL): invalid requests are never sent.
 */
int xenvf_ctrl_encode_request(struct xenvf_ctrl_request *req, u16 id,
			      const struct xenvf_ctrl_msg *msg)
{
	struct xenvf_ctrl_msg check;
	int len = xenvf_ctrl_payload_len(msg->op, false, &msg->u);

	memset(req, 0, sizeof(*req));
	if (len < 0)
		return len;
	req->id = id;
	req->op = msg->op;
	req->len = (u16)len;
	memcpy(req->data, msg->u.raw, len);
	return xenvf_ctrl_decode_request(req, &check);
}

/**
 * xenvf_ctrl_encode_response() - build a response slot (backend)
 * @rsp: the slot to fill, private memory; fully written, padding zeroed
 * @req: the (private copy of the) request answered
 * @status: XENVF_OK or a negative XENVF_E*
 * @msg: the payload of a successful response, or NULL
 */
void xenvf_ctrl_encode_response(struct xenvf_ctrl_response *rsp,
				const struct xenvf_ctrl_request *req,
				int status, const struct xenvf_ctrl_msg *msg)
{
	const struct ctrl_op_desc *d = ctrl_op(req->op);

	memset(rsp, 0, sizeof(*rsp));
	rsp->id = req->id;
	rsp->op = req->op;
	rsp->status = (s16)status;
	if (status == XENVF_OK && d && d->rsp_len && msg) {
		rsp->len = d->rsp_len;
		memcpy(rsp->data, msg->u.raw, d->rsp_len);
	}
}
