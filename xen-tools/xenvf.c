// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf: attach, detach, list, show and configure xenvf VFs of Xen guests,
 * over xenstore (docs/protocol.md section 1), in the manner of xl.
 * Parsing and validation live in args.c, xlcfg.c and nodes.c (pure,
 * unit-tested); this file does the I/O. See docs/xenvf.1.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenstore.h>

#include "xenvf_proto.h"
#include "args.h"
#include "create_flow.h"
#include "evi.h"
#include "hotplug.h"
#include "json.h"
#include "nodes.h"
#include "tool.h"
#include "vfdef_store.h"
#include "vfrow.h"
#include "xlcfg.h"
#include "xlopts.h"

#define BACKEND_ID XENVF_BACKEND_ID
#define BACKEND_DRIVER "/sys/bus/xen-backend/drivers/xenvf"
#define XS_RETRIES 32

struct xs_handle *xs;

static const char usage_main[] =
	"Usage: xenvf <command> [options]\n"
	"Manage xenvf virtual functions of Xen guests (see xenvf(1)).\n"
	"\n"
	"Commands:\n"
	"  attach <domain> [vf=N] [mac=M] [vlan=V] [qos=P] [trust=on|off]\n"
	"         [spoofchk=on|off] [isolated=on|off] [queues=Q] [mtu=N]\n"
	"         [hw-vf=N] [rate=RATE[@INTERVAL]]\n"
	"         [link=auto|enable|disable] [vifname=NAME] [script=PATH]\n"
	"         [--timeout S] [--no-wait]      attach a VF to a running domain\n"
	"  attach --config <cfg> <domain>        attach the VFs of an xl config\n"
	"  create <cfg> [xl options]             xl create paused, attach its VFs,\n"
	"                                        then unpause\n"
	"  detach [--force] <domain> <vf>        detach a VF (and forget it in\n"
	"                                        the domain's definition)\n"
	"  define <cfg>                          record the config's VFs for\n"
	"                                        every start of the domain\n"
	"  undefine <name>                       forget a definition\n"
	"  watch [--once]                        create defined VFs as domains\n"
	"                                        appear (the xenvf service)\n"
	"  list [-j] [<domain>] | --defined      list every VF (or definition)\n"
	"  show [-j] <domain> <vf>               every key of one VF\n"
	"  set <domain> <vf> key=value...        change mac, vlan, qos, trust,\n"
	"                                        spoofchk, isolated, rate or link\n"
	"                                        at run time\n"
	"  evi [show|set|peer|vlan|mac|flush]    EVI: VLANs stretched to other\n"
	"                                        sites over Ethernet in GRE\n"
	"\n"
	"xenvf <command> --help describes a command; xenvf --version prints the\n"
	"version of the xenvf package.\n";

static const char usage_attach[] =
	"Usage: xenvf attach [--timeout S] [--no-wait] <domain> [key=value...]\n"
	"       xenvf attach [--timeout S] [--no-wait] --config <cfg> <domain>\n"
	"Create a VF's backend and frontend xenstore nodes in one transaction and\n"
	"wait until both ends are Connected; print \"vf=N mac=M\" per VF.\n"
	"  vf=N             0..62 (default: the lowest free one)\n"
	"  mac=M            unicast, non-zero (default: 00:16:3e + random)\n"
	"  vlan=V           port VLAN 0..4094 (0: none; default 0)\n"
	"  qos=P            port VLAN priority 0..7 (needs vlan; default 0)\n"
	"  trust=on|off     may change its MAC, go promiscuous (default off)\n"
	"  spoofchk=on|off  source MAC anti-spoofing (default on)\n"
	"  isolated=on|off  no frame to or from another VF, the uplink still\n"
	"                   reachable (default off)\n"
	"  queues=Q         1..8 queues at most (default: the backend's)\n"
	"  mtu=N            68..9710 (default 1500)\n"
	"  hw-vf=N          hardware mode: stand for VF N (0..62) of the uplink,\n"
	"                   an SR-IOV PF (cannot change while attached)\n"
	"  rate=R[@I]       TX limit, xl's vif syntax: 10Mb/s@20ms (B/s KB/s MB/s GB/s\n"
	"                   b/s Kb/s Mb/s Gb/s; s ms us; default 50ms), or N Mb/s (0: none)\n"
	"  link=auto|enable|disable   administrative link state (default auto)\n"
	"  vifname=NAME     the representor's name in dom0 (default xvf<domid>.<vf>;\n"
	"                   1..15 of A-Z a-z 0-9 . - _, unused)\n"
	"  script=PATH      hotplug script run \"online\" once the representor exists\n"
	"                   and \"offline\" at detach (a name: in /etc/xen/scripts);\n"
	"                   if it fails the nodes are removed and the exit status is 1\n"
	"  trust is also trusted=, link also link-state=; dom0 (0, Domain-0) is\n"
	"  refused: VFs are for guests\n"
	"  --config <cfg>   attach every entry of the xl config's xenvf = [...]\n"
	"  --timeout S      seconds to wait for Connected (default 30); on\n"
	"                   timeout the nodes are removed and the exit status is 1\n"
	"  --no-wait        return once the nodes are written\n";

static const char usage_create[] =
	"Usage: xenvf create [--timeout S] [--no-wait] <cfg> [xl create options]\n"
	"Check the xenvf = [ \"key=value,...\", ... ] entries of the xl config <cfg>\n"
	"(entries take attach's keys), run \"xl create <cfg> -p [options]\", attach\n"
	"every entry to the new, paused domain, wait until each backend is ready,\n"
	"then \"xl unpause\" it and wait until the guest has Connected them.\n"
	"A VF refused, failed or not ready in time: the domain is destroyed and its\n"
	"nodes removed. A domain defined with xenvf define gets its definition's\n"
	"VFs instead of the config's entries.\n"
	"  -p               leave the domain paused, its VFs' backends ready\n"
	"  -c               xl console once it runs (no wait for the guest)\n"
	"  -n               xl's dry run: nothing created, nothing attached\n"
	"  -F, -f FILE      refused (see xenvf(1)); -d -e -i -q -V -A and\n"
	"                   key=value lines go to xl as they are\n"
	"  --timeout S      seconds for each wait (default 30)\n"
	"  --no-wait        do not wait for the guest after unpausing\n";

static const char usage_detach[] =
	"Usage: xenvf detach [--force] [--timeout S] <domain> <vf>\n"
	"Ask the backend to close the VF (online=0, state Closing), wait up to S\n"
	"seconds (default 30) for the frontend to be Closed, then remove both\n"
	"xenstore directories. --force removes them at once. A VF of a defined\n"
	"domain is also removed from its definition (xenvf define): it does not\n"
	"come back when the domain reboots. A VF with a hotplug script (script=)\n"
	"has it run \"offline\" first, while its representor exists.\n";

static const char usage_list[] =
	"Usage: xenvf list [-j|--json] [<domain>]\n"
	"       xenvf list --defined\n"
	"One line per VF: domain, id, VF, backend and frontend state, MAC, port\n"
	"VLAN, trust, queues (negotiated, or the admin limit) and the uplink;\n"
	"<domain> (name or id): its VFs only. -j: a JSON array of objects, numbers\n"
	"as numbers and null where a key is missing (xenvf(1) JSON).\n"
	"--defined: one line per VF of every definition (xenvf define): name,\n"
	"UUID (- if none) and the VF's keys.\n";

