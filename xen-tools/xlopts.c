// SPDX-License-Identifier: GPL-2.0-only
/*
 * The xl create options of xenvf create. See xlopts.h.
 */
#include <errno.h>
#include <string.h>

#include "xenvf_parse.h"
#include "xlcfg.h"
#include "xlopts.h"

enum how { PASS, PAUSED, CONSOLE, DRYRUN, HELP, REFUSE };

struct xlopt {
	char c;			/* short option */
	const char *word;	/* it alone: "-c" */
	const char *name;	/* long option, NULL: none */
	enum how how;
};

static const char *const why_f =
	"xl stays in the foreground until the domain dies, so its VFs could not be attached before it runs (xenvf define + xenvf watch give a domain started with xl create -F its VFs)";
static const char *const why_defconfig =
	"the config file is xenvf create's first argument (its xenvf = [...] entries are what is attached)";

/* Xen 4.17 main_create(): "AFVcdef:inpq" and opts[] + COMMON_LONG_OPTS. */
static const struct xlopt opts[] = {
	{ 'A', "-A", "vncviewer-autopass", PASS },
	{ 'F', "-F", NULL, REFUSE },
	{ 'V', "-V", "vncviewer", PASS },
	{ 'c', "-c", NULL, CONSOLE },
	{ 'd', "-d", NULL, PASS },
	{ 'e', "-e", NULL, PASS },
	{ 'f', "-f", "defconfig", REFUSE },
	{ 'i', "-i", "ignore-global-affinity-masks", PASS },
	{ 'n', "-n", "dryrun", DRYRUN },
	{ 'p', "-p", NULL, PAUSED },
	{ 'q', "-q", "quiet", PASS },
	{ 'h', "-h", "help", HELP },
};

#define N_OPTS (sizeof(opts) / sizeof(opts[0]))

static const char *why(const struct xlopt *x)
{
	return x->c == 'F' ? why_f : why_defconfig;
}

/* Pass @word on to xl. */
static int pass(struct xenvf_xlopts *o, const char *word, char *err,
		size_t errlen)
{
	if (o->argc == XENVF_XLOPTS_ARGS_MAX)
		return xenvf_errf(err, errlen, "more than %d xl create options",
				  XENVF_XLOPTS_ARGS_MAX);
	o->argv[o->argc++] = word;
	return 0;
}

/* @word: what goes to xl for it (the long option as given, or "-X"). */
static int apply(const struct xlopt *x, const char *text, const char *word,
		 struct xenvf_xlopts *o, char *err, size_t errlen)
{
	switch (x->how) {
	case PAUSED:
		o->paused = true;
		break;
	case CONSOLE:
		o->console = true;
		break;
	case DRYRUN:
		o->dryrun = true;
		return pass(o, word, err, errlen);
	case HELP:
		o->help = true;
		break;
	case REFUSE:
		return xenvf_errf(err, errlen, "xl option '%s' cannot be used: %s",
				  text, why(x));
	case PASS:
		return pass(o, word, err, errlen);
	}
	return 0;
}

/* --name[=value]: getopt_long's rules (exact match, or a unique prefix). */
static int long_opt(const char *s, struct xenvf_xlopts *o, char *err,
		    size_t errlen)
{
	const struct xlopt *hit = NULL;
	size_t len = strcspn(s + 2, "="), i;
	int n = 0;

	for (i = 0; i < N_OPTS; i++) {
		if (!opts[i].name || strncmp(opts[i].name, s + 2, len))
			continue;
		if (strlen(opts[i].name) == len) {
			hit = &opts[i];
			n = 1;
			break;
		}
		hit = &opts[i];
		n++;
	}
	if (n == 0)
		return xenvf_errf(err, errlen, "unknown xl create option '%s'", s);
	if (n > 1)
		return xenvf_errf(err, errlen, "ambiguous xl create option '%s'", s);
	if (s[2 + len] == '=' && hit->how != REFUSE)
		return xenvf_errf(err, errlen, "xl option '--%s' takes no value", hit->name);
	return apply(hit, s, s, o, err, errlen);
}

/* -abc: a cluster of short options. */
static int short_opts(const char *s, struct xenvf_xlopts *o, char *err,
		      size_t errlen)
{
	char one[3] = "-?";
	size_t i;
	int rc;

	for (s++; *s; s++) {
		for (i = 0; i < N_OPTS && opts[i].c != *s; i++)
			;
		one[1] = *s;
		if (i == N_OPTS)
			return xenvf_errf(err, errlen, "unknown xl create option '%s'", one);
		rc = apply(&opts[i], one, opts[i].word, o, err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

/* key=value: xl appends it to the config; name= renames the domain. */
static int config_line(const char *s, struct xenvf_xlopts *o, char *err,
		       size_t errlen)
{
	char e[128];
	struct xenvf_xlcfg c;
	int rc = 0;

	if (xenvf_xlcfg_parse(s, &c, e, sizeof(e)))
		rc = xenvf_errf(err, errlen, "xl config line '%s': %s", s, e);
	else if (c.has_xenvf)
		rc = xenvf_errf(err, errlen, "xl config line '%s': put the xenvf = [...] entries in the config file",
				s);
	else if (c.name && strlen(c.name) >= sizeof(o->name))
		rc = xenvf_errf(err, errlen, "xl config line '%s': name too long", s);
	else if (c.name)
		strcpy(o->name, c.name);
	xenvf_xlcfg_free(&c);
	return rc ? rc : pass(o, s, err, errlen);
}

int xenvf_xlopts_parse(int argc, char *const *argv, struct xenvf_xlopts *o,
		       char *err, size_t errlen)
{
	bool dashdash = false;
	int i, rc;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (!dashdash && !strcmp(s, "--"))
			dashdash = true, rc = pass(o, s, err, errlen);
		else if (!dashdash && s[0] == '-' && s[1] == '-')
			rc = long_opt(s, o, err, errlen);
		else if (!dashdash && s[0] == '-' && s[1])
			rc = short_opts(s, o, err, errlen);
		else if (strchr(s, '='))
			rc = config_line(s, o, err, errlen);
		else
			rc = xenvf_errf(err, errlen, "unexpected argument '%s' (one config file, then xl create options)",
					s);
		if (rc)
			return rc;
	}
	return 0;
}
