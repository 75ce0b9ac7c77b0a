/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * When the frontend's TX path talks to the backend, as pure functions over
 * the ring engine (no Xen, no netdev), so KUnit drives them against a
 * simulated backend: when to publish and notify (once per burst the stack
 * hands over), when to stop the queue, and when to ask for a TX-completion
 * event (only when free slots run low or the queue is stopped; otherwise
 * completions are reclaimed lazily by the xmit path and NAPI).
 */
#ifndef XENVF_FRONT_TXEV_H
#define XENVF_FRONT_TXEV_H

#include "xenvf_ring.h"

bool xenvf_front_tx_kick(bool xmit_more, bool stopped);
bool xenvf_front_tx_must_stop(unsigned int free);
bool xenvf_front_tx_arm(unsigned int free, unsigned int size, bool stopped);
int xenvf_front_tx_event(struct xenvf_ring *tx, unsigned int free,
			 bool stopped, bool *armed);

#endif /* XENVF_FRONT_TXEV_H */