static const char usage_show[] =
	"Usage: xenvf show [-j|--json] <domain> <vf>\n"
	"Every xenstore key of the VF's backend and frontend directories.\n"
	"-j: one JSON object (xenvf(1) JSON).\n";

static const char usage_set[] =
	"Usage: xenvf set <domain> <vf> key=value...\n"
	"Write admin keys of a VF in one transaction; the backend pushes them to\n"
	"the guest. Keys: mac=M vlan=V qos=P trust=on|off spoofchk=on|off\n"
	"isolated=on|off rate=RATE[@INTERVAL] link=auto|enable|disable.\n";

/* ---- xenstore helpers ---- */

static int xs_connect(void)
{
	const char *sock = getenv("XENSTORED_PATH");

	/*
	 * The socket only: a dom0 without xenstored would otherwise fall back
	 * to /dev/xen/xenbus and block forever.
	 */
	xs = xs_open(XS_OPEN_SOCKETONLY);
	if (!xs)
		return xenvf_die("cannot connect to xenstored (%s): %s",
			   sock ? sock : "/var/run/xenstored/socket",
			   strerror(errno));
	return 0;
}

static char *xread(xs_transaction_t t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *xread(xs_transaction_t t, const char *fmt, ...)
{
	char path[XENVF_PATH_LEN * 2];
	unsigned int len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return xs_read(xs, t, path, &len);
}

static bool xexists(xs_transaction_t t, const char *path)
{
	unsigned int len;
	char *v = xs_read(xs, t, path, &len);

	free(v);
	return v != NULL;
}

static int cmp_uint_str(const void *a, const void *b)
{
	unsigned long x = strtoul(*(char *const *)a, NULL, 10);
	unsigned long y = strtoul(*(char *const *)b, NULL, 10);

	return x < y ? -1 : x > y;
}

/* Numeric children of @path, sorted; NULL when none. Free the result. */
static char **xdir_sorted(xs_transaction_t t, const char *path,
			  unsigned int *n)
{
	char **d = xs_directory(xs, t, path, n);

	if (!d)
		*n = 0;
	else
		qsort(d, *n, sizeof(*d), cmp_uint_str);
	return d;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- domains ---- */

static bool domain_exists(unsigned int id)
{
	xentoollog_logger *lg;
	xc_interface *xch;
	xc_domaininfo_t info;
	bool exists;
	char p[64];

	snprintf(p, sizeof(p), "/local/domain/%u", id);
	if (!xexists(XBT_NULL, p))
		return false;
	/* The hypervisor's word when we may ask (dom0 with privcmd). */
	lg = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr,
							       XTL_CRITICAL, 0);
	xch = xc_interface_open(lg, lg, 0);
	if (!xch) {
		xtl_logger_destroy(lg);
		return true;
	}
	exists = xc_domain_getinfolist(xch, id, 1, &info) == 1 &&
		 info.domain == id;
	xc_interface_close(xch);
	xtl_logger_destroy(lg);
	return exists;
}

/* Resolve a name or id to a guest's domid; prints the error. */
static int resolve_domain(const struct xenvf_domarg *d, unsigned int *id)
{
	unsigned int n, i;
	char **dir;
	int found = -1;

	if (d->is_id) {
		if (!domain_exists(d->id))
			return xenvf_die("no domain with id %u", d->id);
		*id = d->id;
	} else {
		dir = xs_directory(xs, XBT_NULL, "/local/domain", &n);
		for (i = 0; dir && i < n; i++) {
			char *name = xread(XBT_NULL, "/local/domain/%s/name",
					   dir[i]);

			if (name && !strcmp(name, d->text))
				found = atoi(dir[i]);
			free(name);
			if (found >= 0)
				break;
		}
		free(dir);
		if (found < 0 || !domain_exists((unsigned int)found))
			return xenvf_die("no domain named '%s'", d->text);
		*id = (unsigned int)found;
	}
	if (*id == BACKEND_ID)
		return xenvf_die("domain %u is the backend domain; VFs are for guests",
			   *id);
	return 0;
}

static char *domain_name(unsigned int id)
{
	char *n = xread(XBT_NULL, "/local/domain/%u/name", id);

	return n ? n : strdup("-");
}

/* ---- attach ---- */

struct attach_vf {
	struct xenvf_vf_opts o;
	uint8_t mac[XENVF_MAC_LEN];
	struct xenvf_vf_nodes nodes;
};

static int backend_loaded(void)
{
	struct stat st;

	if (stat("/sys/bus/xen-backend", &st))
		return 1;	/* cannot tell: the wait will */
	return stat(BACKEND_DRIVER, &st) == 0;
}

static int random_macs(struct attach_vf *v, size_t n)
{
	uint8_t rnd[3];
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].o.mac_set) {
			memcpy(v[i].mac, v[i].o.mac, XENVF_MAC_LEN);
			continue;
		}
		if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
			return xenvf_die("getrandom: %s", strerror(errno));
		xenvf_random_mac(rnd, v[i].mac);
	}
	return 0;
}

/*
 * Walk every VF node under backend/xenvf (seen in @t) until @match says
 * yes for one (@p: its domain's backend dir, @dom and @vf: its ids); fills
 * @who with "domain D vf N" of that node.
 */
static bool find_backend_vf(xs_transaction_t t,
			    bool (*match)(xs_transaction_t t, const char *p,
					  const char *dom, const char *vf,
					  const void *ctx),
			    const void *ctx, char *who, size_t wholen)
{
	unsigned int nd, nv, i, j;
	char **doms, **vfs;
	bool hit = false;

	doms = xs_directory(xs, t, "/local/domain/0/backend/xenvf", &nd);
	for (i = 0; doms && i < nd && !hit; i++) {
		char p[XENVF_PATH_LEN];

		snprintf(p, sizeof(p), "/local/domain/0/backend/xenvf/%s", doms[i]);
		vfs = xs_directory(xs, t, p, &nv);
		for (j = 0; vfs && j < nv && !hit; j++) {
			hit = match(t, p, doms[i], vfs[j], ctx);
			if (hit)
				snprintf(who, wholen, "domain %s vf %s", doms[i],
					 vfs[j]);
		}
		free(vfs);
	}
	free(doms);
	return hit;
}

struct mac_query {
	char want[32];		/* the MAC, formatted */
	char self[40];		/* the asking domain's UUID, "" unknown */
	unsigned int skip_dom;
	int skip_vf;
};

static bool mac_matches(xs_transaction_t t, const char *p, const char *dom,
			const char *vf, const void *ctx)
{
	const struct mac_query *q = ctx;
	char *m = xread(t, "%s/%s/mac", p, vf);
	char *u = q->self[0] ? xread(t, "%s/%s/uuid", p, vf) : NULL;
	/*
	 * A node of the same domain UUID is the domain's previous instance
	 * (migration source, old domid): xenvf-back hands its MAC over
	 * (back_mac.c).
	 */
	bool hit = m && !strcasecmp(m, q->want) &&
		   !((unsigned int)atoi(dom) == q->skip_dom &&
		     atoi(vf) == q->skip_vf) &&
		   !(u && !strcasecmp(u, q->self));

	free(m);
	free(u);
	return hit;
}

