// SPDX-License-Identifier: GPL-2.0-only
/* The shared ring transport of common/ring, built into xenvf-back. */
#include "../common/ring/xenvf_ring.c"
