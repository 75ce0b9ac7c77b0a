/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TX slot plan of one frame (front_txplan.c): which bytes are copied
 * into the queue's permanently granted pool pages and which pieces of the
 * skb's page frags are granted to the backend for this packet alone.
 * Pure: no skb, no grant, no lock, so KUnit checks every layout.
 */
#ifndef XENVF_FRONT_TXPLAN_H
#define XENVF_FRONT_TXPLAN_H

#include <linux/skbuff.h>
#include <linux/types.h>

#include "xenvf_proto.h"

/*
 * Frags (what is left of them after the copied head) of at least this
 * many bytes are granted; smaller ones are copied. Granting costs the
 * guest a grant entry written and ended (no hypercall) and a ring slot,
 * and the backend a grant-copy element in its poll's batch instead of a
 * memcpy from the mapped pool: below 1 KiB the copy costs about what the
 * grant's bookkeeping does, and small frags would eat the 18-slot bound.
 * TCP's frags (the socket's 32 KiB page frags) are far above it.
 */
#define XENVF_TXPLAN_GRANT_MIN	1024

/* What the plan needs of an skb: its length, linear part and frags. */
struct xenvf_txplan_in {
	u32 len;		/* skb->len */
	u32 headlen;		/* skb_headlen() */
	u32 copy_min;		/* bytes that must be copied (headers, csum) */
	unsigned int nr_frags;
	struct {
		u32 off;	/* skb_frag_off(): in the (compound) page */
		u32 size;
	} frag[MAX_SKB_FRAGS];
};

/* One TX slot: bytes [pos, pos + len) of the frame. */
struct xenvf_txplan_slot {
	u32 pos;		/* offset in the frame */
	u16 len;
	s8 frag;		/* granted: the frag; -1: copied into a pool page */
	u32 foff;		/* granted: offset in the frag's (compound) page */
};

struct xenvf_txplan {
	unsigned int n;		/* slots */
	unsigned int granted;	/* of them granted */
	unsigned int frags_copied;	/* frags whose bytes went to the pool */
	bool fallback;		/* granting needed too many slots: all copied */
	struct xenvf_txplan_slot slot[XENVF_MAX_SLOTS];
};

int xenvf_txplan(const struct xenvf_txplan_in *in, struct xenvf_txplan *p);

#endif /* XENVF_FRONT_TXPLAN_H */
