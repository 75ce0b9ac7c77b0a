// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvperf: the rig benchmark's traffic tool (make bench, tests/xen/scenarios/
 * bench.sh). Static, no dependencies, IPv4 only. Every mode ends by printing
 * one result line on stdout:
 *
 *   PERF <mode> key=value ...
 *
 * Modes:
 *   udp-recv PORT MAXSECS      count datagrams until 2 s without one (after
 *                              the first) or MAXSECS; rate over first..last
 *   udp-send HOST PORT SIZE SECS
 *                              send SIZE-byte datagrams as fast as the
 *                              socket takes them for SECS; errors counted
 *   rr-srv PORT MAXSECS        echo every datagram back, until 3 s without
 *                              one (after the first) or MAXSECS
 *   rr-cli HOST PORT SIZE SECS one SIZE-byte request at a time, wait for
 *                              the answer (1 s, else lost); RTT percentiles
 *   tcp-recv PORT MAXSECS      accept one connection, read to EOF
 *   tcp-send HOST PORT SECS    write 64 KiB buffers for SECS, then close
 *
 * Exit status 0 when the mode moved at least one packet (or byte), 1 when it
 * moved none, 2 on a usage or socket error. No timing is ever judged here.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAYLOAD 65507
#define MAX_SAMPLES 2000000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "xvperf: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: xvperf udp-recv PORT MAXSECS | udp-send HOST PORT SIZE SECS |\n"
		"       rr-srv PORT MAXSECS | rr-cli HOST PORT SIZE SECS |\n"
		"       tcp-recv PORT MAXSECS | tcp-send HOST PORT SECS\n");
	exit(2);
}

static long num(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi) {
		fprintf(stderr, "xvperf: bad number '%s' (%ld..%ld)\n", s, lo, hi);
		exit(2);
	}
	return v;
}

static struct sockaddr_in addr(const char *host, const char *port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)num(port, 1, 65535));
	if (!host)
		a.sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, host, &a.sin_addr) != 1) {
		fprintf(stderr, "xvperf: bad IPv4 address '%s'\n", host);
		exit(2);
	}
	return a;
}

static int sock_bound(int type, const char *port)
{
	struct sockaddr_in a = addr(NULL, port);
	int one = 1, buf = 8 << 20;
	int fd = socket(AF_INET, type, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind");
	return fd;
}

static int sock_connected(int type, const char *host, const char *port)
{
	struct sockaddr_in a = addr(host, port);
	double start = now();
	int fd;

	/* a receiver started just before may not listen yet (TCG is slow):
	 * TCP retries a refused connect for up to 20 s
	 */
	for (;;) {
		fd = socket(AF_INET, type, 0);
		if (fd < 0)
			die("socket");
		if (!connect(fd, (struct sockaddr *)&a, sizeof(a)))
			return fd;
		if (type != SOCK_STREAM || errno != ECONNREFUSED || now() - start > 20)
			die("connect");
		close(fd);
		usleep(100000);
	}
}

/* poll one fd for input for up to ms milliseconds: 1 ready, 0 not */
static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, ms);

	if (r < 0 && errno != EINTR)
		die("poll");
	return r > 0;
}

static char buf[MAX_PAYLOAD + 1];

static int udp_recv(char **av)
{
	int fd = sock_bound(SOCK_DGRAM, av[0]);
	double max = num(av[1], 1, 86400), start = now(), first = 0, last = 0;
	unsigned long long pkts = 0, bytes = 0;

	while (now() - start < max) {
		int idle_ms = pkts ? 2000 : 200;

		if (!readable(fd, idle_ms)) {
			if (pkts)
				break;
			continue;
		}
		for (;;) {
			ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

			if (n < 0) {
				if (errno == EAGAIN || errno == EINTR)
					break;
				die("recv");
			}
			last = now();
			if (!pkts)
				first = last;
			pkts++;
			bytes += (unsigned long long)n;
		}
	}
	double secs = last > first ? last - first : 0;

	printf("PERF udp-recv pkts=%llu bytes=%llu secs=%.3f pps=%.0f mbps=%.3f\n",
	       pkts, bytes, secs, secs > 0 ? pkts / secs : 0,
	       secs > 0 ? bytes * 8 / secs / 1e6 : 0);
	return pkts ? 0 : 1;
}

