/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: see list.h */
#include "list.h"
