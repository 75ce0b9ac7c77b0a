// SPDX-License-Identifier: GPL-2.0-only
/*
 * One poll of a queue: its TX ring, then its RX backlog into posted pages,
 * sharing NAPI's budget (napi/xenvf_napi.c: TX first, half of it while RX
 * frames wait; RX what TX left), and at most one notification of the
 * guest for both rings' responses. The caller (the queue's NAPI poll,
 * back_queue.c) acknowledges the event and goes on after a used-up share.
 *
 * Whether an event brought work is decided when it arrives
 * (xenvf_back_queue_has_work(), from the IRQ handler, as netback's
 * interrupt handler looks for unconsumed requests): an event is spurious
 * when the guest published nothing it was asked to tell about, not when
 * the poll it started finds that another run took the work already.
 */
#include "back_data.h"

/**
 * xenvf_back_poll() - poll both rings of a queue once
 * @q: the queue, up and not broken
 * @now: ktime_get_ns() of this poll
 * @budget: NAPI's budget (TX requests and RX frames together)
 * @work: if not NULL, set to the TX requests and RX frames taken
 *
 * Runs in NAPI's softirq (the tests call it with bottom halves off): it
 * never sleeps.
 *
 * Return: what the poll found (enum xenvf_poll_result).
 */
enum xenvf_poll_result xenvf_back_poll(struct xenvf_back_queue *q, u64 now,
				       int budget, unsigned int *work)
{
	bool notify = false, blocked = false;
	struct xenvf_napi_share share;
	int tx, rx;

	xenvf_napi_begin(&share, budget, TX_BUDGET,
			 !skb_queue_empty_lockless(&q->rx_queue) ||
			 !skb_queue_empty(&q->rx_ready));
	tx = xenvf_back_tx_poll(q, &notify, now, share.tx);
	rx = tx < 0 ? 0 :
	     xenvf_back_rx_poll(q, &notify, &blocked, now,
				xenvf_napi_rx_share(&share, tx, RX_BUDGET));
	if (notify)
		q->ops->notify(q);
	if (work)
		*work = max(tx, 0) + max(rx, 0);
	if (tx < 0 || rx < 0)
		return XENVF_POLL_BROKEN;
	xenvf_back_rx_stall_check(q, blocked, now);
	if (blocked)	/* no event may come: look again for age and stall */
		schedule_delayed_work(&q->rx_tick, RX_TICK);
	if (xenvf_napi_more(&share, tx, rx))
		return XENVF_POLL_MORE;
	return tx || rx ? XENVF_POLL_DONE : XENVF_POLL_IDLE;
}

/* @prod has reached the event index @event the backend set. */
static bool past_event(RING_IDX prod, RING_IDX event)
{
	return (s32)(prod - event) >= 0;
}

/**
 * xenvf_back_queue_has_work() - did the guest publish what it was asked
 * to tell about
 * @q: the queue, up (rings mapped)
 *
 * TX: requests not consumed, the producer at or past the event index (a
 * half-published packet asks for an event past its slots: repeating the
 * event without publishing more is no work). RX: pages posted past the
 * event index while frames wait for them or the queue is stalled (the
 * backend asks for RX events only then). Called from the IRQ handler
 * while the poll may run: a snapshot of indices the poll moves, read once
 * each (a run that took the work since is harmless: it is that poll's).
 *
 * Return: true if a poll has (or had) something to do.
 */
bool xenvf_back_queue_has_work(struct xenvf_back_queue *q)
{
	RING_IDX prod = READ_ONCE(q->tx.sring->req_prod);

	if (prod != READ_ONCE(q->tx.req_cons) &&
	    past_event(prod, READ_ONCE(q->tx.sring->req_event)))
		return true;
	prod = READ_ONCE(q->rx.sring->req_prod);
	if (prod == READ_ONCE(q->rx.req_cons) ||
	    !past_event(prod, READ_ONCE(q->rx.sring->req_event)))
		return false;
	return READ_ONCE(q->rx_stalled) ||
	       !skb_queue_empty_lockless(&q->rx_ready) ||
	       !skb_queue_empty_lockless(&q->rx_queue);
}
