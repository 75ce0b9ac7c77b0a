/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EVI state of the PF backend: the configuration (an RCU-published
 * snapshot), the extended VLANs, the peers (remote edge devices) and the
 * remote MAC table, with the counters of common/proto/xenvf_evi.h.
 *
 * Nothing here sends or receives: evi_table.c is tables and locking only,
 * so KUnit drives it with its own struct xenvf_evi. Writers (netlink, the
 * aging work, learning in the uplink's softirq) take @lock with BHs off;
 * the data path reads the peer list, the MAC hash and the configuration
 * under rcu_read_lock() and the VLAN bitmap with test_bit().
 */
#ifndef XENVF_EVI_TABLE_H
#define XENVF_EVI_TABLE_H

#include <linux/atomic.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "xenvf_evi.h"

#define XENVF_EVI_MAC_HASH_BITS	10	/* 1024 buckets for 4096 MACs */

/* An outer address: family 0 (none), 4 (IPv4: a[0..3]) or 6 (IPv6). */
struct xenvf_evi_addr {
	u8 family;
	u8 a[16];
};

/* Global settings (XENVF_EVI_CMD_SET), replaced whole under RCU. */
struct xenvf_evi_cfg {
	bool enabled;
	struct xenvf_evi_addr local;
	u32 key;
	bool use_key;
	u8 ttl;
	u8 dscp;		/* 0..63 or XENVF_EVI_DSCP_INHERIT */
	u8 min_rx_ttl;
	bool flood_unknown;
	bool arp_suppress;
	u32 aging;		/* seconds */
	struct rcu_head rcu;
};

/*
 * A peer. Deleting it marks it dead and unlinks every MAC behind it under
 * @lock, then frees it after a grace period: a reader that found it under
 * RCU may still count on it, but nothing can link a MAC to it any more
 * (learning checks @dead under @lock).
 */
struct xenvf_evi_peer {
	struct list_head list;		/* in xenvf_evi.peers (RCU) */
	struct xenvf_evi_addr addr;
	bool dead;			/* deleted (under @lock) */
	unsigned int nr_learned;	/* learned MACs behind it (@lock) */
	atomic64_t stats[__XENVF_EVI_PS_MAX];	/* XENVF_EVI_PS_* */
	struct rcu_head rcu;
};

/*
 * A remote MAC of one extended VLAN. @ipv4 is fixed for the entry's life
 * once it is in the address hash: a new address replaces the entry by a
 * copy, so a reader of either hash never changes chains under its feet.
 */
struct xenvf_evi_mac {
	struct hlist_node node;		/* in xenvf_evi.macs (RCU) */
	struct hlist_node ip_node;	/* in xenvf_evi.ips while @ipv4 owns it */
	u8 mac[ETH_ALEN];
	u16 vid;
	u8 type;			/* XENVF_EVI_MAC_STATIC or _LEARNED */
	struct xenvf_evi_peer *peer;	/* READ_ONCE: a move rewrites it */
	__be32 ipv4;			/* 0: unknown (READ_ONCE) */
	unsigned long seen;		/* jiffies of the last frame (READ_ONCE) */
	struct rcu_head rcu;
};

/*
 * Is @mac a local VF's MAC in VLAN @vid? (evi_main.c asks the switch;
 * KUnit its own list.) Called under rcu_read_lock(), from softirq.
 */
typedef bool (*xenvf_evi_is_local_fn)(const u8 *mac, u16 vid);

struct xenvf_evi {
	spinlock_t lock;		/* writers of everything below (BH) */
	struct xenvf_evi_cfg __rcu *cfg;
	struct list_head peers;
	unsigned int nr_peers;
	unsigned long vlans[BITS_TO_LONGS(VLAN_N_VID)];
	unsigned int nr_vlans;
	struct hlist_head macs[1 << XENVF_EVI_MAC_HASH_BITS];
	/* (vid, ipv4) -> the one entry answering ARP for it */
	struct hlist_head ips[1 << XENVF_EVI_MAC_HASH_BITS];
	u32 seed;			/* of both hashes: random per instance */
	unsigned int nr_macs;
	xenvf_evi_is_local_fn is_local;	/* NULL: no local MACs */
	atomic64_t stats[__XENVF_EVI_S_MAX];	/* XENVF_EVI_S_* */
};

/* What learning a source MAC did (XENVF_EVI_S_* to count, or 0). */
enum xenvf_evi_learn {
	XENVF_EVI_LEARN_NONE,		/* refreshed, or a static entry */
	XENVF_EVI_LEARN_NEW = XENVF_EVI_S_LEARNED,
	XENVF_EVI_LEARN_MOVED = XENVF_EVI_S_MOVED,
	XENVF_EVI_LEARN_FULL = XENVF_EVI_S_TABLE_FULL,
	XENVF_EVI_LEARN_NOMEM = XENVF_EVI_S_NO_MEM,
	XENVF_EVI_LEARN_LOCAL = XENVF_EVI_S_LEARN_LOCAL_REFUSED,
	XENVF_EVI_LEARN_PEER_FULL = XENVF_EVI_S_LEARN_PEER_FULL,
};

void xenvf_evi_count(struct xenvf_evi *e, unsigned int stat);
void xenvf_evi_add(struct xenvf_evi *e, unsigned int stat, u64 n);
void xenvf_evi_peer_count(struct xenvf_evi_peer *p, unsigned int pkts_stat,
			  unsigned int len);

int xenvf_evi_init(struct xenvf_evi *e);
void xenvf_evi_destroy(struct xenvf_evi *e);
void xenvf_evi_cfg_defaults(struct xenvf_evi_cfg *c);
int xenvf_evi_set_cfg(struct xenvf_evi *e, const struct xenvf_evi_cfg *c);
const struct xenvf_evi_cfg *xenvf_evi_cfg_get(struct xenvf_evi *e);
unsigned int xenvf_evi_overhead(const struct xenvf_evi_cfg *c);

bool xenvf_evi_addr_equal(const struct xenvf_evi_addr *x,
			  const struct xenvf_evi_addr *y);
bool xenvf_evi_addr_valid(const struct xenvf_evi_addr *x);
int xenvf_evi_peer_add(struct xenvf_evi *e, const struct xenvf_evi_addr *a);
int xenvf_evi_peer_del(struct xenvf_evi *e, const struct xenvf_evi_addr *a);
struct xenvf_evi_peer *xenvf_evi_peer_find(struct xenvf_evi *e,
					   const struct xenvf_evi_addr *a);
bool xenvf_evi_peers_family(struct xenvf_evi *e, u8 family);

int xenvf_evi_vlan_add(struct xenvf_evi *e, u16 vid);
int xenvf_evi_vlan_del(struct xenvf_evi *e, u16 vid);
bool xenvf_evi_vlan_extended(const struct xenvf_evi *e, u16 vid);

int xenvf_evi_mac_add(struct xenvf_evi *e, u16 vid, const u8 *mac,
		      const struct xenvf_evi_addr *peer, __be32 ipv4,
		      unsigned long now);
int xenvf_evi_mac_del(struct xenvf_evi *e, u16 vid, const u8 *mac);
struct xenvf_evi_mac *xenvf_evi_mac_find(struct xenvf_evi *e, u16 vid,
					 const u8 *mac);
struct xenvf_evi_mac *xenvf_evi_ip_find(struct xenvf_evi *e, u16 vid,
					__be32 ipv4);
enum xenvf_evi_learn xenvf_evi_learn(struct xenvf_evi *e, u16 vid,
				     const u8 *mac, struct xenvf_evi_peer *p,
				     __be32 ipv4, unsigned long now);
unsigned int xenvf_evi_age(struct xenvf_evi *e, unsigned long now);
unsigned int xenvf_evi_flush(struct xenvf_evi *e);

#endif /* XENVF_EVI_TABLE_H */
