// SPDX-License-Identifier: GPL-2.0-only
/* KUnit suite for TX and RX descriptors: the cases of tests/shared/proto_data_cases.c. */
#include "xt.h"
#include "data_desc.c"
#include "proto_data_cases.c"

XT_PROTO_DATA_CASES(XT_KUNIT_WRAP)

static struct kunit_case xenvf_proto_data_cases[] = {
	XT_PROTO_DATA_CASES(XT_KUNIT_ENTRY)
	{}
};

static struct kunit_suite xenvf_proto_data_suite = {
	.name = "xenvf_proto_data",
	.test_cases = xenvf_proto_data_cases,
};

kunit_test_suite(xenvf_proto_data_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf: TX and RX descriptors");
MODULE_LICENSE("GPL");
