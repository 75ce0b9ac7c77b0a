// SPDX-License-Identifier: GPL-2.0-only
/* Forwarding decisions of the embedded switch; see back_fwd.h. */
#include <linux/etherdevice.h>

#include "back_fcoe.h"
#include "back_fwd.h"

static bool in_list(const u8 (*list)[ETH_ALEN], unsigned int n, const u8 *addr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ether_addr_equal(list[i], addr))
			return true;
	return false;
}

/* The sender's MAC, or (FCoE and FIP only) one of its extra unicast MACs. */
static bool source_ok(const struct xenvf_port_filter *f, const u8 *src,
		      __be16 proto)
{
	if (!f->spoofchk || ether_addr_equal(src, f->mac))
		return true;
	return xenvf_fcoe_is_fcoe_type(proto) &&
	       in_list(f->uc, f->uc_count, src);
}

/**
 * xenvf_fwd_is_tpid() - is @type the TPID of a VLAN tag?
 * @type: an ethertype
 *
 * Return: true for 802.1Q, 802.1ad and the pre-standard QinQ TPIDs.
 */
bool xenvf_fwd_is_tpid(__be16 type)
{
	switch (type) {
	case htons(ETH_P_8021Q):
	case htons(ETH_P_8021AD):
	case htons(ETH_P_QINQ1):
	case htons(ETH_P_QINQ2):
	case htons(ETH_P_QINQ3):
		return true;
	default:
		return false;
	}
}

/**
 * xenvf_fwd_parse_tags() - the tag stack of a frame
 * @hdr: the frame's first @len bytes (its Ethernet header and on)
 * @len: how many; a frame whose tags do not fit is marked bad
 * @hw_tag: a tag was carried out of band (descriptor, uplink's driver)
 * @hw_tpid: its TPID
 * @hw_tci: its TCI
 * @t: filled in
 */
void xenvf_fwd_parse_tags(const u8 *hdr, unsigned int len, bool hw_tag,
			  __be16 hw_tpid, u16 hw_tci, struct xenvf_fwd_tags *t)
{
	unsigned int off = ETH_HLEN - 2;	/* the ethertype after the MACs */
	__be16 type;

	memset(t, 0, sizeof(*t));
	if (hw_tag) {
		t->tag[0].tpid = hw_tpid;
		t->tag[0].tci = hw_tci;
		t->n = 1;
	}
	for (;;) {
		if (off + 2 > len) {
			t->bad = true;
			return;
		}
		memcpy(&type, hdr + off, 2);
		if (!xenvf_fwd_is_tpid(type))
			break;
		if (t->n == XENVF_FWD_MAX_TAGS || off + VLAN_HLEN + 2 > len) {
			t->bad = true;
			return;
		}
		t->tag[t->n].tpid = type;
		t->tag[t->n].tci = hdr[off + 2] << 8 | hdr[off + 3];
		t->n++;
		off += VLAN_HLEN;
	}
	t->proto = type;
}

/* Every tag of a VF's frame allowed to its port (no port VLAN)? */
static enum xenvf_fwd_verdict tags_allowed(const struct xenvf_port_filter *f,
					   const struct xenvf_fwd_tags *t)
{
	unsigned int i;
	u16 id;

	if (t->bad)
		return XENVF_FWD_DROP_STACK;
	for (i = 0; i < t->n; i++) {
		if (t->tag[i].tpid != htons(ETH_P_8021Q))
			return XENVF_FWD_DROP_STACK;	/* no VF has S-VLANs */
		id = t->tag[i].tci & VLAN_VID_MASK;
		if (!id && t->n > 1)
			return XENVF_FWD_DROP_STACK;	/* priority tag + tag */
		if (id && !test_bit(id, f->vlans))
			return XENVF_FWD_DROP_VLAN;
	}
	return XENVF_FWD_PASS;
}

