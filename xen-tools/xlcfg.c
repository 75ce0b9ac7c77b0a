// SPDX-License-Identifier: GPL-2.0-only
/*
 * A parser for xl's domain config syntax, keeping `name`, `uuid` and
 * `xenvf`.
 * See xlcfg.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg.h"

enum tok { T_EOF, T_NL, T_SEMI, T_IDENT, T_NUM, T_STR, T_EQ, T_PLUSEQ,
	   T_LBR, T_RBR, T_COMMA };

struct lexer {
	const char *p;
	int line;
	enum tok t;
	char *text;		/* T_IDENT, T_NUM, T_STR: malloc'd */
	char *err;
	size_t errlen;
	bool failed;
	bool nomem;
};

static int fail(struct lexer *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct lexer *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!l->failed && l->err && l->errlen) {
		n = snprintf(l->err, l->errlen, "line %d: ", l->line);
		if (n >= 0 && (size_t)n < l->errlen) {
			va_start(ap, fmt);
			vsnprintf(l->err + n, l->errlen - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	l->failed = true;
	return -EINVAL;
}

static int oom(struct lexer *l)
{
	if (!l->failed && l->err && l->errlen)
		snprintf(l->err, l->errlen, "out of memory");
	l->failed = true;
	l->nomem = true;
	return -ENOMEM;
}

/* xl's escapes (libxlu's dequote): \n \t \r \a \b \f \v \\ \" \' \xHH \ooo */
static int unescape(struct lexer *l, const char *s, size_t len, char **out)
{
	char *d = malloc(len + 1), *o;
	size_t i;

	if (!d)
		return oom(l);
	o = d;
	for (i = 0; i < len; i++) {
		char c = s[i];
		unsigned int v, k;

		if (c != '\\') {
			*o++ = c;
			continue;
		}
		if (++i >= len) {
			free(d);
			return fail(l, "backslash at the end of a string");
		}
		c = s[i];
		switch (c) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'a': *o++ = '\a'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'v': *o++ = '\v'; break;
		case '\\': case '"': case '\'':
			*o++ = c;
			break;
		case 'x':
			v = 0;
			for (k = 0; k < 2 && i + 1 < len &&
			     isxdigit((unsigned char)s[i + 1]); k++) {
				c = s[++i];
				v = v * 16 + (unsigned int)(isdigit((unsigned char)c) ?
					c - '0' : tolower((unsigned char)c) - 'a' + 10);
			}
			if (!k || !v) {
				free(d);
				return fail(l, "bad \\x escape in a string");
			}
			*o++ = (char)v;
			break;
		default:
			if (c < '0' || c > '7') {
				free(d);
				return fail(l, "unknown escape '\\%c' in a string", c);
			}
			v = 0;
			for (k = 0; k < 3 && i < len && s[i] >= '0' && s[i] <= '7'; k++)
				v = v * 8 + (unsigned int)(s[i++] - '0');
			i--;
			if (!v || v > 255) {
				free(d);
				return fail(l, "bad octal escape in a string");
			}
			*o++ = (char)v;
			break;
		}
	}
	*o = '\0';
	*out = d;
	return 0;
}

static int next(struct lexer *l)
{
	const char *s;

	free(l->text);
	l->text = NULL;
	for (;;) {
		while (*l->p == ' ' || *l->p == '\t' || *l->p == '\r')
			l->p++;
		if (*l->p != '#')
			break;
		while (*l->p && *l->p != '\n')
			l->p++;
	}
	s = l->p;
	switch (*s) {
	case '\0':
		l->t = T_EOF;
		return 0;
	case '\n':
		l->p++;
		l->line++;
		l->t = T_NL;
		return 0;
	case ';': l->p++; l->t = T_SEMI; return 0;
	case '=': l->p++; l->t = T_EQ; return 0;
	case '[': l->p++; l->t = T_LBR; return 0;
	case ']': l->p++; l->t = T_RBR; return 0;
	case ',': l->p++; l->t = T_COMMA; return 0;
	case '+':
		if (s[1] == '=') {
			l->p += 2;
			l->t = T_PLUSEQ;
			return 0;
		}
		break;
	case '"':
	case '\'': {
		const char *e = s + 1;

		while (*e && *e != *s && *e != '\n') {
			if (*e == '\\' && e[1] && e[1] != '\n')
				e++;
			e++;
		}
		if (*e != *s)
			return fail(l, "unterminated string");
		l->p = e + 1;
		l->t = T_STR;
		return unescape(l, s + 1, (size_t)(e - s - 1), &l->text);
	}
	default:
		break;
	}
	if (isalpha((unsigned char)*s) || *s == '_' || isdigit((unsigned char)*s) ||
	    *s == '-' || *s == '.') {
		const char *e = s;
		bool ident = isalpha((unsigned char)*s) || *s == '_';

		if (ident)
			while (isalnum((unsigned char)*e) || *e == '_')
				e++;
		else
			while (isalnum((unsigned char)*e) || *e == '.' || *e == '-' ||
			       *e == '+')
				e++;
		if (!ident) {
			char *end;

			/* numbers: decimal, 0x hex, floats (xl's NUMBER) */
			(void)strtod(s, &end);
			if (end != e || e == s)
				return fail(l, "'%.*s' is not a number", (int)(e - s), s);
		}
		l->text = strndup(s, (size_t)(e - s));
		if (!l->text)
			return oom(l);
		l->p = e;
		l->t = ident ? T_IDENT : T_NUM;
		return 0;
	}
	return fail(l, "unexpected character '%c'", *s);
}

static int skip_nl(struct lexer *l)
{
	while (l->t == T_NL)
		if (next(l))
			return -1;
	return 0;
}

/*
 * value := STRING | NUMBER | '[' nl* [value nl* (',' nl* value nl*)* [',' nl*]] ']'
 * Strings of a top-level list are handed to @keep (when non-NULL);
 * @depth is the list depth. Leaves the token after the value current.
 */
struct sink {
	char **v;
	size_t n, max;
	bool bad;	/* a member that is not a string, or a non-list */
};

static int value(struct lexer *l, int depth, struct sink *keep)
{
	int rc;

	if (l->t == T_STR || l->t == T_NUM) {
		if (keep && depth == 1) {
			if (l->t != T_STR) {
				keep->bad = true;
			} else if (keep->n >= keep->max) {
				return fail(l, "more than %zu xenvf entries", keep->max);
			} else {
				keep->v[keep->n++] = l->text;
				l->text = NULL;
			}
		} else if (keep) {
			keep->bad = true;
		}
		return next(l);
	}
	if (l->t != T_LBR)
		return fail(l, "expected a value (number, string or [list])");
	if (keep && depth > 0)
		keep->bad = true;
	if (depth > 8)
		return fail(l, "lists nested too deep");
	if (next(l) || skip_nl(l))
		return -EINVAL;
	while (l->t != T_RBR) {
		if (l->t == T_EOF)
			return fail(l, "unterminated list (no ']')");
		rc = value(l, depth + 1, keep);
		if (rc)
			return rc;
		if (skip_nl(l))
			return -EINVAL;
		if (l->t == T_RBR)
			break;
		if (l->t == T_EOF)
			return fail(l, "unterminated list (no ']')");
		if (l->t != T_COMMA)
			return fail(l, "expected ',' or ']' in a list");
		if (next(l) || skip_nl(l))
			return -EINVAL;
	}
	return next(l);
}

static void sink_free(struct sink *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	s->n = 0;
}

int xenvf_xlcfg_parse(const char *text, struct xenvf_xlcfg *c, char *err,
		      size_t errlen)
{
	struct lexer l = { .p = text, .line = 1, .err = err, .errlen = errlen };
	char *key = NULL;
	char *tmp[XENVF_XLCFG_MAX_ENTRIES];
	int rc = 0;

	memset(c, 0, sizeof(*c));
	if (next(&l))
		goto out;
	while (l.t != T_EOF) {
		bool append;
		int line;

		if (l.t == T_NL || l.t == T_SEMI) {
			if (next(&l))
				goto out;
			continue;
		}
		if (l.t != T_IDENT) {
			fail(&l, "expected a key name");
			goto out;
		}
		key = l.text;
		l.text = NULL;
		line = l.line;
		if (next(&l))
			goto out;
		if (l.t != T_EQ && l.t != T_PLUSEQ) {
			fail(&l, "expected '=' after '%s'", key);
			goto out;
		}
		append = l.t == T_PLUSEQ;
		if (next(&l))
			goto out;
		if (!strcmp(key, "xenvf")) {
			struct sink s = { .v = tmp, .max = XENVF_XLCFG_MAX_ENTRIES };
			size_t i;

			if (append)
				s.max -= c->n;
			if (l.t != T_LBR) {
				fail(&l, "xenvf must be a list of strings: xenvf = [ \"mac=...\", ... ]");
				goto out;
			}
			if (value(&l, 0, &s)) {
				sink_free(&s);
				goto out;
			}
			if (s.bad) {
				sink_free(&s);
				l.line = line;
				fail(&l, "xenvf must be a list of strings: xenvf = [ \"mac=...\", ... ]");
				goto out;
			}
			if (!append) {
				for (i = 0; i < c->n; i++)
					free(c->entries[i]);
				c->n = 0;
			}
			for (i = 0; i < s.n; i++)
				c->entries[c->n++] = s.v[i];
			c->has_xenvf = true;
		} else if ((!strcmp(key, "name") || !strcmp(key, "uuid")) &&
			   !append) {
			char **slot = key[0] == 'n' ? &c->name : &c->uuid;

			if (l.t != T_STR) {
				fail(&l, "%s must be a string", key);
				goto out;
			}
			free(*slot);
			*slot = l.text;
			l.text = NULL;
			if (next(&l))
				goto out;
		} else if (value(&l, 0, NULL)) {
			goto out;
		}
		free(key);
		key = NULL;
		if (l.t != T_NL && l.t != T_SEMI && l.t != T_EOF) {
			fail(&l, "expected a newline or ';' after a value");
			goto out;
		}
	}
out:
	free(key);
	free(l.text);
	if (l.failed)
		rc = l.nomem ? -ENOMEM : -EINVAL;
	return rc;
}

void xenvf_xlcfg_free(struct xenvf_xlcfg *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->entries[i]);
	free(c->name);
	free(c->uuid);
	memset(c, 0, sizeof(*c));
}
