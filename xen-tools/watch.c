// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf watch: the dom0 service that gives defined domains their VFs as
 * they appear (xl create, reboot, restore, migration) and removes what is
 * left of a dead domain's backend nodes. Watches @introduceDomain and
 * @releaseDomain; on each event it rescans the hypervisor's domain list.
 * What to do about a domain is xenvf_watch_decide() (watch_decide.c, pure,
 * unit-tested); the VFs are created by xenvf_attach_def(), the code path
 * of `xenvf attach --no-wait`. See docs/xenvf.1 "WATCH" and docs/design.md.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xenctrl.h>

#include "nodes.h"
#include "tool.h"
#include "vfdef_store.h"
#include "watch_decide.h"

#define MAX_DOM 0x7ff0		/* DOMID_FIRST_RESERVED */
#define INFO_CHUNK 256
#define TICK_MS 250
#define MAX_HELD 1024

static const char usage_watch[] =
	"Usage: xenvf watch [--once]\n"
	"Give every domain that has a definition (xenvf define) its VFs as soon as\n"
	"it appears, with the keys and MACs recorded there; remove the backend\n"
	"nodes a dead domain left (xenvf-back removes its own; the rest after 2 s).\n"
	"Runs in the foreground and logs to stdout/stderr (the systemd unit\n"
	"xenvf.service runs it). --once: one pass over the running domains (defined\n"
	"ones without any VF get theirs) and the leftovers, then exit.\n";

static bool seen[MAX_DOM];
static bool exists[MAX_DOM], running[MAX_DOM];
static double first_look[MAX_DOM], dead_since[MAX_DOM];

struct held {
	struct xenvf_watch_holder h;
	uint8_t mac[XENVF_MAC_LEN];
};
static struct held held[MAX_HELD];
static size_t n_held;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *xread(const char *fmt, unsigned int a, const char *b)
{
	char p[XENVF_PATH_LEN];

	snprintf(p, sizeof(p), fmt, a, b ? b : "");
	return xs_read(xs, XBT_NULL, p, NULL);
}

/* Does @path have children? */
static bool has_children(const char *fmt, unsigned int domid)
{
	char p[XENVF_PATH_LEN];
	unsigned int n = 0;
	char **d;

	snprintf(p, sizeof(p), fmt, domid);
	d = xs_directory(xs, XBT_NULL, p, &n);
	free(d);
	return d && n;
}

/* The hypervisor's domains: exists[], running[]; -1 on error. */
static int list_domains(xc_interface *xch, uint8_t (*uuid)[XENVF_UUID_LEN])
{
	static xc_domaininfo_t info[INFO_CHUNK];
	unsigned int first = 0;
	int n, i;

	memset(exists, 0, sizeof(exists));
	memset(running, 0, sizeof(running));
	do {
		n = xc_domain_getinfolist(xch, first, INFO_CHUNK, info);
		if (n < 0)
			return -1;
		for (i = 0; i < n; i++) {
			unsigned int d = info[i].domain;

			if (d >= MAX_DOM)
				continue;
			exists[d] = true;
			running[d] = !(info[i].flags &
				       (XEN_DOMINF_dying | XEN_DOMINF_shutdown));
			memcpy(uuid[d], info[i].handle, XENVF_UUID_LEN);
			first = d + 1;
		}
	} while (n == INFO_CHUNK);
	return 0;
}

/* Remove backend/xenvf/<domid> (and its error tree) of a dead domain. */
static void cleanup_dead(unsigned int domid)
{
	char be[XENVF_PATH_LEN], er[XENVF_PATH_LEN], dom[XENVF_PATH_LEN];
	xs_transaction_t t;
	int tries;

	snprintf(be, sizeof(be), "/local/domain/%u/backend/xenvf/%u",
		 XENVF_BACKEND_ID, domid);
	snprintf(er, sizeof(er), "/local/domain/%u/error/backend/xenvf/%u",
		 XENVF_BACKEND_ID, domid);
	snprintf(dom, sizeof(dom), "/local/domain/%u", domid);
	for (tries = 0; tries < 8; tries++) {
		char *v;

		t = xs_transaction_start(xs);
		if (!t)
			return;
		v = xs_read(xs, t, dom, NULL);
		if (v) {	/* libxl has not removed it yet: next time */
			free(v);
			xs_transaction_end(xs, t, true);
			return;
		}
		xs_rm(xs, t, be);
		xs_rm(xs, t, er);
		if (xs_transaction_end(xs, t, false)) {
			printf("xenvf watch: domain %u is gone: removed what was left of %s\n",
			       domid, be);
			dead_since[domid] = 0;
			return;
		}
		if (errno != EAGAIN)
			return;
	}
}

