// fuzz-build: -Itests/fuzz/kshim -Ipf_backend -Icommon/proto pf_backend/back_fcoe.c
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the FCoE frame parser and FSO segmenter
 * (pf_backend/back_fcoe.c, compiled unchanged over tests/fuzz/kshim): an
 * FCoE frame a guest asks the backend to finish (CRC, EOF, FSO), or one
 * from the network whose CRC is checked for a guest.
 *
 * Input: byte 0 bit 0 says the frame is an FSO sequence, bytes 1-2 the
 * guest's gso_size; the rest is the frame, in a buffer of exactly its
 * size, of which the parser sees the first XENVF_FCOE_HDRS_MAX bytes as
 * back_fcoe_skb.c gives them. The asserts: an accepted frame's layout
 * adds up to its length; every segment of a sequence lies inside it; each
 * frame built from a segment (as back_fcoe_skb.c builds it) parses as a
 * single FCoE frame carrying that segment, with a CRC that checks.
 */
#include <assert.h>
#include <stdlib.h>

#include <scsi/fc/fc_encaps.h>

#include "back_fcoe.h"

static void segment(const u8 *frame, const struct xenvf_fcoe_frame *f,
		    u8 eof, u32 mss, unsigned int i, unsigned int n)
{
	u32 hlen = f->fc_off + XENVF_FC_HDR_LEN, len;
	struct xenvf_fcoe_frame g;
	struct xenvf_fso_seg s;
	u8 *p;

	xenvf_fso_seg(frame, f, eof, mss, i, n, &s);
	assert(s.payload_off >= hlen);
	assert(s.payload_len <= f->len - XENVF_FCOE_TRAILER_LEN - s.payload_off);
	assert(s.payload_len && s.payload_len <= XENVF_FC_PAYLOAD_MAX);
	assert(i + 1 == n ? s.eof == eof : s.eof == FC_EOF_N);
	len = hlen + s.payload_len + XENVF_FCOE_TRAILER_LEN;
	p = malloc(len);
	assert(p);
	memcpy(p, frame, hlen);
	xenvf_fso_write_hdr(p, f, &s);
	memcpy(p + hlen, frame + s.payload_off, s.payload_len);
	xenvf_fcoe_set_trailer(p + hlen + s.payload_len,
			       xenvf_fc_crc(p + f->fc_off,
					    XENVF_FC_HDR_LEN + s.payload_len),
			       s.eof);
	assert(!xenvf_fcoe_parse(p, min_t(u32, len, XENVF_FCOE_HDRS_MAX), len,
				 false, &g));
	assert(g.payload_len == s.payload_len && g.sof == s.sof);
	assert(xenvf_fcoe_crc_ok(p, &g));
	assert(xenvf_fcoe_eof_valid(p[len - 4]));
	free(p);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct xenvf_fcoe_frame f;
	unsigned int i;
	u8 *frame, eof;
	bool gso;
	u32 mss, len;
	int n;

	if (size < 3 || size > 0x10000 + 3)
		return 0;
	gso = data[0] & 1;
	mss = data[1] | data[2] << 8;
	len = size - 3;
	frame = malloc(len ? len : 1);
	assert(frame);
	memcpy(frame, data + 3, len);

	if (xenvf_fcoe_parse(frame, min_t(u32, len, XENVF_FCOE_HDRS_MAX), len,
			     gso, &f))
		goto out;
	assert(f.len == len);
	assert(f.fc_off == f.fcoe_off + XENVF_FCOE_HDR_LEN);
	assert(f.fc_off + XENVF_FC_HDR_LEN + f.payload_len +
	       XENVF_FCOE_TRAILER_LEN == len);
	assert(f.payload_len % 4 == 0);
	assert(gso || f.payload_len <= XENVF_FC_PAYLOAD_MAX);
	(void)xenvf_fcoe_crc_ok(frame, &f);
	eof = frame[len - 4];
	if (!gso || !xenvf_fcoe_eof_valid(eof))
		goto out;
	n = xenvf_fso_nsegs(&f, eof, mss);
	assert(n == -EINVAL || (n >= 1 && n <= XENVF_FSO_MAX_SEGS));
	for (i = 0; n > 0 && i < (unsigned int)n; i++)
		segment(frame, &f, eof, mss, i, n);
out:
	free(frame);
	return 0;
}
