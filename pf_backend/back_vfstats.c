// SPDX-License-Identifier: GPL-2.0-only
/*
 * GET_STATS: the VF's counters as the control ring carries them
 * (struct xenvf_vf_stats, docs/protocol.md 3), summed from what the
 * backend counts (its queues, the switch, FCoE). Pure: the caller takes
 * the snapshots; KUnit-tested.
 */
#include <linux/string.h>

#include "xenvf_back.h"

/**
 * xenvf_back_vf_stats_fill() - the GET_STATS payload from the counters
 * @out: the payload
 * @s: the VF's data path counters (xenvf_back_stats_read)
 * @sw: its switch counters, XENVF_SW_NR of them
 * @fc: its FCoE counters, XENVF_FC_NR of them
 *
 * The representor's `ip -s link` seen from the VF (back_rep.c: its RX is
 * the VF's TX). RX: frames copied to the VF; rx_dropped every frame for
 * it that was not (its queue full, no memory, too big for it, segmenting
 * or the grant copy failed). TX: frames the backend took from the VF;
 * tx_dropped every one it refused or dropped (malformed, by any reason;
 * no memory; spoofed source; VLAN not allowed; no destination; no uplink,
 * the configured uplink absent or the uplink refused; an FCoE offload the
 * switch could not finish for want of memory), tx_errors those whose grant copy failed. Spoofed and
 * VLAN drops are also given alone. fcoe_packets: FCoE frames sent and
 * received; fcoe_crc_errors: received with a bad FC CRC.
 *
 * fcoe_drop_bad_offload is left out: a refused offload request is counted
 * under its TX drop reason already.
 */
void xenvf_back_vf_stats_fill(struct xenvf_vf_stats *out,
			      const struct xenvf_back_stats *s,
			      const u64 *sw, const u64 *fc)
{
	unsigned int i;
	u64 bad = 0;

	memset(out, 0, sizeof(*out));
	for (i = XENVF_DROP_NONE + 1; i < XENVF_DROP_NR_REASONS; i++)
		bad += s->drops[i];
	out->rx_packets = s->rx_packets;
	out->rx_bytes = s->rx_bytes;
	out->rx_multicast = s->rx_multicast;
	out->rx_dropped = s->rx_queue_full + s->rx_dropped + s->rx_too_big +
			  s->rx_offload_errors + s->rx_copy_errors +
			  sw[XENVF_SW_NO_MEM];
	out->tx_packets = s->tx_packets;
	out->tx_bytes = s->tx_bytes;
	out->tx_dropped = bad + s->tx_nomem + sw[XENVF_SW_SPOOF] +
			  sw[XENVF_SW_VLAN] + sw[XENVF_SW_NO_DEST] +
			  sw[XENVF_SW_NO_UPLINK] + sw[XENVF_SW_UPLINK_ERR] +
			  sw[XENVF_SW_UPLINK_ABSENT] + fc[XENVF_FC_DROP_NOMEM];
	out->tx_errors = s->tx_copy_errors;
	out->spoof_dropped = sw[XENVF_SW_SPOOF];
	out->vlan_dropped = sw[XENVF_SW_VLAN];
	out->fcoe_packets = fc[XENVF_FC_TX_FCOE] + fc[XENVF_FC_RX_FCOE];
	out->fcoe_crc_errors = fc[XENVF_FC_RX_CRC_ERR];
}
