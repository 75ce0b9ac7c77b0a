// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmocka tests for xen-tools/evi_args.c (`xenvf evi` command lines) and
 * xen-tools/evi_msg.c (its generic netlink requests, checked byte by byte
 * against hand-written golden messages, and the kernel's replies, acks and
 * extack errors, well-formed and malformed), and xen-tools/evi_conf.c (the
 * file of evi save / load: golden lines, the round trip through the
 * parser, bad files, the undo of a load the kernel refuses midway).
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "xenvf_proto.h"
#include "xenvf_evi.h"
#include "evi_args.h"
#include "evi_conf.h"
#include "evi_msg.h"

static char err[256];

#define ARGV(...) ((char *[]){ __VA_ARGS__ })
#define ARGC(...) ((int)(sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *)))
#define EVI(a, ...) xenvf_parse_evi(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), a, err, sizeof(err))

static void parse_objects(void **state)
{
	struct xenvf_evi_args a;
	const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

	(void)state;
	assert_int_equal(xenvf_parse_evi(0, NULL, &a, err, sizeof(err)), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_GET);
	assert_false(a.dump);
	assert_int_equal(EVI(&a, "show"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_GET);
	assert_int_equal(EVI(&a, "flush"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_FLUSH);
	assert_int_equal(EVI(&a, "peer", "add", "203.0.113.2"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_PEER_ADD);
	assert_int_equal(a.peer.len, 4);
	assert_memory_equal(a.peer.a, "\xcb\x00\x71\x02", 4);
	assert_int_equal(EVI(&a, "peer", "del", "2001:db8::2"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_PEER_DEL);
	assert_int_equal(a.peer.len, 16);
	assert_memory_equal(a.peer.a, v6, 16);
	assert_int_equal(EVI(&a, "peer"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_PEER_GET);
	assert_true(a.dump);
	assert_int_equal(EVI(&a, "peer", "list"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_PEER_GET);
	assert_int_equal(EVI(&a, "vlan", "add", "0"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_VLAN_ADD);
	assert_int_equal(a.vid, 0);
	assert_int_equal(EVI(&a, "vlan", "delete", "4094"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_VLAN_DEL);
	assert_int_equal(a.vid, 4094);
	assert_int_equal(EVI(&a, "vlan", "show"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_VLAN_GET);
	assert_true(a.dump);
	assert_int_equal(EVI(&a, "mac", "add", "100", "02:00:00:00:00:01", "peer",
			     "2001:db8::2", "ip", "10.0.0.9"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_MAC_ADD);
	assert_int_equal(a.vid, 100);
	assert_true(a.mac_set);
	assert_memory_equal(a.mac, mac, 6);
	assert_memory_equal(a.peer.a, v6, 16);
	assert_true(a.ipv4_set);
	assert_memory_equal(a.ipv4, "\x0a\x00\x00\x09", 4);
	assert_int_equal(EVI(&a, "mac", "del", "100", "02:00:00:00:00:01"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_MAC_DEL);
	assert_int_equal(a.peer.len, 0);
	assert_int_equal(EVI(&a, "mac"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_MAC_GET);
	assert_int_equal(a.vid, -1);
	assert_int_equal(EVI(&a, "mac", "list", "7"), 0);
	assert_int_equal(a.vid, 7);
	assert_true(a.dump);
	assert_int_equal(EVI(&a, "mac", "0"), 0);	/* "list" may be left out */
	assert_int_equal(a.cmd, XENVF_EVI_CMD_MAC_GET);
	assert_int_equal(a.vid, 0);
	assert_true(a.dump);
	assert_int_equal(EVI(&a, "peer", "add", "--help"), 0);
	assert_true(a.help);
}

static void parse_set(void **state)
{
	struct xenvf_evi_args a;

	(void)state;
	assert_int_equal(EVI(&a, "set", "enable", "local", "198.51.100.1", "key",
			     "4294967295", "ttl", "255", "dscp", "63", "min-rx-ttl", "0",
			     "flood-unknown", "on", "arp-suppress", "off", "aging", "86400"),
			 0);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_SET);
	assert_int_equal(a.enabled, 1);
	assert_int_equal(a.local.len, 4);
	assert_int_equal(a.use_key, 1);
	assert_true(a.key == 4294967295LL);
	assert_int_equal(a.ttl, 255);
	assert_int_equal(a.dscp, 63);
	assert_int_equal(a.min_rx_ttl, 0);
	assert_int_equal(a.flood_unknown, 1);
	assert_int_equal(a.arp_suppress, 0);
	assert_int_equal(a.aging, 86400);
	assert_int_equal(EVI(&a, "set", "disable", "nokey", "dscp", "inherit", "ttl", "1",
			     "aging", "10"), 0);
	assert_int_equal(a.enabled, 0);
	assert_int_equal(a.use_key, 0);
	assert_int_equal(a.dscp, XENVF_EVI_DSCP_INHERIT);
	assert_int_equal(a.ttl, 1);
	assert_int_equal(a.aging, 10);
	/* what is not given stays "not given" */
	assert_int_equal(EVI(&a, "set", "ttl", "9"), 0);
	assert_int_equal(a.enabled, -1);
	assert_int_equal(a.local.len, 0);
	assert_int_equal(a.use_key, -1);
	assert_int_equal(a.dscp, -1);
	assert_int_equal(a.min_rx_ttl, -1);
	assert_int_equal(a.flood_unknown, -1);
	assert_int_equal(a.arp_suppress, -1);
	assert_int_equal(a.aging, -1);
	assert_int_equal(EVI(&a, "set", "local", "2001:db8::1"), 0);
	assert_int_equal(a.local.len, 16);
	assert_int_equal(EVI(&a, "set", "local", "::2"), 0);
	assert_int_equal(EVI(&a, "set", "local", "128.0.0.1"), 0);
}

/* Every bad command line fails with a message naming what is wrong. */
static void parse_bad(void **state)
{
	static const struct {
		const char *argv[12];
		const char *msg;
	} bad[] = {
		{ { "bogus" }, "unknown object 'bogus'" },
		{ { "show", "x" }, "unexpected argument 'x'" },
		{ { "flush", "all" }, "unexpected argument 'all'" },
		{ { "set" }, "nothing to set" },
		{ { "set", "colour", "red" }, "unknown setting 'colour'" },
		{ { "set", "enable", "disable" }, "enable/disable given twice" },
		{ { "set", "key", "1", "nokey" }, "key/nokey given twice" },
		{ { "set", "ttl", "1", "ttl", "2" }, "ttl given twice" },
		{ { "set", "local" }, "local needs a value" },
		{ { "set", "local", "0.0.0.0" }, "local '0.0.0.0' is not a unicast" },
		{ { "set", "local", "224.0.0.1" }, "not a unicast" },
		{ { "set", "local", "255.255.255.255" }, "not a unicast" },
		{ { "set", "local", "::" }, "not a unicast" },
		{ { "set", "local", "ff02::1" }, "not a unicast" },
		{ { "set", "local", "127.0.0.1" }, "not a unicast" },
		{ { "set", "local", "::1" }, "not a unicast" },
		{ { "set", "local", "1.2.3" }, "not a unicast" },
		{ { "set", "local", "host.example" }, "not a unicast" },
		{ { "set", "key" }, "key needs a value" },
		{ { "set", "key", "4294967296" }, "key '4294967296' out of range 0..4294967295" },
		{ { "set", "key", "-1" }, "key '-1' is not a number" },
		{ { "set", "ttl", "0" }, "ttl '0' out of range 1..255" },
		{ { "set", "ttl", "256" }, "ttl '256' out of range 1..255" },
		{ { "set", "min-rx-ttl", "256" }, "min-rx-ttl '256' out of range 0..255" },
		{ { "set", "dscp", "64" }, "dscp '64' out of range 0..63" },
		{ { "set", "dscp", "copy" }, "dscp 'copy' is not a number" },
		{ { "set", "dscp", "1", "dscp", "inherit" }, "dscp given twice" },
		{ { "set", "flood-unknown", "maybe" }, "flood-unknown 'maybe' is not on or off" },
		{ { "set", "arp-suppress" }, "arp-suppress needs a value" },
		{ { "set", "arp-suppress", "on", "arp-suppress", "on" }, "given twice" },
		{ { "set", "aging", "9" }, "aging '9' out of range 10..86400" },
		{ { "set", "aging", "86401" }, "out of range 10..86400" },
		{ { "set", "aging", "1", "aging", "20" }, "out of range" },
		{ { "peer", "add" }, "peer add needs an address" },
		{ { "peer", "del" }, "peer del needs an address" },
		{ { "peer", "add", "1.2.3.4", "5.6.7.8" }, "unexpected argument '5.6.7.8'" },
		{ { "peer", "add", "239.1.1.1" }, "peer '239.1.1.1' is not a unicast" },
		{ { "peer", "frob", "1.2.3.4" }, "unknown action 'frob' (peer add|del|list)" },
		{ { "peer", "list", "x" }, "unexpected argument 'x'" },
		{ { "vlan", "add" }, "vlan add needs a VID" },
		{ { "vlan", "add", "4095" }, "VID '4095' out of range 0..4094" },
		{ { "vlan", "add", "x" }, "VID 'x' out of range" },
		{ { "vlan", "del", "1", "2" }, "unexpected argument '2'" },
		{ { "mac", "add", "1" }, "mac add needs a VID and a MAC" },
		{ { "mac", "add", "4095", "02:00:00:00:00:01", "peer", "1.2.3.4" }, "VID '4095'" },
		{ { "mac", "add", "1", "01:00:5e:00:00:01", "peer", "1.2.3.4" },
		  "MAC '01:00:5e:00:00:01' is not a unicast" },
		{ { "mac", "add", "1", "00:00:00:00:00:00", "peer", "1.2.3.4" }, "not a unicast" },
		{ { "mac", "add", "1", "02:00:00:00:00:01" }, "mac add needs peer ADDR" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "ip", "10.0.0.1" }, "needs peer" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer" }, "peer needs a value" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer", "::" }, "peer '::' is not" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer", "1.2.3.4", "peer",
		    "1.2.3.5" }, "peer given twice" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer", "1.2.3.4", "ip",
		    "2001:db8::1" }, "ip '2001:db8::1' is not a unicast IPv4" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer", "1.2.3.4", "ip",
		    "0.0.0.0" }, "is not a unicast IPv4" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer", "1.2.3.4", "ip",
		    "10.0.0.1", "ip", "10.0.0.2" }, "ip given twice" },
		{ { "mac", "add", "1", "02:00:00:00:00:01", "peer", "1.2.3.4", "vlan" },
		  "unexpected argument 'vlan'" },
		{ { "mac", "del", "1", "02:00:00:00:00:01", "peer", "1.2.3.4" },
		  "unexpected argument 'peer'" },
		{ { "mac", "list", "1", "2" }, "unexpected argument '2'" },
		{ { "mac", "list", "5000" }, "VID '5000' out of range" },
		{ { "mac", "5000" }, "VID '5000' out of range" },
		{ { "mac", "1", "2" }, "unexpected argument '2'" },
		{ { "mac", "swap" }, "unknown action 'swap' (mac add|del|list)" },
	};
	struct xenvf_evi_args a;
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (n = 0; n < 12 && bad[i].argv[n]; n++)
			;
		err[0] = '\0';
		if (xenvf_parse_evi(n, (char **)bad[i].argv, &a, err, sizeof(err)) != -EINVAL)
			fail_msg("'%s %s' was accepted", bad[i].argv[0],
				 bad[i].argv[1] ?: "");
		if (!strstr(err, bad[i].msg))
			fail_msg("'%s %s': message '%s' lacks '%s'", bad[i].argv[0],
				 bad[i].argv[1] ?: "", err, bad[i].msg);
	}
}

/* ---- requests: golden bytes (little-endian host) ---- */

static uint8_t buf[XENVF_NL_BUF];

static void build_expect(const char *const argv[], const uint8_t *want, size_t len)
{
	struct xenvf_evi_args a;
	int n;

	for (n = 0; argv[n]; n++)
		;
	assert_int_equal(xenvf_parse_evi(n, (char **)argv, &a, err, sizeof(err)), 0);
	memset(buf, 0xaa, sizeof(buf));
	assert_int_equal(xenvf_evi_build(&a, 0x20, 7, buf, sizeof(buf)), (int)len);
	assert_memory_equal(buf, want, len);
	/* too small a buffer: -ENOSPC, never an overrun */
	assert_int_equal(xenvf_evi_build(&a, 0x20, 7, buf, len - 1), -ENOSPC);
}

#define HDR(len, flags, cmd) \
	(len), 0, 0, 0, 0x20, 0, (flags) & 0xff, (flags) >> 8, 7, 0, 0, 0, 0, 0, 0, 0, \
	(cmd), 1, 0, 0

static void build_golden(void **state)
{
	static const char *const peer_add[] = { "peer", "add", "203.0.113.2", NULL };
	static const uint8_t peer_add_b[] = {
		HDR(28, 0x005, XENVF_EVI_CMD_PEER_ADD),
		8, 0, XENVF_EVI_A_PEER_ADDR, 0, 203, 0, 113, 2,
	};
	static const char *const mac_add[] = {
		"mac", "add", "100", "02:00:00:00:00:01", "peer", "2001:db8::2",
		"ip", "10.0.0.9", NULL
	};
	static const uint8_t mac_add_b[] = {
		HDR(68, 0x005, XENVF_EVI_CMD_MAC_ADD),
		6, 0, XENVF_EVI_A_VID, 0, 100, 0, 0, 0,
		10, 0, XENVF_EVI_A_MAC, 0, 2, 0, 0, 0, 0, 1, 0, 0,
		20, 0, XENVF_EVI_A_PEER_ADDR, 0, 0x20, 0x01, 0x0d, 0xb8,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
		8, 0, XENVF_EVI_A_IPV4, 0, 10, 0, 0, 9,
	};
	static const char *const set[] = {
		"set", "aging", "60", "arp-suppress", "off", "flood-unknown", "on",
		"min-rx-ttl", "2", "dscp", "inherit", "ttl", "32", "key", "42",
		"local", "198.51.100.1", "enable", NULL
	};
	static const uint8_t set_b[] = {
		HDR(100, 0x005, XENVF_EVI_CMD_SET),
		5, 0, XENVF_EVI_A_ENABLED, 0, 1, 0, 0, 0,
		8, 0, XENVF_EVI_A_LOCAL, 0, 198, 51, 100, 1,
		8, 0, XENVF_EVI_A_KEY, 0, 42, 0, 0, 0,
		5, 0, XENVF_EVI_A_USE_KEY, 0, 1, 0, 0, 0,
		5, 0, XENVF_EVI_A_TTL, 0, 32, 0, 0, 0,
		5, 0, XENVF_EVI_A_DSCP, 0, 0xff, 0, 0, 0,
		5, 0, XENVF_EVI_A_MIN_RX_TTL, 0, 2, 0, 0, 0,
		5, 0, XENVF_EVI_A_FLOOD_UNKNOWN, 0, 1, 0, 0, 0,
		5, 0, XENVF_EVI_A_ARP_SUPPRESS, 0, 0, 0, 0, 0,
		8, 0, XENVF_EVI_A_AGING, 0, 60, 0, 0, 0,
	};
	static const char *const nokey[] = { "set", "nokey", NULL };
	static const uint8_t nokey_b[] = {
		HDR(28, 0x005, XENVF_EVI_CMD_SET),
		5, 0, XENVF_EVI_A_USE_KEY, 0, 0, 0, 0, 0,
	};
	static const char *const vlan_del[] = { "vlan", "del", "4094", NULL };
	static const uint8_t vlan_del_b[] = {
		HDR(28, 0x005, XENVF_EVI_CMD_VLAN_DEL),
		6, 0, XENVF_EVI_A_VID, 0, 0xfe, 0x0f, 0, 0,
	};
	static const char *const mac_del[] = { "mac", "del", "0", "02:00:00:00:00:01", NULL };
	static const uint8_t mac_del_b[] = {
		HDR(40, 0x005, XENVF_EVI_CMD_MAC_DEL),
		6, 0, XENVF_EVI_A_VID, 0, 0, 0, 0, 0,
		10, 0, XENVF_EVI_A_MAC, 0, 2, 0, 0, 0, 0, 1, 0, 0,
	};
	static const char *const peer_list[] = { "peer", NULL };
	static const uint8_t peer_list_b[] = { HDR(20, 0x305, XENVF_EVI_CMD_PEER_GET) };
	static const char *const mac_list[] = { "mac", "list", "5", NULL };
	static const uint8_t mac_list_b[] = { HDR(20, 0x305, XENVF_EVI_CMD_MAC_GET) };
	static const char *const show[] = { "show", NULL };
	static const uint8_t show_b[] = { HDR(20, 0x005, XENVF_EVI_CMD_GET) };
	static const char *const flush[] = { "flush", NULL };
	static const uint8_t flush_b[] = { HDR(20, 0x005, XENVF_EVI_CMD_FLUSH) };
	static const uint8_t family_b[] = {
		36, 0, 0, 0, GENL_ID_CTRL, 0, 5, 0, 9, 0, 0, 0, 0, 0, 0, 0,
		CTRL_CMD_GETFAMILY, 1, 0, 0,
		14, 0, CTRL_ATTR_FAMILY_NAME, 0, 'x', 'e', 'n', 'v', 'f', '_', 'e', 'v',
		'i', 0, 0, 0,
	};

	(void)state;
	build_expect(peer_add, peer_add_b, sizeof(peer_add_b));
	build_expect(mac_add, mac_add_b, sizeof(mac_add_b));
	build_expect(set, set_b, sizeof(set_b));
	build_expect(nokey, nokey_b, sizeof(nokey_b));
	build_expect(vlan_del, vlan_del_b, sizeof(vlan_del_b));
	build_expect(mac_del, mac_del_b, sizeof(mac_del_b));
	build_expect(peer_list, peer_list_b, sizeof(peer_list_b));
	build_expect(mac_list, mac_list_b, sizeof(mac_list_b));
	build_expect(show, show_b, sizeof(show_b));
	build_expect(flush, flush_b, sizeof(flush_b));
	memset(buf, 0xaa, sizeof(buf));
	assert_int_equal(xenvf_nl_build_getfamily(9, buf, sizeof(buf)), 36);
	assert_memory_equal(buf, family_b, sizeof(family_b));
	assert_int_equal(xenvf_nl_build_getfamily(9, buf, 35), -ENOSPC);
}

/* ---- replies ---- */

/* A reply being written by the test: message header, then attributes. */
static size_t rlen;

static void r_start(uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *h = (void *)buf;
	struct genlmsghdr *g = (void *)(buf + NLMSG_HDRLEN);

	memset(buf, 0, sizeof(buf));
	h->nlmsg_type = type;
	g->cmd = cmd;
	rlen = NLMSG_HDRLEN + GENL_HDRLEN;
	h->nlmsg_len = (uint32_t)rlen;
}

static size_t r_put(uint16_t type, const void *data, size_t n)
{
	struct nlattr *nla = (void *)(buf + rlen);
	size_t at = rlen;

	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + n);
	if (data)
		memcpy(buf + rlen + NLA_HDRLEN, data, n);
	rlen += NLA_ALIGN(NLA_HDRLEN + n);
	((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)rlen;
	return at;
}

static void r_u8(uint16_t type, uint8_t v) { r_put(type, &v, 1); }
static void r_u16(uint16_t type, uint16_t v) { r_put(type, &v, 2); }
static void r_u32(uint16_t type, uint32_t v) { r_put(type, &v, 4); }
static void r_u64(uint16_t type, uint64_t v) { r_put(type, &v, 8); }

static size_t r_nest(uint16_t type)
{
	return r_put(type | NLA_F_NESTED, NULL, 0);
}

static void r_nest_end(size_t at)
{
	((struct nlattr *)(buf + at))->nla_len = (uint16_t)(rlen - at);
}

static const struct nlmsghdr *reply(void)
{
	return (const struct nlmsghdr *)buf;
}

static char text[4096];

static int format(struct xenvf_evi_args *a)
{
	size_t used = 0;
	int rc;

	memset(text, 0, sizeof(text));
	rc = xenvf_evi_format(a, reply(), text, sizeof(text), &used);
	assert_int_equal(strlen(text), used);
	return rc;
}

static void reply_get(void **state)
{
	struct xenvf_evi_args a;
	size_t st;

	(void)state;
	assert_int_equal(EVI(&a, "show"), 0);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_ENABLED, 1);
	r_put(XENVF_EVI_A_LOCAL, "\xc6\x33\x64\x01", 4);
	r_u32(XENVF_EVI_A_KEY, 42);
	r_u8(XENVF_EVI_A_USE_KEY, 1);
	r_u8(XENVF_EVI_A_TTL, 64);
	r_u8(XENVF_EVI_A_DSCP, XENVF_EVI_DSCP_INHERIT);
	r_u8(XENVF_EVI_A_MIN_RX_TTL, 0);
	r_u8(XENVF_EVI_A_FLOOD_UNKNOWN, 0);
	r_u8(XENVF_EVI_A_ARP_SUPPRESS, 1);
	r_u32(XENVF_EVI_A_AGING, 300);
	r_u32(XENVF_EVI_A_OVERHEAD, 42);
	st = r_nest(XENVF_EVI_A_STATS);
	r_u64(XENVF_EVI_S_TX_ENCAP, 5);
	r_u64(XENVF_EVI_S_RX_UNKNOWN_PEER, 1ULL << 40);
	r_u64(XENVF_EVI_S_SPLIT_HORIZON, 3);
	r_u64(XENVF_EVI_S_MAX + 1, 9);	/* a newer kernel's counter */
	r_nest_end(st);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text,
			    "evi enabled local 198.51.100.1 key 42\n"
			    "  ttl 64 dscp inherit min-rx-ttl 0 aging 300\n"
			    "  flood-unknown off arp-suppress on overhead 42\n"
			    "counters:\n"
			    "  tx_encap 5\n"
			    "  rx_unknown_peer 1099511627776\n"
			    "  split_horizon 3\n"
			    "  stat_31 9\n");
	/* disabled, nothing configured, IPv6 local, numeric DSCP */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_ENABLED, 0);
	r_put(XENVF_EVI_A_LOCAL, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	r_u8(XENVF_EVI_A_USE_KEY, 0);
	r_u8(XENVF_EVI_A_DSCP, 10);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "evi disabled local 2001:db8::1 nokey\n  dscp 10\n");
	/* too small an output buffer */
	{
		size_t used = 0;

		assert_int_equal(xenvf_evi_format(&a, reply(), text, 8, &used), -ENOSPC);
	}
}

/* evi show -j of the reply in buf */
static int json_of(char **out)
{
	size_t len = 0;
	FILE *f = open_memstream(out, &len);
	int rc;

	assert_non_null(f);
	rc = xenvf_evi_json(reply(), f);
	fclose(f);
	return rc;
}

static void reply_get_json(void **state)
{
	struct xenvf_evi_args a;
	char *js;
	size_t st;

	(void)state;
	assert_int_equal(EVI(&a, "show", "-j"), 0);
	assert_true(a.json);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_GET);
	assert_int_equal(EVI(&a, "-j"), 0);
	assert_true(a.json);
	assert_int_equal(a.cmd, XENVF_EVI_CMD_GET);
	assert_int_equal(EVI(&a, "show", "--json"), 0);
	assert_true(a.json);
	assert_int_equal(EVI(&a, "show"), 0);
	assert_false(a.json);
	assert_int_equal(EVI(&a, "show", "-x"), -EINVAL);

	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_ENABLED, 1);
	r_put(XENVF_EVI_A_LOCAL, "\xc6\x33\x64\x01", 4);
	r_u32(XENVF_EVI_A_KEY, 4294967295u);
	r_u8(XENVF_EVI_A_USE_KEY, 1);
	r_u8(XENVF_EVI_A_TTL, 64);
	r_u8(XENVF_EVI_A_DSCP, XENVF_EVI_DSCP_INHERIT);
	r_u8(XENVF_EVI_A_MIN_RX_TTL, 0);
	r_u8(XENVF_EVI_A_FLOOD_UNKNOWN, 0);
	r_u8(XENVF_EVI_A_ARP_SUPPRESS, 1);
	r_u32(XENVF_EVI_A_AGING, 300);
	r_u32(XENVF_EVI_A_OVERHEAD, 42);
	st = r_nest(XENVF_EVI_A_STATS);
	r_u64(XENVF_EVI_S_TX_ENCAP, 5);
	r_u64(XENVF_EVI_S_RX_UNKNOWN_PEER, 1ULL << 40);
	r_u64(XENVF_EVI_S_MAX + 1, 9);	/* a newer kernel's counter */
	r_nest_end(st);
	assert_int_equal(json_of(&js), 0);
	assert_string_equal(js,
			    "{\"enabled\":true,\"local\":\"198.51.100.1\",\"use_key\":true,"
			    "\"key\":4294967295,\"ttl\":64,\"dscp\":\"inherit\",\"min_rx_ttl\":0,"
			    "\"aging\":300,\"flood_unknown\":false,\"arp_suppress\":true,"
			    "\"overhead\":42,\"counters\":{\"tx_encap\":5,"
			    "\"rx_unknown_peer\":1099511627776,\"stat_31\":9}}\n");
	free(js);
	/* nothing configured: null for every missing attribute, no key */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_put(XENVF_EVI_A_LOCAL, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	r_u8(XENVF_EVI_A_USE_KEY, 0);
	r_u32(XENVF_EVI_A_KEY, 7);
	r_u8(XENVF_EVI_A_DSCP, 10);
	assert_int_equal(json_of(&js), 0);
	assert_string_equal(js,
			    "{\"enabled\":null,\"local\":\"2001:db8::1\",\"use_key\":false,"
			    "\"key\":null,\"ttl\":null,\"dscp\":10,\"min_rx_ttl\":null,"
			    "\"aging\":null,\"flood_unknown\":null,\"arp_suppress\":null,"
			    "\"overhead\":null,\"counters\":null}\n");
	free(js);
	/* a malformed reply: an error and no output at all */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_ENABLED, 1);
	st = r_nest(XENVF_EVI_A_STATS);
	r_u32(XENVF_EVI_S_TX_ENCAP, 5);
	r_nest_end(st);
	assert_int_equal(json_of(&js), -EPROTO);
	assert_string_equal(js, "");
	free(js);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u16(XENVF_EVI_A_TTL, 64);
	assert_int_equal(json_of(&js), -EPROTO);
	assert_string_equal(js, "");
	free(js);
}

