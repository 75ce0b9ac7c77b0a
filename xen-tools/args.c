// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing and validation of the xenvf tool's options and command lines.
 * See args.h. Pure: no I/O, messages go to the caller's buffer.
 */
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xenvf_proto.h"
#include "args.h"

void xenvf_opts_init(struct xenvf_vf_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->vf = -1;
	o->vlan = -1;
	o->qos = -1;
	o->trust = -1;
	o->spoofchk = -1;
	o->isolated = -1;
	o->queues = -1;
	o->mtu = -1;
	o->hw_vf = -1;
	o->link = -1;
}

const char *xenvf_link_name(int link)
{
	switch (link) {
	case XENVF_LINK_ENABLE:
		return "enable";
	case XENVF_LINK_DISABLE:
		return "disable";
	default:
		return "auto";
	}
}

/* Parse an unsigned value in [min, max] for key @k into *slot. */
static int set_uint(int *slot, const char *k, const char *v, unsigned long min,
		    unsigned long max, char *err, size_t errlen)
{
	unsigned long n;

	if (!*v || strspn(v, "0123456789") != strlen(v))
		return xenvf_errf(err, errlen, "%s '%s' is not a number", k, v);
	if (xenvf_parse_uint(v, min, max, &n))
		return xenvf_errf(err, errlen, "%s '%s' out of range %lu..%lu", k, v,
			    min, max);
	*slot = (int)n;
	return 0;
}

static int set_bool(int *slot, const char *k, const char *v, char *err,
		    size_t errlen)
{
	bool b;

	if (xenvf_parse_bool(v, &b))
		return xenvf_errf(err, errlen, "%s '%s' is not on or off", k, v);
	*slot = b;
	return 0;
}

static int set_link(int *slot, const char *k, const char *v, char *err,
		    size_t errlen)
{
	static const char *const names[] = {
		[XENVF_LINK_AUTO] = "auto",
		[XENVF_LINK_ENABLE] = "enable",
		[XENVF_LINK_DISABLE] = "disable",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(v, names[i])) {
			*slot = (int)i;
			return 0;
		}
	}
	return xenvf_errf(err, errlen, "%s '%s' is not auto, enable or disable", k, v);
}

/*
 * A TX limit (common/rate_spec.h), kept as given: the backend parses the
 * same text with the same code.
 */
static int set_rate(char *slot, const char *v, char *err, size_t errlen)
{
	struct xenvf_rate_spec r;
	int rc;

	if (strlen(v) >= XENVF_RATE_SPEC_LEN)
		return xenvf_errf(err, errlen, "rate '%.40s...' is too long", v);
	rc = xenvf_rate_spec_parse(v, &r);
	if (rc == -ERANGE)
		return xenvf_errf(err, errlen, "rate '%s' out of range (at most %u Mb/s, interval 1us..10s, at least 1 byte per interval)",
				  v, XENVF_RATE_MAX_MBPS);
	if (rc)
		return xenvf_errf(err, errlen, "rate '%s' is not RATE[@INTERVAL] (e.g. 10Mb/s@20ms; B/s KB/s MB/s GB/s b/s Kb/s Mb/s Gb/s; s ms us) or Mb/s",
				  v);
	memcpy(slot, v, strlen(v) + 1);
	return 0;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

int xenvf_vifname_check(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n >= XENVF_VIFNAME_LEN || !strcmp(s, ".") || !strcmp(s, ".."))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!name_char(s[i]))
			return -EINVAL;
	return 0;
}

int xenvf_script_check(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n >= XENVF_SCRIPT_LEN || s[n - 1] == '/')
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!name_char(s[i]) && s[i] != '/' && s[i] != '+')
			return -EINVAL;
	return 0;
}

static int set_text(char *slot, size_t size, const char *k, const char *v,
		    int (*check)(const char *), const char *rule, char *err,
		    size_t errlen)
{
	if (check(v))
		return xenvf_errf(err, errlen, "%s '%.40s%s' is not %s", k, v,
				  strlen(v) > 40 ? "..." : "", rule);
	snprintf(slot, size, "%s", v);
	return 0;
}

/* The keys of a VF: where each goes and what it takes. */
enum opt_kind { OPT_MAC, OPT_UINT, OPT_BOOL, OPT_LINK, OPT_RATE, OPT_VIFNAME,
		OPT_SCRIPT };

