// SPDX-License-Identifier: GPL-2.0-only
/* FCoE frame checks, FC CRC/EOF and FSO segmentation; see back_fcoe.h. */
#include <linux/crc32.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <scsi/fc/fc_encaps.h>
#include <scsi/fc/fc_fcoe.h>
#include <scsi/fc/fc_fip.h>
#include <scsi/fc/fc_fs.h>

#include "back_fcoe.h"

/* F_CTL bits only the last frame of a sequence carries. */
#define FSO_LAST_ONLY	(FC_FC_LAST_SEQ | FC_FC_END_SEQ | FC_FC_END_CONN | \
			 FC_FC_SEQ_INIT | FC_FC_FILL(3))

/* Offsets inside the FC header. */
#define FC_F_CTL	9
#define FC_SEQ_CNT	14
#define FC_PARAM	20

/* Byte-wise field access: frames have no alignment. */
static u32 get_be(const u8 *p, unsigned int n)
{
	u32 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

static void put_be(u8 *p, unsigned int n, u32 v)
{
	while (n--) {
		p[n] = v;
		v >>= 8;
	}
}

static bool sof_valid(u8 sof)
{
	switch (sof) {
	case FC_SOF_F:
	case FC_SOF_I4:
	case FC_SOF_I2:
	case FC_SOF_I3:
	case FC_SOF_N4:
	case FC_SOF_N2:
	case FC_SOF_N3:
	case FC_SOF_C4:
		return true;
	default:
		return false;
	}
}

/**
 * xenvf_fcoe_eof_valid() - is @eof an EOF code of RFC 3643?
 * @eof: the trailer's EOF byte
 *
 * Return: true for EOFn, EOFt, EOFrt, EOFdt, EOFni, EOFdti, EOFrti, EOFa.
 */
bool xenvf_fcoe_eof_valid(u8 eof)
{
	switch (eof) {
	case FC_EOF_N:
	case FC_EOF_T:
	case FC_EOF_RT:
	case FC_EOF_DT:
	case FC_EOF_NI:
	case FC_EOF_DTI:
	case FC_EOF_RTI:
	case FC_EOF_A:
		return true;
	default:
		return false;
	}
}

/**
 * xenvf_fcoe_parse() - find and check the headers of an FCoE frame
 * @hdr: the frame's first bytes
 * @hdr_len: how many of them @hdr holds
 * @len: the frame's whole length
 * @gso: the frame is a sequence to segment (FSO): it may exceed the FCoE MTU
 * @f: filled on success
 *
 * The frame must be FCoE (0x8906) directly or below one 802.1Q tag, of
 * version 0, with a valid SOF, a whole FC header, a trailer and a payload
 * that is a multiple of 4 bytes; without @gso, at most XENVF_FC_PAYLOAD_MAX
 * bytes of payload.
 *
 * Return: 0, or -EINVAL (not FCoE or malformed).
 */
int xenvf_fcoe_parse(const u8 *hdr, u32 hdr_len, u32 len, bool gso,
		     struct xenvf_fcoe_frame *f)
{
	u32 off = ETH_HLEN;
	u32 proto;

	if (hdr_len < ETH_HLEN || hdr_len > len)
		return -EINVAL;
	proto = get_be(hdr + 12, 2);
	if (proto == ETH_P_8021Q) {
		if (hdr_len < ETH_HLEN + VLAN_HLEN)
			return -EINVAL;
		proto = get_be(hdr + 16, 2);
		off += VLAN_HLEN;
	}
	if (proto != ETH_P_FCOE ||
	    hdr_len < off + XENVF_FCOE_HDR_LEN + XENVF_FC_HDR_LEN ||
	    len < off + XENVF_FCOE_HDR_LEN + XENVF_FC_HDR_LEN +
		  XENVF_FCOE_TRAILER_LEN)
		return -EINVAL;
	f->len = len;
	f->fcoe_off = off;
	f->fc_off = off + XENVF_FCOE_HDR_LEN;
	f->payload_len = len - f->fc_off - XENVF_FC_HDR_LEN -
			 XENVF_FCOE_TRAILER_LEN;
	f->sof = hdr[off + XENVF_FCOE_HDR_LEN - 1];
	if ((hdr[off] >> 4) != FC_FCOE_VER || !sof_valid(f->sof) ||
	    f->payload_len % 4 ||
	    (!gso && f->payload_len > XENVF_FC_PAYLOAD_MAX))
		return -EINVAL;
	return 0;
}

/**
 * xenvf_fc_crc() - the FC CRC of FC header and payload, as stored
 * @p: the FC header
 * @len: FC header and payload bytes
 *
 * Return: the value whose little-endian bytes go into the trailer.
 */
u32 xenvf_fc_crc(const u8 *p, u32 len)
{
	return ~crc32_le(~0, p, len);
}

/**
 * xenvf_fcoe_set_trailer() - write CRC and EOF into an 8-byte trailer
 * @trailer: where (reserved bytes are zeroed)
 * @crc: xenvf_fc_crc() of the frame
 * @eof: the EOF code
 */
void xenvf_fcoe_set_trailer(u8 *trailer, u32 crc, u8 eof)
{
	trailer[0] = crc;
	trailer[1] = crc >> 8;
	trailer[2] = crc >> 16;
	trailer[3] = crc >> 24;
	trailer[4] = eof;
	trailer[5] = 0;
	trailer[6] = 0;
	trailer[7] = 0;
}

/**
 * xenvf_fcoe_crc_ok() - does a whole linear frame carry its right CRC?
 * @frame: the frame
 * @f: its layout (xenvf_fcoe_parse())
 *
 * Return: true if the trailer's CRC matches.
 */
bool xenvf_fcoe_crc_ok(const u8 *frame, const struct xenvf_fcoe_frame *f)
{
	u32 n = XENVF_FC_HDR_LEN + f->payload_len;
	const u8 *t = frame + f->fc_off + n;
	u32 crc = t[0] | t[1] << 8 | t[2] << 16 | (u32)t[3] << 24;

	return crc == xenvf_fc_crc(frame + f->fc_off, n);
}

static bool fso_sof_ok(u8 sof)
{
	return sof == FC_SOF_I2 || sof == FC_SOF_I3 || sof == FC_SOF_N2 ||
	       sof == FC_SOF_N3;
}

static bool fso_eof_ok(u8 eof)
{
	return eof == FC_EOF_N || eof == FC_EOF_T || eof == FC_EOF_NI ||
	       eof == FC_EOF_A;
}

/**
 * xenvf_fso_nsegs() - how many frames an FCoE sequence becomes
 * @f: the sequence's frame (parsed with @gso)
 * @eof: its trailer's EOF
 * @mss: FC payload per frame (the guest's gso_size)
 *
 * As an 82599 does (ixgbe_fso()): class 2 or 3 SOF, EOF n, t, ni or a; the
 * payload of every frame but the last is @mss, a multiple of 4 of at most
 * XENVF_FC_PAYLOAD_MAX bytes.
 *
 * Return: 1..XENVF_FSO_MAX_SEGS, or -EINVAL.
 */
int xenvf_fso_nsegs(const struct xenvf_fcoe_frame *f, u8 eof, u32 mss)
{
	u32 n;

	if (!fso_sof_ok(f->sof) || !fso_eof_ok(eof) || !mss || mss % 4 ||
	    mss > XENVF_FC_PAYLOAD_MAX || !f->payload_len)
		return -EINVAL;
	n = DIV_ROUND_UP(f->payload_len, mss);
	return n <= XENVF_FSO_MAX_SEGS ? n : -EINVAL;
}

/**
 * xenvf_fso_seg() - frame @i of an FCoE sequence
 * @hdr: the sequence's headers (up to the end of its FC header)
 * @f: its layout
 * @eof: its EOF
 * @mss: payload per frame
 * @i: which frame, below @nsegs
 * @nsegs: xenvf_fso_nsegs()
 * @s: filled: payload slice, SOF (SOFi only on the first frame, SOFn
 *     after), EOF (the sequence's on the last frame, EOFn before),
 *     SEQ_CNT (one more per frame), parameter (the relative offset grows
 *     by the payload sent when F_CTL says it is one), F_CTL (end of
 *     sequence, sequence initiative, last sequence, end of connection and
 *     fill bytes only on the last frame)
 */
void xenvf_fso_seg(const u8 *hdr, const struct xenvf_fcoe_frame *f, u8 eof,
		   u32 mss, unsigned int i, unsigned int nsegs,
		   struct xenvf_fso_seg *s)
{
	const u8 *fc = hdr + f->fc_off;
	bool last = i + 1 == nsegs;

	s->payload_off = f->fc_off + XENVF_FC_HDR_LEN + i * mss;
	s->payload_len = last ? f->payload_len - i * mss : mss;
	s->sof = f->sof;
	if (i && f->sof == FC_SOF_I2)
		s->sof = FC_SOF_N2;
	else if (i && f->sof == FC_SOF_I3)
		s->sof = FC_SOF_N3;
	s->eof = last ? eof : FC_EOF_N;
	s->f_ctl = get_be(fc + FC_F_CTL, 3);
	if (!last)
		s->f_ctl &= ~FSO_LAST_ONLY;
	s->seq_cnt = get_be(fc + FC_SEQ_CNT, 2) + i;
	s->param = get_be(fc + FC_PARAM, 4);
	if (s->f_ctl & FC_FC_REL_OFF)
		s->param += i * mss;
}

/**
 * xenvf_fso_write_hdr() - put a segment's fields into a copy of the headers
 * @hdr: the copy (Ethernet to the end of the FC header)
 * @f: the layout
 * @s: the segment (xenvf_fso_seg())
 */
void xenvf_fso_write_hdr(u8 *hdr, const struct xenvf_fcoe_frame *f,
			 const struct xenvf_fso_seg *s)
{
	u8 *fc = hdr + f->fc_off;

	hdr[f->fc_off - 1] = s->sof;
	put_be(fc + FC_F_CTL, 3, s->f_ctl);
	put_be(fc + FC_SEQ_CNT, 2, s->seq_cnt);
	put_be(fc + FC_PARAM, 4, s->param);
}

/**
 * xenvf_fcoe_uplink_tci() - the tag a frame leaves the uplink with
 * @vid: its VLAN in the switch (0: untagged)
 * @qos: the port VLAN priority of its VF
 * @proto: its EtherType
 * @fcoe_prio: the FCoE priority (0..7)
 *
 * FCoE and FIP frames carry the FCoE priority, in a priority tag (VID 0)
 * when they have no VLAN, as a DCB-enabled adapter sends them; other
 * frames carry @qos when they have a VLAN.
 *
 * Return: the TCI, or 0 to send the frame untagged.
 */
u16 xenvf_fcoe_uplink_tci(u16 vid, u8 qos, __be16 proto, u8 fcoe_prio)
{
	if (xenvf_fcoe_is_fcoe_type(proto))
		return vid | (fcoe_prio & 7) << VLAN_PRIO_SHIFT;
	return vid ? vid | (qos & 7) << VLAN_PRIO_SHIFT : 0;
}
