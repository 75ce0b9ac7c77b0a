// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmocka tests for xenvf create: the sorting of xl create's options
 * (xen-tools/xlopts.c) and the order of work (xen-tools/create_flow.c),
 * run against a fake `xl` on PATH (a shell script that logs its argv and
 * keeps the domain's state: created paused or running, unpaused,
 * destroyed) and fake xenstore steps that log into the same file and
 * count the nodes they hold. Each case compares the whole sequence.
 */
#include <errno.h>
#include <fcntl.h>
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

#include "create_flow.h"
#include "xlopts.h"

#define ARGC(...) ((int)(sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *)))
#define ARGV(...) ((char *[]){ __VA_ARGS__ })
#define XLOPTS(o, ...) xenvf_xlopts_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), o, err, sizeof(err))

static char err[256];
static char dir[64], logf[96], statef[96];

/* ---- xl create's options ---- */

static void joined(const struct xenvf_xlopts *o, const char *want)
{
	char buf[512] = "";
	int i;

	for (i = 0; i < o->argc; i++) {
		strcat(buf, i ? " " : "");
		strcat(buf, o->argv[i]);
	}
	assert_string_equal(buf, want);
}

static void xlopts_pass_and_handle(void **state)
{
	struct xenvf_xlopts o;

	(void)state;
	assert_int_equal(XLOPTS(&o, "-d", "-q", "--vncviewer", "-e", "memory=512"), 0);
	assert_false(o.paused);
	assert_false(o.console);
	assert_false(o.dryrun);
	joined(&o, "-d -q --vncviewer -e memory=512");
	/* -p and -c are xenvf's: never passed; clusters split */
	assert_int_equal(XLOPTS(&o, "-pcdi", "-A"), 0);
	assert_true(o.paused);
	assert_true(o.console);
	joined(&o, "-d -i -A");
	assert_int_equal(XLOPTS(&o, "-c"), 0);
	assert_true(o.console);
	assert_false(o.paused);
	joined(&o, "");
	/* getopt_long: a unique prefix, an exact match */
	assert_int_equal(XLOPTS(&o, "--dry", "--quiet", "--ignore-global-affinity-masks"), 0);
	assert_true(o.dryrun);
	joined(&o, "--dry --quiet --ignore-global-affinity-masks");
	assert_int_equal(XLOPTS(&o, "-n"), 0);
	assert_true(o.dryrun);
	assert_int_equal(XLOPTS(&o, "-h"), 0);
	assert_true(o.help);
	assert_int_equal(XLOPTS(&o, "--help"), 0);
	assert_true(o.help);
	/* name= renames the domain: unquoted as xl reads it */
	assert_int_equal(XLOPTS(&o, "name=\"g 2\"", "-p"), 0);
	assert_string_equal(o.name, "g 2");
	joined(&o, "name=\"g 2\"");
	assert_int_equal(XLOPTS(&o, "vcpus=2"), 0);
	assert_string_equal(o.name, "");
	/* after --, only config lines */
	assert_int_equal(XLOPTS(&o, "--", "name='h'"), 0);
	assert_string_equal(o.name, "h");
	assert_false(o.paused);
}

static void refused(const char *want, int rc)
{
	assert_int_equal(rc, -EINVAL);
	assert_non_null(strstr(err, want));
	assert_null(strchr(err, '\n'));
}

static void xlopts_refused(void **state)
{
	struct xenvf_xlopts o;

	(void)state;
	refused("'-F' cannot be used: xl stays in the foreground", XLOPTS(&o, "-F"));
	refused("'-F' cannot be used", XLOPTS(&o, "-dF"));
	refused("'-f' cannot be used: the config file is", XLOPTS(&o, "-f", "other.cfg"));
	refused("'-f' cannot be used", XLOPTS(&o, "-fother.cfg"));
	refused("'--defconfig=o.cfg' cannot be used", XLOPTS(&o, "--defconfig=o.cfg"));
	refused("'--def' cannot be used", XLOPTS(&o, "--def", "o.cfg"));
	refused("unknown xl create option '-x'", XLOPTS(&o, "-px"));
	refused("unknown xl create option '--frob'", XLOPTS(&o, "--frob"));
	refused("ambiguous xl create option '--vnc'", XLOPTS(&o, "--vnc"));
	refused("'--quiet' takes no value", XLOPTS(&o, "--quiet=1"));
	refused("unexpected argument 'two.cfg'", XLOPTS(&o, "two.cfg"));
	refused("unexpected argument '-'", XLOPTS(&o, "-"));
	refused("unexpected argument '-F'", XLOPTS(&o, "--", "-F"));
	refused("put the xenvf = [...] entries in the config file",
		XLOPTS(&o, "xenvf=['vlan=3']"));
	refused("xl config line 'name=': ", XLOPTS(&o, "name="));
}

