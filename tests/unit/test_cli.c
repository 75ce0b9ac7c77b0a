// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmocka tests of the built xenvf tool (xen-tools/xenvf) as a user meets
 * it: attach --help names every key the parser takes; a xenstored that
 * accepts the connection and never answers ends the tool with one line
 * naming the request within XENVF_XS_TIMEOUT; attach 0 is refused before
 * any connection to xenstored; evi load refuses a bad file with one
 * FILE:LINE: line before it asks the kernel anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "args.h"

#ifndef XENVF_BIN
#error XENVF_BIN: the path of the built xenvf tool
#endif

struct run {
	int status;		/* exit status, or -1 if killed */
	double secs;
	char out[16384];
	char err[4096];
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void slurp(int fd, char *buf, size_t len)
{
	size_t used = 0;
	ssize_t n;

	while (used + 1 < len && (n = read(fd, buf + used, len - 1 - used)) > 0)
		used += (size_t)n;
	buf[used] = 0;
}

/*
 * Run xenvf with @argv (NULL-terminated, after "xenvf"), XENSTORED_PATH
 * @sock and XENVF_XS_TIMEOUT @tmo (NULL: unset); killed after @limit s.
 */
static void run_xenvf(struct run *r, const char *sock, const char *tmo,
		      double limit, char **argv)
{
	char *av[16] = { "xenvf" };
	int out[2], err[2], i, st;
	double t0 = mono();
	pid_t pid;

	for (i = 0; argv[i] && i < 14; i++)
		av[i + 1] = argv[i];
	av[i + 1] = NULL;
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		setenv("XENSTORED_PATH", sock, 1);
		if (tmo)
			setenv("XENVF_XS_TIMEOUT", tmo, 1);
		else
			unsetenv("XENVF_XS_TIMEOUT");
		execv(XENVF_BIN, av);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(err[0], F_SETFL, O_NONBLOCK);
	r->status = -2;
	while (r->status == -2) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		else if (mono() - t0 > limit) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			r->status = -1;
		} else {
			usleep(20000);
		}
	}
	r->secs = mono() - t0;
	fcntl(out[0], F_SETFL, 0);
	fcntl(err[0], F_SETFL, 0);
	slurp(out[0], r->out, sizeof(r->out));
	slurp(err[0], r->err, sizeof(r->err));
	close(out[0]);
	close(err[0]);
}

/* A xenstored that accepts every connection and never answers. */
struct mute {
	char path[108];
	int fd;
};

