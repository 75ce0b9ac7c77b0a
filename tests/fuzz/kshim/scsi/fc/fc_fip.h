/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: back_fcoe.c uses nothing of FIP */
