// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decisions of xenvf watch. See watch_decide.h. Pure.
 */
#include <string.h>

#include "watch_decide.h"

enum xenvf_watch_action xenvf_watch_decide(const struct xenvf_watch_dom *d)
{
	bool timed_out = d->waited_s >= XENVF_WATCH_WAIT_S;

	if (d->domid == 0 || !d->running)
		return XENVF_WATCH_IGNORE;
	if (!d->named)
		return timed_out ? XENVF_WATCH_GIVE_UP : XENVF_WATCH_WAIT;
	/*
	 * An incoming migration (d->incoming) is attached like any domain: its
	 * nodes must exist before it is renamed and unpaused.
	 */
	if (!d->defined)
		return XENVF_WATCH_IGNORE;
	if (d->has_nodes)
		return XENVF_WATCH_EXISTING;
	if (d->mac_held)
		return timed_out ? XENVF_WATCH_GIVE_UP : XENVF_WATCH_WAIT;
	return XENVF_WATCH_ATTACH;
}

bool xenvf_watch_cleanup_due(bool domain_exists, double dead_s, bool no_grace)
{
	if (domain_exists)
		return false;
	return no_grace || dead_s >= XENVF_WATCH_GRACE_S;
}

bool xenvf_watch_is_incoming(const char *name)
{
	size_t l = name ? strlen(name) : 0, s = strlen(XENVF_INCOMING_SUFFIX);

	return l > s && !strcmp(name + l - s, XENVF_INCOMING_SUFFIX);
}

int xenvf_watch_def_name(const char *name, char *buf, size_t len)
{
	size_t l = strlen(name);

	if (xenvf_watch_is_incoming(name))
		l -= strlen(XENVF_INCOMING_SUFFIX);
	if (l >= len)
		return -1;
	memcpy(buf, name, l);
	buf[l] = '\0';
	return 0;
}

bool xenvf_watch_holder_blocks(const struct xenvf_watch_holder *h,
			       unsigned int domid, const uint8_t *uuid,
			       bool incoming)
{
	if (h->domid == domid)
		return false;
	if (uuid && h->has_uuid && !memcmp(uuid, h->uuid, sizeof(h->uuid)))
		return false;
	return h->gone || incoming;
}
