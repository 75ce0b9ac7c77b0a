// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-pcp IFACE: count the FCoE (0x8906) and FIP (0x8914) frames IFACE
 * receives, by 802.1p priority, until SIGTERM or SIGINT; then print one
 * line per kind and priority seen: "fcoe pcp=3 120", "fip untagged 4".
 * Frames of the local experimental EtherType 0x88b5 (the hostile
 * frontend's) are counted by source MAC and VLAN: "local src
 * 02:00:00:00:00:01 untagged 2048", "local src ... vid=100 3".
 * A rig tool (no tcpdump in the initramfs): the VLAN tag is read from the
 * packet socket's auxiliary data, where the kernel puts an offloaded tag.
 *
 * xenvf-pcp -a IFACE: instead, every frame a tap on IFACE gets, received
 * or outgoing (a representor's taps get both directions as outgoing), by
 * source MAC: "all src 00:16:3e:00:00:01 untagged 12".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define ETH_P_FCOE_ 0x8906
#define ETH_P_FIP_ 0x8914

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* [kind][pcp 0..7, 8 = untagged] */
static unsigned long counts[2][9];

#define ETH_P_LOCAL_ 0x88b5
#define LOCAL_KEYS 16
#define UNTAGGED 0xffff

/* 0x88b5 frames by source and VID (UNTAGGED); the rest in "other". */
static struct {
	unsigned char src[6];
	unsigned int vid;
	unsigned long n;
} local[LOCAL_KEYS];
static unsigned int nr_local;
static unsigned long local_other;

static void count_local(const unsigned char *src, unsigned int vid)
{
	unsigned int i;

	for (i = 0; i < nr_local; i++)
		if (local[i].vid == vid && !memcmp(local[i].src, src, 6)) {
			local[i].n++;
			return;
		}
	if (nr_local == LOCAL_KEYS) {
		local_other++;
		return;
	}
	memcpy(local[nr_local].src, src, 6);
	local[nr_local].vid = vid;
	local[nr_local++].n = 1;
}

static int all;	/* -a: every frame by source MAC, in local[] (vid unused) */

static void count(const unsigned char *frame, ssize_t len,
		  const struct tpacket_auxdata *aux)
{
	unsigned int type, pcp = 8, off = 12, vid = UNTAGGED;

	if (len < 14)
		return;
	if (all) {
		count_local(frame + 6, UNTAGGED);
		return;
	}
	type = frame[off] << 8 | frame[off + 1];
	if (aux && (aux->tp_status & TP_STATUS_VLAN_VALID)) {
		pcp = aux->tp_vlan_tci >> 13;
		vid = aux->tp_vlan_tci & 0xfff;
	} else if ((type == 0x8100 || type == 0x88a8) && len >= 18) {
		/* tag left in band */
		pcp = frame[14] >> 5;
		vid = (frame[14] << 8 | frame[15]) & 0xfff;
		type = frame[16] << 8 | frame[17];
	}
	if (type == ETH_P_LOCAL_)
		count_local(frame + 6, vid);
	if (type == ETH_P_FCOE_)
		counts[0][pcp]++;
	else if (type == ETH_P_FIP_)
		counts[1][pcp]++;
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "fcoe", "fip" };
	unsigned char buf[10000], cbuf[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
	struct timeval tv = { .tv_sec = 1 };
	struct sockaddr_ll sll = { 0 };
	struct sigaction sa = { 0 };
	int fd, one = 1, k, p;

	if (argc == 3 && !strcmp(argv[1], "-a")) {
		all = 1;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: xenvf-pcp [-a] IFACE\n");
		return 2;
	}
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "xenvf-pcp: no interface %s\n", argv[1]);
		return 1;
	}
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) ||
	    setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("xenvf-pcp");
		return 1;
	}
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stop) {
		struct iovec iov = { buf, sizeof(buf) };
		struct sockaddr_ll from;
		struct msghdr msg = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		};
		const struct tpacket_auxdata *aux = NULL;
		struct cmsghdr *c;
		ssize_t n = recvmsg(fd, &msg, 0);

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			perror("recvmsg");
			return 1;
		}
		if (from.sll_pkttype == PACKET_OUTGOING && !all)
			continue;
		for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
			if (c->cmsg_level == SOL_PACKET &&
			    c->cmsg_type == PACKET_AUXDATA)
				aux = (const struct tpacket_auxdata *)CMSG_DATA(c);
		count(buf, n, aux);
	}
	for (k = 0; k < 2; k++)
		for (p = 0; p < 9; p++)
			if (counts[k][p] && p < 8)
				printf("%s pcp=%d %lu\n", kinds[k], p, counts[k][p]);
			else if (counts[k][p])
				printf("%s untagged %lu\n", kinds[k], counts[k][p]);
	for (k = 0; k < (int)nr_local; k++) {
		const unsigned char *m = local[k].src;

		printf("%s src %02x:%02x:%02x:%02x:%02x:%02x ", all ? "all" : "local",
		       m[0], m[1], m[2], m[3], m[4], m[5]);
		if (local[k].vid == UNTAGGED)
			printf("untagged %lu\n", local[k].n);
		else
			printf("vid=%u %lu\n", local[k].vid, local[k].n);
	}
	if (local_other)
		printf("%s other %lu\n", all ? "all" : "local", local_other);
	return 0;
}
