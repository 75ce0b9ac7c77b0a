// SPDX-License-Identifier: GPL-2.0-only
/*
 * What names a VF's representor, as switchdev representors are named:
 * its netdev name (xvf<domid>.<vf>, or the admin's `vifname` key), its
 * phys_port_name (vf<N>) and its phys_switch_id, one for every
 * representor of the backend's switch. Pure: KUnit-tested.
 */
#include <linux/ctype.h>
#include <linux/netdevice.h>
#include <linux/string.h>

#include "xenvf_back.h"

/* "xenvf" and the switch's number: one switch per dom0, stable across loads */
static const u8 xenvf_switch_id[] = { 'x', 'e', 'n', 'v', 'f', 0, 0, 1 };

/**
 * xenvf_rep_name_valid() - may @s name a representor (the `vifname` key)?
 * @s: the value as read from xenstore
 *
 * A netdev name the kernel takes as it is (dev_valid_name(): shorter than
 * IFNAMSIZ, not "." or "..", no '/', ':' or space), made only of letters,
 * digits, '.', '-' and '_' (no '%', which register_netdev() would expand,
 * nothing a hotplug script's shell could trip on).
 *
 * Return: true if valid.
 */
bool xenvf_rep_name_valid(const char *s)
{
	const char *p;

	if (!dev_valid_name(s))
		return false;
	/* ASCII only: the kernel's isalnum() takes Latin-1 letters too */
	for (p = s; *p; p++)
		if (!isascii(*p) || (!isalnum(*p) && *p != '.' && *p != '-' &&
				     *p != '_'))
			return false;
	return true;
}

/**
 * xenvf_rep_port_name() - the representor's phys_port_name: "vf<N>"
 * @index: the VF's number
 * @buf: where it goes
 * @len: its size
 *
 * Return: 0 or -EINVAL (@buf too small).
 */
int xenvf_rep_port_name(unsigned int index, char *buf, size_t len)
{
	int n = snprintf(buf, len, "vf%u", index);

	return n < 0 || (size_t)n >= len ? -EINVAL : 0;
}

/**
 * xenvf_rep_switch_id() - the phys_switch_id of every representor
 * @ppid: filled with the switch's id
 */
void xenvf_rep_switch_id(struct netdev_phys_item_id *ppid)
{
	BUILD_BUG_ON(sizeof(xenvf_switch_id) > MAX_PHYS_ITEM_ID_LEN);
	memcpy(ppid->id, xenvf_switch_id, sizeof(xenvf_switch_id));
	ppid->id_len = sizeof(xenvf_switch_id);
}
