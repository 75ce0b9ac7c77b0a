// SPDX-License-Identifier: GPL-2.0-only
/*
 * The embedded switch. Ports are the connected VFs and, when one is set,
 * the uplink netdev. Decisions come from back_fwd.c; this file applies
 * them:
 *
 * - VEB: a frame from a VF goes to the VF owning its destination MAC in its
 *   VLAN, or else out of the uplink; broadcast and multicast go to every
 *   other VF that takes them, and out of the uplink.
 * - VEPA: every frame from a VF goes out of the uplink; the adjacent bridge
 *   decides, and only what it sends back (hairpin) reaches VFs.
 * - private: every frame from a VF goes out of the uplink, and none reaches
 *   another VF: a unicast frame to another VF's MAC is dropped here, and a
 *   frame from the uplink whose source MAC is a VF's (a reflection) is
 *   given to no VF.
 * - From the uplink: to the VF owning the destination MAC, or to every VF
 *   that takes a broadcast/multicast, except the VF that sent it (a
 *   reflected frame is not returned to its source).
 * - An isolated VF (admin key `isolated`) is in private mode towards every
 *   other VF in any mode; it still talks with the uplink.
 * What private mode and isolation keep from a VF is counted on the VF the
 * frame is from (drop_private, drop_isolated), once per frame.
 *
 * How each kind of port (VF, representor, EVI, uplink) then sends the
 * frame is its egress (back_egress.c): the frame leaves by it and does
 * not come back here.
 *
 * Ports are added when a VF's data queue connects and removed (with an RCU
 * grace period) before it disconnects; forwarding runs under RCU, and each
 * port's filter is an RCU-published snapshot of its configuration.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "back_egress.h"
#include "back_fcoe.h"
#include "back_fwd.h"
#include "xenvf_back.h"

static LIST_HEAD(xenvf_ports);
static DEFINE_SPINLOCK(xenvf_ports_lock);	/* writers of xenvf_ports */

const char *const xenvf_sw_counter_names[XENVF_SW_NR] = {
	[XENVF_SW_SPOOF]	= "drop_spoofed_source",
	[XENVF_SW_VLAN]		= "drop_vlan_not_allowed",
	[XENVF_SW_VLAN_STACK]	= "drop_vlan_stacked_tag",
	[XENVF_SW_NO_DEST]	= "drop_no_destination",
	[XENVF_SW_NO_UPLINK]	= "drop_vepa_no_uplink",
	[XENVF_SW_UPLINK_ERR]	= "drop_uplink_refused",
	[XENVF_SW_UPLINK_MTU]	= "drop_uplink_too_big",
	[XENVF_SW_NO_MEM]	= "drop_no_memory",
	[XENVF_SW_MC_FILTERED]	= "rx_multicast_filtered",
	[XENVF_SW_TO_UPLINK]	= "tx_to_uplink",
	[XENVF_SW_FROM_UPLINK]	= "rx_from_uplink",
	[XENVF_SW_TO_VF]	= "tx_to_vf",
	[XENVF_SW_PRIVATE]	= "drop_private",
	[XENVF_SW_ISOLATED]	= "drop_isolated",
	[XENVF_SW_UPLINK_ABSENT] = "drop_uplink_absent",
};

static void sw_count(struct xenvf_back_vf *vf, enum xenvf_sw_counter c)
{
	atomic64_inc(&vf->sw[c]);
}

/* Count a frame kept from other VFs (xenvf_fwd_between()) on its VF. */
static void count_kept(struct xenvf_back_vf *vf, enum xenvf_fwd_verdict v)
{
	if (v == XENVF_FWD_DROP_PRIVATE)
		sw_count(vf, XENVF_SW_PRIVATE);
	else if (v == XENVF_FWD_DROP_ISOLATED)
		sw_count(vf, XENVF_SW_ISOLATED);
}

