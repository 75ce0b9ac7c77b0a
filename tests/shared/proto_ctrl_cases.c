// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cases for common/proto/ctrl_msg.c and evt_msg.c (included by the KUnit
 * and cmocka harnesses together with the unit sources).
 */

static const u8 mac_a[XENVF_ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x01 };
static const u8 mc_a[XENVF_ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const u8 fpma_a[XENVF_ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x01 };

/* A valid request message for each op. */
static void valid_msg(u8 op, struct xenvf_ctrl_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->op = op;
	switch (op) {
	case XENVF_CTRL_SET_MAC:
		memcpy(m->u.mac.mac, mac_a, XENVF_ETH_ALEN);
		break;
	case XENVF_CTRL_SET_MULTICAST:
		m->u.mc.count = 2;
		memcpy(m->u.mc.macs[0], mc_a, XENVF_ETH_ALEN);
		memcpy(m->u.mc.macs[1], mc_a, XENVF_ETH_ALEN);
		m->u.mc.macs[1][5] = 2;
		break;
	case XENVF_CTRL_SET_UC_LIST:
		m->u.mc.count = 2;
		memcpy(m->u.mc.macs[0], fpma_a, XENVF_ETH_ALEN);
		memcpy(m->u.mc.macs[1], mac_a, XENVF_ETH_ALEN);
		break;
	case XENVF_CTRL_SET_VLAN:
		m->u.vlan.vid = 100;
		m->u.vlan.add = 1;
		break;
	case XENVF_CTRL_SET_MTU:
		m->u.mtu.mtu = 9000;
		break;
	case XENVF_CTRL_API_NEGOTIATE:
		m->u.api.version = XENVF_PROTO_VERSION_1;
		break;
	case XENVF_CTRL_SET_XCAST_MODE:
		m->u.xcast.mode = XENVF_XCAST_ALLMULTI;
		break;
	case XENVF_CTRL_FCOE_NEGOTIATE:
		m->u.fcoe.flags = XENVF_FCOE_CRC;
		break;
	}
}

static const u8 all_ops[] = {
	XENVF_CTRL_RESET, XENVF_CTRL_SET_MAC, XENVF_CTRL_SET_MULTICAST,
	XENVF_CTRL_SET_VLAN, XENVF_CTRL_SET_MTU, XENVF_CTRL_API_NEGOTIATE,
	XENVF_CTRL_GET_QUEUES, XENVF_CTRL_GET_RETA, XENVF_CTRL_GET_RSS_KEY,
	XENVF_CTRL_SET_XCAST_MODE, XENVF_CTRL_GET_LINK_STATE,
	XENVF_CTRL_GET_STATS, XENVF_CTRL_FCOE_NEGOTIATE, XENVF_CTRL_SET_UC_LIST,
};

static void ctrl_layout(struct kunit *t)
{
	XT_EQ(t, sizeof(struct xenvf_ctrl_request), 256);
	XT_EQ(t, sizeof(struct xenvf_ctrl_response), 256);
	XT_EQ(t, __CONST_RING_SIZE(xenvf_ctrl, XENVF_RING_PAGE_SIZE), 8);
	XT_EQ(t, __CONST_RING_SIZE(xenvf_evt, XENVF_RING_PAGE_SIZE), 64);
	XT_EQ(t, sizeof(struct xenvf_ctrl_mc_list), 4 + 6 * XENVF_MC_MAX);
	XT_TRUE(t, sizeof(struct xenvf_ctrl_reta) <= XENVF_CTRL_DATA_MAX);
	XT_TRUE(t, sizeof(struct xenvf_vf_stats) <= XENVF_CTRL_DATA_MAX);
	XT_EQ(t, sizeof(struct xenvf_evt_response), 32);
}

static void ctrl_valid_requests_roundtrip(struct kunit *t)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_msg m, d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(all_ops); i++) {
		valid_msg(all_ops[i], &m);
		XT_EQ(t, xenvf_ctrl_encode_request(&req, 7 + i, &m), XENVF_OK);
		XT_EQ(t, req.id, 7 + i);
		XT_EQ(t, req.op, all_ops[i]);
		XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_OK);
		XT_EQ(t, d.op, all_ops[i]);
		XT_EQ(t, d.len, req.len);
		XT_MEMEQ(t, d.u.raw, m.u.raw, req.len);
	}
	valid_msg(XENVF_CTRL_SET_MULTICAST, &m);
	xenvf_ctrl_encode_request(&req, 1, &m);
	XT_EQ(t, req.len, 4 + 2 * 6);
	m.u.mc.count = 0;	/* an empty list clears it */
	XT_EQ(t, xenvf_ctrl_encode_request(&req, 1, &m), XENVF_OK);
	XT_EQ(t, req.len, 4);
	m.u.mc.count = XENVF_MC_MAX;
	for (i = 0; i < XENVF_MC_MAX; i++)
		memcpy(m.u.mc.macs[i], mc_a, XENVF_ETH_ALEN);
	XT_EQ(t, xenvf_ctrl_encode_request(&req, 1, &m), XENVF_OK);
	XT_EQ(t, req.len, 4 + 6 * XENVF_MC_MAX);
	valid_msg(XENVF_CTRL_SET_UC_LIST, &m);
	m.u.mc.count = XENVF_UC_MAX;
	for (i = 0; i < XENVF_UC_MAX; i++)
		memcpy(m.u.mc.macs[i], fpma_a, XENVF_ETH_ALEN);
	XT_EQ(t, xenvf_ctrl_encode_request(&req, 1, &m), XENVF_OK);
	XT_EQ(t, req.len, 4 + 6 * XENVF_UC_MAX);
}