/*
 * Is @mac the admin MAC of a VF other than (skip_dom, skip_vf), and not
 * of a node of the same domain UUID @uuid (NULL: unknown)? Fills @who
 * with "domain D vf N".
 */
static bool mac_in_use(xs_transaction_t t, const uint8_t mac[XENVF_MAC_LEN],
		       unsigned int skip_dom, int skip_vf, const uint8_t *uuid,
		       char *who, size_t wholen)
{
	struct mac_query q = { .skip_dom = skip_dom, .skip_vf = skip_vf };

	xenvf_format_mac(q.want, sizeof(q.want), mac);
	if (uuid)
		xenvf_format_uuid(q.self, sizeof(q.self), uuid);
	return find_backend_vf(t, mac_matches, &q, who, wholen);
}

static bool vifname_matches(xs_transaction_t t, const char *p,
			    const char *dom, const char *vf, const void *ctx)
{
	char *m = xread(t, "%s/%s/vifname", p, vf);
	bool hit = m && !strcmp(m, ctx);

	(void)dom;
	free(m);
	return hit;
}

/*
 * Is @name the vifname of a VF (seen in @t) or an existing netdev's name?
 * Fills @who.
 */
static bool vifname_in_use(xs_transaction_t t, const char *name, char *who,
			   size_t wholen)
{
	if (find_backend_vf(t, vifname_matches, name, who, wholen))
		return true;
	if (if_nametoindex(name)) {
		snprintf(who, wholen, "a network interface of dom0");
		return true;
	}
	return false;
}

/*
 * Mark the VF numbers of @domid that have a backend or a frontend node: two
 * directory reads inside @t (a concurrent attach then conflicts with ours).
 */
static void vfs_used(xs_transaction_t t, unsigned int domid, bool *used)
{
	char p[XENVF_PATH_LEN];
	unsigned int n, i, side;
	unsigned long vf;
	char **d;

	memset(used, 0, XENVF_MAX_VFS * sizeof(*used));
	for (side = 0; side < 2; side++) {
		if (side == 0)
			snprintf(p, sizeof(p), "/local/domain/%u/backend/xenvf/%u",
				 BACKEND_ID, domid);
		else
			snprintf(p, sizeof(p), "/local/domain/%u/device/xenvf", domid);
		d = xs_directory(xs, t, p, &n);
		for (i = 0; d && i < n; i++)
			if (!xenvf_parse_uint(d[i], 0, XENVF_MAX_VFS - 1, &vf))
				used[vf] = true;
		free(d);
	}
}

/*
 * Remove @path and then each of its first @levels parents that is left
 * empty (the per-domain and per-type directories attach created), inside
 * transaction @t. A missing @path is not an error.
 */
static bool rm_pruning(xs_transaction_t t, const char *path, int levels)
{
	char p[XENVF_PATH_LEN];
	unsigned int n;
	char **d, *slash;

	if (!xs_rm(xs, t, path) && errno != ENOENT)
		return false;
	snprintf(p, sizeof(p), "%s", path);
	while (levels-- > 0) {
		slash = strrchr(p, '/');
		if (!slash || slash == p)
			break;
		*slash = '\0';
		d = xs_directory(xs, t, p, &n);
		free(d);
		if (!d || n)
			break;
		if (!xs_rm(xs, t, p))
			return false;
	}
	return true;
}

/* backend: .../backend/xenvf/<domid>/<vf>; frontend: .../device/xenvf/<vf> */
#define BE_LEVELS 2
#define FE_LEVELS 1

/* Remove both directories of each VF, in one transaction. */
static void remove_vfs(struct attach_vf *v, size_t n)
{
	xs_transaction_t t;
	size_t i;
	int tries;

	for (tries = 0; tries < XS_RETRIES; tries++) {
		t = xs_transaction_start(xs);
		if (!t)
			return;
		for (i = 0; i < n; i++) {
			rm_pruning(t, v[i].nodes.be, BE_LEVELS);
			rm_pruning(t, v[i].nodes.fe, FE_LEVELS);
		}
		if (xs_transaction_end(xs, t, false) || errno != EAGAIN)
			return;
	}
}

/* Does @domid have a xenvf node (backend or frontend), seen in @t? */
static bool has_vfs(xs_transaction_t t, unsigned int domid)
{
	bool used[XENVF_MAX_VFS];
	int i;

	vfs_used(t, domid, used);
	for (i = 0; i < XENVF_MAX_VFS; i++)
		if (used[i])
			return true;
	return false;
}

#define WRITE_TAKEN 2	/* write_vfs(exclusive): the domain had VFs already */

/*
 * Write every VF of @v in one transaction (retried on EAGAIN). Checks done
 * inside it: VF numbers free, MACs unique; with @exclusive, that the domain
 * has no xenvf node at all (else WRITE_TAKEN, nothing written, no message:
 * the rule between xenvf create and xenvf watch for a defined domain, see
 * docs/design.md). On error a negative errno with @err; nothing is written.
 */
