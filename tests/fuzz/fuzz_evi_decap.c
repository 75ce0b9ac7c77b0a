// fuzz-build: -Itests/fuzz/kshim -Ipf_backend -Icommon/proto pf_backend/evi_pkt.c
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for EVI's receive-side check, xenvf_evi_parse()
 * (pf_backend/evi_pkt.c, compiled unchanged over tests/fuzz/kshim): what
 * a remote site, or anyone on the underlay, sends to the local address.
 *
 * Input: byte 0 picks the receiver (bit 0: IPv6 local address, bit 1: a
 * key is demanded, bits 2-7: the minimum TTL), bytes 1-4 the key, the
 * rest is the outer packet from its IP header, in a buffer of exactly
 * its size (ASan sees any read past it). The asserts are the parser's
 * promises to evi_dp.c: what it accepts lies inside the packet, and what
 * it refuses is a known counter. Each accepted inner frame is also sent
 * through the builder and must parse back to the same frame.
 */
#include <assert.h>
#include <stdlib.h>

#include "evi_pkt.h"

static const struct xenvf_evi_addr local4 = { 4, { 192, 0, 2, 2 } };
static const struct xenvf_evi_addr local6 = {
	6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

/* The peer's view: build our outer headers around @inner, parse them. */
static void round_trip(const struct xenvf_evi_rx_params *rp,
		       const struct xenvf_evi_rx_info *got, const u8 *inner)
{
	struct xenvf_evi_tx_params tp = {
		.src = &got->src, .dst = rp->local, .ttl = 255, .dscp = 10,
		.use_key = rp->use_key, .key = rp->key, .id = 7,
	};
	unsigned int olen = xenvf_evi_outer_len(rp->local->family,
						rp->use_key);
	struct xenvf_evi_rx_info info;
	u8 *pkt;

	if (olen + got->inner_len > 0xffff)
		return;		/* no IP packet that long */
	pkt = malloc(olen + got->inner_len);
	assert(pkt);
	memcpy(pkt + olen, inner, got->inner_len);
	assert(xenvf_evi_build_outer(pkt, &tp, pkt + olen, got->inner_len,
				     got->inner_len) == olen);
	assert(xenvf_evi_parse(rp, pkt, olen + got->inner_len, &info) ==
	       XENVF_EVI_S_RX_DECAP);
	assert(info.inner_off == olen && info.inner_len == got->inner_len);
	assert(info.vid == got->vid && info.tagged == got->tagged);
	assert(xenvf_evi_addr_equal(&info.src, &got->src));
	free(pkt);
}

/* xenvf_evi_addr_equal() lives in evi_table.c: the same, for the asserts */
bool xenvf_evi_addr_equal(const struct xenvf_evi_addr *x,
			  const struct xenvf_evi_addr *y)
{
	return x->family == y->family &&
	       !memcmp(x->a, y->a, x->family == 4 ? 4 : 16);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct xenvf_evi_rx_params rp = { 0 };
	struct xenvf_evi_rx_info info;
	unsigned int v, len;
	u8 *pkt;

	if (size < 5 || size > 0x10000 + 5)
		return 0;
	rp.local = data[0] & 1 ? &local6 : &local4;
	rp.use_key = data[0] & 2;
	rp.min_ttl = data[0] >> 2;
	memcpy(&rp.key, data + 1, 4);
	len = size - 5;
	pkt = malloc(len ? len : 1);
	assert(pkt);
	memcpy(pkt, data + 5, len);

	v = xenvf_evi_parse(&rp, pkt, len, &info);
	assert(v < __XENVF_EVI_S_MAX);
	switch (v) {
	case 0:
	case XENVF_EVI_S_RX_SHORT:
	case XENVF_EVI_S_RX_BAD_GRE:
	case XENVF_EVI_S_RX_BAD_PROTO:
	case XENVF_EVI_S_RX_BAD_KEY:
	case XENVF_EVI_S_RX_TTL:
	case XENVF_EVI_S_RX_FRAGMENT:
	case XENVF_EVI_S_RX_CSUM:
	case XENVF_EVI_S_RX_IP_CSUM:
	case XENVF_EVI_S_RX_BAD_TAG:
		break;
	case XENVF_EVI_S_RX_DECAP:
		assert(info.inner_off <= len);
		assert(info.inner_len <= len - info.inner_off);
		assert(info.inner_len >= ETH_HLEN);
		assert(!info.tagged || info.inner_len >= VLAN_ETH_HLEN);
		assert(info.vid < VLAN_N_VID && (info.tagged || !info.vid));
		assert(info.src.family == rp.local->family);
		/* the inner DSCP reader (builder side) stays in the frame too */
		assert(xenvf_evi_inner_dscp(pkt + info.inner_off,
					    info.inner_len) < 64);
		round_trip(&rp, &info, pkt + info.inner_off);
		break;
	default:
		assert(!"an unexpected verdict");
	}
	free(pkt);
	return 0;
}
