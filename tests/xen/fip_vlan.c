// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-fip: FIP VLAN discovery (FC-BB-5) on a raw packet socket, the two
 * ends of what fcoe-utils' fipvlan and an FCF do, for the rig (no
 * fcoe-utils there).
 *   xenvf-fip request IFACE SECONDS   send a VLAN Request to ALL-FCF-MACs,
 *                                     print "vlan N" per VLAN notified
 *   xenvf-fip respond IFACE VID SECONDS  answer one VLAN Request with a
 *                                     VLAN Notification carrying VID
 * Exit 0 when the exchange happened within SECONDS, 1 otherwise.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define ETH_P_FIP_	0x8914
#define FIP_OP_VLAN	0x0004
#define FIP_SC_REQ	0x01
#define FIP_SC_NOTE	0x02
#define FIP_DT_MAC	2
#define FIP_DT_NAME	4
#define FIP_DT_VLAN	14
#define ETH_HLEN_	14
#define FIP_HLEN	10

static const unsigned char all_fcf_macs[6] = { 0x01, 0x10, 0x18, 0x01, 0x00, 0x02 };

static int fd, ifindex;
static unsigned char own_mac[6];

static int open_iface(const char *name)
{
	struct sockaddr_ll sll = { 0 };
	struct timeval tv = { .tv_sec = 1 };
	struct ifreq ifr = { 0 };

	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_FIP_));
	if (fd < 0) {
		perror("socket");
		return -1;
	}
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		perror(name);
		return -1;
	}
	memcpy(own_mac, ifr.ifr_hwaddr.sa_data, 6);
	ifindex = (int)if_nametoindex(name);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_FIP_);
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("bind");
		return -1;
	}
	return 0;
}

/* Ethernet + FIP header; returns the offset of the descriptors. */
static size_t fip_header(unsigned char *f, const unsigned char *dst,
			 unsigned char subcode, unsigned int desc_words)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, own_mac, 6);
	f[12] = ETH_P_FIP_ >> 8;
	f[13] = ETH_P_FIP_ & 0xff;
	f[14] = 0x10;			/* FIP version 1 */
	f[15] = 0;
	f[16] = FIP_OP_VLAN >> 8;
	f[17] = FIP_OP_VLAN & 0xff;
	f[18] = 0;
	f[19] = subcode;
	f[20] = desc_words >> 8;
	f[21] = desc_words & 0xff;
	f[22] = 0;
	f[23] = 0;
	return ETH_HLEN_ + FIP_HLEN;
}

static size_t mac_desc(unsigned char *d)
{
	d[0] = FIP_DT_MAC;
	d[1] = 2;
	memcpy(d + 2, own_mac, 6);
	return 8;
}

static int send_frame(const unsigned char *f, size_t len)
{
	unsigned char pad[64] = { 0 };

	if (len < 60) {			/* minimum Ethernet frame */
		memcpy(pad, f, len);
		f = pad;
		len = 60;
	}
	if (send(fd, f, len, 0) != (ssize_t)len) {
		perror("send");
		return -1;
	}
	return 0;
}

/* Receive the next FIP VLAN frame of @subcode; 0, or -1 at @deadline. */
static int recv_vlan(unsigned char *f, size_t size, ssize_t *len,
		     unsigned char subcode, time_t deadline)
{
	while (time(NULL) < deadline) {
		*len = recv(fd, f, size, 0);
		if (*len < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (*len < 0) {
			perror("recv");
			return -1;
		}
		if (*len < ETH_HLEN_ + FIP_HLEN || !memcmp(f + 6, own_mac, 6))
			continue;
		if ((f[16] << 8 | f[17]) == FIP_OP_VLAN && f[19] == subcode)
			return 0;
	}
	return -1;
}

static int do_request(time_t deadline)
{
	unsigned char f[1600];
	size_t off = fip_header(f, all_fcf_macs, FIP_SC_REQ, 2 + 3);
	unsigned int words, i, found = 0;
	ssize_t len;

	off += mac_desc(f + off);
	f[off] = FIP_DT_NAME;		/* our WWNN, from the MAC */
	f[off + 1] = 3;
	f[off + 2] = 0;
	f[off + 3] = 0;
	f[off + 4] = 0x10;
	f[off + 5] = 0;
	memcpy(f + off + 6, own_mac, 6);
	off += 12;
	if (send_frame(f, off))
		return 1;
	while (!recv_vlan(f, sizeof(f), &len, FIP_SC_NOTE, deadline)) {
		if (memcmp(f, own_mac, 6))
			continue;	/* a notification for another node */
		words = f[20] << 8 | f[21];
		off = ETH_HLEN_ + FIP_HLEN;
		for (i = 0; i < words && off + 4 <= (size_t)len;) {
			unsigned int dlen = f[off + 1];

			if (!dlen)
				break;
			if (f[off] == FIP_DT_VLAN) {
				printf("vlan %u\n",
				       (f[off + 2] << 8 | f[off + 3]) & 0xfff);
				found++;
			}
			i += dlen;
			off += dlen * 4;
		}
		if (found)
			return 0;
	}
	fprintf(stderr, "xenvf-fip: no VLAN notification\n");
	return 1;
}

static int do_respond(unsigned int vid, time_t deadline)
{
	unsigned char f[1600], dst[6];
	ssize_t len;
	size_t off;

	if (recv_vlan(f, sizeof(f), &len, FIP_SC_REQ, deadline)) {
		fprintf(stderr, "xenvf-fip: no VLAN request\n");
		return 1;
	}
	memcpy(dst, f + 6, 6);
	printf("request from %02x:%02x:%02x:%02x:%02x:%02x\n", dst[0], dst[1],
	       dst[2], dst[3], dst[4], dst[5]);
	off = fip_header(f, dst, FIP_SC_NOTE, 2 + 1);
	off += mac_desc(f + off);
	f[off] = FIP_DT_VLAN;
	f[off + 1] = 1;
	f[off + 2] = vid >> 8 & 0x0f;
	f[off + 3] = vid & 0xff;
	off += 4;
	return send_frame(f, off) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "request")) {
		if (open_iface(argv[2]))
			return 1;
		return do_request(time(NULL) + atoi(argv[3]));
	}
	if (argc == 5 && !strcmp(argv[1], "respond")) {
		if (open_iface(argv[2]))
			return 1;
		return do_respond((unsigned int)atoi(argv[3]) & 0xfff,
				  time(NULL) + atoi(argv[4]));
	}
	fprintf(stderr, "usage: xenvf-fip request IFACE SECONDS\n"
		"       xenvf-fip respond IFACE VID SECONDS\n");
	return 2;
}
