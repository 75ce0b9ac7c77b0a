// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running a VF's hotplug script. See hotplug.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hotplug.h"

extern char **environ;

void xenvf_hotplug_init(struct xenvf_hotplug *h, const char *script,
			const char *vifname, unsigned int domid, int vf,
			const char *be, const char *mac)
{
	memset(h, 0, sizeof(*h));
	if (script && *script)
		snprintf(h->script, sizeof(h->script), "%s%s%s",
			 strchr(script, '/') ? "" : XENVF_SCRIPTS_DIR,
			 strchr(script, '/') ? "" : "/", script);
	if (vifname && *vifname)
		snprintf(h->vif, sizeof(h->vif), "%s", vifname);
	else
		snprintf(h->vif, sizeof(h->vif), "xvf%u.%d", domid, vf);
	snprintf(h->be, sizeof(h->be), "%s", be);
	snprintf(h->mac, sizeof(h->mac), "%s", mac ? mac : "");
	h->domid = domid;
	h->vf = vf;
}

size_t xenvf_hotplug_env(const struct xenvf_hotplug *h, const char *action,
			 char env[][XENVF_HOTPLUG_ENV_LEN], size_t max)
{
	size_t n = 0;

#define PUT(...) do { \
		if (n < max) \
			snprintf(env[n++], XENVF_HOTPLUG_ENV_LEN, __VA_ARGS__); \
	} while (0)
	PUT("script=%s", h->script);
	PUT("XENBUS_TYPE=xenvf");
	PUT("XENBUS_PATH=%s", h->be);
	PUT("XENBUS_BASE_PATH=backend");
	PUT("vif=%s", h->vif);
	PUT("command=%s", action);
	PUT("mac=%s", h->mac);
	PUT("XENVF_DOMID=%u", h->domid);
	PUT("XENVF_VF=%d", h->vf);
#undef PUT
	return n;
}

/* Is @var ("NAME=...") one of @env's names? */
static int overridden(const char *var, char env[][XENVF_HOTPLUG_ENV_LEN],
		      size_t n)
{
	const char *eq = strchr(var, '=');
	size_t len = eq ? (size_t)(eq - var) : strlen(var), i;

	for (i = 0; i < n; i++)
		if (!strncmp(env[i], var, len) && env[i][len] == '=')
			return 1;
	return 0;
}

/* The tool's environment with @env in place of its variables of the same names. */
static char **child_env(char env[][XENVF_HOTPLUG_ENV_LEN], size_t n)
{
	size_t have = 0, k = 0, i;
	char **e;

	while (environ && environ[have])
		have++;
	e = calloc(have + n + 2, sizeof(*e));
	if (!e)
		return NULL;
	for (i = 0; i < have; i++)
		if (!overridden(environ[i], env, n))
			e[k++] = environ[i];
	for (i = 0; i < n; i++)
		e[k++] = env[i];
	if (!getenv("PATH"))
		e[k++] = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	return e;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait for @pid at most XENVF_HOTPLUG_TIMEOUT s; killed past it (-2). */
static int wait_bounded(pid_t pid, int *st)
{
	double end = now_s() + XENVF_HOTPLUG_TIMEOUT;
	pid_t r;

	for (;;) {
		r = waitpid(pid, st, WNOHANG);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now_s() >= end) {
			kill(pid, SIGKILL);
			while (waitpid(pid, st, 0) < 0 && errno == EINTR)
				;
			return -2;
		}
		usleep(20000);
	}
}

int xenvf_hotplug_run(const struct xenvf_hotplug *h, const char *action,
		      char *err, size_t errlen)
{
	char env[XENVF_HOTPLUG_NENV][XENVF_HOTPLUG_ENV_LEN];
	char *argv[] = { (char *)h->script, (char *)action, NULL };
	size_t n = xenvf_hotplug_env(h, action, env, XENVF_HOTPLUG_NENV);
	char **envp;
	int st, w, fd;
	pid_t pid;

	if (access(h->script, X_OK))
		return xenvf_errf(err, errlen, "script %s for VF %d of domain %u (%s): cannot run it: %s",
				  h->script, h->vf, h->domid, action, strerror(errno));
	envp = child_env(env, n);
	if (!envp)
		return xenvf_errf(err, errlen, "script %s: out of memory", h->script);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		free(envp);
		return xenvf_errf(err, errlen, "script %s: fork: %s", h->script,
				  strerror(errno));
	}
	if (pid == 0) {
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		dup2(2, 1);	/* the tool's stdout is its report */
		execve(h->script, argv, envp);
		fprintf(stderr, "xenvf: cannot run %s: %s\n", h->script, strerror(errno));
		_exit(127);
	}
	free(envp);
	w = wait_bounded(pid, &st);
	if (w == -2)
		return xenvf_errf(err, errlen, "script %s %s for VF %d of domain %u did not end in %d s (killed)",
				  h->script, action, h->vf, h->domid, XENVF_HOTPLUG_TIMEOUT);
	if (w < 0)
		return xenvf_errf(err, errlen, "script %s: waitpid: %s", h->script,
				  strerror(errno));
	if (WIFSIGNALED(st))
		return xenvf_errf(err, errlen, "script %s %s for VF %d of domain %u was killed by signal %d",
				  h->script, action, h->vf, h->domid, WTERMSIG(st));
	if (WEXITSTATUS(st))
		return xenvf_errf(err, errlen, "script %s %s for VF %d of domain %u failed (exit status %d)",
				  h->script, action, h->vf, h->domid, WEXITSTATUS(st));
	return 0;
}

int xenvf_hotplug_online_all(const struct xenvf_hotplug *h, size_t n,
			     char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!h[i].script[0] || !xenvf_hotplug_run(&h[i], "online", err, errlen))
			continue;
		xenvf_hotplug_offline_all(h, i);
		return -1;
	}
	return 0;
}

void xenvf_hotplug_offline_all(const struct xenvf_hotplug *h, size_t n)
{
	char err[XENVF_ERR_LEN];

	while (n--)
		if (h[n].script[0] &&
		    xenvf_hotplug_run(&h[n], "offline", err, sizeof(err)))
			fprintf(stderr, "xenvf: warning: %s\n", err);
}
