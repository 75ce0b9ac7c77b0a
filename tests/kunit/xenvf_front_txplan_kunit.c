// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for vf_frontend/front_txplan.c: which bytes of a TX frame
 * the frontend copies into its pool pages and which pieces of its frags
 * it grants for the packet, for the layouts the stack hands over (linear
 * only, TSO's page frags, small frags, a partial checksum past the linear
 * part), and the fallback to copying the whole frame past XENVF_MAX_SLOTS.
 * Every plan is also checked against the protocol's rules (docs/protocol.md
 * section 5): slots in the frame's order covering it once, none crossing
 * its page, the first copied and holding at least XENVF_TX_HDR_COPY bytes.
 */
#include <kunit/test.h>

#include "front_txplan.c"

#define PG	XENVF_RING_PAGE_SIZE

/* The rules every plan keeps; returns the granted bytes. */
static u32 expect_sound(struct kunit *test, const struct xenvf_txplan_in *in,
			const struct xenvf_txplan *p, int n)
{
	u32 want = max(in->headlen, min(in->copy_min, in->len));
	u32 pos = 0, granted = 0, fstart;
	unsigned int i, ng = 0, f;

	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_ASSERT_LE(test, n, XENVF_MAX_SLOTS);
	KUNIT_EXPECT_EQ(test, p->n, n);
	/* the head the backend decides on is in the first, copied slot */
	KUNIT_EXPECT_EQ(test, p->slot[0].frag, -1);
	KUNIT_EXPECT_GE(test, p->slot[0].len, min_t(u32, want, PG));
	for (i = 0; i < p->n; i++) {
		const struct xenvf_txplan_slot *s = &p->slot[i];

		KUNIT_EXPECT_EQ(test, s->pos, pos);
		KUNIT_EXPECT_GT(test, s->len, 0);
		KUNIT_EXPECT_LE(test, s->len, PG);
		if (s->frag >= 0) {
			f = s->frag;
			KUNIT_ASSERT_LT(test, f, in->nr_frags);
			/* within its page, and where the frag has those bytes */
			KUNIT_EXPECT_LE(test, s->foff % PG + s->len, PG);
			for (fstart = in->headlen; f; f--)
				fstart += in->frag[f - 1].size;
			KUNIT_EXPECT_EQ(test, s->foff - in->frag[s->frag].off,
					s->pos - fstart);
			granted += s->len;
			ng++;
		}
		pos += s->len;
	}
	KUNIT_EXPECT_EQ(test, pos, in->len);
	KUNIT_EXPECT_EQ(test, ng, p->granted);
	return granted;
}

static void in_frags(struct xenvf_txplan_in *in, u32 headlen, unsigned int n,
		     u32 off, u32 size)
{
	unsigned int i;

	memset(in, 0, sizeof(*in));
	in->headlen = headlen;
	in->copy_min = XENVF_TX_HDR_COPY;
	in->nr_frags = n;
	in->len = headlen;
	for (i = 0; i < n; i++) {
		in->frag[i].off = off;
		in->frag[i].size = size;
		in->len += size;
	}
}

/* A linear frame: copied, 4 KiB a slot, nothing granted. */
static void txplan_linear(struct kunit *test)
{
	struct xenvf_txplan_in in;
	struct xenvf_txplan p;
	int n;

	in_frags(&in, 60, 0, 0, 0);
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, p.granted, 0);
	KUNIT_EXPECT_FALSE(test, p.fallback);
	in_frags(&in, 9000, 0, 0, 0);
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, p.granted, 0);
}

/*
 * TSO as TCP builds it: 66 header bytes linear, the payload in two
 * 32 KiB-page frags. The head takes XENVF_TX_HDR_COPY bytes (62 of the
 * first frag), the rest of the frags is granted page by page.
 */
