// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for vf_frontend/front_txev.c: the frontend's TX event
 * policy, alone and driven against the real ring engine (common/ring) with
 * a simulated backend on one in-memory TX ring. The simulation uses the
 * policy the way front_tx.c does (reclaim in xmit and on an event, push
 * once per burst, arm the completion event only when low or stopped) and
 * counts the notifications each way: a burst costs one notification, a
 * steady stream almost no completion events, and a stopped queue never
 * stalls, whatever the backend's timing.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "xenvf_ring.c"
#include "front_txev.c"

static void txev_kick_table(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_kick(false, false));
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_kick(false, true));
	/* stopping mid-burst: the rest of the burst waits, so push now */
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_kick(true, true));
	KUNIT_EXPECT_FALSE(test, xenvf_front_tx_kick(true, false));
}

static void txev_arm_table(struct kunit *test)
{
	/* plenty free: no event, completions are reclaimed lazily */
	KUNIT_EXPECT_FALSE(test, xenvf_front_tx_arm(128, 128, false));
	KUNIT_EXPECT_FALSE(test, xenvf_front_tx_arm(32, 128, false));
	/* under a quarter free */
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_arm(31, 128, false));
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_arm(0, 128, false));
	/* a small ring: under one largest frame free */
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_arm(XENVF_MAX_SLOTS - 1, 32, false));
	KUNIT_EXPECT_FALSE(test, xenvf_front_tx_arm(XENVF_MAX_SLOTS, 32, false));
	/* stopped (by BQL with slots free, too): always */
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_arm(128, 128, true));
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_arm(64, 128, true));
	KUNIT_EXPECT_TRUE(test, xenvf_front_tx_must_stop(XENVF_MAX_SLOTS - 1));
	KUNIT_EXPECT_FALSE(test, xenvf_front_tx_must_stop(XENVF_MAX_SLOTS));
}

/* One TX ring seen from both ends, and what each end is waiting for. */
struct sim {
	void *page;
	struct xenvf_ring f, b;
	unsigned int free;	/* frontend: slots not in flight */
	bool stopped;		/* frontend: queue stopped */
	bool be_run;		/* backend: notified (or still busy) */
	bool fe_run;		/* frontend: notified (NAPI scheduled) */
	unsigned int pushes;	/* frontend: TX publications (barrier, write) */
	unsigned int f2b, b2f;	/* notifications sent each way */
	unsigned int sent, completed;
	u32 seed;
};

static u32 sim_rand(struct sim *s)
{
	s->seed = s->seed * 1103515245 + 12345;
	return s->seed >> 16;
}

static int sim_init(struct kunit *test, struct sim *s, u32 seed)
{
	memset(s, 0, sizeof(*s));
	s->page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	if (!s->page)
		return -ENOMEM;
	xenvf_ring_shared_init(s->page);
	KUNIT_ASSERT_EQ(test, xenvf_ring_attach(&s->f, s->page, PAGE_SIZE,
						sizeof(struct xenvf_tx_request),
						sizeof(struct xenvf_tx_response)), 0);
	KUNIT_ASSERT_EQ(test, xenvf_ring_attach(&s->b, s->page, PAGE_SIZE,
						sizeof(struct xenvf_tx_request),
						sizeof(struct xenvf_tx_response)), 0);
	s->free = s->f.size;
	s->seed = seed;
	return 0;
}

/* front_tx.c's xenvf_front_tx_reclaim(): take answers, arm if low, look again. */
static void fe_reclaim(struct sim *s)
{
	struct xenvf_tx_response rsp;
	bool armed;
	int n;

	do {
		n = xenvf_ring_front_pending(&s->f);
		for (; n > 0; n--) {
			xenvf_ring_front_copy_rsp(&s->f, &rsp);
			s->free++;
			s->completed++;
		}
		n = xenvf_front_tx_event(&s->f, s->free, s->stopped, &armed);
	} while (n > 0);
	if (s->stopped && !xenvf_front_tx_must_stop(s->free))
		s->stopped = false;
}

/* front_tx.c's xmit: reclaim, queue @slots, stop, kick once per burst. */
static void fe_xmit(struct sim *s, unsigned int slots, bool more)
{
	struct xenvf_tx_request req = { 0 };
	unsigned int i;

	fe_reclaim(s);
	for (i = 0; i < slots; i++) {
		req.id = s->f.req_prod_pvt & (s->f.size - 1);
		xenvf_ring_front_put_req(&s->f, &req);
		s->free--;
	}
	s->sent++;
	if (xenvf_front_tx_must_stop(s->free))
		s->stopped = true;
	if (!xenvf_front_tx_kick(more, s->stopped))
		return;
	s->pushes++;
	if (xenvf_ring_front_push(&s->f)) {
		s->f2b++;
		s->be_run = true;
	}
	if (s->stopped)
		fe_reclaim(s);
}

static void be_answer(void *ctx, const void *req, void *rsp)
{
	const struct xenvf_tx_request *r = req;
	struct xenvf_tx_response *p = rsp;

	p->id = r->id;
	p->status = XENVF_TX_OKAY;
}