static void reply_lists(void **state)
{
	struct xenvf_evi_args a;
	size_t st;

	(void)state;
	assert_int_equal(EVI(&a, "peer", "list"), 0);
	r_start(0x20, XENVF_EVI_CMD_PEER_GET);
	r_put(XENVF_EVI_A_PEER_ADDR, "\xcb\x00\x71\x02", 4);
	st = r_nest(XENVF_EVI_A_PEER_STATS);
	r_u64(XENVF_EVI_PS_TX_PACKETS, 1);
	r_u64(XENVF_EVI_PS_TX_BYTES, 98);
	r_u64(XENVF_EVI_PS_RX_PACKETS, 2);
	r_u64(XENVF_EVI_PS_RX_BYTES, 196);
	r_nest_end(st);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "peer 203.0.113.2 tx_packets 1 tx_bytes 98 rx_packets 2 rx_bytes 196\n");

	assert_int_equal(EVI(&a, "vlan"), 0);
	r_start(0x20, XENVF_EVI_CMD_VLAN_GET);
	r_u16(XENVF_EVI_A_VID, 0);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "vlan 0 (untagged)\n");
	r_start(0x20, XENVF_EVI_CMD_VLAN_GET);
	r_u16(XENVF_EVI_A_VID, 100);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "vlan 100\n");

	assert_int_equal(EVI(&a, "mac"), 0);
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 100);
	r_put(XENVF_EVI_A_MAC, "\x02\x00\x00\x00\x00\x01", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_LEARNED);
	r_put(XENVF_EVI_A_PEER_ADDR, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x02", 16);
	r_u32(XENVF_EVI_A_MAC_AGE, 12);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "vlan 100 mac 02:00:00:00:00:01 learned peer 2001:db8::2 age 12\n");
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 0);
	r_put(XENVF_EVI_A_MAC, "\x00\x16\x3e\xab\xcd\xef", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_STATIC);
	r_put(XENVF_EVI_A_PEER_ADDR, "\xcb\x00\x71\x02", 4);
	r_put(XENVF_EVI_A_IPV4, "\x0a\x00\x00\x09", 4);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "vlan 0 mac 00:16:3e:ab:cd:ef static peer 203.0.113.2 ip 10.0.0.9\n");
	/* mac list 7: other VIDs print nothing */
	assert_int_equal(EVI(&a, "mac", "list", "7"), 0);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "");
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 7);
	r_put(XENVF_EVI_A_MAC, "\x00\x16\x3e\x00\x00\x01", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_LOCAL);
	assert_int_equal(format(&a), 0);
	assert_string_equal(text, "vlan 7 mac 00:16:3e:00:00:01 local\n");
}

