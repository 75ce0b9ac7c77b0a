// SPDX-License-Identifier: GPL-2.0-only
/*
 * Poll-budget helpers of xenvf's NAPI polls (see xenvf_napi.h).
 *
 * A backend queue's poll serves two rings on one NAPI instance: the
 * guest's TX requests, then the frames waiting for its RX pages. NAPI's
 * budget bounds both together: TX goes first and takes up to its ceiling
 * of the budget, or half of it while RX frames wait (so a TX flood never
 * starves RX); RX takes what TX left, up to its own ceiling. The poll has
 * more to do when a ring used its whole share. It then returns the whole
 * budget and NAPI polls it again; otherwise it returns the work done,
 * always under the budget, after napi_complete_done().
 */
#include <linux/kernel.h>

#include "xenvf_napi.h"

/**
 * xenvf_napi_begin() - share a poll's budget: TX's part
 * @s: the share, filled in
 * @budget: NAPI's budget (0 from netpoll: nothing to take)
 * @tx_max: the most TX requests one poll takes
 * @rx_waiting: frames wait for the RX ring (they keep half the budget)
 */
void xenvf_napi_begin(struct xenvf_napi_share *s, int budget,
		      unsigned int tx_max, bool rx_waiting)
{
	s->budget = budget > 0 ? budget : 0;
	s->tx = rx_waiting ? s->budget - s->budget / 2 : s->budget;
	s->tx = min(s->tx, tx_max);
	s->rx = 0;
}

/**
 * xenvf_napi_rx_share() - what RX may take after TX took @tx_done
 * @s: the share
 * @tx_done: TX requests the poll took (at most @s->tx)
 * @rx_max: the most RX frames one poll takes
 *
 * Return: RX's share, also kept in @s.
 */
unsigned int xenvf_napi_rx_share(struct xenvf_napi_share *s,
				 unsigned int tx_done, unsigned int rx_max)
{
	unsigned int left = tx_done < s->budget ? s->budget - tx_done : 0;

	s->rx = min(left, rx_max);
	return s->rx;
}

/**
 * xenvf_napi_more() - did a ring use its whole share?
 * @s: the share, both parts set
 * @tx_done: TX requests taken
 * @rx_done: RX frames taken
 *
 * A ring whose share was zero counts as full: it was not served.
 *
 * Return: true if the poll must go on.
 */
bool xenvf_napi_more(const struct xenvf_napi_share *s, unsigned int tx_done,
		     unsigned int rx_done)
{
	if (!s->budget)
		return false;	/* netpoll: NAPI's own poll comes later */
	return tx_done >= s->tx || rx_done >= s->rx;
}

/**
 * xenvf_napi_ret() - what the poll returns to NAPI
 * @budget: NAPI's budget
 * @work: the work done (TX requests and RX frames taken)
 * @again: stay scheduled (xenvf_napi_more(), and no reason to wait)
 *
 * NAPI polls again a poll that returns its whole budget, and must not
 * have been completed then; one that completed returns less.
 *
 * Return: @budget if @again, else the work, under the budget.
 */
int xenvf_napi_ret(int budget, unsigned int work, bool again)
{
	if (budget <= 0)
		return 0;
	if (again)
		return budget;
	return min_t(unsigned int, work, budget - 1);
}
