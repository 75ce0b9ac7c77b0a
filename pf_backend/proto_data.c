// SPDX-License-Identifier: GPL-2.0-only
/* The shared descriptor validation of common/proto, built into xenvf-back. */
#include "../common/proto/data_desc.c"
