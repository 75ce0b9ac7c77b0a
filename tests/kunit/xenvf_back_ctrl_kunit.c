// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_ctrl.c: the PF policy of the control
 * server.
 */
#include <kunit/test.h>
#include <linux/netdevice.h>

#include "ctrl_msg.c"
#include "back_ctrl.c"
#include "back_mac.c"
#include "back_ctrl_cost.c"
#include "back_vfstats.c"
#include "msix_vec.c"

static const u8 admin_mac[XENVF_ETH_ALEN] = { 0x00, 0x16, 0x3e, 0xaa, 0x00, 0x01 };
static const u8 other_mac[XENVF_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x07 };

static int call(struct xenvf_vf_cfg *cfg, struct xenvf_ctrl_msg *req,
		struct xenvf_ctrl_msg *rsp)
{
	memset(rsp, 0, sizeof(*rsp));
	return xenvf_back_ctrl_handle(cfg, req, rsp);
}

static struct xenvf_ctrl_msg *msg(struct kunit *test, u8 op)
{
	struct xenvf_ctrl_msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->op = op;
	return m;
}

/* The VFs of a case: their MAC claims are released at its end. */
static struct xenvf_vf_cfg *made[4];
static unsigned int nr_made;

static void ctrl_exit(struct kunit *test)
{
	while (nr_made)
		xenvf_mac_release(&made[--nr_made]->own);
}

/* A VF with an admin MAC, 2 queues, mtu_max 9000, untrusted. */
static struct xenvf_vf_cfg *vf(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	KUNIT_ASSERT_LT(test, nr_made, ARRAY_SIZE(made));
	made[nr_made++] = cfg;
	memcpy(cfg->admin_mac, admin_mac, XENVF_ETH_ALEN);
	cfg->admin_mac_set = true;
	cfg->mtu_max = 9000;
	cfg->queues = 2;
	cfg->fcoe_priority = 3;
	cfg->link.up = 1;
	cfg->link.speed_mbps = 10000;
	cfg->hw_vf = -1;
	xenvf_back_ctrl_init(cfg);
	return cfg;
}

static void negotiate_and_reset(struct kunit *test, struct xenvf_vf_cfg *cfg)
{
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_API_NEGOTIATE), rsp;

	req->u.api.version = XENVF_PROTO_VERSION_1;
	KUNIT_ASSERT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	req->op = XENVF_CTRL_RESET;
	KUNIT_ASSERT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
}

static void ctrl_refuses_until_negotiated_and_reset(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_GET_QUEUES), rsp;

	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPROTO);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPROTO);
	req->op = XENVF_CTRL_API_NEGOTIATE;
	req->u.api.version = XENVF_PROTO_VERSION_MAX + 1;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EOPNOTSUPP);
	req->u.api.version = XENVF_PROTO_VERSION_1;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.api.version, XENVF_PROTO_VERSION_1);
	req->op = XENVF_CTRL_GET_QUEUES;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPROTO);	/* no RESET */
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	req->op = XENVF_CTRL_GET_QUEUES;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	/* renegotiating demands a new RESET */
	req->op = XENVF_CTRL_API_NEGOTIATE;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	req->op = XENVF_CTRL_GET_QUEUES;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPROTO);
}

static void ctrl_reset_reports_admin_state(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_API_NEGOTIATE), rsp;

	cfg->port_vlan = 42;
	req->u.api.version = XENVF_PROTO_VERSION_1;
	call(cfg, req, &rsp);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(rsp.u.reset.mac, admin_mac, XENVF_ETH_ALEN), 0);
	KUNIT_EXPECT_EQ(test, rsp.u.reset.admin_mac, 1);
	KUNIT_EXPECT_EQ(test, rsp.u.reset.trusted, 0);
	KUNIT_EXPECT_EQ(test, rsp.u.reset.mtu_max, 9000);
	KUNIT_EXPECT_EQ(test, rsp.u.reset.port_vlan, 42);
}

