/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EVI config file of `xenvf evi save` and `xenvf evi load`: one
 * `xenvf evi` command per line without the "xenvf evi" prefix (set ...,
 * peer add ..., vlan add ..., mac add ...), '#' comments, blank lines.
 * Lines are parsed by xenvf_parse_evi() (evi_args.c) and written so that
 * it parses them back to the same command: the CLI, save and load cannot
 * disagree. Applying a config is all or nothing: a step the kernel refuses
 * undoes the steps before it. Pure (the sending is the caller's callback):
 * unit-tested in tests/unit/test_evi.c.
 */
#ifndef XENVF_EVI_CONF_H
#define XENVF_EVI_CONF_H

#include <stddef.h>
#include <stdio.h>

#include "evi_args.h"
#include "xenvf_evi.h"

/* a set line or two, every peer, VLAN and static MAC, with room to spare */
#define XENVF_EVI_CONF_MAX	(2 * (XENVF_EVI_MAX_PEERS + \
				      XENVF_EVI_MAX_VLANS + \
				      XENVF_EVI_MAX_MACS))
#define XENVF_EVI_CONF_LINE_MAX	1024	/* bytes of one line, its newline out */
#define XENVF_EVI_CONF_WORDS	32	/* words of one line */
#define XENVF_EVI_CONF_FILE_MAX	(1 << 20)	/* bytes of a file */

struct xenvf_evi_conf {
	struct xenvf_evi_args *cmd;
	unsigned int *line;	/* line of cmd[i] in its file (1, 2, ...) */
	size_t n, cap;
};

void xenvf_evi_conf_free(struct xenvf_evi_conf *c);

/* Append a copy of @a from line @line. 0, -ENOSPC (over the max), -ENOMEM. */
int xenvf_evi_conf_add(struct xenvf_evi_conf *c, const struct xenvf_evi_args *a,
		       unsigned int line);

/*
 * Parse a whole file's @text (@len bytes) into @c (empty at first). Only
 * set, peer add, vlan add and mac add lines. 0, or -EINVAL with *@line the
 * first bad line and its reason in @err (then @c is freed and empty);
 * -ENOMEM.
 */
int xenvf_evi_conf_parse(const char *text, size_t len,
			 struct xenvf_evi_conf *c, unsigned int *line,
			 char *err, size_t errlen);

/*
 * The line of @a, a set, peer add, vlan add or mac add (no newline). 0,
 * -EINVAL for another command, -ENOSPC if @len is too small.
 */
int xenvf_evi_conf_line(const struct xenvf_evi_args *a, char *buf, size_t len);

/* Every command of @c as lines on @f, after a comment line. 0 or -EINVAL. */
int xenvf_evi_conf_write(const struct xenvf_evi_conf *c, FILE *f);

/*
 * What undoes @done (a config line applied): its delete, or for a set the
 * settings @old read before the load began.
 */
void xenvf_evi_conf_undo(const struct xenvf_evi_args *done,
			 const struct xenvf_evi_args *old,
			 struct xenvf_evi_args *undo);

/*
 * Send every command of @c in order with @send (0 or an error). On the
 * first error, stop, send the undo of each command sent before it, last
 * first (all of them, even if one fails: *@undo_rc gets the first such
 * error, else 0), set *@failed to the index refused and return its error.
 * 0 when every command was sent.
 */
int xenvf_evi_conf_apply(const struct xenvf_evi_conf *c,
			 const struct xenvf_evi_args *old,
			 int (*send)(void *ctx, const struct xenvf_evi_args *a),
			 void *ctx, size_t *failed, int *undo_rc);

#endif /* XENVF_EVI_CONF_H */
