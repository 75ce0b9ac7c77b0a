/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-back: the dom0 side of xenvf. One xenvf_back_vf per virtual function
 * bound through xenbus (backend/xenvf/<domid>/<vf>).
 */
#ifndef XENVF_BACK_H
#define XENVF_BACK_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "xenvf_msix.h"
#include "xenvf_ring.h"
#include "back_ctrl.h"
#include "back_credit.h"
#include "back_fwd.h"
#include "back_limits.h"
#include "back_offload.h"
#include "rate_spec.h"

/* Requests handled per control-ring poll before yielding. */
#define XENVF_BACK_CTRL_BUDGET	64
/* Data queues offered by default (module parameter max_queues). */
#define XENVF_BACK_DEFAULT_QUEUES	4
/*
 * The vector pool (back_vec.c) of hardware VFs (hw-vf=; a paravirtual VF takes
 * none): the PF keeps 16 of XENVF_MSIX_MAX_VECTORS.
 */
#define XENVF_BACK_VEC_PF	16
#define XENVF_BACK_VEC_LENDABLE	(XENVF_MSIX_MAX_VECTORS - XENVF_BACK_VEC_PF)
/* Grant references and event channels of one connect (all distinct). */
#define XENVF_CONNECT_REFS_MAX		(2 + 2 * XENVF_MAX_QUEUES)
#define XENVF_CONNECT_EVTCHNS_MAX	(1 + XENVF_MAX_QUEUES)
/* Page pieces of one frame copied to a guest, and the copies they take. */
#define XENVF_BACK_RX_SEGS	160
#define XENVF_BACK_COPY_OPS	(XENVF_BACK_RX_SEGS + XENVF_MAX_SLOTS)
#define XENVF_DIRECT_HDR	XENVF_TX_HDR_COPY	/* VF to VF: the header decided on */
/*
 * The grant copies of one poll, gathered into one batch (one hypercall
 * a poll and direction, issue 14 item 4): a TX packet spans at most
 * XENVF_MAX_SLOTS guest slots and XENVF_MAX_SLOTS + 2 dom0 pieces, so its
 * plan takes at most 2 * XENVF_MAX_SLOTS + 1 copies, and a whole TX
 * budget (TX_BUDGET, back_data.h) fits. An RX poll that sends more (the
 * segments of a GSO frame the guest cannot take as it is) issues the
 * batch when it is full and goes on.
 */
#define XENVF_BACK_BATCH_PKTS	64
#define XENVF_BACK_TX_PKT_OPS	(2 * XENVF_MAX_SLOTS + 1)
#define XENVF_BACK_BATCH_OPS	(XENVF_BACK_BATCH_PKTS * XENVF_BACK_TX_PKT_OPS)

struct xenvf_back_vf;
struct xenvf_back_pool;
struct page_pool;
struct xenvf_back_data_ops;
struct xenvf_port_filter;
struct net_device;

/* Per-VF switch counters; names in xenvf_sw_counter_names. */
enum xenvf_sw_counter {
	XENVF_SW_SPOOF,		/* source MAC not the VF's */
	XENVF_SW_VLAN,		/* tag not allowed on the port */
	XENVF_SW_VLAN_STACK,	/* 802.1ad/QinQ tag, priority tag + tag */
	XENVF_SW_NO_DEST,	/* unicast to no VF and no uplink */
	XENVF_SW_NO_UPLINK,	/* VEPA without an uplink */
	XENVF_SW_UPLINK_ERR,	/* the uplink refused the frame */
	XENVF_SW_UPLINK_MTU,	/* larger than the uplink's MTU */
	XENVF_SW_NO_MEM,	/* no memory to copy/retag a frame */
	XENVF_SW_MC_FILTERED,	/* multicast this VF did not ask for */
	XENVF_SW_TO_UPLINK,	/* sent by the VF out of the uplink */
	XENVF_SW_FROM_UPLINK,	/* received by the VF from the uplink */
	XENVF_SW_TO_VF,		/* sent by the VF to another VF */
	XENVF_SW_PRIVATE,	/* kept from other VFs by private mode */
	XENVF_SW_ISOLATED,	/* kept from/to other VFs by isolation */
	XENVF_SW_UPLINK_ABSENT,	/* for the configured uplink, while it is absent */
	XENVF_SW_NR
};

extern const char *const xenvf_sw_counter_names[XENVF_SW_NR];

