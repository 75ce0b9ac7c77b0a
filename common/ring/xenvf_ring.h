/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf shared-ring transport.
 *
 * The rings are Xen io/ring.h rings (DEFINE_RING_TYPES in xenvf_proto.h):
 * a 64-byte header of producer/event indices, then a power-of-two array of
 * request/response unions. io/ring.h's macros are instantiated per ring
 * type; this engine is the same algorithm written once over (header, entry
 * size, entry count), so the control, event, TX and RX rings, the tests,
 * the fuzzer and the benchmark all run one implementation:
 *
 * - one fetch: an entry is copied once out of shared memory into the
 *   caller's buffer (RING_COPY_REQUEST); validate the copy, never re-read;
 * - hostile indices: a producer index that claims more entries than the
 *   ring holds (RING_REQUEST_PROD_OVERFLOW), or more responses than requests
 *   outstanding, marks the ring broken; every call then fails with -EPROTO
 *   and the owner disconnects the peer;
 * - notification suppression: push-and-check-notify tells whether the peer
 *   asked for an event; final-check re-arms the event index and re-checks,
 *   closing the race with a producer that saw the old index;
 * - bounded work: xenvf_ring_back_consume() handles at most a budget of
 *   requests per call.
 *
 * Concurrency: one producer and one consumer per direction; a side's calls
 * on one ring are serialised by its owner (NAPI poll, a work item or a
 * lock). Indices are free-running 32-bit counters, compared by difference.
 */
#ifndef XENVF_RING_H
#define XENVF_RING_H

#include "../xenvf_compat.h"
#include "../proto/xenvf_proto.h"

/* The io/ring.h shared header, as the engine sees it. */
struct xenvf_sring_hdr {
	RING_IDX req_prod, req_event;
	RING_IDX rsp_prod, rsp_event;
	u8 pad[48];
};

struct xenvf_ring {
	struct xenvf_sring_hdr *sring;	/* shared with the peer */
	u8 *entries;			/* the shared entry array */
	u32 size;			/* entries, a power of two */
	u32 esz;			/* bytes per entry (the union) */
	u32 req_sz, rsp_sz;		/* bytes of a request, a response */
	RING_IDX req_prod_pvt;		/* front: next request to write */
	RING_IDX rsp_cons;		/* front: next response to read */
	RING_IDX req_cons;		/* back: next request to read */
	RING_IDX rsp_prod_pvt;		/* back: next response to write */
	RING_IDX pushed;		/* our producer index as last published */
	bool broken;			/* the peer broke the protocol */
};

/* The entry count io/ring.h's __RING_SIZE gives a ring of @bytes. */
u32 xenvf_ring_entries(u32 bytes, u32 esz);

void xenvf_ring_shared_init(void *sring);
int xenvf_ring_attach(struct xenvf_ring *r, void *sring, u32 bytes,
		      u32 req_sz, u32 rsp_sz);

/* Frontend: produces requests, consumes responses. */
u32 xenvf_ring_front_free(const struct xenvf_ring *r);
int xenvf_ring_front_put_req(struct xenvf_ring *r, const void *req);
bool xenvf_ring_front_push(struct xenvf_ring *r);
int xenvf_ring_front_pending(struct xenvf_ring *r);
void xenvf_ring_front_copy_rsp(struct xenvf_ring *r, void *rsp);
int xenvf_ring_front_final_check(struct xenvf_ring *r);

/* Backend: consumes requests, produces responses. */
int xenvf_ring_back_pending(struct xenvf_ring *r);
void xenvf_ring_back_copy_req(struct xenvf_ring *r, void *req);
void xenvf_ring_back_put_rsp(struct xenvf_ring *r, const void *rsp);
bool xenvf_ring_back_push(struct xenvf_ring *r);
int xenvf_ring_back_final_check(struct xenvf_ring *r);

/*
 * Handle one request: @req is the private copy; write the response to
 * @rsp (private, zeroed). Every request gets exactly one response.
 */
typedef void (*xenvf_ring_handler_t)(void *ctx, const void *req, void *rsp);

int xenvf_ring_back_consume(struct xenvf_ring *r, unsigned int budget,
			    xenvf_ring_handler_t handler, void *ctx,
			    bool *notify);

#define XENVF_RING_ENTRY_MAX	256	/* largest entry (control ring) */

#endif /* XENVF_RING_H */
