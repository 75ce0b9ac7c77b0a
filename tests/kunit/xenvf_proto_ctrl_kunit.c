// SPDX-License-Identifier: GPL-2.0-only
/* KUnit suite for control and event ring messages: the cases of tests/shared/proto_ctrl_cases.c. */
#include "xt.h"
#include "ctrl_msg.c"
#include "evt_msg.c"
#include "proto_ctrl_cases.c"

XT_PROTO_CTRL_CASES(XT_KUNIT_WRAP)

static struct kunit_case xenvf_proto_ctrl_cases[] = {
	XT_PROTO_CTRL_CASES(XT_KUNIT_ENTRY)
	{}
};

static struct kunit_suite xenvf_proto_ctrl_suite = {
	.name = "xenvf_proto_ctrl",
	.test_cases = xenvf_proto_ctrl_cases,
};

kunit_test_suite(xenvf_proto_ctrl_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf: control and event ring messages");
MODULE_LICENSE("GPL");