/* The backend's poll: a budget of requests, answered and pushed at once. */
static void be_poll(struct sim *s, unsigned int budget)
{
	bool notify;
	int n = xenvf_ring_back_consume(&s->b, budget, be_answer, NULL, &notify);

	s->be_run = n == budget;	/* more may wait: it polls again */
	if (notify) {
		s->b2f++;
		s->fe_run = true;
	}
}

/* A steady stream of one-slot frames in bursts of 8, backend prompt. */
static void txev_stream_few_notifications(struct kunit *test)
{
	const unsigned int frames = 8000, burst = 8;
	struct sim s;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, sim_init(test, &s, 1), 0);
	for (i = 0; i < frames; i++) {
		fe_xmit(&s, 1, (i + 1) % burst != 0);
		if ((i + 1) % burst)
			continue;
		while (s.be_run)
			be_poll(&s, 64);
		if (s.fe_run) {
			s.fe_run = false;
			fe_reclaim(&s);
		}
	}
	KUNIT_EXPECT_EQ(test, s.sent, frames);
	/* one push and one notification per burst, never one per frame */
	KUNIT_EXPECT_EQ(test, s.pushes, frames / burst);
	KUNIT_EXPECT_LE(test, s.f2b, frames / burst);
	KUNIT_EXPECT_GT(test, s.f2b, 0U);
	/* completions reclaimed by xmit: (almost) no completion events */
	KUNIT_EXPECT_LE(test, s.b2f, frames / 64);
	KUNIT_EXPECT_FALSE(test, s.stopped);
	KUNIT_EXPECT_GE(test, s.completed + s.f.size, frames);
}

/*
 * Bursts of frames of 1..18 slots against a backend with a random budget
 * and timing: each side only runs when notified (the backend also while
 * its budget ran out). A stopped queue with nobody notified would be a
 * stall; every frame must get through.
 */
static void txev_stopped_never_stalls(struct kunit *test)
{
	const unsigned int frames = 20000;
	unsigned int seed, stops = 0, guard;
	struct sim s;

	for (seed = 1; seed <= 8; seed++) {
		KUNIT_ASSERT_EQ(test, sim_init(test, &s, seed), 0);
		for (guard = 0; s.sent < frames && guard < 50 * frames; guard++) {
			u32 r = sim_rand(&s);

			if (!s.stopped && r % 3 == 0) {
				unsigned int n = 1 + sim_rand(&s) % 8;

				while (n-- && !s.stopped && s.sent < frames)
					fe_xmit(&s, 1 + sim_rand(&s) % XENVF_MAX_SLOTS,
						n && s.sent + 1 < frames);
				stops += s.stopped;
			} else if (s.be_run && r % 3 == 1) {
				be_poll(&s, 1 + sim_rand(&s) % 64);
			} else if (s.fe_run && r % 3 == 2) {
				s.fe_run = false;
				fe_reclaim(&s);
			}
			if (s.stopped && !s.be_run && !s.fe_run) {
				KUNIT_FAIL(test, "seed %u: stalled at frame %u, %u free",
					   seed, s.sent, s.free);
				return;
			}
		}
		KUNIT_EXPECT_EQ_MSG(test, s.sent, frames, "seed %u", seed);
	}
	KUNIT_EXPECT_GT(test, stops, 0U);	/* the queue did stop */
}

/* Not arming leaves rsp_event behind: the backend's push notifies nobody. */
static void txev_unarmed_ring_is_silent(struct kunit *test)
{
	struct xenvf_tx_request req = { 0 };
	struct sim s;
	bool armed, notify;
	int i;

	KUNIT_ASSERT_EQ(test, sim_init(test, &s, 1), 0);
	for (i = 0; i < 4; i++)
		xenvf_ring_front_put_req(&s.f, &req);
	xenvf_ring_front_push(&s.f);
	xenvf_ring_back_consume(&s.b, 2, be_answer, NULL, &notify);
	KUNIT_EXPECT_TRUE(test, notify);	/* rsp_event starts at 1 */
	fe_reclaim(&s);
	KUNIT_EXPECT_EQ(test, s.completed, 2U);
	KUNIT_EXPECT_EQ(test, xenvf_front_tx_event(&s.f, s.f.size - 2, false, &armed), 0);
	KUNIT_EXPECT_FALSE(test, armed);
	xenvf_ring_back_consume(&s.b, 2, be_answer, NULL, &notify);
	KUNIT_EXPECT_FALSE(test, notify);
	/* stopped: armed, and the final check sees the two answers */
	KUNIT_EXPECT_EQ(test, xenvf_front_tx_event(&s.f, s.f.size - 2, true, &armed), 2);
	KUNIT_EXPECT_TRUE(test, armed);
}

static struct kunit_case xenvf_front_txev_cases[] = {
	KUNIT_CASE(txev_kick_table),
	KUNIT_CASE(txev_arm_table),
	KUNIT_CASE(txev_unarmed_ring_is_silent),
	KUNIT_CASE(txev_stream_few_notifications),
	KUNIT_CASE(txev_stopped_never_stalls),
	{}
};

static struct kunit_suite xenvf_front_txev_suite = {
	.name = "xenvf_front_txev",
	.test_cases = xenvf_front_txev_cases,
};

kunit_test_suite(xenvf_front_txev_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf frontend's TX event policy");
MODULE_LICENSE("GPL");
