// SPDX-License-Identifier: GPL-2.0-only
/* The shared control-message code of common/proto, built into xenvf-back. */
#include "../common/proto/ctrl_msg.c"
