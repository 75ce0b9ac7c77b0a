// SPDX-License-Identifier: GPL-2.0-only
/* Cases for common/ring/xenvf_ring.c, both ends in one address space. */

static union {
	struct xenvf_sring_hdr hdr;
	u64 align;
	u8 bytes[XENVF_RING_PAGE_SIZE];
} ring_mem;

/* Front and back views of one ctrl ring in ring_mem. */
static void ring_pair(struct kunit *t, struct xenvf_ring *f, struct xenvf_ring *b)
{
	xenvf_ring_shared_init(&ring_mem);
	XT_EQ(t, xenvf_ring_attach(f, &ring_mem, sizeof(ring_mem),
				   sizeof(struct xenvf_ctrl_request),
				   sizeof(struct xenvf_ctrl_response)), 0);
	XT_EQ(t, xenvf_ring_attach(b, &ring_mem, sizeof(ring_mem),
				   sizeof(struct xenvf_ctrl_request),
				   sizeof(struct xenvf_ctrl_response)), 0);
}

/* Move both ends' indices (and the shared ones) to @start. */
static void ring_set_start(struct xenvf_ring *f, struct xenvf_ring *b, RING_IDX start)
{
	struct xenvf_sring_hdr *h = &ring_mem.hdr;

	h->req_prod = start;
	h->rsp_prod = start;
	h->req_event = start + 1;
	h->rsp_event = start + 1;
	f->req_prod_pvt = start;
	f->rsp_cons = start;
	f->pushed = start;
	b->req_cons = start;
	b->rsp_prod_pvt = start;
	b->pushed = start;
}

/* The control ring handler: echo id/op, status OK, payload = request id. */
static void echo_handler(void *ctx, const void *r, void *s)
{
	const struct xenvf_ctrl_request *req = r;
	struct xenvf_ctrl_response *rsp = s;
	unsigned int *calls = ctx;

	rsp->id = req->id;
	rsp->op = req->op;
	rsp->len = 2;
	memcpy(rsp->data, &req->id, 2);
	(*calls)++;
}

static void send_reqs(struct kunit *t, struct xenvf_ring *f, u16 first, unsigned int n)
{
	struct xenvf_ctrl_request req;
	unsigned int i;

	for (i = 0; i < n; i++) {
		memset(&req, 0, sizeof(req));
		req.id = first + i;
		req.op = XENVF_CTRL_GET_STATS;
		XT_EQ(t, xenvf_ring_front_put_req(f, &req), 0);
	}
}

static void recv_rsps(struct kunit *t, struct xenvf_ring *f, u16 first, unsigned int n)
{
	struct xenvf_ctrl_response rsp;
	unsigned int i;

	XT_EQ(t, xenvf_ring_front_pending(f), n);
	for (i = 0; i < n; i++) {
		xenvf_ring_front_copy_rsp(f, &rsp);
		XT_EQ(t, rsp.id, (u16)(first + i));
		XT_EQ(t, rsp.len, 2);
	}
}

static void ring_sizes_match_io_ring(struct kunit *t)
{
	unsigned int order;

	for (order = 0; order <= XENVF_MAX_RING_PAGE_ORDER; order++) {
		u32 bytes = XENVF_RING_PAGE_SIZE << order;

		XT_EQ(t, xenvf_ring_entries(bytes, sizeof(union xenvf_tx_sring_entry)),
		      __CONST_RING_SIZE(xenvf_tx, XENVF_RING_PAGE_SIZE << order));
		XT_EQ(t, xenvf_ring_entries(bytes, sizeof(union xenvf_rx_sring_entry)),
		      __CONST_RING_SIZE(xenvf_rx, XENVF_RING_PAGE_SIZE << order));
	}
	XT_EQ(t, xenvf_ring_entries(XENVF_RING_PAGE_SIZE, sizeof(union xenvf_ctrl_sring_entry)),
	      __CONST_RING_SIZE(xenvf_ctrl, XENVF_RING_PAGE_SIZE));
	XT_EQ(t, xenvf_ring_entries(XENVF_RING_PAGE_SIZE, sizeof(union xenvf_evt_sring_entry)),
	      __CONST_RING_SIZE(xenvf_evt, XENVF_RING_PAGE_SIZE));
	XT_EQ(t, offsetof(struct xenvf_ctrl_sring, ring), sizeof(struct xenvf_sring_hdr));
	XT_EQ(t, xenvf_ring_entries(64, 8), 0);
	XT_EQ(t, xenvf_ring_entries(4096, 0), 0);
	XT_EQ(t, xenvf_ring_entries(100, 64), 0);
}