struct opt_key {
	const char *name;
	const char *alias;	/* another accepted name */
	size_t off;		/* the int slot in struct xenvf_vf_opts (not mac, rate) */
	enum opt_kind kind;
	unsigned long min, max;	/* OPT_UINT */
	bool attach_only;	/* cannot change at run time */
};

#define SLOT(f) offsetof(struct xenvf_vf_opts, f)

static const struct opt_key opt_keys[] = {
	{ "vf", NULL, SLOT(vf), OPT_UINT, 0, XENVF_MAX_VFS - 1, true },
	{ "mac", NULL, 0, OPT_MAC, 0, 0, false },
	{ "vlan", NULL, SLOT(vlan), OPT_UINT, 0, XENVF_VLAN_MAX, false },
	{ "qos", NULL, SLOT(qos), OPT_UINT, 0, XENVF_QOS_MAX, false },
	{ "trust", "trusted", SLOT(trust), OPT_BOOL, 0, 0, false },
	{ "spoofchk", NULL, SLOT(spoofchk), OPT_BOOL, 0, 0, false },
	{ "isolated", NULL, SLOT(isolated), OPT_BOOL, 0, 0, false },
	{ "queues", NULL, SLOT(queues), OPT_UINT, 1, XENVF_MAX_QUEUES, true },
	{ "mtu", NULL, SLOT(mtu), OPT_UINT, XENVF_MTU_MIN, XENVF_MTU_MAX, true },
	{ "hw-vf", NULL, SLOT(hw_vf), OPT_UINT, 0, XENVF_MAX_VFS - 1, true },
	{ "rate", NULL, 0, OPT_RATE, 0, 0, false },
	{ "link", "link-state", SLOT(link), OPT_LINK, 0, 0, false },
	{ "vifname", NULL, 0, OPT_VIFNAME, 0, 0, true },
	{ "script", NULL, 0, OPT_SCRIPT, 0, 0, true },
};

const char *xenvf_opt_key_name(size_t i)
{
	return i < sizeof(opt_keys) / sizeof(opt_keys[0]) ? opt_keys[i].name :
	       NULL;
}

static const struct opt_key *opt_key_find(const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i < sizeof(opt_keys) / sizeof(opt_keys[0]); i++) {
		const struct opt_key *k = &opt_keys[i];

		if ((strlen(k->name) == klen && !strncmp(key, k->name, klen)) ||
		    (k->alias && strlen(k->alias) == klen &&
		     !strncmp(key, k->alias, klen)))
			return k;
	}
	return NULL;
}

int xenvf_opts_apply(struct xenvf_vf_opts *o, enum xenvf_opt_ctx ctx,
		     const char *kv, char *err, size_t errlen)
{
	struct xenvf_vf_opts n = *o;
	const char *eq = kv ? strchr(kv, '=') : NULL;
	const struct opt_key *k;
	const char *v;
	int *slot;

	if (!eq || eq == kv)
		return xenvf_errf(err, errlen, "'%s' is not key=value", kv ? kv : "");
	k = opt_key_find(kv, (size_t)(eq - kv));
	if (!k)
		return xenvf_errf(err, errlen, "unknown key '%.*s'", (int)(eq - kv), kv);
	v = eq + 1;
	slot = k->kind == OPT_MAC || k->kind == OPT_RATE ||
	       k->kind == OPT_VIFNAME || k->kind == OPT_SCRIPT ? NULL :
	       (int *)((char *)&n + k->off);

	if (ctx == XENVF_OPTS_SET && k->attach_only)
		return xenvf_errf(err, errlen, "'%s' cannot be changed at run time (detach and attach again)",
			    k->name);
	if (slot ? *slot != -1 : k->kind == OPT_MAC ? n.mac_set :
	    k->kind == OPT_VIFNAME ? !!n.vifname[0] :
	    k->kind == OPT_SCRIPT ? !!n.script[0] : !!n.rate[0])
		return xenvf_errf(err, errlen, "%s given twice", k->name);

	switch (k->kind) {
	case OPT_MAC:
		if (xenvf_parse_mac(v, n.mac))
			return xenvf_errf(err, errlen, "invalid MAC '%s' (want a unicast, non-zero xx:xx:xx:xx:xx:xx)",
				    v);
		n.mac_set = true;
		break;
	case OPT_UINT:
		if (set_uint(slot, k->name, v, k->min, k->max, err, errlen))
			return -EINVAL;
		break;
	case OPT_BOOL:
		if (set_bool(slot, k->name, v, err, errlen))
			return -EINVAL;
		break;
	case OPT_LINK:
		if (set_link(slot, k->name, v, err, errlen))
			return -EINVAL;
		break;
	case OPT_RATE:
		if (set_rate(n.rate, v, err, errlen))
			return -EINVAL;
		break;
	case OPT_VIFNAME:
		if (set_text(n.vifname, sizeof(n.vifname), k->name, v,
			     xenvf_vifname_check,
			     "a network interface name (1..15 of A-Z a-z 0-9 . - _)",
			     err, errlen))
			return -EINVAL;
		break;
	case OPT_SCRIPT:
		if (set_text(n.script, sizeof(n.script), k->name, v,
			     xenvf_script_check,
			     "a script path or name (1..95 of A-Z a-z 0-9 . - _ + /)",
			     err, errlen))
			return -EINVAL;
		break;
	}
	*o = n;
	return 0;
}

