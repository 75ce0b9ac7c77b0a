/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A VF's hotplug script (the attach key script=), run as xl runs a vif's
 * (/etc/xen/scripts/vif-bridge): "SCRIPT online" once the backend has
 * registered the VF's representor, "SCRIPT offline" at detach, with the
 * representor and the backend's xenstore directory in the environment
 * (docs/protocol.md "Hotplug scripts"). A script that is missing, not
 * executable, exits non-zero, is killed or outlives XENVF_HOTPLUG_TIMEOUT
 * fails the attach. Unit-tested in tests/unit/test_hotplug.c with fake
 * scripts.
 */
#ifndef XENVF_HOTPLUG_H
#define XENVF_HOTPLUG_H

#include <stddef.h>

#include "args.h"

#define XENVF_HOTPLUG_TIMEOUT 60	/* seconds a script may run */
#define XENVF_HOTPLUG_PATH_LEN 128
#define XENVF_HOTPLUG_ENV_LEN 160
#define XENVF_HOTPLUG_NENV 10

struct xenvf_hotplug {
	char script[XENVF_HOTPLUG_PATH_LEN];	/* resolved; "": none */
	char be[XENVF_HOTPLUG_PATH_LEN];	/* XENBUS_PATH */
	char vif[XENVF_VIFNAME_LEN];		/* the representor */
	char mac[32];
	unsigned int domid;
	int vf;
};

/*
 * Fill @h for VF @vf of @domid: @script as given (a name without '/' is
 * in XENVF_SCRIPTS_DIR, as xl's), @vifname or xvf<domid>.<vf>, the
 * backend directory @be and the admin MAC @mac. @script "" or NULL: none.
 */
void xenvf_hotplug_init(struct xenvf_hotplug *h, const char *script,
			const char *vifname, unsigned int domid, int vf,
			const char *be, const char *mac);

/*
 * The variables a script gets besides the tool's own environment, as
 * "NAME=value": script, XENBUS_TYPE=xenvf, XENBUS_PATH, XENBUS_BASE_PATH,
 * vif, command=@action, mac, XENVF_DOMID, XENVF_VF. Return: how many.
 */
size_t xenvf_hotplug_env(const struct xenvf_hotplug *h, const char *action,
			 char env[][XENVF_HOTPLUG_ENV_LEN], size_t max);

/*
 * Run "SCRIPT @action" (stdin /dev/null, its stdout to stderr); 0, or non-zero
 * with one line in @err naming the script, the action, the VF and why.
 */
int xenvf_hotplug_run(const struct xenvf_hotplug *h, const char *action,
		      char *err, size_t errlen);

/*
 * online for each of @h[0..@n-1] that has a script; when one fails, offline
 * for those done, last first: -1 with @err. 0 when all succeeded.
 */
int xenvf_hotplug_online_all(const struct xenvf_hotplug *h, size_t n,
			     char *err, size_t errlen);

/* offline for each that has a script; a failure is a warning line only. */
void xenvf_hotplug_offline_all(const struct xenvf_hotplug *h, size_t n);

#endif /* XENVF_HOTPLUG_H */
