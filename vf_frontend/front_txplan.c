// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TX slot plan of one frame (front_txplan.h). The frame's first
 * bytes, its linear part and at least in->copy_min bytes (the headers the
 * backend decides on, XENVF_TX_HDR_COPY, and a partial checksum's field),
 * are copied into pool pages, 4 KiB a slot; so are frags smaller than
 * XENVF_TXPLAN_GRANT_MIN, appended to the copy slot before them. Every
 * other frag is granted, one slot per piece within a 4 KiB page (no slot
 * crosses its page: docs/protocol.md, section 5). Slots keep the frame's
 * byte order. If that takes more than XENVF_MAX_SLOTS slots, the whole
 * frame is copied instead (4 KiB a slot), as before per-packet grants.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "front_txplan.h"

#define TXPLAN_PAGE	XENVF_RING_PAGE_SIZE

/* Append @len copied bytes at the frame's @pos. Return: false if full. */
static bool plan_copy(struct xenvf_txplan *p, bool *open, u32 pos, u32 len)
{
	struct xenvf_txplan_slot *s;
	u32 c;

	while (len) {
		s = p->n ? &p->slot[p->n - 1] : NULL;
		if (!*open || s->len == TXPLAN_PAGE) {
			if (p->n == XENVF_MAX_SLOTS)
				return false;
			s = &p->slot[p->n++];
			s->pos = pos;
			s->len = 0;
			s->frag = -1;
			s->foff = 0;
			*open = true;
		}
		c = min_t(u32, len, TXPLAN_PAGE - s->len);
		s->len += c;
		pos += c;
		len -= c;
	}
	return true;
}

/* Grant @len bytes of frag @i from @off in its page, at the frame's @pos. */
static bool plan_grant(struct xenvf_txplan *p, unsigned int i, u32 off,
		       u32 pos, u32 len)
{
	struct xenvf_txplan_slot *s;
	u32 c;

	while (len) {
		if (p->n == XENVF_MAX_SLOTS)
			return false;
		c = min_t(u32, len, TXPLAN_PAGE - off % TXPLAN_PAGE);
		s = &p->slot[p->n++];
		s->pos = pos;
		s->len = c;
		s->frag = i;
		s->foff = off;
		p->granted++;
		off += c;
		pos += c;
		len -= c;
	}
	return true;
}

/* Everything copied, 4 KiB a slot. */
static int plan_copy_all(const struct xenvf_txplan_in *in,
			 struct xenvf_txplan *p)
{
	bool open = false;

	memset(p, 0, sizeof(*p));
	p->fallback = true;
	p->frags_copied = in->nr_frags;
	if (!plan_copy(p, &open, 0, in->len))
		return -E2BIG;
	return p->n;
}

/**
 * xenvf_txplan() - plan a frame's TX slots
 * @in: the frame's layout
 * @p: out: the slots, in the frame's byte order
 *
 * Return: the slots (at most XENVF_MAX_SLOTS; p->fallback if all is copied
 * because granting needed more), or -E2BIG if even that does not fit.
 */
int xenvf_txplan(const struct xenvf_txplan_in *in, struct xenvf_txplan *p)
{
	u32 copy_end, fpos, skip, rest, sum = in->headlen;
	bool open = false;
	unsigned int i;

	if (in->nr_frags > ARRAY_SIZE(in->frag) || in->headlen > in->len)
		return plan_copy_all(in, p);
	for (i = 0; i < in->nr_frags; i++)
		sum += in->frag[i].size;
	if (sum != in->len)
		return plan_copy_all(in, p);

	memset(p, 0, sizeof(*p));
	copy_end = max(in->headlen, min(in->copy_min, in->len));
	if (!plan_copy(p, &open, 0, copy_end))
		return plan_copy_all(in, p);
	for (fpos = in->headlen, i = 0; i < in->nr_frags;
	     fpos += in->frag[i].size, i++) {
		if (!in->frag[i].size)
			continue;
		skip = copy_end > fpos ? min(copy_end - fpos, in->frag[i].size) : 0;
		rest = in->frag[i].size - skip;
		if (rest >= XENVF_TXPLAN_GRANT_MIN) {
			if (!plan_grant(p, i, in->frag[i].off + skip,
					fpos + skip, rest))
				return plan_copy_all(in, p);
			open = false;	/* a copy after it starts a new slot */
			continue;
		}
		p->frags_copied++;
		if (!plan_copy(p, &open, fpos + skip, rest))
			return plan_copy_all(in, p);
	}
	return p->n;
}
