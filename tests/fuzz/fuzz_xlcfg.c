// fuzz-build: -Ixen-tools xen-tools/xlcfg.c
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the xl config parser of the xenvf tool
 * (xen-tools/xlcfg.c: `xenvf create CFG`, `xenvf attach --config CFG`
 * read a file a user wrote). The input is the file's text. Asserts the
 * parser's promises: 0, -EINVAL with a "line N: " message, or -ENOMEM; on
 * success at most XENVF_XLCFG_MAX_ENTRIES strings; the error buffer is
 * always a string within its size; everything freed (ASan's leak check).
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xenvf_xlcfg c;
	char err[64];
	char *text = malloc(size + 1);
	size_t i;
	int rc;

	assert(text);
	memcpy(text, data, size);
	text[size] = '\0';
	memset(err, 0x55, sizeof(err));
	err[0] = '\0';
	rc = xenvf_xlcfg_parse(text, &c, err, sizeof(err));
	assert(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	assert(memchr(err, '\0', sizeof(err)));
	if (rc == -EINVAL)
		assert(!strncmp(err, "line ", 5));
	if (rc == 0) {
		assert(c.n <= XENVF_XLCFG_MAX_ENTRIES);
		assert(c.has_xenvf || !c.n);
		for (i = 0; i < c.n; i++)
			assert(c.entries[i] && strlen(c.entries[i]) <= size);
		assert(!c.name || strlen(c.name) <= size);
	}
	xenvf_xlcfg_free(&c);
	free(text);
	return 0;
}