/* Per-VF FCoE counters; names in xenvf_fcoe_counter_names. */
enum xenvf_fcoe_counter {
	XENVF_FC_TX_FCOE,	/* FCoE frames the VF sent */
	XENVF_FC_TX_FIP,	/* FIP frames the VF sent */
	XENVF_FC_TX_CRC,	/* with FC CRC offload */
	XENVF_FC_TX_FSO,	/* sequences with FSO */
	XENVF_FC_SW_FRAMES,	/* frames finished here (CRC, EOF, FSO) */
	XENVF_FC_HW,		/* offloads left to the uplink's hardware */
	XENVF_FC_RX_FCOE,	/* FCoE frames delivered to the VF */
	XENVF_FC_RX_CRC_OK,	/* delivered with their CRC checked good */
	XENVF_FC_RX_CRC_ERR,	/* delivered with a bad CRC (the VF drops them) */
	XENVF_FC_DROP_BAD,	/* offload request of a malformed frame */
	XENVF_FC_DROP_NOMEM,	/* no memory to finish the offload */
	XENVF_FC_NR
};

extern const char *const xenvf_fcoe_counter_names[XENVF_FC_NR];

/* Per-VF pool-map counters (back_pool.c); names in xenvf_pool_counter_names. */
enum xenvf_pool_counter {
	XENVF_PL_QUEUES,	/* queues connected with their pools mapped */
	XENVF_PL_REFUSED,	/* no or a bad pool list: grant copy */
	XENVF_PL_MAP_FAILED,	/* a map operation failed: grant copy */
	XENVF_PL_BUDGET,	/* over XENVF_POOL_MAX_PER_VF: grant copy */
	XENVF_PL_NOMEM,		/* no memory or pages to map into */
	XENVF_PL_UNMAP_FAILED,	/* pages kept out of use: unmap failed */
	XENVF_PL_NR
};

extern const char *const xenvf_pool_counter_names[XENVF_PL_NR];
extern bool xenvf_back_pool_map;	/* module parameter pool_map */
extern unsigned int xenvf_fcoe_offer;	/* XENVF_FCOE_* the PF grants */
extern unsigned int xenvf_fcoe_prio;	/* 802.1p of FCoE/FIP, 0..7 */
extern int xenvf_mode;				/* enum xenvf_switch_mode */
extern struct net_device __rcu *xenvf_uplink;	/* NULL: none */
extern bool xenvf_uplink_waiting;	/* configured but absent (READ_ONCE) */

/*
 * Counters of one queue, written only by its NAPI poll (one writer), read
 * with the u64_stats retry loop.
 */
struct xenvf_back_qstats {
	struct u64_stats_sync syncp;
	u64_stats_t tx_packets, tx_bytes, rx_packets, rx_bytes;
	u64_stats_t rx_multicast;	/* group-addressed frames copied */
	u64_stats_t drops[XENVF_DROP_NR_REASONS];	/* malformed TX, by reason */
	u64_stats_t tx_copy_errors, rx_copy_errors;	/* grant copy failed */
	u64_stats_t tx_nomem;		/* no memory for the skb */
	u64_stats_t tx_gso, tx_csum;	/* TSO and checksum offload requests */
	u64_stats_t rx_gso, rx_csum;	/* sent with GSO / partial checksum */
	u64_stats_t rx_segmented;	/* GSO frames segmented for the guest */
	u64_stats_t rx_offload_errors;	/* segmenting or checksumming failed */
	u64_stats_t rx_too_big;		/* the guest cannot take the frame */
	u64_stats_t rx_expired;		/* waited past rx_drain_timeout */
	u64_stats_t rx_stalls;		/* times the queue stalled */
	u64_stats_t tx_pool_packets;	/* moved by memcpy alone (mapped pool) */
	u64_stats_t rx_pool_packets;
	u64_stats_t tx_pool_miss;	/* head pieces of a mapped queue grant-copied */
	u64_stats_t tx_granted;		/* pieces of frags granted per packet */
	u64_stats_t rx_pool_miss;
	u64_stats_t tx_grant_calls;	/* grant copy batches (hypercalls) */
	u64_stats_t rx_grant_calls;
	u64_stats_t tx_vf_direct;	/* sent into another VF's pool, one copy */
	u64_stats_t tx_rate_limited;	/* packets that waited for TX credit */
};

/*
 * A packet of the poll's batch, answered when the batch is issued (TX:
 * then checked and switched; RX: then its responses written).
 */