static void ring_roundtrip(struct kunit *t)
{
	struct xenvf_ring f, b;
	unsigned int calls = 0;
	bool notify;

	ring_pair(t, &f, &b);
	XT_EQ(t, f.size, 8);
	XT_EQ(t, xenvf_ring_front_free(&f), 8);
	send_reqs(t, &f, 1, 3);
	XT_EQ(t, xenvf_ring_back_pending(&b), 0);	/* not pushed yet */
	XT_TRUE(t, xenvf_ring_front_push(&f));
	XT_EQ(t, xenvf_ring_back_pending(&b), 3);
	XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify), 3);
	XT_EQ(t, calls, 3);
	XT_TRUE(t, notify);
	recv_rsps(t, &f, 1, 3);
	XT_EQ(t, xenvf_ring_front_free(&f), 8);
}

static void ring_wraparound(struct kunit *t)
{
	static const RING_IDX starts[] = { 0xfffffff0u, 0xfffffffcu, 0x7ffffffeu };
	struct xenvf_ring f, b;
	unsigned int calls, i, round;
	bool notify;

	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		ring_pair(t, &f, &b);
		ring_set_start(&f, &b, starts[i]);
		for (round = 0; round < 5; round++) {
			calls = 0;
			send_reqs(t, &f, round * 16, 7);
			xenvf_ring_front_push(&f);
			XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls,
							 &notify), 7);
			recv_rsps(t, &f, round * 16, 7);
		}
		XT_FALSE(t, f.broken || b.broken);
		XT_EQ(t, f.req_prod_pvt, starts[i] + 35);
	}
}

static void ring_full(struct kunit *t)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ring f, b;
	unsigned int calls = 0;
	bool notify;

	ring_pair(t, &f, &b);
	ring_set_start(&f, &b, 0xfffffffdu);
	send_reqs(t, &f, 0, 8);
	memset(&req, 0, sizeof(req));
	XT_EQ(t, xenvf_ring_front_put_req(&f, &req), -ENOSPC);
	XT_EQ(t, xenvf_ring_front_free(&f), 0);
	xenvf_ring_front_push(&f);
	XT_EQ(t, xenvf_ring_back_consume(&b, 3, echo_handler, &calls, &notify), 3);
	recv_rsps(t, &f, 0, 3);
	XT_EQ(t, xenvf_ring_front_free(&f), 3);
	send_reqs(t, &f, 8, 3);
	XT_EQ(t, xenvf_ring_front_put_req(&f, &req), -ENOSPC);
}

static void ring_budget_bounds_work(struct kunit *t)
{
	struct xenvf_ring f, b;
	unsigned int calls = 0;
	bool notify;

	ring_pair(t, &f, &b);
	send_reqs(t, &f, 0, 6);
	xenvf_ring_front_push(&f);
	XT_EQ(t, xenvf_ring_back_consume(&b, 4, echo_handler, &calls, &notify), 4);
	XT_EQ(t, calls, 4);
	XT_EQ(t, xenvf_ring_back_pending(&b), 2);
	XT_EQ(t, xenvf_ring_back_consume(&b, 4, echo_handler, &calls, &notify), 2);
	XT_EQ(t, calls, 6);
	recv_rsps(t, &f, 0, 6);
	/* a budget spent by exactly the requests there were (found by fuzzing) */
	send_reqs(t, &f, 6, 4);
	xenvf_ring_front_push(&f);
	XT_EQ(t, xenvf_ring_back_consume(&b, 4, echo_handler, &calls, &notify), 4);
	XT_EQ(t, xenvf_ring_back_consume(&b, 4, echo_handler, &calls, &notify), 0);
	recv_rsps(t, &f, 6, 4);
	XT_FALSE(t, b.broken);
}

static void ring_room_for_responses(struct kunit *t)
{
	struct xenvf_ctrl_request req;
	struct xenvf_ring f, b;
	unsigned int i;

	/* The backend may not hold more unanswered requests than slots. */
	ring_pair(t, &f, &b);
	send_reqs(t, &f, 0, 8);
	xenvf_ring_front_push(&f);
	for (i = 0; i < 8; i++)
		xenvf_ring_back_copy_req(&b, &req);
	/* a front that lies about having answered space: req_prod + 8 */
	ring_mem.hdr.req_prod += 8;
	XT_EQ(t, xenvf_ring_back_pending(&b), 0);
	XT_FALSE(t, b.broken);
}

