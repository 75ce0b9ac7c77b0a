/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `xenvf evi ...`: EVI configuration of xenvf-back over the "xenvf_evi"
 * generic netlink family (docs/xenvf.1, common/proto/xenvf_evi.h).
 */
#ifndef XENVF_EVI_H_TOOL
#define XENVF_EVI_H_TOOL

/* The words after "evi"; returns the exit status (0, or 1 on an error). */
int xenvf_cmd_evi(int argc, char **argv);

#endif /* XENVF_EVI_H_TOOL */
