/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: the type only (declared in evi_table.h's structs) */
#ifndef XENVF_KSHIM_SPINLOCK_H
#define XENVF_KSHIM_SPINLOCK_H
#include "../kshim.h"

typedef struct { int locked; } spinlock_t;

#endif
