/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: Ethernet constants (values of the kernel's uapi if_ether.h) */
#ifndef XENVF_KSHIM_IF_ETHER_H
#define XENVF_KSHIM_IF_ETHER_H
#include "../kshim.h"

#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_P_8021Q	0x8100
#define ETH_P_IPV6	0x86DD
#define ETH_P_8021AD	0x88A8
#define ETH_P_FCOE	0x8906
#define ETH_P_FIP	0x8914

#endif
