/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One line of xenvf list: a VF's xenstore values (as read: NULL where the
 * node is missing) printed as the table row or as a JSON object (-j).
 * Pure: the caller reads xenstore.
 */
#ifndef XENVF_VFROW_H
#define XENVF_VFROW_H

#include <stdio.h>

#include "json.h"

struct xenvf_vf_row {
	const char *name;	/* the domain's name */
	unsigned int domid;
	unsigned int vf;
	const char *be_state, *fe_state;	/* xenbus states "0".."8" */
	const char *mac, *vlan, *trusted, *queues, *uplink;
};

void xenvf_row_header(FILE *f);
void xenvf_row_table(FILE *f, const struct xenvf_vf_row *r);
/*
 * {"name","domid","vf","backend_state","backend","frontend_state",
 * "frontend","mac","vlan","trust","queues","uplink"}: states as numbers
 * and names, vlan/queues numbers, trust true/false; null where missing.
 */
void xenvf_row_json(struct xenvf_json *j, const struct xenvf_vf_row *r);

#endif