/* Replies that break the format are refused, never read past their end. */
static void reply_malformed(void **state)
{
	struct xenvf_evi_args a;
	size_t st;

	(void)state;
	assert_int_equal(EVI(&a, "show"), 0);
	/* an attribute of the wrong size */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u32(XENVF_EVI_A_ENABLED, 1);
	assert_int_equal(format(&a), -EPROTO);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_put(XENVF_EVI_A_LOCAL, "\1\2\3\4\5", 5);
	assert_int_equal(format(&a), -EPROTO);
	/* an attribute running past the message (one of a type not read) */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(0x7f, 1);
	((struct nlattr *)(buf + NLMSG_HDRLEN + GENL_HDRLEN))->nla_len = 200;
	assert_int_equal(format(&a), -EPROTO);
	/* an attribute shorter than its header */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_TTL, 1);
	((struct nlattr *)(buf + NLMSG_HDRLEN + GENL_HDRLEN))->nla_len = 2;
	assert_int_equal(format(&a), -EPROTO);
	/* a message shorter than the genl header, valid attributes after it */
	r_start(0x20, XENVF_EVI_CMD_GET);
	for (st = NLMSG_HDRLEN + GENL_HDRLEN; st < sizeof(buf); st += 4)
		memcpy(buf + st, "\x04\x00\x7f\x00", 4);
	((struct nlmsghdr *)buf)->nlmsg_len = NLMSG_HDRLEN + 2;
	assert_int_equal(format(&a), -EPROTO);
	/* a counter that is not a u64 */
	r_start(0x20, XENVF_EVI_CMD_GET);
	st = r_nest(XENVF_EVI_A_STATS);
	r_u32(XENVF_EVI_S_TX_ENCAP, 5);
	r_nest_end(st);
	assert_int_equal(format(&a), -EPROTO);
	/* a nested counter overrunning its nest */
	r_start(0x20, XENVF_EVI_CMD_GET);
	st = r_nest(XENVF_EVI_A_STATS);
	r_u64(XENVF_EVI_S_TX_ENCAP, 5);
	r_nest_end(st);
	((struct nlattr *)(buf + st + NLA_HDRLEN))->nla_len = 16;
	assert_int_equal(format(&a), -EPROTO);
	/* list entries without their key attribute */
	assert_int_equal(EVI(&a, "peer"), 0);
	r_start(0x20, XENVF_EVI_CMD_PEER_GET);
	assert_int_equal(format(&a), -EPROTO);
	assert_int_equal(EVI(&a, "vlan"), 0);
	assert_int_equal(format(&a), -EPROTO);
	assert_int_equal(EVI(&a, "mac"), 0);
	r_u16(XENVF_EVI_A_VID, 1);
	assert_int_equal(format(&a), -EPROTO);
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 1);
	r_put(XENVF_EVI_A_MAC, "\1\2\3\4\5", 5);
	assert_int_equal(format(&a), -EPROTO);
}

