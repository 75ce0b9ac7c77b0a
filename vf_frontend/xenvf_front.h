/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-front: the domU side of xenvf. One xenvf_front_vf per
 * device/xenvf/<vf> node the toolstack creates for this domain.
 */
#ifndef XENVF_FRONT_H
#define XENVF_FRONT_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "xenvf_ring.h"
#include "xenvf_msg.h"
#include "front_rxpool.h"

/* How long a control request may wait for its response. */
#define XENVF_FRONT_CTRL_TIMEOUT	(5 * HZ)

struct xenvf_front_vf;

/* Ring slots per data ring (one page, order 0). */
#define XENVF_FRONT_RING_SLOTS	128

/*
 * Counters of one direction of a queue: one writer at a time. The event
 * counters (docs/design.md, "Event hygiene"): notify, notifications sent
 * to the backend after a push (TX requests; RX pages reposted); on TX,
 * arms, the TX-completion events asked for (each allows the backend at
 * most one); on RX (NAPI), ev_tx and ev_rx, the polls started by an event
 * that found TX completions, RX packets. RX page recycling (RX only,
 * front_rxpool.h): lent, pool pages attached to skbs; recycled, spare pages
 * posted that had come back from the stack; fallback, slots copied out for
 * want of an idle spare page; copied, bytes copied out of pool pages.
 */
struct xenvf_front_qstats {
	struct u64_stats_sync syncp;
	u64_stats_t packets, bytes, dropped, errors;
	u64_stats_t gso, csum;		/* offloaded packets */
	u64_stats_t notify, arms, ev_tx, ev_rx;
	/* TX (front_txplan.c): pieces granted, frags copied, frames copied whole */
	u64_stats_t frag_grants, frag_copies, grant_fallbacks;
	u64_stats_t lent, recycled, fallback, copied;
};

/* A snapshot of struct xenvf_front_qstats. */
struct xenvf_front_qsnap {
	u64 packets, bytes, dropped, errors, gso, csum;
	u64 notify, arms, ev_tx, ev_rx;
	u64 frag_grants, frag_copies, grant_fallbacks;
	u64 lent, recycled, fallback, copied;
};

/* A TX skb held for its granted frags: its slots not answered yet. */
struct xenvf_front_tx_cb {
	u8 left;
};

#define XENVF_TX_CB(skb)	((struct xenvf_front_tx_cb *)(skb)->cb)

/*
 * One data queue: TX and RX rings, one granted page per TX slot, an RX
 * pool of up to two granted pages per RX slot (front_rxpool.h).
 */
struct xenvf_front_queue {
	struct xenvf_front_vf *vf;
	unsigned int id;
	void *tx_sring, *rx_sring;
	grant_ref_t tx_ref, rx_ref;
	struct xenvf_ring tx, rx;
	evtchn_port_t evtchn;
	int irq;			/* 0: not bound */
	char irq_name[24];
	struct napi_struct napi;
	/*
	 * Protects the TX ring (both sides: xmit and NAPI reclaim), tx_free,
	 * tx_busy, tx_len, the per-packet grants (tx_frag_ref, tx_frag_page,
	 * tx_skb, tx_gref_head, tx_held), tx_armed_at, up and tx_stats.
	 */
	spinlock_t tx_lock;
	bool up;
	RING_IDX tx_armed_at;		/* rsp_event we last asked for */
	atomic_t evt_seen;		/* an event came since the last poll */
	atomic64_t events;		/* events on the channel (any CPU) */
	struct page *tx_pages[XENVF_FRONT_RING_SLOTS];
	struct page *rx_pages[XENVF_FRONT_RX_POOL];	/* by RX request id */
	grant_ref_t tx_grefs[XENVF_FRONT_RING_SLOTS];
	grant_ref_t rx_grefs[XENVF_FRONT_RX_POOL];
	struct xenvf_front_rxpool rxpool;	/* NAPI */
	/* feature-pool-map: the page listing the pool (front_pool.c) */
	struct page *pool_page;
	grant_ref_t pool_ref;
	u16 tx_free[XENVF_FRONT_RING_SLOTS];	/* ids of TX slots not in flight */
	unsigned int tx_nr_free;
	DECLARE_BITMAP(tx_busy, XENVF_FRONT_RING_SLOTS);	/* ids in flight */
	u32 tx_len[XENVF_FRONT_RING_SLOTS];	/* BQL bytes a slot's answer completes */
	/*
	 * Frags granted for one packet (front_txplan.c), per slot id: the
	 * grant (INVALID_GRANT_REF: the slot's data is in its pool page) and
	 * its page, and the skb held until every slot of it is answered
	 * (TX_CB(skb)->left counts them). Refs come from tx_gref_head, one
	 * per slot, reserved at setup (tx_gref_ok). tx_held: skbs held.
	 */
	grant_ref_t tx_frag_ref[XENVF_FRONT_RING_SLOTS];
	struct page *tx_frag_page[XENVF_FRONT_RING_SLOTS];
	struct sk_buff *tx_skb[XENVF_FRONT_RING_SLOTS];
	grant_ref_t tx_gref_head;
	bool tx_gref_ok;
	unsigned int tx_held;
	/* RX responses of a packet whose last slot is not there yet */
	struct xenvf_rx_response rx_slots[XENVF_MAX_SLOTS];
	unsigned int rx_have;
	struct xenvf_front_qstats tx_stats;	/* under tx_lock */
	struct xenvf_front_qstats rx_stats;	/* NAPI */
};