/* ---- the order of work, with a fake xl ---- */

static const char fake_xl[] =
	"#!/bin/sh\n"
	"# fake xl of tests/unit/test_create.c\n"
	"echo \"xl $*\" >> \"$XL_LOG\"\n"
	"st=$XL_STATE\n"
	"case \"$1\" in\n"
	"create)\n"
	"	[ -n \"$XL_FAIL_CREATE\" ] && { echo 'fake xl: cannot create' >&2; exit 3; }\n"
	"	for a; do [ \"$a\" = -n ] && exit 0; done\n"
	"	s=running; for a; do [ \"$a\" = -p ] && s=paused; done\n"
	"	echo $s > \"$st\" ;;\n"
	"unpause)\n"
	"	[ \"$2\" = 7 ] && [ \"$(cat \"$st\")\" = paused ] || exit 1\n"
	"	[ -n \"$XL_FAIL_UNPAUSE\" ] && exit 1\n"
	"	echo running > \"$st\" ;;\n"
	"destroy) [ \"$2\" = 7 ] && echo gone > \"$st\" ;;\n"
	"console) [ \"$2\" = 7 ] && grep -q 'paused\\|running' \"$st\" ;;\n"
	"*) exit 2 ;;\n"
	"esac\n";

struct fake {
	int find_rc, attach_rc, wait_rc[2];	/* [0] backends, [1] frontends */
	int nodes;				/* the VF nodes it holds */
};

static void logs(const char *fmt, ...)
{
	FILE *f = fopen(logf, "a");
	va_list ap;

	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static const char *domain_state(void)
{
	static char s[32];
	FILE *f = fopen(statef, "r");

	s[0] = '\0';
	if (f) {
		if (!fgets(s, sizeof(s), f))
			s[0] = '\0';
		fclose(f);
	}
	s[strcspn(s, "\n")] = '\0';
	return s[0] ? s : "none";
}

static int f_find(void *ctx, const char *name, unsigned int *domid, char *e,
		  size_t elen)
{
	struct fake *f = ctx;

	logs("find %s", name);
	if (f->find_rc) {
		snprintf(e, elen, "no domain named '%s'", name);
		return -1;
	}
	*domid = 7;
	return 0;
}

static int f_attach(void *ctx, unsigned int domid, char *e, size_t elen)
{
	struct fake *f = ctx;

	/* the nodes are written while the domain has not run yet */
	logs("attach %u (domain %s)", domid, domain_state());
	if (f->attach_rc) {
		snprintf(e, elen, "MAC 00:16:3e:00:00:01 is already used by domain 3 vf 0");
		return -1;
	}
	f->nodes = 2;
	return 0;
}

static int f_wait(void *ctx, bool frontends, char *e, size_t elen)
{
	struct fake *f = ctx;

	logs("wait %s (domain %s)", frontends ? "frontends" : "backends",
	     domain_state());
	if (f->wait_rc[frontends]) {
		snprintf(e, elen, frontends ?
			 "VF 0 of domain g: not Connected in 30 s (backend InitWait, frontend Initialising)" :
			 "VF 0 of domain g: the backend refused it: vf 0 queues 9: out of range");
		return -1;
	}
	return 0;
}

static void f_remove(void *ctx)
{
	struct fake *f = ctx;

	logs("remove");
	f->nodes = 0;
}

static void f_report(void *ctx)
{
	(void)ctx;
	logs("report");
}

static struct fake fk;
static const struct xenvf_create_ops ops = {
	.ctx = &fk, .find = f_find, .attach = f_attach, .wait = f_wait,
	.remove = f_remove, .report = f_report,
};

static int setup_xl(void **state)
{
	char p[128], path[4096];
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/xenvf-create-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(p, sizeof(p), "%s/xl", dir);
	f = fopen(p, "w");
	if (!f)
		return -1;
	fputs(fake_xl, f);
	fclose(f);
	chmod(p, 0755);
	snprintf(logf, sizeof(logf), "%s/log", dir);
	snprintf(statef, sizeof(statef), "%s/state", dir);
	snprintf(path, sizeof(path), "%s:%s", dir, getenv("PATH") ? getenv("PATH") : "/bin:/usr/bin");
	setenv("PATH", path, 1);
	setenv("XL_LOG", logf, 1);
	setenv("XL_STATE", statef, 1);
	return 0;
}

static int teardown_xl(void **state)
{
	char p[128];

	(void)state;
	snprintf(p, sizeof(p), "%s/xl", dir);
	unlink(p);
	unlink(logf);
	unlink(statef);
	snprintf(p, sizeof(p), "%s/stderr", dir);
	unlink(p);
	rmdir(dir);
	return 0;
}

/* A fresh run: no log, no domain, the fake's answers reset. */
static void fresh(struct xenvf_create_plan *p, int argc, char **argv)
{
	unlink(logf);
	unlink(statef);
	unsetenv("XL_FAIL_CREATE");
	unsetenv("XL_FAIL_UNPAUSE");
	memset(&fk, 0, sizeof(fk));
	memset(p, 0, sizeof(*p));
	p->config = "g.cfg";
	p->name = "g";
	p->vfs = true;
	p->wait = true;
	assert_int_equal(xenvf_xlopts_parse(argc, argv, &p->xl, err, sizeof(err)), 0);
}

static char errout[1024];

/* Run the flow with stderr caught in errout[]. */
static int run(const struct xenvf_create_plan *p)
{
	char path[128];
	int fd, saved, rc;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/stderr", dir);
	fflush(stderr);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	saved = dup(2);
	dup2(fd, 2);
	rc = xenvf_create_run(p, &ops);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, errout, sizeof(errout) - 1);
	errout[n > 0 ? n : 0] = '\0';
	close(fd);
	return rc;
}

