/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Poll-budget helpers shared by xenvf's NAPI polls (napi/README.md): how a
 * poll of two rings shares NAPI's budget between them, whether it goes on,
 * and what it returns to NAPI. Pure arithmetic: no locks, no context.
 */
#ifndef XENVF_NAPI_H
#define XENVF_NAPI_H

#include <linux/types.h>

/**
 * struct xenvf_napi_share - one poll's budget, shared by two rings
 * @budget: NAPI's budget for this poll
 * @tx: what the first ring (TX requests) may take
 * @rx: what the second ring (RX frames) may take, once TX is done
 */
struct xenvf_napi_share {
	unsigned int budget;
	unsigned int tx;
	unsigned int rx;
};

void xenvf_napi_begin(struct xenvf_napi_share *s, int budget,
		      unsigned int tx_max, bool rx_waiting);
unsigned int xenvf_napi_rx_share(struct xenvf_napi_share *s,
				 unsigned int tx_done, unsigned int rx_max);
bool xenvf_napi_more(const struct xenvf_napi_share *s, unsigned int tx_done,
		     unsigned int rx_done);
int xenvf_napi_ret(int budget, unsigned int work, bool again);

#endif /* XENVF_NAPI_H */
