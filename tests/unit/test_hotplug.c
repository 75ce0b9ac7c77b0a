// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmocka tests for xen-tools/hotplug.c: the script's path, arguments and
 * environment, and what a failing script does (fake scripts in a
 * temporary directory, run for real).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "hotplug.h"

static char err[XENVF_ERR_LEN];
static char dir[64], logf[128];

/* A script in the temporary directory that logs "$1 $vif ..." and exits @rc. */
static void script(const char *name, int rc, mode_t mode, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n"
		   "echo \"$1 vif=$vif XENBUS_PATH=$XENBUS_PATH command=$command"
		   " script=$script XENBUS_TYPE=$XENBUS_TYPE mac=$mac"
		   " dom=$XENVF_DOMID vf=$XENVF_VF args=$#\" >> %s\n"
		   "echo on-stdout\n"
		   "exit %d\n", logf, rc);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static char *log_text(void)
{
	static char buf[4096];
	FILE *f = fopen(logf, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/xenvf-hotplug.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(logf, sizeof(logf), "%s/log", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

static void paths_and_env(void **state)
{
	char env[XENVF_HOTPLUG_NENV][XENVF_HOTPLUG_ENV_LEN];
	struct xenvf_hotplug h;
	size_t n;

	(void)state;
	/* a name is in /etc/xen/scripts, as xl's script= */
	xenvf_hotplug_init(&h, "vif-log", NULL, 7, 2,
			   "/local/domain/0/backend/xenvf/7/2", "00:16:3e:00:00:01");
	assert_string_equal(h.script, "/etc/xen/scripts/vif-log");
	assert_string_equal(h.vif, "xvf7.2");	/* the backend's default name */
	xenvf_hotplug_init(&h, "/opt/fw/vif-fw", "web0", 7, 2,
			   "/local/domain/0/backend/xenvf/7/2", "00:16:3e:00:00:01");
	assert_string_equal(h.script, "/opt/fw/vif-fw");
	assert_string_equal(h.vif, "web0");
	n = xenvf_hotplug_env(&h, "online", env, XENVF_HOTPLUG_NENV);
	assert_int_equal(n, 9);
	assert_string_equal(env[0], "script=/opt/fw/vif-fw");
	assert_string_equal(env[1], "XENBUS_TYPE=xenvf");
	assert_string_equal(env[2], "XENBUS_PATH=/local/domain/0/backend/xenvf/7/2");
	assert_string_equal(env[3], "XENBUS_BASE_PATH=backend");
	assert_string_equal(env[4], "vif=web0");
	assert_string_equal(env[5], "command=online");
	assert_string_equal(env[6], "mac=00:16:3e:00:00:01");
	assert_string_equal(env[7], "XENVF_DOMID=7");
	assert_string_equal(env[8], "XENVF_VF=2");
	/* bounded by @max */
	assert_int_equal(xenvf_hotplug_env(&h, "offline", env, 3), 3);
	/* no script: nothing to run */
	xenvf_hotplug_init(&h, "", NULL, 7, 2, "/x", "m");
	assert_string_equal(h.script, "");
}

static void runs_with_env(void **state)
{
	char path[128];
	struct xenvf_hotplug h;

	(void)state;
	script("ok", 0, 0755, path, sizeof(path));
	unlink(logf);
	/* the tool's own variable of the same name is replaced, others kept */
	setenv("vif", "stale", 1);
	xenvf_hotplug_init(&h, path, "web0", 7, 2,
			   "/local/domain/0/backend/xenvf/7/2", "00:16:3e:00:00:01");
	assert_int_equal(xenvf_hotplug_run(&h, "online", err, sizeof(err)), 0);
	assert_int_equal(xenvf_hotplug_run(&h, "offline", err, sizeof(err)), 0);
	unsetenv("vif");
	assert_non_null(strstr(log_text(),
		"online vif=web0 XENBUS_PATH=/local/domain/0/backend/xenvf/7/2 command=online"));
	assert_non_null(strstr(log_text(), " XENBUS_TYPE=xenvf mac=00:16:3e:00:00:01 dom=7 vf=2 args=1\n"));
	assert_non_null(strstr(log_text(), "\noffline vif=web0 "));
	assert_non_null(strstr(log_text(), "command=offline"));
	assert_null(strstr(log_text(), "stale"));
}

static void failures_are_one_line(void **state)
{
	char path[128];
	struct xenvf_hotplug h;

	(void)state;
	script("bad", 3, 0755, path, sizeof(path));
	xenvf_hotplug_init(&h, path, NULL, 4, 0, "/be", "m");
	assert_int_not_equal(xenvf_hotplug_run(&h, "online", err, sizeof(err)), 0);
	assert_non_null(strstr(err, "bad online for VF 0 of domain 4 failed (exit status 3)"));
	assert_null(strchr(err, '\n'));
	/* not executable */
	script("noexec", 0, 0644, path, sizeof(path));
	xenvf_hotplug_init(&h, path, NULL, 4, 0, "/be", "m");
	assert_int_not_equal(xenvf_hotplug_run(&h, "online", err, sizeof(err)), 0);
	assert_non_null(strstr(err, "noexec for VF 0 of domain 4 (online): cannot run it: Permission denied"));
	/* missing */
	snprintf(path, sizeof(path), "%s/missing", dir);
	xenvf_hotplug_init(&h, path, NULL, 4, 0, "/be", "m");
	assert_int_not_equal(xenvf_hotplug_run(&h, "online", err, sizeof(err)), 0);
	assert_non_null(strstr(err, "missing for VF 0 of domain 4 (online): cannot run it: No such file or directory"));
}

/*
 * Three VFs, the third's script fails: the first two have run online and
 * then offline (last first); the caller removes the nodes.
 */
static void online_all_undoes(void **state)
{
	char ok[128], bad[128];
	struct xenvf_hotplug h[4];

	(void)state;
	script("ok", 0, 0755, ok, sizeof(ok));
	script("bad", 5, 0755, bad, sizeof(bad));
	unlink(logf);
	xenvf_hotplug_init(&h[0], ok, "a0", 4, 0, "/be/0", "m");
	xenvf_hotplug_init(&h[1], "", NULL, 4, 1, "/be/1", "m");	/* none */
	xenvf_hotplug_init(&h[2], ok, "a2", 4, 2, "/be/2", "m");
	xenvf_hotplug_init(&h[3], bad, "a3", 4, 3, "/be/3", "m");
	assert_int_not_equal(xenvf_hotplug_online_all(h, 4, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "bad online for VF 3 of domain 4 failed (exit status 5)"));
	assert_non_null(strstr(log_text(), "online vif=a0 "));
	assert_non_null(strstr(log_text(), "\nonline vif=a2 "));
	assert_non_null(strstr(log_text(), "\nonline vif=a3 "));
	assert_non_null(strstr(log_text(), "\noffline vif=a2 "));
	assert_non_null(strstr(log_text(), "\noffline vif=a0 "));
	assert_null(strstr(log_text(), "offline vif=a3"));
	assert_true(strstr(log_text(), "offline vif=a2") < strstr(log_text(), "offline vif=a0"));
	/* all succeed: online only */
	unlink(logf);
	assert_int_equal(xenvf_hotplug_online_all(h, 3, err, sizeof(err)), 0);
	assert_null(strstr(log_text(), "offline"));
	xenvf_hotplug_offline_all(h, 3);
	assert_non_null(strstr(log_text(), "\noffline vif=a2 "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths_and_env),
		cmocka_unit_test(runs_with_env),
		cmocka_unit_test(failures_are_one_line),
		cmocka_unit_test(online_all_undoes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
