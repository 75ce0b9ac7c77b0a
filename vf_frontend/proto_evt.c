// SPDX-License-Identifier: GPL-2.0-only
/* The shared event-message code of common/proto, built into xenvf-front. */
#include "../common/proto/evt_msg.c"
