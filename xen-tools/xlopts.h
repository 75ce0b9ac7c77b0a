/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The `xl create` options of `xenvf create <cfg> [xl options]`, sorted
 * before anything is created: passed to xl as they are, handled by xenvf
 * (-p, -c, -n, -h, name="..."), or refused with one line because they
 * cannot work when the domain is created paused and unpaused only once its
 * VFs are ready (-F, -f/--defconfig, a second config file, unknown
 * options, xenvf=... on the command line). The option set is xl's of Xen
 * 4.17 (tools/xl/xl_cmdtable.c, main_create() in xl_vmcontrol.c: getopt
 * "AFVcdef:inpq" and its long options); see docs/xenvf.1 "CREATE".
 * Pure: unit-tested in tests/unit/test_create.c.
 */
#ifndef XENVF_XLOPTS_H
#define XENVF_XLOPTS_H

#include <stdbool.h>
#include <stddef.h>

#define XENVF_XLOPTS_NAME_MAX 80
#define XENVF_XLOPTS_ARGS_MAX 64

struct xenvf_xlopts {
	bool paused;	/* -p: leave the domain paused, VFs ready */
	bool console;	/* -c: xl console once it runs (or is ready, with -p) */
	bool dryrun;	/* -n/--dryrun: xl prints the config, nothing created */
	bool help;	/* -h/--help among xl's options */
	/* name = "..." given as an extra config line, unquoted; "" if none */
	char name[XENVF_XLOPTS_NAME_MAX];
	/*
	 * What goes to xl create after the config file: the passed options,
	 * one short option per word ("-dq" becomes "-d" "-q"), without -p
	 * (xenvf create adds its own) and -c (xenvf runs xl console itself:
	 * xl create -c would not return before the console ends).
	 */
	const char *argv[XENVF_XLOPTS_ARGS_MAX];
	int argc;
};

/*
 * Sort @argc options of xl create (those after the config file). 0, or
 * -EINVAL with the reason in @err (one line, naming the option). The
 * pointers in @o->argv point into @argv or static strings.
 */
int xenvf_xlopts_parse(int argc, char *const *argv, struct xenvf_xlopts *o,
		       char *err, size_t errlen);

#endif /* XENVF_XLOPTS_H */
