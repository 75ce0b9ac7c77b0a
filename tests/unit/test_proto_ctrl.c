// SPDX-License-Identifier: GPL-2.0-only
/* cmocka harness for tests/shared/proto_ctrl_cases.c */
#include "../shared/xt.h"
#include "../../common/proto/ctrl_msg.c"
#include "../../common/proto/evt_msg.c"
#include "../shared/proto_ctrl_cases.c"

XT_PROTO_CTRL_CASES(XT_CMOCKA_WRAP)

int main(void)
{
	const struct CMUnitTest tests[] = { XT_PROTO_CTRL_CASES(XT_CMOCKA_ENTRY) };

	return cmocka_run_group_tests_name("xenvf_proto_ctrl", tests, NULL, NULL);
}