static void ctrl_truncated_and_long(struct kunit *t)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_msg m, d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(all_ops); i++) {
		valid_msg(all_ops[i], &m);
		xenvf_ctrl_encode_request(&req, 1, &m);
		if (req.len) {
			req.len--;	/* truncated */
			XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
			req.len += 2;	/* trailing junk */
		} else {
			req.len = 1;
		}
		XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
		req.len = XENVF_CTRL_DATA_MAX + 1;
		XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
		req.len = 0xffff;
		XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
	}
	valid_msg(XENVF_CTRL_SET_MULTICAST, &m);
	xenvf_ctrl_encode_request(&req, 1, &m);
	req.len = 3;	/* shorter than the count field */
	XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
	req.len = 4 + 6;	/* count says 2, one entry sent */
	XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
}

/* Corrupt one field of a valid request; the decoder must say EINVAL. */
static void expect_einval(struct kunit *t, u8 op, void (*corrupt)(struct xenvf_ctrl_msg *))
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_msg m, d;
	int len;

	valid_msg(op, &m);
	corrupt(&m);
	XT_FALSE(t, xenvf_ctrl_encode_request(&req, 1, &m) == XENVF_OK);
	/* and from a hostile frontend that skips the encoder's checks */
	memset(&req, 0, sizeof(req));
	req.op = op;
	len = xenvf_ctrl_payload_len(op, false, &m.u);
	if (len < 0) {
		/* a list longer than its op allows, as many bytes as it says */
		len = 4 + XENVF_ETH_ALEN * m.u.mc.count;
		if (len > XENVF_CTRL_DATA_MAX)
			len = XENVF_CTRL_DATA_MAX;
	}
	req.len = len;
	memcpy(req.data, m.u.raw, req.len);
	XT_EQ(t, xenvf_ctrl_decode_request(&req, &d), XENVF_EINVAL);
}

static void bad_mac_multicast(struct xenvf_ctrl_msg *m)
{
	m->u.mac.mac[0] = 1;
}

static void bad_mac_zero(struct xenvf_ctrl_msg *m)
{
	memset(m->u.mac.mac, 0, 6);
}

/* A list of @n entries, each a copy of the first (valid) one. */
static void long_list(struct xenvf_ctrl_msg *m, unsigned int n)
{
	unsigned int i;

	m->u.mc.count = n;
	for (i = 1; 4 + XENVF_ETH_ALEN * (i + 1) <= XENVF_CTRL_DATA_MAX && i < n; i++)
		memcpy(m->u.raw + 4 + XENVF_ETH_ALEN * i, m->u.raw + 4,
		       XENVF_ETH_ALEN);
}

static void bad_mc_count(struct xenvf_ctrl_msg *m)
{
	long_list(m, XENVF_MC_MAX + 1);
}

