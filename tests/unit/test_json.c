// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf -j: the JSON writer (xen-tools/json.c) and xenvf list's rows
 * (xen-tools/vfrow.c), against golden output: escaping, numbers, null,
 * commas and nesting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"
#include "vfrow.h"

/* the output of a writer over a memory stream */
struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

static void mem_is(struct mem *m, const char *want)
{
	fclose(m->f);
	assert_string_equal(m->buf, want);
	free(m->buf);
}

static void escaped_is(const char *in, const char *want)
{
	struct mem m;

	mem_open(&m);
	xenvf_json_escape(m.f, in);
	mem_is(&m, want);
}

static void escape_ascii(void **state)
{
	(void)state;
	escaped_is("", "\"\"");
	escaped_is("guest1", "\"guest1\"");
	escaped_is("a\"b", "\"a\\\"b\"");
	escaped_is("a\\b", "\"a\\\\b\"");
	escaped_is("\\\"", "\"\\\\\\\"\"");
	escaped_is("/local/domain/0", "\"/local/domain/0\"");
	escaped_is("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	escaped_is("\x01\x1f", "\"\\u0001\\u001f\"");
	escaped_is("x\x7fy", "\"x\\u007fy\"");
	escaped_is(" ~", "\" ~\"");
}

static void escape_utf8(void **state)
{
	(void)state;
	/* well-formed: passed as it is */
	escaped_is("caf\xc3\xa9", "\"caf\xc3\xa9\"");
	escaped_is("\xe2\x82\xac", "\"\xe2\x82\xac\"");
	escaped_is("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
	escaped_is("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");
	/* not UTF-8: each bad byte one U+FFFD, the rest kept */
	escaped_is("a\x80z", "\"a\\ufffdz\"");
	escaped_is("\xff", "\"\\ufffd\"");
	escaped_is("\xc3", "\"\\ufffd\"");			/* cut short */
	escaped_is("\xe2\x82", "\"\\ufffd\\ufffd\"");
	escaped_is("\xc0\xaf", "\"\\ufffd\\ufffd\"");		/* overlong '/' */
	escaped_is("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");	/* overlong */
	escaped_is("\xf0\x80\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	escaped_is("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	escaped_is("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	escaped_is("\xc3\"", "\"\\ufffd\\\"\"");		/* no continuation */
}

static void numbers(void **state)
{
	unsigned long long v;

	(void)state;
	assert_true(xenvf_json_is_uint("0", &v));
	assert_int_equal(v, 0);
	assert_true(xenvf_json_is_uint("4094", &v));
	assert_int_equal(v, 4094);
	assert_true(xenvf_json_is_uint("18446744073709551615", &v));
	assert_true(v == UINT64_MAX);
	assert_false(xenvf_json_is_uint("18446744073709551616", &v));
	assert_false(xenvf_json_is_uint("99999999999999999999", &v));
	assert_false(xenvf_json_is_uint("007", &v));
	assert_false(xenvf_json_is_uint("", &v));
	assert_false(xenvf_json_is_uint(NULL, &v));
	assert_false(xenvf_json_is_uint("-1", &v));
	assert_false(xenvf_json_is_uint("1e3", &v));
	assert_false(xenvf_json_is_uint("12 ", &v));
	assert_false(xenvf_json_is_uint("00:16:3e:00:00:01", &v));
}

static void writer(void **state)
{
	struct xenvf_json j;
	struct mem m;

	(void)state;
	mem_open(&m);
	xenvf_json_init(&j, m.f);
	xenvf_json_arr(&j);
	xenvf_json_end(&j);
	mem_is(&m, "[]\n");

	mem_open(&m);
	xenvf_json_init(&j, m.f);
	xenvf_json_obj(&j);
	xenvf_json_key(&j, "n");
	xenvf_json_num(&j, "42");
	xenvf_json_key(&j, "bad");
	xenvf_json_num(&j, "4x");
	xenvf_json_key(&j, "v");
	xenvf_json_value(&j, "007");
	xenvf_json_key(&j, "w");
	xenvf_json_value(&j, "7");
	xenvf_json_key(&j, "none");
	xenvf_json_value(&j, NULL);
	xenvf_json_key(&j, "s");
	xenvf_json_str(&j, NULL);
	xenvf_json_key(&j, "b");
	xenvf_json_bool(&j, false);
	xenvf_json_key(&j, "k\"ey");
	xenvf_json_arr(&j);
	xenvf_json_uint(&j, 1);
	xenvf_json_obj(&j);
	xenvf_json_end(&j);
	xenvf_json_arr(&j);
	xenvf_json_bool(&j, true);
	xenvf_json_null(&j);
	xenvf_json_end(&j);
	xenvf_json_str(&j, "x");
	xenvf_json_end(&j);
	xenvf_json_key(&j, "last");
	xenvf_json_uint(&j, 18446744073709551615ULL);
	xenvf_json_end(&j);
	mem_is(&m, "{\"n\":42,\"bad\":null,\"v\":\"007\",\"w\":7,\"none\":null,"
		   "\"s\":null,\"b\":false,\"k\\\"ey\":[1,{},[true,null],\"x\"],"
		   "\"last\":18446744073709551615}\n");
}

static void list_rows(void **state)
{
	struct xenvf_vf_row full = {
		.name = "web\"1", .domid = 3, .vf = 2, .be_state = "4",
		.fe_state = "4", .mac = "00:16:3e:2a:41:07", .vlan = "100",
		.trusted = "1", .queues = "4", .uplink = "eth0",
	};
	struct xenvf_vf_row bare = { .domid = 7, .vf = 0, .be_state = "2" };
	struct xenvf_json j;
	struct mem m;

	(void)state;
	mem_open(&m);
	xenvf_json_init(&j, m.f);
	xenvf_json_arr(&j);
	xenvf_row_json(&j, &full);
	xenvf_row_json(&j, &bare);
	xenvf_json_end(&j);
	mem_is(&m, "[{\"name\":\"web\\\"1\",\"domid\":3,\"vf\":2,\"backend_state\":4,"
		   "\"backend\":\"Connected\",\"frontend_state\":4,\"frontend\":\"Connected\","
		   "\"mac\":\"00:16:3e:2a:41:07\",\"vlan\":100,\"trust\":true,\"queues\":4,"
		   "\"uplink\":\"eth0\"},"
		   "{\"name\":null,\"domid\":7,\"vf\":0,\"backend_state\":2,"
		   "\"backend\":\"InitWait\",\"frontend_state\":null,\"frontend\":null,"
		   "\"mac\":null,\"vlan\":null,\"trust\":null,\"queues\":null,"
		   "\"uplink\":null}]\n");

	/* the table: what xenvf list printed before -j */
	mem_open(&m);
	xenvf_row_header(m.f);
	xenvf_row_table(m.f, &full);
	xenvf_row_table(m.f, &bare);
	mem_is(&m,
	       "Name                ID  VF Backend      Frontend     MAC               VLAN Trust Queues Uplink\n"
	       "web\"1                3   2 Connected    Connected    00:16:3e:2a:41:07  100    on      4 eth0\n"
	       "-                    7   0 InitWait     -            -                    0   off      - -\n");

	/* a trusted value that is neither 0 nor 1 is no boolean */
	bare.trusted = "yes";
	mem_open(&m);
	xenvf_json_init(&j, m.f);
	xenvf_row_json(&j, &bare);
	fclose(m.f);
	assert_non_null(strstr(m.buf, "\"trust\":null"));
	free(m.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_ascii),
		cmocka_unit_test(escape_utf8),
		cmocka_unit_test(numbers),
		cmocka_unit_test(writer),
		cmocka_unit_test(list_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
