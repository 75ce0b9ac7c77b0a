// SPDX-License-Identifier: GPL-2.0-only
/* Every error of the tool is one line on stderr: "xenvf: <what is wrong>". */
#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

int xenvf_die(const char *fmt, ...)
{
	va_list ap;

	fputs("xenvf: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}