/* held[]: every admin MAC in backend/xenvf; cleanup of dead domains. */
static bool scan_backends(bool no_grace)
{
	const char *root = "/local/domain/0/backend/xenvf";
	unsigned int nd = 0, nv = 0, i, j;
	char **doms, **vfs;
	bool pending = false;
	double t = now();

	n_held = 0;
	doms = xs_directory(xs, XBT_NULL, root, &nd);
	for (i = 0; doms && i < nd; i++) {
		unsigned long id;
		char p[XENVF_PATH_LEN];

		if (xenvf_parse_uint(doms[i], 1, MAX_DOM - 1, &id))
			continue;
		if (!exists[id]) {
			if (!dead_since[id])
				dead_since[id] = t;
			if (xenvf_watch_cleanup_due(false, t - dead_since[id], no_grace))
				cleanup_dead((unsigned int)id);
			if (dead_since[id])
				pending = true;	/* still there: look again */
		}
		snprintf(p, sizeof(p), "%s/%s", root, doms[i]);
		vfs = xs_directory(xs, XBT_NULL, p, &nv);
		for (j = 0; vfs && j < nv && n_held < MAX_HELD; j++) {
			struct held *hd = &held[n_held];
			char *m = xread("/local/domain/0/backend/xenvf/%u/%s/mac",
					(unsigned int)id, vfs[j]);
			char *u = xread("/local/domain/0/backend/xenvf/%u/%s/uuid",
					(unsigned int)id, vfs[j]);

			if (m && !xenvf_parse_mac(m, hd->mac)) {
				hd->h.domid = (unsigned int)id;
				hd->h.gone = !exists[id] || !running[id];
				hd->h.has_uuid = u && !xenvf_parse_uuid(u, hd->h.uuid);
				n_held++;
			}
			free(m);
			free(u);
		}
		free(vfs);
	}
	free(doms);
	return pending;
}

/*
 * A MAC of @d held by a node of a dead, dying or shut-down domain of
 * another UUID than @uuid (xenvf_watch_holder_blocks())?
 */
static bool mac_held(const struct xenvf_def *d, unsigned int domid,
		     const uint8_t *uuid, bool incoming)
{
	size_t i, k;

	for (i = 0; i < n_held; i++) {
		if (!xenvf_watch_holder_blocks(&held[i].h, domid, uuid, incoming))
			continue;
		for (k = 0; k < d->n; k++)
			if (!memcmp(held[i].mac, d->vf[k].mac, XENVF_MAC_LEN))
				return true;
	}
	return false;
}

static void bad_def(const char *file, const char *why, void *arg)
{
	(void)arg;
	if (!strncmp(why, file, strlen(file)))
		xenvf_die("watch: skipped %s", why);
	else
		xenvf_die("watch: skipped %s: %s", file, why);
}

static int report_bad(const struct xenvf_def *d, void *arg)
{
	(void)d;
	(void)arg;
	return 0;
}

