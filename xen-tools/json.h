/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * JSON output of xenvf -j (list, show): a streaming writer over a FILE,
 * compact as `ip -j` prints it. Strings are escaped per RFC 8259 (quote,
 * backslash, every control character; bytes that are not UTF-8 become
 * U+FFFD), numbers are numbers and missing values null. Pure: no I/O
 * but the FILE given.
 */
#ifndef XENVF_JSON_H
#define XENVF_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define XENVF_JSON_DEPTH 8

struct xenvf_json {
	FILE *f;
	int depth;
	bool more[XENVF_JSON_DEPTH];	/* an item was written at this depth */
	char close[XENVF_JSON_DEPTH];	/* '}' or ']' that ends it */
	bool keyed;			/* a key was written, its value is next */
};

void xenvf_json_init(struct xenvf_json *j, FILE *f);
void xenvf_json_obj(struct xenvf_json *j);
void xenvf_json_arr(struct xenvf_json *j);
/* ends the innermost object or array (a newline after the outermost) */
void xenvf_json_end(struct xenvf_json *j);
void xenvf_json_key(struct xenvf_json *j, const char *key);
/* a string; NULL: null */
void xenvf_json_str(struct xenvf_json *j, const char *s);
void xenvf_json_uint(struct xenvf_json *j, unsigned long long v);
void xenvf_json_bool(struct xenvf_json *j, bool v);
void xenvf_json_null(struct xenvf_json *j);
/* a decimal number as xenstore holds it: a number when @s is one
 * (digits, no leading zero, at most 2^64-1), else null */
void xenvf_json_num(struct xenvf_json *j, const char *s);
/* a xenstore value whose type is not known: a number when it is one (as
 * for xenvf_json_num), else a string; NULL: null */
void xenvf_json_value(struct xenvf_json *j, const char *s);
/* @s as a JSON string, quotes included */
void xenvf_json_escape(FILE *f, const char *s);
/* @s is a decimal number JSON and C agree on; its value in @v */
bool xenvf_json_is_uint(const char *s, unsigned long long *v);

#endif