int xenvf_opts_check(const struct xenvf_vf_opts *o, char *err, size_t errlen)
{
	if (o->qos > 0 && o->vlan <= 0)
		return xenvf_errf(err, errlen, "qos %d needs a port VLAN (vlan=1..%d)",
			    o->qos, XENVF_VLAN_MAX);
	return 0;
}

int xenvf_opts_parse_entry(struct xenvf_vf_opts *o, const char *entry,
			   char *err, size_t errlen)
{
	struct xenvf_vf_opts n;
	char item[128];
	const char *p = entry, *end;
	size_t len;
	int rc;

	xenvf_opts_init(&n);
	while (p && *p) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		len = (size_t)(end - p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len >= sizeof(item))
			return xenvf_errf(err, errlen, "item '%.20s...' too long", p);
		memcpy(item, p, len);
		item[len] = '\0';
		if (len) {
			rc = xenvf_opts_apply(&n, XENVF_OPTS_ATTACH, item, err,
					      errlen);
			if (rc)
				return rc;
		} else if (*end == ',') {
			return xenvf_errf(err, errlen, "empty item in '%s'", entry);
		}
		p = *end ? end + 1 : end;
		if (*end == ',' && !*p)
			return xenvf_errf(err, errlen, "empty item in '%s'", entry);
	}
	rc = xenvf_opts_check(&n, err, errlen);
	if (rc)
		return rc;
	*o = n;
	return 0;
}

int xenvf_parse_domarg(const char *s, struct xenvf_domarg *d, char *err,
		       size_t errlen)
{
	unsigned long id;

	if (!s || !*s)
		return xenvf_errf(err, errlen, "missing domain");
	if (strspn(s, "0123456789") == strlen(s)) {
		if (xenvf_parse_uint(s, 0, 0x7fef, &id))
			return xenvf_errf(err, errlen, "domain id '%s' out of range", s);
		d->is_id = true;
		d->id = (unsigned int)id;
	} else {
		if (strlen(s) > 64 || strpbrk(s, "/ \t\n"))
			return xenvf_errf(err, errlen, "invalid domain name '%s'", s);
		d->is_id = false;
		d->id = 0;
	}
	d->text = s;
	return 0;
}

static bool is_help(const char *s)
{
	return !strcmp(s, "--help") || !strcmp(s, "-h");
}

/* --timeout S or --timeout=S at argv[*i]; advances *i past its value. */
static int take_timeout(int argc, char **argv, int *i, unsigned int *out,
			char *err, size_t errlen)
{
	const char *v;
	unsigned long t;

	if (!strncmp(argv[*i], "--timeout=", 10)) {
		v = argv[*i] + 10;
	} else {
		if (*i + 1 >= argc)
			return xenvf_errf(err, errlen, "--timeout needs a number of seconds");
		v = argv[++*i];
	}
	if (xenvf_parse_uint(v, 1, XENVF_TIMEOUT_MAX, &t))
		return xenvf_errf(err, errlen, "--timeout '%s' is not 1..%d seconds", v,
			    XENVF_TIMEOUT_MAX);
	*out = (unsigned int)t;
	return 0;
}

int xenvf_parse_xs_timeout(const char *s, unsigned int *out, char *err,
			   size_t errlen)
{
	unsigned long t;

	if (!s) {
		*out = XENVF_DEFAULT_TIMEOUT;
		return 0;
	}
	if (xenvf_parse_uint(s, 1, XENVF_TIMEOUT_MAX, &t))
		return xenvf_errf(err, errlen, "XENVF_XS_TIMEOUT '%s' is not 1..%d seconds",
			    s, XENVF_TIMEOUT_MAX);
	*out = (unsigned int)t;
	return 0;
}

