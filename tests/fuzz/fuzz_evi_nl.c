// fuzz-build: -Ixen-tools -Icommon/proto xen-tools/evi_msg.c xen-tools/evi_args.c xen-tools/xenvf_parse.c xen-tools/json.c
// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the xenvf tool's netlink reply parsing
 * (xen-tools/evi_msg.c): a datagram from the kernel, walked as `xenvf evi`
 * walks it (xen-tools/evi.c: transact), each message handed to the error,
 * family-id or reply formatter. Input: [0] the command whose replies these
 * are (0 show, 1 peer list, 2 vlan list, 3 mac list, else an ack-only
 * command), [1] the VID a mac list asks for (0xff: all), then the
 * datagram. Asserts: every message lies inside the datagram, an extack
 * message is a string inside its message, formatted text is a string of
 * the length reported, inside the buffer.
 */
#include <assert.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <string.h>

#include "evi_msg.h"
#include "xenvf_evi.h"

static const int cmds[] = {
	XENVF_EVI_CMD_GET, XENVF_EVI_CMD_PEER_GET, XENVF_EVI_CMD_VLAN_GET,
	XENVF_EVI_CMD_MAC_GET, XENVF_EVI_CMD_PEER_ADD,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the tool receives into an aligned buffer of this size */
	static uint8_t buf[XENVF_NL_BUF] __attribute__((aligned(8)));
	static char text[8192];
	const struct nlmsghdr *m;
	struct xenvf_evi_args a;
	size_t off = 0, len, used, prev;
	const char *ext;
	uint16_t id;
	int rc, error;

	if (size < 2)
		return 0;
	memset(&a, 0, sizeof(a));
	a.cmd = cmds[data[0] < 4 ? data[0] : 4];
	a.dump = a.cmd != XENVF_EVI_CMD_GET && a.cmd != XENVF_EVI_CMD_PEER_ADD;
	a.vid = data[1] == 0xff ? -1 : data[1] * 16;
	len = size - 2 < sizeof(buf) ? size - 2 : sizeof(buf);
	memcpy(buf, data + 2, len);
	for (;;) {
		prev = off;
		rc = xenvf_nl_next(buf, len, &off, &m);
		assert(rc == 1 || rc == 0 || rc == -EPROTO);
		if (rc <= 0)
			break;
		assert(off > prev && off <= len);
		assert((const uint8_t *)m == buf + prev);
		assert(m->nlmsg_len >= NLMSG_HDRLEN && prev + m->nlmsg_len <= len);
		if (m->nlmsg_type == NLMSG_DONE || m->nlmsg_type == NLMSG_NOOP)
			continue;
		if (m->nlmsg_type == NLMSG_ERROR) {
			rc = xenvf_nl_error(m, &error, &ext);
			assert(rc == 0 || rc == -EPROTO);
			if (!rc && ext) {
				assert(ext > (const char *)m &&
				       ext < (const char *)m + m->nlmsg_len);
				assert(memchr(ext, '\0', (const char *)m + m->nlmsg_len - ext));
			}
			continue;
		}
		if (m->nlmsg_type == GENL_ID_CTRL) {
			rc = xenvf_nl_family_id(m, &id);
			assert(rc == 0 || rc == -EPROTO);
			continue;
		}
		used = 0;
		memset(text, 0x55, sizeof(text));
		text[0] = '\0';
		rc = xenvf_evi_format(&a, m, text, sizeof(text), &used);
		assert(rc == 0 || rc == -EPROTO || rc == -ENOSPC);
		assert(used < sizeof(text));
		if (!rc)
			assert(strlen(text) == used);
	}
	return 0;
}
