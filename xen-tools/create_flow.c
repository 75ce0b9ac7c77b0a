// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf create's order of work. See create_flow.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "create_flow.h"
#include "msg.h"

#define ERR_LEN 256

int xenvf_run_xl(char *const *argv)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 127;
	if (pid == 0) {
		execvp("xl", argv);
		fprintf(stderr, "xenvf: cannot run xl: %s\n", strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* xl CMD DOMID */
static int xl_on(const char *cmd, const char *id)
{
	char *argv[] = { "xl", (char *)cmd, (char *)id, NULL };

	return xenvf_run_xl(argv);
}

/* Undo a created domain: its nodes (if any were written), then the domain. */
static int undo(const struct xenvf_create_ops *ops, bool nodes,
		const char *id, const char *why)
{
	if (nodes)
		ops->remove(ops->ctx);
	if (xl_on("destroy", id))
		return xenvf_die("%s; xl destroy %s failed too: the domain is left, paused", why, id);
	return xenvf_die("%s; domain %s destroyed%s", why, id,
		    nodes ? ", its VF nodes removed" : "");
}

static int xl_create(const struct xenvf_create_plan *p)
{
	char **argv = calloc((size_t)p->xl.argc + 5, sizeof(*argv));
	int i, k = 0, rc;

	if (!argv)
		return 127;
	argv[k++] = "xl";
	argv[k++] = "create";
	argv[k++] = (char *)p->config;
	/* paused until its VFs are ready (a dry run creates nothing) */
	if (!p->xl.dryrun)
		argv[k++] = "-p";
	for (i = 0; i < p->xl.argc; i++)
		argv[k++] = (char *)p->xl.argv[i];
	rc = xenvf_run_xl(argv);
	free(argv);
	return rc;
}

int xenvf_create_run(const struct xenvf_create_plan *p,
		     const struct xenvf_create_ops *ops)
{
	char err[ERR_LEN], why[ERR_LEN + 64], id[16];
	unsigned int domid;
	int rc;

	rc = xl_create(p);
	if (rc)
		return xenvf_die("xl create %s failed (exit status %d); no VF attached",
			    p->config, rc);
	if (p->xl.dryrun)
		return 0;
	if (ops->find(ops->ctx, p->name, &domid, err, sizeof(err))) {
		if (xl_on("destroy", p->name))
			return xenvf_die("%s after xl create; xl destroy %s failed: the domain may be left, paused",
				    err, p->name);
		return xenvf_die("%s after xl create; xl destroy %s done", err, p->name);
	}
	snprintf(id, sizeof(id), "%u", domid);
	if (p->vfs) {
		if (ops->attach(ops->ctx, domid, err, sizeof(err)))
			return undo(ops, false, id, err);
		if (ops->wait(ops->ctx, false, err, sizeof(err)))
			return undo(ops, true, id, err);
	}
	if (!p->xl.paused) {
		rc = xl_on("unpause", id);
		if (rc) {
			snprintf(why, sizeof(why), "xl unpause %s failed (exit status %d)",
				 id, rc);
			return undo(ops, p->vfs, id, why);
		}
		/* the console shows the boot: no wait for the guest's drivers */
		if (p->vfs && p->wait && !p->xl.console &&
		    ops->wait(ops->ctx, true, err, sizeof(err)))
			return undo(ops, true, id, err);
	}
	if (p->vfs)
		ops->report(ops->ctx);
	if (p->xl.console) {
		rc = xl_on("console", id);
		if (rc)
			return xenvf_die("xl console %s ended with status %d (the domain keeps running)",
				    id, rc);
	}
	return 0;
}