/**
 * xenvf_fwd_ingress() - may a VF send this frame, and in which VLAN?
 * @f: the sending port's filter
 * @eth: the frame's Ethernet header (its source MAC)
 * @tags: every tag the frame carries (xenvf_fwd_parse_tags())
 * @vid: set to the frame's VLAN in the switch when PASS is returned
 *
 * Spoofing is checked before anything else, so a spoofed broadcast is
 * dropped too. FCoE and FIP frames may also come from the VF's extra
 * unicast MACs (its VN_Port MACs); nothing else may. A port with a port
 * VLAN may not tag at all, not even a priority tag (the admin's VLAN
 * rules). One without may tag only with 802.1Q tags of VLANs it added, and
 * every tag of the stack must be one: an 802.1ad or QinQ tag, a priority
 * tag (VID 0) above or below another tag, a stack deeper than
 * XENVF_FWD_MAX_TAGS or cut short is refused, so no tag the switch does not
 * look at can put the frame into a VLAN further on (an 802.1Q bridge reads
 * the VLAN of a priority-tagged frame from the next tag). The frame's VLAN
 * is its outermost tag's; a single priority tag is the untagged LAN.
 *
 * Return: the verdict.
 */
enum xenvf_fwd_verdict xenvf_fwd_ingress(const struct xenvf_port_filter *f,
					 const struct ethhdr *eth,
					 const struct xenvf_fwd_tags *tags,
					 u16 *vid)
{
	enum xenvf_fwd_verdict v;

	if (!is_valid_ether_addr(eth->h_source) ||
	    !source_ok(f, eth->h_source, tags->proto))
		return XENVF_FWD_DROP_SPOOF;
	if (f->port_vlan) {
		if (tags->n || tags->bad)
			return XENVF_FWD_DROP_VLAN;
		*vid = f->port_vlan;
		return XENVF_FWD_PASS;
	}
	v = tags_allowed(f, tags);
	if (v != XENVF_FWD_PASS)
		return v;
	*vid = tags->n ? tags->tag[0].tci & VLAN_VID_MASK : 0;
	return XENVF_FWD_PASS;
}

/**
 * xenvf_fwd_uplink_vid() - the VLAN of a frame from the uplink
 * @tags: its tags (the outer one is out of band after the core's untag)
 * @vid: set to its VLAN when true is returned
 *
 * VFs are in 802.1Q VLANs only: a frame whose outer tag is 802.1ad (or
 * QinQ) is in no VF's VLAN, and neither is a priority-tagged frame with a
 * further tag below (a VF's stack would take it into the inner VLAN), or a
 * stack too deep to look at.
 *
 * Return: true if the frame may go to the VFs of VLAN *@vid.
 */
bool xenvf_fwd_uplink_vid(const struct xenvf_fwd_tags *tags, u16 *vid)
{
	if (tags->bad)
		return false;
	if (!tags->n) {
		*vid = 0;
		return true;
	}
	if (tags->tag[0].tpid != htons(ETH_P_8021Q))
		return false;
	*vid = tags->tag[0].tci & VLAN_VID_MASK;
	return *vid || tags->n == 1;
}

/**
 * xenvf_fwd_uplink_max() - the longest frame the uplink takes
 * @mtu: the uplink's MTU
 * @inner_tag: an in-band tag stays in the frame (allowed its 4 bytes, as
 *	the outer tag, carried out of band, is)
 *
 * Return: the most bytes from the Ethernet header on, the out-of-band tag
 * not counted (of a GSO frame: of each segment).
 */
unsigned int xenvf_fwd_uplink_max(unsigned int mtu, bool inner_tag)
{
	return mtu + ETH_HLEN + (inner_tag ? VLAN_HLEN : 0);
}

/**
 * xenvf_fwd_egress() - does a port take a frame of VLAN @vid?
 * @f: the port's filter
 * @eth: the frame's header
 * @vid: the frame's VLAN in the switch (0: untagged)
 *
 * A port is a member of its port VLAN only, or else of the untagged LAN
 * and the VLANs it added. Within them it takes frames to its MAC or one of
 * its extra unicast MACs, broadcast, multicast per its mode and list, and
 * everything if promisc.
 *
 * Return: how the port takes the frame.
 */