/* One pass; true when something must be looked at again soon. */
static bool scan(xc_interface *xch, bool once)
{
	static uint8_t uuid[MAX_DOM][XENVF_UUID_LEN];
	static struct xenvf_def def;
	bool pending;
	double t = now();
	unsigned int d;

	if (list_domains(xch, uuid)) {
		xenvf_die("watch: cannot list domains: %s", strerror(errno));
		return true;
	}
	pending = scan_backends(once);
	for (d = 1; d < MAX_DOM; d++) {
		struct xenvf_watch_dom w = { .domid = d };
		char defname[XENVF_PATH_LEN];
		char *name;

		if (!exists[d]) {
			seen[d] = false;
			first_look[d] = 0;
			continue;
		}
		dead_since[d] = 0;
		if (seen[d])
			continue;
		if (!first_look[d])
			first_look[d] = t;
		name = xread("/local/domain/%u/name%s", d, NULL);
		w.running = running[d];
		w.named = name != NULL;
		w.incoming = xenvf_watch_is_incoming(name);
		/* migrating in: the definition of the name it is renamed to */
		w.defined = name &&
			    !xenvf_watch_def_name(name, defname, sizeof(defname)) &&
			    !xenvf_store_find(defname, uuid[d], &def) && def.n;
		w.has_nodes = has_children("/local/domain/0/backend/xenvf/%u", d) ||
			      has_children("/local/domain/%u/device/xenvf", d);
		w.mac_held = w.defined && mac_held(&def, d, uuid[d], w.incoming);
		w.waited_s = t - first_look[d];
		switch (xenvf_watch_decide(&w)) {
		case XENVF_WATCH_IGNORE:
			seen[d] = true;
			break;
		case XENVF_WATCH_ATTACH:
			seen[d] = true;
			printf("xenvf watch: domain %s (id %u): creating %zu VF(s) of its definition%s\n",
			       name, d, def.n,
			       w.incoming ? " (migrating in, before it runs)" : "");
			fflush(stdout);
			switch (xenvf_attach_def(d, &def)) {
			case 0:
				break;
			case 2:	/* xenvf create wrote them just before us */
				printf("xenvf watch: domain %s (id %u) got its VFs from xenvf create: left alone\n",
				       name, d);
				break;
			default:
				xenvf_die("watch: domain %s (id %u): no VF created", name, d);
			}
			break;
		case XENVF_WATCH_WAIT:
			if (once) {
				seen[d] = true;
				printf("xenvf watch: domain %u: not ready (name, or a MAC still held), skipped\n",
				       d);
			}
			pending = true;
			break;
		case XENVF_WATCH_EXISTING:
			seen[d] = true;
			printf("xenvf watch: domain %s (id %u) has VFs already: left alone\n",
			       name, d);
			break;
		case XENVF_WATCH_GIVE_UP:
			seen[d] = true;
			xenvf_die("watch: domain %s (id %u): gave up after %.0f s (no name, or a defined MAC still held by another domain's node)",
				  name ? name : "?", d, XENVF_WATCH_WAIT_S);
			break;
		}
		free(name);
	}
	fflush(stdout);
	return pending;
}

int xenvf_cmd_watch(int argc, char **argv)
{
	xentoollog_logger *lg;
	xc_interface *xch;
	bool once = false, pending;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_watch, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--once")) {
			once = true;
		} else if (!strcmp(argv[i], "--foreground")) {
			continue;	/* it always is */
		} else {
			return xenvf_die("watch: unexpected argument '%s'", argv[i]);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (xenvf_xs_connect())
		return 1;
	lg = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr,
							       XTL_ERROR, 0);
	xch = xc_interface_open(lg, lg, 0);
	if (!xch)
		return xenvf_die("watch: cannot open the hypervisor interface (privcmd): %s",
				 strerror(errno));
	/* the definitions that do not parse, said once at start */
	xenvf_store_each(report_bad, bad_def, NULL);
	if (!once && (!xs_watch(xs, "@introduceDomain", "i") ||
		      !xs_watch(xs, "@releaseDomain", "r"))) {
		xc_interface_close(xch);
		return xenvf_die("watch: xs_watch: %s", strerror(errno));
	}
	if (!once)
		printf("xenvf watch: watching domains; definitions in %s\n",
		       xenvf_store_dir());
	pending = scan(xch, once);
	while (!once) {
		struct pollfd p = { .fd = xs_fileno(xs), .events = POLLIN };
		char **ev;

		if (poll(&p, 1, pending ? TICK_MS : -1) < 0 && errno != EINTR)
			break;
		while ((ev = xs_check_watch(xs)))
			free(ev);
		pending = scan(xch, once);
	}
	xc_interface_close(xch);
	xtl_logger_destroy(lg);
	return once ? 0 : xenvf_die("watch: poll: %s", strerror(errno));
}
