/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: 802.1Q constants (values of the kernel's if_vlan.h) */
#ifndef XENVF_KSHIM_IF_VLAN_H
#define XENVF_KSHIM_IF_VLAN_H
#include "if_ether.h"

#define VLAN_HLEN	4
#define VLAN_ETH_HLEN	18
#define VLAN_VID_MASK	0x0fff
#define VLAN_PRIO_SHIFT	13
#define VLAN_N_VID	4096

#endif
