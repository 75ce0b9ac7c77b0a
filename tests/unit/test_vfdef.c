// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmocka tests for the definitions (xen-tools/vfdef.c, vfdef_store.c) and
 * xenvf watch's decisions (xen-tools/watch_decide.c).
 */
#include <dirent.h>
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

#include "nodes.h"
#include "vfdef.h"
#include "vfdef_store.h"
#include "watch_decide.h"
#include "xlcfg.h"

static char err[256];
static char dir[64];

static const uint8_t rnd[3 * XENVF_XLCFG_MAX_ENTRIES] = {
	0x81, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
};

static int build(const char *cfg, struct xenvf_def *d,
		 const struct xenvf_def *old, const uint8_t *r)
{
	struct xenvf_xlcfg c;
	int rc;

	assert_int_equal(xenvf_xlcfg_parse(cfg, &c, err, sizeof(err)), 0);
	rc = xenvf_def_build(d, &c, NULL, old, r, err, sizeof(err));
	xenvf_xlcfg_free(&c);
	return rc;
}

static void mac_is(const struct xenvf_vf_opts *o, const char *want)
{
	char m[32];

	assert_true(o->mac_set);
	xenvf_format_mac(m, sizeof(m), o->mac);
	assert_string_equal(m, want);
}

static void build_numbers_and_macs(void **state)
{
	static struct xenvf_def d;

	(void)state;
	assert_int_equal(build("name='g1'\nuuid='0123456789AB-cdef-0123-456789abcdef'\n"
			       "xenvf=['vlan=5,trust=on','vf=0,mac=02:00:00:00:00:01','']\n",
			       &d, NULL, rnd), -EINVAL);
	assert_non_null(strstr(err, "uuid"));
	assert_int_equal(build("name='g1'\nuuid='01234567-89AB-cdef-0123-456789abcdef'\n"
			       "xenvf=['vlan=5,trust=on','vf=0,mac=02:00:00:00:00:01','']\n",
			       &d, NULL, rnd), 0);
	assert_string_equal(d.name, "g1");
	assert_true(d.has_uuid);
	assert_int_equal(d.uuid[0], 0x01);
	assert_int_equal(d.uuid[5], 0xab);
	assert_int_equal(d.uuid[15], 0xef);
	assert_int_equal(d.n, 3);
	/* explicit vf=0 first, then the lowest free numbers in order */
	assert_int_equal(d.vf[0].vf, 1);
	assert_int_equal(d.vf[1].vf, 0);
	assert_int_equal(d.vf[2].vf, 2);
	/* random MACs: 00:16:3e, the top bit of the 4th byte clear */
	mac_is(&d.vf[0], "00:16:3e:01:02:03");
	mac_is(&d.vf[1], "02:00:00:00:00:01");
	mac_is(&d.vf[2], "00:16:3e:07:08:09");
	assert_int_equal(d.vf[0].vlan, 5);
	assert_int_equal(d.vf[0].trust, 1);
}

static void build_keeps_old_macs(void **state)
{
	static struct xenvf_def old, d;
	static const uint8_t other[3 * XENVF_XLCFG_MAX_ENTRIES] = {
		0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19,
	};

	(void)state;
	assert_int_equal(build("name='g1'\nxenvf=['','']\n", &old, NULL, rnd), 0);
	/* redefined with other entries: the same VF numbers keep their MACs */
	assert_int_equal(build("name='g1'\nxenvf=['vlan=7','','']\n", &d, &old, other), 0);
	mac_is(&d.vf[0], "00:16:3e:01:02:03");
	mac_is(&d.vf[1], "00:16:3e:04:05:06");
	mac_is(&d.vf[2], "00:16:3e:17:18:19");	/* a new VF draws a new one */
	assert_int_equal(d.vf[0].vlan, 7);
	/* a new guest (no old definition) draws new ones */
	assert_int_equal(build("name='g1'\nxenvf=['','']\n", &d, NULL, other), 0);
	mac_is(&d.vf[0], "00:16:3e:11:12:13");
}

