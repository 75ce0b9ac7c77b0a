/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-back: the dom0 side of xenvf. One xenvf_back_vf per virtual function
 * bound through xenbus (backend/xenvf/<domid>/<vf>).
 */
#ifndef XENVF_BACK_H
#define XENVF_BACK_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <xen/xenbus.h>

#include "xenvf_ring.h"
#include "back_ctrl.h"

/* Requests handled per control-ring poll before yielding. */
#define XENVF_BACK_CTRL_BUDGET	64
/* Frames queued for a guest that has not posted RX pages yet. */
#define XENVF_BACK_RX_QUEUE_MAX	256

struct xenvf_back_vf;

/* One data queue (queue 0 today): TX and RX rings and their channel. */
struct xenvf_back_queue {
	struct xenvf_back_vf *vf;
	void *tx_sring, *rx_sring;
	struct xenvf_ring tx, rx;
	unsigned int irq;		/* 0: not bound */
	atomic_t eoi_pending;		/* an event awaits its late EOI */
	struct work_struct work;	/* polls both rings */
	struct sk_buff_head rx_queue;	/* frames switched to this VF */
};

/* Every packet counted; every drop counted under its reason. */
struct xenvf_back_stats {
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes;
	u64 drops[XENVF_DROP_NR_REASONS];	/* malformed TX, by reason */
	u64 tx_copy_errors, rx_copy_errors;	/* grant copy failed */
	u64 spoof_dropped;		/* source MAC not the VF's */
	u64 no_destination;		/* unicast to no VF (no uplink yet) */
	u64 rx_queue_full;		/* guest not taking frames */
	u64 rx_dropped;
};

struct xenvf_back_vf {
	struct xenbus_device *dev;
	/* Our xenbus state; changed only by xenvf_back_set_state(). */
	enum xenbus_state state;
	/* Last state seen at the frontend. */
	enum xenbus_state frontend_state;

	/* Serialises the control server with admin changes of cfg. */
	struct mutex lock;
	struct xenvf_vf_cfg cfg;

	/* Control and event rings, mapped from the frontend while connected. */
	void *ctrl_sring, *evt_sring;
	struct xenvf_ring ctrl, evt;
	unsigned int ctrl_irq;		/* 0: not bound */
	struct work_struct ctrl_work;	/* serves the control ring */
	u64 ctrl_requests;		/* requests answered */
	u64 ctrl_errors;		/* answered with an error status */

	struct xenvf_back_queue queue;
	bool data_up;			/* queue connected: frames may be queued */
	struct list_head port;		/* in the switch while data_up */
	struct xenvf_back_stats stats;
};

/* back_state.c */
enum xenbus_state xenvf_back_state_step(enum xenbus_state cur,
					enum xenbus_state target);

/* back_connect.c */
int xenvf_back_read_admin(struct xenvf_back_vf *vf);
int xenvf_back_write_features(struct xenvf_back_vf *vf);
int xenvf_back_connect(struct xenvf_back_vf *vf);
void xenvf_back_disconnect(struct xenvf_back_vf *vf);

/* back_data.c */
int xenvf_back_data_connect(struct xenvf_back_vf *vf);
void xenvf_back_data_disconnect(struct xenvf_back_vf *vf);
void xenvf_back_queue_deliver(struct xenvf_back_vf *vf, struct sk_buff *skb);

/* back_switch.c */
void xenvf_back_switch_add(struct xenvf_back_vf *vf);
void xenvf_back_switch_del(struct xenvf_back_vf *vf);
void xenvf_back_switch(struct xenvf_back_vf *src, struct sk_buff *skb);

/* back_xenbus.c */
int xenvf_back_xenbus_init(void);
void xenvf_back_xenbus_exit(void);

#endif /* XENVF_BACK_H */