struct xenvf_back_batch_pkt {
	struct sk_buff *skb;		/* NULL: nothing left to copy or send */
	struct xenvf_pkt_info info;	/* TX: the private copy of its request */
	u32 op0;			/* its grant copies: ops[op0, op0 + nops) */
	u16 nops;
	u16 nslots;			/* ring slots to answer */
	s16 status;			/* XENVF_TX_ERROR: answered as failed */
	bool direct;			/* TX: VF to VF, scratch->dpkt[] of its index */
	u16 id[XENVF_MAX_SLOTS];	/* their request ids */
};

/*
 * A TX packet of the batch going VF to VF (back_direct.c): the receiver's
 * posted requests it took and the responses to write there once the
 * batch's grant copies (of frags the sender granted per packet) are done.
 */
struct xenvf_back_direct_pkt {
	struct xenvf_back_queue *to;	/* the receiver's queue (RCU: the poll's) */
	struct xenvf_rx_meta m;
	u16 tci;
	bool validated;
	u8 need;			/* its slots */
	u16 id[XENVF_MAX_SLOTS];
	u16 len[XENVF_MAX_SLOTS];
};

/* Scratch of one queue's NAPI poll, too big for the stack. */
struct xenvf_back_scratch {
	/* the poll's batch of grant copies, and the packets they are of */
	struct gnttab_copy ops[XENVF_BACK_BATCH_OPS];
	struct xenvf_back_batch_pkt pkt[XENVF_BACK_BATCH_PKTS];
	unsigned int nops, npkt;
	struct xenvf_copy_op plan[XENVF_BACK_COPY_OPS];
	struct xenvf_seg src[XENVF_BACK_RX_SEGS];
	struct page *src_page[XENVF_BACK_RX_SEGS];
	struct xenvf_seg dst[XENVF_MAX_SLOTS + 2];
	struct page *dst_page[XENVF_MAX_SLOTS + 2];
	u16 rest[XENVF_BACK_COPY_OPS];	/* plan entries left to grant copy */
	/* VF to VF in one copy (back_direct.c) */
	u8 hdr[XENVF_DIRECT_HDR];	/* the private header copy */
	struct xenvf_seg dseg[XENVF_MAX_SLOTS];	/* the sender's slots */
	void *dva[XENVF_MAX_SLOTS];	/* NULL: granted for the packet */
	u32 dgref[XENVF_MAX_SLOTS];
	void *src_va[XENVF_MAX_SLOTS + 1];	/* plan sources: hdr, then slots */
	u32 src_gref[XENVF_MAX_SLOTS + 1];	/* ... their refs (va NULL) */
	struct xenvf_back_direct_pkt dpkt[XENVF_BACK_BATCH_PKTS];
	unsigned int nskb;		/* batched TX packets with an skb */
	void *dst_va[XENVF_MAX_SLOTS];	/* the receiver's pool pages */
	struct xenvf_rx_request dreq[XENVF_MAX_SLOTS];	/* its posts, copied */
};

/*
 * One data queue: TX and RX rings and their event channel.
 *
 * Lifetime: up is set once the rings are mapped and cleared first on
 * disconnect; the poll and the delayed works do nothing while it is
 * clear. Frames reach rx_queue only from xenvf_back_queue_deliver() under rcu_read_lock() and
 * while vf->data_up, so after data_up is cleared and a grace period has
 * passed no deliverer is left, and the queue can be purged and freed.
 */
