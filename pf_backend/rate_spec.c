// SPDX-License-Identifier: GPL-2.0-only
/* The shared `rate` key parser of common/, built into this module. */
#include "../common/rate_spec.c"