static bool is_timeout(const char *s)
{
	return !strcmp(s, "--timeout") || !strncmp(s, "--timeout=", 10);
}

static int parse_vf(const char *s, unsigned int *vf, char *err, size_t errlen)
{
	unsigned long v;

	if (!s)
		return xenvf_errf(err, errlen, "missing VF number");
	if (xenvf_parse_uint(s, 0, XENVF_MAX_VFS - 1, &v))
		return xenvf_errf(err, errlen, "vf '%s' out of range 0..%d", s,
			    XENVF_MAX_VFS - 1);
	*vf = (unsigned int)v;
	return 0;
}

int xenvf_parse_attach(int argc, char **argv, struct xenvf_attach_args *a,
		       char *err, size_t errlen)
{
	int i, nkv = 0, rc;
	const char *dom = NULL;

	memset(a, 0, sizeof(*a));
	a->timeout = XENVF_DEFAULT_TIMEOUT;
	a->wait = true;
	xenvf_opts_init(&a->opts);
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (is_help(s)) {
			a->help = true;
			return 0;
		} else if (is_timeout(s)) {
			rc = take_timeout(argc, argv, &i, &a->timeout, err, errlen);
			if (rc)
				return rc;
		} else if (!strcmp(s, "--no-wait")) {
			a->wait = false;
		} else if (!strcmp(s, "--config") || !strncmp(s, "--config=", 9)) {
			if (a->config)
				return xenvf_errf(err, errlen, "--config given twice");
			if (s[8] == '=')
				a->config = s + 9;
			else if (i + 1 < argc)
				a->config = argv[++i];
			else
				return xenvf_errf(err, errlen, "--config needs a file");
			if (!*a->config)
				return xenvf_errf(err, errlen, "--config needs a file");
		} else if (s[0] == '-') {
			return xenvf_errf(err, errlen, "unknown option '%s'", s);
		} else if (!dom) {
			dom = s;
		} else {
			rc = xenvf_opts_apply(&a->opts, XENVF_OPTS_ATTACH, s, err,
					      errlen);
			if (rc)
				return rc;
			nkv++;
		}
	}
	if (!dom)
		return xenvf_errf(err, errlen, "missing domain (xenvf attach <domain> [key=value...])");
	rc = xenvf_parse_domarg(dom, &a->dom, err, errlen);
	if (rc)
		return rc;
	/* dom0 serves the VFs: refused here, before xenstore is asked */
	if ((a->dom.is_id && a->dom.id == XENVF_DOM0_ID) ||
	    !strcmp(dom, XENVF_DOM0_NAME))
		return xenvf_errf(err, errlen, "domain '%s' is dom0, the backend domain: VFs are for guests",
			    dom);
	if (a->config && nkv)
		return xenvf_errf(err, errlen, "--config takes the VFs from the file: no key=value here");
	return xenvf_opts_check(&a->opts, err, errlen);
}

static bool is_json(const char *s)
{
	return !strcmp(s, "-j") || !strcmp(s, "--json");
}

int xenvf_parse_list(int argc, char **argv, struct xenvf_list_args *a,
		     char *err, size_t errlen)
{
	int i, rc;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (is_help(s)) {
			a->help = true;
			return 0;
		} else if (is_json(s)) {
			a->json = true;
		} else if (!strcmp(s, "--defined")) {
			a->defined = true;
		} else if (s[0] == '-') {
			return xenvf_errf(err, errlen, "unknown option '%s'", s);
		} else if (!a->has_dom) {
			rc = xenvf_parse_domarg(s, &a->dom, err, errlen);
			if (rc)
				return rc;
			a->has_dom = true;
		} else {
			return xenvf_errf(err, errlen, "unexpected argument '%s'", s);
		}
	}
	if (a->defined && (a->json || a->has_dom))
		return xenvf_errf(err, errlen, "--defined takes neither -j nor a domain");
	return 0;
}