struct xenvf_back_queue {
	struct xenvf_back_vf *vf;
	const struct xenvf_back_data_ops *ops;	/* grant copy, notify */
	unsigned int id;
	bool up;			/* rings mapped: the NAPI poll may run */
	void *tx_sring, *rx_sring;
	struct xenvf_ring tx, rx;
	unsigned int irq;		/* 0: not bound */
	char irq_name[24];
	atomic_t eoi_pending;		/* an event awaits its late EOI */
	/* polls both rings, on the VF's representor (back_queue.c) */
	struct napi_struct napi;
	bool napi_on;			/* added and enabled (connect) */
	/* each only schedules the NAPI poll */
	struct delayed_work throttle;	/* an event deferred by the VF's rate */
	struct delayed_work rx_tick;	/* drain and stall checks while waiting */
	struct delayed_work credit_wake; /* TX waits for the VF's credit */
	bool tx_credit_wait;		/* its next packet waits (the poll's) */
	struct sk_buff_head rx_queue;	/* frames switched to this queue */
	u32 rx_queue_bytes;		/* their truesize (rx_queue.lock) */
	bool rx_stalled;		/* deliver drops: the guest posts no pages */
	struct xenvf_rx_stall stall;	/* the poll's stall detector */
	RING_IDX stall_prod;		/* the guest's RX producer when it stalled */
	struct sk_buff_head rx_ready;	/* prepared for copying (rx_lock) */
	/*
	 * The RX ring's consumer side, rx_ready and the RX pool: held by the
	 * queue's RX poll, and tried (never waited for) by another VF's TX
	 * poll delivering straight into the pool (back_direct.c). Both run
	 * in NAPI's softirq: a spinlock.
	 */
	spinlock_t rx_lock;
	u64 rx_ready_expires;		/* drain deadline of rx_ready's frame */
	struct xenvf_back_scratch *scratch;
	/* Mapped pools (NULL: grant copy); the poll's alone while up. */
	struct xenvf_back_pool *tx_pool, *rx_pool;
	/* the frag pages of TX skbs (back_tx.c): allocated by the poll only */
	struct page_pool *tx_pages;
	struct xenvf_back_qstats stats;
};

/*
 * Counters updated outside a queue's poll (the switch, another VF's
 * TX): atomic.
 */
struct xenvf_back_vf_stats {
	atomic64_t rx_queue_full;	/* guest not taking frames (bytes bound) */
	atomic64_t rx_dropped;		/* no memory to deliver a copy */
	atomic64_t rx_vf_down;		/* not connected, or disconnecting */
	atomic64_t rx_stalled;		/* its queue stalled (carrier off) */
	/* received straight from another VF's pool (back_direct.c) */
	atomic64_t rx_direct, rx_direct_bytes, rx_direct_gso, rx_direct_csum;
};

/* Every packet counted; every drop counted under its reason (a snapshot). */
struct xenvf_back_stats {
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes;
	u64 rx_multicast;
	u64 drops[XENVF_DROP_NR_REASONS];	/* malformed TX, by reason */
	u64 tx_copy_errors, rx_copy_errors;	/* grant copy failed */
	u64 tx_nomem;
	u64 tx_gso, tx_csum, rx_gso, rx_csum;
	u64 rx_segmented, rx_offload_errors, rx_too_big;
	u64 rx_queue_full;		/* guest not taking frames */
	u64 rx_dropped;
	u64 rx_vf_down, rx_stalled;	/* refused at delivery */
	u64 rx_expired, rx_stalls;	/* drain timeout, stalls */
	u64 rx_queue_bytes;		/* held for the guest now */
	u64 tx_pool_packets, rx_pool_packets, tx_pool_miss, rx_pool_miss;
	u64 tx_granted;			/* pieces of frags granted per packet */
	u64 tx_grant_calls, rx_grant_calls;
	u64 tx_vf_direct, rx_vf_direct;	/* VF to VF in one copy */
	u64 tx_rate_limited;		/* packets that waited for credit */
};

struct xenvf_back_vf {
	struct xenbus_device *dev;
	/* Our xenbus state; changed only by xenvf_back_set_state(). */
	enum xenbus_state state;
	/* Last state seen at the frontend. */
	enum xenbus_state frontend_state;
	/* Serialises state changes: xenbus callbacks, fatal and retry work. */
	struct mutex state_lock;
	bool removing;			/* remove() under way (state_lock) */
	unsigned long retry_at;		/* no InitWait before (jiffies); 0: none */
	struct delayed_work retry_work;	/* InitWait after the back-off */
	unsigned long fatal;		/* bit 0: a violation is being handled */
	const char *fatal_what;		/* what the frontend broke */
	struct work_struct fatal_work;	/* disconnects a broken frontend */
	/* Lines the guest causes: limited per VF (xenvf_back_log_ok()). */
	struct ratelimit_state log_rs;

	/* Serialises the control server with admin changes of cfg. */
	struct mutex lock;
	struct xenvf_vf_cfg cfg;