/*
 * Publish @f (NULL: none) as the VF's filter. Readers (the VF's own TX
 * work, other VFs' forwarding, EVI replies) hold rcu_read_lock() and may
 * still use the old one: it is freed only after a grace period.
 */
static void filter_publish(struct xenvf_back_vf *vf, struct xenvf_port_filter *f)
{
	struct xenvf_port_filter *old;

	old = rcu_replace_pointer(vf->filter, f, lockdep_is_held(&vf->lock));
	if (old)
		kfree_rcu(old, rcu);
}

/**
 * xenvf_back_switch_update() - publish the VF's current configuration
 * @vf: the VF (caller holds vf->lock)
 *
 * Return: 0 or -ENOMEM (the previous filter stays in force).
 */
int xenvf_back_switch_update(struct xenvf_back_vf *vf)
{
	const struct xenvf_vf_cfg *cfg = &vf->cfg;
	struct xenvf_port_filter *f;
	unsigned int i;

	lockdep_assert_held(&vf->lock);
	if (!vf->port_active)
		return 0;	/* published again when it connects */
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	/* only MACs the VF owns (back_mac.c): never another VF's */
	if (xenvf_mac_claimed(&cfg->own, cfg->mac))
		ether_addr_copy(f->mac, cfg->mac);
	f->spoofchk = cfg->spoofchk;
	f->isolated = cfg->isolated;
	f->port_vlan = cfg->port_vlan;
	f->qos = cfg->qos;
	f->xcast = cfg->xcast;
	f->mc_count = cfg->mc_count;
	memcpy(f->mc, cfg->mc, sizeof(f->mc[0]) * cfg->mc_count);
	for (i = 0; i < cfg->uc_count; i++)
		if (xenvf_mac_claimed(&cfg->own, cfg->uc[i]))
			ether_addr_copy(f->uc[f->uc_count++], cfg->uc[i]);
	bitmap_copy(f->vlans, cfg->vlans, VLAN_N_VID);
	filter_publish(vf, f);
	return 0;
}

/**
 * xenvf_back_switch_add() - attach a connected VF to the switch
 * @vf: the VF; its filter is published first
 *
 * Return: 0 or -ENOMEM.
 */
int xenvf_back_switch_add(struct xenvf_back_vf *vf)
{
	int err;

	mutex_lock(&vf->lock);
	vf->port_active = true;
	err = xenvf_back_switch_update(vf);
	if (err)
		vf->port_active = false;
	mutex_unlock(&vf->lock);
	if (err)
		return err;
	spin_lock(&xenvf_ports_lock);
	list_add_rcu(&vf->port, &xenvf_ports);
	spin_unlock(&xenvf_ports_lock);
	return 0;
}

/**
 * xenvf_back_switch_del() - detach a VF; no frame reaches it afterwards
 * @vf: the VF
 */
void xenvf_back_switch_del(struct xenvf_back_vf *vf)
{
	mutex_lock(&vf->lock);
	if (!vf->port_active) {
		mutex_unlock(&vf->lock);
		return;
	}
	vf->port_active = false;
	filter_publish(vf, NULL);	/* the VF's TX poll may still read it */
	mutex_unlock(&vf->lock);
	spin_lock(&xenvf_ports_lock);
	list_del_rcu(&vf->port);
	spin_unlock(&xenvf_ports_lock);
	synchronize_rcu();
}

/* Hand a frame to a VF: its port's egress (back_egress.c). */
static void to_vf(struct xenvf_back_vf *dst, const struct xenvf_port_filter *f,
		  struct sk_buff *skb, u16 vid)
{
	struct xenvf_egress e = { .dst = dst, .dst_f = f, .vid = vid };

	xenvf_egress(XENVF_PORT_VF, &e, skb);
}

/* What to_ports() did with a frame. */
enum offer {
	OFFER_OWNED,		/* a VF owned it: delivered (consumed) */
	OFFER_KEPT,		/* a VF owns it, the rules keep it from it */
	OFFER_NOT_OWNED,	/* no VF owns it: still to be sent on */
};

