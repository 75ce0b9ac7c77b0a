// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic netlink messages of `xenvf evi`. See evi_msg.h. Pure: builds and
 * reads byte buffers; the socket is in evi.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "xenvf_proto.h"
#include "xenvf_evi.h"
#include "evi_msg.h"
#include "json.h"

/* ---- building ---- */

struct nlbuf {
	uint8_t *p;
	size_t len;
	size_t used;
	bool full;
};

static void *room(struct nlbuf *b, size_t n)
{
	void *p;

	if (b->full || b->len - b->used < NLMSG_ALIGN(n)) {
		b->full = true;
		return NULL;
	}
	p = b->p + b->used;
	memset(p, 0, NLMSG_ALIGN(n));
	b->used += NLMSG_ALIGN(n);
	return p;
}

static void put(struct nlbuf *b, uint16_t type, const void *data, size_t n)
{
	struct nlattr *nla = room(b, NLA_HDRLEN + n);

	if (!nla)
		return;
	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + n);
	memcpy((uint8_t *)nla + NLA_HDRLEN, data, n);
}

static void put_u8(struct nlbuf *b, uint16_t type, int v)
{
	uint8_t u = (uint8_t)v;

	put(b, type, &u, 1);
}

static void put_u16(struct nlbuf *b, uint16_t type, int v)
{
	uint16_t u = (uint16_t)v;

	put(b, type, &u, 2);
}

static void put_u32(struct nlbuf *b, uint16_t type, long long v)
{
	uint32_t u = (uint32_t)v;

	put(b, type, &u, 4);
}

static void put_addr(struct nlbuf *b, uint16_t type,
		     const struct xenvf_evi_addr *a)
{
	if (a->len)
		put(b, type, a->a, a->len);
}

