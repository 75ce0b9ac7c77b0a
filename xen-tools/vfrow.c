// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf list's rows: table and JSON. See vfrow.h.
 */
#include <string.h>

#include "nodes.h"
#include "vfrow.h"

void xenvf_row_header(FILE *f)
{
	fprintf(f, "%-16s %5s %3s %-12s %-12s %-17s %4s %5s %6s %s\n", "Name",
		"ID", "VF", "Backend", "Frontend", "MAC", "VLAN", "Trust",
		"Queues", "Uplink");
}

void xenvf_row_table(FILE *f, const struct xenvf_vf_row *r)
{
	fprintf(f, "%-16s %5u %3u %-12s %-12s %-17s %4s %5s %6s %s\n",
		r->name ? r->name : "-", r->domid, r->vf,
		xenvf_state_name(r->be_state), xenvf_state_name(r->fe_state),
		r->mac ? r->mac : "-", r->vlan ? r->vlan : "0",
		r->trusted && !strcmp(r->trusted, "1") ? "on" : "off",
		r->queues ? r->queues : "-", r->uplink ? r->uplink : "-");
}

static void state(struct xenvf_json *j, const char *key, const char *s)
{
	char k[32];

	snprintf(k, sizeof(k), "%s_state", key);
	xenvf_json_key(j, k);
	xenvf_json_num(j, s);
	xenvf_json_key(j, key);
	xenvf_json_str(j, s ? xenvf_state_name(s) : NULL);
}

void xenvf_row_json(struct xenvf_json *j, const struct xenvf_vf_row *r)
{
	xenvf_json_obj(j);
	xenvf_json_key(j, "name");
	xenvf_json_str(j, r->name);
	xenvf_json_key(j, "domid");
	xenvf_json_uint(j, r->domid);
	xenvf_json_key(j, "vf");
	xenvf_json_uint(j, r->vf);
	state(j, "backend", r->be_state);
	state(j, "frontend", r->fe_state);
	xenvf_json_key(j, "mac");
	xenvf_json_str(j, r->mac);
	xenvf_json_key(j, "vlan");
	xenvf_json_num(j, r->vlan);
	xenvf_json_key(j, "trust");
	if (r->trusted && (!strcmp(r->trusted, "0") || !strcmp(r->trusted, "1")))
		xenvf_json_bool(j, r->trusted[0] == '1');
	else
		xenvf_json_null(j);
	xenvf_json_key(j, "queues");
	xenvf_json_num(j, r->queues);
	xenvf_json_key(j, "uplink");
	xenvf_json_str(j, r->uplink);
	xenvf_json_end(j);
}