static int write_vfs(unsigned int domid, const char *dname,
		     struct attach_vf *v, size_t n, bool exclusive,
		     char *err, size_t errlen)
{
	struct xs_permissions be_perm[2] = {
		{ .id = BACKEND_ID, .perms = XS_PERM_NONE },
		{ .id = domid, .perms = XS_PERM_READ },
	};
	struct xs_permissions fe_perm[2] = {
		{ .id = domid, .perms = XS_PERM_NONE },
		{ .id = BACKEND_ID, .perms = XS_PERM_READ },
	};
	static const uint8_t null_uuid[XENVF_UUID_LEN];
	uint8_t uuid_b[XENVF_UUID_LEN];
	const uint8_t *uuid = NULL;
	bool used[XENVF_MAX_VFS];
	xs_transaction_t t;
	char who[64], macs[32];
	size_t i, k;
	int tries, vf;

	/* the hypervisor's handle: what the backend's uuid key says */
	if (!xenvf_domain_uuid(domid, uuid_b) &&
	    memcmp(uuid_b, null_uuid, XENVF_UUID_LEN))
		uuid = uuid_b;
	for (tries = 0; tries < XS_RETRIES; tries++) {
		t = xs_transaction_start(xs);
		if (!t)
			return xenvf_errf(err, errlen, "xenstore transaction: %s", strerror(errno));
		if (exclusive && has_vfs(t, domid)) {
			xs_transaction_end(xs, t, true);
			return WRITE_TAKEN;
		}
		vfs_used(t, domid, used);
		/* explicit numbers first, then the lowest free ones */
		for (i = 0; i < n; i++) {
			vf = v[i].o.vf;
			if (vf < 0)
				continue;
			if (used[vf]) {
				xs_transaction_end(xs, t, true);
				return xenvf_errf(err, errlen, "VF %d of domain %s is already in use", vf,
					   dname);
			}
			used[vf] = true;
		}
		for (i = 0; i < n; i++) {
			if (v[i].o.vf >= 0) {
				v[i].nodes.n = 0;
				continue;
			}
			vf = xenvf_pick_vf(used);
			if (vf < 0) {
				xs_transaction_end(xs, t, true);
				return xenvf_errf(err, errlen, "domain %s has no free VF (0..%d all in use)",
					   dname, XENVF_MAX_VFS - 1);
			}
			used[vf] = true;
			v[i].nodes.n = (size_t)vf + 1;	/* picked: remember */
		}
		for (i = 0; i < n; i++) {
			struct xenvf_vf_opts o = v[i].o;

			if (o.vf < 0)
				o.vf = (int)v[i].nodes.n - 1;
			xenvf_format_mac(macs, sizeof(macs), v[i].mac);
			for (k = 0; k < i; k++)
				if (!memcmp(v[k].mac, v[i].mac, XENVF_MAC_LEN))
					break;
			if (k < i || mac_in_use(t, v[i].mac, domid, -1, uuid,
						who, sizeof(who))) {
				xs_transaction_end(xs, t, true);
				return xenvf_errf(err, errlen, "MAC %s is already used by %s", macs,
					   k < i ? "another entry" : who);
			}
			for (k = 0; o.vifname[0] && k < i; k++)
				if (!strcmp(v[k].o.vifname, o.vifname))
					break;
			if (o.vifname[0] &&
			    (k < i || vifname_in_use(t, o.vifname, who, sizeof(who)))) {
				xs_transaction_end(xs, t, true);
				return xenvf_errf(err, errlen, "vifname %s is already used by %s",
						  o.vifname, k < i ? "another entry" : who);
			}
			xenvf_nodes_build(BACKEND_ID, domid, &o, v[i].mac,
					  uuid, &v[i].nodes);
			if (!xs_mkdir(xs, t, v[i].nodes.be) ||
			    !xs_set_permissions(xs, t, v[i].nodes.be, be_perm, 2) ||
			    !xs_mkdir(xs, t, v[i].nodes.fe) ||
			    !xs_set_permissions(xs, t, v[i].nodes.fe, fe_perm, 2))
				goto werr;
			for (k = 0; k < v[i].nodes.n; k++) {
				const struct xenvf_node *nd = &v[i].nodes.node[k];

				if (!xs_write(xs, t, nd->path, nd->value,
					      (unsigned int)strlen(nd->value)))
					goto werr;
			}
		}
		if (xs_transaction_end(xs, t, false))
			return 0;
		if (errno != EAGAIN)
			return xenvf_errf(err, errlen, "xenstore transaction commit: %s", strerror(errno));
		/* restore the numbers picked for this try */
		for (i = 0; i < n; i++)
			v[i].nodes.n = 0;
	}
	return xenvf_errf(err, errlen, "xenstore stayed busy: %d transaction retries", XS_RETRIES);
werr:
	{
		int e = errno;

		xs_transaction_end(xs, t, true);
		return xenvf_errf(err, errlen, "writing xenstore nodes: %s", strerror(e));
	}
}

static int vf_of(const struct attach_vf *v)
{
	const char *p = strrchr(v->nodes.be, '/');

	return atoi(p + 1);
}

/*
 * Wait until every VF is ready: with @frontends, Connected on both ends;
 * without, its backend in InitWait or Connected (what a paused domain's VF
 * reaches: xenvf create waits for it before unpausing). On a refusal
 * (backend Closing or Closed), a vanished node or the timeout: -1 with the
 * VF and the reason in @err; nothing is removed here.
 */
static int wait_vfs(const char *dname, struct attach_vf *v, size_t n,
		    unsigned int timeout, bool frontends, char *err,
		    size_t errlen)
{
	double end = now() + timeout;
	size_t i, done;
	char *bs = NULL, *fs = NULL;

	for (;;) {
		done = 0;
		for (i = 0; i < n; i++) {
			bs = xread(XBT_NULL, "%s/state", v[i].nodes.be);
			fs = xread(XBT_NULL, "%s/state", v[i].nodes.fe);
			if (!bs || !fs) {
				xenvf_errf(err, errlen, "VF %d of domain %s: its %s node vanished while attaching",
					   vf_of(&v[i]), dname, bs ? "frontend" : "backend");
				goto out;
			}
			if (!strcmp(bs, "5") || !strcmp(bs, "6")) {
				char *e = xread(XBT_NULL, "/local/domain/%u/error%s/error",
						BACKEND_ID,
						strstr(v[i].nodes.be, "/backend/"));

				xenvf_errf(err, errlen, "VF %d of domain %s: the backend refused it%s%s",
					   vf_of(&v[i]), dname, e ? ": " : "", e ? e : "");
				free(e);
				goto out;
			}
			if (frontends ? !strcmp(bs, "4") && !strcmp(fs, "4") :
			    !strcmp(bs, "2") || !strcmp(bs, "4"))
				done++;
			if (now() >= end && done <= i) {
				if (!strcmp(bs, "1"))
					xenvf_errf(err, errlen, "VF %d of domain %s: the backend did not answer in %u s (is xenvf-back loaded in dom0?)",
						   vf_of(&v[i]), dname, timeout);
				else if (!frontends)
					xenvf_errf(err, errlen, "VF %d of domain %s: backend not ready in %u s (%s)",
						   vf_of(&v[i]), dname, timeout,
						   xenvf_state_name(bs));
				else
					xenvf_errf(err, errlen, "VF %d of domain %s: not Connected in %u s (backend %s, frontend %s%s)",
						   vf_of(&v[i]), dname, timeout,
						   xenvf_state_name(bs), xenvf_state_name(fs),
						   !strcmp(fs, "1") ?
						   ": is xenvf-front loaded in the guest?" : "");
				goto out;
			}
			free(bs);
			free(fs);
			bs = fs = NULL;
		}
		if (done == n)
			return 0;
		usleep(100000);
	}
out:
	free(bs);
	free(fs);
	return -1;
}

static void print_vfs(const struct attach_vf *v, size_t n)
{
	char m[32];
	size_t i;

	for (i = 0; i < n; i++) {
		xenvf_format_mac(m, sizeof(m), v[i].mac);
		printf("vf=%d mac=%s\n", vf_of(&v[i]), m);
	}
	fflush(stdout);
}

/* The hotplug scripts of @v (written: nodes built); how many have one. */
static size_t hotplug_of(unsigned int domid, const struct attach_vf *v,
			 size_t n, struct xenvf_hotplug *h)
{
	size_t i, with = 0;
	char m[32];

	for (i = 0; i < n; i++) {
		xenvf_format_mac(m, sizeof(m), v[i].mac);
		xenvf_hotplug_init(&h[i], v[i].o.script, v[i].o.vifname, domid,
				   vf_of(&v[i]), v[i].nodes.be, m);
		with += !!h[i].script[0];
	}
	return with;
}

/*
 * The scripts' online step: once every backend is ready (its representor
 * registered), each VF's script runs "online"; on a failure those done run
 * "offline". -1 with @err (nothing removed here).
 */
static int hotplug_online(const char *dname, unsigned int domid,
			  struct attach_vf *v, size_t n, unsigned int timeout,
			  struct xenvf_hotplug *h, char *err, size_t errlen)
{
	if (!hotplug_of(domid, v, n, h))
		return 0;
	if (wait_vfs(dname, v, n, timeout ? timeout : XENVF_DEFAULT_TIMEOUT,
		     false, err, errlen))
		return -1;
	return xenvf_hotplug_online_all(h, n, err, errlen);
}