/* What the backend offers (its feature-* keys, docs/protocol.md 1.2). */
struct xenvf_be_features {
	unsigned int max_queues;
	bool sg, gso_tcpv4, gso_tcpv6, ipv6_csum;
	bool fcoe;		/* FCOE_NEGOTIATE may grant offloads */
	bool pool_map;		/* maps our pools at connect */
};

struct xenvf_front_vf {
	struct xenbus_device *dev;
	/* Woken on every backend state change; remove() waits on it. */
	wait_queue_head_t backend_wq;
	/* The backend's last state, as otherend_changed saw it (remove waits on it). */
	enum xenbus_state backend_state;

	/* Control and event rings, granted to the backend. */
	void *ctrl_sring, *evt_sring;
	grant_ref_t ctrl_ref, evt_ref;
	struct xenvf_ring ctrl, evt;
	evtchn_port_t evtchn;
	int irq;			/* 0: not bound */
	/* Woken by the event channel; control callers wait on it. */
	wait_queue_head_t ctrl_wq;
	/* One control request in flight at a time; protects ctrl and ctrl_id. */
	struct mutex ctrl_lock;
	u16 ctrl_id;
	bool broken;			/* the backend broke the protocol */
	struct work_struct connect_work;	/* control handshake */
	struct work_struct evt_work;	/* takes events from the PF */
	u32 evt_last_seq;

	struct net_device *netdev;	/* NULL until the first handshake */
	struct work_struct rx_mode_work;	/* pushes multicast/xcast */
	struct xenvf_front_queue queues[XENVF_MAX_QUEUES];
	unsigned int nr_queues;		/* set up at the last connect */
	struct xenvf_be_features be;
	bool registered;		/* netdev registered */
	/*
	 * Suspend/resume (front_resume.c). The fields are used under the
	 * device lock (.suspend, .resume and resume_work hold it).
	 */
	struct xenbus_watch fe_watch;	/* <nodename>/backend, probe to remove */
	struct delayed_work resume_work;	/* waits for a late backend */
	bool pm_suspended;		/* .suspend ran; resume or cancel not seen */
	bool pm_resumed;		/* a resume tore the old rings down since */
	u8 pm_checks;			/* looks at a kept connection since */
	bool resume_waiting;		/* resumed without a backend node */
	bool resume_timed_out;		/* ... for XENVF_FRONT_RESUME_WAIT_MS */
	unsigned long resume_wait_start;	/* jiffies */
	struct {
		u64 ctrl_requests, ctrl_refused;
		u64 events, evt_unknown, evt_gaps;
		u64 suspends, resumes, checkpoints, resume_waits;
		u64 replays, replay_requests, replay_refused;
		u64 gap_tx_lost, gap_rx_lost;	/* in flight at a teardown */
		u64 rx_mode_nomem;
	} stats;

	/* learnt from the backend */
	u8 mac[XENVF_ETH_ALEN];
	u16 mtu_max;
	u8 ctrl_queues;		/* GET_QUEUES: RX queues the PF reports */
	struct xenvf_ctrl_link link;
	u16 port_vlan;			/* set by the admin (0: none) */
	bool trusted;
	bool fcoe_enabled;		/* fcoe.ko asked (ndo_fcoe_enable) */
	u8 uc_pushed;			/* extra unicast MACs the PF has */
	u32 fcoe_granted;		/* XENVF_FCOE_* the PF granted */
	u8 fcoe_prio;			/* the PF's FCoE priority */
};

