/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Definitions: the VFs a guest gets every time it appears (xenvf define,
 * docs/xenvf.1 "DEFINITIONS"), recorded under its name (and UUID) so that
 * plain `xl create`, reboots, restores and migrations find them again.
 *
 * A definition is a text file <state dir>/<name>.vf:
 *
 *   # comment
 *   name=guest1
 *   uuid=01234567-89ab-cdef-0123-456789abcdef      (optional)
 *   vf=0,mac=00:16:3e:12:34:56,vlan=5,trust=on       (one line per VF)
 *
 * VF lines take xenvf attach's keys (args.h) and always hold vf= and mac=:
 * both are resolved once, at define time, and kept for the guest's life.
 *
 * vfdef.c is pure (text in, text out; unit-tested in tests/unit/test_vfdef.c);
 * vfdef_store.c keeps the files (atomic replace, a lock for updates).
 */
#ifndef XENVF_VFDEF_H
#define XENVF_VFDEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "xlcfg.h"

#define XENVF_DEF_NAME_MAX 64
#define XENVF_UUID_LEN 16
#define XENVF_UUID_STR 37		/* 36 characters and the NUL */
#define XENVF_DEF_LINE_MAX 256
#define XENVF_DEF_TEXT_MAX (64 * 1024)
#define XENVF_STATE_DIR "/var/lib/xenvf"
#define XENVF_STATE_ENV "XENVF_STATE_DIR"

struct xenvf_def {
	char name[XENVF_DEF_NAME_MAX + 1];
	bool has_uuid;
	uint8_t uuid[XENVF_UUID_LEN];
	size_t n;
	/* each with vf >= 0 and mac_set; VF numbers and MACs unique */
	struct xenvf_vf_opts vf[XENVF_XLCFG_MAX_ENTRIES];
};

/* "01234567-89ab-cdef-0123-456789abcdef" (any case). 0 or -EINVAL. */
int xenvf_parse_uuid(const char *s, uint8_t out[XENVF_UUID_LEN]);
void xenvf_format_uuid(char *buf, size_t len, const uint8_t u[XENVF_UUID_LEN]);

/* A name usable as a definition (and file) name: what xenvf_parse_domarg
 * takes as a name, not all digits, not starting with '.'. */
int xenvf_def_check_name(const char *name, char *err, size_t errlen);

/*
 * Build @d from a parsed xl config @c: its name (or @name_override when
 * not NULL), its uuid, and every xenvf entry, checked as xenvf attach
 * checks them. VF numbers: explicit ones first, then the lowest free.
 * MACs: an entry's mac= if given; otherwise the MAC @old (the definition
 * being replaced, or NULL) recorded for the same VF number; otherwise
 * 00:16:3e and the three bytes rnd[3 * i..] of entry i. Two entries with
 * one VF number or one MAC are refused. 0 or -EINVAL with @err.
 */
int xenvf_def_build(struct xenvf_def *d, const struct xenvf_xlcfg *c,
		    const char *name_override, const struct xenvf_def *old,
		    const uint8_t *rnd, char *err, size_t errlen);

/* The text of @d (the file's content). Returns its length, or -ENOSPC. */
int xenvf_def_format(const struct xenvf_def *d, char *buf, size_t len);

/*
 * Parse the text of a definition file. Unknown lines, a VF line without
 * vf= or mac=, a repeated VF number or MAC, a missing name are refused:
 * -EINVAL with "line N: ..." in @err.
 */
int xenvf_def_parse(const char *text, struct xenvf_def *d, char *err,
		    size_t errlen);

/* One VF as a definition line (no newline): every key @o sets. */
int xenvf_opts_format(const struct xenvf_vf_opts *o, char *buf, size_t len);

/*
 * Does @d describe the domain named @name with UUID @uuid (NULL: unknown)?
 * A definition with a UUID matches that UUID only (whatever the name: the
 * guest may have been renamed); one without matches the name.
 */
bool xenvf_def_matches(const struct xenvf_def *d, const char *name,
		       const uint8_t *uuid);

/* Remove VF @vf from @d; false when @d has no such VF. */
bool xenvf_def_remove_vf(struct xenvf_def *d, int vf);

#endif /* XENVF_VFDEF_H */
