/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xt: one test body, two harnesses. Case files in tests/shared/ are plain
 * functions taking a struct kunit pointer (opaque and NULL in userspace);
 * the tests/kunit/ suites run them as KUnit cases in the test kernel and
 * the tests/unit/ programs as cmocka tests in userspace, so the shared code
 * of common/ is checked the same way in both worlds.
 */
#ifndef XENVF_XT_H
#define XENVF_XT_H

#ifdef __KERNEL__
#include <kunit/test.h>

#define XT_EQ(t, a, b)		KUNIT_EXPECT_EQ(t, (long long)(a), (long long)(b))
#define XT_TRUE(t, c)		KUNIT_EXPECT_TRUE(t, c)
#define XT_FALSE(t, c)		KUNIT_EXPECT_FALSE(t, c)
#define XT_MEMEQ(t, a, b, n)	KUNIT_EXPECT_EQ(t, memcmp(a, b, n), 0)
#else
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

struct kunit;

#define XT_EQ(t, a, b)	do {						\
		(void)(t);						\
		assert_int_equal((long long)(a), (long long)(b));	\
	} while (0)
#define XT_TRUE(t, c)		do { (void)(t); assert_true(c); } while (0)
#define XT_FALSE(t, c)		do { (void)(t); assert_false(c); } while (0)
#define XT_MEMEQ(t, a, b, n)	do { (void)(t); assert_memory_equal(a, b, n); } while (0)
#endif

/* Glue: turn a case list X(name) into KUnit or cmocka tables. */
#ifdef __KERNEL__
#define XT_KUNIT_WRAP(name)	static void k_##name(struct kunit *t) { name(t); }
#define XT_KUNIT_ENTRY(name)	KUNIT_CASE(k_##name),
#else
#define XT_CMOCKA_WRAP(name)	static void c_##name(void **s) { (void)s; name(NULL); }
#define XT_CMOCKA_ENTRY(name)	cmocka_unit_test(c_##name),
#endif

#endif /* XENVF_XT_H */
