// SPDX-License-Identifier: GPL-2.0-only
/* KUnit suite for the shared-ring transport: the cases of tests/shared/ring_cases.c. */
#include "xt.h"
#include "xenvf_ring.c"
#include "ring_cases.c"

XT_RING_CASES(XT_KUNIT_WRAP)

static struct kunit_case xenvf_ring_cases[] = {
	XT_RING_CASES(XT_KUNIT_ENTRY)
	{}
};

static struct kunit_suite xenvf_ring_suite = {
	.name = "xenvf_ring",
	.test_cases = xenvf_ring_cases,
};

kunit_test_suite(xenvf_ring_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf: the shared-ring transport");
MODULE_LICENSE("GPL");