static void sequence_is(const char *want)
{
	static char got[2048];
	FILE *f = fopen(logf, "r");
	size_t n = 0;

	if (f) {
		n = fread(got, 1, sizeof(got) - 1, f);
		fclose(f);
	}
	got[n] = '\0';
	assert_string_equal(got, want);
}

/* One "xenvf: ..." line on stderr, with @want in it. */
static void one_line(const char *want)
{
	assert_int_equal(strncmp(errout, "xenvf: ", 7), 0);
	assert_non_null(strstr(errout, want));
	assert_non_null(strchr(errout, '\n'));
	assert_string_equal(strchr(errout, '\n'), "\n");
}

static void create_normal(void **state)
{
	struct xenvf_create_plan p;

	(void)state;
	fresh(&p, 2, ARGV("-q", "memory=256"));
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -p -q memory=256\n"
		    "find g\n"
		    "attach 7 (domain paused)\n"
		    "wait backends (domain paused)\n"
		    "xl unpause 7\n"
		    "wait frontends (domain running)\n"
		    "report\n");
	assert_string_equal(domain_state(), "running");
	assert_int_equal(fk.nodes, 2);
	assert_string_equal(errout, "");
	/* --no-wait: no wait for the guest's drivers */
	fresh(&p, 0, NULL);
	p.wait = false;
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -p\nfind g\nattach 7 (domain paused)\n"
		    "wait backends (domain paused)\nxl unpause 7\nreport\n");
	/* no VF to attach: created paused, unpaused */
	fresh(&p, 0, NULL);
	p.vfs = false;
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -p\nfind g\nxl unpause 7\n");
	assert_string_equal(domain_state(), "running");
}

static void create_paused(void **state)
{
	struct xenvf_create_plan p;

	(void)state;
	fresh(&p, 2, ARGV("-p", "-d"));
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -p -d\n"
		    "find g\n"
		    "attach 7 (domain paused)\n"
		    "wait backends (domain paused)\n"
		    "report\n");
	assert_string_equal(domain_state(), "paused");
	assert_int_equal(fk.nodes, 2);
}

