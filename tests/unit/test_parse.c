// SPDX-License-Identifier: GPL-2.0-only
/* cmocka tests for xen-tools/xenvf_parse.c */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "xenvf_proto.h"
#include "xenvf_parse.h"

static void mac_valid(void **state)
{
	uint8_t mac[XENVF_MAC_LEN];
	const uint8_t want[] = { 0x00, 0x16, 0x3e, 0x0a, 0xBC, 0xff };

	(void)state;
	assert_int_equal(xenvf_parse_mac("00:16:3e:0a:bc:FF", mac), 0);
	assert_memory_equal(mac, want, sizeof(want));
	assert_int_equal(xenvf_parse_mac("00-16-3e-0a-bc-ff", mac), 0);
	assert_memory_equal(mac, want, sizeof(want));
	/* locally administered unicast is fine */
	assert_int_equal(xenvf_parse_mac("02:00:00:00:00:01", mac), 0);
}

static void mac_invalid_leaves_output(void **state)
{
	static const char *const bad[] = {
		"", "00:16:3e:0a:bc", "00:16:3e:0a:bc:ff:00", "00:16:3e:0a:bc:f",
		"00:16:3e:0a:bc:fg", "00:16-3e:0a:bc:ff", "00.16.3e.0a.bc.ff",
		"0016:3e:0a:bc:ff:", " 0:16:3e:0a:bc:ff",
		"01:00:5e:00:00:01",	/* multicast */
		"ff:ff:ff:ff:ff:ff",	/* broadcast */
		"00:00:00:00:00:00",	/* zero */
	};
	uint8_t mac[XENVF_MAC_LEN] = { 1, 2, 3, 4, 5, 6 };
	const uint8_t orig[XENVF_MAC_LEN] = { 1, 2, 3, 4, 5, 6 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(xenvf_parse_mac(bad[i], mac), -EINVAL);
		assert_memory_equal(mac, orig, sizeof(orig));
	}
	assert_int_equal(xenvf_parse_mac(NULL, mac), -EINVAL);
}

static void uint_range(void **state)
{
	unsigned long v = 7;

	(void)state;
	assert_int_equal(xenvf_parse_uint("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(xenvf_parse_uint("10", 0, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(xenvf_parse_uint("11", 0, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint("4", 5, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint("-1", 0, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint("+1", 0, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint("1x", 0, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint("", 0, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint(NULL, 0, 10, &v), -EINVAL);
	/* digits that would overflow unsigned long must not wrap into range */
	assert_int_equal(xenvf_parse_uint("18446744073709551616", 0, 10, &v), -EINVAL);
	assert_int_equal(xenvf_parse_uint("99999999999999999999999", 0, 0, &v), -EINVAL);
	assert_int_equal(v, 10);
}

static void vlan_and_mtu(void **state)
{
	uint16_t vlan = 9;
	unsigned int mtu = 9;

	(void)state;
	assert_int_equal(xenvf_parse_vlan("0", &vlan), 0);
	assert_int_equal(vlan, 0);
	assert_int_equal(xenvf_parse_vlan("4094", &vlan), 0);
	assert_int_equal(vlan, 4094);
	assert_int_equal(xenvf_parse_vlan("4095", &vlan), -EINVAL);
	assert_int_equal(xenvf_parse_vlan("65536", &vlan), -EINVAL);
	assert_int_equal(vlan, 4094);

	assert_int_equal(xenvf_parse_mtu("1500", &mtu), 0);
	assert_int_equal(mtu, 1500);
	assert_int_equal(xenvf_parse_mtu("68", &mtu), 0);
	assert_int_equal(xenvf_parse_mtu("9710", &mtu), 0);
	assert_int_equal(xenvf_parse_mtu("67", &mtu), -EINVAL);
	assert_int_equal(xenvf_parse_mtu("9711", &mtu), -EINVAL);
	assert_int_equal(mtu, 9710);
}

static void booleans(void **state)
{
	bool b = false;

	(void)state;
	assert_int_equal(xenvf_parse_bool("on", &b), 0);
	assert_true(b);
	assert_int_equal(xenvf_parse_bool("OFF", &b), 0);
	assert_false(b);
	assert_int_equal(xenvf_parse_bool("yes", &b), 0);
	assert_true(b);
	assert_int_equal(xenvf_parse_bool("0", &b), 0);
	assert_false(b);
	assert_int_equal(xenvf_parse_bool("maybe", &b), -EINVAL);
	assert_int_equal(xenvf_parse_bool("", &b), -EINVAL);
	assert_int_equal(xenvf_parse_bool(NULL, &b), -EINVAL);
	assert_false(b);
}

static void key_value(void **state)
{
	char ok[] = "mac=00:16:3e:00:00:01";
	char empty_val[] = "trust=";
	char no_eq[] = "trust";
	char no_key[] = "=on";
	char *k, *v;

	(void)state;
	assert_int_equal(xenvf_split_kv(ok, &k, &v), 0);
	assert_string_equal(k, "mac");
	assert_string_equal(v, "00:16:3e:00:00:01");
	assert_int_equal(xenvf_split_kv(empty_val, &k, &v), 0);
	assert_string_equal(k, "trust");
	assert_string_equal(v, "");
	assert_int_equal(xenvf_split_kv(no_eq, &k, &v), -EINVAL);
	assert_int_equal(xenvf_split_kv(no_key, &k, &v), -EINVAL);
	assert_int_equal(xenvf_split_kv(NULL, &k, &v), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mac_valid),
		cmocka_unit_test(mac_invalid_leaves_output),
		cmocka_unit_test(uint_range),
		cmocka_unit_test(vlan_and_mtu),
		cmocka_unit_test(booleans),
		cmocka_unit_test(key_value),
	};

	return cmocka_run_group_tests_name("xenvf_parse", tests, NULL, NULL);
}
