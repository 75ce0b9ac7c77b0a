// SPDX-License-Identifier: GPL-2.0-only
/*
 * The EVI config file of `xenvf evi save` / `load`. See evi_conf.h.
 * Pure: text in, commands out, and back; sending is the caller's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenvf_proto.h"
#include "evi_conf.h"

void xenvf_evi_conf_free(struct xenvf_evi_conf *c)
{
	free(c->cmd);
	free(c->line);
	memset(c, 0, sizeof(*c));
}

int xenvf_evi_conf_add(struct xenvf_evi_conf *c, const struct xenvf_evi_args *a,
		       unsigned int line)
{
	if (c->n >= XENVF_EVI_CONF_MAX)
		return -ENOSPC;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct xenvf_evi_args *cmd;
		unsigned int *l;

		cmd = realloc(c->cmd, cap * sizeof(*cmd));
		if (!cmd)
			return -ENOMEM;
		c->cmd = cmd;
		l = realloc(c->line, cap * sizeof(*l));
		if (!l)
			return -ENOMEM;
		c->line = l;
		c->cap = cap;
	}
	c->cmd[c->n] = *a;
	c->cmd[c->n].file = NULL;
	c->line[c->n] = line;
	c->n++;
	return 0;
}

static bool is_config_cmd(int cmd)
{
	return cmd == XENVF_EVI_CMD_SET || cmd == XENVF_EVI_CMD_PEER_ADD ||
	       cmd == XENVF_EVI_CMD_VLAN_ADD || cmd == XENVF_EVI_CMD_MAC_ADD;
}

/*
 * One line (@s, @len bytes, no newline) into @c: its words up to a '#',
 * parsed as `xenvf evi` parses them. 0, or -EINVAL with @err.
 */
static int parse_line(char *s, size_t len, unsigned int line,
		      struct xenvf_evi_conf *c, char *err, size_t errlen)
{
	char *argv[XENVF_EVI_CONF_WORDS];
	struct xenvf_evi_args a;
	int argc = 0, rc;
	char *p, *save = NULL, *end = s + len;

	if (memchr(s, '\0', len))
		return xenvf_errf(err, errlen, "a NUL byte");
	if (len > XENVF_EVI_CONF_LINE_MAX)
		return xenvf_errf(err, errlen, "longer than %d bytes",
				  XENVF_EVI_CONF_LINE_MAX);
	*end = '\0';
	p = strchr(s, '#');
	if (p)
		*p = '\0';
	for (p = strtok_r(s, " \t\r\v\f", &save); p;
	     p = strtok_r(NULL, " \t\r\v\f", &save)) {
		if (argc == XENVF_EVI_CONF_WORDS)
			return xenvf_errf(err, errlen, "more than %d words",
					  XENVF_EVI_CONF_WORDS);
		argv[argc++] = p;
	}
	if (!argc)
		return 0;
	rc = xenvf_parse_evi(argc, argv, &a, err, errlen);
	if (rc)
		return rc;
	if (a.help || !is_config_cmd(a.cmd))
		return xenvf_errf(err, errlen, "'%s' is not a config line (set, peer add, vlan add, mac add)",
				  argv[0]);
	rc = xenvf_evi_conf_add(c, &a, line);
	if (rc == -ENOSPC)
		return xenvf_errf(err, errlen, "more than %d commands",
				  XENVF_EVI_CONF_MAX);
	return rc;
}

int xenvf_evi_conf_parse(const char *text, size_t len,
			 struct xenvf_evi_conf *c, unsigned int *line,
			 char *err, size_t errlen)
{
	char *copy;
	size_t off = 0;
	int rc = 0;

	*line = 0;
	copy = malloc(len + 1);
	if (!copy)
		return -ENOMEM;
	if (len)
		memcpy(copy, text, len);
	copy[len] = '\0';
	while (off < len && !rc) {
		char *nl = memchr(copy + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (copy + off)) : len - off;

		++*line;
		rc = parse_line(copy + off, n, *line, c, err, errlen);
		off += n + 1;
	}
	free(copy);
	if (rc) {
		if (rc == -ENOMEM)
			xenvf_errf(err, errlen, "out of memory");
		xenvf_evi_conf_free(c);
		return rc;
	}
	*line = 0;
	return 0;
}

struct out {
	char *p;
	size_t len, used;
	bool full;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->len - o->used)
		o->full = true;
	else
		o->used += (size_t)n;
}

static void put_addr(struct out *o, const char *pre,
		     const struct xenvf_evi_addr *a)
{
	char s[INET6_ADDRSTRLEN];

	if (!inet_ntop(a->len == 4 ? AF_INET : AF_INET6, a->a, s, sizeof(s)))
		o->full = true;
	else
		put(o, "%s%s", pre, s);
}

