// SPDX-License-Identifier: GPL-2.0-only
/*
 * `xenvf evi ...`: parse (evi_args.c), build the request (evi_msg.c), send
 * it to the "xenvf_evi" generic netlink family of xenvf-back and print the
 * replies. This file only does the socket I/O.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "xenvf_evi.h"
#include "evi.h"
#include "evi_args.h"
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
	"  flush            forget every learned remote MAC\n";

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("xenvf: evi: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

int xenvf_cmd_evi(int argc, char **argv)
{
	static uint8_t req[4096];
	struct xenvf_evi_args a;
	char err[256], ext[256];
	uint16_t family = 0;
	uint32_t seq = (uint32_t)time(NULL);
	int fd, len, rc;

	if (xenvf_parse_evi(argc, argv, &a, err, sizeof(err)))
		return fail("%s", err);
	if (a.help) {
		fputs(usage_evi, stdout);
		return 0;
	}
	fd = nl_open();
	if (fd < 0)
		return fail("netlink socket: %s", strerror(-fd));
	len = xenvf_nl_build_getfamily(seq, req, sizeof(req));
	rc = len < 0 ? EMSGSIZE :
	     transact(fd, req, len, seq, family_reply, &family, ext, sizeof(ext));
	if (rc == -ENOENT || (!rc && !family)) {
		close(fd);
		return fail("no generic netlink family %s: is xenvf-back loaded?",
			    XENVF_EVI_GENL_NAME);
	}
	if (rc) {
		close(fd);
		return fail("looking up %s: %s", XENVF_EVI_GENL_NAME,
			    strerror(rc < 0 ? -rc : rc));
	}
	len = xenvf_evi_build(&a, family, ++seq, req, sizeof(req));
	rc = len < 0 ? EMSGSIZE :
	     transact(fd, req, len, seq, print_reply, &a, ext, sizeof(ext));
	close(fd);
	if (rc < 0)
		return fail("%s%s%s%s", ext[0] ? ext : strerror(-rc),
			    hint(-rc) ? " (" : "", hint(-rc) ?: "",
			    hint(-rc) ? ")" : "");
	if (rc == EPROTO)
		return fail("malformed reply from xenvf-back");
	if (rc)
		return fail("%s", strerror(rc));
	return 0;
}
