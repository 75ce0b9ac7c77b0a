// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing and validation of user-supplied xenvf values. See xenvf_parse.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xenvf_proto.h"
#include "xenvf_parse.h"

static int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int xenvf_parse_mac(const char *s, uint8_t out[XENVF_MAC_LEN])
{
	uint8_t mac[XENVF_MAC_LEN];
	char sep = 0;
	int i, hi, lo, nonzero = 0;

	if (!s || strlen(s) != 17)
		return -EINVAL;
	for (i = 0; i < XENVF_MAC_LEN; i++) {
		const char *p = s + 3 * i;

		hi = hex_nibble(p[0]);
		lo = hex_nibble(p[1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		if (i < XENVF_MAC_LEN - 1) {
			if (p[2] != ':' && p[2] != '-')
				return -EINVAL;
			if (sep && p[2] != sep)
				return -EINVAL;
			sep = p[2];
		}
		mac[i] = (uint8_t)(hi << 4 | lo);
		nonzero |= mac[i];
	}
	/* A VF's own address: never multicast/broadcast, never all zero. */
	if ((mac[0] & 1) || !nonzero)
		return -EINVAL;
	memcpy(out, mac, sizeof(mac));
	return 0;
}

int xenvf_parse_uint(const char *s, unsigned long min, unsigned long max,
		     unsigned long *out)
{
	unsigned long v = 0;
	const char *p;

	if (!s || !*s)
		return -EINVAL;
	for (p = s; *p; p++) {
		unsigned long d = (unsigned long)(*p - '0');

		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		/* Stop as soon as v would pass max, so v never overflows. */
		if (d > max || v > (max - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int xenvf_parse_vlan(const char *s, uint16_t *out)
{
	unsigned long v;

	if (xenvf_parse_uint(s, 0, XENVF_VLAN_MAX, &v))
		return -EINVAL;
	*out = (uint16_t)v;
	return 0;
}

int xenvf_parse_mtu(const char *s, unsigned int *out)
{
	unsigned long v;

	if (xenvf_parse_uint(s, XENVF_MTU_MIN, XENVF_MTU_MAX, &v))
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

int xenvf_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "on", "yes", "true", "1" };
	static const char *const no[] = { "off", "no", "false", "0" };
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

int xenvf_split_kv(char *s, char **key, char **value)
{
	char *eq = s ? strchr(s, '=') : NULL;

	if (!eq || eq == s)
		return -EINVAL;
	*eq = '\0';
	*key = s;
	*value = eq + 1;
	return 0;
}

int xenvf_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}
