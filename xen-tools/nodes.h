/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xenstore nodes of a VF (docs/protocol.md 1.1) as data: paths, the
 * keys in the order they are written, state names. Pure: the tool's I/O
 * (xenvf.c) writes what these build; unit-tested in tests/unit/test_args.c.
 */
#ifndef XENVF_NODES_H
#define XENVF_NODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"

#define XENVF_DIR_LEN 64
#define XENVF_PATH_LEN 128
#define XENVF_VAL_LEN 128
#define XENVF_MAX_NODES 24

struct xenvf_node {
	char path[XENVF_PATH_LEN];
	char value[XENVF_VAL_LEN];
};

struct xenvf_vf_nodes {
	char be[XENVF_DIR_LEN];	/* backend directory: n<backend> r<domid> */
	char fe[XENVF_DIR_LEN];	/* frontend directory: n<domid> r<backend> */
	size_t n;
	/* every key; the two state nodes are the last two */
	struct xenvf_node node[XENVF_MAX_NODES];
};

void xenvf_be_path(char *buf, size_t len, unsigned int backend,
		   unsigned int domid, unsigned int vf);
void xenvf_fe_path(char *buf, size_t len, unsigned int domid,
		   unsigned int vf);

/*
 * The nodes of VF @o->vf (>= 0) of @domid with admin MAC @mac: toolstack
 * keys of protocol 1.1, `uuid` (the domain's, from the hypervisor) unless
 * @uuid is NULL or null, admin keys with their defaults for what @o leaves
 * unset, `queues` only when given, both `state` nodes (1) last.
 */
int xenvf_nodes_build(unsigned int backend, unsigned int domid,
		      const struct xenvf_vf_opts *o,
		      const uint8_t mac[XENVF_MAC_LEN], const uint8_t *uuid,
		      struct xenvf_vf_nodes *out);

/* The admin keys @o sets (set command), relative to the backend dir. */
size_t xenvf_admin_nodes(const struct xenvf_vf_opts *o,
			 struct xenvf_node *out, size_t max);

/* Lowest VF not in @used[0..XENVF_MAX_VFS-1], or -1 when all are used. */
int xenvf_pick_vf(const bool *used);

void xenvf_format_mac(char *buf, size_t len, const uint8_t mac[XENVF_MAC_LEN]);
/* Xen's OUI 00:16:3e and three bytes of @rnd, as xl does for vifs. */
void xenvf_random_mac(const uint8_t rnd[3], uint8_t mac[XENVF_MAC_LEN]);

/* "Connected" for "4"; "-" for NULL; the text itself if not a state. */
const char *xenvf_state_name(const char *state);

#endif /* XENVF_NODES_H */