static void build_refuses(void **state)
{
	static const struct {
		const char *cfg;
		const char *msg;
	} bad[] = {
		{ "xenvf=['']\n", "no name" },
		{ "name='123'\nxenvf=['']\n", "not usable" },
		{ "name='.x'\nxenvf=['']\n", "not usable" },
		{ "name='a/b'\nxenvf=['']\n", "not usable" },
		{ "name='g'\n", "no xenvf" },
		{ "name='g'\nxenvf=[]\n", "no xenvf" },
		{ "name='g'\nxenvf=['vlan=4095']\n", "entry 1 \"vlan=4095\": vlan '4095' out of range" },
		{ "name='g'\nxenvf=['vf=3','vf=3']\n", "entries 1 and 2 both ask for vf 3" },
		{ "name='g'\nxenvf=['mac=02:00:00:00:00:01','mac=02:00:00:00:00:01']\n",
		  "two VFs with mac=02:00:00:00:00:01" },
		{ "name='g'\nxenvf=['qos=3']\n", "qos 3 needs a port VLAN" },
	};
	static struct xenvf_def d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(build(bad[i].cfg, &d, NULL, rnd), -EINVAL);
		if (!strstr(err, bad[i].msg))
			fail_msg("%s: got '%s', want '%s'", bad[i].cfg, err, bad[i].msg);
	}
}

static void format_parse_round_trip(void **state)
{
	static struct xenvf_def d, back;
	static char text[XENVF_DEF_TEXT_MAX], text2[XENVF_DEF_TEXT_MAX];

	(void)state;
	assert_int_equal(build("name='g1'\nuuid='01234567-89ab-cdef-0123-456789abcdef'\n"
			       "xenvf=['vlan=5,qos=3,trust=on,spoofchk=off,isolated=on,queues=2,mtu=9000,link=disable',"
			       "'hw-vf=4,rate=100,link=enable','vf=9,vifname=web0,script=vif-log']\n",
			       &d, NULL, rnd), 0);
	assert_true(xenvf_def_format(&d, text, sizeof(text)) > 0);
	assert_non_null(strstr(text, ",vifname=web0,script=vif-log\n"));
	assert_non_null(strstr(text, "\nuuid=01234567-89ab-cdef-0123-456789abcdef\n"));
	assert_non_null(strstr(text,
		"\nvf=0,mac=00:16:3e:01:02:03,vlan=5,qos=3,trust=on,spoofchk=off,isolated=on,queues=2,mtu=9000,link=disable\n"));
	assert_int_equal(xenvf_def_parse(text, &back, err, sizeof(err)), 0);
	assert_string_equal(back.name, "g1");
	assert_true(back.has_uuid);
	assert_memory_equal(back.uuid, d.uuid, XENVF_UUID_LEN);
	assert_int_equal(back.n, d.n);
	assert_memory_equal(back.vf, d.vf, d.n * sizeof(d.vf[0]));
	assert_true(xenvf_def_format(&back, text2, sizeof(text2)) > 0);
	assert_string_equal(text, text2);
	/* too small a buffer is refused, not cut */
	assert_int_equal(xenvf_def_format(&d, text2, 40), -ENOSPC);
}

static void parse_refuses(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} bad[] = {
		{ "vf=0,mac=02:00:00:00:00:01\n", "no name= line" },
		{ "name=g\nname=g\n", "line 2: name given twice" },
		{ "name=g\nuuid=zz\n", "line 2: bad or repeated uuid" },
		{ "name=g\nvf=0\n", "line 2: a VF without mac=" },
		{ "name=g\nvf=0,mac=02:00:00:00:00:01\nvf=0,mac=02:00:00:00:00:02\n",
		  "line 3: two VFs with vf=0" },
		{ "name=g\nvf=0,mac=02:00:00:00:00:01\nvf=1,mac=02:00:00:00:00:01\n",
		  "line 3: two VFs with mac=02:00:00:00:00:01" },
		{ "name=g\nvf=0,mac=02:00:00:00:00:01,vlan=x\n", "line 2: vlan 'x' is not a number" },
		{ "name=g\nmac=02:00:00:00:00:01\n", "line 2: not name=, uuid= or vf=" },
		{ "name=1\n", "line 1: domain name '1' is not usable" },
	};
	static struct xenvf_def d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(xenvf_def_parse(bad[i].text, &d, err, sizeof(err)), -EINVAL);
		if (!strstr(err, bad[i].msg))
			fail_msg("'%s': got '%s', want '%s'", bad[i].text, err, bad[i].msg);
	}
}