static void ctrl_set_mac_policy(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_SET_MAC), rsp;

	negotiate_and_reset(test, cfg);
	memcpy(req->u.mac.mac, other_mac, XENVF_ETH_ALEN);
	/* untrusted VF, admin set the MAC: denied, MAC unchanged */
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPERM);
	KUNIT_EXPECT_EQ(test, memcmp(cfg->mac, admin_mac, XENVF_ETH_ALEN), 0);
	/* setting the admin's own MAC again is harmless */
	memcpy(req->u.mac.mac, admin_mac, XENVF_ETH_ALEN);
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	/* trusted: allowed */
	cfg->trusted = true;
	memcpy(req->u.mac.mac, other_mac, XENVF_ETH_ALEN);
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(cfg->mac, other_mac, XENVF_ETH_ALEN), 0);
	/* untrusted, but no admin MAC: allowed */
	cfg->trusted = false;
	cfg->admin_mac_set = false;
	memcpy(req->u.mac.mac, admin_mac, XENVF_ETH_ALEN);
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
}

static void ctrl_vlan_filters(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_SET_VLAN), rsp;
	int i;

	negotiate_and_reset(test, cfg);
	req->u.vlan.add = 1;
	for (i = 1; i <= XENVF_VLAN_FILTERS_MAX; i++) {
		req->u.vlan.vid = i;
		KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	}
	req->u.vlan.vid = 1;		/* already there: fine, no slot used */
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	req->u.vlan.vid = 4094;		/* table full */
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_ENOSPC);
	KUNIT_EXPECT_FALSE(test, test_bit(4094, cfg->vlans));
	req->u.vlan.vid = 5;
	req->u.vlan.add = 0;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);	/* twice: still 63 */
	KUNIT_EXPECT_EQ(test, cfg->nr_vlans, XENVF_VLAN_FILTERS_MAX - 1);
	req->u.vlan.vid = 4094;
	req->u.vlan.add = 1;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	/* with a port VLAN the VF may not touch filters */
	cfg->port_vlan = 7;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPERM);
	/* RESET clears the table */
	req->op = XENVF_CTRL_RESET;
	call(cfg, req, &rsp);
	KUNIT_EXPECT_EQ(test, cfg->nr_vlans, 0);
}

/* A hardware VF has one guest VLAN: the PF programs it as the VF's VLAN. */
static void ctrl_hw_vf_one_vlan(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_SET_VLAN), rsp;

	cfg->hw_vf = 2;
	negotiate_and_reset(test, cfg);
	req->u.vlan.add = 1;
	req->u.vlan.vid = 100;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);	/* again: no slot */
	req->u.vlan.vid = 200;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_ENOSPC);
	KUNIT_EXPECT_FALSE(test, test_bit(200, cfg->vlans));
	req->u.vlan.vid = 100;
	req->u.vlan.add = 0;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	req->u.vlan.vid = 200;
	req->u.vlan.add = 1;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, cfg->nr_vlans, 1);
	KUNIT_EXPECT_TRUE(test, test_bit(200, cfg->vlans));
}

static void ctrl_mtu_xcast_queues_fcoe(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_SET_MTU), rsp;
	int i;

	negotiate_and_reset(test, cfg);
	req->u.mtu.mtu = 9001;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EINVAL);
	KUNIT_EXPECT_EQ(test, cfg->mtu, 1500);
	req->u.mtu.mtu = 9000;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);

	req->op = XENVF_CTRL_SET_XCAST_MODE;
	req->u.xcast.mode = XENVF_XCAST_PROMISC;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPERM);
	req->u.xcast.mode = XENVF_XCAST_ALLMULTI;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPERM);
	req->u.xcast.mode = XENVF_XCAST_NONE;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	cfg->trusted = true;
	req->u.xcast.mode = XENVF_XCAST_PROMISC;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, cfg->xcast, XENVF_XCAST_PROMISC);

	req->op = XENVF_CTRL_GET_RETA;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	for (i = 0; i < XENVF_RETA_SIZE; i++)
		KUNIT_EXPECT_LT(test, rsp.u.reta.queue[i], cfg->queues);

	req->op = XENVF_CTRL_FCOE_NEGOTIATE;
	req->u.fcoe.flags = XENVF_FCOE_CRC | XENVF_FCOE_FSO;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.flags, 0);	/* PF not FCoE capable */
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.mtu, 0);
	cfg->fcoe_offer = XENVF_FCOE_CRC | XENVF_FCOE_FSO;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.flags, XENVF_FCOE_CRC | XENVF_FCOE_FSO);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.mtu, XENVF_FCOE_MTU);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.priority, 3);
	KUNIT_EXPECT_EQ(test, cfg->fcoe_granted, XENVF_FCOE_CRC | XENVF_FCOE_FSO);
}

