/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The options of one VF (attach, set, an xl config entry) and the command
 * lines of the xenvf tool, parsed and validated. Pure functions, no I/O:
 * unit-tested in tests/unit/test_args.c.
 */
#ifndef XENVF_ARGS_H
#define XENVF_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenvf_parse.h"
#include "rate_spec.h"

#define XENVF_ERR_LEN 256
#define XENVF_QOS_MAX 7
#define XENVF_DEFAULT_TIMEOUT 30
#define XENVF_TIMEOUT_MAX 3600
/* dom0, which runs the backend: never a VF's guest (xl's name for it) */
#define XENVF_DOM0_ID 0
#define XENVF_DOM0_NAME "Domain-0"

enum xenvf_link { XENVF_LINK_AUTO, XENVF_LINK_ENABLE, XENVF_LINK_DISABLE };

/* vifname: a netdev name, shorter than IFNAMSIZ (16) */
#define XENVF_VIFNAME_LEN 16
/* script: a path or a name in XENVF_SCRIPTS_DIR, as xl's vif script= */
#define XENVF_SCRIPT_LEN 96
#define XENVF_SCRIPTS_DIR "/etc/xen/scripts"

/* The admin options of one VF; -1 (or mac_set false) means "not given". */
struct xenvf_vf_opts {
	int vf;
	bool mac_set;
	uint8_t mac[XENVF_MAC_LEN];
	int vlan;
	int qos;
	int trust;
	int spoofchk;
	int isolated;	/* no frame to or from another VF */
	int queues;
	int mtu;
	int hw_vf;	/* VF of an SR-IOV uplink PF served (hardware mode) */
	/* TX limit as given (common/rate_spec.h: 10Mb/s@20ms, or Mb/s); "": not given */
	char rate[XENVF_RATE_SPEC_LEN];
	int link;	/* enum xenvf_link */
	/* the representor's name (attach only); "": xvf<domid>.<vf> */
	char vifname[XENVF_VIFNAME_LEN];
	/* hotplug script run online/offline by the tool (attach only); "": none */
	char script[XENVF_SCRIPT_LEN];
};

/* Which keys a context accepts. */
enum xenvf_opt_ctx {
	XENVF_OPTS_ATTACH,	/* every key, vf= included */
	XENVF_OPTS_SET,		/* mac, vlan, qos, trust, spoofchk, isolated, link */
};

void xenvf_opts_init(struct xenvf_vf_opts *o);

/* The name of key @i of the attach context (0, 1, ...), NULL past the last. */
const char *xenvf_opt_key_name(size_t i);

/*
 * Apply one "key=value" to @o. Keys: vf, mac, vlan, qos, trust (trusted),
 * spoofchk, isolated, queues, mtu, hw-vf, rate, link (link-state),
 * vifname, script. A key given twice, an unknown
 * key, a key not allowed in @ctx or an invalid value fails with -EINVAL and a
 * message in @err; @o is then unchanged.
 */
int xenvf_opts_apply(struct xenvf_vf_opts *o, enum xenvf_opt_ctx ctx,
		     const char *kv, char *err, size_t errlen);

/* Checks across keys (qos needs a port VLAN). 0 or -EINVAL with @err. */
int xenvf_opts_check(const struct xenvf_vf_opts *o, char *err, size_t errlen);

/*
 * An xl config entry: "key=value,key=value" (spaces around items allowed,
 * "" is a VF with every default), applied in the attach context.
 */
int xenvf_opts_parse_entry(struct xenvf_vf_opts *o, const char *entry,
			   char *err, size_t errlen);

/*
 * A representor name (vifname=): letters, digits, '.', '-', '_', at most
 * 15, not "." or ".." (the backend's xenvf_rep_name_valid()). 0 or -EINVAL.
 */
int xenvf_vifname_check(const char *s);

/* A script= value: an absolute path or a name, of [A-Za-z0-9._/+-]. */
int xenvf_script_check(const char *s);

/* The value text the backend's xenstore key gets ("auto", "enable"...). */
const char *xenvf_link_name(int link);

/* A domain argument: a domid (digits) or a name. */
struct xenvf_domarg {
	const char *text;
	bool is_id;
	unsigned int id;
};
int xenvf_parse_domarg(const char *s, struct xenvf_domarg *d, char *err,
		       size_t errlen);

/*
 * The environment's XENVF_XS_TIMEOUT (@s, NULL when unset): seconds one
 * xenstore request may take, 1..3600, default XENVF_DEFAULT_TIMEOUT.
 */
int xenvf_parse_xs_timeout(const char *s, unsigned int *out, char *err,
			   size_t errlen);

#define XENVF_MAX_KV 16

/* xenvf attach [--timeout S] [--no-wait] [--config CFG] DOMAIN [key=value...] */
struct xenvf_attach_args {
	struct xenvf_domarg dom;
	const char *config;
	unsigned int timeout;
	bool wait;
	bool help;
	struct xenvf_vf_opts opts;
};
int xenvf_parse_attach(int argc, char **argv, struct xenvf_attach_args *a,
		       char *err, size_t errlen);

/* xenvf detach [--force] [--timeout S] DOMAIN VF */
struct xenvf_detach_args {
	struct xenvf_domarg dom;
	unsigned int vf;
	unsigned int timeout;
	bool force;
	bool help;
};
int xenvf_parse_detach(int argc, char **argv, struct xenvf_detach_args *a,
		       char *err, size_t errlen);

/* xenvf show DOMAIN VF; xenvf set DOMAIN VF key=value... */
struct xenvf_vf_args {
	struct xenvf_domarg dom;
	unsigned int vf;
	bool help;
	bool json;			/* show -j */
	struct xenvf_vf_opts opts;	/* set only */
};
/* xenvf list [--defined] [-j|--json] [DOMAIN] */
struct xenvf_list_args {
	bool defined;
	bool json;
	bool help;
	bool has_dom;
	struct xenvf_domarg dom;
};
int xenvf_parse_list(int argc, char **argv, struct xenvf_list_args *a,
		     char *err, size_t errlen);
/* xenvf show [-j|--json] DOMAIN VF, xenvf set DOMAIN VF key=value... */
int xenvf_parse_show(int argc, char **argv, struct xenvf_vf_args *a,
		     char *err, size_t errlen);
int xenvf_parse_set(int argc, char **argv, struct xenvf_vf_args *a,
		    char *err, size_t errlen);

/* xenvf create [--timeout S] [--no-wait] CFG [xl options...] */
struct xenvf_create_args {
	const char *config;
	unsigned int timeout;
	bool wait;
	bool help;
	int xl_argc;		/* xl's options: argv[xl_first..] */
	int xl_first;
};
int xenvf_parse_create(int argc, char **argv, struct xenvf_create_args *a,
		       char *err, size_t errlen);

#endif /* XENVF_ARGS_H */
