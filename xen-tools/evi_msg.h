/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Generic netlink messages of `xenvf evi`: the requests to the "xenvf_evi"
 * family (common/proto/xenvf_evi.h) built into a buffer, and its replies,
 * acks and errors (with the extack message) checked and turned into the
 * text the tool prints. Pure functions on byte buffers, no sockets:
 * unit-tested with golden bytes in tests/unit/test_evi.c.
 */
#ifndef XENVF_EVI_MSG_H
#define XENVF_EVI_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "evi_args.h"

#define XENVF_NL_BUF	32768	/* requests are small; replies are one page */

/*
 * The request for @a to family @family with sequence number @seq, written
 * to @buf. Returns its length, or -ENOSPC if @len is too small.
 */
int xenvf_evi_build(const struct xenvf_evi_args *a, uint16_t family,
		    uint32_t seq, void *buf, size_t len);

/* CTRL_CMD_GETFAMILY for "xenvf_evi" to the nlctrl family. As above. */
int xenvf_nl_build_getfamily(uint32_t seq, void *buf, size_t len);

/*
 * Step through the netlink messages of one datagram: *@off is where the
 * next one starts (0 at first). 1 and *@msg set, 0 at the end, or -EPROTO
 * for a truncated or malformed header.
 */
struct nlmsghdr;
int xenvf_nl_next(const void *buf, size_t len, size_t *off,
		  const struct nlmsghdr **msg);

/* The largest errno a kernel returns (MAX_ERRNO). */
#define XENVF_NL_ERRNO_MAX	4095

/*
 * An NLMSG_ERROR message: *@error gets its errno (0: an ack), *@ext the
 * extack message when the kernel sent one (NUL-terminated in the buffer),
 * else NULL. 0, or -EPROTO if malformed (an error code that is positive or
 * below -XENVF_NL_ERRNO_MAX included).
 */
int xenvf_nl_error(const struct nlmsghdr *msg, int *error, const char **ext);

/* The family id in a CTRL_CMD_NEWFAMILY reply. 0 or -EPROTO. */
int xenvf_nl_family_id(const struct nlmsghdr *msg, uint16_t *id);

/*
 * The text of one reply message of the xenvf_evi family to the command in
 * @a (GET, or one entry of a PEER/VLAN/MAC dump), appended to @out at
 * *@used. A MAC entry of another VID than a->vid (when >= 0) prints
 * nothing. 0, -EPROTO (malformed reply: bad attribute lengths) or -ENOSPC.
 */
/*
 * evi show -j: the GET reply as one JSON object (json.h) on @f: enabled,
 * local, use_key, key, ttl, dscp (a number or "inherit"), min_rx_ttl,
 * aging, flood_unknown, arp_suppress, overhead, counters (name: number);
 * null where the reply has no such attribute. 0 or -EPROTO, before any
 * output.
 */
int xenvf_evi_json(const struct nlmsghdr *msg, FILE *f);
int xenvf_evi_format(const struct xenvf_evi_args *a,
		     const struct nlmsghdr *msg, char *out, size_t outlen,
		     size_t *used);

/*
 * evi save: a reply to @cmd as the command that recreates it: the GET
 * reply as one set of every setting (enabled included), a PEER_GET entry
 * as peer add, VLAN_GET as vlan add, a static MAC_GET entry as mac add
 * (with its ip). 0 with @a filled; 1 for a MAC entry that is not static
 * (local or learned: not config); -EPROTO for a malformed reply or a value
 * the CLI would refuse; -EINVAL for another @cmd.
 */
int xenvf_evi_reply_args(int cmd, const struct nlmsghdr *msg,
			 struct xenvf_evi_args *a);

/* Name of global counter @i (XENVF_EVI_S_*) as printed, or NULL. */
const char *xenvf_evi_stat_name(unsigned int i);

#endif /* XENVF_EVI_MSG_H */
