// SPDX-License-Identifier: GPL-2.0-only
/*
 * Before the PF policy sees a control request (back_ctrl.c, pure): the
 * per-op work that needs the VF. Hardware operations are admitted at the
 * VF's rate (back_ctrl_cost.c); GET_STATS gets a fresh snapshot of the
 * VF's counters (back_vfstats.c).
 */
#include <linux/ktime.h>

#include "xenvf_back.h"

/* Hardware operations a guest may have carried out: 4 a second, 16 at once. */
#define XENVF_HW_OPS_RATE	4
#define XENVF_HW_OPS_BURST	16

/**
 * xenvf_back_ctrl_prep_init() - a full bucket of hardware operations
 * @vf: the VF, at probe (not at connect: reconnecting does not refill it)
 */
void xenvf_back_ctrl_prep_init(struct xenvf_back_vf *vf)
{
	xenvf_rate_init(&vf->hw_ops, XENVF_HW_OPS_RATE, XENVF_HW_OPS_BURST,
			ktime_get_ns());
}

/* The VF's counters as GET_STATS carries them. */
static void ctrl_stats(struct xenvf_back_vf *vf, struct xenvf_vf_stats *out)
{
	u64 sw[XENVF_SW_NR], fc[XENVF_FC_NR];
	struct xenvf_back_stats s;
	unsigned int i;

	xenvf_back_stats_read(vf, &s);
	for (i = 0; i < XENVF_SW_NR; i++)
		sw[i] = atomic64_read(&vf->sw[i]);
	for (i = 0; i < XENVF_FC_NR; i++)
		fc[i] = atomic64_read(&vf->fcoe[i]);
	xenvf_back_vf_stats_fill(out, &s, sw, fc);
}

/**
 * xenvf_back_ctrl_prepare() - per-op work before the policy
 * @vf: the VF (caller holds vf->lock)
 * @req: the decoded request
 *
 * Return: XENVF_OK to go on, or the status to answer (XENVF_EBUSY: a
 * hardware operation beyond the VF's rate; nothing was done).
 */
int xenvf_back_ctrl_prepare(struct xenvf_back_vf *vf,
			    const struct xenvf_ctrl_msg *req)
{
	int st = xenvf_ctrl_admit(&vf->cfg, &vf->hw_ops, req->op,
				  ktime_get_ns());

	if (st)
		return st;
	if (req->op == XENVF_CTRL_GET_STATS)
		ctrl_stats(vf, &vf->cfg.stats);
	return XENVF_OK;
}

/**
 * xenvf_back_ctrl_hw_throttled() - hardware operations refused so far
 * @vf: the VF (any context: a snapshot)
 *
 * Return: the count.
 */
u64 xenvf_back_ctrl_hw_throttled(struct xenvf_back_vf *vf)
{
	return READ_ONCE(vf->hw_ops.throttled);
}