static void bad_mc_unicast(struct xenvf_ctrl_msg *m)
{
	m->u.mc.macs[1][0] = 0;
}

static void bad_uc_count(struct xenvf_ctrl_msg *m)
{
	long_list(m, XENVF_UC_MAX + 1);
}

static void bad_uc_multicast(struct xenvf_ctrl_msg *m)
{
	m->u.mc.macs[0][0] = 1;
}

static void bad_uc_zero(struct xenvf_ctrl_msg *m)
{
	memset(m->u.mc.macs[1], 0, XENVF_ETH_ALEN);
}

static void bad_vlan_zero(struct xenvf_ctrl_msg *m)
{
	m->u.vlan.vid = 0;
}

static void bad_vlan_4095(struct xenvf_ctrl_msg *m)
{
	m->u.vlan.vid = 4095;
}

static void bad_vlan_add(struct xenvf_ctrl_msg *m)
{
	m->u.vlan.add = 2;
}

static void bad_mtu_low(struct xenvf_ctrl_msg *m)
{
	m->u.mtu.mtu = XENVF_MTU_MIN - 1;
}

static void bad_mtu_high(struct xenvf_ctrl_msg *m)
{
	m->u.mtu.mtu = XENVF_MTU_MAX + 1;
}

static void bad_api_zero(struct xenvf_ctrl_msg *m)
{
	m->u.api.version = 0;
}

static void bad_xcast(struct xenvf_ctrl_msg *m)
{
	m->u.xcast.mode = XENVF_XCAST_PROMISC + 1;
}

static void bad_fcoe_flags(struct xenvf_ctrl_msg *m)
{
	m->u.fcoe.flags = 1u << 2;
}

static void ctrl_out_of_range(struct kunit *t)
{
	expect_einval(t, XENVF_CTRL_SET_MAC, bad_mac_multicast);
	expect_einval(t, XENVF_CTRL_SET_MAC, bad_mac_zero);
	expect_einval(t, XENVF_CTRL_SET_MULTICAST, bad_mc_count);
	expect_einval(t, XENVF_CTRL_SET_MULTICAST, bad_mc_unicast);
	expect_einval(t, XENVF_CTRL_SET_UC_LIST, bad_uc_count);
	expect_einval(t, XENVF_CTRL_SET_UC_LIST, bad_uc_multicast);
	expect_einval(t, XENVF_CTRL_SET_UC_LIST, bad_uc_zero);
	expect_einval(t, XENVF_CTRL_SET_VLAN, bad_vlan_zero);
	expect_einval(t, XENVF_CTRL_SET_VLAN, bad_vlan_4095);
	expect_einval(t, XENVF_CTRL_SET_VLAN, bad_vlan_add);
	expect_einval(t, XENVF_CTRL_SET_MTU, bad_mtu_low);
	expect_einval(t, XENVF_CTRL_SET_MTU, bad_mtu_high);
	expect_einval(t, XENVF_CTRL_API_NEGOTIATE, bad_api_zero);
	expect_einval(t, XENVF_CTRL_SET_XCAST_MODE, bad_xcast);
	expect_einval(t, XENVF_CTRL_FCOE_NEGOTIATE, bad_fcoe_flags);
}

static void ctrl_unknown_op(struct kunit *t)
{
	static const u8 unknown[] = { 7, 0, 0x0d, 0x0e, 0x0f, 0x11, 0x1f,
				      XENVF_CTRL_OP_MAX + 1, 0x80, 0xff };
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_response rsp;
	struct xenvf_ctrl_msg m;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		memset(&req, 0, sizeof(req));
		req.id = 42;
		req.op = unknown[i];
		XT_EQ(t, xenvf_ctrl_decode_request(&req, &m), XENVF_EOPNOTSUPP);
		m.op = unknown[i];
		XT_EQ(t, xenvf_ctrl_encode_request(&req, 1, &m), XENVF_EOPNOTSUPP);
		XT_EQ(t, req.op, 0);	/* nothing half-written */
		req.id = 42;
		req.op = unknown[i];
		/* the backend's answer: NOT_SUPPORTED, echoing id and op */
		xenvf_ctrl_encode_response(&rsp, &req, XENVF_EOPNOTSUPP, NULL);
		XT_EQ(t, rsp.status, XENVF_EOPNOTSUPP);
		XT_EQ(t, rsp.op, unknown[i]);
		XT_EQ(t, rsp.id, 42);
		XT_EQ(t, rsp.len, 0);
	}
}

