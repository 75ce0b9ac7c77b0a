// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-rawtag: send crafted VLAN-tagged frames on a raw packet socket, as
 * a hostile guest would, to check the switch's tag rules (no scapy in the
 * rig).
 *   xenvf-rawtag IFACE DSTMAC COUNT [TAG...]
 * Each TAG is TPID:TCI in hex (8100:0, 88a8:64); the frames carry them in
 * that order, outermost first (none: an untagged frame), from IFACE's own MAC, then EtherType IPv4
 * and 46 bytes of zeros. Prints "sent N"; exit 0 when all COUNT went out.
 */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rig_mac.h"

#define MAX_TAGS	8

int main(int argc, char **argv)
{
	unsigned char frame[14 + 4 * MAX_TAGS + 2 + 46] = { 0 };
	struct sockaddr_ll sll = { 0 };
	struct ifreq ifr = { 0 };
	unsigned int tpid, tci;
	size_t len = 12;
	int fd, i, n, sent = 0;

	if (argc < 4 || argc - 4 > MAX_TAGS) {
		fprintf(stderr, "usage: %s IFACE DSTMAC COUNT [TPID:TCI...]\n", argv[0]);
		return 2;
	}
	if (parse_mac(argv[2], frame)) {
		fprintf(stderr, "bad MAC %s\n", argv[2]);
		return 2;
	}
	n = atoi(argv[3]);
	for (i = 4; i < argc; i++) {
		if (sscanf(argv[i], "%x:%x", &tpid, &tci) != 2 || tpid > 0xffff ||
		    tci > 0xffff) {
			fprintf(stderr, "bad tag %s\n", argv[i]);
			return 2;
		}
		frame[len++] = tpid >> 8;
		frame[len++] = tpid & 0xff;
		frame[len++] = tci >> 8;
		frame[len++] = tci & 0xff;
	}
	frame[len++] = 0x08;	/* IPv4, never parsed: zeros follow */
	frame[len++] = 0x00;
	len += 46;

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		perror(argv[1]);
		return 1;
	}
	memcpy(frame + 6, ifr.ifr_hwaddr.sa_data, 6);
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, frame, 6);
	for (i = 0; i < n; i++)
		if (sendto(fd, frame, len, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) == (ssize_t)len)
			sent++;
	close(fd);
	printf("sent %d\n", sent);
	return sent == n ? 0 : 1;
}
