// SPDX-License-Identifier: GPL-2.0-only
/*
 * Definitions as data: built from an xl config, written and read as text,
 * matched against a domain. See vfdef.h. Pure: no I/O.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xenvf_proto.h"
#include "nodes.h"
#include "vfdef.h"

int xenvf_parse_uuid(const char *s, uint8_t out[XENVF_UUID_LEN])
{
	uint8_t u[XENVF_UUID_LEN];
	size_t i, k = 0;

	if (!s || strlen(s) != XENVF_UUID_STR - 1)
		return -EINVAL;
	for (i = 0; i < XENVF_UUID_STR - 1; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return -EINVAL;
			continue;
		}
		if (!isxdigit((unsigned char)s[i]))
			return -EINVAL;
	}
	for (i = 0; i < XENVF_UUID_STR - 1; i += 2) {
		unsigned int v;

		if (s[i] == '-')
			i++;
		if (sscanf(s + i, "%2x", &v) != 1)
			return -EINVAL;
		u[k++] = (uint8_t)v;
	}
	memcpy(out, u, sizeof(u));
	return 0;
}

void xenvf_format_uuid(char *buf, size_t len, const uint8_t u[XENVF_UUID_LEN])
{
	snprintf(buf, len,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		 u[10], u[11], u[12], u[13], u[14], u[15]);
}

int xenvf_def_check_name(const char *name, char *err, size_t errlen)
{
	struct xenvf_domarg d;

	if (!name || !*name)
		return xenvf_errf(err, errlen, "no name = \"...\" (xl needs one)");
	if (xenvf_parse_domarg(name, &d, NULL, 0) || d.is_id || name[0] == '.' ||
	    strlen(name) > XENVF_DEF_NAME_MAX)
		return xenvf_errf(err, errlen, "domain name '%s' is not usable", name);
	return 0;
}

static const struct xenvf_vf_opts *old_vf(const struct xenvf_def *old, int vf)
{
	size_t i;

	for (i = 0; old && i < old->n; i++)
		if (old->vf[i].vf == vf)
			return &old->vf[i];
	return NULL;
}

/* VF numbers and MACs of d->vf[0..d->n-1] are unique; else -EINVAL. */
static int check_unique(const struct xenvf_def *d, char *err, size_t errlen)
{
	char m[32];
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		for (k = 0; k < i; k++) {
			if (d->vf[k].vf == d->vf[i].vf)
				return xenvf_errf(err, errlen, "two VFs with vf=%d",
						  d->vf[i].vf);
			if (!memcmp(d->vf[k].mac, d->vf[i].mac, XENVF_MAC_LEN)) {
				xenvf_format_mac(m, sizeof(m), d->vf[i].mac);
				return xenvf_errf(err, errlen, "two VFs with mac=%s", m);
			}
		}
	}
	return 0;
}