static void txplan_tso(struct kunit *test)
{
	struct xenvf_txplan_in in;
	struct xenvf_txplan p;
	u32 granted;
	int n;

	in_frags(&in, 66, 2, 0, 32000);
	in.frag[1].off = 100;
	n = xenvf_txplan(&in, &p);
	granted = expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_FALSE(test, p.fallback);
	KUNIT_EXPECT_EQ(test, p.slot[0].len, XENVF_TX_HDR_COPY);
	KUNIT_EXPECT_EQ(test, granted, in.len - XENVF_TX_HDR_COPY);
	KUNIT_EXPECT_EQ(test, p.frags_copied, 0);
	/* frag 0 from byte 62: 8 pages' pieces; frag 1 from 100: 8 pieces */
	KUNIT_EXPECT_EQ(test, p.granted, 16);
	KUNIT_EXPECT_EQ(test, n, 17);
	KUNIT_EXPECT_EQ(test, p.slot[1].foff, 62);
	KUNIT_EXPECT_EQ(test, p.slot[1].len, PG - 62);
}

/*
 * Small frags are copied: into the head's slot while it has room, and a
 * small frag after a granted one starts a copy slot of its own.
 */
static void txplan_small_frags(struct kunit *test)
{
	struct xenvf_txplan_in in;
	struct xenvf_txplan p;
	int n;

	in_frags(&in, 128, 3, 0, 200);
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, p.frags_copied, 3);
	KUNIT_EXPECT_EQ(test, p.granted, 0);

	in_frags(&in, 128, 3, 0, 200);
	in.frag[1].size = 3000;		/* granted: one piece */
	in.len += 2800;
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, p.slot[0].len, 128 + 200);
	KUNIT_EXPECT_EQ(test, p.slot[1].frag, 1);
	KUNIT_EXPECT_EQ(test, p.slot[2].frag, -1);
	KUNIT_EXPECT_EQ(test, p.slot[2].len, 200);
	KUNIT_EXPECT_EQ(test, p.frags_copied, 2);
	KUNIT_EXPECT_EQ(test, p.granted, 1);
}

/* A partial checksum's field past the linear part is copied, not granted. */
static void txplan_csum_in_head(struct kunit *test)
{
	struct xenvf_txplan_in in;
	struct xenvf_txplan p;
	int n;

	in_frags(&in, 14, 1, 0, 8000);
	in.copy_min = 300;	/* csum_start + csum_offset + 2 */
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_EQ(test, p.slot[0].len, 300);
	KUNIT_EXPECT_EQ(test, p.slot[1].foff, 300 - 14);
}

/*
 * 17 frags of 3000 B each crossing a page boundary: 34 pieces to grant,
 * past XENVF_MAX_SLOTS, so the whole frame is copied, 4 KiB a slot.
 */
static void txplan_fallback(struct kunit *test)
{
	struct xenvf_txplan_in in;
	struct xenvf_txplan p;
	int n;

	in_frags(&in, 66, MAX_SKB_FRAGS, 2000, 3000);
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_TRUE(test, p.fallback);
	KUNIT_EXPECT_EQ(test, p.granted, 0);
	KUNIT_EXPECT_EQ(test, n, DIV_ROUND_UP(in.len, PG));
	KUNIT_EXPECT_EQ(test, p.frags_copied, MAX_SKB_FRAGS);
	/* a layout the plan cannot read (frag_list): copied whole too */
	in_frags(&in, 66, 1, 0, 5000);
	in.len += 100;
	n = xenvf_txplan(&in, &p);
	expect_sound(test, &in, &p, n);
	KUNIT_EXPECT_TRUE(test, p.fallback);
}

static struct kunit_case txplan_test_cases[] = {
	KUNIT_CASE(txplan_linear),
	KUNIT_CASE(txplan_tso),
	KUNIT_CASE(txplan_small_frags),
	KUNIT_CASE(txplan_csum_in_head),
	KUNIT_CASE(txplan_fallback),
	{}
};

static struct kunit_suite txplan_test_suite = {
	.name = "xenvf_front_txplan",
	.test_cases = txplan_test_cases,
};

kunit_test_suite(txplan_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit: the xenvf frontend's TX slot plan (copied head, granted frags)");