static void ctrl_fcoe_grants(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_FCOE_NEGOTIATE), rsp;

	negotiate_and_reset(test, cfg);
	cfg->fcoe_offer = XENVF_FCOE_CRC;		/* fcoe=crc */
	req->u.fcoe.flags = XENVF_FCOE_CRC | XENVF_FCOE_FSO;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.flags, XENVF_FCOE_CRC);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.mtu, XENVF_FCOE_MTU);
	cfg->fcoe_offer = XENVF_FCOE_CRC | XENVF_FCOE_FSO;
	req->u.fcoe.flags = XENVF_FCOE_FSO;		/* FSO needs CRC */
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.flags, 0);
	KUNIT_EXPECT_EQ(test, cfg->fcoe_granted, 0);
	req->u.fcoe.flags = XENVF_FCOE_CRC;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, cfg->fcoe_granted, XENVF_FCOE_CRC);
	cfg->fcoe_offer = 0;				/* fcoe=off */
	req->u.fcoe.flags = XENVF_FCOE_CRC | XENVF_FCOE_FSO;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.flags, 0);
	KUNIT_EXPECT_EQ(test, rsp.u.fcoe.mtu, 0);
	/* a RESET forgets the grant: the VF negotiates again */
	cfg->fcoe_offer = XENVF_FCOE_CRC;
	req->u.fcoe.flags = XENVF_FCOE_CRC;
	call(cfg, req, &rsp);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, cfg->fcoe_granted, 0);
}

static void ctrl_uc_list_policy(struct kunit *test)
{
	static const u8 vn2vn[6] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x05 };
	static const u8 flogi[6] = { 0x0e, 0xfc, 0x00, 0xff, 0xff, 0xfe };
	static const u8 other[6] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x09 };
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_SET_UC_LIST), rsp;

	negotiate_and_reset(test, cfg);
	KUNIT_EXPECT_TRUE(test, xenvf_ctrl_op_changes_port(XENVF_CTRL_SET_UC_LIST));
	req->u.mc.count = 2;
	memcpy(req->u.mc.macs[0], vn2vn, 6);
	memcpy(req->u.mc.macs[1], flogi, 6);
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);	/* FCoE MACs */
	KUNIT_EXPECT_EQ(test, cfg->uc_count, 2);
	KUNIT_EXPECT_EQ(test, memcmp(cfg->uc[0], vn2vn, 6), 0);
	memcpy(req->u.mc.macs[1], other, 6);	/* not FCoE, untrusted */
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_EPERM);
	KUNIT_EXPECT_EQ(test, memcmp(cfg->uc[1], flogi, 6), 0);	/* unchanged */
	cfg->trusted = true;
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(cfg->uc[1], other, 6), 0);
	req->u.mc.count = 0;			/* cleared */
	KUNIT_EXPECT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, cfg->uc_count, 0);
}

static void ctrl_responses_decode_cleanly(struct kunit *test)
{
	static const u8 ops[] = {
		XENVF_CTRL_RESET, XENVF_CTRL_GET_QUEUES, XENVF_CTRL_GET_RETA,
		XENVF_CTRL_GET_RSS_KEY, XENVF_CTRL_GET_LINK_STATE,
		XENVF_CTRL_GET_STATS,
	};
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, 0), rsp, back;
	struct xenvf_ctrl_request wire_req = { 0 };
	struct xenvf_ctrl_response wire;
	int i, st;

	/* what the server answers is what a frontend accepts */
	negotiate_and_reset(test, cfg);
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		req->op = ops[i];
		st = call(cfg, req, &rsp);
		KUNIT_EXPECT_EQ(test, st, XENVF_OK);
		wire_req.id = i;
		wire_req.op = ops[i];
		xenvf_ctrl_encode_response(&wire, &wire_req, st, &rsp);
		KUNIT_EXPECT_EQ(test, xenvf_ctrl_decode_response(&wire, i, ops[i], &back),
				XENVF_OK);
		KUNIT_EXPECT_EQ(test, back.status, XENVF_OK);
	}
}

static int set_mac(struct xenvf_vf_cfg *cfg, struct xenvf_ctrl_msg *req,
		   const u8 *mac)
{
	struct xenvf_ctrl_msg rsp;

	req->op = XENVF_CTRL_SET_MAC;
	memcpy(req->u.mac.mac, mac, XENVF_ETH_ALEN);
	return call(cfg, req, &rsp);
}

