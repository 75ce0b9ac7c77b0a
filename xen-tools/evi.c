// SPDX-License-Identifier: GPL-2.0-only
/*
 * `xenvf evi ...`: parse (evi_args.c), build the request (evi_msg.c), send
 * it to the "xenvf_evi" generic netlink family of xenvf-back and print the
 * replies. This file only does the socket I/O.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "xenvf_evi.h"
#include "evi.h"
#include "msg.h"
#include "evi_args.h"
#include "evi_conf.h"
#include "evi_msg.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

static const char usage_evi[] =
	"Usage: xenvf evi [show] [-j|--json]\n"
	"       xenvf evi set [enable|disable] [local ADDR] [key N|nokey] [ttl N]\n"
	"                     [dscp N|inherit] [min-rx-ttl N] [flood-unknown on|off]\n"
	"                     [arp-suppress on|off] [aging SECS]\n"
	"       xenvf evi peer add|del ADDR | peer [list]\n"
	"       xenvf evi vlan add|del VID | vlan [list]\n"
	"       xenvf evi mac add VID MAC peer ADDR [ip IPV4] | mac del VID MAC\n"
	"       xenvf evi mac [list] [VID]\n"
	"       xenvf evi flush\n"
	"       xenvf evi save [FILE] | load FILE\n"
	"EVI (Ethernet in GRE between sites) of xenvf-back, over the generic\n"
	"netlink family xenvf_evi (changes need CAP_NET_ADMIN; show and the lists\n"
	"do not).\n"
	"  show             settings, GRE overhead and every counter (-j: one JSON\n"
	"                   object, xenvf(1) JSON)\n"
	"  set              change settings; others keep their value:\n"
	"    local ADDR       outer source, IPv4 or IPv6 (peers: the same family)\n"
	"    key N | nokey    GRE key 0..4294967295 (the EVI network ID) or none\n"
	"    ttl N            outer TTL / hop limit 1..255 (default 64)\n"
	"    dscp N|inherit   outer DSCP 0..63, or the inner IP's\n"
	"    min-rx-ttl N     drop received outer TTL below N, 0..255\n"
	"    flood-unknown    send unknown unicast to every peer (default off)\n"
	"    arp-suppress     answer ARP for known remote IP/MAC pairs (default off)\n"
	"    aging SECS       learned remote MACs age out, 10..86400 (default 300)\n"
	"  peer             remote edge devices, with their counters\n"
	"  vlan             extended VLANs, VID 0..4094 (0: untagged frames)\n"
	"  mac              local (the VFs') and remote MACs; add/del: static remote\n"
	"  flush            forget every learned remote MAC\n"
	"  save             the settings, peers, VLANs and static MACs as lines\n"
	"                   load takes (FILE, or standard output)\n"
	"  load             check every line of FILE, then apply them; a line\n"
	"                   refused undoes the ones before it (nothing half done)\n";

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = xenvf_vdie("evi", fmt, ap);
	va_end(ap);
	return rc;
}

/* "xenvf: FILE:LINE: reason" (LINE 0: "xenvf: FILE: reason"); returns 1. */
static int fail_file(const char *file, unsigned int line, const char *why)
{
	if (line)
		fprintf(stderr, "xenvf: %s:%u: %s\n", file, line, why);
	else
		fprintf(stderr, "xenvf: %s: %s\n", file, why);
	return 1;
}

