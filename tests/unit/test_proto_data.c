// SPDX-License-Identifier: GPL-2.0-only
/* cmocka harness for tests/shared/proto_data_cases.c */
#include "../shared/xt.h"
#include "../../common/proto/data_desc.c"
#include "../shared/proto_data_cases.c"

XT_PROTO_DATA_CASES(XT_CMOCKA_WRAP)

int main(void)
{
	const struct CMUnitTest tests[] = { XT_PROTO_DATA_CASES(XT_CMOCKA_ENTRY) };

	return cmocka_run_group_tests_name("xenvf_proto_data", tests, NULL, NULL);
}