static int set_uc(struct xenvf_vf_cfg *cfg, struct xenvf_ctrl_msg *req,
		  const u8 *mac)
{
	struct xenvf_ctrl_msg rsp;

	req->op = XENVF_CTRL_SET_UC_LIST;
	req->u.mc.count = 1;
	memcpy(req->u.mc.macs[0], mac, XENVF_ETH_ALEN);
	return call(cfg, req, &rsp);
}

/* A MAC is one VF's: SET_MAC, SET_UC_LIST and RESET of another's refused. */
static void ctrl_mac_owned_once(struct kunit *test)
{
	static const u8 vn2vn[6] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x05 };
	struct xenvf_vf_cfg *a = vf(test), *b = vf(test), *c = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, 0), rsp, back;
	struct xenvf_ctrl_request wire_req = { .id = 1, .op = XENVF_CTRL_SET_MAC };
	struct xenvf_ctrl_response wire;

	negotiate_and_reset(test, a);		/* a owns admin_mac */
	b->admin_mac_set = false;		/* b: no admin MAC, none yet */
	memset(b->mac, 0, XENVF_ETH_ALEN);
	negotiate_and_reset(test, b);
	KUNIT_EXPECT_EQ(test, set_mac(b, req, admin_mac), XENVF_EADDRINUSE);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(b->mac));
	KUNIT_EXPECT_EQ(test, atomic64_read(&b->own.refused), 1);
	KUNIT_EXPECT_EQ(test, set_mac(b, req, other_mac), XENVF_OK);
	/* a trusted VF may change its MAC, but not to b's */
	a->trusted = true;
	KUNIT_EXPECT_EQ(test, set_mac(a, req, other_mac), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, memcmp(a->mac, admin_mac, XENVF_ETH_ALEN), 0);
	/* FCoE VN_Port MACs: first come, first served, against MACs too */
	KUNIT_EXPECT_EQ(test, set_uc(b, req, vn2vn), XENVF_OK);
	KUNIT_EXPECT_EQ(test, set_uc(a, req, vn2vn), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, a->uc_count, 0);
	KUNIT_EXPECT_EQ(test, set_mac(a, req, vn2vn), XENVF_EADDRINUSE);
	b->trusted = true;
	KUNIT_EXPECT_EQ(test, set_uc(b, req, admin_mac), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, memcmp(b->uc[0], vn2vn, 6), 0);	/* kept */
	KUNIT_EXPECT_EQ(test, atomic64_read(&b->own.refused), 2);
	KUNIT_EXPECT_EQ(test, atomic64_read(&a->own.refused), 3);
	/* b's RESET gives its extra MACs up */
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(b, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, set_uc(a, req, vn2vn), XENVF_OK);
	/* the admin gave c a's MAC: c's RESET is refused until a goes */
	req->op = XENVF_CTRL_API_NEGOTIATE;
	req->u.api.version = XENVF_PROTO_VERSION_1;
	KUNIT_EXPECT_EQ(test, call(c, req, &rsp), XENVF_OK);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(c, req, &rsp), XENVF_EADDRINUSE);
	KUNIT_EXPECT_FALSE(test, c->reset_done);
	xenvf_mac_release(&a->own);
	KUNIT_EXPECT_EQ(test, call(c, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(rsp.u.reset.mac, admin_mac, XENVF_ETH_ALEN), 0);
	/* a released VF claims nothing again */
	KUNIT_EXPECT_NE(test, set_mac(a, req, other_mac), XENVF_OK);
	/* the status is one a frontend accepts (it is the guest's errno) */
	xenvf_ctrl_encode_response(&wire, &wire_req, XENVF_EADDRINUSE, NULL);
	KUNIT_EXPECT_EQ(test, xenvf_ctrl_decode_response(&wire, 1, XENVF_CTRL_SET_MAC,
							 &back), XENVF_OK);
	KUNIT_EXPECT_EQ(test, back.status, XENVF_EADDRINUSE);
}

static unsigned int nr_lost;

static void count_lost(struct xenvf_mac_claim *c)
{
	nr_lost++;
}

/*
 * MAC handover (back_mac.c): a newer VF of the same domain UUID (the
 * migration target, the rebooted domain) takes the MAC from the older one,
 * which loses it (counted, told through lost()) and cannot take it back; a
 * VF of another UUID, or one without a UUID, is refused as ever.
 */