	/*
	 * Control and event rings, mapped from the frontend while connected.
	 * The event ring is used only under vf->lock while evt_up, which is
	 * cleared under vf->lock before the ring is unmapped and ctrl_irq
	 * unbound (xenvf_back_evt_ring_usable()).
	 */
	void *ctrl_sring, *evt_sring;
	struct xenvf_ring ctrl, evt;
	bool evt_up;
	unsigned int ctrl_irq;		/* 0: not bound */
	struct delayed_work ctrl_work;	/* serves the control ring */
	spinlock_t rate_lock;		/* protects evt_rate */
	struct xenvf_rate evt_rate;	/* events served at once */
	struct xenvf_rate hw_ops;	/* hardware ops a guest may cause (vf->lock) */
	struct xenvf_rate_spec rate;	/* the admin's TX limit (vf->lock) */
	spinlock_t credit_lock;		/* protects credit */
	struct xenvf_credit credit;	/* TX credit, all queues (back_credit.c) */
	bool credit_on;			/* a paravirtual VF with a limit */
	struct xenvf_vec_map vec;	/* its interrupts, as the PF accounts them */
	bool vec_joined;		/* served by back_vec.c (probe to remove) */
	bool vec_pooled;		/* hw-vf: its vectors are the PF pool's */
	atomic64_t vec_refused;		/* vectors the pool refused it */
	u64 ctrl_requests;		/* requests answered */
	u64 ctrl_errors;		/* answered with an error status */

	/* Data queues; nr_queues of them connected while data_up. */
	struct xenvf_back_queue queues[XENVF_MAX_QUEUES];
	unsigned int nr_queues;
	unsigned int max_queues;	/* offered in multi-queue-max-queues */
	struct xenvf_fe_features fe;	/* what the frontend takes on RX */
	bool data_up;			/* queues connected: frames may be queued */
	atomic_t rx_backlog_bytes;	/* queues' rx_queue_bytes, summed (bound) */
	atomic_t rx_stalled_queues;	/* representor carrier off while > 0 */
	struct list_head port;		/* in the switch while data_up */
	bool port_active;		/* in the switch (under lock) */
	bool port_dirty;		/* filter not republished yet */
	struct xenvf_port_filter __rcu *filter;	/* what the switch sees */
	struct xenvf_back_vf_stats stats;
	atomic64_t sw[XENVF_SW_NR];	/* switch counters */
	atomic64_t fcoe[XENVF_FC_NR];	/* FCoE counters */
	atomic64_t pool[XENVF_PL_NR];	/* pool-map counters */
	unsigned int pool_pages;	/* mapped now (state_lock) */

	unsigned long evt_pending;	/* BIT(XENVF_EVT_*) to send */
	u32 evt_seq;			/* last event's sequence number */

	struct list_head all;		/* in back_admin.c's list of VFs */
	unsigned int index;		/* <vf> of backend/xenvf/<domid>/<vf> */
	struct net_device *rep;		/* representor netdev in dom0 */
	atomic64_t injected;		/* frames sent on the representor */
	struct xenbus_watch admin_watch;	/* admin keys of the node */
	bool admin_watch_set;
	struct work_struct admin_work;	/* applies admin changes */
	struct work_struct mac_lost_work; /* republishes after a MAC handover */
	struct work_struct cleanup_work;	/* removes nodes of a dead guest */
};

/*
 * May a log line that the guest caused be printed? Limited per VF, so a
 * hostile guest floods neither the log nor other VFs' lines away.
 */
static inline bool xenvf_back_log_ok(struct xenvf_back_vf *vf)
{
	return __ratelimit(&vf->log_rs);
}

/* back_state.c */
enum xenbus_state xenvf_back_state_step(enum xenbus_state cur,
					enum xenbus_state target);
enum xenbus_state xenvf_back_state_target(enum xenbus_state cur,
					  enum xenbus_state fe, bool online);

/* back_keys.c */
int xenvf_parse_u32(const char *s, u32 min, u32 max, u32 *out);
int xenvf_parse_mac(const char *s, u8 *mac);

/* back_admin.c */
int xenvf_read_u32(const char *dir, const char *key, u32 min, u32 max,
		   u32 *out);
int xenvf_back_read_admin(struct xenvf_back_vf *vf);
int xenvf_back_admin_start(struct xenvf_back_vf *vf);
void xenvf_back_admin_stop(struct xenvf_back_vf *vf);
void xenvf_back_link_changed(void);
void xenvf_back_admin_exit(void);

/* back_hw.c */
int xenvf_back_hw_check(struct xenvf_back_vf *vf);
int xenvf_back_hw_sync(struct xenvf_back_vf *vf);
int xenvf_back_hw_set_mac(struct xenvf_back_vf *vf, const u8 *mac);
int xenvf_back_hw_set_vlan(struct xenvf_back_vf *vf);

