// SPDX-License-Identifier: GPL-2.0-only
/*
 * A VF's xenstore nodes as data. See nodes.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "xenvf_proto.h"
#include "nodes.h"

void xenvf_be_path(char *buf, size_t len, unsigned int backend,
		   unsigned int domid, unsigned int vf)
{
	snprintf(buf, len, "/local/domain/%u/backend/xenvf/%u/%u", backend,
		 domid, vf);
}

void xenvf_fe_path(char *buf, size_t len, unsigned int domid, unsigned int vf)
{
	snprintf(buf, len, "/local/domain/%u/device/xenvf/%u", domid, vf);
}

void xenvf_format_mac(char *buf, size_t len, const uint8_t m[XENVF_MAC_LEN])
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
}

void xenvf_random_mac(const uint8_t rnd[3], uint8_t mac[XENVF_MAC_LEN])
{
	mac[0] = 0x00;
	mac[1] = 0x16;
	mac[2] = 0x3e;
	mac[3] = rnd[0] & 0x7f;	/* as libxl: the top bit stays clear */
	mac[4] = rnd[1];
	mac[5] = rnd[2];
}

static void add(struct xenvf_vf_nodes *v, const char *dir, const char *key,
		const char *fmt_value)
{
	struct xenvf_node *n = &v->node[v->n++];
	char d[XENVF_DIR_LEN], val[XENVF_VAL_LEN];

	/* private copies: @dir and @fmt_value may live in @v */
	snprintf(d, sizeof(d), "%s", dir);
	snprintf(val, sizeof(val), "%s", fmt_value);
	snprintf(n->path, sizeof(n->path), "%s/%.40s", d, key);
	memcpy(n->value, val, sizeof(val));
}

static void add_u(struct xenvf_vf_nodes *v, const char *dir, const char *key,
		  unsigned int val)
{
	char b[16];

	snprintf(b, sizeof(b), "%u", val);
	add(v, dir, key, b);
}

static unsigned int or_default(int v, unsigned int def)
{
	return v < 0 ? def : (unsigned int)v;
}

int xenvf_nodes_build(unsigned int backend, unsigned int domid,
		      const struct xenvf_vf_opts *o,
		      const uint8_t mac[XENVF_MAC_LEN], const uint8_t *uuid,
		      struct xenvf_vf_nodes *v)
{
	static const uint8_t null_uuid[16];
	char b[40];

	if (o->vf < 0 || o->vf >= XENVF_MAX_VFS)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	xenvf_be_path(v->be, sizeof(v->be), backend, domid, (unsigned int)o->vf);
	xenvf_fe_path(v->fe, sizeof(v->fe), domid, (unsigned int)o->vf);

	add(v, v->be, "frontend", v->fe);
	add_u(v, v->be, "frontend-id", domid);
	add_u(v, v->be, "online", 1);
	if (uuid && memcmp(uuid, null_uuid, sizeof(null_uuid))) {
		/* as xenvf_format_uuid() (vfdef.c) and the kernel's %pUb */
		snprintf(b, sizeof(b),
			 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			 uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5],
			 uuid[6], uuid[7], uuid[8], uuid[9], uuid[10], uuid[11],
			 uuid[12], uuid[13], uuid[14], uuid[15]);
		add(v, v->be, "uuid", b);
	}
	xenvf_format_mac(b, sizeof(b), mac);
	add(v, v->be, "mac", b);
	add_u(v, v->be, "vlan", or_default(o->vlan, 0));
	add_u(v, v->be, "qos", or_default(o->qos, 0));
	add_u(v, v->be, "trusted", or_default(o->trust, 0));
	add_u(v, v->be, "spoofchk", or_default(o->spoofchk, 1));
	add_u(v, v->be, "isolated", or_default(o->isolated, 0));
	add(v, v->be, "link-state", xenvf_link_name(o->link));
	add_u(v, v->be, "mtu", or_default(o->mtu, 1500));
	if (o->queues > 0)
		add_u(v, v->be, "queues", (unsigned int)o->queues);
	if (o->hw_vf >= 0)
		add_u(v, v->be, "hw-vf", (unsigned int)o->hw_vf);
	if (o->rate[0])
		add(v, v->be, "rate", o->rate);
	if (o->vifname[0])
		add(v, v->be, "vifname", o->vifname);
	if (o->script[0])
		add(v, v->be, "script", o->script);
	add(v, v->fe, "backend", v->be);
	add_u(v, v->fe, "backend-id", backend);
	add_u(v, v->be, "state", 1);
	add_u(v, v->fe, "state", 1);
	return 0;
}

size_t xenvf_admin_nodes(const struct xenvf_vf_opts *o,
			 struct xenvf_node *out, size_t max)
{
	struct xenvf_vf_nodes v;
	char b[32];

	memset(&v, 0, sizeof(v));
	if (o->mac_set) {
		xenvf_format_mac(b, sizeof(b), o->mac);
		add(&v, ".", "mac", b);
	}
	if (o->vlan >= 0)
		add_u(&v, ".", "vlan", (unsigned int)o->vlan);
	if (o->qos >= 0)
		add_u(&v, ".", "qos", (unsigned int)o->qos);
	if (o->trust >= 0)
		add_u(&v, ".", "trusted", (unsigned int)o->trust);
	if (o->spoofchk >= 0)
		add_u(&v, ".", "spoofchk", (unsigned int)o->spoofchk);
	if (o->isolated >= 0)
		add_u(&v, ".", "isolated", (unsigned int)o->isolated);
	if (o->link >= 0)
		add(&v, ".", "link-state", xenvf_link_name(o->link));
	if (o->rate[0])
		add(&v, ".", "rate", o->rate);
	if (v.n > max)
		v.n = max;
	for (size_t i = 0; i < v.n; i++) {
		/* relative: drop the "./" */
		memmove(v.node[i].path, v.node[i].path + 2,
			strlen(v.node[i].path + 2) + 1);
		out[i] = v.node[i];
	}
	return v.n;
}

int xenvf_pick_vf(const bool *used)
{
	int i;

	for (i = 0; i < XENVF_MAX_VFS; i++)
		if (!used[i])
			return i;
	return -1;
}

const char *xenvf_state_name(const char *s)
{
	static const char *const names[] = {
		"Unknown", "Initialising", "InitWait", "Initialised",
		"Connected", "Closing", "Closed", "Reconfiguring", "Reconfigured",
	};

	if (!s)
		return "-";
	if (s[0] >= '0' && s[0] <= '8' && !s[1])
		return names[s[0] - '0'];
	return s;
}