static void ctrl_mac_handover_same_uuid(struct kunit *test)
{
	static const uuid_t dom = UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0x01,
					    0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);
	static const uuid_t other = UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0x01,
					      0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xee);
	static const u8 vn2vn[6] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x05 };
	struct xenvf_vf_cfg *src = vf(test), *dst = vf(test), *evil = vf(test);
	struct xenvf_vf_cfg *anon = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, 0), rsp;

	nr_lost = 0;
	xenvf_mac_claim_init(&src->own, &dom, count_lost);
	src->trusted = true;
	negotiate_and_reset(test, src);		/* the source owns admin_mac */
	KUNIT_EXPECT_EQ(test, set_uc(src, req, vn2vn), XENVF_OK);
	/* another domain (another UUID, or none) with that MAC: refused */
	xenvf_mac_claim_init(&evil->own, &other, count_lost);
	xenvf_mac_claim_init(&anon->own, NULL, count_lost);
	req->op = XENVF_CTRL_API_NEGOTIATE;
	req->u.api.version = XENVF_PROTO_VERSION_1;
	KUNIT_EXPECT_EQ(test, call(evil, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, call(anon, req, &rsp), XENVF_OK);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(evil, req, &rsp), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, call(anon, req, &rsp), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&evil->own.refused), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&anon->own.refused), 1);
	KUNIT_EXPECT_TRUE(test, xenvf_mac_claimed(&src->own, admin_mac));
	KUNIT_EXPECT_EQ(test, atomic64_read(&src->own.handed_over), 0);
	/* the new instance of the domain: its RESET takes the MAC */
	xenvf_mac_claim_init(&dst->own, &dom, count_lost);
	dst->trusted = true;
	negotiate_and_reset(test, dst);
	KUNIT_EXPECT_TRUE(test, dst->reset_done);
	KUNIT_EXPECT_TRUE(test, xenvf_mac_claimed(&dst->own, admin_mac));
	KUNIT_EXPECT_FALSE(test, xenvf_mac_claimed(&src->own, admin_mac));
	KUNIT_EXPECT_TRUE(test, xenvf_mac_claimed(&src->own, vn2vn));
	KUNIT_EXPECT_EQ(test, atomic64_read(&src->own.handed_over), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dst->own.refused), 0);
	KUNIT_EXPECT_EQ(test, nr_lost, 1);
	/* an extra MAC too */
	KUNIT_EXPECT_EQ(test, set_uc(dst, req, vn2vn), XENVF_OK);
	KUNIT_EXPECT_FALSE(test, xenvf_mac_claimed(&src->own, vn2vn));
	KUNIT_EXPECT_EQ(test, atomic64_read(&src->own.handed_over), 2);
	KUNIT_EXPECT_EQ(test, nr_lost, 2);
	/* the older one cannot take it back, nor can the other domain */
	KUNIT_EXPECT_EQ(test, set_mac(src, req, admin_mac), XENVF_EADDRINUSE);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(src, req, &rsp), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&src->own.refused), 2);
	req->op = XENVF_CTRL_RESET;
	KUNIT_EXPECT_EQ(test, call(evil, req, &rsp), XENVF_EADDRINUSE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&evil->own.refused), 2);
	KUNIT_EXPECT_TRUE(test, xenvf_mac_claimed(&dst->own, admin_mac));
	KUNIT_EXPECT_EQ(test, nr_lost, 2);
}

/*
 * GET_RSS_KEY: each VF has its own random key, never dom0's, and keeps it
 * across RESET and reconnects (xenvf_back_ctrl_init).
 */
