/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rig's hostile xenvf frontend (tests only): one struct per device it
 * binds, and the attacks of each file. docs/testing.md lists the modes and
 * what the backend must do about each.
 */
#ifndef XENVF_HOSTILE_H
#define XENVF_HOSTILE_H

#include <linux/etherdevice.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#include "xenvf_proto.h"

#define HOSTILE_PAGES	4		/* extra granted pages per device */
#define HOSTILE_BAD_REF	0x7ffffu	/* far beyond any grant table */

struct hostile {
	struct xenbus_device *dev;
	char spec[80];			/* "mode" or "mode:key=value" */
	const char *mode, *key, *val;	/* point into spec */
	void *ctrl, *evt, *tx, *rx;	/* ring pages */
	grant_ref_t ctrl_ref, evt_ref, tx_ref, rx_ref;
	evtchn_port_t evtchn, data_evtchn;
	int irq, data_irq;
	void *page[HOSTILE_PAGES];	/* TX data, RX posts, substitutes */
	grant_ref_t ref[HOSTILE_PAGES];
	bool rings_up;
	unsigned int attempt;		/* connects before this one */
	u8 mac[ETH_ALEN];
	u8 dst[ETH_ALEN];		/* unicast destination of TX frames */
	RING_IDX tx_prod, tx_cons, rx_prod, rx_cons, evt_cons;
	bool flapping;
	bool stop;			/* being removed: end every loop */
	struct work_struct attack;
	struct work_struct evt_work;
	struct delayed_work close;
};

extern char *hostile_dst;
extern int hostile_foreign;
extern unsigned int hostile_close_ms;

static inline bool hostile_is(const struct hostile *h, const char *mode)
{
	return !strcmp(h->mode, mode);
}

/* hostile_main.c */
int hostile_grant_page(struct hostile *h, unsigned int i, domid_t to, bool ro);
void hostile_rings_init(struct hostile *h);
int hostile_write_keys(struct hostile *h, bool clean);

/* hostile_ctrl.c: control ring attacks */
bool hostile_ctrl_attack(struct hostile *h);
int hostile_ctrl_call(struct hostile *h, u8 op, const void *data, u16 len);

/* hostile_data.c: TX and RX ring attacks */
bool hostile_data_attack(struct hostile *h);
int hostile_pool_keys(struct hostile *h);
int hostile_tx_frame(struct hostile *h);

/* hostile_state.c: xenstore keys and the state machine */
bool hostile_state_attack(struct hostile *h);

#endif /* XENVF_HOSTILE_H */