static void matches_name_or_uuid(void **state)
{
	static struct xenvf_def d;
	uint8_t u[XENVF_UUID_LEN], v[XENVF_UUID_LEN];

	(void)state;
	assert_int_equal(xenvf_parse_uuid("01234567-89ab-cdef-0123-456789abcdef", u), 0);
	memcpy(v, u, sizeof(v));
	v[15] ^= 1;
	assert_int_equal(build("name='g1'\nxenvf=['']\n", &d, NULL, rnd), 0);
	assert_true(xenvf_def_matches(&d, "g1", NULL));
	assert_true(xenvf_def_matches(&d, "g1", u));
	assert_false(xenvf_def_matches(&d, "g2", u));
	assert_false(xenvf_def_matches(&d, NULL, u));
	assert_int_equal(build("name='g1'\nuuid='01234567-89ab-cdef-0123-456789abcdef'\nxenvf=['']\n",
			       &d, NULL, rnd), 0);
	assert_true(xenvf_def_matches(&d, "renamed", u));	/* the UUID decides */
	assert_false(xenvf_def_matches(&d, "g1", v));	/* another guest named g1 */
	assert_false(xenvf_def_matches(&d, "g1", NULL));
}

static void remove_vf(void **state)
{
	static struct xenvf_def d;

	(void)state;
	assert_int_equal(build("name='g1'\nxenvf=['','','']\n", &d, NULL, rnd), 0);
	assert_true(xenvf_def_remove_vf(&d, 1));
	assert_int_equal(d.n, 2);
	assert_int_equal(d.vf[0].vf, 0);
	assert_int_equal(d.vf[1].vf, 2);
	mac_is(&d.vf[1], "00:16:3e:07:08:09");
	assert_false(xenvf_def_remove_vf(&d, 1));
	assert_int_equal(d.n, 2);
}

/* ---- the store, in a temporary directory ---- */

static int dir_files(void)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, ".lock"))
			n++;
	closedir(d);
	return n;
}

static int store_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_vfdef.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	setenv(XENVF_STATE_ENV, dir, 1);
	return 0;
}

static int store_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

