/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: IP protocol numbers */
#ifndef XENVF_KSHIM_IN_H
#define XENVF_KSHIM_IN_H
#include "../kshim.h"

#define IPPROTO_UDP	17
#define IPPROTO_GRE	47

#endif