/* DOMAIN VF as the two positional arguments at pos[0..1]. */
static int dom_vf(const char **pos, int npos, int want,
		  struct xenvf_domarg *dom, unsigned int *vf, char *err,
		  size_t errlen)
{
	int rc;

	if (npos < 2)
		return xenvf_errf(err, errlen, "missing %s", npos ? "VF number" : "domain and VF number");
	if (want && npos > want)
		return xenvf_errf(err, errlen, "unexpected argument '%s'", pos[want]);
	rc = xenvf_parse_domarg(pos[0], dom, err, errlen);
	if (rc)
		return rc;
	return parse_vf(pos[1], vf, err, errlen);
}

int xenvf_parse_detach(int argc, char **argv, struct xenvf_detach_args *a,
		       char *err, size_t errlen)
{
	const char *pos[3];
	int i, npos = 0, rc;

	memset(a, 0, sizeof(*a));
	a->timeout = XENVF_DEFAULT_TIMEOUT;
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (is_help(s)) {
			a->help = true;
			return 0;
		} else if (!strcmp(s, "--force") || !strcmp(s, "-f")) {
			a->force = true;
		} else if (is_timeout(s)) {
			rc = take_timeout(argc, argv, &i, &a->timeout, err, errlen);
			if (rc)
				return rc;
		} else if (s[0] == '-') {
			return xenvf_errf(err, errlen, "unknown option '%s'", s);
		} else if (npos < 3) {
			pos[npos++] = s;
		} else {
			return xenvf_errf(err, errlen, "unexpected argument '%s'", s);
		}
	}
	return dom_vf(pos, npos, 2, &a->dom, &a->vf, err, errlen);
}

static int parse_vf_cmd(int argc, char **argv, struct xenvf_vf_args *a,
			bool set, char *err, size_t errlen)
{
	const char *pos[2];
	int i, npos = 0, nkv = 0, rc;

	memset(a, 0, sizeof(*a));
	xenvf_opts_init(&a->opts);
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (is_help(s)) {
			a->help = true;
			return 0;
		} else if (!set && is_json(s)) {
			a->json = true;
		} else if (s[0] == '-') {
			return xenvf_errf(err, errlen, "unknown option '%s'", s);
		} else if (npos < 2) {
			pos[npos++] = s;
		} else if (!set) {
			return xenvf_errf(err, errlen, "unexpected argument '%s'", s);
		} else {
			rc = xenvf_opts_apply(&a->opts, XENVF_OPTS_SET, s, err,
					      errlen);
			if (rc)
				return rc;
			nkv++;
		}
	}
	rc = dom_vf(pos, npos, 0, &a->dom, &a->vf, err, errlen);
	if (rc)
		return rc;
	if (set && !nkv)
		return xenvf_errf(err, errlen, "nothing to set (key=value: mac, vlan, qos, trust, spoofchk, isolated, link)");
	return 0;
}

int xenvf_parse_show(int argc, char **argv, struct xenvf_vf_args *a,
		     char *err, size_t errlen)
{
	return parse_vf_cmd(argc, argv, a, false, err, errlen);
}

int xenvf_parse_set(int argc, char **argv, struct xenvf_vf_args *a,
		    char *err, size_t errlen)
{
	return parse_vf_cmd(argc, argv, a, true, err, errlen);
}

int xenvf_parse_create(int argc, char **argv, struct xenvf_create_args *a,
		       char *err, size_t errlen)
{
	int i, rc;

	memset(a, 0, sizeof(*a));
	a->timeout = XENVF_DEFAULT_TIMEOUT;
	a->wait = true;
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (is_help(s)) {
			a->help = true;
			return 0;
		} else if (is_timeout(s)) {
			rc = take_timeout(argc, argv, &i, &a->timeout, err, errlen);
			if (rc)
				return rc;
		} else if (!strcmp(s, "--no-wait")) {
			a->wait = false;
		} else if (s[0] == '-' && s[1] == '-') {
			return xenvf_errf(err, errlen, "unknown option '%s' (xl's options go after the config file)",
				    s);
		} else {
			break;
		}
	}
	if (i >= argc)
		return xenvf_errf(err, errlen, "missing config file (xenvf create <cfg> [xl options])");
	a->config = argv[i++];
	/* xl create takes a first argument with '=' for a config line */
	if (strchr(a->config, '='))
		return xenvf_errf(err, errlen, "config file name '%s' has a '=' (xl would read it as a config line)",
				  a->config);
	a->xl_first = i;
	a->xl_argc = argc - i;
	/* xl's options are sorted by xenvf_xlopts_parse() (xlopts.c) */
	return 0;
}