static void ctrl_encode_zeroes_padding(struct kunit *t)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_response rsp;
	struct xenvf_ctrl_msg m;
	static const u8 zero[XENVF_CTRL_DATA_MAX];

	memset(&req, 0xaa, sizeof(req));
	valid_msg(XENVF_CTRL_SET_VLAN, &m);
	xenvf_ctrl_encode_request(&req, 3, &m);
	XT_EQ(t, req.pad0, 0);
	XT_EQ(t, req.pad1, 0);
	XT_MEMEQ(t, req.data + req.len, zero, XENVF_CTRL_DATA_MAX - req.len);
	memset(&rsp, 0xaa, sizeof(rsp));
	xenvf_ctrl_encode_response(&rsp, &req, XENVF_EPERM, NULL);
	XT_EQ(t, rsp.pad0, 0);
	XT_EQ(t, rsp.len, 0);
	XT_MEMEQ(t, rsp.data, zero, XENVF_CTRL_DATA_MAX);
}

/* A valid successful response payload for each op. */
static void valid_rsp(u8 op, struct xenvf_ctrl_msg *m)
{
	unsigned int i;

	memset(m, 0, sizeof(*m));
	m->op = op;
	switch (op) {
	case XENVF_CTRL_RESET:
		memcpy(m->u.reset.mac, mac_a, XENVF_ETH_ALEN);
		m->u.reset.mtu_max = 9710;
		m->u.reset.port_vlan = 10;
		break;
	case XENVF_CTRL_API_NEGOTIATE:
		m->u.api.version = XENVF_PROTO_VERSION_1;
		break;
	case XENVF_CTRL_GET_QUEUES:
		m->u.queues.tx_queues = 2;
		m->u.queues.rx_queues = 2;
		m->u.queues.default_queue = 1;
		break;
	case XENVF_CTRL_GET_RETA:
		m->u.reta.size = XENVF_RETA_SIZE;
		for (i = 0; i < XENVF_RETA_SIZE; i++)
			m->u.reta.queue[i] = i % 2;
		break;
	case XENVF_CTRL_GET_RSS_KEY:
		m->u.rss_key.size = XENVF_RSS_KEY_SIZE;
		m->u.rss_key.key[0] = 0x6d;
		break;
	case XENVF_CTRL_GET_LINK_STATE:
		m->u.link.up = 1;
		m->u.link.full_duplex = 1;
		m->u.link.speed_mbps = 10000;
		break;
	case XENVF_CTRL_GET_STATS:
		m->u.stats.rx_packets = 5;
		break;
	case XENVF_CTRL_FCOE_NEGOTIATE:
		m->u.fcoe.flags = XENVF_FCOE_CRC;
		m->u.fcoe.mtu = XENVF_FCOE_MTU;
		m->u.fcoe.priority = 3;
		break;
	}
}

static void ctrl_responses_roundtrip(struct kunit *t)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_response rsp;
	struct xenvf_ctrl_msg m, d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(all_ops); i++) {
		valid_msg(all_ops[i], &m);
		xenvf_ctrl_encode_request(&req, 100 + i, &m);
		valid_rsp(all_ops[i], &m);
		xenvf_ctrl_encode_response(&rsp, &req, XENVF_OK, &m);
		XT_EQ(t, xenvf_ctrl_decode_response(&rsp, 100 + i, all_ops[i], &d),
		      XENVF_OK);
		XT_EQ(t, d.status, XENVF_OK);
		XT_EQ(t, d.len, xenvf_ctrl_payload_len(all_ops[i], true, NULL));
		XT_MEMEQ(t, d.u.raw, m.u.raw, d.len);
		/* a refusal is well formed too, and carries its status */
		xenvf_ctrl_encode_response(&rsp, &req, XENVF_EPERM, &m);
		XT_EQ(t, xenvf_ctrl_decode_response(&rsp, 100 + i, all_ops[i], &d),
		      XENVF_OK);
		XT_EQ(t, d.status, XENVF_EPERM);
	}
}

