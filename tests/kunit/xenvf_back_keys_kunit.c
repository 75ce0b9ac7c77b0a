// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_keys.c: key values are taken whole or
 * refused, never half-read; and for back_rep_id.c: the `vifname` key, the
 * representor's phys_port_name and phys_switch_id.
 */
#include <kunit/test.h>

#include "back_keys.c"
#include "back_rep_id.c"

static void keys_u32(struct kunit *test)
{
	static const char *const bad[] = {
		"", "12abc", " 12", "12 ", "+12", "-1", "0x10", "1.0", "abc",
		"4294967296", "99999999999",
	};
	unsigned int i;
	u32 v = 77;

	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("12", 0, 100, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 12);
	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("12\n", 0, 100, &v), 0);
	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("0", 0, 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("4294967295", 0, U32_MAX, &v), 0);
	KUNIT_EXPECT_EQ(test, v, U32_MAX);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		v = 77;
		KUNIT_EXPECT_EQ_MSG(test, xenvf_parse_u32(bad[i], 0, U32_MAX, &v),
				    -EINVAL, "'%s'", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, v, 77, "'%s' changed the value", bad[i]);
	}
	/* the range */
	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("63", 0, 62, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("0", 1, 8, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_parse_u32("8", 1, 8, &v), 0);
}

static void keys_mac(struct kunit *test)
{
	static const u8 want[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0xaa };
	static const char *const bad[] = {
		"", "00:16:3e:00:00", "00:16:3e:00:00:aa:bb", "00:16:3e:00:00:aa ",
		"00:16:3e:00:00:aaxyz", "00-16-3e-00-00-aa-", "01:00:5e:00:00:01",
		"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "00:16:3e:00:00:ag",
	};
	u8 mac[ETH_ALEN] = { 0 };
	unsigned int i;

	KUNIT_EXPECT_EQ(test, xenvf_parse_mac("00:16:3e:00:00:aa", mac), 0);
	KUNIT_EXPECT_EQ(test, memcmp(mac, want, ETH_ALEN), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(mac, 0x11, sizeof(mac));
		KUNIT_EXPECT_EQ_MSG(test, xenvf_parse_mac(bad[i], mac), -EINVAL,
				    "'%s'", bad[i]);
		KUNIT_EXPECT_FALSE_MSG(test, memchr_inv(mac, 0x11, sizeof(mac)),
				       "'%s' changed the MAC", bad[i]);
	}
}

static void keys_vifname(struct kunit *test)
{
	static const char *const good[] = {
		"vm1-eth0", "a", "web.0", "x_y", "123456789012345", "xvf3.1",
	};
	static const char *const bad[] = {
		"", ".", "..", "1234567890123456", "a/b", "a:b", "a b", "eth%d",
		"a\nb", "a\tb", "a;rm", "a$b", "caf\xc3\xa9", "caf\xe9", "\xc0\xc1", "a\x01",
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE_MSG(test, xenvf_rep_name_valid(good[i]), "'%s'",
				      good[i]);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_FALSE_MSG(test, xenvf_rep_name_valid(bad[i]), "'%s'",
				       bad[i]);
}

static void keys_rep_ids(struct kunit *test)
{
	struct netdev_phys_item_id a = {}, b = {};
	char buf[IFNAMSIZ];

	KUNIT_EXPECT_EQ(test, xenvf_rep_port_name(0, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "vf0");
	KUNIT_EXPECT_EQ(test, xenvf_rep_port_name(63, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "vf63");
	KUNIT_EXPECT_EQ(test, xenvf_rep_port_name(63, buf, 4), -EINVAL);
	/* one switch: every representor has the same non-empty id */
	xenvf_rep_switch_id(&a);
	memset(b.id, 0xee, sizeof(b.id));
	xenvf_rep_switch_id(&b);
	KUNIT_EXPECT_GT(test, a.id_len, 0);
	KUNIT_EXPECT_EQ(test, a.id_len, b.id_len);
	KUNIT_EXPECT_EQ(test, memcmp(a.id, b.id, a.id_len), 0);
	KUNIT_EXPECT_PTR_NE(test, memchr_inv(a.id, 0, a.id_len), NULL);
}

static struct kunit_case xenvf_back_keys_cases[] = {
	KUNIT_CASE(keys_u32),
	KUNIT_CASE(keys_mac),
	KUNIT_CASE(keys_vifname),
	KUNIT_CASE(keys_rep_ids),
	{}
};

static struct kunit_suite xenvf_back_keys_suite = {
	.name = "xenvf_back_keys",
	.test_cases = xenvf_back_keys_cases,
};

kunit_test_suite(xenvf_back_keys_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-back's xenstore key parsing");
MODULE_LICENSE("GPL");