/* The port owning @mac, a frame's source (the VF it is from), or NULL. */
static struct xenvf_back_vf *port_of(const u8 *mac,
				     const struct xenvf_port_filter **fp)
{
	const struct xenvf_port_filter *f;
	struct xenvf_back_vf *vf;

	list_for_each_entry_rcu(vf, &xenvf_ports, port) {
		f = rcu_dereference(vf->filter);
		if (f && xenvf_fwd_owns(f, mac)) {
			*fp = f;
			return vf;
		}
	}
	return NULL;
}

/*
 * Offer a frame to every port but the one it is from: @src, a VF's frame
 * with its filter @src_f, or NULL for a frame from the uplink (or EVI),
 * whose source MAC then says if it is a VF's reflected. The owner of a
 * unicast frame gets it; copies go to ports taking floods or promiscuous;
 * neither where xenvf_fwd_between() keeps the frame from the port (the
 * frame's VF counts that, once). Return: what was done; the frame is
 * consumed only when OFFER_OWNED.
 */
static enum offer to_ports(struct xenvf_back_vf *src,
			   const struct xenvf_port_filter *src_f,
			   struct sk_buff *skb, u16 vid, int mode)
{
	const struct ethhdr *eth = eth_hdr(skb);
	bool mc = is_multicast_ether_addr(eth->h_dest), from_uplink = !src;
	struct xenvf_back_vf *dst, *owner = NULL;
	const struct xenvf_port_filter *f, *owner_f = NULL;
	enum xenvf_fwd_verdict kept = XENVF_FWD_PASS, v;
	enum xenvf_fwd_egress e;
	bool owner_kept = false;
	struct sk_buff *copy;

	if (from_uplink)
		src = port_of(eth->h_source, &src_f);	/* hairpin */
	list_for_each_entry_rcu(dst, &xenvf_ports, port) {
		if (dst == src)
			continue;	/* not its own frame, reflected or not */
		f = rcu_dereference(dst->filter);
		if (!f)
			continue;
		e = xenvf_fwd_egress(f, eth, vid);
		if (src && (e == XENVF_EGRESS_OWNER || e == XENVF_EGRESS_COPY)) {
			v = xenvf_fwd_between(mode, src_f, f);
			if (v != XENVF_FWD_PASS) {
				kept = v;
				owner_kept |= e == XENVF_EGRESS_OWNER;
				continue;
			}
		}
		switch (e) {
		case XENVF_EGRESS_OWNER:
			owner = dst;
			owner_f = f;
			continue;
		case XENVF_EGRESS_COPY:
			break;
		case XENVF_EGRESS_FILTERED:
			sw_count(dst, XENVF_SW_MC_FILTERED);
			continue;
		default:
			continue;
		}
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			sw_count(dst, XENVF_SW_NO_MEM);
			continue;
		}
		to_vf(dst, f, copy, vid);
		if (from_uplink)
			sw_count(dst, XENVF_SW_FROM_UPLINK);
	}
	if (kept != XENVF_FWD_PASS)
		count_kept(src, kept);
	if (owner && !mc) {
		to_vf(owner, owner_f, skb, vid);
		if (from_uplink)
			sw_count(owner, XENVF_SW_FROM_UPLINK);
		return OFFER_OWNED;
	}
	return owner_kept && !mc ? OFFER_KEPT : OFFER_NOT_OWNED;
}

/*
 * VEPA and private: is a unicast frame from @src to a MAC another VF owns
 * in @vid kept from that VF (private mode, isolation)? It is dropped then,
 * and counted: it could only come back as a reflection, dropped too.
 */
