/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control server's state and PF policy for one VF: what the admin set,
 * what the VF negotiated. xenvf_back_ctrl_handle() does no I/O and takes no
 * lock but back_mac.c's (MACs are owned across VFs), so the policy is
 * tested exhaustively in KUnit; its caller holds the VF's lock.
 */
#ifndef XENVF_BACK_CTRL_H
#define XENVF_BACK_CTRL_H

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/uuid.h>

#include "xenvf_msg.h"

/*
 * The MACs a VF owns (back_mac.c): its MAC and its extra unicast MACs. No
 * two VFs own one MAC; the switch sees only the MACs a VF owns. Changed
 * under the VF's lock and back_mac.c's lock (in that order), so it may be
 * read under either. A claim with the domain's UUID (the backend's `uuid`
 * key, xenvf_mac_claim_init()) takes a MAC from an older claim of the same
 * UUID (the domain's previous instance: migration source, rebooted domid).
 */
struct xenvf_mac_claim {
	struct list_head node;	/* in back_mac.c's list while listed */
	bool listed;		/* in the list */
	bool gone;		/* released for good: claims nothing again */
	bool has_owner;		/* @owner is set: the domain's UUID */
	uuid_t owner;
	u64 seq;		/* xenvf_mac_claim_init() order: newer is larger */
	/* called under back_mac.c's lock when a MAC is taken from it */
	void (*lost)(struct xenvf_mac_claim *c);
	u8 mac[XENVF_ETH_ALEN];	/* zero: none */
	u16 uc_count;
	u8 uc[XENVF_UC_MAX][XENVF_ETH_ALEN];
	atomic64_t refused;	/* claims refused: owned by another VF */
	atomic64_t handed_over;	/* MACs taken by a newer claim of its UUID */
};

struct xenvf_vf_cfg {
	/* set by the admin (xenstore keys, `xenvf set`) */
	u8 admin_mac[XENVF_ETH_ALEN];
	bool admin_mac_set;
	bool trusted;
	bool spoofchk;		/* source MAC checked (default on) */
	bool isolated;		/* no frame to or from another VF */
	u16 port_vlan;		/* 0: none */
	u8 qos;			/* port VLAN priority 0..7 */
	s16 hw_vf;		/* VF of the uplink PF served (-1: none) */
	u32 max_rate;		/* TX limit in Mb/s (0: none), hardware mode */
	u16 mtu_max;
	u8 queues;		/* 1..XENVF_MAX_QUEUES */
	u32 fcoe_offer;		/* XENVF_FCOE_* the PF grants if asked */
	u8 fcoe_priority;	/* 0..7 */
	u8 rss_key[XENVF_RSS_KEY_SIZE];	/* the VF's own, random (GET_RSS_KEY) */
	struct xenvf_ctrl_link link;
	u8 link_admin;		/* enum xenvf_link_admin */

	/* negotiated with the VF */
	u32 api;		/* 0 until API_NEGOTIATE succeeded */
	bool reset_done;	/* RESET answered since API_NEGOTIATE */
	u8 mac[XENVF_ETH_ALEN];
	u16 mtu;
	u8 xcast;
	u16 mc_count;
	u8 mc[XENVF_MC_MAX][XENVF_ETH_ALEN];
	u16 uc_count;		/* extra unicast MACs (SET_UC_LIST) */
	u8 uc[XENVF_UC_MAX][XENVF_ETH_ALEN];
	u16 nr_vlans;
	unsigned long vlans[BITS_TO_LONGS(XENVF_VLAN_MAX + 1)];
	u32 fcoe_granted;
	struct xenvf_vf_stats stats;

	struct xenvf_mac_claim own;	/* what of mac and uc it owns */
};

/*
 * A hardware VF (hw_vf >= 0) has one VLAN of the guest's: the PF programs
 * it with ndo_set_vf_vlan, the only per-VF VLAN operation Linux has (see
 * back_hw.c and docs/design.md).
 */
#define XENVF_HW_VLANS_MAX	1

/* Admin link-state key */
enum xenvf_link_admin {
	XENVF_LINK_AUTO,	/* follows the uplink */
	XENVF_LINK_ENABLE,	/* always up */
	XENVF_LINK_DISABLE,	/* always down */
};

void xenvf_back_ctrl_init(struct xenvf_vf_cfg *cfg);
void xenvf_back_ctrl_undo_mac(struct xenvf_vf_cfg *cfg, const u8 *mac);
void xenvf_back_ctrl_rss_key_new(struct xenvf_vf_cfg *cfg);
bool xenvf_ctrl_op_changes_port(u8 op);
int xenvf_back_ctrl_handle(struct xenvf_vf_cfg *cfg,
			   const struct xenvf_ctrl_msg *req,
			   struct xenvf_ctrl_msg *rsp);

/* back_mac.c */
void xenvf_mac_claim_init(struct xenvf_mac_claim *c, const uuid_t *owner,
			  void (*lost)(struct xenvf_mac_claim *c));
int xenvf_mac_claim_mac(struct xenvf_mac_claim *c, const u8 *mac);
int xenvf_mac_claim_uc(struct xenvf_mac_claim *c,
		       const u8 uc[][XENVF_ETH_ALEN], unsigned int n);
bool xenvf_mac_claimed(const struct xenvf_mac_claim *c, const u8 *mac);
void xenvf_mac_release(struct xenvf_mac_claim *c);

#endif /* XENVF_BACK_CTRL_H */
