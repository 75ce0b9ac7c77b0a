// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing and validation of `xenvf evi ...` command lines. See evi_args.h.
 * Pure: no I/O, messages go to the caller's buffer.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xenvf_proto.h"
#include "xenvf_evi.h"
#include "evi_args.h"

int xenvf_parse_evi_addr(const char *s, struct xenvf_evi_addr *out)
{
	struct xenvf_evi_addr n;
	static const uint8_t zero[16];

	memset(&n, 0, sizeof(n));
	if (!s)
		return -EINVAL;
	if (inet_pton(AF_INET, s, n.a) == 1) {
		n.len = 4;
		/* 0.0.0.0, loopback, multicast, class E, 255.255.255.255 */
		if (!memcmp(n.a, zero, 4) || n.a[0] == 127 || n.a[0] >= 224)
			return -EINVAL;
	} else if (inet_pton(AF_INET6, s, n.a) == 1) {
		n.len = 16;
		/* ::, ::1 and multicast */
		if (!memcmp(n.a, zero, 15) && (n.a[15] == 0 || n.a[15] == 1))
			return -EINVAL;
		if (n.a[0] == 0xff)
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	*out = n;
	return 0;
}

int xenvf_parse_ipv4(const char *s, uint8_t out[4])
{
	uint8_t a[4];

	if (!s || inet_pton(AF_INET, s, a) != 1)
		return -EINVAL;
	if (!(a[0] | a[1] | a[2] | a[3]) || a[0] >= 224)
		return -EINVAL;
	memcpy(out, a, sizeof(a));
	return 0;
}

static bool is_json(const char *s)
{
	return !strcmp(s, "-j") || !strcmp(s, "--json");
}

static bool is_help(const char *s)
{
	return !strcmp(s, "--help") || !strcmp(s, "-h") || !strcmp(s, "help");
}

/* The value after keyword argv[*i], or an error naming the keyword. */
static int value_of(int argc, char **argv, int *i, const char **v, char *err,
		    size_t errlen)
{
	if (*i + 1 >= argc)
		return xenvf_errf(err, errlen, "%s needs a value", argv[*i]);
	*v = argv[++*i];
	return 0;
}

static int once(bool given, const char *k, char *err, size_t errlen)
{
	return given ? xenvf_errf(err, errlen, "%s given twice", k) : 0;
}

static int num(const char *k, const char *v, unsigned long min,
	       unsigned long max, unsigned long *out, char *err, size_t errlen)
{
	if (!*v || strspn(v, "0123456789") != strlen(v))
		return xenvf_errf(err, errlen, "%s '%s' is not a number", k, v);
	if (xenvf_parse_uint(v, min, max, out))
		return xenvf_errf(err, errlen, "%s '%s' out of range %lu..%lu", k, v,
			    min, max);
	return 0;
}

static int onoff(const char *k, const char *v, int *slot, char *err,
		 size_t errlen)
{
	bool b;

	if (xenvf_parse_bool(v, &b))
		return xenvf_errf(err, errlen, "%s '%s' is not on or off", k, v);
	*slot = b;
	return 0;
}

static int parse_set(int argc, char **argv, struct xenvf_evi_args *a,
		     char *err, size_t errlen)
{
	unsigned long n;
	const char *v = NULL;
	int i, rc;

	a->cmd = XENVF_EVI_CMD_SET;
	for (i = 0; i < argc; i++) {
		const char *k = argv[i];

		if (!strcmp(k, "enable") || !strcmp(k, "disable")) {
			rc = once(a->enabled != -1, "enable/disable", err, errlen);
			if (rc)
				return rc;
			a->enabled = k[0] == 'e';
		} else if (!strcmp(k, "local")) {
			rc = once(a->local.len, k, err, errlen);
			if (!rc)
				rc = value_of(argc, argv, &i, &v, err, errlen);
			if (rc)
				return rc;
			if (xenvf_parse_evi_addr(v, &a->local))
				return xenvf_errf(err, errlen, "local '%s' is not a unicast IPv4 or IPv6 address",
					    v);
		} else if (!strcmp(k, "key") || !strcmp(k, "nokey")) {
			rc = once(a->use_key != -1, "key/nokey", err, errlen);
			if (rc)
				return rc;
			a->use_key = k[0] == 'k';
			if (!a->use_key)
				continue;
			rc = value_of(argc, argv, &i, &v, err, errlen);
			if (!rc)
				rc = num(k, v, 0, 0xffffffffUL, &n, err, errlen);
			if (rc)
				return rc;
			a->key = (long long)n;
		} else if (!strcmp(k, "ttl") || !strcmp(k, "min-rx-ttl")) {
			int *slot = k[0] == 't' ? &a->ttl : &a->min_rx_ttl;

			rc = once(*slot != -1, k, err, errlen);
			if (!rc)
				rc = value_of(argc, argv, &i, &v, err, errlen);
			if (!rc)
				rc = num(k, v, k[0] == 't' ? 1 : 0, 255, &n, err,
					 errlen);
			if (rc)
				return rc;
			*slot = (int)n;
		} else if (!strcmp(k, "dscp")) {
			rc = once(a->dscp != -1, k, err, errlen);
			if (!rc)
				rc = value_of(argc, argv, &i, &v, err, errlen);
			if (rc)
				return rc;
			if (!strcmp(v, "inherit")) {
				a->dscp = XENVF_EVI_DSCP_INHERIT;
				continue;
			}
			rc = num(k, v, 0, XENVF_EVI_DSCP_MAX, &n, err, errlen);
			if (rc)
				return rc;
			a->dscp = (int)n;
		} else if (!strcmp(k, "flood-unknown") ||
			   !strcmp(k, "arp-suppress")) {
			int *slot = k[0] == 'f' ? &a->flood_unknown :
				    &a->arp_suppress;

			rc = once(*slot != -1, k, err, errlen);
			if (!rc)
				rc = value_of(argc, argv, &i, &v, err, errlen);
			if (!rc)
				rc = onoff(k, v, slot, err, errlen);
			if (rc)
				return rc;
		} else if (!strcmp(k, "aging")) {
			rc = once(a->aging != -1, k, err, errlen);
			if (!rc)
				rc = value_of(argc, argv, &i, &v, err, errlen);
			if (!rc)
				rc = num(k, v, XENVF_EVI_AGING_MIN,
					 XENVF_EVI_AGING_MAX, &n, err, errlen);
			if (rc)
				return rc;
			a->aging = (long)n;
		} else {
			return xenvf_errf(err, errlen, "unknown setting '%s' (xenvf evi set --help)",
				    k);
		}
	}
	if (!argc)
		return xenvf_errf(err, errlen, "nothing to set (xenvf evi set --help)");
	return 0;
}

/* "add"/"del"/"list" of peer and vlan: @argv[0] is the action. */
static int action(int argc, char **argv, int add, int del, int get,
		  struct xenvf_evi_args *a, const char *what, char *err,
		  size_t errlen)
{
	if (!argc || !strcmp(argv[0], "list") || !strcmp(argv[0], "show")) {
		if (argc > 1)
			return xenvf_errf(err, errlen, "unexpected argument '%s'",
				    argv[1]);
		a->cmd = get;
		a->dump = true;
		return 0;
	}
	if (!strcmp(argv[0], "add"))
		a->cmd = add;
	else if (!strcmp(argv[0], "del") || !strcmp(argv[0], "delete"))
		a->cmd = del;
	else
		return xenvf_errf(err, errlen, "unknown action '%s' (%s add|del|list)",
			    argv[0], what);
	if (argc < 2)
		return xenvf_errf(err, errlen, "%s %s needs %s", what, argv[0],
			    !strcmp(what, "peer") ? "an address" : "a VID");
	if (argc > 2)
		return xenvf_errf(err, errlen, "unexpected argument '%s'", argv[2]);
	return 1;
}

static int parse_vid(const char *v, int *vid, char *err, size_t errlen)
{
	uint16_t id;

	if (xenvf_parse_vlan(v, &id))
		return xenvf_errf(err, errlen, "VID '%s' out of range 0..%d (0: untagged)",
			    v, XENVF_VLAN_MAX);
	*vid = id;
	return 0;
}

static int parse_mac_cmd(int argc, char **argv, struct xenvf_evi_args *a,
			 char *err, size_t errlen)
{
	int i, rc;

	/* mac [list] [VID] */
	if (!argc || !strcmp(argv[0], "list") || !strcmp(argv[0], "show") ||
	    strspn(argv[0], "0123456789") == strlen(argv[0])) {
		i = argc && !isdigit((unsigned char)argv[0][0]);
		a->cmd = XENVF_EVI_CMD_MAC_GET;
		a->dump = true;
		if (argc > i + 1)
			return xenvf_errf(err, errlen, "unexpected argument '%s'",
				    argv[i + 1]);
		return argc > i ? parse_vid(argv[i], &a->vid, err, errlen) : 0;
	}
	if (!strcmp(argv[0], "add"))
		a->cmd = XENVF_EVI_CMD_MAC_ADD;
	else if (!strcmp(argv[0], "del") || !strcmp(argv[0], "delete"))
		a->cmd = XENVF_EVI_CMD_MAC_DEL;
	else
		return xenvf_errf(err, errlen, "unknown action '%s' (mac add|del|list)",
			    argv[0]);
	if (argc < 3)
		return xenvf_errf(err, errlen, "mac %s needs a VID and a MAC", argv[0]);
	rc = parse_vid(argv[1], &a->vid, err, errlen);
	if (rc)
		return rc;
	if (xenvf_parse_mac(argv[2], a->mac))
		return xenvf_errf(err, errlen, "MAC '%s' is not a unicast, non-zero aa:bb:cc:dd:ee:ff",
			    argv[2]);
	a->mac_set = true;
	for (i = 3; i < argc; i++) {
		const char *k = argv[i], *v = NULL;

		if (a->cmd != XENVF_EVI_CMD_MAC_ADD ||
		    (strcmp(k, "peer") && strcmp(k, "ip")))
			return xenvf_errf(err, errlen, "unexpected argument '%s'", k);
		rc = once(k[0] == 'p' ? a->peer.len : a->ipv4_set, k, err,
			  errlen);
		if (!rc)
			rc = value_of(argc, argv, &i, &v, err, errlen);
		if (rc)
			return rc;
		if (k[0] == 'p' && xenvf_parse_evi_addr(v, &a->peer))
			return xenvf_errf(err, errlen, "peer '%s' is not a unicast IPv4 or IPv6 address",
				    v);
		if (k[0] == 'i') {
			if (xenvf_parse_ipv4(v, a->ipv4))
				return xenvf_errf(err, errlen, "ip '%s' is not a unicast IPv4 address",
					    v);
			a->ipv4_set = true;
		}
	}
	if (a->cmd == XENVF_EVI_CMD_MAC_ADD && !a->peer.len)
		return xenvf_errf(err, errlen, "mac add needs peer ADDR (the site the MAC lives at)");
	return 0;
}

static int parse_object(const char *obj, int argc, char **argv,
			struct xenvf_evi_args *a, char *err, size_t errlen);

int xenvf_parse_evi(int argc, char **argv, struct xenvf_evi_args *a,
		    char *err, size_t errlen)
{
	const char *obj;
	int i;

	xenvf_evi_args_init(a);
	for (i = 0; i < argc; i++) {
		if (is_help(argv[i])) {
			a->help = true;
			return 0;
		}
	}
	obj = argc ? argv[0] : "show";
	if (is_json(obj)) {	/* evi -j: evi show -j */
		obj = "show";
	} else {
		argc = argc ? argc - 1 : 0;
		argv++;
	}
	if (!strcmp(obj, "save") || !strcmp(obj, "load")) {
		a->cmd = obj[0] == 's' ? XENVF_EVI_TOOL_SAVE : XENVF_EVI_TOOL_LOAD;
		if (argc > 1)
			return xenvf_errf(err, errlen, "unexpected argument '%s'",
				    argv[1]);
		if (a->cmd == XENVF_EVI_TOOL_LOAD && (!argc || !*argv[0]))
			return xenvf_errf(err, errlen, "load needs a FILE (xenvf evi save writes one)");
		if (argc && !*argv[0])
			return xenvf_errf(err, errlen, "save: empty FILE");
		a->file = argc ? argv[0] : NULL;
		return 0;
	}
	return parse_object(obj, argc, argv, a, err, errlen);
}

void xenvf_evi_args_init(struct xenvf_evi_args *a)
{
	memset(a, 0, sizeof(*a));
	a->enabled = -1;
	a->key = -1;
	a->use_key = -1;
	a->ttl = -1;
	a->dscp = -1;
	a->min_rx_ttl = -1;
	a->flood_unknown = -1;
	a->arp_suppress = -1;
	a->aging = -1;
	a->vid = -1;
}

/* @obj and the words after it (evi_conf.c's lines use the same). */
static int parse_object(const char *obj, int argc, char **argv,
			struct xenvf_evi_args *a, char *err, size_t errlen)
{
	int i, rc;

	if (!strcmp(obj, "show")) {
		for (i = 0; i < argc; i++) {
			if (!is_json(argv[i]))
				return xenvf_errf(err, errlen, "unexpected argument '%s'",
					    argv[i]);
			a->json = true;
		}
		a->cmd = XENVF_EVI_CMD_GET;
		return 0;
	}
	if (!strcmp(obj, "set"))
		return parse_set(argc, argv, a, err, errlen);
	if (!strcmp(obj, "flush")) {
		if (argc)
			return xenvf_errf(err, errlen, "unexpected argument '%s'",
				    argv[0]);
		a->cmd = XENVF_EVI_CMD_FLUSH;
		return 0;
	}
	if (!strcmp(obj, "mac"))
		return parse_mac_cmd(argc, argv, a, err, errlen);
	if (!strcmp(obj, "peer")) {
		rc = action(argc, argv, XENVF_EVI_CMD_PEER_ADD,
			    XENVF_EVI_CMD_PEER_DEL, XENVF_EVI_CMD_PEER_GET, a,
			    obj, err, errlen);
		if (rc <= 0)
			return rc;
		if (xenvf_parse_evi_addr(argv[1], &a->peer))
			return xenvf_errf(err, errlen, "peer '%s' is not a unicast IPv4 or IPv6 address",
				    argv[1]);
		return 0;
	}
	if (!strcmp(obj, "vlan")) {
		rc = action(argc, argv, XENVF_EVI_CMD_VLAN_ADD,
			    XENVF_EVI_CMD_VLAN_DEL, XENVF_EVI_CMD_VLAN_GET, a,
			    obj, err, errlen);
		if (rc <= 0)
			return rc;
		return parse_vid(argv[1], &a->vid, err, errlen);
	}
	return xenvf_errf(err, errlen, "unknown object '%s' (show, set, peer, vlan, mac, flush, save, load)",
		    obj);
}
