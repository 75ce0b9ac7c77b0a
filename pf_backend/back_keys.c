// SPDX-License-Identifier: GPL-2.0-only
/*
 * Values of xenstore keys as the backend accepts them: the whole string,
 * nothing before or after (xenbus_scanf("%u") took "12abc" as 12, and
 * mac_pton() ignores what follows 17 characters). Pure: KUnit-tested.
 */
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "xenvf_back.h"

#define MAC_STR_LEN	17	/* xx:xx:xx:xx:xx:xx */

/**
 * xenvf_parse_u32() - an unsigned decimal key value within [min, max]
 * @s: the value as read (a trailing newline is allowed)
 * @min: smallest valid value
 * @max: largest valid value
 * @out: the value
 *
 * Return: 0 or -EINVAL (malformed, trailing characters, out of range).
 */
int xenvf_parse_u32(const char *s, u32 min, u32 max, u32 *out)
{
	u32 v;

	if (!isdigit(*s) || kstrtou32(s, 10, &v) || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/**
 * xenvf_parse_mac() - a unicast MAC key value (the admin's `mac`)
 * @s: the value, exactly xx:xx:xx:xx:xx:xx
 * @mac: the address
 *
 * Return: 0 or -EINVAL (malformed, trailing characters, multicast, zero).
 */
int xenvf_parse_mac(const char *s, u8 *mac)
{
	u8 m[ETH_ALEN];

	if (strlen(s) != MAC_STR_LEN || !mac_pton(s, m) ||
	    !is_valid_ether_addr(m))
		return -EINVAL;
	ether_addr_copy(mac, m);
	return 0;
}
