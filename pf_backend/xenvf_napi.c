// SPDX-License-Identifier: GPL-2.0-only
/* The shared NAPI poll-budget helpers of napi/, built into xenvf-back. */
#include "../napi/xenvf_napi.c"
