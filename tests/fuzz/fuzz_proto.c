// fuzz-build: -Icommon/proto
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for everything xenvf decodes from a peer: control
 * requests and responses, events, TX/RX descriptors, and a whole shared
 * ring page with hostile indices driven through the consumer. The first
 * input byte picks the target; the rest is what the hostile peer wrote.
 * Sanitizers (ASan, UBSan) turn any out-of-bounds access or undefined
 * behaviour into a crash; the asserts check the decoders' promises.
 */
#include <assert.h>
#include <stdlib.h>

#include "../../common/proto/ctrl_msg.c"
#include "../../common/proto/evt_msg.c"
#include "../../common/proto/data_desc.c"
#include "../../common/ring/xenvf_ring.c"

enum { T_CTRL_REQ, T_CTRL_RSP, T_EVT, T_TX, T_RX, T_RING, T_MAX };

static void take(void *dst, size_t dst_len, const u8 *data, size_t size)
{
	memset(dst, 0, dst_len);
	memcpy(dst, data, size < dst_len ? size : dst_len);
}

static void fuzz_ctrl_req(const u8 *data, size_t size)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ctrl_response rsp;
	struct xenvf_ctrl_msg m;
	int st;

	take(&req, sizeof(req), data, size);
	st = xenvf_ctrl_decode_request(&req, &m);
	assert(st == XENVF_OK || st == XENVF_EINVAL || st == XENVF_EOPNOTSUPP);
	if (st == XENVF_OK)
		assert(m.len <= XENVF_CTRL_DATA_MAX && m.op == req.op);
	xenvf_ctrl_encode_response(&rsp, &req, st, st ? NULL : &m);
	assert(rsp.id == req.id && rsp.len <= XENVF_CTRL_DATA_MAX);
}

static void fuzz_ctrl_rsp(const u8 *data, size_t size)
{
	struct xenvf_ctrl_response rsp;
	struct xenvf_ctrl_msg m;
	int st;

	take(&rsp, sizeof(rsp), data, size);
	st = xenvf_ctrl_decode_response(&rsp, rsp.id ^ (size & 1), rsp.op, &m);
	assert(st == XENVF_OK || st == XENVF_EPROTO);
	if (st == XENVF_OK && m.status == XENVF_OK)
		assert(m.len <= XENVF_CTRL_DATA_MAX);
}

static void fuzz_evt(const u8 *data, size_t size)
{
	struct xenvf_evt_response rsp, again;
	struct xenvf_evt e;
	int st;

	take(&rsp, sizeof(rsp), data, size);
	st = xenvf_evt_decode(&rsp, &e);
	if (st == XENVF_OK) {
		/* what decodes must re-encode to something that decodes */
		assert(xenvf_evt_encode(&again, rsp.id, &e) == XENVF_OK);
		assert(xenvf_evt_decode(&again, &e) == XENVF_OK);
	}
}

static void fuzz_tx(const u8 *data, size_t size)
{
	struct xenvf_tx_request s[XENVF_MAX_SLOTS + 2];
	unsigned int avail = size / sizeof(s[0]);
	struct xenvf_pkt_info p;
	int n;

	if (avail > ARRAY_SIZE(s))
		avail = ARRAY_SIZE(s);
	take(s, sizeof(s), data, size);
	n = xenvf_tx_parse(s, avail, &p);
	assert(n == -EPROTO || (n >= 0 && (unsigned int)n <= avail));
	if (n > 0 && p.drop == XENVF_DROP_NONE) {
		assert(n <= XENVF_MAX_SLOTS && p.first_len >= XENVF_TX_MIN_FIRST);
		assert(s[0].offset + p.first_len <= XENVF_RING_PAGE_SIZE);
	}
}

static void fuzz_rx(const u8 *data, size_t size)
{
	struct xenvf_rx_response s[XENVF_MAX_SLOTS + 2];
	unsigned int avail = size / sizeof(s[0]);
	struct xenvf_pkt_info p;
	int n;

	if (avail > ARRAY_SIZE(s))
		avail = ARRAY_SIZE(s);
	take(s, sizeof(s), data, size);
	n = xenvf_rx_parse(s, avail, &p);
	assert(n == -EPROTO || (n >= 0 && (unsigned int)n <= avail));
	if (n > 0 && p.drop == XENVF_DROP_NONE)
		assert(p.len <= XENVF_MAX_PACKET);
}

static void ctrl_handler(void *ctx, const void *r, void *s)
{
	struct xenvf_ctrl_msg m;
	int st = xenvf_ctrl_decode_request(r, &m);

	(void)ctx;
	xenvf_ctrl_encode_response(s, r, st, st ? NULL : &m);
}

/* A shared control-ring page as a hostile frontend left it. */
static void fuzz_ring(const u8 *data, size_t size)
{
	static union {
		struct xenvf_sring_hdr hdr;
		u8 bytes[XENVF_RING_PAGE_SIZE];
	} page;
	struct xenvf_ring b;
	RING_IDX start;
	unsigned int round;
	bool notify;
	int n;

	take(&page, sizeof(page), data, size);
	assert(xenvf_ring_attach(&b, &page, sizeof(page),
				 sizeof(struct xenvf_ctrl_request),
				 sizeof(struct xenvf_ctrl_response)) == 0);
	/* the backend's own indices come from the input too */
	memcpy(&start, page.hdr.pad, sizeof(start));
	b.req_cons = start;
	b.rsp_prod_pvt = start;
	b.pushed = start;
	for (round = 0; round < 4; round++) {
		n = xenvf_ring_back_consume(&b, 5, ctrl_handler, NULL, &notify);
		assert(n == -EPROTO || (n >= 0 && n <= 5));
		assert(b.req_cons - b.rsp_prod_pvt <= b.size);
		if (n < 0) {
			assert(b.broken);
			break;
		}
		page.hdr.req_prod += data[0];	/* the frontend moves on */
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % T_MAX) {
	case T_CTRL_REQ:
		fuzz_ctrl_req(data + 1, size - 1);
		break;
	case T_CTRL_RSP:
		fuzz_ctrl_rsp(data + 1, size - 1);
		break;
	case T_EVT:
		fuzz_evt(data + 1, size - 1);
		break;
	case T_TX:
		fuzz_tx(data + 1, size - 1);
		break;
	case T_RX:
		fuzz_rx(data + 1, size - 1);
		break;
	case T_RING:
		fuzz_ring(data, size);
		break;
	}
	return 0;
}
