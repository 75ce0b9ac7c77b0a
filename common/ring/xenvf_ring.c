// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf shared-ring transport: the io/ring.h algorithm over any entry size,
 * with overflow checks on everything the peer writes. See xenvf_ring.h.
 */
#include "xenvf_ring.h"

static void *ring_entry(const struct xenvf_ring *r, RING_IDX idx)
{
	return r->entries + (size_t)(idx & (r->size - 1)) * r->esz;
}

/**
 * xenvf_ring_entries() - entries in a ring of @bytes with @esz-byte entries
 * @bytes: size of the shared ring area (one or more pages)
 * @esz: size of the request/response union
 *
 * Return: the largest power of two that fits after the 64-byte header, as
 * io/ring.h's __RING_SIZE computes it; 0 if not even one entry fits.
 */
u32 xenvf_ring_entries(u32 bytes, u32 esz)
{
	u32 n, p = 1;

	if (!esz || bytes <= sizeof(struct xenvf_sring_hdr))
		return 0;
	n = (bytes - (u32)sizeof(struct xenvf_sring_hdr)) / esz;
	if (!n)
		return 0;
	while (p <= n / 2)
		p <<= 1;
	return p;
}

/**
 * xenvf_ring_shared_init() - initialise a shared ring (SHARED_RING_INIT)
 * @sring: the shared page, written by the frontend before granting it
 */
void xenvf_ring_shared_init(void *sring)
{
	struct xenvf_sring_hdr *h = sring;

	memset(h, 0, sizeof(*h));
	h->req_event = 1;
	h->rsp_event = 1;
}

/**
 * xenvf_ring_attach() - set up private state for a freshly initialised ring
 * @r: private ring state
 * @sring: the shared area (mapped or allocated)
 * @bytes: its size
 * @req_sz: sizeof the request struct
 * @rsp_sz: sizeof the response struct
 *
 * Return: 0, or -EINVAL when no entry fits.
 */
int xenvf_ring_attach(struct xenvf_ring *r, void *sring, u32 bytes,
		      u32 req_sz, u32 rsp_sz)
{
	u32 esz = req_sz > rsp_sz ? req_sz : rsp_sz;

	memset(r, 0, sizeof(*r));
	if (esz > XENVF_RING_ENTRY_MAX)
		return -EINVAL;
	r->size = xenvf_ring_entries(bytes, esz);
	if (!r->size)
		return -EINVAL;
	r->sring = sring;
	r->entries = (u8 *)sring + sizeof(struct xenvf_sring_hdr);
	r->esz = esz;
	r->req_sz = req_sz;
	r->rsp_sz = rsp_sz;
	return 0;
}

static int ring_broken(struct xenvf_ring *r)
{
	r->broken = true;
	return -EPROTO;
}

/* Publish @prod as our producer index; return whether the peer wants an event. */
static bool ring_push(struct xenvf_ring *r, RING_IDX *shared_prod,
		      RING_IDX *shared_event, RING_IDX prod)
{
	RING_IDX old = r->pushed, event;

	virt_wmb();		/* entries before the index */
	WRITE_ONCE(*shared_prod, prod);
	r->pushed = prod;
	virt_mb();		/* index before reading the peer's event */
	event = READ_ONCE(*shared_event);
	return (RING_IDX)(prod - event) < (RING_IDX)(prod - old);
}

/* ---- frontend ---------------------------------------------------------- */

/**
 * xenvf_ring_front_free() - request slots the frontend may fill now
 * @r: the ring
 *
 * Return: entries not holding an unanswered request.
 */
u32 xenvf_ring_front_free(const struct xenvf_ring *r)
{
	return r->size - (r->req_prod_pvt - r->rsp_cons);
}

/**
 * xenvf_ring_front_put_req() - write a request (not yet visible to the peer)
 * @r: the ring
 * @req: the request, req_sz bytes of private memory
 *
 * Return: 0, -ENOSPC when the ring is full, -EPROTO when broken.
 */
int xenvf_ring_front_put_req(struct xenvf_ring *r, const void *req)
{
	if (r->broken)
		return -EPROTO;
	if (!xenvf_ring_front_free(r))
		return -ENOSPC;
	memcpy(ring_entry(r, r->req_prod_pvt), req, r->req_sz);
	r->req_prod_pvt++;
	return 0;
}

/**
 * xenvf_ring_front_push() - publish written requests
 * @r: the ring
 *
 * Return: true if the backend asked to be notified (send an event).
 */
bool xenvf_ring_front_push(struct xenvf_ring *r)
{
	return ring_push(r, &r->sring->req_prod, &r->sring->req_event,
			 r->req_prod_pvt);
}

/**
 * xenvf_ring_front_pending() - responses ready to read
 * @r: the ring
 *
 * Reads the backend's producer index once. More responses than requests
 * outstanding is a protocol violation: the ring is marked broken.
 *
 * Return: the count, or -EPROTO.
 */
int xenvf_ring_front_pending(struct xenvf_ring *r)
{
	RING_IDX prod, ready;

	if (r->broken)
		return -EPROTO;
	prod = READ_ONCE(r->sring->rsp_prod);
	virt_rmb();		/* index before entries */
	ready = prod - r->rsp_cons;
	if (ready > r->req_prod_pvt - r->rsp_cons)
		return ring_broken(r);
	return (int)ready;
}