/*
 * Attach @v to @domid; 0, 1 with the error printed, or (@exclusive only)
 * WRITE_TAKEN, silently, when the domain had xenvf nodes already.
 */
static int attach_vfs(unsigned int domid, struct attach_vf *v, size_t n,
		      bool wait, unsigned int timeout, bool exclusive)
{
	static struct xenvf_hotplug h[XENVF_XLCFG_MAX_ENTRIES];
	char *dname = domain_name(domid);
	char err[XENVF_ERR_LEN];
	int rc;

	if (!backend_loaded()) {
		free(dname);
		return xenvf_die("the xenvf backend is not loaded in dom0 (no %s): load xenvf-back",
			   BACKEND_DRIVER);
	}
	rc = random_macs(v, n);
	if (rc)
		goto out;
	rc = write_vfs(domid, dname, v, n, exclusive, err, sizeof(err));
	if (rc == WRITE_TAKEN)
		goto out;
	if (rc) {
		rc = xenvf_die("%s", err);
		goto out;
	}
	if (hotplug_online(dname, domid, v, n, timeout, h, err, sizeof(err))) {
		remove_vfs(v, n);
		rc = xenvf_die("%s; removed", err);
		goto out;
	}
	if (wait && wait_vfs(dname, v, n, timeout, true, err, sizeof(err))) {
		xenvf_hotplug_offline_all(h, n);
		remove_vfs(v, n);
		rc = xenvf_die("%s; removed", err);
		goto out;
	}
	print_vfs(v, n);
out:
	free(dname);
	return rc;
}

/* Read and parse an xl config; prints the error. Free @c in every case. */
static int read_config(const char *file, struct xenvf_xlcfg *c)
{
	char err[XENVF_ERR_LEN];
	char *text;
	FILE *f;
	long len;
	int rc;

	memset(c, 0, sizeof(*c));

	f = fopen(file, "r");
	if (!f)
		return xenvf_die("%s: %s", file, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || len > (1 << 20) ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return xenvf_die("%s: not a readable config file (1 MiB at most)", file);
	}
	text = calloc(1, (size_t)len + 1);
	if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
		free(text);
		fclose(f);
		return xenvf_die("%s: read error", file);
	}
	fclose(f);
	if (memchr(text, '\0', (size_t)len)) {
		free(text);
		return xenvf_die("%s: not a text file", file);
	}
	rc = xenvf_xlcfg_parse(text, c, err, sizeof(err));
	free(text);
	if (rc)
		return xenvf_die("%s: %s", file, err);
	return 0;
}

/* Read an xl config and check its xenvf entries; prints the error. */
static int load_config(const char *file, struct xenvf_xlcfg *c,
		       struct attach_vf *v, size_t *n)
{
	char err[XENVF_ERR_LEN];
	size_t i, k;

	if (read_config(file, c))
		return 1;
	for (i = 0; i < c->n; i++) {
		memset(&v[i], 0, sizeof(v[i]));
		if (xenvf_opts_parse_entry(&v[i].o, c->entries[i], err, sizeof(err)))
			return xenvf_die("%s: xenvf entry %zu \"%s\": %s", file, i + 1,
				   c->entries[i], err);
		for (k = 0; k < i && v[i].o.vf >= 0; k++)
			if (v[k].o.vf == v[i].o.vf)
				return xenvf_die("%s: xenvf entries %zu and %zu both ask for vf %d",
					   file, k + 1, i + 1, v[i].o.vf);
	}
	*n = c->n;
	return 0;
}