/* Corrupt a valid response; the frontend must call it a protocol error. */
static void expect_eproto(struct kunit *t, u8 op, void (*corrupt)(struct xenvf_ctrl_response *))
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_response rsp;
	struct xenvf_ctrl_msg m, d;

	valid_msg(op, &m);
	xenvf_ctrl_encode_request(&req, 9, &m);
	valid_rsp(op, &m);
	xenvf_ctrl_encode_response(&rsp, &req, XENVF_OK, &m);
	XT_EQ(t, xenvf_ctrl_decode_response(&rsp, 9, op, &d), XENVF_OK);
	corrupt(&rsp);
	XT_EQ(t, xenvf_ctrl_decode_response(&rsp, 9, op, &d), XENVF_EPROTO);
}

static void r_id(struct xenvf_ctrl_response *r)
{
	r->id++;
}

static void r_op(struct xenvf_ctrl_response *r)
{
	r->op = XENVF_CTRL_GET_STATS;
}

static void r_status(struct xenvf_ctrl_response *r)
{
	r->status = -5;
	r->len = 0;	/* a well-formed error but for its unknown status */
}

static void r_status_pos(struct xenvf_ctrl_response *r)
{
	r->status = 1;
}

static void r_err_len(struct xenvf_ctrl_response *r)
{
	r->status = XENVF_EPERM;
}

static void r_short(struct xenvf_ctrl_response *r)
{
	r->len--;
}

static void r_long(struct xenvf_ctrl_response *r)
{
	r->len = 0xffff;
}

static void r_reset_mtu(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_reset_rsp *)r->data)->mtu_max = 9711;
}

static void r_reset_mac(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_reset_rsp *)r->data)->mac[0] = 1;
}

static void r_reset_vlan(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_reset_rsp *)r->data)->port_vlan = 4095;
}

static void r_api(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_api *)r->data)->version = XENVF_PROTO_VERSION_MAX + 1;
}

static void r_queues_zero(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_queues *)r->data)->rx_queues = 0;
}

static void r_queues_many(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_queues *)r->data)->tx_queues = XENVF_MAX_QUEUES + 1;
}

static void r_queues_default(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_queues *)r->data)->default_queue = 2;
}

static void r_reta_size(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_reta *)r->data)->size = XENVF_RETA_SIZE - 1;
}

static void r_reta_entry(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_reta *)r->data)->queue[127] = XENVF_MAX_QUEUES;
}

static void r_key_size(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_rss_key *)r->data)->size = XENVF_RSS_KEY_SIZE + 1;
}

static void r_link(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_link *)r->data)->up = 2;
}

static void r_fcoe_flags(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_fcoe *)r->data)->flags = 4;
}

static void r_fcoe_mtu(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_fcoe *)r->data)->mtu = 1500;
}

static void r_fcoe_prio(struct xenvf_ctrl_response *r)
{
	((struct xenvf_ctrl_fcoe *)r->data)->priority = 8;
}

static void ctrl_hostile_responses(struct kunit *t)
{
	expect_eproto(t, XENVF_CTRL_RESET, r_id);
	expect_eproto(t, XENVF_CTRL_RESET, r_op);
	expect_eproto(t, XENVF_CTRL_RESET, r_status);
	expect_eproto(t, XENVF_CTRL_RESET, r_status_pos);
	expect_eproto(t, XENVF_CTRL_RESET, r_err_len);
	expect_eproto(t, XENVF_CTRL_RESET, r_short);
	expect_eproto(t, XENVF_CTRL_GET_STATS, r_long);
	expect_eproto(t, XENVF_CTRL_RESET, r_reset_mtu);
	expect_eproto(t, XENVF_CTRL_RESET, r_reset_mac);
	expect_eproto(t, XENVF_CTRL_RESET, r_reset_vlan);
	expect_eproto(t, XENVF_CTRL_API_NEGOTIATE, r_api);
	expect_eproto(t, XENVF_CTRL_GET_QUEUES, r_queues_zero);
	expect_eproto(t, XENVF_CTRL_GET_QUEUES, r_queues_many);
	expect_eproto(t, XENVF_CTRL_GET_QUEUES, r_queues_default);
	expect_eproto(t, XENVF_CTRL_GET_RETA, r_reta_size);
	expect_eproto(t, XENVF_CTRL_GET_RETA, r_reta_entry);
	expect_eproto(t, XENVF_CTRL_GET_RSS_KEY, r_key_size);
	expect_eproto(t, XENVF_CTRL_GET_LINK_STATE, r_link);
	expect_eproto(t, XENVF_CTRL_FCOE_NEGOTIATE, r_fcoe_flags);
	expect_eproto(t, XENVF_CTRL_FCOE_NEGOTIATE, r_fcoe_mtu);
	expect_eproto(t, XENVF_CTRL_FCOE_NEGOTIATE, r_fcoe_prio);
}