/* What the frontend does about a backend state change. */
enum xenvf_front_action {
	XENVF_FRONT_NONE,	/* nothing to do */
	XENVF_FRONT_CONNECT,	/* set up rings, publish keys, go Initialised */
	XENVF_FRONT_CONNECTED,	/* backend is up: go Connected */
	XENVF_FRONT_CLOSE,	/* tear down and go Closed */
};

/*
 * After a resume whose nodes were not in xenstore yet (the dom0 service
 * creates them a little later): how long the frontend polls for them
 * before it waits on its xenstore watch alone.
 */
#define XENVF_FRONT_RESUME_POLL_MS	500
#define XENVF_FRONT_RESUME_WAIT_MS	30000

/* What the resume work does next (xenvf_front_resume_step()). */
enum xenvf_front_resume_step {
	XENVF_RESUME_IDLE,	/* nothing to wait for (or only the watch) */
	XENVF_RESUME_ATTACH,	/* the nodes are there: connect now */
	XENVF_RESUME_WAIT,	/* look again in XENVF_FRONT_RESUME_POLL_MS */
	XENVF_RESUME_TIMEOUT,	/* log once; from now on only the watch */
};

/* front_state.c */
enum xenvf_front_action xenvf_front_action(enum xenbus_state own,
					   enum xenbus_state backend);
bool xenvf_front_backend_gone(enum xenbus_state backend);
enum xenvf_front_resume_step xenvf_front_resume_step(bool have_otherend,
						     bool frontend_node,
						     bool backend_node,
						     unsigned int waited_ms,
						     bool timed_out);

/* front_rings.c */
int xenvf_front_rings_setup(struct xenvf_front_vf *vf);
void xenvf_front_rings_teardown(struct xenvf_front_vf *vf);
int xenvf_front_ctrl_call(struct xenvf_front_vf *vf,
			  const struct xenvf_ctrl_msg *req,
			  struct xenvf_ctrl_msg *rsp);
void xenvf_front_handshake(struct work_struct *work);
int xenvf_front_fcoe_negotiate(struct xenvf_front_vf *vf);

/* front_events.c */
void xenvf_front_evt_post_all(struct xenvf_front_vf *vf);
void xenvf_front_evt_work(struct work_struct *work);
void xenvf_front_link_apply(struct xenvf_front_vf *vf);

/* front_data.c */
extern unsigned int xenvf_front_max_queues;
int xenvf_front_data_setup(struct xenvf_front_vf *vf);
void xenvf_front_data_teardown(struct xenvf_front_vf *vf);
void xenvf_front_data_init(struct xenvf_front_vf *vf);
void xenvf_front_data_exit(struct xenvf_front_vf *vf);
void xenvf_front_qstats_read(struct xenvf_front_qstats *s,
			     struct xenvf_front_qsnap *snap);

/* front_tx.c */
extern bool xenvf_front_tx_grant;
netdev_tx_t xenvf_front_xmit(struct sk_buff *skb, struct net_device *netdev);
netdev_features_t xenvf_front_features_check(struct sk_buff *skb,
					     struct net_device *dev,
					     netdev_features_t features);
void xenvf_front_data_reset_bql(struct xenvf_front_vf *vf);

/* front_pool.c */
extern bool xenvf_front_pool_map;
int xenvf_front_pool_setup(struct xenvf_front_vf *vf,
			   struct xenvf_front_queue *q);

/* front_netdev.c */
struct xenvf_front_vf *netdev_priv_vf(struct net_device *netdev);
int xenvf_front_netdev_alloc(struct xenvf_front_vf *vf);
struct xenvf_front_pf_view;
int xenvf_front_netdev_up(struct xenvf_front_vf *vf,
			  const struct xenvf_front_pf_view *pf);
void xenvf_front_netdev_down(struct xenvf_front_vf *vf);
void xenvf_front_netdev_remove(struct xenvf_front_vf *vf);
void xenvf_front_rx_mode_work(struct work_struct *work);

/* front_xenbus.c */
int xenvf_front_xenbus_init(void);
void xenvf_front_xenbus_exit(void);
void xenvf_front_stop(struct xenvf_front_vf *vf);
void xenvf_front_backend_changed(struct xenbus_device *dev,
				 enum xenbus_state backend_state);

/* front_resume.c */
int xenvf_front_resume_init(struct xenvf_front_vf *vf);
void xenvf_front_resume_exit(struct xenvf_front_vf *vf);
int xenvf_front_suspend(struct xenbus_device *dev);
int xenvf_front_resume(struct xenbus_device *dev);

#endif /* XENVF_FRONT_H */
