/* SPDX-License-Identifier: GPL-2.0-only */
/* The tool's one way to report an error. */
#ifndef XENVF_MSG_H
#define XENVF_MSG_H

/* "xenvf: <message>" as one line on stderr; returns 1 (the exit status). */
int xenvf_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
