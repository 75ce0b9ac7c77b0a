// SPDX-License-Identifier: GPL-2.0-only
/*
 * A xenstored that accepts the connection but never answers must not hang
 * the tool: every libxenstore request of the tool is bounded. The link
 * (Makefile: -Wl,--wrap=xs_read,...) routes each call below through
 * guard(), which arms a SIGALRM of XENVF_XS_TIMEOUT seconds (default 30)
 * for that one call. If it fires, the handler prints the one error line
 * prepared before the call, naming the request and its path, and exits 1:
 * libxenstore retries a read interrupted by a signal, so there is no
 * returning into it. Waits of the tool itself (attach's wait for Connected,
 * the watch service's poll) are between calls and not bounded here.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenstore.h>

#include "args.h"
#include "tool.h"

static unsigned int xs_secs = XENVF_DEFAULT_TIMEOUT;
static char xs_msg[512];
static size_t xs_msg_len;

static void on_alarm(int sig)
{
	(void)sig;
	if (write(STDERR_FILENO, xs_msg, xs_msg_len) < 0)
		_exit(1);
	_exit(1);
}

int xenvf_xs_timeout_init(void)
{
	struct sigaction sa;
	char err[XENVF_ERR_LEN];

	if (xenvf_parse_xs_timeout(getenv("XENVF_XS_TIMEOUT"), &xs_secs, err,
				   sizeof(err)))
		return xenvf_die("%s", err);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL))
		return xenvf_die("sigaction: %s", strerror(errno));
	return 0;
}

/* Arm the alarm for request @what on @path; the message is ready first. */
static void guard(const char *what, const char *path)
{
	const char *sock = getenv("XENSTORED_PATH");
	int n;

	n = snprintf(xs_msg, sizeof(xs_msg),
		     "xenvf: xenstored (%s) did not answer %s%s%s within %u s (XENVF_XS_TIMEOUT)\n",
		     sock ? sock : "/var/run/xenstored/socket", what,
		     path ? " " : "", path ? path : "", xs_secs);
	xs_msg_len = n < 0 ? 0 : (size_t)n < sizeof(xs_msg) ? (size_t)n :
		     sizeof(xs_msg) - 1;
	if (xs_msg_len && xs_msg[xs_msg_len - 1] != '\n')
		xs_msg[xs_msg_len - 1] = '\n';
	alarm(xs_secs);
}

static void unguard(void)
{
	alarm(0);
}

/* The real libxenstore functions (ld --wrap). */
struct xs_handle *__real_xs_open(unsigned long flags);
char **__real_xs_directory(struct xs_handle *h, xs_transaction_t t,
			   const char *path, unsigned int *num);
void *__real_xs_read(struct xs_handle *h, xs_transaction_t t,
		     const char *path, unsigned int *len);
bool __real_xs_write(struct xs_handle *h, xs_transaction_t t,
		     const char *path, const void *data, unsigned int len);
bool __real_xs_mkdir(struct xs_handle *h, xs_transaction_t t,
		     const char *path);
bool __real_xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);
bool __real_xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
			       const char *path, struct xs_permissions *perms,
			       unsigned int num_perms);
bool __real_xs_watch(struct xs_handle *h, const char *path, const char *token);
xs_transaction_t __real_xs_transaction_start(struct xs_handle *h);
bool __real_xs_transaction_end(struct xs_handle *h, xs_transaction_t t,
			       bool abort);

struct xs_handle *__wrap_xs_open(unsigned long flags);
char **__wrap_xs_directory(struct xs_handle *h, xs_transaction_t t,
			   const char *path, unsigned int *num);
void *__wrap_xs_read(struct xs_handle *h, xs_transaction_t t,
		     const char *path, unsigned int *len);
bool __wrap_xs_write(struct xs_handle *h, xs_transaction_t t,
		     const char *path, const void *data, unsigned int len);
bool __wrap_xs_mkdir(struct xs_handle *h, xs_transaction_t t,
		     const char *path);
bool __wrap_xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);
bool __wrap_xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
			       const char *path, struct xs_permissions *perms,
			       unsigned int num_perms);
bool __wrap_xs_watch(struct xs_handle *h, const char *path, const char *token);
xs_transaction_t __wrap_xs_transaction_start(struct xs_handle *h);
bool __wrap_xs_transaction_end(struct xs_handle *h, xs_transaction_t t,
			       bool abort);

#define GUARDED(type, call, what, path)	\
	do {				\
		type r_;		\
		guard(what, path);	\
		r_ = call;		\
		unguard();		\
		return r_;		\
	} while (0)

struct xs_handle *__wrap_xs_open(unsigned long flags)
{
	GUARDED(struct xs_handle *, __real_xs_open(flags), "the connection",
		NULL);
}

char **__wrap_xs_directory(struct xs_handle *h, xs_transaction_t t,
			   const char *path, unsigned int *num)
{
	GUARDED(char **, __real_xs_directory(h, t, path, num), "a directory of",
		path);
}

void *__wrap_xs_read(struct xs_handle *h, xs_transaction_t t,
		     const char *path, unsigned int *len)
{
	GUARDED(void *, __real_xs_read(h, t, path, len), "a read of", path);
}

bool __wrap_xs_write(struct xs_handle *h, xs_transaction_t t,
		     const char *path, const void *data, unsigned int len)
{
	GUARDED(bool, __real_xs_write(h, t, path, data, len), "a write of",
		path);
}

bool __wrap_xs_mkdir(struct xs_handle *h, xs_transaction_t t,
		     const char *path)
{
	GUARDED(bool, __real_xs_mkdir(h, t, path), "a mkdir of", path);
}

bool __wrap_xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	GUARDED(bool, __real_xs_rm(h, t, path), "a removal of", path);
}

bool __wrap_xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
			       const char *path, struct xs_permissions *perms,
			       unsigned int num_perms)
{
	GUARDED(bool, __real_xs_set_permissions(h, t, path, perms, num_perms),
		"the permissions of", path);
}

bool __wrap_xs_watch(struct xs_handle *h, const char *path, const char *token)
{
	GUARDED(bool, __real_xs_watch(h, path, token), "a watch of", path);
}

xs_transaction_t __wrap_xs_transaction_start(struct xs_handle *h)
{
	GUARDED(xs_transaction_t, __real_xs_transaction_start(h),
		"a transaction start", NULL);
}

bool __wrap_xs_transaction_end(struct xs_handle *h, xs_transaction_t t,
			       bool abort)
{
	GUARDED(bool, __real_xs_transaction_end(h, t, abort),
		abort ? "a transaction abort" : "a transaction commit", NULL);
}