/* back_ctrl_cost.c, back_ctrl_prep.c, back_vfstats.c */
bool xenvf_ctrl_op_hw(const struct xenvf_vf_cfg *cfg, u8 op);
int xenvf_ctrl_admit(const struct xenvf_vf_cfg *cfg, struct xenvf_rate *hw,
		     u8 op, u64 now_ns);
void xenvf_back_ctrl_prep_init(struct xenvf_back_vf *vf);
int xenvf_back_ctrl_prepare(struct xenvf_back_vf *vf,
			    const struct xenvf_ctrl_msg *req);
u64 xenvf_back_ctrl_hw_throttled(struct xenvf_back_vf *vf);
void xenvf_back_vf_stats_fill(struct xenvf_vf_stats *out,
			      const struct xenvf_back_stats *s,
			      const u64 *sw, const u64 *fc);

/* back_rate.c */
void xenvf_back_rate_init(struct xenvf_back_vf *vf);
unsigned long xenvf_back_rate_delay(struct xenvf_back_vf *vf);
unsigned long xenvf_back_rate_resched(struct xenvf_back_vf *vf);
u64 xenvf_back_rate_throttled(struct xenvf_back_vf *vf);
u64 xenvf_back_rx_drain_ns(void);
u64 xenvf_back_rx_stall_ns(void);

/* back_credit.c */
void xenvf_back_credit_set(struct xenvf_back_vf *vf,
			   const struct xenvf_rate_spec *r);
bool xenvf_back_credit_wait(struct xenvf_back_queue *q, u32 len, u64 now);

/* back_vec.c */
int xenvf_back_vec_join(struct xenvf_back_vf *vf);
void xenvf_back_vec_leave(struct xenvf_back_vf *vf);
u64 xenvf_back_vec_refused(struct xenvf_back_vf *vf);
int xenvf_back_vec_bind(struct xenvf_back_vf *vf, u8 kind, u8 queue,
			u32 evtchn, unsigned int irq);
void xenvf_back_vec_unbind(struct xenvf_back_vf *vf, u8 kind, u8 queue,
			   unsigned int irq);
void xenvf_back_vec_release(struct xenvf_back_vf *vf);
unsigned int xenvf_back_vec_count(struct xenvf_back_vf *vf);

/* back_pf.c */
struct pci_dev;
int xenvf_back_pf_set(const char *name);
int xenvf_back_pf_numvfs(unsigned int n);
int xenvf_back_pf_enable_vfs(struct pci_dev *pdev, int n);
int xenvf_back_pf_init(void);
void xenvf_back_pf_exit(void);

/* back_pf_drv.c */
extern struct pci_driver xenvf_pf_driver;

/* back_events.c */
bool xenvf_back_evt_ring_usable(struct xenvf_back_vf *vf);
void xenvf_back_evt_flush(struct xenvf_back_vf *vf);
void xenvf_back_evt_post(struct xenvf_back_vf *vf, u8 type);

/* back_connect.c */
__printf(3, 4)
void xenvf_back_report(struct xenvf_back_vf *vf, int err, const char *fmt, ...);
int xenvf_back_ring_ref(struct xenvf_back_vf *vf, struct xenvf_distinct *refs,
			const char *key, grant_ref_t *ref);
void xenvf_back_pool_connect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q);
void xenvf_back_pool_disconnect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q);
int xenvf_back_map_ring(struct xenvf_back_vf *vf, grant_ref_t ref,
			void **sring, struct xenvf_ring *ring, u32 req_sz,
			u32 rsp_sz);
int xenvf_back_write_features(struct xenvf_back_vf *vf);
int xenvf_back_connect(struct xenvf_back_vf *vf);
void xenvf_back_disconnect(struct xenvf_back_vf *vf);

/* back_queue.c (the data path: back_data.h) */
int xenvf_back_data_connect(struct xenvf_back_vf *vf,
			    struct xenvf_distinct *refs,
			    struct xenvf_distinct *evtchns);
void xenvf_back_data_disconnect(struct xenvf_back_vf *vf);
void xenvf_back_stats_read(struct xenvf_back_vf *vf, struct xenvf_back_stats *out);
void xenvf_back_queue_stats_read(struct xenvf_back_queue *q,
				 struct xenvf_back_stats *out);
extern unsigned int xenvf_back_max_queues;

