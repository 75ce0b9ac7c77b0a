/* SPDX-License-Identifier: GPL-2.0-only */
/* The tool's one way to report an error. */
#ifndef XENVF_MSG_H
#define XENVF_MSG_H

#include <stdarg.h>

/* "xenvf: <message>" as one line on stderr; returns 1 (the exit status). */
int xenvf_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, "xenvf: @what: <message>" (no "@what: " if NULL). */
int xenvf_vdie(const char *what, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