static void ctrl_rss_key_per_vf(struct kunit *test)
{
	struct xenvf_vf_cfg *a = vf(test), *b = vf(test);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_GET_RSS_KEY), rsp;
	u8 dom0[XENVF_RSS_KEY_SIZE], key[XENVF_RSS_KEY_SIZE];

	netdev_rss_key_fill(dom0, sizeof(dom0));
	xenvf_back_ctrl_rss_key_new(a);
	xenvf_back_ctrl_rss_key_new(b);
	KUNIT_EXPECT_NE(test, memcmp(a->rss_key, b->rss_key, sizeof(key)), 0);
	KUNIT_EXPECT_NE(test, memcmp(a->rss_key, dom0, sizeof(key)), 0);
	KUNIT_EXPECT_NE(test, memcmp(b->rss_key, dom0, sizeof(key)), 0);
	KUNIT_EXPECT_FALSE(test, !memchr_inv(a->rss_key, 0, sizeof(key)));

	negotiate_and_reset(test, a);
	KUNIT_ASSERT_EQ(test, call(a, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, rsp.u.rss_key.size, XENVF_RSS_KEY_SIZE);
	KUNIT_EXPECT_EQ(test, memcmp(rsp.u.rss_key.key, a->rss_key, sizeof(key)), 0);
	memcpy(key, rsp.u.rss_key.key, sizeof(key));

	/* the VF's RESET, a renegotiation, a reconnect: the same key */
	negotiate_and_reset(test, a);
	KUNIT_ASSERT_EQ(test, call(a, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(rsp.u.rss_key.key, key, sizeof(key)), 0);
	xenvf_back_ctrl_init(a);
	negotiate_and_reset(test, a);
	KUNIT_ASSERT_EQ(test, call(a, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(rsp.u.rss_key.key, key, sizeof(key)), 0);

	/* the other VF (a MAC of its own: one owner per MAC) is told its own */
	memcpy(b->admin_mac, other_mac, XENVF_ETH_ALEN);
	negotiate_and_reset(test, b);
	KUNIT_ASSERT_EQ(test, call(b, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_NE(test, memcmp(rsp.u.rss_key.key, key, sizeof(key)), 0);
}

/*
 * GET_STATS carries the VF's counters: every one filled from its own
 * source (distinct values show a counter taken from the wrong place).
 */
static void ctrl_stats_fill(struct kunit *test)
{
	struct xenvf_back_stats *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct xenvf_ctrl_msg *req = msg(test, XENVF_CTRL_GET_STATS), rsp;
	struct xenvf_vf_cfg *cfg = vf(test);
	u64 sw[XENVF_SW_NR], fc[XENVF_FC_NR];
	struct xenvf_vf_stats *st = &cfg->stats;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->rx_packets = 1;
	s->rx_bytes = 2;
	s->rx_multicast = 3;
	s->tx_packets = 4;
	s->tx_bytes = 5;
	for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
		s->drops[i] = 100;	/* NONE is not a drop */
	s->tx_copy_errors = 1000;
	s->rx_copy_errors = 10;
	s->tx_nomem = 20000;
	s->rx_offload_errors = 20;
	s->rx_too_big = 40;
	s->rx_queue_full = 80;
	s->rx_dropped = 160;
	s->tx_gso = 7;		/* not a drop nor an error */
	for (i = 0; i < XENVF_SW_NR; i++)
		sw[i] = 1ULL << (20 + i);
	for (i = 0; i < XENVF_FC_NR; i++)
		fc[i] = 1ULL << (40 + i);

	xenvf_back_vf_stats_fill(st, s, sw, fc);
	KUNIT_EXPECT_EQ(test, st->rx_packets, 1);
	KUNIT_EXPECT_EQ(test, st->rx_bytes, 2);
	KUNIT_EXPECT_EQ(test, st->rx_multicast, 3);
	KUNIT_EXPECT_EQ(test, st->tx_packets, 4);
	KUNIT_EXPECT_EQ(test, st->tx_bytes, 5);
	KUNIT_EXPECT_EQ(test, st->rx_dropped, 10 + 20 + 40 + 80 + 160 +
			sw[XENVF_SW_NO_MEM]);
	KUNIT_EXPECT_EQ(test, st->tx_dropped,
			100 * (XENVF_DROP_NR_REASONS - 1) + 20000 +
			sw[XENVF_SW_SPOOF] + sw[XENVF_SW_VLAN] +
			sw[XENVF_SW_NO_DEST] + sw[XENVF_SW_NO_UPLINK] +
			sw[XENVF_SW_UPLINK_ERR] + sw[XENVF_SW_UPLINK_ABSENT] +
			fc[XENVF_FC_DROP_NOMEM]);
	KUNIT_EXPECT_EQ(test, st->tx_errors, 1000);
	KUNIT_EXPECT_EQ(test, st->spoof_dropped, sw[XENVF_SW_SPOOF]);
	KUNIT_EXPECT_EQ(test, st->vlan_dropped, sw[XENVF_SW_VLAN]);
	KUNIT_EXPECT_EQ(test, st->fcoe_packets,
			fc[XENVF_FC_TX_FCOE] + fc[XENVF_FC_RX_FCOE]);
	KUNIT_EXPECT_EQ(test, st->fcoe_crc_errors, fc[XENVF_FC_RX_CRC_ERR]);

	/* and GET_STATS answers them, decodable by a frontend */
	negotiate_and_reset(test, cfg);
	KUNIT_ASSERT_EQ(test, call(cfg, req, &rsp), XENVF_OK);
	KUNIT_EXPECT_EQ(test, memcmp(&rsp.u.stats, st, sizeof(*st)), 0);
	KUNIT_EXPECT_EQ(test, rsp.u.stats.tx_packets, 4);
}

/*
 * Hardware mode: RESET, SET_MAC and SET_VLAN take RTNL and call the PF
 * driver; a guest gets a burst of them, then XENVF_EBUSY at the rate,
 * counted. Other ops and paravirtual VFs are not limited.
 */
static void ctrl_hw_ops_rate(struct kunit *test)
{
	struct xenvf_vf_cfg *cfg = vf(test);
	struct xenvf_rate r;
	unsigned int i, ok = 0;
	u64 t = 1000;

	xenvf_rate_init(&r, 4, 16, t);
	KUNIT_EXPECT_FALSE(test, xenvf_ctrl_op_hw(cfg, XENVF_CTRL_RESET));
	for (i = 0; i < 100; i++)	/* paravirtual: no RTNL, no limit here */
		KUNIT_EXPECT_EQ(test, xenvf_ctrl_admit(cfg, &r, XENVF_CTRL_RESET, t),
				XENVF_OK);
	cfg->hw_vf = 2;
	KUNIT_EXPECT_TRUE(test, xenvf_ctrl_op_hw(cfg, XENVF_CTRL_RESET));
	KUNIT_EXPECT_TRUE(test, xenvf_ctrl_op_hw(cfg, XENVF_CTRL_SET_MAC));
	KUNIT_EXPECT_TRUE(test, xenvf_ctrl_op_hw(cfg, XENVF_CTRL_SET_VLAN));
	KUNIT_EXPECT_FALSE(test, xenvf_ctrl_op_hw(cfg, XENVF_CTRL_GET_STATS));
	for (i = 0; i < 100; i++)
		ok += xenvf_ctrl_admit(cfg, &r, i % 2 ? XENVF_CTRL_SET_MAC :
				       XENVF_CTRL_RESET, t) == XENVF_OK;
	KUNIT_EXPECT_EQ(test, ok, 16);
	KUNIT_EXPECT_EQ(test, r.throttled, 84);
	KUNIT_EXPECT_EQ(test, xenvf_ctrl_admit(cfg, &r, XENVF_CTRL_SET_VLAN, t),
			XENVF_EBUSY);
	KUNIT_EXPECT_EQ(test, xenvf_ctrl_admit(cfg, &r, XENVF_CTRL_GET_QUEUES, t),
			XENVF_OK);
	/* a quarter of a second later: one more */
	t += 250000000;
	KUNIT_EXPECT_EQ(test, xenvf_ctrl_admit(cfg, &r, XENVF_CTRL_RESET, t),
			XENVF_OK);
	KUNIT_EXPECT_EQ(test, xenvf_ctrl_admit(cfg, &r, XENVF_CTRL_RESET, t),
			XENVF_EBUSY);
}

static struct kunit_case xenvf_back_ctrl_cases[] = {
	KUNIT_CASE(ctrl_mac_owned_once),
	KUNIT_CASE(ctrl_refuses_until_negotiated_and_reset),
	KUNIT_CASE(ctrl_reset_reports_admin_state),
	KUNIT_CASE(ctrl_set_mac_policy),
	KUNIT_CASE(ctrl_vlan_filters),
	KUNIT_CASE(ctrl_hw_vf_one_vlan),
	KUNIT_CASE(ctrl_mtu_xcast_queues_fcoe),
	KUNIT_CASE(ctrl_fcoe_grants),
	KUNIT_CASE(ctrl_uc_list_policy),
	KUNIT_CASE(ctrl_responses_decode_cleanly),
	KUNIT_CASE(ctrl_mac_handover_same_uuid),
	KUNIT_CASE(ctrl_rss_key_per_vf),
	KUNIT_CASE(ctrl_stats_fill),
	KUNIT_CASE(ctrl_hw_ops_rate),
	{}
};

static struct kunit_suite xenvf_back_ctrl_suite = {
	.name = "xenvf_back_ctrl",
	.exit = ctrl_exit,
	.test_cases = xenvf_back_ctrl_cases,
};

kunit_test_suite(xenvf_back_ctrl_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-back control policy");
MODULE_LICENSE("GPL");
