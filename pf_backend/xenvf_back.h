/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-back: the dom0 side of xenvf. One xenvf_back_vf per virtual function
 * bound through xenbus (backend/xenvf/<domid>/<vf>).
 */
#ifndef XENVF_BACK_H
#define XENVF_BACK_H

#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <xen/xenbus.h>

#include "xenvf_ring.h"
#include "back_ctrl.h"

/* Requests handled per control-ring poll before yielding. */
#define XENVF_BACK_CTRL_BUDGET	64

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
};

/* back_state.c */
enum xenbus_state xenvf_back_state_step(enum xenbus_state cur,
					enum xenbus_state target);

/* back_connect.c */
int xenvf_back_read_admin(struct xenvf_back_vf *vf);
int xenvf_back_write_features(struct xenvf_back_vf *vf);
int xenvf_back_connect(struct xenvf_back_vf *vf);
void xenvf_back_disconnect(struct xenvf_back_vf *vf);

/* back_xenbus.c */
int xenvf_back_xenbus_init(void);
void xenvf_back_xenbus_exit(void);

#endif /* XENVF_BACK_H */
