/* SPDX-License-Identifier: GPL-2.0-only */
/* The rig tools' MAC argument: xx:xx:xx:xx:xx:xx, each byte at most 0xff. */
#ifndef XENVF_RIG_MAC_H
#define XENVF_RIG_MAC_H

#include <stdio.h>

/* Return: 0, or -1 if @s is not six hex bytes separated by colons. */
static inline int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int b[6];
	char end;
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &end) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (b[i] > 0xff)
			return -1;
		mac[i] = (unsigned char)b[i];
	}
	return 0;
}

#endif /* XENVF_RIG_MAC_H */
