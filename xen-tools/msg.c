// SPDX-License-Identifier: GPL-2.0-only
/* Every error of the tool is one line on stderr: "xenvf: <what is wrong>". */
#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

int xenvf_vdie(const char *what, const char *fmt, va_list ap)
{
	fputs("xenvf: ", stderr);
	if (what)
		fprintf(stderr, "%s: ", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return 1;
}

int xenvf_die(const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = xenvf_vdie(NULL, fmt, ap);
	va_end(ap);
	return rc;
}