static void nl_walk(void **state)
{
	const struct nlmsghdr *m;
	struct nlmsghdr *h = (void *)buf;
	size_t off = 0;

	(void)state;
	memset(buf, 0, sizeof(buf));
	h->nlmsg_len = 20;			/* padded to 20, then a second */
	h = (void *)(buf + 20);
	h->nlmsg_len = 17;			/* last: no padding needed */
	assert_int_equal(xenvf_nl_next(buf, 37, &off, &m), 1);
	assert_ptr_equal(m, buf);
	assert_int_equal(xenvf_nl_next(buf, 37, &off, &m), 1);
	assert_ptr_equal(m, buf + 20);
	assert_int_equal(xenvf_nl_next(buf, 37, &off, &m), 0);
	/* a length past the datagram, or below the header */
	off = 0;
	assert_int_equal(xenvf_nl_next(buf, 36, &off, &m), 1);
	assert_int_equal(xenvf_nl_next(buf, 36, &off, &m), -EPROTO);
	off = 0;
	((struct nlmsghdr *)buf)->nlmsg_len = 8;
	assert_int_equal(xenvf_nl_next(buf, 37, &off, &m), -EPROTO);
	off = 0;
	assert_int_equal(xenvf_nl_next(buf, 10, &off, &m), -EPROTO);
}

