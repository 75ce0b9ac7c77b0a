// SPDX-License-Identifier: GPL-2.0-only
/* cmocka tests for xen-tools/xlcfg.c (xl config syntax, xenvf = [...]) */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xlcfg.h"

static char err[256];

static void a_real_config(void **state)
{
	static const char cfg[] =
		"# guest1: a PV guest with two VFs\n"
		"name = \"guest1\"\n"
		"kernel = \"/rig/vmlinux\"   # the test kernel\n"
		"memory = 96\n"
		"vcpus = 1; on_crash = 'destroy'\n"
		"extra = \"console=hvc0 panic=-1\"\n"
		"vif = [ 'bridge=xenbr0,mac=00:16:3e:00:00:01' ]\n"
		"xenvf = [ \"mac=00:16:3e:00:00:aa,vlan=5\",\n"
		"          # a comment inside the list\n"
		"          'trust=on' ,\n"
		"          \"\",\n"
		"        ]\n"
		"cpu_weight = 0.5\n"
		"maxmem = 0x100\n";
	struct xenvf_xlcfg c;

	(void)state;
	assert_int_equal(xenvf_xlcfg_parse(cfg, &c, err, sizeof(err)), 0);
	assert_string_equal(c.name, "guest1");
	assert_true(c.has_xenvf);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.entries[0], "mac=00:16:3e:00:00:aa,vlan=5");
	assert_string_equal(c.entries[1], "trust=on");
	assert_string_equal(c.entries[2], "");
	xenvf_xlcfg_free(&c);
}

static void no_xenvf(void **state)
{
	struct xenvf_xlcfg c;

	(void)state;
	assert_int_equal(xenvf_xlcfg_parse("name='a'\n", &c, err, sizeof(err)), 0);
	assert_false(c.has_xenvf);
	assert_int_equal(c.n, 0);
	assert_string_equal(c.name, "a");
	assert_null(c.uuid);
	xenvf_xlcfg_free(&c);
	assert_int_equal(xenvf_xlcfg_parse("uuid='u1'\nname='a'\nuuid = \"u2\"\n", &c, err,
					   sizeof(err)), 0);
	assert_string_equal(c.uuid, "u2");
	xenvf_xlcfg_free(&c);
	assert_int_equal(xenvf_xlcfg_parse("uuid = 5\n", &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "uuid must be a string"));
	xenvf_xlcfg_free(&c);
	assert_int_equal(xenvf_xlcfg_parse("", &c, err, sizeof(err)), 0);
	assert_null(c.name);
	xenvf_xlcfg_free(&c);
	assert_int_equal(xenvf_xlcfg_parse("\n\n# only a comment", &c, err, sizeof(err)), 0);
	xenvf_xlcfg_free(&c);
	assert_int_equal(xenvf_xlcfg_parse("xenvf = []", &c, err, sizeof(err)), 0);
	assert_true(c.has_xenvf);
	assert_int_equal(c.n, 0);
	xenvf_xlcfg_free(&c);
}

static void quoting_and_escapes(void **state)
{
	struct xenvf_xlcfg c;

	(void)state;
	/* '#' and ',' ']' inside strings are text; xl's escapes */
	assert_int_equal(xenvf_xlcfg_parse(
		"xenvf = [ \"a#b,c]\", 'x\\'y', \"q\\\"\\\\\\x41\\101\\n\" ]\n"
		"name = \"n#1\" # comment\n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.entries[0], "a#b,c]");
	assert_string_equal(c.entries[1], "x'y");
	assert_string_equal(c.entries[2], "q\"\\AA\n");
	assert_string_equal(c.name, "n#1");
	xenvf_xlcfg_free(&c);
	/* the other quote inside a string */
	assert_int_equal(xenvf_xlcfg_parse("xenvf=['say \"hi\"',\"it's\"]", &c, err,
					   sizeof(err)), 0);
	assert_string_equal(c.entries[0], "say \"hi\"");
	assert_string_equal(c.entries[1], "it's");
	xenvf_xlcfg_free(&c);
}

static void multi_line_append_override(void **state)
{
	struct xenvf_xlcfg c;

	(void)state;
	assert_int_equal(xenvf_xlcfg_parse(
		"xenvf = [\n\n  'vf=1'\n\n  ,\n 'vf=2'\n]\n"
		"xenvf += [ 'vf=3' ]\n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.entries[2], "vf=3");
	xenvf_xlcfg_free(&c);
	/* a later '=' replaces, as in xl */
	assert_int_equal(xenvf_xlcfg_parse("xenvf = ['a']\nxenvf = ['b', 'c']\n", &c, err,
					   sizeof(err)), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.entries[0], "b");
	xenvf_xlcfg_free(&c);
	/* nested lists elsewhere are fine (vnuma = [ [...] ]) */
	assert_int_equal(xenvf_xlcfg_parse("vnuma = [ [ 'pnode=0', 'size=512' ], ]\n"
					   "xenvf = [ 'vlan=2' ]", &c, err, sizeof(err)), 0);
	assert_int_equal(c.n, 1);
	xenvf_xlcfg_free(&c);
}

static void errors(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} bad[] = {
		{ "xenvf = [ 'a' \n", "line 2: unterminated list" },
		{ "xenvf = [ 'a',\n", "line 2: unterminated list" },
		{ "xenvf = [ 'a' 'b' ]", "line 1: expected ',' or ']'" },
		{ "xenvf = [ 'a', , 'b' ]", "expected a value" },
		{ "xenvf = 'mac=00:16:3e:00:00:01'", "xenvf must be a list of strings" },
		{ "xenvf = [ 5 ]", "xenvf must be a list of strings" },
		{ "xenvf = [ [ 'a' ] ]", "xenvf must be a list of strings" },
		{ "\n\nxenvf = [ 'a ]\n", "line 3: unterminated string" },
		{ "name = \"a\nb\"", "line 1: unterminated string" },
		{ "name = 'a' 'b'", "expected a newline or ';'" },
		{ "name 'a'", "expected '=' after 'name'" },
		{ "= 5", "expected a key name" },
		{ "name = 5", "name must be a string" },
		{ "memory = 12abc", "'12abc' is not a number" },
		{ "memory = @", "unexpected character '@'" },
		{ "extra = 'a\\qb'", "unknown escape" },
		{ "extra = 'a\\x'", "bad \\x escape" },
		{ "extra = 'a\\", "unterminated string" },
		{ "x = [[[[[[[[[[[1]]]]]]]]]]]", "nested too deep" },
		{ "memory = 96\nvcpus == 1\n", "line 2: expected a value" },
	};
	struct xenvf_xlcfg c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(xenvf_xlcfg_parse(bad[i].text, &c, err, sizeof(err)), -EINVAL);
		if (!strstr(err, bad[i].msg))
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].text, err,
				 bad[i].msg);
		xenvf_xlcfg_free(&c);
	}
}

static void too_many_entries(void **state)
{
	static char text[4096];
	struct xenvf_xlcfg c;
	size_t i, o = 0;

	(void)state;
	o += (size_t)snprintf(text + o, sizeof(text) - o, "xenvf = [");
	for (i = 0; i < 64; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "'vf=%zu',", i);
	snprintf(text + o, sizeof(text) - o, "]");
	assert_int_equal(xenvf_xlcfg_parse(text, &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "more than 63 xenvf entries"));
	xenvf_xlcfg_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_real_config),
		cmocka_unit_test(no_xenvf),
		cmocka_unit_test(quoting_and_escapes),
		cmocka_unit_test(multi_line_append_override),
		cmocka_unit_test(errors),
		cmocka_unit_test(too_many_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
