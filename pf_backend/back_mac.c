// SPDX-License-Identifier: GPL-2.0-only
/*
 * MAC ownership: no two VFs own one MAC. A VF claims its MAC (SET_MAC,
 * RESET with the admin's MAC, the admin's `mac` key) and its extra unicast
 * MACs (SET_UC_LIST, FCoE VN_Ports); a MAC another VF owns as either is
 * refused (EADDRINUSE to the guest, counted in the VF's ctrl_mac_in_use).
 * The check and the claim happen under one lock, so two VFs asking for one
 * MAC at once cannot both have it. The rule is global, not per VLAN: a MAC
 * one VF owns is refused to every other VF whatever its VLANs (simpler than
 * per broadcast domain and never weaker; a VF's VLANs change under it).
 *
 * A VF owns what it claimed until it claims another MAC, a RESET drops its
 * extra MACs, or it is removed (xenvf_mac_release()), whether connected or
 * not, as a NIC VF keeps the MAC it was given across a guest reboot.
 *
 * Handover: a VF whose claim has its domain's UUID (the `uuid` key the
 * toolstack writes in the dom0-owned backend node, never the guest) takes
 * a MAC from a claim of the same UUID set up before it: the domain's
 * previous instance (the source of a live migration, suspended until xl
 * destroys it; the old domid of a rebooted or restored guest). The older
 * claim loses the MAC (counted in its handed_over; its lost() callback
 * republishes its port, whose frames from the MAC are then spoofed) and
 * cannot take it back: the newest instance wins. Two domains of different
 * UUIDs, or a claim without one, are refused as ever.
 *
 * Lock order: the VF's lock, then xenvf_mac_lock.
 */
#include <linux/etherdevice.h>
#include <linux/mutex.h>

#include "back_ctrl.h"

static LIST_HEAD(xenvf_mac_claims);	/* every listed xenvf_mac_claim */
static DEFINE_MUTEX(xenvf_mac_lock);	/* the list and each claim's MACs */
static u64 xenvf_mac_seq;		/* the last claim's seq (the lock) */

/**
 * xenvf_mac_claim_init() - set up a VF's claim at probe
 * @c: the claim, zeroed, nothing claimed yet
 * @owner: the domain's UUID (from the dom0-written `uuid` key), or NULL
 * @lost: called under back_mac.c's lock when a newer claim of @owner
 *	takes one of @c's MACs (it must only schedule work), or NULL
 */
void xenvf_mac_claim_init(struct xenvf_mac_claim *c, const uuid_t *owner,
			  void (*lost)(struct xenvf_mac_claim *c))
{
	mutex_lock(&xenvf_mac_lock);
	c->has_owner = owner && !uuid_is_null(owner);
	if (c->has_owner)
		uuid_copy(&c->owner, owner);
	c->seq = ++xenvf_mac_seq;
	c->lost = lost;
	mutex_unlock(&xenvf_mac_lock);
}

static bool in_claim(const struct xenvf_mac_claim *c, const u8 *mac)
{
	unsigned int i;

	if (ether_addr_equal(c->mac, mac))
		return true;
	for (i = 0; i < c->uc_count; i++)
		if (ether_addr_equal(c->uc[i], mac))
			return true;
	return false;
}

/* Start or stop being listed as @c now owns something or nothing. */
static void relist(struct xenvf_mac_claim *c)
{
	bool any = !is_zero_ether_addr(c->mac) || c->uc_count;

	if (any && !c->listed)
		list_add(&c->node, &xenvf_mac_claims);
	else if (!any && c->listed)
		list_del(&c->node);
	c->listed = any;
}

/* May @self take a MAC from @c: a newer claim of the same domain UUID? */
static bool takes_over(const struct xenvf_mac_claim *self,
		       const struct xenvf_mac_claim *c)
{
	return self->has_owner && c->has_owner && self->seq > c->seq &&
	       uuid_equal(&self->owner, &c->owner);
}

/*
 * Does a claim other than @self own @mac and keep it from @self (one @self
 * does not take over)? Caller holds xenvf_mac_lock.
 */
static bool owned_by_other(const struct xenvf_mac_claim *self, const u8 *mac)
{
	const struct xenvf_mac_claim *c;

	lockdep_assert_held(&xenvf_mac_lock);
	if (is_zero_ether_addr(mac))
		return false;
	list_for_each_entry(c, &xenvf_mac_claims, node)
		if (c != self && in_claim(c, mac) && !takes_over(self, c))
			return true;
	return false;
}

