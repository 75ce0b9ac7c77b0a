/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: SOF and EOF codes (values of the kernel's scsi/fc/fc_encaps.h) */
#ifndef XENVF_KSHIM_FC_ENCAPS_H
#define XENVF_KSHIM_FC_ENCAPS_H

enum fc_sof {
	FC_SOF_F = 0x28, FC_SOF_I4 = 0x29, FC_SOF_I2 = 0x2d, FC_SOF_I3 = 0x2e,
	FC_SOF_N4 = 0x31, FC_SOF_N2 = 0x35, FC_SOF_N3 = 0x36, FC_SOF_C4 = 0x39,
};

enum fc_eof {
	FC_EOF_N = 0x41, FC_EOF_T = 0x42, FC_EOF_RT = 0x44, FC_EOF_DT = 0x46,
	FC_EOF_NI = 0x49, FC_EOF_DTI = 0x4e, FC_EOF_RTI = 0x4f, FC_EOF_A = 0x50,
};

#endif
