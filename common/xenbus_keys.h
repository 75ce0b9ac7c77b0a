/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writing a set of unsigned xenstore keys in one transaction: both ends
 * publish their keys (docs/protocol.md 1.2, 1.3) this way, so the other
 * end never sees half of them.
 */
#ifndef XENVF_XENBUS_KEYS_H
#define XENVF_XENBUS_KEYS_H

#include <xen/xenbus.h>

struct xenvf_xs_key {
	const char *name;	/* below the device's own node */
	unsigned int value;
};

int xenvf_xs_write_keys(struct xenbus_device *dev,
			const struct xenvf_xs_key *keys, unsigned int n);

#endif /* XENVF_XENBUS_KEYS_H */
