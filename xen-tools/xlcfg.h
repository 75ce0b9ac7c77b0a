/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parts of an xl domain config file xenvf needs: the domain's `name`,
 * its `uuid` and the `xenvf = [ "mac=...,vlan=...", ... ]` list. The whole file is
 * checked against xl's syntax (libxlu): `key = value` statements ended by a
 * newline or ';', values that are numbers, strings ("..." or '...', with
 * xl's backslash escapes) or lists `[ ... ]` that may span lines, nest and
 * end with a comma; `#` starts a comment; `key += [list]` appends.
 * Pure: unit-tested in tests/unit/test_xlcfg.c.
 */
#ifndef XENVF_XLCFG_H
#define XENVF_XLCFG_H

#include <stdbool.h>
#include <stddef.h>

#define XENVF_XLCFG_MAX_ENTRIES 63

struct xenvf_xlcfg {
	char *name;		/* NULL when the file sets none */
	char *uuid;		/* the uuid string as written; NULL when none */
	bool has_xenvf;		/* a xenvf key was present */
	size_t n;		/* entries in the xenvf list */
	char *entries[XENVF_XLCFG_MAX_ENTRIES];
};

/*
 * Parse @text (NUL-terminated). 0 on success; -EINVAL with "line N: ..."
 * in @err on a syntax error or a xenvf value that is not a list of strings;
 * -ENOMEM. @c is zeroed first and must be freed with xenvf_xlcfg_free()
 * in every case.
 */
int xenvf_xlcfg_parse(const char *text, struct xenvf_xlcfg *c, char *err,
		      size_t errlen);
void xenvf_xlcfg_free(struct xenvf_xlcfg *c);

#endif /* XENVF_XLCFG_H */
