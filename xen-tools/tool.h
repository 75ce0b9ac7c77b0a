/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the xenvf tool's commands share (xenvf.c): the xenstore handle, the
 * one-line error, config reading, the attach path. Definitions (defcmd.c)
 * and the watch service (watch.c) use it.
 */
#ifndef XENVF_TOOL_H
#define XENVF_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xenstore.h>

#include "msg.h"
#include "vfdef.h"
#include "xlcfg.h"

#define XENVF_BACKEND_ID 0

extern struct xs_handle *xs;

/* Connect to xenstored (socket only); 1 with the error printed. */
int xenvf_xs_connect(void);
/*
 * xs_timeout.c: bound every xenstore request by XENVF_XS_TIMEOUT seconds
 * (default 30; past it: one line naming the request, exit 1). 0, or 1 with
 * the error printed (a bad XENVF_XS_TIMEOUT).
 */
int xenvf_xs_timeout_init(void);
/* Read and parse an xl config; 1 with the error printed. Free @c always. */
int xenvf_read_config(const char *file, struct xenvf_xlcfg *c);
/* The hypervisor's UUID of @domid: 0, or -1 when it cannot tell. */
int xenvf_domain_uuid(unsigned int domid, uint8_t uuid[XENVF_UUID_LEN]);
/*
 * Create every VF of @d for @domid as `xenvf attach --no-wait` does (one
 * transaction, the same checks), only if the domain has no xenvf node yet
 * (the rule shared with xenvf create, docs/design.md): prints "vf=N mac=M"
 * lines and returns 0; 2, silently, when the domain had nodes already
 * (xenvf create wrote them first); or the error (then nothing was written)
 * and returns 1.
 */
int xenvf_attach_def(unsigned int domid, const struct xenvf_def *d);

/* defcmd.c */
int xenvf_cmd_define(int argc, char **argv);
int xenvf_cmd_undefine(int argc, char **argv);
int xenvf_list_defined(void);
/*
 * VF @vf of domain @domid was detached: drop it from the domain's
 * definition, if one matches and holds it. 0, or 1 with the error printed.
 */
int xenvf_def_forget_vf(unsigned int domid, unsigned int vf);

/* watch.c */
int xenvf_cmd_watch(int argc, char **argv);

#endif /* XENVF_TOOL_H */
