/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: F_CTL bits (values of the kernel's uapi scsi/fc/fc_fs.h) */
#ifndef XENVF_KSHIM_FC_FS_H
#define XENVF_KSHIM_FC_FS_H

#define FC_FC_LAST_SEQ	(1 << 20)
#define FC_FC_END_SEQ	(1 << 19)
#define FC_FC_END_CONN	(1 << 18)
#define FC_FC_SEQ_INIT	(1 << 16)
#define FC_FC_REL_OFF	(1 << 3)
#define FC_FC_FILL(i)	((i) & 3)

#endif
