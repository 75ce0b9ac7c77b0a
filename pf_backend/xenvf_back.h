/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-back: the dom0 side of xenvf. One xenvf_back_vf per virtual function
 * bound through xenbus (backend/xenvf/<domid>/<vf>).
 */
#ifndef XENVF_BACK_H
#define XENVF_BACK_H

#include <xen/xenbus.h>

struct xenvf_back_vf {
	struct xenbus_device *dev;
	/* Our xenbus state; changed only by xenvf_back_set_state(). */
	enum xenbus_state state;
	/* Last state seen at the frontend. */
	enum xenbus_state frontend_state;
};

/* back_state.c */
enum xenbus_state xenvf_back_state_step(enum xenbus_state cur,
					enum xenbus_state target);

/* back_xenbus.c */
int xenvf_back_xenbus_init(void);
void xenvf_back_xenbus_exit(void);

#endif /* XENVF_BACK_H */
