/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: the parsers use byte offsets, not the header structs */
#include "in.h"
