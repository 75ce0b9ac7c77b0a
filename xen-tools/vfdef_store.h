/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The definitions' files in the state directory ($XENVF_STATE_DIR, or
 * /var/lib/xenvf): <name>.vf each, replaced atomically (a temporary file
 * in the same directory, fsync, rename, fsync of the directory), updates
 * serialized by flock on <dir>/.lock. File I/O only, no xenstore:
 * unit-tested in tests/unit/test_vfdef.c against a temporary directory.
 */
#ifndef XENVF_VFDEF_STORE_H
#define XENVF_VFDEF_STORE_H

#include "vfdef.h"

const char *xenvf_store_dir(void);

/* Create the directory if need be and take the update lock: an fd, or -1 with @err. */
int xenvf_store_lock(char *err, size_t errlen);
void xenvf_store_unlock(int fd);

/* 0; -ENOENT (no definition, @err set); -EINVAL (unreadable, @err set). */
int xenvf_store_load(const char *name, struct xenvf_def *d, char *err,
		     size_t errlen);
/* Replace (or create) the file of @d atomically; on error nothing changed. */
int xenvf_store_save(const struct xenvf_def *d, char *err, size_t errlen);
/* 0, or -ENOENT / -errno with @err. */
int xenvf_store_delete(const char *name, char *err, size_t errlen);

/*
 * Every definition, in name order: @fn for each one that parses (stop when
 * it returns non-zero, which is returned), @bad (may be NULL) for each file
 * that does not. 0 when the directory does not exist.
 */
int xenvf_store_each(int (*fn)(const struct xenvf_def *d, void *arg),
		     void (*bad)(const char *file, const char *why, void *arg),
		     void *arg);

/* The definition matching a domain (xenvf_def_matches): 0, or -ENOENT. */
int xenvf_store_find(const char *name, const uint8_t *uuid,
		     struct xenvf_def *d);

#endif /* XENVF_VFDEF_STORE_H */