/* nlmsghdr + genlmsghdr; the caller fills nlmsg_len at the end. */
static struct nlmsghdr *start(struct nlbuf *b, uint16_t type, uint16_t flags,
			      uint32_t seq, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nlh = room(b, NLMSG_HDRLEN);
	struct genlmsghdr *g = room(b, GENL_HDRLEN);

	if (!nlh || !g)
		return NULL;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

static int finish(struct nlbuf *b, struct nlmsghdr *nlh)
{
	if (b->full || !nlh)
		return -ENOSPC;
	nlh->nlmsg_len = (uint32_t)b->used;
	return (int)b->used;
}

int xenvf_evi_build(const struct xenvf_evi_args *a, uint16_t family,
		    uint32_t seq, void *buf, size_t len)
{
	struct nlbuf b = { .p = buf, .len = len };
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;
	struct nlmsghdr *nlh;

	if (a->dump)
		flags |= NLM_F_DUMP;
	nlh = start(&b, family, flags, seq, (uint8_t)a->cmd,
		    XENVF_EVI_GENL_VERSION);
	switch (a->cmd) {
	case XENVF_EVI_CMD_SET:
		if (a->enabled != -1)
			put_u8(&b, XENVF_EVI_A_ENABLED, a->enabled);
		put_addr(&b, XENVF_EVI_A_LOCAL, &a->local);
		if (a->use_key == 1)
			put_u32(&b, XENVF_EVI_A_KEY, a->key);
		if (a->use_key != -1)
			put_u8(&b, XENVF_EVI_A_USE_KEY, a->use_key);
		if (a->ttl != -1)
			put_u8(&b, XENVF_EVI_A_TTL, a->ttl);
		if (a->dscp != -1)
			put_u8(&b, XENVF_EVI_A_DSCP, a->dscp);
		if (a->min_rx_ttl != -1)
			put_u8(&b, XENVF_EVI_A_MIN_RX_TTL, a->min_rx_ttl);
		if (a->flood_unknown != -1)
			put_u8(&b, XENVF_EVI_A_FLOOD_UNKNOWN, a->flood_unknown);
		if (a->arp_suppress != -1)
			put_u8(&b, XENVF_EVI_A_ARP_SUPPRESS, a->arp_suppress);
		if (a->aging != -1)
			put_u32(&b, XENVF_EVI_A_AGING, a->aging);
		break;
	case XENVF_EVI_CMD_PEER_ADD:
	case XENVF_EVI_CMD_PEER_DEL:
		put_addr(&b, XENVF_EVI_A_PEER_ADDR, &a->peer);
		break;
	case XENVF_EVI_CMD_VLAN_ADD:
	case XENVF_EVI_CMD_VLAN_DEL:
		put_u16(&b, XENVF_EVI_A_VID, a->vid);
		break;
	case XENVF_EVI_CMD_MAC_ADD:
	case XENVF_EVI_CMD_MAC_DEL:
		put_u16(&b, XENVF_EVI_A_VID, a->vid);
		put(&b, XENVF_EVI_A_MAC, a->mac, XENVF_MAC_LEN);
		put_addr(&b, XENVF_EVI_A_PEER_ADDR, &a->peer);
		if (a->ipv4_set)
			put(&b, XENVF_EVI_A_IPV4, a->ipv4, 4);
		break;
	default:	/* GET, the dumps and FLUSH carry no attribute */
		break;
	}
	return finish(&b, nlh);
}

int xenvf_nl_build_getfamily(uint32_t seq, void *buf, size_t len)
{
	struct nlbuf b = { .p = buf, .len = len };
	struct nlmsghdr *nlh;

	nlh = start(&b, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, seq,
		    CTRL_CMD_GETFAMILY, 1);
	put(&b, CTRL_ATTR_FAMILY_NAME, XENVF_EVI_GENL_NAME,
	    sizeof(XENVF_EVI_GENL_NAME));
	return finish(&b, nlh);
}

/* ---- reading ---- */

int xenvf_nl_next(const void *buf, size_t len, size_t *off,
		  const struct nlmsghdr **msg)
{
	const struct nlmsghdr *nlh;
	size_t left;

	if (*off >= len)
		return 0;
	left = len - *off;
	nlh = (const struct nlmsghdr *)((const uint8_t *)buf + *off);
	if (left < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > left)
		return -EPROTO;
	*off += NLMSG_ALIGN(nlh->nlmsg_len) < left ?
		NLMSG_ALIGN(nlh->nlmsg_len) : left;
	*msg = nlh;
	return 1;
}

/*
 * Attributes in [data, data + len) into tb[0..max] (the last of a type
 * wins, unknown types are skipped). -EPROTO if one overruns the buffer.
 */
static int attrs(const uint8_t *data, size_t len, const struct nlattr **tb,
		 unsigned int max)
{
	size_t off = 0;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (len - off >= NLA_HDRLEN) {
		const struct nlattr *nla = (const void *)(data + off);
		unsigned int type = nla->nla_type & NLA_TYPE_MASK;

		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > len - off)
			return -EPROTO;
		if (type <= max)
			tb[type] = nla;
		off += NLA_ALIGN(nla->nla_len);
		if (off > len)
			off = len;
	}
	return off == len ? 0 : -EPROTO;
}

