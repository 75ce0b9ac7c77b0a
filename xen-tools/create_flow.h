/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The order of xenvf create (docs/design.md "xenvf create"): xl create -p,
 * attach every VF, wait until each backend is ready (InitWait or
 * Connected), xl unpause (not with -p), then wait for the guest's
 * frontends (not with -c, -p or --no-wait) or xl console (-c). Any failure
 * after the domain exists removes the VFs' nodes and xl destroys it.
 * The xenstore work is behind @ops (xenvf.c; fakes in
 * tests/unit/test_create.c); xl is run from PATH, so a fake xl checks the
 * command sequence.
 */
#ifndef XENVF_CREATE_FLOW_H
#define XENVF_CREATE_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "xlopts.h"

struct xenvf_create_ops {
	void *ctx;
	/* The new domain's id by its name: 0, or -1 with @err. */
	int (*find)(void *ctx, const char *name, unsigned int *domid,
		    char *err, size_t errlen);
	/* Write the VFs' nodes: 0, or -1 with @err (nothing written). */
	int (*attach)(void *ctx, unsigned int domid, char *err, size_t errlen);
	/*
	 * Wait until every backend is ready (@frontends false) or both ends
	 * are Connected (@frontends true): 0, or -1 with @err naming the VF
	 * and the reason (refused, failed, timed out).
	 */
	int (*wait)(void *ctx, bool frontends, char *err, size_t errlen);
	/* Remove every node attach wrote (a missing one is no error). */
	void (*remove)(void *ctx);
	/* Success: print what was attached ("vf=N mac=M" lines). */
	void (*report)(void *ctx);
};

struct xenvf_create_plan {
	const char *config;
	const char *name;		/* the domain's name */
	struct xenvf_xlopts xl;		/* the user's xl options (xlopts.c) */
	bool vfs;	/* VFs to attach: config entries, or maybe a definition */
	bool wait;			/* false: --no-wait */
};

/*
 * Run "xl ARGV..." (NULL-terminated) and wait: its exit status, 127 when
 * xl cannot be run, 128 + N when signal N ended it.
 */
int xenvf_run_xl(char *const *argv);

/* Create the domain of @p; 0, or 1 with one "xenvf: ..." line printed. */
int xenvf_create_run(const struct xenvf_create_plan *p,
		     const struct xenvf_create_ops *ops);

#endif /* XENVF_CREATE_FLOW_H */