static void store_round_trip_and_atomic_update(void **state)
{
	static struct xenvf_def d, back, d2;
	struct stat a, b;
	char p[128];
	int fd;

	(void)state;
	assert_string_equal(xenvf_store_dir(), dir);
	fd = xenvf_store_lock(err, sizeof(err));
	assert_true(fd >= 0);
	assert_int_equal(xenvf_store_load("g1", &back, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "no definition for 'g1'"));
	assert_int_equal(build("name='g1'\nxenvf=['vlan=5','']\n", &d, NULL, rnd), 0);
	assert_int_equal(xenvf_store_save(&d, err, sizeof(err)), 0);
	assert_int_equal(dir_files(), 1);	/* g1.vf, no temporary file left */
	snprintf(p, sizeof(p), "%s/g1.vf", dir);
	assert_int_equal(stat(p, &a), 0);
	assert_int_equal(xenvf_store_load("g1", &back, err, sizeof(err)), 0);
	assert_int_equal(back.n, 2);
	assert_memory_equal(back.vf, d.vf, d.n * sizeof(d.vf[0]));

	/* an update replaces the file by rename: a new inode, never a partial write */
	assert_true(xenvf_def_remove_vf(&back, 0));
	assert_int_equal(xenvf_store_save(&back, err, sizeof(err)), 0);
	assert_int_equal(stat(p, &b), 0);
	assert_int_not_equal(a.st_ino, b.st_ino);
	assert_int_equal(dir_files(), 1);
	assert_int_equal(xenvf_store_load("g1", &d2, err, sizeof(err)), 0);
	assert_int_equal(d2.n, 1);
	assert_int_equal(d2.vf[0].vf, 1);
	/* the MAC drawn at first define is what the store keeps */
	mac_is(&d2.vf[0], "00:16:3e:04:05:06");

	/* find: by name; and a UUID definition by its UUID */
	assert_int_equal(xenvf_store_find("g1", NULL, &back), 0);
	assert_int_equal(xenvf_store_find("g2", NULL, &back), -ENOENT);
	assert_int_equal(build("name='g2'\nuuid='01234567-89ab-cdef-0123-456789abcdef'\nxenvf=['']\n",
			       &d, NULL, rnd + 6), 0);
	assert_int_equal(xenvf_store_save(&d, err, sizeof(err)), 0);
	assert_int_equal(xenvf_store_find("g2--incoming", d.uuid, &back), 0);
	assert_string_equal(back.name, "g2");
	assert_int_equal(xenvf_store_find("g2", NULL, &back), -ENOENT);

	/* undefine */
	assert_int_equal(xenvf_store_delete("g2", err, sizeof(err)), 0);
	assert_int_equal(xenvf_store_delete("g2", err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "no definition for 'g2'"));
	assert_int_equal(xenvf_store_load("g2", &back, err, sizeof(err)), -ENOENT);
	assert_int_equal(dir_files(), 1);
	xenvf_store_unlock(fd);
}

static void store_bad_input_leaves_nothing(void **state)
{
	static struct xenvf_def d;
	char p[128];
	FILE *f;
	int before;

	(void)state;
	before = dir_files();
	/* an unusable name is refused before any file is made */
	memset(&d, 0, sizeof(d));
	snprintf(d.name, sizeof(d.name), "../x");
	assert_int_equal(xenvf_store_save(&d, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_store_load("../x", &d, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_store_delete("12", err, sizeof(err)), -EINVAL);
	assert_int_equal(dir_files(), before);

	/* a damaged file: load says where, each() skips it, nothing is rewritten */
	snprintf(p, sizeof(p), "%s/bad.vf", dir);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("name=bad\nvf=0\n", f);
	fclose(f);
	assert_int_equal(xenvf_store_load("bad", &d, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "bad.vf: line 2: a VF without mac="));
	assert_int_equal(xenvf_store_find("bad", NULL, &d), -ENOENT);
	/* a file whose name= is not its file name is not used */
	snprintf(p, sizeof(p), "%s/other.vf", dir);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("name=g9\nvf=0,mac=02:00:00:00:00:09\n", f);
	fclose(f);
	assert_int_equal(xenvf_store_find("g9", NULL, &d), -ENOENT);
	assert_int_equal(xenvf_store_load("other", &d, err, sizeof(err)), -EINVAL);
	unlink(p);
	snprintf(p, sizeof(p), "%s/bad.vf", dir);
	unlink(p);
	assert_int_equal(dir_files(), before);
}

/* ---- xenvf watch's decisions ---- */

static struct xenvf_watch_dom defined_dom(void)
{
	struct xenvf_watch_dom w = {
		.domid = 5, .running = true, .named = true, .defined = true,
	};

	return w;
}

static void watch_decide(void **state)
{
	struct xenvf_watch_dom w;

	(void)state;
	w = defined_dom();
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_ATTACH);
	w.domid = 0;				/* dom0 never */
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_IGNORE);
	w = defined_dom();
	w.defined = false;			/* no definition: nothing */
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_IGNORE);
	w = defined_dom();
	w.running = false;			/* dying or shut down: nothing */
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_IGNORE);
	w = defined_dom();
	w.has_nodes = true;			/* xenvf create/attach did it */
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_EXISTING);
	w = defined_dom();
	w.incoming = true;	/* migrating in: at once, before the rename */
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_ATTACH);
	w.has_nodes = true;
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_EXISTING);
	w = defined_dom();
	w.named = false;			/* no name yet */
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_WAIT);
	w.waited_s = XENVF_WATCH_WAIT_S;
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_GIVE_UP);
	w = defined_dom();
	w.mac_held = true;		/* the rebooted guest's old node */
	w.waited_s = XENVF_WATCH_WAIT_S - 0.1;
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_WAIT);
	w.waited_s = XENVF_WATCH_WAIT_S;
	assert_int_equal(xenvf_watch_decide(&w), XENVF_WATCH_GIVE_UP);

	assert_false(xenvf_watch_cleanup_due(true, 100, true));	/* alive */
	assert_false(xenvf_watch_cleanup_due(false, XENVF_WATCH_GRACE_S - 0.1, false));
	assert_true(xenvf_watch_cleanup_due(false, XENVF_WATCH_GRACE_S, false));
	assert_true(xenvf_watch_cleanup_due(false, 0, true));

	assert_true(xenvf_watch_is_incoming("g1--incoming"));
	assert_false(xenvf_watch_is_incoming("--incoming"));
	assert_false(xenvf_watch_is_incoming("g1--incomin"));
	assert_false(xenvf_watch_is_incoming(NULL));
}

