// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-rawsend IFACE DSTMAC COUNT SIZE ETHERTYPE [SECONDS]: send COUNT
 * frames of SIZE bytes (Ethernet header included) from IFACE's MAC to
 * DSTMAC with ETHERTYPE (hex), straight to the driver (PACKET_QDISC_BYPASS,
 * so a representor whose carrier is off still gets them), with a send
 * buffer big enough that frames held by the receiver do not block the
 * sender; COUNT 0: one frame a millisecond for SECONDS (or until killed).
 * Prints "sent N failed M" (and the first failure's error).
 * A rig tool: dom0's flood of a VF through its representor.
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
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "rig_mac.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	const struct timespec ms = { 0, 1000000 };
	static unsigned char frame[65536];
	unsigned long count, sent = 0, failed = 0, i;
	struct sockaddr_ll to;
	struct ifreq ifr;
	unsigned int size, type;
	int first_errno = 0;
	int fd, one = 1, buf = 256 << 20;
	time_t end;

	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: %s IFACE DSTMAC COUNT SIZE ETHERTYPE [SECONDS]\n", argv[0]);
		return 2;
	}
	count = strtoul(argv[3], NULL, 0);
	size = strtoul(argv[4], NULL, 0);
	type = strtoul(argv[5], NULL, 16);
	end = time(NULL) + (argc == 7 ? atoi(argv[6]) : 0);
	if (size < 14 || size > sizeof(frame) || parse_mac(argv[2], frame)) {
		fprintf(stderr, "bad size or MAC\n");
		return 2;
	}
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		perror(argv[1]);
		return 1;
	}
	memcpy(frame + 6, ifr.ifr_hwaddr.sa_data, 6);
	frame[12] = type >> 8;
	frame[13] = type & 0xff;
	for (i = 14; i < size; i++)
		frame[i] = (unsigned char)i;
	setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof(buf)) < 0)
		perror("SO_SNDBUFFORCE");
	memset(&to, 0, sizeof(to));
	to.sll_family = AF_PACKET;
	to.sll_ifindex = if_nametoindex(argv[1]);
	to.sll_halen = 6;
	memcpy(to.sll_addr, frame, 6);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	for (i = 0; !stop && (count ? i < count : time(NULL) < end); i++) {
		if (sendto(fd, frame, size, 0, (struct sockaddr *)&to, sizeof(to)) == (ssize_t)size)
			sent++;
		else if (!failed++)
			first_errno = errno;
		if (!count)
			nanosleep(&ms, NULL);
	}
	printf("sent %lu failed %lu%s%s\n", sent, failed,
	       failed ? ", first: " : "", failed ? strerror(first_errno) : "");
	return 0;
}
