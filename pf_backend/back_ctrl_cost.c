// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a control request costs dom0, beyond the ring's budget: in
 * hardware mode RESET, SET_MAC and SET_VLAN take RTNL and call the PF
 * driver (up to six ndo_set_vf_* on RESET), and a refusal logs. A guest
 * may have them carried out at a bounded rate only (a token bucket per
 * VF, msix/); beyond it the request is answered XENVF_EBUSY ("try again
 * later"), changes nothing and is counted. Pure: KUnit-tested.
 */
#include "xenvf_back.h"

/**
 * xenvf_ctrl_op_hw() - does @op reach the hardware VF for this VF?
 * @cfg: the VF's configuration
 * @op: XENVF_CTRL_*
 *
 * Return: true for RESET, SET_MAC and SET_VLAN of a hardware-mode VF.
 */
bool xenvf_ctrl_op_hw(const struct xenvf_vf_cfg *cfg, u8 op)
{
	if (cfg->hw_vf < 0)
		return false;
	switch (op) {
	case XENVF_CTRL_RESET:
	case XENVF_CTRL_SET_MAC:
	case XENVF_CTRL_SET_VLAN:
		return true;
	default:
		return false;
	}
}

/**
 * xenvf_ctrl_admit() - may @op be carried out now?
 * @cfg: the VF's configuration
 * @hw: the VF's bucket of hardware operations
 * @op: XENVF_CTRL_*
 * @now_ns: the time
 *
 * Return: XENVF_OK, or XENVF_EBUSY for a hardware operation beyond the
 * VF's rate (counted in @hw->throttled).
 */
int xenvf_ctrl_admit(const struct xenvf_vf_cfg *cfg, struct xenvf_rate *hw,
		     u8 op, u64 now_ns)
{
	if (!xenvf_ctrl_op_hw(cfg, op))
		return XENVF_OK;
	return xenvf_rate_allow(hw, now_ns) ? XENVF_OK : XENVF_EBUSY;
}
