// fuzz-build: -Ixen-tools -Icommon/proto xen-tools/evi_conf.c xen-tools/evi_args.c xen-tools/xenvf_parse.c
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the file of `xenvf evi load` (xen-tools/evi_conf.c):
 * the input is the file. Asserts: 0 or -EINVAL (with a string message and
 * a line inside the file, nothing kept); a file taken holds at most
 * XENVF_EVI_CONF_MAX commands, each a config command on a line of the
 * file, and each written back as a line (xenvf_evi_conf_line) that parses
 * back to the very same command (the save/load round trip); and the whole
 * written file parses back to the same list.
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evi_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xenvf_evi_conf c = { 0 }, d = { 0 };
	char err[256], line[XENVF_EVI_CONF_LINE_MAX];
	unsigned int l, nl = 1;
	char *out = NULL;
	size_t i, len = 0;
	FILE *f;
	int rc;

	for (i = 0; i < size; i++)
		nl += data[i] == '\n';
	err[0] = '\0';
	rc = xenvf_evi_conf_parse((const char *)data, size, &c, &l, err,
				  sizeof(err));
	if (rc) {
		assert(rc == -EINVAL);
		assert(memchr(err, '\0', sizeof(err)) && err[0]);
		assert(l >= 1 && l <= nl);
		assert(!c.n && !c.cmd);
		return 0;
	}
	assert(l == 0 && c.n <= XENVF_EVI_CONF_MAX);
	for (i = 0; i < c.n; i++) {
		assert(c.line[i] >= 1 && c.line[i] <= nl);
		assert(!i || c.line[i] > c.line[i - 1]);
		assert(xenvf_evi_conf_line(&c.cmd[i], line, sizeof(line)) == 0);
		assert(xenvf_evi_conf_parse(line, strlen(line), &d, &l, err,
					    sizeof(err)) == 0);
		assert(d.n == 1);
		assert(!memcmp(&d.cmd[0], &c.cmd[i], sizeof(d.cmd[0])));
		xenvf_evi_conf_free(&d);
	}
	f = open_memstream(&out, &len);
	assert(f);
	assert(xenvf_evi_conf_write(&c, f) == 0);
	fclose(f);
	assert(xenvf_evi_conf_parse(out, len, &d, &l, err, sizeof(err)) == 0);
	assert(d.n == c.n);
	assert(!c.n || !memcmp(d.cmd, c.cmd, c.n * sizeof(*c.cmd)));
	free(out);
	xenvf_evi_conf_free(&d);
	xenvf_evi_conf_free(&c);
	return 0;
}
