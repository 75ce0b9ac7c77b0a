// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARP suppression (pure): recognise a VF's ARP request, read the sender of
 * a decapsulated ARP frame (to learn remote IPv4/MAC pairs), and build the
 * reply an edge device gives for a remote host it knows. Frames are
 * untagged Ethernet (the switch carries VLANs out of band).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/string.h>

#include "evi_pkt.h"

#define ARP_OFF		ETH_HLEN
#define ARP_SHA		(ARP_OFF + 8)
#define ARP_SPA		(ARP_SHA + ETH_ALEN)
#define ARP_THA		(ARP_SPA + 4)
#define ARP_TPA		(ARP_THA + ETH_ALEN)

/* Ethernet/IPv4 ARP of @op? */
static bool is_arp(const u8 *f, unsigned int len, u16 op)
{
	static const u8 hdr[8] = { 0x00, 0x01, 0x08, 0x00, 6, 4 };

	return len >= XENVF_EVI_ARP_LEN && f[12] == 0x08 && f[13] == 0x06 &&
	       !memcmp(f + ARP_OFF, hdr, 6) && f[ARP_OFF + 6] == op >> 8 &&
	       f[ARP_OFF + 7] == (op & 0xff);
}

/**
 * xenvf_evi_arp_request() - is @frame an ARP request (not a gratuitous
 * one), and for which address?
 * @frame: an untagged Ethernet frame
 * @len: its length
 * @tip: set to the target IPv4 address
 */
bool xenvf_evi_arp_request(const u8 *frame, unsigned int len, __be32 *tip)
{
	if (!is_arp(frame, len, ARPOP_REQUEST) ||
	    !memcmp(frame + ARP_SPA, frame + ARP_TPA, 4) ||
	    !is_valid_ether_addr(frame + ARP_SHA))
		return false;
	memcpy(tip, frame + ARP_TPA, 4);
	return *tip != 0;
}

/**
 * xenvf_evi_arp_sender() - the IPv4 address an ARP frame speaks for
 * @frame: an untagged Ethernet frame
 * @len: its length
 *
 * Return: the sender protocol address of an ARP request or reply whose
 * sender hardware address is the frame's source, else 0.
 */
__be32 xenvf_evi_arp_sender(const u8 *frame, unsigned int len)
{
	__be32 ip;

	if ((!is_arp(frame, len, ARPOP_REQUEST) &&
	     !is_arp(frame, len, ARPOP_REPLY)) ||
	    !ether_addr_equal(frame + ARP_SHA, frame + ETH_ALEN))
		return 0;
	memcpy(&ip, frame + ARP_SPA, 4);
	return ip;
}

/**
 * xenvf_evi_arp_reply() - the reply to an ARP request, as the host would
 * @out: XENVF_EVI_ARP_LEN bytes
 * @request: a frame for which xenvf_evi_arp_request() is true
 * @mac: the MAC owning the requested address
 */
void xenvf_evi_arp_reply(u8 *out, const u8 *request, const u8 *mac)
{
	memcpy(out, request + ARP_SHA, ETH_ALEN);	/* to the asker */
	memcpy(out + ETH_ALEN, mac, ETH_ALEN);
	out[12] = 0x08;
	out[13] = 0x06;
	memcpy(out + ARP_OFF, request + ARP_OFF, 6);	/* Ethernet, IPv4 */
	out[ARP_OFF + 6] = 0;
	out[ARP_OFF + 7] = ARPOP_REPLY;
	memcpy(out + ARP_SHA, mac, ETH_ALEN);
	memcpy(out + ARP_SPA, request + ARP_TPA, 4);
	memcpy(out + ARP_THA, request + ARP_SHA, ETH_ALEN);
	memcpy(out + ARP_TPA, request + ARP_SPA, 4);
}
