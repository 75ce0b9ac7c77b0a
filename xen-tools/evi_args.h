/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command lines of `xenvf evi ...` (EVI configuration of xenvf-back),
 * parsed and validated into one request of the "xenvf_evi" generic netlink
 * family (common/proto/xenvf_evi.h). Pure functions, no I/O: unit-tested in
 * tests/unit/test_evi.c.
 */
#ifndef XENVF_EVI_ARGS_H
#define XENVF_EVI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenvf_parse.h"

#define XENVF_EVI_AGING_MIN	10
#define XENVF_EVI_AGING_MAX	86400
#define XENVF_EVI_DSCP_MAX	63

/*
 * Commands of the tool itself, beyond the family's XENVF_EVI_CMD_*: never
 * sent as they are (evi.c turns them into requests).
 */
#define XENVF_EVI_TOOL_SAVE	0x100	/* save [FILE]: the config as lines */
#define XENVF_EVI_TOOL_LOAD	0x101	/* load FILE: apply such lines */

/* An outer (underlay) address: IPv4 (len 4) or IPv6 (len 16). */
struct xenvf_evi_addr {
	uint8_t len;		/* 0: not given */
	uint8_t a[16];
};

/*
 * One `xenvf evi` command. Optional values hold -1 (or a false *_set) when
 * not given; the request carries only what was given.
 */
struct xenvf_evi_args {
	int cmd;		/* XENVF_EVI_CMD_* */
	bool dump;		/* a list: NLM_F_DUMP */
	bool help;
	bool json;		/* show -j */
	/* set */
	int enabled;
	struct xenvf_evi_addr local;
	long long key;		/* 0..0xffffffff */
	int use_key;
	int ttl;
	int dscp;		/* 0..63 or XENVF_EVI_DSCP_INHERIT */
	int min_rx_ttl;
	int flood_unknown;
	int arp_suppress;
	long aging;
	/* peer, vlan, mac */
	struct xenvf_evi_addr peer;
	int vid;		/* 0..4094; mac list: the VID shown, -1 all */
	bool mac_set;
	uint8_t mac[XENVF_MAC_LEN];
	bool ipv4_set;
	uint8_t ipv4[4];
	/* save, load */
	const char *file;	/* save: NULL is standard output */
};

/* Every field "not given" (what the parser starts from). */
void xenvf_evi_args_init(struct xenvf_evi_args *a);

/*
 * Parse the words after "evi" (argv[0] is the object: show, set, peer,
 * vlan, mac, flush, save, load; none means show). 0, or -EINVAL with a message in @err
 * and nothing to send.
 */
int xenvf_parse_evi(int argc, char **argv, struct xenvf_evi_args *a,
		    char *err, size_t errlen);

/*
 * An outer address for local/peer: IPv4 or IPv6, not unspecified,
 * loopback, multicast or broadcast. 0 or -EINVAL (out untouched).
 */
int xenvf_parse_evi_addr(const char *s, struct xenvf_evi_addr *out);

/* A unicast IPv4 address (ARP suppression owner). 0 or -EINVAL. */
int xenvf_parse_ipv4(const char *s, uint8_t out[4]);

#endif /* XENVF_EVI_ARGS_H */
