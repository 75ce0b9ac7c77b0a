/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal to the data path of a VF's queues, split by role as netback
 * splits netback.c, rx.c and interface.c:
 *
 *   back_tx.c     the guest's TX ring: slots parsed, skb built (its pages
 *                 from the queue's page_pool), switched
 *   back_rx.c     frames for the guest: queued, prepared, copied, stalls
 *   back_copy.c   page pieces, and a copy plan carried out by memcpy
 *                 (mapped pool) or added to the poll's batch of grant
 *                 copies (one hypercall a poll and direction)
 *   back_direct.c VF to VF: a sender's pool page into the receiver's, one
 *                 memcpy (frags it granted per packet: one grant copy in
 *                 the poll's batch), no skb
 *   back_poll.c   one poll of a queue: both rings, one notification
 *   back_credit.c the VF's TX credit (its `rate`): a queue waits for it
 *   back_queue.c  the queue's lifecycle: connect, NAPI poll, IRQ,
 *                 counters, disconnect
 */
#ifndef XENVF_BACK_DATA_H
#define XENVF_BACK_DATA_H

#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/preempt.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <xen/interface/grant_table.h>

#include "xenvf_back.h"
#include "xenvf_napi.h"

/*
 * Ceilings per poll; NAPI's budget (NAPI_POLL_WEIGHT, 64) bounds both
 * together (napi/xenvf_napi.c).
 */
#define TX_BUDGET	64	/* packets per poll */
#define RX_BUDGET	64	/* backlog frames per poll */
#define RX_TICK		HZ	/* drain and stall checks while frames wait */

struct xenvf_back_pool;

/*
 * What the data path asks of Xen (and the pool memcpy), per poll:
 * production sets the real calls (back_queue.c); the KUnit cost suite
 * (tests/kunit/xenvf_back_cost_kunit.c) swaps in counting fakes.
 * grant_copy: once per poll and direction, every packet's copies in one
 * batch; pool_copy and vf_copy: once per packet; notify: once per poll.
 * Never per piece.
 */
struct xenvf_back_data_ops {
	/* one GNTTABOP_copy, never sleeping: every element's status is set */
	void (*grant_copy)(struct gnttab_copy *batch, unsigned int count);
	/* xenvf_pool_copy(): the memcpy of a mapped queue's pieces */
	unsigned int (*pool_copy)(const struct xenvf_back_pool *p,
				  bool to_guest, const u32 *gref,
				  const u16 *gid, unsigned int nguest,
				  struct page **local, unsigned int nlocal,
				  const struct xenvf_copy_op *plan,
				  unsigned int n, u16 *rest);
	/* tell the guest that responses were pushed */
	void (*notify)(struct xenvf_back_queue *q);
	/* xenvf_vf_copy(): VF to VF, one memcpy pass of a frame */
	void (*vf_copy)(void *const *dst, void *const *src,
			const struct xenvf_copy_op *plan, unsigned int n);
};

extern const struct xenvf_back_data_ops xenvf_back_xen_data_ops;

/* What a frame queued for a guest carries (cb[0..15]; GSO's is at 32). */
struct xenvf_rx_cb {
	u64 expires_ns;		/* dropped when still queued then */
	u32 charge;		/* bytes counted in rx_queue_bytes */
};

#define RX_CB(skb)	((struct xenvf_rx_cb *)(skb)->cb)

/* Queue counters: written by the queue's NAPI poll only. */
static inline void qstat_add(struct xenvf_back_queue *q, u64_stats_t *c,
			     u64 v)
{
	u64_stats_update_begin(&q->stats.syncp);
	u64_stats_add(c, v);
	u64_stats_update_end(&q->stats.syncp);
}

static inline void qstat_inc(struct xenvf_back_queue *q, u64_stats_t *c)
{
	qstat_add(q, c, 1);
}

/*
 * Schedule the queue's NAPI poll from any context. From process context
 * with bottom halves on (a delayed work, the control server), in a
 * bh-disabled section, so that the NET_RX softirq it raises runs when the
 * section ends rather than at the next interrupt.
 */
static inline void xenvf_back_queue_kick(struct xenvf_back_queue *q)
{
	if (in_interrupt() || irqs_disabled()) {
		napi_schedule(&q->napi);
		return;
	}
	local_bh_disable();
	napi_schedule(&q->napi);
	local_bh_enable();
}

/*
 * Poll again without an event (a half-published TX packet): through the
 * VF's rate limit, as an event would be. From inside the poll, a
 * napi_schedule() marks it missed: NAPI polls it once more after it
 * completes.
 */
static inline void data_continue(struct xenvf_back_queue *q)
{
	unsigned long delay = xenvf_back_rate_delay(q->vf);

	if (delay)
		schedule_delayed_work(&q->throttle, delay);
	else
		xenvf_back_queue_kick(q);
}

/* What one poll found (back_poll.c). */
enum xenvf_poll_result {
	XENVF_POLL_IDLE,	/* no work: an event that started it was spurious */
	XENVF_POLL_DONE,	/* work done, within the budgets */
	XENVF_POLL_MORE,	/* a budget used up: poll again */
	XENVF_POLL_BROKEN,	/* the guest broke a ring */
};

/* back_copy.c */
int xenvf_back_add_pieces(struct xenvf_seg *seg, struct page **pages, int n,
			  unsigned int max, struct page *page, u32 off,
			  u32 len);
int xenvf_back_add_linear(struct xenvf_seg *seg, struct page **pages, int n,
			  unsigned int max, const void *p, u32 len);
int xenvf_back_copy_add(struct xenvf_back_queue *q, bool to_guest,
			const u32 *gref, const u16 *gid, unsigned int nguest,
			struct page **local, unsigned int nlocal, unsigned int n);
void xenvf_back_copy_issue(struct xenvf_back_queue *q, bool to_guest);
bool xenvf_back_copy_ok(const struct xenvf_back_queue *q, u32 op0,
			unsigned int nops);

/* back_direct.c */
bool xenvf_back_direct(struct xenvf_back_queue *q,
		       const struct xenvf_tx_request *slots,
		       const struct xenvf_pkt_info *info,
		       struct xenvf_back_direct_pkt *d);
void xenvf_back_direct_done(struct xenvf_back_queue *q,
			    const struct xenvf_back_direct_pkt *d,
			    const struct xenvf_pkt_info *info, bool ok);
void xenvf_vf_copy(void *const *dst, void *const *src,
		   const struct xenvf_copy_op *plan, unsigned int n);

/* back_tx.c */
int xenvf_back_tx_poll(struct xenvf_back_queue *q, bool *notify, u64 now,
		       unsigned int budget);
int xenvf_back_tx_pages_create(struct xenvf_back_queue *q);
void xenvf_back_tx_pages_destroy(struct xenvf_back_queue *q);

/* back_rx.c */
int xenvf_back_rx_poll(struct xenvf_back_queue *q, bool *notify,
		       bool *blocked, u64 now, unsigned int budget);
void xenvf_back_rx_stall_check(struct xenvf_back_queue *q, bool blocked,
			       u64 now);

/* back_poll.c */
enum xenvf_poll_result xenvf_back_poll(struct xenvf_back_queue *q, u64 now,
				       int budget, unsigned int *work);
bool xenvf_back_queue_has_work(struct xenvf_back_queue *q);

#endif /* XENVF_BACK_DATA_H */
