// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-flood IFACE DSTMAC SIZE SECONDS: send SIZE-byte frames (EtherType
 * 0x88b5, local experimental) to DSTMAC on IFACE as fast as the socket
 * takes them (a 64 MiB send buffer), for SECONDS; then print "sent N
 * refused M". A rig tool: it floods a VF through its representor while
 * the guest posts no RX pages, to show the backend's RX backlog bound and
 * timeouts (xenvf-load).
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned char frame[9728] = { 0 };
	unsigned long sent = 0, refused = 0, size;
	struct sockaddr_ll sll = { 0 };
	unsigned int mac[6], i;
	int sndbuf = 64 << 20;
	time_t end;
	int fd;

	if (argc != 5 || sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1],
				&mac[2], &mac[3], &mac[4], &mac[5]) != 6) {
		fprintf(stderr, "usage: xenvf-flood IFACE DSTMAC SIZE SECONDS\n");
		return 2;
	}
	size = strtoul(argv[3], NULL, 0);
	if (size < 60 || size > sizeof(frame)) {
		fprintf(stderr, "xenvf-flood: SIZE 60..%zu\n", sizeof(frame));
		return 2;
	}
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("xenvf-flood: socket");
		return 1;
	}
	/*
	 * The backend holds a queued frame (charged to this socket) until the
	 * guest takes it or it expires: a big send buffer, so that the
	 * backend's bound is met before the socket's own.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf))) {
		perror("xenvf-flood: SO_SNDBUFFORCE");
		return 1;
	}
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(argv[1]);
	sll.sll_halen = 6;
	if (!sll.sll_ifindex) {
		perror("xenvf-flood: interface");
		return 1;
	}
	for (i = 0; i < 6; i++)
		frame[i] = sll.sll_addr[i] = mac[i];
	frame[6] = 0x02;		/* a locally administered source */
	frame[12] = 0x88;
	frame[13] = 0xb5;
	end = time(NULL) + strtol(argv[4], NULL, 0);
	while (time(NULL) < end) {
		if (sendto(fd, frame, size, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) == (ssize_t)size)
			sent++;
		else if (errno == ENOBUFS || errno == EAGAIN || errno == ENETDOWN)
			refused++;
		else {
			perror("xenvf-flood: sendto");
			return 1;
		}
	}
	printf("sent %lu refused %lu\n", sent, refused);
	return 0;
}
