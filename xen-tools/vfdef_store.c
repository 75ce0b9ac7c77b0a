// SPDX-License-Identifier: GPL-2.0-only
/*
 * The definitions' files. See vfdef_store.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vfdef_store.h"

#define SUFFIX ".vf"

const char *xenvf_store_dir(void)
{
	const char *d = getenv(XENVF_STATE_ENV);

	return d && *d ? d : XENVF_STATE_DIR;
}

static void file_of(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s" SUFFIX, xenvf_store_dir(), name);
}

int xenvf_store_lock(char *err, size_t errlen)
{
	char p[4096];
	int fd;

	if (mkdir(xenvf_store_dir(), 0755) && errno != EEXIST) {
		xenvf_errf(err, errlen, "%s: %s", xenvf_store_dir(), strerror(errno));
		return -1;
	}
	snprintf(p, sizeof(p), "%s/.lock", xenvf_store_dir());
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		xenvf_errf(err, errlen, "%s: %s", p, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

void xenvf_store_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Read @path whole (at most XENVF_DEF_TEXT_MAX); NULL with errno. */
static char *slurp(const char *path)
{
	char *t = malloc(XENVF_DEF_TEXT_MAX + 1);
	ssize_t r;
	size_t n = 0;
	int fd;

	if (!t)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(t);
		return NULL;
	}
	while ((r = read(fd, t + n, XENVF_DEF_TEXT_MAX + 1 - n)) > 0 &&
	       n + (size_t)r <= XENVF_DEF_TEXT_MAX)
		n += (size_t)r;
	close(fd);
	if (r != 0 || memchr(t, '\0', n)) {
		free(t);
		errno = EINVAL;
		return NULL;
	}
	t[n] = '\0';
	return t;
}

static int load_file(const char *path, struct xenvf_def *d, char *err,
		     size_t errlen)
{
	char e[XENVF_ERR_LEN];
	char *t = slurp(path);

	if (!t) {
		if (errno == ENOENT)
			return -ENOENT;
		return xenvf_errf(err, errlen, "%s: %s", path,
				  errno == EINVAL ? "not a definition (too long or binary)" :
				  strerror(errno));
	}
	if (xenvf_def_parse(t, d, e, sizeof(e))) {
		free(t);
		return xenvf_errf(err, errlen, "%s: %s", path, e);
	}
	free(t);
	return 0;
}

int xenvf_store_load(const char *name, struct xenvf_def *d, char *err,
		     size_t errlen)
{
	char p[4096];
	int rc;

	if (xenvf_def_check_name(name, err, errlen))
		return -EINVAL;
	file_of(p, sizeof(p), name);
	rc = load_file(p, d, err, errlen);
	if (rc == -ENOENT)
		xenvf_errf(err, errlen, "no definition for '%s' (in %s)", name,
			   xenvf_store_dir());
	else if (!rc && strcmp(d->name, name))
		return xenvf_errf(err, errlen, "%s: holds name=%s", p, d->name);
	return rc;
}

int xenvf_store_save(const struct xenvf_def *d, char *err, size_t errlen)
{
	char p[4096], tmp[4096];
	char *text;
	int len, fd, e, dfd;

	if (xenvf_def_check_name(d->name, err, errlen))
		return -EINVAL;
	text = malloc(XENVF_DEF_TEXT_MAX);
	if (!text)
		return xenvf_errf(err, errlen, "out of memory");
	len = xenvf_def_format(d, text, XENVF_DEF_TEXT_MAX);
	if (len < 0) {
		free(text);
		return xenvf_errf(err, errlen, "definition of '%s' too long", d->name);
	}
	file_of(p, sizeof(p), d->name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", xenvf_store_dir(), d->name);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(text);
		return xenvf_errf(err, errlen, "%s: %s", xenvf_store_dir(), strerror(e));
	}
	if (fchmod(fd, 0644) || write(fd, text, (size_t)len) != len || fsync(fd)) {
		e = errno ? errno : EIO;
		goto fail;
	}
	if (close(fd)) {
		fd = -1;
		e = errno;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, p)) {
		e = errno;
		goto fail;
	}
	free(text);
	dfd = open(xenvf_store_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);	/* the rename reaches the disk */
		close(dfd);
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(text);
	return xenvf_errf(err, errlen, "writing %s: %s", p, strerror(e));
}

int xenvf_store_delete(const char *name, char *err, size_t errlen)
{
	char p[4096];

	if (xenvf_def_check_name(name, err, errlen))
		return -EINVAL;
	file_of(p, sizeof(p), name);
	if (unlink(p)) {
		int e = errno;

		if (e == ENOENT)
			xenvf_errf(err, errlen, "no definition for '%s' (in %s)", name,
				   xenvf_store_dir());
		else
			xenvf_errf(err, errlen, "%s: %s", p, strerror(e));
		return -e;
	}
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_def_file(const struct dirent *e)
{
	size_t l = strlen(e->d_name);

	return e->d_name[0] != '.' && l > strlen(SUFFIX) &&
	       !strcmp(e->d_name + l - strlen(SUFFIX), SUFFIX);
}

int xenvf_store_each(int (*fn)(const struct xenvf_def *d, void *arg),
		     void (*bad)(const char *file, const char *why, void *arg),
		     void *arg)
{
	struct xenvf_def *d = malloc(sizeof(*d));
	char p[4096], e[XENVF_ERR_LEN];
	struct dirent **list;
	int n, i, rc = 0;

	if (!d)
		return -ENOMEM;
	n = scandir(xenvf_store_dir(), &list, is_def_file, by_name);
	if (n < 0) {
		free(d);
		return errno == ENOENT ? 0 : -errno;
	}
	for (i = 0; i < n; i++) {
		size_t l = strlen(list[i]->d_name) - strlen(SUFFIX);

		snprintf(p, sizeof(p), "%s/%s", xenvf_store_dir(), list[i]->d_name);
		if (!rc) {
			if (load_file(p, d, e, sizeof(e))) {
				if (bad)
					bad(p, e, arg);
			} else if (strlen(d->name) != l ||
				   strncmp(d->name, list[i]->d_name, l)) {
				if (bad)
					bad(p, "its name= is not its file name", arg);
			} else {
				rc = fn(d, arg);
			}
		}
		free(list[i]);
	}
	free(list);
	free(d);
	return rc;
}

struct find {
	const char *name;
	const uint8_t *uuid;
	struct xenvf_def *out;
	int found;	/* 0 none, 1 by name, 2 by uuid */
};

static int find_one(const struct xenvf_def *d, void *arg)
{
	struct find *f = arg;

	if (!xenvf_def_matches(d, f->name, f->uuid))
		return 0;
	if (d->has_uuid || !f->found) {
		*f->out = *d;
		f->found = d->has_uuid ? 2 : 1;
	}
	return f->found == 2;	/* a UUID match ends the search */
}

int xenvf_store_find(const char *name, const uint8_t *uuid,
		     struct xenvf_def *d)
{
	struct find f = { .name = name, .uuid = uuid, .out = d };

	xenvf_store_each(find_one, NULL, &f);
	return f.found ? 0 : -ENOENT;
}
