/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: ARP opcodes */
#ifndef XENVF_KSHIM_IF_ARP_H
#define XENVF_KSHIM_IF_ARP_H
#include "../kshim.h"

#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2

#endif
