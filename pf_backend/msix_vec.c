// SPDX-License-Identifier: GPL-2.0-only
/* msix/'s vector accounting and event rate limiter, built into xenvf-back. */
#include "../msix/msix_vec.c"
