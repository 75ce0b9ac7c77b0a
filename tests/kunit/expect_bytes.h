/* SPDX-License-Identifier: GPL-2.0-only */
/* expect_bytes() for the KUnit suites that compare golden packets. */
#ifndef XENVF_EXPECT_BYTES_H
#define XENVF_EXPECT_BYTES_H

#include <kunit/test.h>

/* Byte for byte; a mismatch names the first differing offset. */
static void expect_bytes(struct kunit *test, const u8 *got, const u8 *want,
			 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (got[i] != want[i]) {
			KUNIT_FAIL(test, "byte %u is 0x%02x, expected 0x%02x",
				   i, got[i], want[i]);
			return;
		}
}

#endif /* XENVF_EXPECT_BYTES_H */