static int mute_setup(void **state)
{
	static struct mute m;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(m.path, sizeof(m.path), "/tmp/xenvf-test-xs.%d", (int)getpid());
	unlink(m.path);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", m.path);
	m.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	assert_true(m.fd >= 0);
	assert_int_equal(bind(m.fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(m.fd, 16), 0);
	*state = &m;
	return 0;
}

static int mute_teardown(void **state)
{
	struct mute *m = *state;

	close(m->fd);
	unlink(m->path);
	return 0;
}

/* Connections made to the mute xenstored since the last call. */
static int mute_accepted(struct mute *m)
{
	int n = 0, c;

	while ((c = accept(m->fd, NULL, NULL)) >= 0) {
		close(c);
		n++;
	}
	return n;
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void attach_help_every_key(void **state)
{
	static struct run r;
	char want[64];
	size_t i;

	(void)state;
	run_xenvf(&r, "/nonexistent", NULL, 10, (char *[]){ "attach", "--help", NULL });
	assert_int_equal(r.status, 0);
	for (i = 0; xenvf_opt_key_name(i); i++) {
		snprintf(want, sizeof(want), "  %s=", xenvf_opt_key_name(i));
		if (!strstr(r.out, want))
			fail_msg("attach --help lacks key %s", xenvf_opt_key_name(i));
	}
	assert_true(i >= 11);	/* vf ... link, hw-vf and rate among them */
	run_xenvf(&r, "/nonexistent", NULL, 10, (char *[]){ "--help", NULL });
	assert_int_equal(r.status, 0);
	for (i = 0; xenvf_opt_key_name(i); i++) {
		snprintf(want, sizeof(want), "[%s=", xenvf_opt_key_name(i));
		if (!strstr(r.out, want))
			fail_msg("xenvf --help lacks attach key %s",
				 xenvf_opt_key_name(i));
	}
}

static void mute_xenstored_times_out(void **state)
{
	struct mute *m = *state;
	static struct run r;

	mute_accepted(m);
	run_xenvf(&r, m->path, "1", 20, (char *[]){ "list", NULL });
	if (r.status != 1)
		fail_msg("xenvf list against a mute xenstored: status %d after %.1f s, stderr '%s'",
			 r.status, r.secs, r.err);
	assert_true(r.secs < 5);
	assert_int_equal(lines(r.err), 1);
	assert_non_null(strstr(r.err, "xenvf: xenstored ("));
	assert_non_null(strstr(r.err, m->path));
	assert_non_null(strstr(r.err, "did not answer a directory of /local/domain/"));
	assert_non_null(strstr(r.err, " within 1 s (XENVF_XS_TIMEOUT)\n"));
	assert_int_equal(mute_accepted(m), 1);
	/* attach by name asks xenstored too: the same bound */
	run_xenvf(&r, m->path, "1", 20, (char *[]){ "attach", "guest1", NULL });
	assert_int_equal(r.status, 1);
	assert_true(r.secs < 5);
	assert_non_null(strstr(r.err, "did not answer"));
	mute_accepted(m);
}

static void bad_xs_timeout(void **state)
{
	struct mute *m = *state;
	static struct run r;

	mute_accepted(m);
	run_xenvf(&r, m->path, "0", 10, (char *[]){ "list", NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "xenvf: XENVF_XS_TIMEOUT '0' is not 1..3600 seconds\n");
	assert_int_equal(mute_accepted(m), 0);
}

static void attach_dom0_refused_first(void **state)
{
	struct mute *m = *state;
	static struct run r;

	mute_accepted(m);
	run_xenvf(&r, m->path, "5", 10, (char *[]){ "attach", "0", "vf=1", NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "xenvf: attach: domain '0' is dom0, the backend domain: VFs are for guests\n");
	assert_true(r.secs < 2);
	assert_int_equal(mute_accepted(m), 0);	/* xenstored never asked */
	run_xenvf(&r, m->path, "5", 10, (char *[]){ "attach", "Domain-0", NULL });
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "'Domain-0' is dom0"));
	assert_int_equal(mute_accepted(m), 0);
}

/* evi load checks the whole file before it opens a netlink socket */
static void evi_load_bad_file(void **state)
{
	static const char bad[] = "set ttl 9\npeer add 10.0.4.4\nvlan add 4095\n";
	char path[64];
	static struct run r;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/xenvf-test-evi.%d", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(bad, f);
	fclose(f);
	run_xenvf(&r, "/nonexistent", NULL, 10, (char *[]){ "evi", "load", path, NULL });
	assert_int_equal(r.status, 1);
	assert_int_equal(lines(r.err), 1);
	assert_true(!strncmp(r.err, "xenvf: ", 7) && !strncmp(r.err + 7, path, strlen(path)));
	assert_string_equal(r.err + 7 + strlen(path),
			    ":3: VID '4095' out of range 0..4094 (0: untagged)\n");
	assert_string_equal(r.out, "");
	unlink(path);
	run_xenvf(&r, "/nonexistent", NULL, 10, (char *[]){ "evi", "load", path, NULL });
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, ": No such file or directory\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(attach_help_every_key),
		cmocka_unit_test(mute_xenstored_times_out),
		cmocka_unit_test(bad_xs_timeout),
		cmocka_unit_test(attach_dom0_refused_first),
		cmocka_unit_test(evi_load_bad_file),
	};

	return cmocka_run_group_tests(tests, mute_setup, mute_teardown);
}