static const char *onoff(int v)
{
	return v ? "on" : "off";
}

static void put_set(struct out *o, const struct xenvf_evi_args *a)
{
	put(o, "set");
	if (a->enabled != -1)
		put(o, a->enabled ? " enable" : " disable");
	if (a->local.len)
		put_addr(o, " local ", &a->local);
	if (a->use_key == 1)
		put(o, " key %lld", a->key);
	else if (a->use_key == 0)
		put(o, " nokey");
	if (a->ttl != -1)
		put(o, " ttl %d", a->ttl);
	if (a->dscp == XENVF_EVI_DSCP_INHERIT)
		put(o, " dscp inherit");
	else if (a->dscp != -1)
		put(o, " dscp %d", a->dscp);
	if (a->min_rx_ttl != -1)
		put(o, " min-rx-ttl %d", a->min_rx_ttl);
	if (a->flood_unknown != -1)
		put(o, " flood-unknown %s", onoff(a->flood_unknown));
	if (a->arp_suppress != -1)
		put(o, " arp-suppress %s", onoff(a->arp_suppress));
	if (a->aging != -1)
		put(o, " aging %ld", a->aging);
}

int xenvf_evi_conf_line(const struct xenvf_evi_args *a, char *buf, size_t len)
{
	struct out o = { .p = buf, .len = len };
	const uint8_t *m = a->mac;

	if (!len)
		return -ENOSPC;
	buf[0] = '\0';
	switch (a->cmd) {
	case XENVF_EVI_CMD_SET:
		put_set(&o, a);
		break;
	case XENVF_EVI_CMD_PEER_ADD:
		put_addr(&o, "peer add ", &a->peer);
		break;
	case XENVF_EVI_CMD_VLAN_ADD:
		put(&o, "vlan add %d", a->vid);
		break;
	case XENVF_EVI_CMD_MAC_ADD:
		put(&o, "mac add %d %02x:%02x:%02x:%02x:%02x:%02x", a->vid, m[0],
		    m[1], m[2], m[3], m[4], m[5]);
		put_addr(&o, " peer ", &a->peer);
		if (a->ipv4_set)
			put(&o, " ip %u.%u.%u.%u", a->ipv4[0], a->ipv4[1],
			    a->ipv4[2], a->ipv4[3]);
		break;
	default:
		return -EINVAL;
	}
	return o.full ? -ENOSPC : 0;
}

int xenvf_evi_conf_write(const struct xenvf_evi_conf *c, FILE *f)
{
	char line[XENVF_EVI_CONF_LINE_MAX];
	size_t i;

	fputs("# xenvf evi save: apply with xenvf evi load FILE\n", f);
	for (i = 0; i < c->n; i++) {
		if (xenvf_evi_conf_line(&c->cmd[i], line, sizeof(line)))
			return -EINVAL;
		fprintf(f, "%s\n", line);
	}
	return 0;
}

void xenvf_evi_conf_undo(const struct xenvf_evi_args *done,
			 const struct xenvf_evi_args *old,
			 struct xenvf_evi_args *undo)
{
	xenvf_evi_args_init(undo);
	switch (done->cmd) {
	case XENVF_EVI_CMD_PEER_ADD:
		undo->cmd = XENVF_EVI_CMD_PEER_DEL;
		undo->peer = done->peer;
		break;
	case XENVF_EVI_CMD_VLAN_ADD:
		undo->cmd = XENVF_EVI_CMD_VLAN_DEL;
		undo->vid = done->vid;
		break;
	case XENVF_EVI_CMD_MAC_ADD:
		undo->cmd = XENVF_EVI_CMD_MAC_DEL;
		undo->vid = done->vid;
		memcpy(undo->mac, done->mac, sizeof(undo->mac));
		undo->mac_set = true;
		break;
	default:	/* a set: every setting as it was */
		*undo = *old;
		undo->cmd = XENVF_EVI_CMD_SET;
		break;
	}
}

int xenvf_evi_conf_apply(const struct xenvf_evi_conf *c,
			 const struct xenvf_evi_args *old,
			 int (*send)(void *ctx, const struct xenvf_evi_args *a),
			 void *ctx, size_t *failed, int *undo_rc)
{
	struct xenvf_evi_args u;
	size_t i, j;
	int rc, r;

	*undo_rc = 0;
	for (i = 0; i < c->n; i++) {
		rc = send(ctx, &c->cmd[i]);
		if (!rc)
			continue;
		*failed = i;
		for (j = i; j-- > 0;) {
			xenvf_evi_conf_undo(&c->cmd[j], old, &u);
			r = send(ctx, &u);
			if (r && !*undo_rc)
				*undo_rc = r;
		}
		return rc;
	}
	return 0;
}
