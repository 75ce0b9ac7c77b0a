// SPDX-License-Identifier: GPL-2.0-only
/* The shared xenstore key writer of common/, built into this module. */
#include "../common/xenbus_keys.c"