/* Take @mac from every older claim of @self's UUID that owns it. */
static void take_over(struct xenvf_mac_claim *self, const u8 *mac)
{
	struct xenvf_mac_claim *c, *tmp;
	unsigned int i, n;

	lockdep_assert_held(&xenvf_mac_lock);
	if (is_zero_ether_addr(mac))
		return;
	list_for_each_entry_safe(c, tmp, &xenvf_mac_claims, node) {
		if (c == self || !in_claim(c, mac) || !takes_over(self, c))
			continue;
		if (ether_addr_equal(c->mac, mac))
			eth_zero_addr(c->mac);
		for (i = 0, n = 0; i < c->uc_count; i++)
			if (!ether_addr_equal(c->uc[i], mac))
				ether_addr_copy(c->uc[n++], c->uc[i]);
		c->uc_count = n;
		relist(c);
		atomic64_inc(&c->handed_over);
		if (c->lost)
			c->lost(c);
	}
}

static int refuse(struct xenvf_mac_claim *c)
{
	atomic64_inc(&c->refused);
	return -EADDRINUSE;
}

/**
 * xenvf_mac_claim_mac() - make @mac the VF's MAC in the switch
 * @c: the VF's claim (caller holds the VF's lock)
 * @mac: a unicast MAC, or zero for none; its previous MAC is given up
 *
 * Return: 0 (@mac taken from an older claim of the same UUID if it had it),
 * -EADDRINUSE (counted) if another VF owns @mac, -ENODEV once released.
 */
int xenvf_mac_claim_mac(struct xenvf_mac_claim *c, const u8 *mac)
{
	int err = 0;

	mutex_lock(&xenvf_mac_lock);
	if (c->gone) {
		err = -ENODEV;
	} else if (owned_by_other(c, mac)) {
		err = refuse(c);
	} else {
		take_over(c, mac);
		ether_addr_copy(c->mac, mac);
		relist(c);
	}
	mutex_unlock(&xenvf_mac_lock);
	return err;
}

/**
 * xenvf_mac_claim_uc() - make @uc the VF's extra unicast MACs
 * @c: the VF's claim (caller holds the VF's lock)
 * @uc: the MACs (unicast), replacing the previous list
 * @n: how many, 0..XENVF_UC_MAX
 *
 * All or nothing: if another VF owns any of them, the VF keeps its list.
 *
 * Return: 0, -EADDRINUSE (counted), -EINVAL for too many, -ENODEV once
 * released.
 */
int xenvf_mac_claim_uc(struct xenvf_mac_claim *c,
		       const u8 uc[][XENVF_ETH_ALEN], unsigned int n)
{
	unsigned int i;
	int err = 0;

	if (n > XENVF_UC_MAX)
		return -EINVAL;
	mutex_lock(&xenvf_mac_lock);
	if (c->gone) {
		err = -ENODEV;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (owned_by_other(c, uc[i])) {
			err = refuse(c);
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		take_over(c, uc[i]);
	if (n)
		memcpy(c->uc, uc, sizeof(c->uc[0]) * n);
	c->uc_count = n;
	relist(c);
out:
	mutex_unlock(&xenvf_mac_lock);
	return err;
}

/**
 * xenvf_mac_claimed() - does the VF own @mac?
 * @c: the VF's claim (caller holds the VF's lock)
 * @mac: the MAC
 *
 * Return: true if @mac is the VF's claimed MAC or one of its extra MACs.
 */
bool xenvf_mac_claimed(const struct xenvf_mac_claim *c, const u8 *mac)
{
	return !c->gone && !is_zero_ether_addr(mac) && in_claim(c, mac);
}

/**
 * xenvf_mac_release() - the VF goes: every MAC it owns is free again
 * @c: the VF's claim (caller holds the VF's lock); nothing is claimed with
 *	it afterwards, and xenvf_mac_claimed() is false for every MAC
 */
void xenvf_mac_release(struct xenvf_mac_claim *c)
{
	mutex_lock(&xenvf_mac_lock);
	if (c->listed)
		list_del(&c->node);
	c->listed = false;
	c->gone = true;
	mutex_unlock(&xenvf_mac_lock);
}