int xenvf_def_build(struct xenvf_def *d, const struct xenvf_xlcfg *c,
		    const char *name_override, const struct xenvf_def *old,
		    const uint8_t *rnd, char *err, size_t errlen)
{
	char e[XENVF_ERR_LEN];
	const char *name = name_override ? name_override : c->name;
	bool used[XENVF_MAX_VFS] = { false };
	size_t i, k;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = xenvf_def_check_name(name, err, errlen);
	if (rc)
		return rc;
	snprintf(d->name, sizeof(d->name), "%s", name);
	if (c->uuid) {
		if (xenvf_parse_uuid(c->uuid, d->uuid))
			return xenvf_errf(err, errlen, "uuid '%s' is not xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
					  c->uuid);
		d->has_uuid = true;
	}
	if (!c->n)
		return xenvf_errf(err, errlen, "no xenvf = [ ... ] entries");
	for (i = 0; i < c->n; i++) {
		struct xenvf_vf_opts *o = &d->vf[i];

		if (xenvf_opts_parse_entry(o, c->entries[i], e, sizeof(e)))
			return xenvf_errf(err, errlen, "xenvf entry %zu \"%s\": %s",
					  i + 1, c->entries[i], e);
		for (k = 0; k < i && o->vf >= 0; k++)
			if (d->vf[k].vf == o->vf)
				return xenvf_errf(err, errlen, "xenvf entries %zu and %zu both ask for vf %d",
						  k + 1, i + 1, o->vf);
		if (o->vf >= 0)
			used[o->vf] = true;
	}
	d->n = c->n;
	for (i = 0; i < d->n; i++) {
		struct xenvf_vf_opts *o = &d->vf[i];
		const struct xenvf_vf_opts *prev;

		if (o->vf < 0) {
			o->vf = xenvf_pick_vf(used);
			used[o->vf] = true;	/* at most 63 entries: never -1 */
		}
		if (o->mac_set)
			continue;
		prev = old_vf(old, o->vf);
		if (prev && prev->mac_set)
			memcpy(o->mac, prev->mac, XENVF_MAC_LEN);
		else
			xenvf_random_mac(rnd + 3 * i, o->mac);
		o->mac_set = true;
	}
	return check_unique(d, err, errlen);
}

/* Append to @buf at *off; false once it is full. */
static bool put(char *buf, size_t len, size_t *off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static bool put(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*off >= len)
		return false;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len - *off) {
		*off = len;
		return false;
	}
	*off += (size_t)n;
	return true;
}

int xenvf_opts_format(const struct xenvf_vf_opts *o, char *buf, size_t len)
{
	static const struct {
		const char *key;
		size_t off;
		bool is_bool;
	} ints[] = {
		{ "vf", offsetof(struct xenvf_vf_opts, vf), false },
		{ "vlan", offsetof(struct xenvf_vf_opts, vlan), false },
		{ "qos", offsetof(struct xenvf_vf_opts, qos), false },
		{ "trust", offsetof(struct xenvf_vf_opts, trust), true },
		{ "spoofchk", offsetof(struct xenvf_vf_opts, spoofchk), true },
		{ "isolated", offsetof(struct xenvf_vf_opts, isolated), true },
		{ "queues", offsetof(struct xenvf_vf_opts, queues), false },
		{ "mtu", offsetof(struct xenvf_vf_opts, mtu), false },
		{ "hw-vf", offsetof(struct xenvf_vf_opts, hw_vf), false },
	};
	size_t off = 0, i;
	char m[32];
	bool first = true;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int v = *(const int *)((const char *)o + ints[i].off);

		if (v < 0)
			continue;
		if (ints[i].is_bool ?
		    !put(buf, len, &off, "%s%s=%s", first ? "" : ",", ints[i].key,
			 v ? "on" : "off") :
		    !put(buf, len, &off, "%s%s=%d", first ? "" : ",", ints[i].key, v))
			return -ENOSPC;
		first = false;
		if (i == 0 && o->mac_set) {	/* mac right after vf */
			xenvf_format_mac(m, sizeof(m), o->mac);
			if (!put(buf, len, &off, ",mac=%s", m))
				return -ENOSPC;
		}
	}
	if (o->rate[0]) {
		if (!put(buf, len, &off, "%srate=%s", first ? "" : ",", o->rate))
			return -ENOSPC;
		first = false;
	}
	if (o->vf < 0 && o->mac_set) {
		xenvf_format_mac(m, sizeof(m), o->mac);
		if (!put(buf, len, &off, "%smac=%s", first ? "" : ",", m))
			return -ENOSPC;
		first = false;
	}
	if (o->link >= 0) {
		if (!put(buf, len, &off, "%slink=%s", first ? "" : ",",
			 xenvf_link_name(o->link)))
			return -ENOSPC;
		first = false;
	}
	if (o->vifname[0]) {
		if (!put(buf, len, &off, "%svifname=%s", first ? "" : ",",
			 o->vifname))
			return -ENOSPC;
		first = false;
	}
	if (o->script[0] &&
	    !put(buf, len, &off, "%sscript=%s", first ? "" : ",", o->script))
		return -ENOSPC;
	return (int)off;
}

