/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: the type only (declared in evi_table.h's structs) */
#ifndef XENVF_KSHIM_ATOMIC_H
#define XENVF_KSHIM_ATOMIC_H
#include "../kshim.h"

typedef struct { long long counter; } atomic64_t;

#endif