static bool unicast_kept(struct xenvf_back_vf *src,
			 const struct xenvf_port_filter *src_f,
			 const struct ethhdr *eth, u16 vid, int mode)
{
	const struct xenvf_port_filter *f;
	struct xenvf_back_vf *dst;
	enum xenvf_fwd_verdict v;

	if (is_multicast_ether_addr(eth->h_dest))
		return false;	/* to the uplink only: no copy for a VF */
	list_for_each_entry_rcu(dst, &xenvf_ports, port) {
		if (dst == src)
			continue;
		f = rcu_dereference(dst->filter);
		if (!f || xenvf_fwd_egress(f, eth, vid) != XENVF_EGRESS_OWNER)
			continue;
		v = xenvf_fwd_between(mode, src_f, f);
		if (v == XENVF_FWD_PASS)
			return false;
		count_kept(src, v);
		return true;
	}
	return false;
}

/* The tag stack of a frame: its out-of-band tag, then the in-band ones. */
static void skb_tags(const struct sk_buff *skb, struct xenvf_fwd_tags *t)
{
	u8 buf[ETH_HLEN + XENVF_FWD_MAX_TAGS * VLAN_HLEN];
	unsigned int len = min_t(unsigned int, skb->len, sizeof(buf));
	const u8 *hdr = skb_header_pointer(skb, 0, len, buf);

	xenvf_fwd_parse_tags(hdr, hdr ? len : 0, skb_vlan_tag_present(skb),
			     skb->vlan_proto, skb_vlan_tag_get(skb), t);
}

/**
 * xenvf_back_switch() - forward a frame a VF sent
 * @src: the sending VF
 * @skb: the frame, data at its Ethernet header (consumed)
 *
 * Every tag of the frame is checked (xenvf_fwd_ingress()); its outer tag is
 * then taken out of band, and the switch forwards it in that tag's VLAN.
 */
void xenvf_back_switch(struct xenvf_back_vf *src, struct sk_buff *skb)
{
	const struct xenvf_port_filter *f;
	struct xenvf_fwd_tags tags;
	struct xenvf_egress out;
	u16 vid = 0;
	int mode;
	u8 qos;

	skb_reset_mac_header(skb);
	skb_tags(skb, &tags);
	skb->protocol = eth_hdr(skb)->h_proto;
	if (eth_type_vlan(skb->protocol)) {
		/* an in-band tag: move it out, as a NIC's VLAN offload does */
		skb_pull(skb, ETH_HLEN);
		skb = skb_vlan_untag(skb);
		if (!skb) {
			sw_count(src, XENVF_SW_NO_MEM);
			return;
		}
		skb_push(skb, ETH_HLEN);
		skb_reset_mac_header(skb);
	}
	skb_set_network_header(skb, ETH_HLEN);
	xenvf_back_rep_tap(src, skb);	/* what it sent, before any check */

	rcu_read_lock();
	f = rcu_dereference(src->filter);
	if (!f)
		goto drop;
	switch (xenvf_fwd_ingress(f, eth_hdr(skb), &tags, &vid)) {
	case XENVF_FWD_DROP_SPOOF:
		sw_count(src, XENVF_SW_SPOOF);
		goto drop;
	case XENVF_FWD_DROP_VLAN:
		sw_count(src, XENVF_SW_VLAN);
		goto drop;
	case XENVF_FWD_DROP_STACK:
		sw_count(src, XENVF_SW_VLAN_STACK);
		goto drop;
	default:
		break;
	}
	qos = f->qos;
	__vlan_hwaccel_clear_tag(skb);
	mode = READ_ONCE(xenvf_mode);
	if (mode == XENVF_MODE_VEB) {
		switch (to_ports(src, f, skb, vid, mode)) {
		case OFFER_OWNED:
			sw_count(src, XENVF_SW_TO_VF);
			rcu_read_unlock();
			return;
		case OFFER_KEPT:
			goto drop;	/* counted */
		default:
			break;
		}
	} else if (unicast_kept(src, f, eth_hdr(skb), vid, mode)) {
		goto drop;
	}
	out = (struct xenvf_egress){ .src = src, .vid = vid, .qos = qos };
	xenvf_egress_out(&out, skb);	/* EVI's (extended VLANs) or the uplink's */
	rcu_read_unlock();
	return;
drop:
	rcu_read_unlock();
	kfree_skb(skb);
}

