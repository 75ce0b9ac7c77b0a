/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenvf-front: the domU side of xenvf. One xenvf_front_vf per
 * device/xenvf/<vf> node the toolstack creates for this domain.
 */
#ifndef XENVF_FRONT_H
#define XENVF_FRONT_H

#include <linux/wait.h>
#include <xen/xenbus.h>

struct xenvf_front_vf {
	struct xenbus_device *dev;
	/* Woken on every backend state change; remove() waits on it. */
	wait_queue_head_t backend_wq;
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

/* front_xenbus.c */
int xenvf_front_xenbus_init(void);
void xenvf_front_xenbus_exit(void);

#endif /* XENVF_FRONT_H */
