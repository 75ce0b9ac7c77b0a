/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What `xenvf watch` does about one domain, as a pure function of what it
 * found (docs/xenvf.1 "WATCH", docs/design.md "VFs for the guest's life").
 * The I/O (xenstore, the hypervisor's domain list, the definitions) is in
 * watch.c; unit-tested in tests/unit/test_vfdef.c.
 */
#ifndef XENVF_WATCH_DECIDE_H
#define XENVF_WATCH_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Seconds a dead domain's backend nodes are left to xenvf-back. */
#define XENVF_WATCH_GRACE_S 2.0
/* Seconds a domain may wait for its name or for a defined MAC to be freed. */
#define XENVF_WATCH_WAIT_S 30.0
/* xl migrate-receive names the incoming domain <name>--incoming. */
#define XENVF_INCOMING_SUFFIX "--incoming"

/* A domain the hypervisor lists and the daemon has not dealt with yet. */
struct xenvf_watch_dom {
	unsigned int domid;
	bool running;		/* neither dying nor shut down (paused is running) */
	bool named;		/* /local/domain/<domid>/name could be read */
	/*
	 * The name ends in XENVF_INCOMING_SUFFIX: matched by the name without
	 * it, attached at once (its backends must exist before xl unpauses it).
	 */
	bool incoming;
	bool defined;		/* a definition with at least one VF matches */
	bool has_nodes;		/* it has xenvf nodes already (xenvf attach/create) */
	bool mac_held;		/* a defined MAC: xenvf_watch_holder_blocks() */
	double waited_s;	/* since it was first looked at */
};

enum xenvf_watch_action {
	XENVF_WATCH_IGNORE,	/* nothing to do: mark it dealt with */
	XENVF_WATCH_ATTACH,	/* create its defined VFs, mark it dealt with */
	XENVF_WATCH_WAIT,	/* look again in a moment */
	XENVF_WATCH_EXISTING,	/* defined but has VFs already: log, leave alone */
	XENVF_WATCH_GIVE_UP,	/* waited XENVF_WATCH_WAIT_S: log, mark dealt with */
};

enum xenvf_watch_action xenvf_watch_decide(const struct xenvf_watch_dom *d);

/*
 * Should the daemon remove what is left of backend/xenvf/<domid>?
 * Only for a domain the hypervisor no longer lists, once xenvf-back has had
 * @dead_s >= XENVF_WATCH_GRACE_S to remove its own nodes (or at once with
 * @no_grace, xenvf watch --once).
 */
bool xenvf_watch_cleanup_due(bool domain_exists, double dead_s, bool no_grace);

/* Does @name end in XENVF_INCOMING_SUFFIX (and have something before it)? */
bool xenvf_watch_is_incoming(const char *name);

/*
 * The name a domain's definition is looked up by: @name without
 * XENVF_INCOMING_SUFFIX (a domain migrating in), else @name. -1 if it does
 * not fit @len.
 */
int xenvf_watch_def_name(const char *name, char *buf, size_t len);

/* A backend node that has a MAC a domain is defined with. */
struct xenvf_watch_holder {
	unsigned int domid;	/* the node's domain */
	bool gone;		/* that domain is dead, dying or shut down */
	bool has_uuid;		/* the node's `uuid` key (written by the tool) */
	uint8_t uuid[16];
};

/*
 * Does the node @h keep domain @domid (UUID @uuid, NULL: unknown; @incoming:
 * migrating in) waiting for its MAC? Never a node of the same UUID: that is
 * the domain's previous instance (migration source, rebooted domid), whose
 * MAC xenvf-back hands over to the new one. A gone domain's node of another
 * UUID (or none) does. A running domain's does only for @incoming (the
 * source of a migration whose nodes have no uuid key, made by an older
 * xenvf: wait until it is gone); else xenvf attach refuses the MAC.
 */
bool xenvf_watch_holder_blocks(const struct xenvf_watch_holder *h,
			       unsigned int domid, const uint8_t *uuid,
			       bool incoming);

#endif /* XENVF_WATCH_DECIDE_H */