/**
 * xenvf_back_switch_direct() - may a frame a VF sends go straight to one VF?
 * @src: the sending VF
 * @hdr: the private copy of the frame's first @len bytes
 * @len: at least the Ethernet header
 * @tagged: the guest asked for the out-of-band 802.1Q tag @tci
 * @tci: that tag
 * @d: where the frame goes: the VF and the tag its port gets
 *
 * The decision xenvf_back_switch() takes, on the same private copy, for
 * the one case in which dom0 has nothing to do but copy: VEB, a unicast
 * frame with no in-band tag, neither FCoE nor FIP, passing the sender's
 * ingress checks, owned by exactly one other VF that neither it nor the
 * sender is isolated from, and copied to no other port (promiscuous) nor
 * filtered by one, and neither end's representor tapped (back_rep_tap.c).
 * Nothing is counted here: a frame
 * refused takes the skb path, which decides again on its own copy and
 * counts. Caller holds rcu_read_lock() until it has delivered to @d->vf.
 *
 * Return: true if @d is set.
 */
bool xenvf_back_switch_direct(struct xenvf_back_vf *src, const u8 *hdr,
			      unsigned int len, bool tagged, u16 tci,
			      struct xenvf_direct_dst *d)
{
	const struct ethhdr *eth = (const struct ethhdr *)hdr;
	const struct xenvf_port_filter *f, *src_f, *owner_f = NULL;
	struct xenvf_back_vf *dst, *owner = NULL;
	struct xenvf_fwd_tags tags;
	u16 vid = 0;

	if (len < ETH_HLEN || READ_ONCE(xenvf_mode) != XENVF_MODE_VEB ||
	    is_multicast_ether_addr(eth->h_dest) ||
	    eth_type_vlan(eth->h_proto) ||
	    xenvf_fcoe_is_fcoe_type(eth->h_proto) ||
	    xenvf_back_rep_tapped(src))	/* a tap gets the skb path's clone */
		return false;
	xenvf_fwd_parse_tags(hdr, len, tagged, htons(ETH_P_8021Q), tci, &tags);
	src_f = rcu_dereference(src->filter);
	if (!src_f ||
	    xenvf_fwd_ingress(src_f, eth, &tags, &vid) != XENVF_FWD_PASS)
		return false;
	list_for_each_entry_rcu(dst, &xenvf_ports, port) {
		if (dst == src)
			continue;
		f = rcu_dereference(dst->filter);
		if (!f)
			continue;
		switch (xenvf_fwd_egress(f, eth, vid)) {
		case XENVF_EGRESS_NONE:
			continue;
		case XENVF_EGRESS_OWNER:
			if (owner)
				return false;
			owner = dst;
			owner_f = f;
			continue;
		default:	/* a copy, or filtered (counted there) */
			return false;
		}
	}
	/* kept from it (isolation): the skb path drops and counts */
	if (!owner || xenvf_fwd_between(XENVF_MODE_VEB, src_f, owner_f) !=
		      XENVF_FWD_PASS || xenvf_back_rep_tapped(owner))
		return false;
	d->vf = owner;
	d->tci = xenvf_fwd_egress_tci(owner_f, vid);
	return true;
}

/**
 * xenvf_back_switch_from_uplink() - deliver a frame the uplink received
 * @skb: the frame, data at its Ethernet header
 *
 * A frame in no 802.1Q VLAN of the switch (an 802.1ad outer tag, a priority
 * tag above another tag: xenvf_fwd_uplink_vid()) is offered to no VF; it
 * is the uplink's own stack's, as is any frame no VF owns.
 *
 * A frame whose source MAC is a VF's is that VF's, reflected by the
 * adjacent bridge (hairpin): it is given to no VF private mode or
 * isolation keeps it from. A unicast one kept from its owner is dropped.
 *
 * Return: true if a VF owned it (consumed, or dropped); false if the
 * uplink's own stack should have it (unicast to no VF, frames of no VF's
 * VLAN, and every broadcast/multicast, of which VFs got copies).
 */