/**
 * xenvf_ring_front_copy_rsp() - copy the next response out, once
 * @r: the ring; xenvf_ring_front_pending() said one is there
 * @rsp: rsp_sz bytes of private memory
 */
void xenvf_ring_front_copy_rsp(struct xenvf_ring *r, void *rsp)
{
	memcpy(rsp, ring_entry(r, r->rsp_cons), r->rsp_sz);
	r->rsp_cons++;
}

/**
 * xenvf_ring_front_final_check() - re-arm the response event, then re-check
 * @r: the ring
 *
 * Return: responses pending (> 0: keep polling), 0 (sleep until the next
 * event), or -EPROTO.
 */
int xenvf_ring_front_final_check(struct xenvf_ring *r)
{
	int n = xenvf_ring_front_pending(r);

	if (n)
		return n;
	WRITE_ONCE(r->sring->rsp_event, r->rsp_cons + 1);
	virt_mb();		/* event index before re-reading the producer */
	return xenvf_ring_front_pending(r);
}

/* ---- backend ----------------------------------------------------------- */

/**
 * xenvf_ring_back_pending() - requests the backend may consume now
 * @r: the ring
 *
 * Reads the frontend's producer index once. An index claiming more than
 * the ring holds is a protocol violation: the ring is marked broken.
 *
 * Return: the count (limited by room for their responses), or -EPROTO.
 */
int xenvf_ring_back_pending(struct xenvf_ring *r)
{
	RING_IDX prod, unconsumed, room;

	if (r->broken)
		return -EPROTO;
	prod = READ_ONCE(r->sring->req_prod);
	virt_rmb();		/* index before entries */
	unconsumed = prod - r->req_cons;
	if (unconsumed > r->size)
		return ring_broken(r);
	room = r->size - (r->req_cons - r->rsp_prod_pvt);
	return (int)(unconsumed < room ? unconsumed : room);
}

/**
 * xenvf_ring_back_copy_req() - copy the next request out, once
 * @r: the ring; xenvf_ring_back_pending() said one is there
 * @req: req_sz bytes of private memory; validate this copy only
 */
void xenvf_ring_back_copy_req(struct xenvf_ring *r, void *req)
{
	memcpy(req, ring_entry(r, r->req_cons), r->req_sz);
	r->req_cons++;
}

/**
 * xenvf_ring_back_put_rsp() - write a response (not yet visible)
 * @r: the ring
 * @rsp: rsp_sz bytes of private memory
 *
 * Room is guaranteed: a response answers a request already consumed.
 */
void xenvf_ring_back_put_rsp(struct xenvf_ring *r, const void *rsp)
{
	memcpy(ring_entry(r, r->rsp_prod_pvt), rsp, r->rsp_sz);
	r->rsp_prod_pvt++;
}

/**
 * xenvf_ring_back_push() - publish written responses
 * @r: the ring
 *
 * Return: true if the frontend asked to be notified.
 */
bool xenvf_ring_back_push(struct xenvf_ring *r)
{
	return ring_push(r, &r->sring->rsp_prod, &r->sring->rsp_event,
			 r->rsp_prod_pvt);
}

/**
 * xenvf_ring_back_final_check() - re-arm the request event, then re-check
 * @r: the ring
 *
 * Return: requests pending (> 0), 0, or -EPROTO.
 */
int xenvf_ring_back_final_check(struct xenvf_ring *r)
{
	int n = xenvf_ring_back_pending(r);

	if (n)
		return n;
	WRITE_ONCE(r->sring->req_event, r->req_cons + 1);
	virt_mb();		/* event index before re-reading the producer */
	return xenvf_ring_back_pending(r);
}

/**
 * xenvf_ring_back_consume() - handle a bounded batch of requests
 * @r: the ring
 * @budget: most requests to handle in this call
 * @handler: called once per request with its private copy
 * @ctx: passed to @handler
 * @notify: set to whether the frontend wants an event for the responses
 *
 * Handles requests until none are left (after a final check that re-arms
 * the event) or @budget is spent, then publishes all responses at once.
 *
 * Return: requests handled (== @budget: call again, more may be waiting),
 * or -EPROTO when the frontend broke the ring.
 */
int xenvf_ring_back_consume(struct xenvf_ring *r, unsigned int budget,
			    xenvf_ring_handler_t handler, void *ctx,
			    bool *notify)
{
	u8 req[XENVF_RING_ENTRY_MAX], rsp[XENVF_RING_ENTRY_MAX];
	unsigned int done = 0;
	int n;

	*notify = false;
	n = xenvf_ring_back_final_check(r);
	while (n > 0) {
		for (; n > 0 && done < budget; n--, done++) {
			xenvf_ring_back_copy_req(r, req);
			memset(rsp, 0, r->rsp_sz);
			handler(ctx, req, rsp);
			xenvf_ring_back_put_rsp(r, rsp);
		}
		if (done == budget)
			break;
		n = xenvf_ring_back_final_check(r);
	}
	if (done)
		*notify = xenvf_ring_back_push(r);
	if (n < 0)
		return n;
	return (int)done;
}
