/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsing and validation of the values a user gives the xenvf tool
 * (attach/set options: mac=, vlan=, trust=, queues=, mtu=, vf=).
 * Pure functions, no I/O: unit-tested in tests/unit/.
 */
#ifndef XENVF_PARSE_H
#define XENVF_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XENVF_MAC_LEN 6

/*
 * Each parser returns 0 and stores the value on success, or -EINVAL and
 * leaves *out untouched when the text is not a valid value.
 */

/* "aa:bb:cc:dd:ee:ff" (or '-' separators); unicast and non-zero only. */
int xenvf_parse_mac(const char *s, uint8_t out[XENVF_MAC_LEN]);
/* a decimal integer in [min, max], no sign, no trailing characters. */
int xenvf_parse_uint(const char *s, unsigned long min, unsigned long max,
		     unsigned long *out);
/* 0 (untagged) or 1..XENVF_VLAN_MAX */
int xenvf_parse_vlan(const char *s, uint16_t *out);
/* XENVF_MTU_MIN..XENVF_MTU_MAX */
int xenvf_parse_mtu(const char *s, unsigned int *out);
/* on/off, yes/no, true/false, 1/0 */
int xenvf_parse_bool(const char *s, bool *out);
/* split "key=value" in place: *key and *value point into s */
int xenvf_split_kv(char *s, char **key, char **value);

/* Format a message for the user into @err (if given); returns -EINVAL. */
int xenvf_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* XENVF_PARSE_H */