static int udp_send(char **av)
{
	int fd = sock_connected(SOCK_DGRAM, av[0], av[1]);
	long size = num(av[2], 1, MAX_PAYLOAD);
	double secs = num(av[3], 1, 86400), start = now(), t;
	unsigned long long pkts = 0, errs = 0, nobufs = 0, stalls = 0;
	int sndbuf = 4 << 20;
	/* a blocking send waits for the driver's TX completions (back
	 * pressure, as netperf's sender sees it); a full socket that stays full
	 * for 100 ms counts as a stall and the clock is checked again, so a
	 * driver that stops completing cannot hang the sender
	 */
	struct timeval tmo = { .tv_sec = 0, .tv_usec = 100000 };

	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tmo, sizeof(tmo));
	memset(buf, 0x5a, (size_t)size);
	while ((t = now()) - start < secs) {
		for (int i = 0; i < 16; i++) {
			memcpy(buf, &pkts, sizeof(pkts) < (size_t)size ? sizeof(pkts) : (size_t)size);
			if (send(fd, buf, (size_t)size, 0) == size) {
				pkts++;
			} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
				stalls++;
			} else if (errno == ENOBUFS) {
				nobufs++;
			} else if (errno == ECONNREFUSED) {
				errs++; /* an ICMP from a receiver not yet there */
			} else if (errno != EINTR) {
				die("send");
			}
		}
	}
	t = now() - start;
	printf("PERF udp-send size=%ld pkts=%llu nobufs=%llu stalls=%llu errors=%llu secs=%.3f pps=%.0f\n",
	       size, pkts, nobufs, stalls, errs, t, pkts / t);
	return pkts ? 0 : 1;
}

static int rr_srv(char **av)
{
	int fd = sock_bound(SOCK_DGRAM, av[0]);
	double max = num(av[1], 1, 86400), start = now(), last = 0;
	unsigned long long n_req = 0;

	/* until MAXSECS, or 3 s without a request once one was answered: a
	 * fixed lifetime alone ran out before a slow rig guest's client began
	 */
	while (now() - start < max) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n;

		if (!readable(fd, 200)) {
			if (n_req && now() - last > 3)
				break;
			continue;
		}
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			die("recvfrom");
		}
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, fl) == n) {
			n_req++;
			last = now();
		}
	}
	printf("PERF rr-srv answered=%llu\n", n_req);
	return n_req ? 0 : 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int rr_cli(char **av)
{
	int fd = sock_connected(SOCK_DGRAM, av[0], av[1]);
	long size = num(av[2], 8, MAX_PAYLOAD);
	double secs = num(av[3], 1, 86400), start = now(), sum = 0;
	double *rtt = malloc(MAX_SAMPLES * sizeof(*rtt));
	unsigned long long seq = 0, lost = 0, errs = 0;
	size_t n = 0;

	if (!rtt)
		die("malloc");
	memset(buf, 0xa5, (size_t)size);
	/* the server may not be up yet (a process start takes seconds under a
	 * loaded TCG): probe (seq 0) every 200 ms for up to 30 s until one is
	 * answered, then start the measured window
	 */
	for (;;) {
		unsigned long long zero = 0, echo = 1;

		memcpy(buf, &zero, sizeof(zero));
		if (send(fd, buf, (size_t)size, 0) == size && readable(fd, 200) &&
		    recv(fd, buf, sizeof(buf), MSG_DONTWAIT) == size) {
			memcpy(&echo, buf, sizeof(echo));
			if (!echo)
				break;
		}
		if (now() - start > 30) {
			printf("PERF rr-cli size=%ld n=0 lost=0 errors=0 no-server\n", size);
			return 1;
		}
		usleep(100000); /* a refused send returns at once */
	}
	start = now();
	while (now() - start < secs && n < MAX_SAMPLES) {
		double t0 = now(), dl = t0 + 1.0;
		int got = 0;

		seq++;
		memcpy(buf, &seq, sizeof(seq));
		if (send(fd, buf, (size_t)size, 0) != size) {
			errs++; /* ECONNREFUSED: no server (yet) */
			usleep(10000);
			continue;
		}
		while (!got) {
			double left = dl - now();
			ssize_t r;
			unsigned long long echo;

			if (left <= 0 || !readable(fd, (int)(left * 1000) + 1)) {
				if (now() >= dl)
					break;
				continue;
			}
			r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (r < 0) {
				if (errno == EAGAIN || errno == EINTR)
					continue;
				errs++;
				break;
			}
			memcpy(&echo, buf, sizeof(echo));
			if (r == size && echo == seq)
				got = 1; /* older answers (after a loss) are skipped */
		}
		if (got) {
			rtt[n] = (now() - t0) * 1e6;
			sum += rtt[n++];
		} else {
			lost++;
		}
	}
	if (!n) {
		printf("PERF rr-cli size=%ld n=0 lost=%llu errors=%llu\n", size, lost, errs);
		return 1;
	}
	qsort(rtt, n, sizeof(*rtt), cmp_double);
	printf("PERF rr-cli size=%ld n=%zu lost=%llu errors=%llu mean_us=%.1f p50_us=%.1f p99_us=%.1f min_us=%.1f max_us=%.1f\n",
	       size, n, lost, errs, sum / n, rtt[n / 2], rtt[(size_t)((n - 1) * 0.99)],
	       rtt[0], rtt[n - 1]);
	free(rtt);
	return 0;
}

