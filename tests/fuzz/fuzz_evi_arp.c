// fuzz-build: -Itests/fuzz/kshim -Ipf_backend -Icommon/proto pf_backend/evi_arp.c
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for ARP suppression's parser (pf_backend/evi_arp.c,
 * compiled unchanged over tests/fuzz/kshim): a VF's frame that may be an
 * ARP request to answer, and a decapsulated frame from a peer whose ARP
 * sender may be learned.
 *
 * Input: bytes 0-5 the MAC that owns the asked-for address, the rest the
 * frame, in a buffer of exactly its size. The asserts: a request that is
 * answered has a target address and a unicast asker; the reply built for
 * it is an ARP reply to the asker from the owner, for the asked-for
 * address, that the learning side reads back as that address, and that
 * is no request itself.
 */
#include <assert.h>
#include <stdlib.h>

#include <linux/etherdevice.h>
#include <linux/if_arp.h>

#include "evi_pkt.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 out[XENVF_EVI_ARP_LEN], owner[ETH_ALEN], *frame;
	__be32 tip = 0, t2;
	unsigned int len;

	if (size < ETH_ALEN || size > 0x10000)
		return 0;
	memcpy(owner, data, ETH_ALEN);
	len = size - ETH_ALEN;
	frame = malloc(len ? len : 1);
	assert(frame);
	memcpy(frame, data + ETH_ALEN, len);

	(void)xenvf_evi_arp_sender(frame, len);
	if (xenvf_evi_arp_request(frame, len, &tip)) {
		assert(len >= XENVF_EVI_ARP_LEN && tip);
		assert(is_valid_ether_addr(frame + ETH_HLEN + 8));
		xenvf_evi_arp_reply(out, frame, owner);
		assert(!memcmp(out, frame + ETH_HLEN + 8, ETH_ALEN));
		assert(!memcmp(out + ETH_ALEN, owner, ETH_ALEN));
		assert(out[12] == 0x08 && out[13] == 0x06);
		assert(out[ETH_HLEN + 6] == 0 && out[ETH_HLEN + 7] == ARPOP_REPLY);
		assert(!xenvf_evi_arp_request(out, sizeof(out), &t2));
		assert(xenvf_evi_arp_sender(out, sizeof(out)) == tip);
	}
	free(frame);
	return 0;
}
