// SPDX-License-Identifier: GPL-2.0-only
/*
 * What one VF may cost dom0 (see back_limits.h): pure functions, compiled
 * into xenvf-back and into the KUnit suite xenvf_back_limits.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "back_limits.h"

/**
 * xenvf_rx_backlog_max() - the bytes a VF's RX backlog may hold when a
 * frame arrives
 * @fcoe_frame: the frame is FCoE or FIP (the lossless class)
 *
 * Return: XENVF_RX_VF_BYTES_FCOE for an FCoE/FIP frame, else
 * XENVF_RX_VF_BYTES.
 */
u32 xenvf_rx_backlog_max(bool fcoe_frame)
{
	return fcoe_frame ? XENVF_RX_VF_BYTES_FCOE : XENVF_RX_VF_BYTES;
}

/**
 * xenvf_rx_queue_pick() - the RX queue a frame for a VF waits in
 * @fcoe_frame: the frame is FCoE or FIP
 * @hash: its flow hash
 * @nr_queues: the VF's queues (at least one)
 *
 * Return: 0 for FCoE/FIP frames (one queue, in order, as ixgbe steers
 * them to its FCoE ring), else the queue the flow hash scales to, so a flow stays on one queue.
 */
unsigned int xenvf_rx_queue_pick(bool fcoe_frame, u32 hash,
				 unsigned int nr_queues)
{
	if (fcoe_frame || nr_queues <= 1)
		return 0;
	return reciprocal_scale(hash, nr_queues);
}

/**
 * xenvf_rx_admit() - may a frame join a VF's RX backlog?
 * @vf_queued: bytes the VF's backlog (all its queues) holds now
 * @charge: the frame's bytes
 * @max: the bound (xenvf_rx_backlog_max())
 * @queue_empty: the frame's queue holds nothing now
 *
 * Return: true if the frame's queue is empty (one frame always fits, so a
 * queue is never starved by the VF's other queues) or the frame fits
 * within @max bytes for the whole VF.
 */
bool xenvf_rx_admit(u32 vf_queued, u32 charge, u32 max, bool queue_empty)
{
	return queue_empty || (charge <= max && vf_queued <= max - charge);
}

/**
 * xenvf_rx_expired() - has a queued frame passed its drain deadline?
 * @expires_ns: the deadline set when it was queued
 * @now_ns: the clock now (the same clock)
 *
 * Return: true at or after @expires_ns (wrap-safe).
 */
bool xenvf_rx_expired(u64 expires_ns, u64 now_ns)
{
	return (s64)(now_ns - expires_ns) >= 0;
}

/**
 * xenvf_rx_stall_update() - one observation of a queue's RX
 * @s: the queue's stall state
 * @blocked: a frame waits for pages the guest has not posted (or, while
 *	stalled, the guest has posted no page since it stalled)
 * @now_ns: the clock now
 * @timeout_ns: the stall timeout; 0 never stalls
 *
 * Return: XENVF_STALL_BEGIN when the queue has been blocked for
 * @timeout_ns, XENVF_STALL_END when a stalled queue is no longer blocked,
 * else XENVF_STALL_NONE.
 */
enum xenvf_stall_change xenvf_rx_stall_update(struct xenvf_rx_stall *s,
					      bool blocked, u64 now_ns,
					      u64 timeout_ns)
{
	if (!blocked) {
		s->blocked = false;
		if (!s->stalled)
			return XENVF_STALL_NONE;
		s->stalled = false;
		return XENVF_STALL_END;
	}
	if (!s->blocked) {
		s->blocked = true;
		s->since_ns = now_ns;
	}
	if (!s->stalled && timeout_ns && now_ns - s->since_ns >= timeout_ns) {
		s->stalled = true;
		return XENVF_STALL_BEGIN;
	}
	return XENVF_STALL_NONE;
}

/**
 * xenvf_tx_linear_ok() - does a partial checksum's field lie within the
 * linear part a TX packet may get?
 * @csum_start: from the frame's start, as the guest sent it
 * @csum_offset: from @csum_start
 *
 * Return: true if csum_start + csum_offset + 2 <= XENVF_TX_LINEAR_MAX.
 */
bool xenvf_tx_linear_ok(u32 csum_start, u32 csum_offset)
{
	return csum_start <= XENVF_TX_LINEAR_MAX &&
	       csum_offset <= XENVF_TX_LINEAR_MAX &&
	       csum_start + csum_offset + 2 <= XENVF_TX_LINEAR_MAX;
}

/**
 * xenvf_distinct_add() - record a grant reference or event channel of a
 * connect, which must differ from every one recorded before
 * @d: the values so far (@d->v holds @d->max of them)
 * @v: the new value
 *
 * Return: 0, -EEXIST if @v was seen already, -ENOSPC if @d is full.
 */
int xenvf_distinct_add(struct xenvf_distinct *d, u32 v)
{
	unsigned int i;

	for (i = 0; i < d->n; i++)
		if (d->v[i] == v)
			return -EEXIST;
	if (d->n >= d->max)
		return -ENOSPC;
	d->v[d->n++] = v;
	return 0;
}
