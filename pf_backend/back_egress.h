/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ports a frame leaves the switch by, one const ops table per kind
 * (back_egress.c). The switch (back_switch.c) only decides; a frame then
 * goes one way, through its port's egress stages, and never back into the
 * switch. FCoE (priority tag, offload finished in software) and EVI
 * (MAC-in-GRE to a peer edge) are stages of the way out, not calls the
 * switch makes.
 */
#ifndef XENVF_BACK_EGRESS_H
#define XENVF_BACK_EGRESS_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct net_device;
struct xenvf_back_vf;
struct xenvf_port_filter;

enum xenvf_port_kind {
	XENVF_PORT_VF,		/* a VF's RX queues, tagged for its port */
	XENVF_PORT_REP,		/* to a VF from its representor, as sent */
	XENVF_PORT_EVI,		/* an extended VLAN's peer edges (may decline) */
	XENVF_PORT_UPLINK,	/* the uplink netdev */
	XENVF_PORT_KINDS,
};

/* What an egress knows of the frame it sends; stages may fill in more. */
struct xenvf_egress {
	struct xenvf_back_vf *src;	/* the VF it is from; NULL: none */
	struct xenvf_back_vf *dst;	/* VF, REP: the VF it goes to */
	const struct xenvf_port_filter *dst_f;	/* VF: @dst's filter */
	struct net_device *up;		/* UPLINK: set by its first stage */
	u16 vid;			/* the frame's VLAN in the switch */
	u8 qos;				/* UPLINK: the sending VF's QoS */
};

/*
 * An egress stage: true if it consumed @skb (sent, dropped and counted,
 * or passed on as other frames); false: the next stage has it. A port's
 * last stage always consumes.
 */
typedef bool (*xenvf_egress_stage_t)(struct xenvf_egress *e,
				     struct sk_buff *skb);

struct xenvf_port_ops {
	const char *name;
	const xenvf_egress_stage_t *stages;	/* NULL-terminated */
	bool may_decline;	/* a frame can run past every stage */
};

extern const struct xenvf_port_ops xenvf_port_ops[XENVF_PORT_KINDS];

bool xenvf_egress(enum xenvf_port_kind kind, struct xenvf_egress *e,
		  struct sk_buff *skb);
void xenvf_egress_out(struct xenvf_egress *e, struct sk_buff *skb);
void xenvf_egress_to_vf(struct xenvf_back_vf *dst, struct sk_buff *skb,
			u16 vid);

#endif /* XENVF_BACK_EGRESS_H */