static void create_console(void **state)
{
	struct xenvf_create_plan p;

	(void)state;
	/* -c: not given to xl create (it would hold the console); after unpause */
	fresh(&p, 1, ARGV("-c"));
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -p\n"
		    "find g\n"
		    "attach 7 (domain paused)\n"
		    "wait backends (domain paused)\n"
		    "xl unpause 7\n"
		    "report\n"
		    "xl console 7\n");
	assert_string_equal(domain_state(), "running");
	/* -p -c: the console of the paused domain, VFs ready */
	fresh(&p, 1, ARGV("-pc"));
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -p\nfind g\nattach 7 (domain paused)\n"
		    "wait backends (domain paused)\nreport\nxl console 7\n");
	assert_string_equal(domain_state(), "paused");
	/* a dry run creates nothing and attaches nothing */
	fresh(&p, 1, ARGV("-n"));
	assert_int_equal(run(&p), 0);
	sequence_is("xl create g.cfg -n\n");
	assert_string_equal(domain_state(), "none");
}

static void create_refused_vf(void **state)
{
	struct xenvf_create_plan p;

	(void)state;
	fresh(&p, 0, NULL);
	fk.wait_rc[0] = -1;
	assert_int_equal(run(&p), 1);
	sequence_is("xl create g.cfg -p\n"
		    "find g\n"
		    "attach 7 (domain paused)\n"
		    "wait backends (domain paused)\n"
		    "remove\n"
		    "xl destroy 7\n");
	assert_string_equal(domain_state(), "gone");
	assert_int_equal(fk.nodes, 0);
	one_line("VF 0 of domain g: the backend refused it: vf 0 queues 9: out of range; domain 7 destroyed, its VF nodes removed");
	/* -p changes nothing to that */
	fresh(&p, 1, ARGV("-p"));
	fk.wait_rc[0] = -1;
	assert_int_equal(run(&p), 1);
	assert_string_equal(domain_state(), "gone");
	assert_int_equal(fk.nodes, 0);
	/* the write refused (MAC in use): nothing written, the domain goes */
	fresh(&p, 0, NULL);
	fk.attach_rc = -1;
	assert_int_equal(run(&p), 1);
	sequence_is("xl create g.cfg -p\nfind g\nattach 7 (domain paused)\nxl destroy 7\n");
	assert_string_equal(domain_state(), "gone");
	one_line("MAC 00:16:3e:00:00:01 is already used by domain 3 vf 0; domain 7 destroyed");
	/* the guest does not connect after unpause */
	fresh(&p, 0, NULL);
	fk.wait_rc[1] = -1;
	assert_int_equal(run(&p), 1);
	sequence_is("xl create g.cfg -p\nfind g\nattach 7 (domain paused)\n"
		    "wait backends (domain paused)\nxl unpause 7\n"
		    "wait frontends (domain running)\nremove\nxl destroy 7\n");
	assert_string_equal(domain_state(), "gone");
	assert_int_equal(fk.nodes, 0);
	one_line("not Connected in 30 s");
	/* xl unpause fails */
	fresh(&p, 0, NULL);
	setenv("XL_FAIL_UNPAUSE", "1", 1);
	assert_int_equal(run(&p), 1);
	sequence_is("xl create g.cfg -p\nfind g\nattach 7 (domain paused)\n"
		    "wait backends (domain paused)\nxl unpause 7\nremove\nxl destroy 7\n");
	assert_int_equal(fk.nodes, 0);
	one_line("xl unpause 7 failed (exit status 1); domain 7 destroyed");
}

static void create_xl_fails(void **state)
{
	struct xenvf_create_plan p;

	(void)state;
	fresh(&p, 0, NULL);
	setenv("XL_FAIL_CREATE", "1", 1);
	assert_int_equal(run(&p), 1);
	sequence_is("xl create g.cfg -p\n");
	assert_int_equal(fk.nodes, 0);
	assert_non_null(strstr(errout, "fake xl: cannot create\n"));
	assert_non_null(strstr(errout, "xenvf: xl create g.cfg failed (exit status 3); no VF attached\n"));
	/* created, but not found by its name: destroyed by name, nothing attached */
	fresh(&p, 0, NULL);
	fk.find_rc = -1;
	assert_int_equal(run(&p), 1);
	sequence_is("xl create g.cfg -p\nfind g\nxl destroy g\n");
	one_line("no domain named 'g' after xl create");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xlopts_pass_and_handle),
		cmocka_unit_test(xlopts_refused),
		cmocka_unit_test(create_normal),
		cmocka_unit_test(create_paused),
		cmocka_unit_test(create_console),
		cmocka_unit_test(create_refused_vf),
		cmocka_unit_test(create_xl_fails),
	};

	return cmocka_run_group_tests(tests, setup_xl, teardown_xl);
}