/* back_rx.c */
void xenvf_back_queue_deliver(struct xenvf_back_vf *vf, struct sk_buff *skb);

/* back_switch.c */
/* A walk of the VFs' MACs: @fn returns non-zero to stop it. */
struct xenvf_local_walk {
	int (*fn)(struct xenvf_local_walk *w, const u8 *mac, u16 vid);
};

int xenvf_back_switch_add(struct xenvf_back_vf *vf);
void xenvf_back_switch_del(struct xenvf_back_vf *vf);
int xenvf_back_switch_update(struct xenvf_back_vf *vf);
void xenvf_back_switch(struct xenvf_back_vf *src, struct sk_buff *skb);
bool xenvf_back_switch_from_uplink(struct sk_buff *skb);

/* Where a frame goes straight to (xenvf_back_switch_direct()). */
struct xenvf_direct_dst {
	struct xenvf_back_vf *vf;
	u16 tci;			/* the tag its port gets (0: none) */
};

bool xenvf_back_switch_direct(struct xenvf_back_vf *src, const u8 *hdr,
			      unsigned int len, bool tagged, u16 tci,
			      struct xenvf_direct_dst *d);
int xenvf_back_switch_walk_local(struct xenvf_local_walk *w);
bool xenvf_back_switch_from_evi(struct sk_buff *skb, u16 vid);
bool xenvf_back_switch_is_local(const u8 *mac, u16 vid);

/* back_fcoe_skb.c */
enum xenvf_drop_reason xenvf_back_fcoe_tx(struct xenvf_back_vf *vf,
					  struct sk_buff *skb,
					  const struct xenvf_pkt_info *info);
bool xenvf_back_fcoe_pending(const struct sk_buff *skb);
bool xenvf_back_fcoe_hw(const struct net_device *dev,
			const struct sk_buff *skb);
int xenvf_back_fcoe_resolve(struct sk_buff *skb, struct sk_buff_head *out);
int xenvf_back_fcoe_rx_crc_ok(struct sk_buff *skb);
void xenvf_back_fcoe_count(struct xenvf_back_vf *vf, enum xenvf_fcoe_counter c,
			   unsigned int n);

/* back_uplink.c */
int xenvf_back_uplink_set(const char *name);
const char *xenvf_back_uplink_state(void);
unsigned int xenvf_back_uplink_attaches(void);
void xenvf_back_uplink_exit(void);

/* back_params.c */
extern unsigned int xenvf_num_vfs;
extern unsigned int xenvf_vec_per_dom;	/* 0: fair share */
int xenvf_back_params_init(void);
void xenvf_back_uplink_name(char *buf, size_t len);

/* back_rep.c */
int xenvf_back_rep_create(struct xenvf_back_vf *vf);
void xenvf_back_rep_destroy(struct xenvf_back_vf *vf);
void xenvf_back_rep_carrier(struct xenvf_back_vf *vf, bool on);
bool xenvf_back_is_rep(const struct net_device *dev);

/* back_rep_id.c */
bool xenvf_rep_name_valid(const char *s);
int xenvf_rep_port_name(unsigned int index, char *buf, size_t len);
void xenvf_rep_switch_id(struct netdev_phys_item_id *ppid);

/* back_rep_tap.c */
bool xenvf_back_rep_tapped(const struct xenvf_back_vf *vf);
void xenvf_back_rep_tap(struct xenvf_back_vf *vf, struct sk_buff *skb);

/* evi_main.c, evi_dp.c, evi_nl.c: EVI (the tables are in evi_table.h) */
struct xenvf_evi;
extern struct xenvf_evi xenvf_evi_main;
int xenvf_evi_init_module(void);
void xenvf_evi_exit_module(void);
void xenvf_evi_cfg_lock(void);
void xenvf_evi_cfg_unlock(void);
void xenvf_evi_cfg_changed(void);
u32 xenvf_evi_vf_mtu_max(u32 mtu_max);
bool xenvf_evi_from_vf(struct xenvf_back_vf *src, struct sk_buff *skb,
		       u16 vid);
bool xenvf_evi_rx(struct sk_buff *skb);
int xenvf_evi_nl_init(void);
void xenvf_evi_nl_exit(void);

/* back_xenbus.c */
void xenvf_back_fatal(struct xenvf_back_vf *vf, const char *what);
int xenvf_back_xenbus_init(void);
void xenvf_back_xenbus_exit(void);

#endif /* XENVF_BACK_H */
