// SPDX-License-Identifier: GPL-2.0-only
/*
 * JSON writer of xenvf -j. See json.h.
 */
#include <stdint.h>
#include <string.h>

#include "json.h"

void xenvf_json_init(struct xenvf_json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

/* the comma before an item that follows another at the same depth */
static void item(struct xenvf_json *j)
{
	if (j->keyed) {
		j->keyed = false;
		return;
	}
	if (j->more[j->depth])
		fputc(',', j->f);
	j->more[j->depth] = true;
}

static void open_bracket(struct xenvf_json *j, char open, char close)
{
	item(j);
	fputc(open, j->f);
	if (j->depth < XENVF_JSON_DEPTH - 1)
		j->depth++;
	j->more[j->depth] = false;
	j->close[j->depth] = close;
}

void xenvf_json_obj(struct xenvf_json *j)
{
	open_bracket(j, '{', '}');
}

void xenvf_json_arr(struct xenvf_json *j)
{
	open_bracket(j, '[', ']');
}

void xenvf_json_end(struct xenvf_json *j)
{
	if (!j->depth)
		return;
	fputc(j->close[j->depth], j->f);
	if (!--j->depth)
		fputc('\n', j->f);
}

void xenvf_json_key(struct xenvf_json *j, const char *key)
{
	item(j);
	xenvf_json_escape(j->f, key);
	fputc(':', j->f);
	j->keyed = true;
}

void xenvf_json_str(struct xenvf_json *j, const char *s)
{
	if (!s) {
		xenvf_json_null(j);
		return;
	}
	item(j);
	xenvf_json_escape(j->f, s);
}

void xenvf_json_uint(struct xenvf_json *j, unsigned long long v)
{
	item(j);
	fprintf(j->f, "%llu", v);
}

void xenvf_json_bool(struct xenvf_json *j, bool v)
{
	item(j);
	fputs(v ? "true" : "false", j->f);
}

void xenvf_json_null(struct xenvf_json *j)
{
	item(j);
	fputs("null", j->f);
}

bool xenvf_json_is_uint(const char *s, unsigned long long *v)
{
	unsigned long long n = 0;
	const char *p;

	if (!s || !*s || (s[0] == '0' && s[1]))
		return false;
	for (p = s; *p; p++) {
		unsigned int d = (unsigned int)(*p - '0');

		if (*p < '0' || *p > '9' || n > (UINT64_MAX - d) / 10)
			return false;
		n = n * 10 + d;
	}
	*v = n;
	return true;
}

void xenvf_json_num(struct xenvf_json *j, const char *s)
{
	unsigned long long v;

	if (xenvf_json_is_uint(s, &v))
		xenvf_json_uint(j, v);
	else
		xenvf_json_null(j);
}

void xenvf_json_value(struct xenvf_json *j, const char *s)
{
	unsigned long long v;

	if (xenvf_json_is_uint(s, &v))
		xenvf_json_uint(j, v);
	else
		xenvf_json_str(j, s);
}

/* length of the well-formed UTF-8 sequence at @s (RFC 3629: no overlong
 * form, no surrogate, at most U+10FFFF), 0 if there is none */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

void xenvf_json_escape(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(f, "\\u%04x", *s);
			} else if (*s < 0x80) {
				fputc(*s, f);
			} else if ((n = utf8_len(s))) {
				fwrite(s, 1, n, f);
				s += n;
				continue;
			} else {
				fputs("\\ufffd", f);
			}
		}
		s++;
	}
	fputc('"', f);
}