static int cmd_attach(int argc, char **argv)
{
	static struct attach_vf v[XENVF_XLCFG_MAX_ENTRIES];
	struct xenvf_attach_args a;
	struct xenvf_xlcfg c;
	char err[XENVF_ERR_LEN];
	unsigned int domid;
	size_t n = 1;
	int rc;

	if (xenvf_parse_attach(argc, argv, &a, err, sizeof(err)))
		return xenvf_die("attach: %s", err);
	if (a.help) {
		fputs(usage_attach, stdout);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	if (a.config) {
		rc = load_config(a.config, &c, v, &n);
		if (!rc && !n)
			rc = xenvf_die("%s: no xenvf = [ ... ] entries", a.config);
		xenvf_xlcfg_free(&c);
		if (rc)
			return rc;
	} else {
		memset(&v[0], 0, sizeof(v[0]));
		v[0].o = a.opts;
	}
	if (xs_connect() || resolve_domain(&a.dom, &domid))
		return 1;
	return attach_vfs(domid, v, n, a.wait, a.timeout, false);
}

/* ---- create (the order: create_flow.c) ---- */

struct create_ctx {
	struct attach_vf *v;	/* the config's entries (or the definition's) */
	size_t n;
	unsigned int domid;
	char *dname;
	unsigned int timeout;
	bool written;		/* v[] holds the nodes' paths */
	bool online;		/* hotplug scripts ran online: offline to undo */
	struct xenvf_hotplug h[XENVF_XLCFG_MAX_ENTRIES];
};

static int cr_find(void *ctx, const char *name, unsigned int *domid,
		   char *err, size_t errlen)
{
	unsigned int n, i;
	char **dir;
	int found = -1;

	(void)ctx;
	dir = xs_directory(xs, XBT_NULL, "/local/domain", &n);
	for (i = 0; dir && i < n && found < 0; i++) {
		char *dn = xread(XBT_NULL, "/local/domain/%s/name", dir[i]);

		if (dn && !strcmp(dn, name) && atoi(dir[i]) != BACKEND_ID &&
		    domain_exists((unsigned int)atoi(dir[i])))
			found = atoi(dir[i]);
		free(dn);
	}
	free(dir);
	if (found < 0)
		return xenvf_errf(err, errlen, "no domain named '%s'", name);
	*domid = (unsigned int)found;
	return 0;
}

/*
 * A defined domain (xenvf define, matched by name and UUID as xenvf watch
 * matches it) gets its definition's VFs, never the config's entries, and
 * in an exclusive write: whichever of xenvf create and xenvf watch writes
 * first, the other finds the nodes there and writes nothing (create then
 * takes the watch's nodes, the definition's, as its own to wait for).
 */
static int cr_attach(void *ctx, unsigned int domid, char *err, size_t errlen)
{
	static struct xenvf_def def;
	struct create_ctx *c = ctx;
	uint8_t uuid[XENVF_UUID_LEN];
	bool defined;
	size_t i;
	int rc;

	c->domid = domid;
	c->dname = domain_name(domid);
	defined = !xenvf_domain_uuid(domid, uuid) &&
		  !xenvf_store_find(c->dname, uuid, &def) && def.n;
	if (defined) {
		for (i = 0; i < def.n; i++) {
			memset(&c->v[i], 0, sizeof(c->v[i]));
			c->v[i].o = def.vf[i];
		}
		c->n = def.n;
	}
	if (!c->n)
		return 0;
	if (!backend_loaded())
		return xenvf_errf(err, errlen, "the xenvf backend is not loaded in dom0 (no %s): load xenvf-back",
				  BACKEND_DRIVER);
	if (random_macs(c->v, c->n))
		return xenvf_errf(err, errlen, "no random MAC for domain %s", c->dname);
	rc = write_vfs(domid, c->dname, c->v, c->n, defined, err, errlen);
	if (rc == WRITE_TAKEN) {
		/* xenvf watch wrote the definition's VFs first */
		for (i = 0; i < c->n; i++)
			xenvf_nodes_build(BACKEND_ID, domid, &c->v[i].o,
					  c->v[i].mac, uuid, &c->v[i].nodes);
		/* its hotplug scripts are the watch's to run online; undone here */
		hotplug_of(domid, c->v, c->n, c->h);
		c->online = true;
		rc = 0;
	}
	c->written = !rc;
	return rc ? -1 : 0;
}

/* Backends ready: the hotplug scripts' online step (hotplug_online()). */
static int cr_wait(void *ctx, bool frontends, char *err, size_t errlen)
{
	struct create_ctx *c = ctx;

	if (wait_vfs(c->dname, c->v, c->n, c->timeout, frontends, err, errlen))
		return -1;
	if (frontends || c->online)
		return 0;
	if (hotplug_online(c->dname, c->domid, c->v, c->n, c->timeout, c->h,
			   err, errlen))
		return -1;
	c->online = true;
	return 0;
}

/* The VFs' nodes, and what the backend wrote for them under error/. */
static void cr_remove(void *ctx)
{
	struct create_ctx *c = ctx;
	char p[XENVF_PATH_LEN];
	xs_transaction_t t;
	size_t i;
	int tries;

	if (!c->written)
		return;
	if (c->online)
		xenvf_hotplug_offline_all(c->h, c->n);
	remove_vfs(c->v, c->n);
	for (tries = 0; tries < XS_RETRIES; tries++) {
		t = xs_transaction_start(xs);
		if (!t)
			return;
		for (i = 0; i < c->n; i++) {
			snprintf(p, sizeof(p), "/local/domain/%u/error/backend/xenvf/%u/%d",
				 BACKEND_ID, c->domid, vf_of(&c->v[i]));
			rm_pruning(t, p, 4);
		}
		if (xs_transaction_end(xs, t, false) || errno != EAGAIN)
			return;
	}
}

static void cr_report(void *ctx)
{
	struct create_ctx *c = ctx;

	print_vfs(c->v, c->n);
}

static int cmd_create(int argc, char **argv)
{
	static struct attach_vf v[XENVF_XLCFG_MAX_ENTRIES];
	static struct xenvf_def def;
	struct xenvf_create_args a;
	struct xenvf_create_plan p;
	struct create_ctx ctx = { .v = v };
	struct xenvf_create_ops ops = {
		.ctx = &ctx, .find = cr_find, .attach = cr_attach,
		.wait = cr_wait, .remove = cr_remove, .report = cr_report,
	};
	struct xenvf_xlcfg c;
	struct xenvf_domarg d;
	char err[XENVF_ERR_LEN];
	char name[XENVF_XLOPTS_NAME_MAX];
	size_t n = 0;
	int rc;

	if (xenvf_parse_create(argc, argv, &a, err, sizeof(err)))
		return xenvf_die("create: %s", err);
	memset(&p, 0, sizeof(p));
	if (!a.help && xenvf_xlopts_parse(a.xl_argc, argv + a.xl_first, &p.xl,
					  err, sizeof(err)))
		return xenvf_die("create: %s", err);
	if (a.help || p.xl.help) {
		fputs(usage_create, stdout);
		return 0;
	}
	rc = load_config(a.config, &c, v, &n);
	if (rc) {
		xenvf_xlcfg_free(&c);
		return rc;
	}
	snprintf(name, sizeof(name), "%s",
		 p.xl.name[0] ? p.xl.name : c.name ? c.name : "");
	xenvf_xlcfg_free(&c);
	if (!name[0])
		return xenvf_die("%s: no name = \"...\" (xl needs one)", a.config);
	if (xenvf_parse_domarg(name, &d, err, sizeof(err)) || d.is_id)
		return xenvf_die("%s: domain name '%s' is not usable", a.config, name);
	p.config = a.config;
	p.name = name;
	p.wait = a.wait;
	ctx.n = n;
	ctx.timeout = a.timeout;
	/* a definition of that name may give it VFs (its UUID is checked later) */
	p.vfs = n || !xenvf_store_load(name, &def, err, sizeof(err));
	if (p.xl.dryrun) {
		p.vfs = false;
	} else {
		if (xs_connect())
			return 1;
		if (n && !backend_loaded())
			return xenvf_die("the xenvf backend is not loaded in dom0 (no %s): load xenvf-back",
				   BACKEND_DRIVER);
	}
	rc = xenvf_create_run(&p, &ops);
	free(ctx.dname);
	return rc;
}

/* ---- for defcmd.c and watch.c (tool.h) ---- */

int xenvf_xs_connect(void)
{
	return xs ? 0 : xs_connect();
}

int xenvf_read_config(const char *file, struct xenvf_xlcfg *c)
{
	return read_config(file, c);
}

int xenvf_domain_uuid(unsigned int domid, uint8_t uuid[XENVF_UUID_LEN])
{
	xentoollog_logger *lg;
	xc_interface *xch;
	xc_domaininfo_t info;
	int rc = -1;

	lg = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr,
							       XTL_CRITICAL, 0);
	xch = xc_interface_open(lg, lg, 0);
	if (xch) {
		if (xc_domain_getinfolist(xch, domid, 1, &info) == 1 &&
		    info.domain == domid) {
			memcpy(uuid, info.handle, XENVF_UUID_LEN);
			rc = 0;
		}
		xc_interface_close(xch);
	}
	xtl_logger_destroy(lg);
	return rc;
}

int xenvf_attach_def(unsigned int domid, const struct xenvf_def *d)
{
	static struct attach_vf v[XENVF_XLCFG_MAX_ENTRIES];
	size_t i;

	for (i = 0; i < d->n; i++) {
		memset(&v[i], 0, sizeof(v[i]));
		v[i].o = d->vf[i];
	}
	return attach_vfs(domid, v, d->n, false, 0, true);
}

/* ---- detach ---- */

/* The VF's hotplug script, if its backend node names one: "offline". */
static void detach_offline(const char *be, unsigned int domid, unsigned int vf)
{
	char *script = xread(XBT_NULL, "%s/script", be);
	char *vifname, *mac;
	struct xenvf_hotplug h;

	if (!script)
		return;
	vifname = xread(XBT_NULL, "%s/vifname", be);
	mac = xread(XBT_NULL, "%s/mac", be);
	/* the nodes are dom0's; checked all the same, as the backend does */
	if (xenvf_script_check(script) || (vifname && xenvf_vifname_check(vifname))) {
		fprintf(stderr, "xenvf: warning: %s: invalid script or vifname key: no offline run\n",
			be);
	} else {
		xenvf_hotplug_init(&h, script, vifname, domid, (int)vf, be, mac);
		xenvf_hotplug_offline_all(&h, 1);
	}
	free(script);
	free(vifname);
	free(mac);
}

