/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: see ../kshim.h */
#include "../kshim.h"
