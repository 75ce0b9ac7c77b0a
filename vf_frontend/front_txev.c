// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's TX event policy (see front_txev.h and docs/design.md,
 * "Event hygiene"). Both directions use io/ring.h's event indices as they
 * are: a notification is sent only when the peer's event index lies within
 * what a push published, so the policy is all on the frontend's side and
 * needs nothing new from the backend.
 */
#include "front_txev.h"

/**
 * xenvf_front_tx_kick() - publish the TX requests and notify now?
 * @xmit_more: the stack has another frame for this queue right behind
 * @stopped: the queue is stopped (by us or by BQL): no frame will follow
 *	     until completions come, so what is written must go out now
 *
 * Return: true to push (and notify if the backend asked for it).
 */
bool xenvf_front_tx_kick(bool xmit_more, bool stopped)
{
	return !xmit_more || stopped;
}

/**
 * xenvf_front_tx_must_stop() - too few free slots for another frame?
 * @free: TX slots not in flight
 *
 * Return: true if the largest frame (XENVF_MAX_SLOTS slots) may not fit.
 */
bool xenvf_front_tx_must_stop(unsigned int free)
{
	return free < XENVF_MAX_SLOTS;
}

/**
 * xenvf_front_tx_arm() - ask the backend for an event on its next TX
 * response?
 * @free: TX slots not in flight, after reclaiming what was answered
 * @size: slots in the ring
 * @stopped: the queue is stopped (by us or by BQL)
 *
 * A stopped queue only moves again on completions, so it always asks;
 * a ring running low (under a quarter free, or under one largest frame)
 * asks so that it does not run dry. Otherwise no event: the completions
 * are reclaimed by the next xmit or poll, and a steady stream costs the
 * backend no notifications for them.
 *
 * Return: true to arm the event.
 */
bool xenvf_front_tx_arm(unsigned int free, unsigned int size, bool stopped)
{
	return stopped || free < size / 4 || xenvf_front_tx_must_stop(free);
}

/**
 * xenvf_front_tx_event() - after reclaiming: arm the TX-completion event
 * if the policy says so, and look again
 * @tx: the TX ring (the caller owns its consumer side)
 * @free: TX slots not in flight
 * @stopped: the queue is stopped
 * @armed: set to whether the event was armed
 *
 * Arming writes rsp_event past what was consumed, then re-reads the
 * producer (the final check), closing the race with a backend that pushed
 * before seeing the new index. Not arming leaves rsp_event behind, so the
 * backend's pushes notify nobody.
 *
 * Return: responses waiting (> 0: reclaim them and call again; a stopped
 * queue would otherwise miss them), 0, or -EPROTO.
 */
int xenvf_front_tx_event(struct xenvf_ring *tx, unsigned int free,
			 bool stopped, bool *armed)
{
	*armed = xenvf_front_tx_arm(free, tx->size, stopped);
	if (!*armed)
		return 0;
	return xenvf_ring_front_final_check(tx);
}