static size_t alen(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

static const void *adata(const struct nlattr *nla)
{
	return (const uint8_t *)nla + NLA_HDRLEN;
}

int xenvf_nl_error(const struct nlmsghdr *msg, int *error, const char **ext)
{
	const struct nlmsgerr *e = NLMSG_DATA(msg);
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t hdr = NLMSG_HDRLEN + sizeof(*e), len = msg->nlmsg_len;

	*ext = NULL;
	if (msg->nlmsg_type != NLMSG_ERROR || len < hdr)
		return -EPROTO;
	/* an errno the kernel could send: -4095..0 (INT_MIN cannot be negated) */
	if (e->error > 0 || e->error < -XENVF_NL_ERRNO_MAX)
		return -EPROTO;
	*error = -e->error;
	if (!(msg->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	/* without NLM_F_CAPPED the request follows, then the TLVs */
	if (!(msg->nlmsg_flags & NLM_F_CAPPED)) {
		size_t echo = NLMSG_ALIGN((size_t)e->msg.nlmsg_len) - NLMSG_HDRLEN;

		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return -EPROTO;
		if (echo > len - hdr)
			return -EPROTO;
		hdr += echo;
	}
	if (attrs((const uint8_t *)msg + hdr, len - hdr, tb, NLMSGERR_ATTR_MAX))
		return -EPROTO;
	if (tb[NLMSGERR_ATTR_MSG] && alen(tb[NLMSGERR_ATTR_MSG]) &&
	    ((const char *)adata(tb[NLMSGERR_ATTR_MSG]))[alen(tb[NLMSGERR_ATTR_MSG]) - 1] == 0)
		*ext = adata(tb[NLMSGERR_ATTR_MSG]);
	return 0;
}

/* The attributes after the genl header of @msg. */
static int genl_attrs(const struct nlmsghdr *msg, const struct nlattr **tb,
		      unsigned int max)
{
	if (msg->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EPROTO;
	return attrs((const uint8_t *)msg + NLMSG_HDRLEN + GENL_HDRLEN,
		     msg->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, tb, max);
}

int xenvf_nl_family_id(const struct nlmsghdr *msg, uint16_t *id)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (msg->nlmsg_type != GENL_ID_CTRL || genl_attrs(msg, tb, CTRL_ATTR_MAX))
		return -EPROTO;
	if (!tb[CTRL_ATTR_FAMILY_ID] || alen(tb[CTRL_ATTR_FAMILY_ID]) != 2)
		return -EPROTO;
	memcpy(id, adata(tb[CTRL_ATTR_FAMILY_ID]), 2);
	return 0;
}

/* Payload sizes of the reply attributes: 0 any, 0xff an address (4/16). */
#define ADDR 0xff
static const uint8_t attr_size[XENVF_EVI_A_MAX + 1] = {
	[XENVF_EVI_A_ENABLED] = 1, [XENVF_EVI_A_LOCAL] = ADDR,
	[XENVF_EVI_A_KEY] = 4, [XENVF_EVI_A_USE_KEY] = 1,
	[XENVF_EVI_A_TTL] = 1, [XENVF_EVI_A_DSCP] = 1,
	[XENVF_EVI_A_MIN_RX_TTL] = 1, [XENVF_EVI_A_FLOOD_UNKNOWN] = 1,
	[XENVF_EVI_A_ARP_SUPPRESS] = 1, [XENVF_EVI_A_AGING] = 4,
	[XENVF_EVI_A_OVERHEAD] = 4, [XENVF_EVI_A_PEER_ADDR] = ADDR,
	[XENVF_EVI_A_VID] = 2, [XENVF_EVI_A_MAC] = XENVF_MAC_LEN,
	[XENVF_EVI_A_MAC_TYPE] = 1, [XENVF_EVI_A_MAC_AGE] = 4,
	[XENVF_EVI_A_IPV4] = 4,
};

static int check_sizes(const struct nlattr **tb)
{
	unsigned int i;

	for (i = 1; i <= XENVF_EVI_A_MAX; i++) {
		size_t want = attr_size[i];

		if (!tb[i] || !want)
			continue;
		if (want == ADDR ? alen(tb[i]) != 4 && alen(tb[i]) != 16 :
		    alen(tb[i]) != want)
			return -EPROTO;
	}
	return 0;
}

static unsigned long long get_uint(const struct nlattr *nla)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (alen(nla)) {
	case 1:
		memcpy(&u8, adata(nla), 1);
		return u8;
	case 2:
		memcpy(&u16, adata(nla), 2);
		return u16;
	case 4:
		memcpy(&u32, adata(nla), 4);
		return u32;
	default:
		memcpy(&u64, adata(nla), 8);
		return u64;
	}
}

static const char *const stat_names[XENVF_EVI_S_MAX + 1] = {
	[XENVF_EVI_S_TX_ENCAP] = "tx_encap",
	[XENVF_EVI_S_TX_BYTES] = "tx_bytes",
	[XENVF_EVI_S_RX_DECAP] = "rx_decap",
	[XENVF_EVI_S_RX_BYTES] = "rx_bytes",
	[XENVF_EVI_S_RX_SHORT] = "rx_short",
	[XENVF_EVI_S_RX_BAD_GRE] = "rx_bad_gre",
	[XENVF_EVI_S_RX_BAD_PROTO] = "rx_bad_proto",
	[XENVF_EVI_S_RX_UNKNOWN_PEER] = "rx_unknown_peer",
	[XENVF_EVI_S_RX_BAD_KEY] = "rx_bad_key",
	[XENVF_EVI_S_RX_NOT_EXTENDED] = "rx_not_extended",
	[XENVF_EVI_S_RX_TTL] = "rx_ttl",
	[XENVF_EVI_S_RX_FRAGMENT] = "rx_fragment",
	[XENVF_EVI_S_RX_CSUM] = "rx_csum",
	[XENVF_EVI_S_RX_NO_DEST] = "rx_no_dest",
	[XENVF_EVI_S_TX_OVERSIZE] = "tx_oversize",
	[XENVF_EVI_S_TX_NO_ROUTE] = "tx_no_route",
	[XENVF_EVI_S_TX_UNKNOWN_HELD] = "tx_unknown_held",
	[XENVF_EVI_S_SPLIT_HORIZON] = "split_horizon",
	[XENVF_EVI_S_ARP_SUPPRESSED] = "arp_suppressed",
	[XENVF_EVI_S_LEARNED] = "learned",
	[XENVF_EVI_S_AGED] = "aged",
	[XENVF_EVI_S_MOVED] = "moved",
	[XENVF_EVI_S_TABLE_FULL] = "table_full",
	[XENVF_EVI_S_NO_MEM] = "no_mem",
	[XENVF_EVI_S_LEARN_LOCAL_REFUSED] = "rx_learn_local_refused",
	[XENVF_EVI_S_LEARN_PEER_FULL] = "learn_peer_full",
	[XENVF_EVI_S_RX_IP_CSUM] = "rx_bad_ip_csum",
	[XENVF_EVI_S_RX_BAD_TAG] = "rx_bad_tag",
	[XENVF_EVI_S_TX_NO_PEER] = "tx_no_peer",
};

static const char *const peer_stat_names[XENVF_EVI_PS_MAX + 1] = {
	[XENVF_EVI_PS_TX_PACKETS] = "tx_packets",
	[XENVF_EVI_PS_TX_BYTES] = "tx_bytes",
	[XENVF_EVI_PS_RX_PACKETS] = "rx_packets",
	[XENVF_EVI_PS_RX_BYTES] = "rx_bytes",
};

const char *xenvf_evi_stat_name(unsigned int i)
{
	return i <= XENVF_EVI_S_MAX ? stat_names[i] : NULL;
}

struct text {
	char *p;
	size_t len;
	size_t *used;
	bool full;
};

static void out(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->p + *t->used, t->len - *t->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->len - *t->used)
		t->full = true;
	else
		*t->used += (size_t)n;
}

static void out_addr(struct text *t, const char *pre, const struct nlattr *nla)
{
	char s[INET6_ADDRSTRLEN];

	inet_ntop(alen(nla) == 4 ? AF_INET : AF_INET6, adata(nla), s, sizeof(s));
	out(t, "%s%s", pre, s);
}

static const char *onoff(const struct nlattr *nla)
{
	return get_uint(nla) ? "on" : "off";
}

/*
 * Nested u64 counters "  name value" (@sep "\n") or " name value" (@sep
 * ""). Every counter must be 8 bytes; unknown ones print as stat_N.
 */
static int counters(struct text *t, const struct nlattr *nest,
		    const char *const *names, unsigned int max,
		    const char *pre, const char *sep)
{
	const struct nlattr *tb[64];
	unsigned int i;

	if (attrs(adata(nest), alen(nest), tb, 63))
		return -EPROTO;
	for (i = 1; i < 64; i++) {
		if (!tb[i])
			continue;
		if (alen(tb[i]) != 8)
			return -EPROTO;
		if (i <= max && !names[i])	/* padding */
			continue;
		if (i <= max)
			out(t, "%s%s %llu%s", pre, names[i], get_uint(tb[i]), sep);
		else
			out(t, "%sstat_%u %llu%s", pre, i, get_uint(tb[i]), sep);
	}
	return 0;
}

/* Lines of settings: " key value" items after one more space. */
static size_t line_start(struct text *t)
{
	size_t mark = *t->used;

	out(t, " ");
	return mark;
}

/* End the line started at @mark; one that got no item is dropped. */
static void line_end(struct text *t, size_t mark)
{
	if (t->full)
		return;
	if (*t->used == mark + 1) {
		*t->used = mark;
		t->p[mark] = 0;
		return;
	}
	out(t, "\n");
}

static int format_get(struct text *t, const struct nlattr **tb)
{
	const struct nlattr *nla;
	size_t mark;

	out(t, "evi %s", tb[XENVF_EVI_A_ENABLED] &&
	    get_uint(tb[XENVF_EVI_A_ENABLED]) ? "enabled" : "disabled");
	if (tb[XENVF_EVI_A_LOCAL])
		out_addr(t, " local ", tb[XENVF_EVI_A_LOCAL]);
	else
		out(t, " local none");
	if (tb[XENVF_EVI_A_USE_KEY] && get_uint(tb[XENVF_EVI_A_USE_KEY]) &&
	    tb[XENVF_EVI_A_KEY])
		out(t, " key %llu", get_uint(tb[XENVF_EVI_A_KEY]));
	else
		out(t, " nokey");
	out(t, "\n");
	mark = line_start(t);
	if (tb[XENVF_EVI_A_TTL])
		out(t, " ttl %llu", get_uint(tb[XENVF_EVI_A_TTL]));
	nla = tb[XENVF_EVI_A_DSCP];
	if (nla && get_uint(nla) == XENVF_EVI_DSCP_INHERIT)
		out(t, " dscp inherit");
	else if (nla)
		out(t, " dscp %llu", get_uint(nla));
	if (tb[XENVF_EVI_A_MIN_RX_TTL])
		out(t, " min-rx-ttl %llu", get_uint(tb[XENVF_EVI_A_MIN_RX_TTL]));
	if (tb[XENVF_EVI_A_AGING])
		out(t, " aging %llu", get_uint(tb[XENVF_EVI_A_AGING]));
	line_end(t, mark);
	mark = line_start(t);
	if (tb[XENVF_EVI_A_FLOOD_UNKNOWN])
		out(t, " flood-unknown %s", onoff(tb[XENVF_EVI_A_FLOOD_UNKNOWN]));
	if (tb[XENVF_EVI_A_ARP_SUPPRESS])
		out(t, " arp-suppress %s", onoff(tb[XENVF_EVI_A_ARP_SUPPRESS]));
	if (tb[XENVF_EVI_A_OVERHEAD])
		out(t, " overhead %llu", get_uint(tb[XENVF_EVI_A_OVERHEAD]));
	line_end(t, mark);
	if (!tb[XENVF_EVI_A_STATS])
		return 0;
	out(t, "counters:\n");
	return counters(t, tb[XENVF_EVI_A_STATS], stat_names, XENVF_EVI_S_MAX,
			"  ", "\n");
}

static const char *mac_type(const struct nlattr *nla)
{
	switch (nla ? get_uint(nla) : 0) {
	case XENVF_EVI_MAC_LOCAL:
		return "local";
	case XENVF_EVI_MAC_STATIC:
		return "static";
	case XENVF_EVI_MAC_LEARNED:
		return "learned";
	default:
		return "unknown";
	}
}

static int format_mac(struct text *t, const struct xenvf_evi_args *a,
		      const struct nlattr **tb)
{
	const uint8_t *m;

	if (!tb[XENVF_EVI_A_VID] || !tb[XENVF_EVI_A_MAC])
		return -EPROTO;
	if (a->vid >= 0 && get_uint(tb[XENVF_EVI_A_VID]) != (unsigned int)a->vid)
		return 0;
	m = adata(tb[XENVF_EVI_A_MAC]);
	out(t, "vlan %llu mac %02x:%02x:%02x:%02x:%02x:%02x %s",
	    get_uint(tb[XENVF_EVI_A_VID]), m[0], m[1], m[2], m[3], m[4], m[5],
	    mac_type(tb[XENVF_EVI_A_MAC_TYPE]));
	if (tb[XENVF_EVI_A_PEER_ADDR])
		out_addr(t, " peer ", tb[XENVF_EVI_A_PEER_ADDR]);
	if (tb[XENVF_EVI_A_IPV4])
		out_addr(t, " ip ", tb[XENVF_EVI_A_IPV4]);
	if (tb[XENVF_EVI_A_MAC_AGE])
		out(t, " age %llu", get_uint(tb[XENVF_EVI_A_MAC_AGE]));
	out(t, "\n");
	return 0;
}

int xenvf_evi_format(const struct xenvf_evi_args *a,
		     const struct nlmsghdr *msg, char *buf, size_t outlen,
		     size_t *used)
{
	const struct nlattr *tb[XENVF_EVI_A_MAX + 1];
	struct text t = { .p = buf, .len = outlen, .used = used };
	int rc;

	if (*used >= outlen)
		return -ENOSPC;
	rc = genl_attrs(msg, tb, XENVF_EVI_A_MAX);
	if (!rc)
		rc = check_sizes(tb);
	if (rc)
		return rc;
	switch (a->cmd) {
	case XENVF_EVI_CMD_GET:
		rc = format_get(&t, tb);
		break;
	case XENVF_EVI_CMD_PEER_GET:
		if (!tb[XENVF_EVI_A_PEER_ADDR])
			return -EPROTO;
		out_addr(&t, "peer ", tb[XENVF_EVI_A_PEER_ADDR]);
		if (tb[XENVF_EVI_A_PEER_STATS])
			rc = counters(&t, tb[XENVF_EVI_A_PEER_STATS],
				      peer_stat_names, XENVF_EVI_PS_MAX, " ", "");
		out(&t, "\n");
		break;
	case XENVF_EVI_CMD_VLAN_GET:
		if (!tb[XENVF_EVI_A_VID])
			return -EPROTO;
		out(&t, "vlan %llu%s\n", get_uint(tb[XENVF_EVI_A_VID]),
		    get_uint(tb[XENVF_EVI_A_VID]) ? "" : " (untagged)");
		break;
	case XENVF_EVI_CMD_MAC_GET:
		rc = format_mac(&t, a, tb);
		break;
	default:	/* the other commands only get an ack */
		break;
	}
	if (rc)
		return rc;
	return t.full ? -ENOSPC : 0;
}

/* ---- evi save: replies as the commands that make them ---- */

static void addr_of(const struct nlattr *nla, struct xenvf_evi_addr *a)
{
	a->len = (uint8_t)alen(nla);
	memcpy(a->a, adata(nla), a->len);
}

static void int_of(const struct nlattr *nla, int *slot)
{
	if (nla)
		*slot = (int)get_uint(nla);
}

static int settings_of(const struct nlattr **tb, struct xenvf_evi_args *a)
{
	a->cmd = XENVF_EVI_CMD_SET;
	int_of(tb[XENVF_EVI_A_ENABLED], &a->enabled);
	if (tb[XENVF_EVI_A_LOCAL])
		addr_of(tb[XENVF_EVI_A_LOCAL], &a->local);
	int_of(tb[XENVF_EVI_A_USE_KEY], &a->use_key);
	if (a->use_key == 1) {
		if (!tb[XENVF_EVI_A_KEY])
			return -EPROTO;
		a->key = (long long)get_uint(tb[XENVF_EVI_A_KEY]);
	}
	int_of(tb[XENVF_EVI_A_TTL], &a->ttl);
	int_of(tb[XENVF_EVI_A_DSCP], &a->dscp);
	int_of(tb[XENVF_EVI_A_MIN_RX_TTL], &a->min_rx_ttl);
	int_of(tb[XENVF_EVI_A_FLOOD_UNKNOWN], &a->flood_unknown);
	int_of(tb[XENVF_EVI_A_ARP_SUPPRESS], &a->arp_suppress);
	if (tb[XENVF_EVI_A_AGING])
		a->aging = (long)get_uint(tb[XENVF_EVI_A_AGING]);
	/* what the CLI would refuse, a line load would refuse: malformed */
	if ((a->enabled != -1 && a->enabled > 1) ||
	    (a->use_key != -1 && a->use_key > 1) || a->ttl == 0 ||
	    (a->dscp > XENVF_EVI_DSCP_MAX && a->dscp != XENVF_EVI_DSCP_INHERIT) ||
	    a->flood_unknown > 1 || a->arp_suppress > 1 ||
	    (a->aging != -1 && (a->aging < XENVF_EVI_AGING_MIN ||
				a->aging > XENVF_EVI_AGING_MAX)))
		return -EPROTO;
	return 0;
}

int xenvf_evi_reply_args(int cmd, const struct nlmsghdr *msg,
			 struct xenvf_evi_args *a)
{
	const struct nlattr *tb[XENVF_EVI_A_MAX + 1];
	const struct nlattr *t;
	int rc;

	xenvf_evi_args_init(a);
	rc = genl_attrs(msg, tb, XENVF_EVI_A_MAX);
	if (!rc)
		rc = check_sizes(tb);
	if (rc)
		return rc;
	switch (cmd) {
	case XENVF_EVI_CMD_GET:
		return settings_of(tb, a);
	case XENVF_EVI_CMD_PEER_GET:
		if (!tb[XENVF_EVI_A_PEER_ADDR])
			return -EPROTO;
		a->cmd = XENVF_EVI_CMD_PEER_ADD;
		addr_of(tb[XENVF_EVI_A_PEER_ADDR], &a->peer);
		return 0;
	case XENVF_EVI_CMD_VLAN_GET:
		if (!tb[XENVF_EVI_A_VID] ||
		    get_uint(tb[XENVF_EVI_A_VID]) > XENVF_VLAN_MAX)
			return -EPROTO;
		a->cmd = XENVF_EVI_CMD_VLAN_ADD;
		a->vid = (int)get_uint(tb[XENVF_EVI_A_VID]);
		return 0;
	case XENVF_EVI_CMD_MAC_GET:
		t = tb[XENVF_EVI_A_MAC_TYPE];
		if (!t || get_uint(t) != XENVF_EVI_MAC_STATIC)
			return 1;	/* the VFs' and learned ones are not config */
		if (!tb[XENVF_EVI_A_VID] || !tb[XENVF_EVI_A_MAC] ||
		    !tb[XENVF_EVI_A_PEER_ADDR] ||
		    get_uint(tb[XENVF_EVI_A_VID]) > XENVF_VLAN_MAX)
			return -EPROTO;
		a->cmd = XENVF_EVI_CMD_MAC_ADD;
		a->vid = (int)get_uint(tb[XENVF_EVI_A_VID]);
		memcpy(a->mac, adata(tb[XENVF_EVI_A_MAC]), XENVF_MAC_LEN);
		a->mac_set = true;
		addr_of(tb[XENVF_EVI_A_PEER_ADDR], &a->peer);
		if (tb[XENVF_EVI_A_IPV4]) {
			memcpy(a->ipv4, adata(tb[XENVF_EVI_A_IPV4]), 4);
			a->ipv4_set = true;
		}
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- evi show -j ---- */

static void j_uint(struct xenvf_json *j, const char *key,
		   const struct nlattr *nla)
{
	xenvf_json_key(j, key);
	if (nla)
		xenvf_json_uint(j, get_uint(nla));
	else
		xenvf_json_null(j);
}

static void j_bool(struct xenvf_json *j, const char *key,
		   const struct nlattr *nla)
{
	xenvf_json_key(j, key);
	if (nla)
		xenvf_json_bool(j, get_uint(nla));
	else
		xenvf_json_null(j);
}

static void j_addr(struct xenvf_json *j, const char *key,
		   const struct nlattr *nla)
{
	char s[INET6_ADDRSTRLEN];

	xenvf_json_key(j, key);
	if (!nla) {
		xenvf_json_null(j);
		return;
	}
	inet_ntop(alen(nla) == 4 ? AF_INET : AF_INET6, adata(nla), s, sizeof(s));
	xenvf_json_str(j, s);
}

int xenvf_evi_json(const struct nlmsghdr *msg, FILE *f)
{
	const struct nlattr *tb[XENVF_EVI_A_MAX + 1], *st[64] = { NULL };
	const struct nlattr *nla;
	struct xenvf_json j;
	unsigned int i;
	char name[32];
	int rc;

	rc = genl_attrs(msg, tb, XENVF_EVI_A_MAX);
	if (!rc)
		rc = check_sizes(tb);
	if (!rc && tb[XENVF_EVI_A_STATS])
		rc = attrs(adata(tb[XENVF_EVI_A_STATS]),
			   alen(tb[XENVF_EVI_A_STATS]), st, 63);
	for (i = 1; !rc && i < 64; i++)
		if (st[i] && alen(st[i]) != 8)
			rc = -EPROTO;
	if (rc)
		return rc;
	xenvf_json_init(&j, f);
	xenvf_json_obj(&j);
	j_bool(&j, "enabled", tb[XENVF_EVI_A_ENABLED]);
	j_addr(&j, "local", tb[XENVF_EVI_A_LOCAL]);
	j_bool(&j, "use_key", tb[XENVF_EVI_A_USE_KEY]);
	/* the key only where one is used, as the text shows it */
	j_uint(&j, "key", tb[XENVF_EVI_A_USE_KEY] &&
	       get_uint(tb[XENVF_EVI_A_USE_KEY]) ? tb[XENVF_EVI_A_KEY] : NULL);
	j_uint(&j, "ttl", tb[XENVF_EVI_A_TTL]);
	nla = tb[XENVF_EVI_A_DSCP];
	if (nla && get_uint(nla) == XENVF_EVI_DSCP_INHERIT) {
		xenvf_json_key(&j, "dscp");
		xenvf_json_str(&j, "inherit");
	} else {
		j_uint(&j, "dscp", nla);
	}
	j_uint(&j, "min_rx_ttl", tb[XENVF_EVI_A_MIN_RX_TTL]);
	j_uint(&j, "aging", tb[XENVF_EVI_A_AGING]);
	j_bool(&j, "flood_unknown", tb[XENVF_EVI_A_FLOOD_UNKNOWN]);
	j_bool(&j, "arp_suppress", tb[XENVF_EVI_A_ARP_SUPPRESS]);
	j_uint(&j, "overhead", tb[XENVF_EVI_A_OVERHEAD]);
	xenvf_json_key(&j, "counters");
	if (!tb[XENVF_EVI_A_STATS]) {
		xenvf_json_null(&j);
	} else {
		xenvf_json_obj(&j);
		for (i = 1; i < 64; i++) {
			if (!st[i] || (i <= XENVF_EVI_S_MAX && !stat_names[i]))
				continue;
			if (i <= XENVF_EVI_S_MAX)
				snprintf(name, sizeof(name), "%s", stat_names[i]);
			else
				snprintf(name, sizeof(name), "stat_%u", i);
			j_uint(&j, name, st[i]);
		}
		xenvf_json_end(&j);
	}
	xenvf_json_end(&j);
	return 0;
}
