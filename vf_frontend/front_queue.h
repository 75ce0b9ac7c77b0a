/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a data queue's files share: front_data.c (set-up, tear-down, the
 * event and the NAPI poll), front_tx.c (xmit, TX completions) and
 * front_rx.c (RX packets into skbs).
 */
#ifndef XENVF_FRONT_QUEUE_H
#define XENVF_FRONT_QUEUE_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>

#include "xenvf_front.h"

/* One counter of a direction's stats, under its syncp. */
static inline void xenvf_front_qstat_inc(struct xenvf_front_qstats *s,
					 u64_stats_t *c)
{
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(c);
	u64_stats_update_end(&s->syncp);
}

/* front_data.c */
void xenvf_front_queue_broken(struct xenvf_front_vf *vf, const char *why);

/* front_tx.c */
unsigned int xenvf_front_tx_reclaim(struct xenvf_front_vf *vf,
				    struct xenvf_front_queue *q,
				    struct netdev_queue *txq);
void xenvf_front_tx_bql_reset(struct xenvf_front_queue *q);

/* front_rx.c */
void xenvf_front_rx_post(struct xenvf_front_queue *q, u16 id);
int xenvf_front_rx_receive(struct xenvf_front_vf *vf,
			   struct xenvf_front_queue *q, int budget);

#endif /* XENVF_FRONT_QUEUE_H */