static int remove_dirs(const char *be, const char *fe)
{
	xs_transaction_t t;
	int tries;

	for (tries = 0; tries < XS_RETRIES; tries++) {
		t = xs_transaction_start(xs);
		if (!t)
			break;
		if (!rm_pruning(t, be, BE_LEVELS) || !rm_pruning(t, fe, FE_LEVELS)) {
			int e = errno;

			xs_transaction_end(xs, t, true);
			return xenvf_die("removing %s: %s", be, strerror(e));
		}
		if (xs_transaction_end(xs, t, false))
			return 0;
		if (errno != EAGAIN)
			break;
	}
	return xenvf_die("removing %s: %s", be, strerror(errno));
}

static bool state_is(const char *dir, const char *want)
{
	char *s = xread(XBT_NULL, "%s/state", dir);
	bool r = s ? !strcmp(s, want) : !strcmp(want, "gone");

	free(s);
	return r;
}

/* Connect, resolve @dom and build its VF @vf's paths (@fe may be NULL). */
static int vf_paths(const struct xenvf_domarg *dom, unsigned int vf,
		    unsigned int *domid, char *be, char *fe)
{
	if (xs_connect() || resolve_domain(dom, domid))
		return 1;
	xenvf_be_path(be, XENVF_PATH_LEN, BACKEND_ID, *domid, vf);
	if (fe)
		xenvf_fe_path(fe, XENVF_PATH_LEN, *domid, vf);
	return 0;
}

static int no_vf(const struct xenvf_domarg *dom, unsigned int vf)
{
	return xenvf_die("domain %s has no VF %u", dom->text, vf);
}

static int cmd_detach(int argc, char **argv)
{
	struct xenvf_detach_args a;
	char be[XENVF_PATH_LEN], fe[XENVF_PATH_LEN];
	char err[XENVF_ERR_LEN];
	unsigned int domid;
	xs_transaction_t t;
	double end;
	int tries;

	if (xenvf_parse_detach(argc, argv, &a, err, sizeof(err)))
		return xenvf_die("detach: %s", err);
	if (a.help) {
		fputs(usage_detach, stdout);
		return 0;
	}
	if (vf_paths(&a.dom, a.vf, &domid, be, fe))
		return 1;
	if (!xexists(XBT_NULL, be))
		return no_vf(&a.dom, a.vf);
	detach_offline(be, domid, a.vf);	/* while its representor exists */
	/* No frontend driver bound (Initialising) or already Closed: nothing to wait for. */
	if (a.force || state_is(fe, "gone") || state_is(fe, "1") || state_is(fe, "6"))
		return remove_dirs(be, fe) || xenvf_def_forget_vf(domid, a.vf);

	for (tries = 0; tries < XS_RETRIES; tries++) {
		t = xs_transaction_start(xs);
		if (!t)
			return xenvf_die("xenstore transaction: %s", strerror(errno));
		{
			char p[XENVF_PATH_LEN + 16];
			bool ok;

			snprintf(p, sizeof(p), "%s/online", be);
			ok = xs_write(xs, t, p, "0", 1);
			snprintf(p, sizeof(p), "%s/state", be);
			ok = ok && xs_write(xs, t, p, "5", 1);
			if (!ok) {
				int e = errno;

				xs_transaction_end(xs, t, true);
				return xenvf_die("writing %s: %s", be, strerror(e));
			}
		}
		if (xs_transaction_end(xs, t, false))
			break;
		if (errno != EAGAIN)
			return xenvf_die("xenstore transaction commit: %s", strerror(errno));
	}
	end = now() + a.timeout;
	while (!state_is(fe, "6") && !state_is(fe, "gone")) {
		if (now() >= end) {
			remove_dirs(be, fe);
			xenvf_def_forget_vf(domid, a.vf);
			return xenvf_die("VF %u of domain %s: the frontend did not close in %u s; removed anyway",
				   a.vf, a.dom.text, a.timeout);
		}
		usleep(100000);
	}
	/* the backend follows the frontend to Closed and unregisters */
	end = now() + (a.timeout < 5 ? a.timeout : 5);
	while (!state_is(be, "6") && now() < end)
		usleep(100000);
	return remove_dirs(be, fe) || xenvf_def_forget_vf(domid, a.vf);
}

/* ---- list, show, set ---- */

/* Does backend domain directory @id (a domid) belong to @d? */
static bool list_match(const struct xenvf_list_args *a, const char *id,
		       const char *name)
{
	if (!a->has_dom)
		return true;
	if (a->dom.is_id)
		return (unsigned int)atoi(id) == a->dom.id;
	return name && !strcmp(name, a->dom.text);
}

static int cmd_list(int argc, char **argv)
{
	struct xenvf_list_args a;
	struct xenvf_json j;
	char err[XENVF_ERR_LEN];
	unsigned int nd, nv, i, k, dom_id;
	char **doms, **vfs;

	if (xenvf_parse_list(argc, argv, &a, err, sizeof(err)))
		return xenvf_die("list: %s", err);
	if (a.help) {
		fputs(usage_list, stdout);
		return 0;
	}
	if (a.defined)
		return xenvf_list_defined();
	if (xs_connect())
		return 1;
	/* a domain that does not exist is an error, one without VFs is not */
	if (a.has_dom && resolve_domain(&a.dom, &dom_id))
		return 1;
	xenvf_json_init(&j, stdout);
	if (a.json)
		xenvf_json_arr(&j);
	else
		xenvf_row_header(stdout);
	doms = xdir_sorted(XBT_NULL, "/local/domain/0/backend/xenvf", &nd);
	for (i = 0; i < nd; i++) {
		unsigned int domid = (unsigned int)atoi(doms[i]);
		char *name = xread(XBT_NULL, "/local/domain/%u/name", domid);
		char p[XENVF_PATH_LEN];

		if (!list_match(&a, doms[i], name)) {
			free(name);
			continue;
		}
		snprintf(p, sizeof(p), "/local/domain/0/backend/xenvf/%s", doms[i]);
		vfs = xdir_sorted(XBT_NULL, p, &nv);
		for (k = 0; k < nv; k++) {
			struct xenvf_vf_row r = {
				.name = name, .domid = domid,
				.vf = (unsigned int)atoi(vfs[k]),
			};
			char fe[XENVF_PATH_LEN];
			char *q;

			xenvf_fe_path(fe, sizeof(fe), domid, r.vf);
			r.be_state = xread(XBT_NULL, "%s/%s/state", p, vfs[k]);
			r.fe_state = xread(XBT_NULL, "%s/state", fe);
			r.mac = xread(XBT_NULL, "%s/%s/mac", p, vfs[k]);
			r.vlan = xread(XBT_NULL, "%s/%s/vlan", p, vfs[k]);
			r.trusted = xread(XBT_NULL, "%s/%s/trusted", p, vfs[k]);
			q = xread(XBT_NULL, "%s/multi-queue-num-queues", fe);
			if (!q)
				q = xread(XBT_NULL, "%s/%s/queues", p, vfs[k]);
			r.queues = q;
			r.uplink = xread(XBT_NULL, "%s/%s/uplink", p, vfs[k]);
			if (a.json)
				xenvf_row_json(&j, &r);
			else
				xenvf_row_table(stdout, &r);
			free((char *)r.be_state); free((char *)r.fe_state);
			free((char *)r.mac); free((char *)r.vlan);
			free((char *)r.trusted); free(q); free((char *)r.uplink);
		}
		free(vfs);
		free(name);
	}
	free(doms);
	if (a.json)
		xenvf_json_end(&j);
	return 0;
}