static int nl_open(void)
{
	struct timeval tv = { .tv_sec = 10 };
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	/* the extack message with errors, without the request echoed */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/*
 * Send @req and read until its ack (or the end of a dump). Every reply
 * message is given to @fn. Returns 0, a negative errno from the kernel
 * with *@ext its extack message, or a positive errno for local failures.
 */
static int transact(int fd, const void *req, int len, uint32_t seq,
		    int (*fn)(const struct nlmsghdr *m, void *ctx), void *ctx,
		    char *ext, size_t extlen)
{
	static uint8_t buf[65536];
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	const struct nlmsghdr *m;
	const char *e;
	int rc, error;

	ext[0] = 0;
	if (sendto(fd, req, (size_t)len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) != len)
		return errno;
	for (;;) {
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(fd, &mh, 0);
		size_t off = 0;

		if (n < 0)
			return errno == EAGAIN ? ETIMEDOUT : errno;
		if (mh.msg_flags & MSG_TRUNC)
			return EMSGSIZE;
		while ((rc = xenvf_nl_next(buf, (size_t)n, &off, &m)) > 0) {
			if (m->nlmsg_seq != seq)
				continue;
			if (m->nlmsg_type == NLMSG_DONE) {
				if (m->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
					memcpy(&error, NLMSG_DATA(m), sizeof(int));
					return error < 0 ? error : 0;
				}
				return 0;
			}
			if (m->nlmsg_type == NLMSG_ERROR) {
				if (xenvf_nl_error(m, &error, &e))
					return EPROTO;
				if (e)
					snprintf(ext, extlen, "%s", e);
				return -error;
			}
			if (m->nlmsg_type == NLMSG_NOOP)
				continue;
			rc = fn(m, ctx);
			if (rc)
				return rc;
		}
		if (rc < 0)
			return EPROTO;
	}
}

static int family_reply(const struct nlmsghdr *m, void *ctx)
{
	return xenvf_nl_family_id(m, ctx) ? EPROTO : 0;
}

static int print_reply(const struct nlmsghdr *m, void *ctx)
{
	const struct xenvf_evi_args *a = ctx;
	static char text[8192];
	size_t used = 0;
	int rc;

	if (a->json && a->cmd == XENVF_EVI_CMD_GET) {
		/* whole or nothing: a malformed reply prints no half object */
		FILE *f = fmemopen(text, sizeof(text), "w");

		if (!f)
			return ENOMEM;
		rc = xenvf_evi_json(m, f);
		used = ftell(f) < 0 ? 0 : (size_t)ftell(f);
		if (fclose(f) || used >= sizeof(text))
			return rc ? -rc : ENOSPC;
		if (rc)
			return -rc;
		fwrite(text, 1, used, stdout);
		return 0;
	}
	rc = xenvf_evi_format(ctx, m, text, sizeof(text), &used);
	if (rc)
		return -rc;
	fputs(text, stdout);
	return 0;
}

/* What a kernel errno means for the user of this command. */
static const char *hint(int err)
{
	switch (err) {
	case EPERM:
		return "needs CAP_NET_ADMIN";
	case EEXIST:
		return "already configured";
	case ENOENT:
		return "not configured";
	case ENOSPC:
		return "table full";
	case EADDRNOTAVAIL:
		return "set the local address first (xenvf evi set local ADDR)";
	default:
		return NULL;
	}
}

/* One socket to the family, its id and the next sequence number. */
struct evi_conn {
	int fd;
	uint16_t family;
	uint32_t seq;
	char ext[256];		/* the extack message of the last error */
};

static int conn_open(struct evi_conn *c)
{
	static uint8_t req[256];
	int len, rc;

	memset(c, 0, sizeof(*c));
	c->seq = (uint32_t)time(NULL);
	c->fd = nl_open();
	if (c->fd < 0)
		return fail("netlink socket: %s", strerror(-c->fd));
	len = xenvf_nl_build_getfamily(c->seq, req, sizeof(req));
	rc = len < 0 ? EMSGSIZE :
	     transact(c->fd, req, len, c->seq, family_reply, &c->family, c->ext,
		      sizeof(c->ext));
	if (rc == -ENOENT || (!rc && !c->family)) {
		close(c->fd);
		return fail("no generic netlink family %s: is xenvf-back loaded?",
			    XENVF_EVI_GENL_NAME);
	}
	if (rc) {
		close(c->fd);
		return fail("looking up %s: %s", XENVF_EVI_GENL_NAME,
			    strerror(rc < 0 ? -rc : rc));
	}
	return 0;
}

/* The request of @a; every reply message to @fn. transact()'s result. */
static int conn_do(struct evi_conn *c, const struct xenvf_evi_args *a,
		   int (*fn)(const struct nlmsghdr *m, void *ctx), void *ctx)
{
	static uint8_t req[4096];
	int len;

	len = xenvf_evi_build(a, c->family, ++c->seq, req, sizeof(req));
	return len < 0 ? EMSGSIZE :
	       transact(c->fd, req, len, c->seq, fn, ctx, c->ext, sizeof(c->ext));
}

/* What went wrong, as one line's text: the kernel's message and meaning. */
static void describe(int rc, const char *ext, char *buf, size_t len)
{
	if (rc < 0)
		snprintf(buf, len, "%s%s%s%s", ext[0] ? ext : strerror(-rc),
			 hint(-rc) ? " (" : "", hint(-rc) ?: "",
			 hint(-rc) ? ")" : "");
	else if (rc == EPROTO)
		snprintf(buf, len, "malformed reply from xenvf-back");
	else
		snprintf(buf, len, "%s", strerror(rc));
}

static int ignore_reply(const struct nlmsghdr *m, void *ctx)
{
	(void)m;
	(void)ctx;
	return 0;
}

/* evi save: the replies of one GET or dump, as config commands. */
struct collect {
	int cmd;
	struct xenvf_evi_conf *conf;
	struct xenvf_evi_args *settings;	/* GET */
	int rc;
};

static int collect_reply(const struct nlmsghdr *m, void *ctx)
{
	struct collect *k = ctx;
	struct xenvf_evi_args a;
	int rc = xenvf_evi_reply_args(k->cmd, m, &a);

	if (rc < 0)
		return EPROTO;
	if (rc > 0)
		return 0;
	if (k->settings) {
		*k->settings = a;
		return 0;
	}
	rc = xenvf_evi_conf_add(k->conf, &a, 0);
	if (rc)
		k->rc = rc;
	return rc ? (rc == -ENOMEM ? ENOMEM : ENOSPC) : 0;
}

/* The settings now (a set of every one, enabled included). 0 or 1. */
static int read_settings(struct evi_conn *c, struct xenvf_evi_args *set)
{
	struct collect k = { .cmd = XENVF_EVI_CMD_GET, .settings = set };
	struct xenvf_evi_args get;
	char why[300];
	int rc;

	xenvf_evi_args_init(&get);
	xenvf_evi_args_init(set);
	get.cmd = XENVF_EVI_CMD_GET;
	rc = conn_do(c, &get, collect_reply, &k);
	if (!rc && set->cmd != XENVF_EVI_CMD_SET)
		rc = EPROTO;
	if (rc) {
		describe(rc, c->ext, why, sizeof(why));
		return fail("reading the settings: %s", why);
	}
	return 0;
}

static int cmd_save(struct evi_conn *c, const char *file)
{
	static const int dumps[] = { XENVF_EVI_CMD_PEER_GET,
				     XENVF_EVI_CMD_VLAN_GET,
				     XENVF_EVI_CMD_MAC_GET };
	struct xenvf_evi_conf conf = { 0 };
	struct xenvf_evi_args set, en, d;
	char why[300];
	size_t i;
	FILE *f;
	int rc;

	if (read_settings(c, &set))
		return 1;
	/* settings first, enable last: peers need the local address */
	xenvf_evi_args_init(&en);
	en.cmd = XENVF_EVI_CMD_SET;
	en.enabled = set.enabled == -1 ? 0 : set.enabled;
	set.enabled = -1;
	rc = xenvf_evi_conf_add(&conf, &set, 0);
	for (i = 0; !rc && i < sizeof(dumps) / sizeof(dumps[0]); i++) {
		struct collect k = { .cmd = dumps[i], .conf = &conf };

		xenvf_evi_args_init(&d);
		d.cmd = dumps[i];
		d.dump = true;
		rc = conn_do(c, &d, collect_reply, &k);
		if (rc) {
			describe(rc, c->ext, why, sizeof(why));
			xenvf_evi_conf_free(&conf);
			return fail("reading the %s: %s", i == 0 ? "peers" :
				    i == 1 ? "VLANs" : "MACs", why);
		}
	}
	if (!rc)
		rc = xenvf_evi_conf_add(&conf, &en, 0);
	if (rc) {
		xenvf_evi_conf_free(&conf);
		return fail("save: %s", strerror(-rc));
	}
	f = file ? fopen(file, "w") : stdout;
	if (!f) {
		xenvf_evi_conf_free(&conf);
		return fail_file(file, 0, strerror(errno));
	}
	rc = xenvf_evi_conf_write(&conf, f);
	xenvf_evi_conf_free(&conf);
	if (fflush(f) || ferror(f))
		rc = errno ? -errno : -EIO;
	if (file && fclose(f) && !rc)
		rc = -errno;
	if (rc)
		return fail_file(file ? file : "standard output", 0,
					   rc == -EINVAL ? "a reply that cannot be written as a line" :
					   strerror(-rc));
	return 0;
}

/* load: each command sent, the first failure's message kept. */
struct load_ctx {
	struct evi_conn *c;
	int first;		/* the refused step's error, 0 until then */
	char ext[256];
	char undo_why[300];	/* the first undo that failed */
};

static int load_send(void *ctx, const struct xenvf_evi_args *a)
{
	struct load_ctx *l = ctx;
	int rc = conn_do(l->c, a, ignore_reply, NULL);

	if (rc && !l->first) {
		l->first = rc;
		snprintf(l->ext, sizeof(l->ext), "%s", l->c->ext);
	} else if (rc && !l->undo_why[0]) {
		describe(rc, l->c->ext, l->undo_why, sizeof(l->undo_why));
	}
	return rc;
}

/* The whole of @file into a NUL-terminated buffer. NULL with the error. */
static char *read_file(const char *file, size_t *len)
{
	FILE *f = fopen(file, "r");
	char *buf;
	size_t n;

	if (!f) {
		fail_file(file, 0, strerror(errno));
		return NULL;
	}
	buf = malloc(XENVF_EVI_CONF_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		fail_file(file, 0, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, XENVF_EVI_CONF_FILE_MAX + 1, f);
	if (ferror(f) || n > XENVF_EVI_CONF_FILE_MAX) {
		fail_file(file, 0, ferror(f) ? strerror(errno) :
				    "larger than 1 MiB");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int cmd_load(const char *file)
{
	struct xenvf_evi_conf conf = { 0 };
	struct xenvf_evi_args old;
	struct load_ctx l = { 0 };
	struct evi_conn c;
	char err[700], why[300];
	unsigned int line;
	size_t len, failed = 0;
	int undo_rc, rc;
	char *text;

	text = read_file(file, &len);
	if (!text)
		return 1;
	/* every line checked before anything is sent */
	rc = xenvf_evi_conf_parse(text, len, &conf, &line, err, sizeof(err));
	free(text);
	if (rc)
		return fail_file(file, line, err);
	if (conn_open(&c)) {
		xenvf_evi_conf_free(&conf);
		return 1;
	}
	if (read_settings(&c, &old)) {
		close(c.fd);
		xenvf_evi_conf_free(&conf);
		return 1;
	}
	l.c = &c;
	rc = xenvf_evi_conf_apply(&conf, &old, load_send, &l, &failed, &undo_rc);
	close(c.fd);
	if (rc) {
		describe(rc, l.ext, why, sizeof(why));
		snprintf(err, sizeof(err), "%s; %s", why,
			 undo_rc ? "undoing the lines before it failed too: " :
			 "nothing applied");
		if (undo_rc)
			strncat(err, l.undo_why, sizeof(err) - strlen(err) - 1);
		line = conf.line[failed];
		xenvf_evi_conf_free(&conf);
		return fail_file(file, line, err);
	}
	xenvf_evi_conf_free(&conf);
	return 0;
}

int xenvf_cmd_evi(int argc, char **argv)
{
	struct xenvf_evi_args a;
	struct evi_conn c;
	char err[256], why[300];
	int rc;

	if (xenvf_parse_evi(argc, argv, &a, err, sizeof(err)))
		return fail("%s", err);
	if (a.help) {
		fputs(usage_evi, stdout);
		return 0;
	}
	if (a.cmd == XENVF_EVI_TOOL_LOAD)
		return cmd_load(a.file);
	if (conn_open(&c))
		return 1;
	if (a.cmd == XENVF_EVI_TOOL_SAVE) {
		rc = cmd_save(&c, a.file);
		close(c.fd);
		return rc;
	}
	rc = conn_do(&c, &a, print_reply, &a);
	close(c.fd);
	if (rc) {
		describe(rc, c.ext, why, sizeof(why));
		return fail("%s", why);
	}
	return 0;
}
