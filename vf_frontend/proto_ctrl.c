// SPDX-License-Identifier: GPL-2.0-only
/* The shared control-message code of common/proto, built into xenvf-front. */
#include "../common/proto/ctrl_msg.c"
