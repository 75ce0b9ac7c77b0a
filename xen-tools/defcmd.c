// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf define, undefine, list --defined, and the definition update of
 * xenvf detach. The definitions themselves: vfdef.c (pure) and
 * vfdef_store.c (files). See docs/xenvf.1 "DEFINITIONS".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "nodes.h"
#include "tool.h"
#include "vfdef_store.h"

#define MAC_DRAWS 8

static const char usage_define[] =
	"Usage: xenvf define <cfg>\n"
	"Record the xenvf = [ ... ] entries of the xl config <cfg> under its name\n"
	"(and uuid, if it sets one) in the state directory ($XENVF_STATE_DIR, or\n"
	"/var/lib/xenvf): xenvf watch creates them each time the domain appears\n"
	"(xl create, reboot, restore, migration). VF numbers and MACs are fixed\n"
	"now (a MAC recorded for the same VF by an earlier define is kept) and\n"
	"printed as \"NAME vf=N mac=M\". Running domains are not touched.\n";

static const char usage_undefine[] =
	"Usage: xenvf undefine <name>\n"
	"Forget the definition of <name>. VFs that exist now stay until the\n"
	"domain goes; none is created for it again.\n";

static bool is_help(int argc, char **argv)
{
	return argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"));
}

/* A MAC of @d also in another definition: fills @who. */
struct mac_clash {
	const struct xenvf_def *d;
	size_t vf;		/* index in d->vf */
	char who[XENVF_DEF_NAME_MAX + 16];
};

static int clash_one(const struct xenvf_def *o, void *arg)
{
	struct mac_clash *c = arg;
	size_t i;

	if (!strcmp(o->name, c->d->name))
		return 0;
	for (i = 0; i < o->n; i++) {
		if (!memcmp(o->vf[i].mac, c->d->vf[c->vf].mac, XENVF_MAC_LEN)) {
			snprintf(c->who, sizeof(c->who), "%s vf %d", o->name,
				 o->vf[i].vf);
			return 1;
		}
	}
	return 0;
}

int xenvf_cmd_define(int argc, char **argv)
{
	static struct xenvf_def d, old;
	uint8_t rnd[3 * XENVF_XLCFG_MAX_ENTRIES];
	char err[XENVF_ERR_LEN], mac[32];
	struct xenvf_xlcfg c;
	bool have_old, drawn;
	int fd, rc, draw;
	size_t i;

	if (is_help(argc, argv)) {
		fputs(usage_define, stdout);
		return 0;
	}
	if (argc != 1 || argv[0][0] == '-')
		return xenvf_die("define: want one xl config file (xenvf define <cfg>)");
	if (xenvf_read_config(argv[0], &c)) {
		xenvf_xlcfg_free(&c);
		return 1;
	}
	if (xenvf_def_check_name(c.name, err, sizeof(err))) {
		xenvf_xlcfg_free(&c);
		return xenvf_die("%s: %s", argv[0], err);
	}
	fd = xenvf_store_lock(err, sizeof(err));
	if (fd < 0) {
		xenvf_xlcfg_free(&c);
		return xenvf_die("define: %s", err);
	}
	rc = xenvf_store_load(c.name, &old, err, sizeof(err));
	if (rc && rc != -ENOENT) {
		xenvf_store_unlock(fd);
		xenvf_xlcfg_free(&c);
		return xenvf_die("define: %s", err);
	}
	have_old = !rc;
	for (draw = 0; draw < MAC_DRAWS; draw++) {
		struct mac_clash k = { .d = &d };

		if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
			rc = xenvf_die("getrandom: %s", strerror(errno));
			goto out;
		}
		if (xenvf_def_build(&d, &c, NULL, have_old ? &old : NULL, rnd, err,
				    sizeof(err))) {
			rc = xenvf_die("%s: %s", argv[0], err);
			goto out;
		}
		/* a MAC another definition holds: refused if given, redrawn if drawn */
		for (i = 0; i < d.n; i++) {
			k.vf = i;
			if (xenvf_store_each(clash_one, NULL, &k))
				break;
		}
		if (i == d.n)
			break;
		drawn = true;
		{
			struct xenvf_vf_opts e;

			xenvf_opts_parse_entry(&e, c.entries[i], err, sizeof(err));
			drawn = !e.mac_set;
		}
		if (!drawn) {
			xenvf_format_mac(mac, sizeof(mac), d.vf[i].mac);
			rc = xenvf_die("%s: MAC %s is already defined for %s", argv[0],
				       mac, k.who);
			goto out;
		}
	}
	if (draw == MAC_DRAWS) {
		rc = xenvf_die("%s: no unused MAC in %d draws", argv[0], MAC_DRAWS);
		goto out;
	}
	if (xenvf_store_save(&d, err, sizeof(err))) {
		rc = xenvf_die("define: %s", err);
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		xenvf_format_mac(mac, sizeof(mac), d.vf[i].mac);
		printf("%s vf=%d mac=%s\n", d.name, d.vf[i].vf, mac);
	}
	rc = 0;