int xenvf_def_format(const struct xenvf_def *d, char *buf, size_t len)
{
	char line[XENVF_DEF_LINE_MAX], u[XENVF_UUID_STR];
	size_t off = 0, i;

	if (!put(buf, len, &off, "# xenvf definition (xenvf define); read by xenvf watch\nname=%s\n",
		 d->name))
		return -ENOSPC;
	if (d->has_uuid) {
		xenvf_format_uuid(u, sizeof(u), d->uuid);
		if (!put(buf, len, &off, "uuid=%s\n", u))
			return -ENOSPC;
	}
	for (i = 0; i < d->n; i++) {
		if (xenvf_opts_format(&d->vf[i], line, sizeof(line)) < 0 ||
		    !put(buf, len, &off, "%s\n", line))
			return -ENOSPC;
	}
	return (int)off;
}

static int line_fail(char *err, size_t errlen, int line, const char *what,
		     const char *detail)
{
	return xenvf_errf(err, errlen, "line %d: %s%s%s", line, what,
			  detail ? ": " : "", detail ? detail : "");
}

int xenvf_def_parse(const char *text, struct xenvf_def *d, char *err,
		    size_t errlen)
{
	char line[XENVF_DEF_LINE_MAX], e[XENVF_ERR_LEN];
	const char *p = text, *nl;
	bool has_name = false;
	int ln = 0;
	size_t len;

	memset(d, 0, sizeof(*d));
	while (*p) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		ln++;
		if (len >= sizeof(line))
			return line_fail(err, errlen, ln, "line too long", NULL);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl ? 1 : 0);
		if (!len || line[0] == '#')
			continue;
		if (!strncmp(line, "name=", 5)) {
			if (has_name)
				return line_fail(err, errlen, ln, "name given twice", NULL);
			if (xenvf_def_check_name(line + 5, e, sizeof(e)))
				return line_fail(err, errlen, ln, e, NULL);
			snprintf(d->name, sizeof(d->name), "%.*s", XENVF_DEF_NAME_MAX, line + 5);
			has_name = true;
		} else if (!strncmp(line, "uuid=", 5)) {
			if (d->has_uuid || xenvf_parse_uuid(line + 5, d->uuid))
				return line_fail(err, errlen, ln, "bad or repeated uuid",
						 line + 5);
			d->has_uuid = true;
		} else if (!strncmp(line, "vf=", 3)) {
			struct xenvf_vf_opts *o = &d->vf[d->n];

			if (d->n >= XENVF_XLCFG_MAX_ENTRIES)
				return line_fail(err, errlen, ln, "too many VFs", NULL);
			if (xenvf_opts_parse_entry(o, line, e, sizeof(e)))
				return line_fail(err, errlen, ln, e, NULL);
			if (!o->mac_set)
				return line_fail(err, errlen, ln, "a VF without mac=", NULL);
			d->n++;
			if (check_unique(d, e, sizeof(e)))
				return line_fail(err, errlen, ln, e, NULL);
		} else {
			return line_fail(err, errlen, ln, "not name=, uuid= or vf=", line);
		}
	}
	if (!has_name)
		return xenvf_errf(err, errlen, "no name= line");
	return 0;
}

bool xenvf_def_matches(const struct xenvf_def *d, const char *name,
		       const uint8_t *uuid)
{
	if (d->has_uuid)
		return uuid && !memcmp(d->uuid, uuid, XENVF_UUID_LEN);
	return name && !strcmp(d->name, name);
}

bool xenvf_def_remove_vf(struct xenvf_def *d, int vf)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->vf[i].vf != vf)
			continue;
		memmove(&d->vf[i], &d->vf[i + 1], (d->n - i - 1) * sizeof(d->vf[0]));
		d->n--;
		return true;
	}
	return false;
}
