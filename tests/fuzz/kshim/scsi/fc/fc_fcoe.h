/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: FCoE version (value of the kernel's scsi/fc/fc_fcoe.h) */
#ifndef XENVF_KSHIM_FC_FCOE_H
#define XENVF_KSHIM_FC_FCOE_H

#define FC_FCOE_VER	0

#endif