static int tcp_recv(char **av)
{
	int lfd = sock_bound(SOCK_STREAM, av[0]), fd;
	double max = num(av[1], 1, 86400), start = now(), t0;
	unsigned long long bytes = 0;

	if (listen(lfd, 1) < 0)
		die("listen");
	while (!readable(lfd, 200))
		if (now() - start >= max) {
			printf("PERF tcp-recv bytes=0 secs=0 mbps=0\n");
			return 1;
		}
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("accept");
	t0 = now();
	while (now() - start < max) {
		ssize_t r;

		if (!readable(fd, 200))
			continue;
		r = read(fd, buf, sizeof(buf));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("read");
		}
		if (!r)
			break;
		bytes += (unsigned long long)r;
	}
	t0 = now() - t0;
	printf("PERF tcp-recv bytes=%llu secs=%.3f mbps=%.3f\n", bytes, t0, bytes * 8 / t0 / 1e6);
	return bytes ? 0 : 1;
}

static int tcp_send(char **av)
{
	int fd = sock_connected(SOCK_STREAM, av[0], av[1]);
	double secs = num(av[2], 1, 86400), start = now(), t;
	unsigned long long bytes = 0;
	static char big[65536];

	memset(big, 0x3c, sizeof(big));
	while (now() - start < secs) {
		ssize_t w = write(fd, big, sizeof(big));

		if (w < 0) {
			if (errno == EINTR)
				continue;
			die("write");
		}
		bytes += (unsigned long long)w;
	}
	shutdown(fd, SHUT_WR);
	/* wait for the receiver to close: the bytes are then delivered */
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	t = now() - start;
	close(fd);
	printf("PERF tcp-send bytes=%llu secs=%.3f mbps=%.3f\n", bytes, t, bytes * 8 / t / 1e6);
	return bytes ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int nargs;
		int (*fn)(char **);
	} modes[] = {
		{ "udp-recv", 2, udp_recv }, { "udp-send", 4, udp_send },
		{ "rr-srv", 2, rr_srv },     { "rr-cli", 4, rr_cli },
		{ "tcp-recv", 2, tcp_recv }, { "tcp-send", 3, tcp_send },
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		usage();
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(argv[1], modes[i].name)) {
			if (argc != modes[i].nargs + 2)
				usage();
			return modes[i].fn(argv + 2);
		}
	usage();
	return 2;
}
