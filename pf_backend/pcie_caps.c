// SPDX-License-Identifier: GPL-2.0-only
/* pcie_cfg's capability walks and SR-IOV parser, built into xenvf-back. */
#include "../pcie_cfg/pcie_caps.c"
