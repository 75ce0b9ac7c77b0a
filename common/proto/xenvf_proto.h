/* SPDX-License-Identifier: MIT */
/*
 * xenvf wire ABI between xenvf-back (dom0) and xenvf-front (domU).
 *
 * This header is shared by the kernel modules and the userspace tools, so it
 * may include nothing but fixed-width types. The full ABI (xenstore keys,
 * control ring, TX/RX descriptors) is specified in docs/protocol.md.
 */
#ifndef XENVF_PROTO_H
#define XENVF_PROTO_H

/* xenbus device type: frontend device/xenvf/<vf>, backend backend/xenvf/<domid>/<vf> */
#define XENVF_DEVICE_TYPE	"xenvf"

/* Protocol versions this source tree speaks. */
#define XENVF_PROTO_VERSION_MIN	1
#define XENVF_PROTO_VERSION_MAX	1

/*
 * Limits of one xenvf device, those of an 82599/X540 VF:
 * 63 VFs per PF, VLAN IDs 1..4094 (0 means untagged), a 9728-byte maximum
 * frame (9710-byte MTU after the Ethernet header, one VLAN tag and the FCS)
 * and the IPv4 minimum MTU of 68.
 */
#define XENVF_MAX_VFS		63
#define XENVF_MAX_QUEUES	8
#define XENVF_VLAN_MAX		4094
#define XENVF_MTU_MIN		68
#define XENVF_MTU_MAX		9710

#endif /* XENVF_PROTO_H */