static void nl_errors(void **state)
{
	struct nlmsghdr *h = (void *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	const char *ext;
	size_t at;
	int error;

	(void)state;
	/* a plain ack */
	memset(buf, 0, sizeof(buf));
	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_len = NLMSG_HDRLEN + sizeof(*e);
	assert_int_equal(xenvf_nl_error(h, &error, &ext), 0);
	assert_int_equal(error, 0);
	assert_null(ext);
	/* capped error with an extack message */
	e->error = -EEXIST;
	h->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	rlen = h->nlmsg_len;
	r_put(NLMSGERR_ATTR_MSG, "peer exists", 12);
	assert_int_equal(xenvf_nl_error(h, &error, &ext), 0);
	assert_int_equal(error, EEXIST);
	assert_string_equal(ext, "peer exists");
	/* not capped: the request (28 bytes) is echoed before the TLVs */
	memset(buf, 0, sizeof(buf));
	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_flags = NLM_F_ACK_TLVS;
	e->error = -EINVAL;
	e->msg.nlmsg_len = 28;
	rlen = NLMSG_HDRLEN + sizeof(*e) + 12;
	at = r_put(NLMSGERR_ATTR_MSG, "bad VID", 8);
	assert_int_equal(at, NLMSG_HDRLEN + sizeof(*e) + 12);
	assert_int_equal(xenvf_nl_error(h, &error, &ext), 0);
	assert_int_equal(error, EINVAL);
	assert_string_equal(ext, "bad VID");
	/* an extack message without its NUL is not used */
	buf[at + NLA_HDRLEN + 7] = 'x';
	assert_int_equal(xenvf_nl_error(h, &error, &ext), 0);
	assert_null(ext);
	/* an echoed request longer than the message (attributes after it) */
	for (rlen = h->nlmsg_len; rlen < sizeof(buf); rlen += 4)
		memcpy(buf + rlen, "\x04\x00\x7f\x00", 4);
	e->msg.nlmsg_len = 4000;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
	e->msg.nlmsg_len = 28;
	/* a TLV past the end */
	((struct nlattr *)(buf + at))->nla_len = 100;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
	/*
	 * error codes no kernel sends: INT_MIN (negating it was undefined
	 * behaviour, found by tests/fuzz/fuzz_evi_nl.c), positive, or
	 * beyond MAX_ERRNO; -4095 is the last valid one (the TLV whole again)
	 */
	((struct nlattr *)(buf + at))->nla_len = 12;
	e->error = INT_MIN;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
	e->error = 1;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
	e->error = -4096;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
	e->error = -4095;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), 0);
	assert_int_equal(error, 4095);
	/* too short for struct nlmsgerr, or not an error at all */
	h->nlmsg_len = NLMSG_HDRLEN + 4;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
	h->nlmsg_len = NLMSG_HDRLEN + sizeof(*e);
	h->nlmsg_type = NLMSG_DONE;
	assert_int_equal(xenvf_nl_error(h, &error, &ext), -EPROTO);
}

