/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-front: the domU side of xenvf. One xenvf_front_vf per
 * device/xenvf/<vf> node the toolstack creates for this domain.
 */
#ifndef XENVF_FRONT_H
#define XENVF_FRONT_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "xenvf_ring.h"
#include "xenvf_msg.h"

/* How long a control request may wait for its response. */
#define XENVF_FRONT_CTRL_TIMEOUT	(5 * HZ)

struct xenvf_front_vf;

/* Data queue 0: TX and RX rings with one granted page per slot. */
struct xenvf_front_queue {
	struct xenvf_front_vf *vf;
	void *tx_sring, *rx_sring;
	grant_ref_t tx_ref, rx_ref;
	struct xenvf_ring tx, rx;
	evtchn_port_t evtchn;
	int irq;			/* 0: not bound */
	struct napi_struct napi;
	/* Protects the TX ring's producer side, tx_free and up. */
	spinlock_t tx_lock;
	bool up;
	struct page *tx_pages[128], *rx_pages[128];
	grant_ref_t tx_grefs[128], rx_grefs[128];
	u16 tx_free[128];		/* ids of TX slots not in flight */
	unsigned int tx_nr_free;
	/* RX responses of a packet whose last slot is not there yet */
	struct xenvf_rx_response rx_slots[XENVF_MAX_SLOTS];
	unsigned int rx_have;
};

struct xenvf_front_vf {
	struct xenbus_device *dev;
	/* Woken on every backend state change; remove() waits on it. */
	wait_queue_head_t backend_wq;

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
	struct xenvf_front_queue queue;
	bool registered;		/* netdev registered */
	struct {
		u64 ctrl_requests, ctrl_refused;
		u64 tx_packets, tx_bytes, tx_dropped, tx_errors;
		u64 rx_packets, rx_bytes, rx_dropped;
		u64 events, evt_unknown, evt_gaps;
	} stats;

	/* learnt from the backend */
	u8 mac[XENVF_ETH_ALEN];
	u16 mtu_max;
	u8 queues;
	struct xenvf_ctrl_link link;
	u16 port_vlan;			/* set by the admin (0: none) */
	bool trusted;
};

/* What the frontend does about a backend state change. */
enum xenvf_front_action {
	XENVF_FRONT_NONE,	/* nothing to do */
	XENVF_FRONT_CONNECT,	/* set up rings, publish keys, go Initialised */
	XENVF_FRONT_CONNECTED,	/* backend is up: go Connected */
	XENVF_FRONT_CLOSE,	/* tear down and go Closed */
};

/* front_state.c */
enum xenvf_front_action xenvf_front_action(enum xenbus_state own,
					   enum xenbus_state backend);
bool xenvf_front_backend_gone(enum xenbus_state backend);

/* front_rings.c */
int xenvf_front_rings_setup(struct xenvf_front_vf *vf);
void xenvf_front_rings_teardown(struct xenvf_front_vf *vf);
int xenvf_front_ctrl_call(struct xenvf_front_vf *vf,
			  const struct xenvf_ctrl_msg *req,
			  struct xenvf_ctrl_msg *rsp);
void xenvf_front_handshake(struct work_struct *work);

/* front_events.c */
void xenvf_front_evt_post_all(struct xenvf_front_vf *vf);
void xenvf_front_evt_work(struct work_struct *work);
void xenvf_front_link_apply(struct xenvf_front_vf *vf);

/* front_data.c */
netdev_tx_t xenvf_front_xmit(struct sk_buff *skb, struct net_device *netdev);
int xenvf_front_data_setup(struct xenvf_front_vf *vf);
void xenvf_front_data_teardown(struct xenvf_front_vf *vf);
void xenvf_front_data_init(struct xenvf_front_vf *vf);

/* front_netdev.c */
struct xenvf_front_vf *netdev_priv_vf(struct net_device *netdev);
int xenvf_front_netdev_alloc(struct xenvf_front_vf *vf);
int xenvf_front_netdev_up(struct xenvf_front_vf *vf);
void xenvf_front_netdev_down(struct xenvf_front_vf *vf);
void xenvf_front_netdev_remove(struct xenvf_front_vf *vf);
void xenvf_front_rx_mode_work(struct work_struct *work);

/* front_xenbus.c */
int xenvf_front_xenbus_init(void);
void xenvf_front_xenbus_exit(void);

#endif /* XENVF_FRONT_H */
