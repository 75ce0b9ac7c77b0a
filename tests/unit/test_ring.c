// SPDX-License-Identifier: GPL-2.0-only
/* cmocka harness for tests/shared/ring_cases.c */
#include "../shared/xt.h"
#include "../../common/ring/xenvf_ring.c"
#include "../shared/ring_cases.c"

XT_RING_CASES(XT_CMOCKA_WRAP)

int main(void)
{
	const struct CMUnitTest tests[] = { XT_RING_CASES(XT_CMOCKA_ENTRY) };

	return cmocka_run_group_tests_name("xenvf_ring", tests, NULL, NULL);
}
