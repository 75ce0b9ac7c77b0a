/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What one VF may cost dom0, as pure functions (no skbs, no locks, the
 * clock passed in) so KUnit tests them with an injected clock: the RX
 * backlog bound in bytes per VF, the drain timeout of a queued frame, the RX
 * stall detector, the TX linear-header bound and the distinct ring
 * references of a connect.
 */
#ifndef XENVF_BACK_LIMITS_H
#define XENVF_BACK_LIMITS_H

#include <linux/types.h>

/*
 * Bytes (skb truesize: the memory dom0 holds) that may wait for a guest's
 * RX pages, per VF, all its queues together (one budget, so a VF's memory
 * does not grow with its queue count). 2 MiB holds a full RX poll
 * (RX_BUDGET, 64 frames) of MTU frames 14 times over (a 1500-byte frame
 * as the TX path builds it is wholly linear in a 2 KiB head, about
 * 2.3 KiB of truesize: 64 of them under 150 KiB; it was a 128-byte head
 * and a 4 KiB page, 320 KiB, six times over), and 31 frames of 64 KiB
 * GSO (about 66.5 KiB each), about four times what one RX ring of 128
 * pages takes at once (8); netback holds 512 KiB per queue
 * (XENVIF_RX_QUEUE_BYTES), and this bound held only 7 such frames while it
 * was 512 KiB per queue. FCoE and FIP frames, the lossless class, all take
 * queue 0 and may fill the VF's backlog up to the larger bound. TCP
 * recovers from a drop at once, FCP only after its command times out, and
 * the FCoE frames a VF receives answer the reads its own guest has in
 * flight: eight 1 MB FCP reads in 1452-byte FC frames in 2 KiB buffers
 * fit (a guest's readahead keeps four or more in flight; two did not
 * suffice in the rig). One frame is always admitted to an empty queue (a
 * queue is never starved by its siblings' backlog), so a VF holds at most
 * the larger bound plus one frame per queue.
 */
#define XENVF_RX_VF_BYTES		(2 * 1024 * 1024)
#define XENVF_RX_VF_BYTES_FCOE		(16 * 1024 * 1024)

/* Drain timeout and stall timeout defaults (netback: 10 s and 60 s). */
#define XENVF_RX_DRAIN_TIMEOUT_MS	10000
#define XENVF_RX_STALL_TIMEOUT_MS	60000

/*
 * The linear part of a guest's TX packet: at most this many bytes, so
 * csum_start + csum_offset + 2 must lie within it (Ethernet, two VLAN
 * tags, an IPv6 header chain of MAX_IPV6_HDR_LEN and a TCP checksum).
 */
#define XENVF_TX_LINEAR_MAX		320

/*
 * Pages a queue's TX page_pool keeps for reuse in its ring (back_tx.c):
 * what one TX ring of 128 slots holds (8 frames of 64 KiB), so a full
 * poll's pages come back to it and the next takes no fresh page. With
 * page_pool's allocation cache (PP_ALLOC_CACHE_SIZE, 128) a queue keeps
 * at most 256 idle pages (1 MiB); pages in flight are the skbs'.
 */
#define XENVF_TX_POOL_PAGES		128

u32 xenvf_rx_backlog_max(bool fcoe_frame);
unsigned int xenvf_rx_queue_pick(bool fcoe_frame, u32 hash,
				 unsigned int nr_queues);
bool xenvf_rx_admit(u32 vf_queued, u32 charge, u32 max, bool queue_empty);
bool xenvf_rx_expired(u64 expires_ns, u64 now_ns);

/* RX stall detection of one queue (netback's rx_stall_timeout). */
struct xenvf_rx_stall {
	u64 since_ns;		/* blocked since */
	bool blocked;		/* a frame waits for pages the guest has not posted */
	bool stalled;		/* blocked for the stall timeout: carrier off */
};

enum xenvf_stall_change {
	XENVF_STALL_NONE,	/* nothing to do */
	XENVF_STALL_BEGIN,	/* the queue stalled: carrier off */
	XENVF_STALL_END,	/* the guest posts again: carrier back on */
};

enum xenvf_stall_change xenvf_rx_stall_update(struct xenvf_rx_stall *s,
					      bool blocked, u64 now_ns,
					      u64 timeout_ns);

bool xenvf_tx_linear_ok(u32 csum_start, u32 csum_offset);

/* Values seen so far in one connect, each of which must be new. */
struct xenvf_distinct {
	unsigned int n, max;
	u32 *v;
};

int xenvf_distinct_add(struct xenvf_distinct *d, u32 v);

#endif /* XENVF_BACK_LIMITS_H */