enum xenvf_fwd_egress xenvf_fwd_egress(const struct xenvf_port_filter *f,
				       const struct ethhdr *eth, u16 vid)
{
	const u8 *dst = eth->h_dest;

	if (f->port_vlan ? vid != f->port_vlan :
	    vid && (vid >= VLAN_N_VID || !test_bit(vid, f->vlans)))
		return XENVF_EGRESS_NONE;
	if (!is_multicast_ether_addr(dst)) {
		if (ether_addr_equal(dst, f->mac) ||
		    in_list(f->uc, f->uc_count, dst))
			return XENVF_EGRESS_OWNER;
		return f->xcast == XENVF_XCAST_PROMISC ? XENVF_EGRESS_COPY :
							 XENVF_EGRESS_NONE;
	}
	if (is_broadcast_ether_addr(dst) || f->xcast >= XENVF_XCAST_ALLMULTI ||
	    (f->xcast == XENVF_XCAST_MULTI && in_list(f->mc, f->mc_count, dst)))
		return XENVF_EGRESS_COPY;
	return XENVF_EGRESS_FILTERED;
}

/**
 * xenvf_fwd_egress_tci() - the tag a port receives a frame of VLAN @vid with
 * @f: the port's filter
 * @vid: the frame's VLAN in the switch
 *
 * Return: 0 (untagged: no VLAN, or the port VLAN is stripped) or the TCI.
 */
u16 xenvf_fwd_egress_tci(const struct xenvf_port_filter *f, u16 vid)
{
	return f->port_vlan ? 0 : vid;
}

/**
 * xenvf_fwd_owns() - is @mac one of the port's MACs?
 * @f: the port's filter
 * @mac: a source MAC (of a frame from the uplink: a reflection of that
 *	port's own frame if true)
 *
 * Its MAC or one of its extra unicast MACs, in any VLAN (a MAC is one
 * VF's only, back_mac.c). An invalid MAC (zero, multicast) is nobody's,
 * also not a port's that owns no MAC yet.
 *
 * Return: true if the port owns @mac.
 */
bool xenvf_fwd_owns(const struct xenvf_port_filter *f, const u8 *mac)
{
	if (!is_valid_ether_addr(mac))
		return false;
	return ether_addr_equal(mac, f->mac) || in_list(f->uc, f->uc_count, mac);
}

/**
 * xenvf_fwd_between() - may a frame of one VF reach another VF?
 * @mode: the switch mode (enum xenvf_switch_mode)
 * @src: the filter of the VF the frame is from: its sender, or for a
 *	frame from the uplink the VF that owns its source MAC (the adjacent
 *	bridge reflected it: hairpin)
 * @dst: the filter of the VF that would take it (owner, flood, promisc)
 *
 * As Linux's macvlan modes: in VEB and VEPA frames go from VF to VF (in
 * VEPA only by reflection); in private mode never, reflected or not,
 * broadcast and multicast included. An isolated VF (admin key
 * `isolated`) is in private mode towards every other VF whatever the
 * mode: it neither sends to nor receives from one. Frames between a VF
 * and the uplink are not looked at here: they always pass.
 *
 * Return: XENVF_FWD_PASS, XENVF_FWD_DROP_PRIVATE or XENVF_FWD_DROP_ISOLATED.
 */
enum xenvf_fwd_verdict xenvf_fwd_between(int mode,
					 const struct xenvf_port_filter *src,
					 const struct xenvf_port_filter *dst)
{
	if (mode == XENVF_MODE_PRIVATE)
		return XENVF_FWD_DROP_PRIVATE;
	if (src->isolated || dst->isolated)
		return XENVF_FWD_DROP_ISOLATED;
	return XENVF_FWD_PASS;
}