static void nl_family(void **state)
{
	uint16_t id = 0;

	(void)state;
	r_start(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	r_put(CTRL_ATTR_FAMILY_NAME, "xenvf_evi", 10);
	r_u16(CTRL_ATTR_FAMILY_ID, 0x1f);
	assert_int_equal(xenvf_nl_family_id(reply(), &id), 0);
	assert_int_equal(id, 0x1f);
	r_start(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	r_put(CTRL_ATTR_FAMILY_NAME, "xenvf_evi", 10);
	assert_int_equal(xenvf_nl_family_id(reply(), &id), -EPROTO);
	r_start(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	r_u32(CTRL_ATTR_FAMILY_ID, 0x1f);
	assert_int_equal(xenvf_nl_family_id(reply(), &id), -EPROTO);
	r_start(0x20, CTRL_CMD_NEWFAMILY);
	r_u16(CTRL_ATTR_FAMILY_ID, 0x1f);
	assert_int_equal(xenvf_nl_family_id(reply(), &id), -EPROTO);
	assert_string_equal(xenvf_evi_stat_name(XENVF_EVI_S_TX_UNKNOWN_HELD), "tx_unknown_held");
	assert_string_equal(xenvf_evi_stat_name(XENVF_EVI_S_LEARN_LOCAL_REFUSED),
			    "rx_learn_local_refused");
	assert_string_equal(xenvf_evi_stat_name(XENVF_EVI_S_LEARN_PEER_FULL), "learn_peer_full");
	assert_string_equal(xenvf_evi_stat_name(XENVF_EVI_S_RX_IP_CSUM), "rx_bad_ip_csum");
	assert_string_equal(xenvf_evi_stat_name(XENVF_EVI_S_RX_BAD_TAG), "rx_bad_tag");
	assert_string_equal(xenvf_evi_stat_name(XENVF_EVI_S_TX_NO_PEER), "tx_no_peer");
	assert_null(xenvf_evi_stat_name(XENVF_EVI_S_MAX + 1));
}

/* ---- evi save / load: the config file ---- */

/* Split @line at spaces and parse it as `xenvf evi` does. */
static int parse_words(const char *line, struct xenvf_evi_args *a)
{
	static char copy[1024];
	char *argv[40], *p, *save = NULL;
	int argc = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (p = strtok_r(copy, " ", &save); p && argc < 40;
	     p = strtok_r(NULL, " ", &save))
		argv[argc++] = p;
	return xenvf_parse_evi(argc, argv, a, err, sizeof(err));
}

/* Canonical lines: parse, write back the same text. */
static const char *const canon[] = {
	"set local 10.0.1.1 key 42 ttl 64 dscp inherit min-rx-ttl 1 flood-unknown off arp-suppress off aging 300",
	"set local 2001:db8::1 nokey ttl 255 dscp 63 min-rx-ttl 0 flood-unknown on arp-suppress on aging 86400",
	"set key 0",
	"set key 4294967295 dscp 0 aging 10",
	"set enable",
	"set disable",
	"set enable local 192.0.2.1",
	"peer add 10.0.2.2",
	"peer add 2001:db8::2",
	"vlan add 0",
	"vlan add 4094",
	"mac add 0 02:00:00:00:00:01 peer 10.0.2.2",
	"mac add 100 00:16:3e:ab:cd:ef peer 2001:db8::2 ip 10.0.0.9",
};

static void conf_lines(void **state)
{
	struct xenvf_evi_args a, b;
	char line[XENVF_EVI_CONF_LINE_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(canon) / sizeof(canon[0]); i++) {
		assert_int_equal(parse_words(canon[i], &a), 0);
		assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
		assert_string_equal(line, canon[i]);
		/* and the line parses to the very same command */
		assert_int_equal(parse_words(line, &b), 0);
		assert_memory_equal(&a, &b, sizeof(a));
	}
	/* a line of the CLI in another spelling comes out canonical */
	assert_int_equal(parse_words("set aging 60 ttl 9 enable nokey", &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
	assert_string_equal(line, "set enable nokey ttl 9 aging 60");
	/* lines that are not config */
	assert_int_equal(parse_words("peer del 10.0.2.2", &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), -EINVAL);
	assert_int_equal(parse_words("show", &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), -EINVAL);
	/* too small a buffer */
	assert_int_equal(parse_words(canon[0], &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, 20), -ENOSPC);
	assert_int_equal(xenvf_evi_conf_line(&a, line, 0), -ENOSPC);
}

static void conf_save_load_args(void **state)
{
	struct xenvf_evi_args a;

	(void)state;
	assert_int_equal(EVI(&a, "save"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_TOOL_SAVE);
	assert_null(a.file);
	assert_int_equal(EVI(&a, "save", "/tmp/x"), 0);
	assert_string_equal(a.file, "/tmp/x");
	assert_int_equal(EVI(&a, "load", "/etc/xenvf/evi.conf"), 0);
	assert_int_equal(a.cmd, XENVF_EVI_TOOL_LOAD);
	assert_string_equal(a.file, "/etc/xenvf/evi.conf");
	assert_int_equal(EVI(&a, "load"), -EINVAL);
	assert_string_equal(err, "load needs a FILE (xenvf evi save writes one)");
	assert_int_equal(EVI(&a, "load", ""), -EINVAL);
	assert_int_equal(EVI(&a, "save", ""), -EINVAL);
	assert_int_equal(EVI(&a, "save", "a", "b"), -EINVAL);
	assert_string_equal(err, "unexpected argument 'b'");
	assert_int_equal(EVI(&a, "load", "a", "b"), -EINVAL);
	assert_int_equal(EVI(&a, "load", "--help"), 0);
	assert_true(a.help);
}

/* The file save writes: every kind of line, comments, blank lines. */
static const char conf_file[] =
	"# xenvf evi save: apply with xenvf evi load FILE\n"
	"set local 10.0.1.1 key 42 ttl 64 dscp inherit min-rx-ttl 1 flood-unknown off arp-suppress off aging 300\n"
	"peer add 10.0.2.2\n"
	"peer add 10.0.3.3\n"
	"vlan add 0\n"
	"vlan add 100\n"
	"mac add 100 02:00:00:00:00:01 peer 10.0.2.2 ip 10.0.0.9\n"
	"set enable\n";

static void conf_round_trip(void **state)
{
	struct xenvf_evi_conf c = { 0 }, d = { 0 };
	struct xenvf_evi_args a;
	unsigned int line = 99;
	char *out = NULL;
	size_t len = 0, i;
	FILE *f;
	/* what load applies, in order, as the CLI parses it */
	static const char *const cli[] = {
		"set local 10.0.1.1 key 42 ttl 64 dscp inherit min-rx-ttl 1 flood-unknown off arp-suppress off aging 300",
		"peer add 10.0.2.2", "peer add 10.0.3.3", "vlan add 0",
		"vlan add 100",
		"mac add 100 02:00:00:00:00:01 peer 10.0.2.2 ip 10.0.0.9",
		"set enable",
	};

	(void)state;
	assert_int_equal(xenvf_evi_conf_parse(conf_file, strlen(conf_file), &c,
					      &line, err, sizeof(err)), 0);
	assert_int_equal(line, 0);
	assert_int_equal(c.n, 7);
	for (i = 0; i < c.n; i++) {
		assert_int_equal(parse_words(cli[i], &a), 0);
		assert_memory_equal(&c.cmd[i], &a, sizeof(a));
		assert_int_equal(c.line[i], i + 2);
	}
	/* written back: the same file, byte for byte (golden) */
	f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(xenvf_evi_conf_write(&c, f), 0);
	fclose(f);
	assert_string_equal(out, conf_file);
	/* and parsed again: the same commands */
	assert_int_equal(xenvf_evi_conf_parse(out, len, &d, &line, err,
					      sizeof(err)), 0);
	assert_int_equal(d.n, c.n);
	assert_memory_equal(d.cmd, c.cmd, c.n * sizeof(*c.cmd));
	free(out);
	xenvf_evi_conf_free(&c);
	xenvf_evi_conf_free(&d);
	assert_null(c.cmd);
	assert_int_equal(c.n, 0);
}

static void conf_comments_blanks(void **state)
{
	static const char t[] =
		"\n   \n# a comment\n\tpeer add 10.0.2.2   # trailing comment\r\n"
		"vlan   add\t7\n#\nset enable";	/* no final newline */
	struct xenvf_evi_conf c = { 0 };
	unsigned int line;

	(void)state;
	assert_int_equal(xenvf_evi_conf_parse(t, strlen(t), &c, &line, err,
					      sizeof(err)), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.cmd[0].cmd, XENVF_EVI_CMD_PEER_ADD);
	assert_int_equal(c.line[0], 4);
	assert_int_equal(c.cmd[1].cmd, XENVF_EVI_CMD_VLAN_ADD);
	assert_int_equal(c.cmd[1].vid, 7);
	assert_int_equal(c.line[1], 5);
	assert_int_equal(c.cmd[2].enabled, 1);
	assert_int_equal(c.line[2], 7);
	xenvf_evi_conf_free(&c);
	/* an empty file: nothing to apply */
	assert_int_equal(xenvf_evi_conf_parse("", 0, &c, &line, err,
					      sizeof(err)), 0);
	assert_int_equal(c.n, 0);
}

static void conf_bad(void **state)
{
	static const struct {
		const char *text;
		unsigned int line;
		const char *msg;
	} bad[] = {
		{ "set key 1\npeer add 10.0.2.2\nvlan add 4095\nvlan add 1\n", 3,
		  "VID '4095' out of range 0..4094 (0: untagged)" },
		{ "peer add 10.0.2.2\n\npeer add 224.0.0.1\n", 3,
		  "peer '224.0.0.1' is not a unicast IPv4 or IPv6 address" },
		{ "# c\nset ttl 0\n", 2, "ttl '0' out of range 1..255" },
		{ "peer del 10.0.2.2\n", 1,
		  "'peer' is not a config line (set, peer add, vlan add, mac add)" },
		{ "mac del 1 02:00:00:00:00:01\n", 1, "is not a config line" },
		{ "vlan add 1\nshow\n", 2, "'show' is not a config line" },
		{ "peer\n", 1, "is not a config line" },
		{ "flush\n", 1, "'flush' is not a config line" },
		{ "set --help\n", 1, "'set' is not a config line" },
		{ "load /etc/x\n", 1, "'load' is not a config line" },
		{ "save\n", 1, "'save' is not a config line" },
		{ "xenvf evi set enable\n", 1, "unknown object 'xenvf'" },
		{ "set enable\nset bogus 1\n", 2, "unknown setting 'bogus'" },
		{ "mac add 1 02:00:00:00:00:01\n", 1, "mac add needs peer ADDR" },
		{ "set enable enable\n", 1, "enable/disable given twice" },
		{ "vlan add 1\n"
		  "set a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a\n",
		  2, "more than 32 words" },
	};
	struct xenvf_evi_conf c = { 0 };
	unsigned int line;
	size_t i;
	char *big;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(xenvf_evi_conf_parse(bad[i].text, strlen(bad[i].text),
						      &c, &line, err, sizeof(err)),
				 -EINVAL);
		if (line != bad[i].line || !strstr(err, bad[i].msg))
			fail_msg("'%s': line %u '%s', want line %u '%s'", bad[i].text,
				 line, err, bad[i].line, bad[i].msg);
		/* nothing kept of the lines before it */
		assert_int_equal(c.n, 0);
		assert_null(c.cmd);
	}
	/* a NUL byte, a line too long */
	assert_int_equal(xenvf_evi_conf_parse("vlan add 1\nvlan\0add 2\n", 22, &c,
					      &line, err, sizeof(err)), -EINVAL);
	assert_int_equal(line, 2);
	assert_string_equal(err, "a NUL byte");
	big = malloc(XENVF_EVI_CONF_LINE_MAX + 2);
	assert_non_null(big);
	memset(big, ' ', XENVF_EVI_CONF_LINE_MAX + 1);
	memcpy(big, "vlan add 1", 10);
	big[XENVF_EVI_CONF_LINE_MAX + 1] = '\n';
	assert_int_equal(xenvf_evi_conf_parse(big, XENVF_EVI_CONF_LINE_MAX + 2, &c,
					      &line, err, sizeof(err)), -EINVAL);
	assert_int_equal(line, 1);
	assert_string_equal(err, "longer than 1024 bytes");
	/* exactly the longest line: fine */
	assert_int_equal(xenvf_evi_conf_parse(big, XENVF_EVI_CONF_LINE_MAX, &c,
					      &line, err, sizeof(err)), 0);
	assert_int_equal(c.n, 1);
	xenvf_evi_conf_free(&c);
	free(big);
}

static void conf_too_many(void **state)
{
	struct xenvf_evi_conf c = { 0 };
	unsigned int line;
	size_t n = XENVF_EVI_CONF_MAX + 1, i, len = 0;
	char *t = malloc(n * 16);

	(void)state;
	assert_non_null(t);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(t + len, "vlan add %zu\n", i % 4095);
	assert_int_equal(xenvf_evi_conf_parse(t, len, &c, &line, err, sizeof(err)),
			 -EINVAL);
	assert_int_equal(line, n);
	assert_string_equal(err, "more than 8832 commands");
	assert_int_equal(c.n, 0);
	/* one fewer: taken */
	len -= strlen(strrchr(t, 'v'));
	assert_int_equal(xenvf_evi_conf_parse(t, len, &c, &line, err, sizeof(err)),
			 0);
	assert_int_equal(c.n, XENVF_EVI_CONF_MAX);
	xenvf_evi_conf_free(&c);
	free(t);
}

/* A kernel that refuses the command at index fail_at, and logs each one. */
struct fake {
	size_t sent;
	size_t fail_at;
	int undo_fail_at;	/* -1: never */
	char log[32][200];
};

static int fake_send(void *ctx, const struct xenvf_evi_args *a)
{
	struct fake *f = ctx;
	size_t i = f->sent++;
	char *l = f->log[i < 32 ? i : 31];

	if (a->cmd == XENVF_EVI_CMD_PEER_DEL)
		snprintf(l, 200, "peer del %u", a->peer.a[3]);
	else if (a->cmd == XENVF_EVI_CMD_VLAN_DEL)
		snprintf(l, 200, "vlan del %d", a->vid);
	else if (a->cmd == XENVF_EVI_CMD_MAC_DEL)
		snprintf(l, 200, "mac del %d %02x peer %u ip %d", a->vid, a->mac[5],
			 a->peer.len, a->ipv4_set);
	else
		assert_int_equal(xenvf_evi_conf_line(a, l, 200), 0);
	if (i == f->fail_at)
		return -EEXIST;
	if ((int)i == f->undo_fail_at)
		return -ENOENT;
	return 0;
}

static void conf_apply_undo(void **state)
{
	struct xenvf_evi_conf c = { 0 };
	struct xenvf_evi_args old;
	struct fake f;
	unsigned int line;
	size_t failed = 99;
	int undo_rc = 7;

	(void)state;
	assert_int_equal(xenvf_evi_conf_parse(conf_file, strlen(conf_file), &c,
					      &line, err, sizeof(err)), 0);
	assert_int_equal(parse_words("set disable local 192.0.2.1 nokey ttl 64 dscp 0 min-rx-ttl 1 flood-unknown off arp-suppress off aging 300",
				     &old), 0);
	/* every step accepted: sent in order, nothing undone */
	memset(&f, 0, sizeof(f));
	f.fail_at = 99;
	f.undo_fail_at = -1;
	assert_int_equal(xenvf_evi_conf_apply(&c, &old, fake_send, &f, &failed,
					      &undo_rc), 0);
	assert_int_equal(f.sent, 7);
	assert_int_equal(undo_rc, 0);
	assert_string_equal(f.log[0], c.cmd[0].cmd == XENVF_EVI_CMD_SET ?
			    "set local 10.0.1.1 key 42 ttl 64 dscp inherit min-rx-ttl 1 flood-unknown off arp-suppress off aging 300" : "");
	assert_string_equal(f.log[6], "set enable");
	/* the MAC (index 5) refused: the four before it undone, last first */
	memset(&f, 0, sizeof(f));
	f.fail_at = 5;
	f.undo_fail_at = -1;
	assert_int_equal(xenvf_evi_conf_apply(&c, &old, fake_send, &f, &failed,
					      &undo_rc), -EEXIST);
	assert_int_equal(failed, 5);
	assert_int_equal(c.line[failed], 7);
	assert_int_equal(undo_rc, 0);
	assert_int_equal(f.sent, 11);
	assert_string_equal(f.log[6], "vlan del 100");
	assert_string_equal(f.log[7], "vlan del 0");
	assert_string_equal(f.log[8], "peer del 3");
	assert_string_equal(f.log[9], "peer del 2");
	/* the settings as they were, enabled included */
	assert_string_equal(f.log[10], "set disable local 192.0.2.1 nokey ttl 64 dscp 0 min-rx-ttl 1 flood-unknown off arp-suppress off aging 300");
	/* the last step refused: the static MAC goes too, by VID and MAC only */
	memset(&f, 0, sizeof(f));
	f.fail_at = 6;
	f.undo_fail_at = -1;
	assert_int_equal(xenvf_evi_conf_apply(&c, &old, fake_send, &f, &failed,
					      &undo_rc), -EEXIST);
	assert_int_equal(failed, 6);
	assert_int_equal(f.sent, 13);
	assert_string_equal(f.log[7], "mac del 100 01 peer 0 ip 0");
	/* the first step refused: nothing to undo */
	memset(&f, 0, sizeof(f));
	f.fail_at = 0;
	f.undo_fail_at = -1;
	assert_int_equal(xenvf_evi_conf_apply(&c, &old, fake_send, &f, &failed,
					      &undo_rc), -EEXIST);
	assert_int_equal(failed, 0);
	assert_int_equal(f.sent, 1);
	/* an undo refused: reported, the other undos still sent */
	memset(&f, 0, sizeof(f));
	f.fail_at = 3;
	f.undo_fail_at = 5;	/* the second undo: peer del 2 */
	assert_int_equal(xenvf_evi_conf_apply(&c, &old, fake_send, &f, &failed,
					      &undo_rc), -EEXIST);
	assert_int_equal(undo_rc, -ENOENT);
	assert_int_equal(f.sent, 7);
	assert_string_equal(f.log[6], "set disable local 192.0.2.1 nokey ttl 64 dscp 0 min-rx-ttl 1 flood-unknown off arp-suppress off aging 300");
	xenvf_evi_conf_free(&c);
}

/* evi save: replies turned into the commands that recreate them */
static void conf_from_replies(void **state)
{
	struct xenvf_evi_args a, want;
	char line[XENVF_EVI_CONF_LINE_MAX];

	(void)state;
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_ENABLED, 1);
	r_put(XENVF_EVI_A_LOCAL, "\x0a\x00\x01\x01", 4);
	r_u32(XENVF_EVI_A_KEY, 42);
	r_u8(XENVF_EVI_A_USE_KEY, 1);
	r_u8(XENVF_EVI_A_TTL, 64);
	r_u8(XENVF_EVI_A_DSCP, XENVF_EVI_DSCP_INHERIT);
	r_u8(XENVF_EVI_A_MIN_RX_TTL, 1);
	r_u8(XENVF_EVI_A_FLOOD_UNKNOWN, 0);
	r_u8(XENVF_EVI_A_ARP_SUPPRESS, 1);
	r_u32(XENVF_EVI_A_AGING, 300);
	r_u32(XENVF_EVI_A_OVERHEAD, 46);
	r_nest_end(r_nest(XENVF_EVI_A_STATS));
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
	assert_string_equal(line, "set enable local 10.0.1.1 key 42 ttl 64 dscp inherit min-rx-ttl 1 flood-unknown off arp-suppress on aging 300");
	assert_int_equal(parse_words(line, &want), 0);
	assert_memory_equal(&a, &want, sizeof(a));
	/* no key used: nokey, whatever KEY says; no local: none written */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_ENABLED, 0);
	r_u32(XENVF_EVI_A_KEY, 42);
	r_u8(XENVF_EVI_A_USE_KEY, 0);
	r_u8(XENVF_EVI_A_DSCP, 5);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
	assert_string_equal(line, "set disable nokey dscp 5");
	/* values the CLI refuses: malformed */
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_TTL, 0);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), -EPROTO);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_DSCP, 64);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), -EPROTO);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u32(XENVF_EVI_A_AGING, 9);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), -EPROTO);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_u8(XENVF_EVI_A_USE_KEY, 1);	/* a key used, none sent */
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), -EPROTO);
	r_start(0x20, XENVF_EVI_CMD_GET);
	r_put(XENVF_EVI_A_LOCAL, "\x0a\x00\x01", 3);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_GET, reply(), &a), -EPROTO);

	r_start(0x20, XENVF_EVI_CMD_PEER_GET);
	r_put(XENVF_EVI_A_PEER_ADDR, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x02", 16);
	r_nest_end(r_nest(XENVF_EVI_A_PEER_STATS));
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_PEER_GET, reply(), &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
	assert_string_equal(line, "peer add 2001:db8::2");
	r_start(0x20, XENVF_EVI_CMD_PEER_GET);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_PEER_GET, reply(), &a), -EPROTO);

	r_start(0x20, XENVF_EVI_CMD_VLAN_GET);
	r_u16(XENVF_EVI_A_VID, 4094);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_VLAN_GET, reply(), &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
	assert_string_equal(line, "vlan add 4094");
	r_start(0x20, XENVF_EVI_CMD_VLAN_GET);
	r_u16(XENVF_EVI_A_VID, 4095);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_VLAN_GET, reply(), &a), -EPROTO);

	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 100);
	r_put(XENVF_EVI_A_MAC, "\x00\x16\x3e\xab\xcd\xef", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_STATIC);
	r_put(XENVF_EVI_A_PEER_ADDR, "\x0a\x00\x02\x02", 4);
	r_put(XENVF_EVI_A_IPV4, "\x0a\x00\x00\x09", 4);
	r_u32(XENVF_EVI_A_MAC_AGE, 3);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_MAC_GET, reply(), &a), 0);
	assert_int_equal(xenvf_evi_conf_line(&a, line, sizeof(line)), 0);
	assert_string_equal(line, "mac add 100 00:16:3e:ab:cd:ef peer 10.0.2.2 ip 10.0.0.9");
	assert_int_equal(parse_words(line, &want), 0);
	assert_memory_equal(&a, &want, sizeof(a));
	/* learned and local MACs are not config */
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 100);
	r_put(XENVF_EVI_A_MAC, "\x00\x16\x3e\xab\xcd\xef", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_LEARNED);
	r_put(XENVF_EVI_A_PEER_ADDR, "\x0a\x00\x02\x02", 4);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_MAC_GET, reply(), &a), 1);
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 0);
	r_put(XENVF_EVI_A_MAC, "\x00\x16\x3e\x00\x00\x01", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_LOCAL);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_MAC_GET, reply(), &a), 1);
	/* a static MAC without its peer: malformed */
	r_start(0x20, XENVF_EVI_CMD_MAC_GET);
	r_u16(XENVF_EVI_A_VID, 0);
	r_put(XENVF_EVI_A_MAC, "\x00\x16\x3e\x00\x00\x01", 6);
	r_u8(XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_STATIC);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_MAC_GET, reply(), &a), -EPROTO);
	assert_int_equal(xenvf_evi_reply_args(XENVF_EVI_CMD_FLUSH, reply(), &a), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_objects),
		cmocka_unit_test(parse_set),
		cmocka_unit_test(parse_bad),
		cmocka_unit_test(build_golden),
		cmocka_unit_test(reply_get),
		cmocka_unit_test(reply_get_json),
		cmocka_unit_test(reply_lists),
		cmocka_unit_test(reply_malformed),
		cmocka_unit_test(nl_walk),
		cmocka_unit_test(nl_errors),
		cmocka_unit_test(nl_family),
		cmocka_unit_test(conf_lines),
		cmocka_unit_test(conf_save_load_args),
		cmocka_unit_test(conf_round_trip),
		cmocka_unit_test(conf_comments_blanks),
		cmocka_unit_test(conf_bad),
		cmocka_unit_test(conf_too_many),
		cmocka_unit_test(conf_apply_undo),
		cmocka_unit_test(conf_from_replies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