/* ---- events ---- */

static void valid_evt(u8 type, struct xenvf_evt *e)
{
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->seq = 77;
	switch (type) {
	case XENVF_EVT_LINK:
		e->u.link.up = 1;
		e->u.link.speed_mbps = 10000;
		break;
	case XENVF_EVT_MAC:
		memcpy(e->u.mac.mac, mac_a, XENVF_ETH_ALEN);
		break;
	case XENVF_EVT_VLAN:
		e->u.vlan.vid = 4094;
		e->u.vlan.qos = 7;
		break;
	case XENVF_EVT_TRUST:
		e->u.trusted = 1;
		break;
	}
}

static void evt_roundtrip_and_length(struct kunit *t)
{
	struct xenvf_evt_response rsp;
	struct xenvf_evt e, d;
	u8 type;

	for (type = 1; type <= XENVF_EVT_MAX; type++) {
		valid_evt(type, &e);
		XT_EQ(t, xenvf_evt_encode(&rsp, 5, &e), XENVF_OK);
		XT_EQ(t, rsp.id, 5);
		XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_OK);
		XT_EQ(t, d.type, type);
		XT_EQ(t, d.seq, 77);
		XT_MEMEQ(t, &d.u, &e.u, rsp.len);
		rsp.len++;
		XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);
		rsp.len = 0xff;
		XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);
	}
}

static void evt_out_of_range_and_unknown(struct kunit *t)
{
	struct xenvf_evt_response rsp;
	struct xenvf_evt e, d;

	valid_evt(XENVF_EVT_LINK, &e);
	xenvf_evt_encode(&rsp, 1, &e);
	rsp.data[0] = 2;			/* link.up */
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);
	valid_evt(XENVF_EVT_MAC, &e);
	xenvf_evt_encode(&rsp, 1, &e);
	rsp.data[0] = 1;			/* multicast MAC */
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);
	valid_evt(XENVF_EVT_VLAN, &e);
	xenvf_evt_encode(&rsp, 1, &e);
	rsp.data[0] = 0xff;			/* vid 4095 */
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);
	xenvf_evt_encode(&rsp, 1, &e);
	rsp.data[2] = 8;			/* qos */
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);
	valid_evt(XENVF_EVT_TRUST, &e);
	xenvf_evt_encode(&rsp, 1, &e);
	rsp.data[0] = 2;
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EINVAL);

	rsp.type = 0;
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EOPNOTSUPP);
	rsp.type = XENVF_EVT_MAX + 1;
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EOPNOTSUPP);
	rsp.type = 0xff;
	XT_EQ(t, xenvf_evt_decode(&rsp, &d), XENVF_EOPNOTSUPP);

	e.type = XENVF_EVT_MAX + 1;
	XT_EQ(t, xenvf_evt_encode(&rsp, 1, &e), XENVF_EINVAL);
	valid_evt(XENVF_EVT_VLAN, &e);
	e.u.vlan.vid = 4095;
	XT_EQ(t, xenvf_evt_encode(&rsp, 1, &e), XENVF_EINVAL);
}

#define XT_PROTO_CTRL_CASES(X)			\
	X(ctrl_layout)				\
	X(ctrl_valid_requests_roundtrip)	\
	X(ctrl_truncated_and_long)		\
	X(ctrl_out_of_range)			\
	X(ctrl_unknown_op)			\
	X(ctrl_encode_zeroes_padding)		\
	X(ctrl_responses_roundtrip)		\
	X(ctrl_hostile_responses)		\
	X(evt_roundtrip_and_length)		\
	X(evt_out_of_range_and_unknown)