/* Which name a definition is looked up by; which held MAC makes one wait. */
static void watch_incoming_and_holders(void **state)
{
	static const uint8_t dom[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	struct xenvf_watch_holder h = { .domid = 3, .gone = true, .has_uuid = true };
	uint8_t other[16];
	char b[16];

	(void)state;
	assert_int_equal(xenvf_watch_def_name("g1--incoming", b, sizeof(b)), 0);
	assert_string_equal(b, "g1");
	assert_int_equal(xenvf_watch_def_name("g1", b, sizeof(b)), 0);
	assert_string_equal(b, "g1");
	assert_int_equal(xenvf_watch_def_name("--incoming", b, sizeof(b)), 0);
	assert_string_equal(b, "--incoming");	/* nothing before it: a name */
	assert_int_equal(xenvf_watch_def_name("g1--migratedaway", b, sizeof(b)), -1);
	assert_int_equal(xenvf_watch_def_name("abcdefghijklmnop--incoming", b,
					      sizeof(b)), -1);

	/* the migration source or the old domid: same UUID, no wait */
	memcpy(h.uuid, dom, sizeof(dom));
	assert_false(xenvf_watch_holder_blocks(&h, 5, dom, false));
	assert_false(xenvf_watch_holder_blocks(&h, 5, dom, true));
	h.gone = false;				/* the live source */
	assert_false(xenvf_watch_holder_blocks(&h, 5, dom, true));
	h.gone = true;
	/* another domain's (other UUID, none, or ours unknown): wait */
	memcpy(other, dom, sizeof(dom));
	other[15] ^= 1;
	assert_true(xenvf_watch_holder_blocks(&h, 5, other, false));
	assert_true(xenvf_watch_holder_blocks(&h, 5, NULL, false));
	h.has_uuid = false;
	assert_true(xenvf_watch_holder_blocks(&h, 5, dom, false));
	/* its own node: no wait */
	h.domid = 5;
	assert_false(xenvf_watch_holder_blocks(&h, 5, other, true));
	/* a running domain's: xenvf attach refuses, unless migrating in */
	h.domid = 3;
	h.gone = false;
	assert_false(xenvf_watch_holder_blocks(&h, 5, other, false));
	assert_true(xenvf_watch_holder_blocks(&h, 5, other, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_numbers_and_macs),
		cmocka_unit_test(build_keeps_old_macs),
		cmocka_unit_test(build_refuses),
		cmocka_unit_test(format_parse_round_trip),
		cmocka_unit_test(parse_refuses),
		cmocka_unit_test(matches_name_or_uuid),
		cmocka_unit_test(remove_vf),
		cmocka_unit_test(store_round_trip_and_atomic_update),
		cmocka_unit_test(store_bad_input_leaves_nothing),
		cmocka_unit_test(watch_decide),
		cmocka_unit_test(watch_incoming_and_holders),
	};

	return cmocka_run_group_tests(tests, store_setup, store_teardown);
}