bool xenvf_back_switch_from_uplink(struct sk_buff *skb)
{
	struct xenvf_fwd_tags tags;
	enum offer o;
	u16 vid;

	skb_reset_mac_header(skb);
	skb_tags(skb, &tags);
	if (!xenvf_fwd_uplink_vid(&tags, &vid))
		return false;
	rcu_read_lock();
	o = to_ports(NULL, NULL, skb, vid, READ_ONCE(xenvf_mode));
	rcu_read_unlock();
	if (o == OFFER_KEPT)
		kfree_skb(skb);	/* a VF's, kept from it: counted */
	return o != OFFER_NOT_OWNED;
}

/**
 * xenvf_back_switch_from_evi() - deliver a decapsulated frame to the VFs
 * @skb: the frame, untagged, data at its Ethernet header
 * @vid: its VLAN
 *
 * Like a frame from the uplink, but what no VF owns is never sent on (to
 * the uplink or another peer). Caller holds rcu_read_lock().
 *
 * Return: true if a VF owned it (consumed); false if the caller still
 * owns @skb (broadcast/multicast, of which VFs got copies, or no owner).
 */
bool xenvf_back_switch_from_evi(struct sk_buff *skb, u16 vid)
{
	enum offer o = to_ports(NULL, NULL, skb, vid, READ_ONCE(xenvf_mode));

	if (o == OFFER_KEPT)
		kfree_skb(skb);	/* a local VF's MAC as source: counted */
	return o != OFFER_NOT_OWNED;
}

/**
 * xenvf_back_switch_is_local() - does a connected VF own @mac in @vid?
 * @mac: a unicast MAC
 * @vid: a VLAN (0: untagged)
 *
 * Its MAC or one of its extra unicast MACs (FCoE VN_Ports), in a VLAN it
 * is a member of: what EVI never learns as remote. Caller holds
 * rcu_read_lock(); one look at each port's filter.
 */
bool xenvf_back_switch_is_local(const u8 *mac, u16 vid)
{
	const struct xenvf_port_filter *f;
	struct xenvf_back_vf *vf;
	struct ethhdr eth = {};

	ether_addr_copy(eth.h_dest, mac);
	list_for_each_entry_rcu(vf, &xenvf_ports, port) {
		f = rcu_dereference(vf->filter);
		if (f && xenvf_fwd_egress(f, &eth, vid) == XENVF_EGRESS_OWNER)
			return true;
	}
	return false;
}

/**
 * xenvf_back_switch_walk_local() - call @w->fn for each VF MAC and VLAN
 * @w: its fn is called with (w, MAC, VID) under rcu_read_lock(); a
 *	non-zero return stops the walk and is returned
 *
 * A VF with a port VLAN is in that VLAN only; one without is in the
 * untagged LAN (VID 0) and each VLAN it added.
 *
 * Return: 0 or the non-zero return of @w->fn.
 */
int xenvf_back_switch_walk_local(struct xenvf_local_walk *w)
{
	const struct xenvf_port_filter *f;
	struct xenvf_back_vf *vf;
	unsigned int vid;
	int err = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(vf, &xenvf_ports, port) {
		f = rcu_dereference(vf->filter);
		if (!f)
			continue;
		if (f->port_vlan) {
			err = w->fn(w, f->mac, f->port_vlan);
		} else {
			err = w->fn(w, f->mac, 0);
			for_each_set_bit(vid, f->vlans, VLAN_N_VID) {
				if (err)
					break;
				err = w->fn(w, f->mac, vid);
			}
		}
		if (err)
			break;
	}
	rcu_read_unlock();
	return err;
}
