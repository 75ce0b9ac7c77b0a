// SPDX-License-Identifier: GPL-2.0-only
/*
 * One poll of a queue: its TX ring, then its RX backlog into posted pages,
 * each within its budget, and at most one notification of the guest for
 * both rings' responses. The caller (the queue's work item, back_queue.c)
 * acknowledges the event and goes on after a used-up budget.
 */
#include "back_data.h"

/**
 * xenvf_back_poll() - poll both rings of a queue once
 * @q: the queue, up and not broken
 * @now: ktime_get_ns() of this poll
 *
 * Return: what the poll found (enum xenvf_poll_result).
 */
enum xenvf_poll_result xenvf_back_poll(struct xenvf_back_queue *q, u64 now)
{
	bool notify = false, blocked = false;
	int tx, rx;

	tx = xenvf_back_tx_poll(q, &notify);
	rx = tx < 0 ? 0 : xenvf_back_rx_poll(q, &notify, &blocked, now);
	if (notify)
		q->ops->notify(q);
	if (tx < 0 || rx < 0)
		return XENVF_POLL_BROKEN;
	xenvf_back_rx_stall_check(q, blocked, now);
	if (blocked)	/* no event may come: look again for age and stall */
		schedule_delayed_work(&q->rx_tick, RX_TICK);
	if (tx == TX_BUDGET || rx == RX_BUDGET)
		return XENVF_POLL_MORE;
	return tx || rx ? XENVF_POLL_DONE : XENVF_POLL_IDLE;
}