out:
	xenvf_store_unlock(fd);
	xenvf_xlcfg_free(&c);
	return rc;
}

int xenvf_cmd_undefine(int argc, char **argv)
{
	char err[XENVF_ERR_LEN];
	int fd, rc;

	if (is_help(argc, argv)) {
		fputs(usage_undefine, stdout);
		return 0;
	}
	if (argc != 1 || argv[0][0] == '-')
		return xenvf_die("undefine: want one domain name (xenvf undefine <name>)");
	if (xenvf_def_check_name(argv[0], err, sizeof(err)))
		return xenvf_die("undefine: %s", err);
	fd = xenvf_store_lock(err, sizeof(err));
	if (fd < 0)
		return xenvf_die("undefine: %s", err);
	rc = xenvf_store_delete(argv[0], err, sizeof(err));
	xenvf_store_unlock(fd);
	return rc ? xenvf_die("undefine: %s", err) : 0;
}

static int print_def(const struct xenvf_def *d, void *arg)
{
	char u[XENVF_UUID_STR], line[XENVF_DEF_LINE_MAX];
	size_t i;

	(void)arg;
	if (d->has_uuid)
		xenvf_format_uuid(u, sizeof(u), d->uuid);
	else
		snprintf(u, sizeof(u), "-");
	for (i = 0; i < d->n; i++) {
		xenvf_opts_format(&d->vf[i], line, sizeof(line));
		printf("%-16s %-36s %s\n", d->name, u, line);
	}
	return 0;
}

static void print_bad(const char *file, const char *why, void *arg)
{
	int *bad = arg;

	if (!strncmp(why, file, strlen(file)))
		xenvf_die("%s", why);
	else
		xenvf_die("%s: %s", file, why);
	(*bad)++;
}

int xenvf_list_defined(void)
{
	int bad = 0;

	printf("%-16s %-36s %s\n", "Name", "UUID", "VF");
	xenvf_store_each(print_def, print_bad, &bad);
	return bad ? 1 : 0;
}

int xenvf_def_forget_vf(unsigned int domid, unsigned int vf)
{
	static struct xenvf_def d;
	uint8_t uuid[XENVF_UUID_LEN];
	char err[XENVF_ERR_LEN];
	char *name, p[64];
	int fd, rc = 0;


	snprintf(p, sizeof(p), "/local/domain/%u/name", domid);
	name = xs_read(xs, XBT_NULL, p, NULL);
	fd = xenvf_store_lock(err, sizeof(err));
	if (fd < 0) {
		free(name);
		return xenvf_die("detach: VF removed, but the definition was not updated: %s",
				 err);
	}
	if (!xenvf_store_find(name, xenvf_domain_uuid(domid, uuid) ? NULL : uuid,
			      &d) &&
	    xenvf_def_remove_vf(&d, (int)vf)) {
		if (xenvf_store_save(&d, err, sizeof(err)))
			rc = xenvf_die("detach: VF removed, but the definition was not updated: %s",
				       err);
		else
			printf("%s: vf=%u removed from its definition\n", d.name, vf);
	}
	xenvf_store_unlock(fd);
	free(name);
	return rc;
}