static void ring_hostile_req_prod(struct kunit *t)
{
	static const u32 lies[] = { 9, 100, 0x80000000u, 0xffffffffu };
	struct xenvf_sring_hdr *h = &ring_mem.hdr;
	struct xenvf_ring f, b;
	unsigned int calls, i;
	bool notify;

	for (i = 0; i < ARRAY_SIZE(lies); i++) {
		ring_pair(t, &f, &b);
		ring_set_start(&f, &b, 0xfffffffau);
		send_reqs(t, &f, 0, 2);
		xenvf_ring_front_push(&f);
		calls = 0;
		XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify), 2);
		h->req_prod = b.req_cons + lies[i];	/* more than the ring holds */
		calls = 0;
		XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify),
		      -EPROTO);
		XT_EQ(t, calls, 0);
		XT_TRUE(t, b.broken);
		/* broken stays broken, even if the index looks sane again */
		h->req_prod = b.req_cons;
		XT_EQ(t, xenvf_ring_back_pending(&b), -EPROTO);
		XT_EQ(t, xenvf_ring_back_final_check(&b), -EPROTO);
	}
}

static void ring_hostile_rsp_prod(struct kunit *t)
{
	struct xenvf_sring_hdr *h = &ring_mem.hdr;
	struct xenvf_ctrl_request req;
	struct xenvf_ring f, b;

	ring_pair(t, &f, &b);
	send_reqs(t, &f, 0, 2);
	xenvf_ring_front_push(&f);
	h->rsp_prod = 3;		/* 3 responses to 2 requests */
	XT_EQ(t, xenvf_ring_front_pending(&f), -EPROTO);
	XT_TRUE(t, f.broken);
	memset(&req, 0, sizeof(req));
	XT_EQ(t, xenvf_ring_front_put_req(&f, &req), -EPROTO);
	XT_EQ(t, xenvf_ring_front_final_check(&f), -EPROTO);

	ring_pair(t, &f, &b);
	h->rsp_prod = 0xffffffffu;	/* "behind" the consumer */
	XT_EQ(t, xenvf_ring_front_pending(&f), -EPROTO);
}

static void ring_notification_suppression(struct kunit *t)
{
	struct xenvf_sring_hdr *h = &ring_mem.hdr;
	struct xenvf_ring f, b;
	unsigned int calls = 0;
	bool notify;

	ring_pair(t, &f, &b);
	send_reqs(t, &f, 0, 1);
	XT_TRUE(t, xenvf_ring_front_push(&f));	/* backend waits at req_event 1 */
	send_reqs(t, &f, 1, 1);
	XT_FALSE(t, xenvf_ring_front_push(&f));	/* already notified, not re-armed */
	XT_FALSE(t, xenvf_ring_front_push(&f));	/* nothing new */

	/* the backend drains and re-arms: the next push notifies once */
	XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify), 2);
	XT_EQ(t, h->req_event, b.req_cons + 1);
	send_reqs(t, &f, 2, 1);
	XT_TRUE(t, xenvf_ring_front_push(&f));
	send_reqs(t, &f, 3, 1);
	XT_FALSE(t, xenvf_ring_front_push(&f));

	/* response side: notify only when the frontend re-armed */
	XT_TRUE(t, notify);			/* rsp_event starts at 1 */
	recv_rsps(t, &f, 0, 2);
	XT_EQ(t, xenvf_ring_front_final_check(&f), 0);
	XT_EQ(t, h->rsp_event, f.rsp_cons + 1);
	XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify), 2);
	XT_TRUE(t, notify);
	XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify), 0);
	XT_FALSE(t, notify);
	send_reqs(t, &f, 4, 1);
	xenvf_ring_front_push(&f);
	XT_EQ(t, xenvf_ring_back_consume(&b, 64, echo_handler, &calls, &notify), 1);
	XT_FALSE(t, notify);	/* frontend has not consumed and re-armed */
}

static void ring_final_check_closes_race(struct kunit *t)
{
	struct xenvf_ring f, b;
	struct xenvf_ctrl_request req;

	/* a request published while the backend was deciding to sleep */
	ring_pair(t, &f, &b);
	XT_EQ(t, xenvf_ring_back_pending(&b), 0);
	send_reqs(t, &f, 0, 1);
	xenvf_ring_front_push(&f);
	XT_EQ(t, xenvf_ring_back_final_check(&b), 1);	/* seen, no sleep */
	xenvf_ring_back_copy_req(&b, &req);
	XT_EQ(t, req.id, 0);
	XT_EQ(t, xenvf_ring_back_final_check(&b), 0);
}

#define XT_RING_CASES(X)			\
	X(ring_sizes_match_io_ring)		\
	X(ring_roundtrip)			\
	X(ring_wraparound)			\
	X(ring_full)				\
	X(ring_budget_bounds_work)		\
	X(ring_room_for_responses)		\
	X(ring_hostile_req_prod)		\
	X(ring_hostile_rsp_prod)		\
	X(ring_notification_suppression)	\
	X(ring_final_check_closes_race)