/* Every key under @dir/@rel: "  key = value" lines, or (@j) JSON members
 * "key/sub": value, numbers as numbers. */
static void show_dir(const char *dir, const char *rel, struct xenvf_json *j)
{
	char path[XENVF_PATH_LEN * 2];
	unsigned int n, i, len;
	char **d;
	char *v;

	snprintf(path, sizeof(path), "%s%s%s", dir, *rel ? "/" : "", rel);
	d = xs_directory(xs, XBT_NULL, path, &n);
	for (i = 0; d && i < n; i++) {
		char sub[XENVF_PATH_LEN * 2], full[XENVF_PATH_LEN * 3];

		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", d[i]);
		snprintf(full, sizeof(full), "%s/%s", dir, sub);
		v = xs_read(xs, XBT_NULL, full, &len);
		if (v && *v) {
			if (j) {
				xenvf_json_key(j, sub);
				xenvf_json_value(j, v);
			} else if (!strcmp(d[i], "state")) {
				printf("  %s = %s (%s)\n", sub, v, xenvf_state_name(v));
			} else {
				printf("  %s = %s\n", sub, v);
			}
		}
		free(v);
		show_dir(dir, sub, j);
	}
	free(d);
}

/* {"path": DIR, "state": N, "state_name": "...", "keys": {...}} */
static void show_json(struct xenvf_json *j, const char *what, const char *dir)
{
	char *st = xread(XBT_NULL, "%s/state", dir);

	xenvf_json_key(j, what);
	if (!xexists(XBT_NULL, dir)) {
		xenvf_json_null(j);
		free(st);
		return;
	}
	xenvf_json_obj(j);
	xenvf_json_key(j, "path");
	xenvf_json_str(j, dir);
	xenvf_json_key(j, "state");
	xenvf_json_num(j, st);
	xenvf_json_key(j, "state_name");
	xenvf_json_str(j, st ? xenvf_state_name(st) : NULL);
	xenvf_json_key(j, "keys");
	xenvf_json_obj(j);
	show_dir(dir, "", j);
	xenvf_json_end(j);
	xenvf_json_end(j);
	free(st);
}

static int cmd_show(int argc, char **argv)
{
	struct xenvf_vf_args a;
	struct xenvf_json j;
	char be[XENVF_PATH_LEN], fe[XENVF_PATH_LEN];
	char err[XENVF_ERR_LEN];
	unsigned int domid;

	if (xenvf_parse_show(argc, argv, &a, err, sizeof(err)))
		return xenvf_die("show: %s", err);
	if (a.help) {
		fputs(usage_show, stdout);
		return 0;
	}
	if (vf_paths(&a.dom, a.vf, &domid, be, fe))
		return 1;
	if (!xexists(XBT_NULL, be))
		return no_vf(&a.dom, a.vf);
	if (a.json) {
		xenvf_json_init(&j, stdout);
		xenvf_json_obj(&j);
		xenvf_json_key(&j, "domid");
		xenvf_json_uint(&j, domid);
		xenvf_json_key(&j, "vf");
		xenvf_json_uint(&j, a.vf);
		show_json(&j, "backend", be);
		show_json(&j, "frontend", fe);
		xenvf_json_end(&j);
		return 0;
	}
	printf("backend %s\n", be);
	show_dir(be, "", NULL);
	printf("frontend %s\n", fe);
	show_dir(fe, "", NULL);
	return 0;
}

static int cmd_set(int argc, char **argv)
{
	struct xenvf_node nodes[8];
	struct xenvf_vf_args a;
	struct xenvf_vf_opts eff;
	char be[XENVF_PATH_LEN], who[64], err[XENVF_ERR_LEN];
	unsigned int domid;
	xs_transaction_t t;
	size_t n, i;
	int tries;

	if (xenvf_parse_set(argc, argv, &a, err, sizeof(err)))
		return xenvf_die("set: %s", err);
	if (a.help) {
		fputs(usage_set, stdout);
		return 0;
	}
	if (vf_paths(&a.dom, a.vf, &domid, be, NULL))
		return 1;
	n = xenvf_admin_nodes(&a.opts, nodes, 8);
	for (tries = 0; tries < XS_RETRIES; tries++) {
		t = xs_transaction_start(xs);
		if (!t)
			return xenvf_die("xenstore transaction: %s", strerror(errno));
		if (!xexists(t, be)) {
			xs_transaction_end(xs, t, true);
			return no_vf(&a.dom, a.vf);
		}
		/* qos needs a port VLAN: check against what the store holds */
		eff = a.opts;
		if (eff.vlan < 0) {
			char *s = xread(t, "%s/vlan", be);

			eff.vlan = s ? atoi(s) : 0;
			free(s);
		}
		if (eff.qos < 0) {
			char *s = xread(t, "%s/qos", be);

			eff.qos = s ? atoi(s) : 0;
			free(s);
		}
		if (xenvf_opts_check(&eff, err, sizeof(err))) {
			xs_transaction_end(xs, t, true);
			return xenvf_die("set: %s", err);
		}
		if (a.opts.mac_set &&
		    mac_in_use(t, a.opts.mac, domid, (int)a.vf, NULL, who,
			       sizeof(who))) {
			xs_transaction_end(xs, t, true);
			return xenvf_die("set: MAC %s is already used by %s", nodes[0].value,
				   who);
		}
		for (i = 0; i < n; i++) {
			char p[XENVF_PATH_LEN * 3];

			snprintf(p, sizeof(p), "%s/%.40s", be, nodes[i].path);
			if (!xs_write(xs, t, p, nodes[i].value,
				      (unsigned int)strlen(nodes[i].value))) {
				int e = errno;

				xs_transaction_end(xs, t, true);
				return xenvf_die("writing %s: %s", p, strerror(e));
			}
		}
		if (xs_transaction_end(xs, t, false))
			return 0;
		if (errno != EAGAIN)
			return xenvf_die("xenstore transaction commit: %s", strerror(errno));
	}
	return xenvf_die("xenstore stayed busy: %d transaction retries", XS_RETRIES);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "attach", cmd_attach }, { "create", cmd_create },
		{ "detach", cmd_detach }, { "list", cmd_list },
		{ "show", cmd_show }, { "set", cmd_set },
		{ "evi", xenvf_cmd_evi }, { "define", xenvf_cmd_define },
		{ "undefine", xenvf_cmd_undefine }, { "watch", xenvf_cmd_watch },
	};
	size_t i;
	int rc = -1;

	if (argc < 2)
		return fputs(usage_main, stderr), 2;
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("xenvf %s\n", XENVF_VERSION);
		return 0;
	}
	if (xenvf_xs_timeout_init())
		return 1;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			rc = cmds[i].fn(argc - 2, argv + 2);
	if (rc < 0)
		return xenvf_die("unknown command '%s' (xenvf --help)", argv[1]);
	if (xs)
		xs_close(xs);
	return rc;
}
