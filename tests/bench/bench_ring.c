// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench-ring: throughput of the xenvf ring transport in userspace.
 *
 * A frontend thread and a backend thread share one TX ring page (the same
 * common/ring code the modules use) plus a payload area standing in for
 * granted pages; an eventfd per direction stands in for the event channel.
 * The frontend copies each payload into the area and posts a descriptor;
 * the backend copies each descriptor once, validates it with xenvf_tx_parse,
 * copies the payload out (as a grant copy would) and responds.
 *
 * "xenvf" mode uses the transport as the driver does: batched
 * produce/consume, push-and-check-notify, final-check, then sleep on the
 * event (no busy-poll: neither the frontend's NAPI nor the backend's work
 * item spins). "naive" mode pushes and signals after every single message,
 * the baseline the suppression is measured against. "handoff" is the
 * ceiling: the same two threads and two payload copies per message through
 * a 128-slot index pair, both sides spinning, no descriptors, no
 * validation, no signals. Threads are pinned to CPUs 0 and 1 where there
 * are two; slots are 4 KiB (a pool page each); every mode runs RUNS times
 * and prints the median with min-max.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "../../common/proto/data_desc.c"
#include "../../common/ring/xenvf_ring.c"

#define BUDGET	64
#define SLOT	4096	/* one pool page per slot */
#define RUNS	5

struct bench {
	union {
		struct xenvf_sring_hdr hdr;
		u8 bytes[XENVF_RING_PAGE_SIZE];
	} page __attribute__((aligned(64)));
	u8 area[128 * SLOT] __attribute__((aligned(64)));
	struct xenvf_ring front, back;
	int to_back, to_front;		/* eventfds */
	unsigned long total, size;
	bool naive, handoff;
	unsigned long notify_back, notify_front, bad;
	u8 sink[SLOT];
	_Atomic unsigned long prod, cons;	/* handoff mode */
};

/* pin the calling thread to CPU cpu when the machine has more than one */
static void pin(int cpu)
{
	cpu_set_t set;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void kick(int fd)
{
	u64 one = 1;

	if (write(fd, &one, sizeof(one)) != sizeof(one))
		abort();
}

static void wait_kick(int fd)
{
	u64 v;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		abort();
}

static void *backend(void *arg)
{
	struct bench *b = arg;
	struct xenvf_tx_request req;
	struct xenvf_tx_response rsp;
	struct xenvf_pkt_info info;
	unsigned long done = 0;
	int n, batch;

	pin(1);
	if (b->handoff) {
		while (done < b->total) {
			while (atomic_load_explicit(&b->prod, memory_order_acquire) == done)
				__builtin_ia32_pause();
			memcpy(b->sink, b->area + (done & 127) * SLOT, b->size);
			done++;
			atomic_store_explicit(&b->cons, done, memory_order_release);
		}
		return NULL;
	}
	while (done < b->total) {
		n = xenvf_ring_back_pending(&b->back);
		if (!n)
			n = xenvf_ring_back_final_check(&b->back);
		if (n < 0)
			abort();
		if (!n) {
			wait_kick(b->to_back);
			continue;
		}
		for (batch = 0; n > 0 && batch < BUDGET; n--, batch++) {
			xenvf_ring_back_copy_req(&b->back, &req);
			if (xenvf_tx_parse(&req, 1, &info) != 1 || info.drop)
				b->bad++;
			memcpy(b->sink, b->area + (req.id & 127) * SLOT, info.first_len);
			memset(&rsp, 0, sizeof(rsp));
			rsp.id = req.id;
			xenvf_ring_back_put_rsp(&b->back, &rsp);
			done++;
			if (b->naive) {
				xenvf_ring_back_push(&b->back);
				b->notify_front++;
				kick(b->to_front);
			}
		}
		if (!b->naive && xenvf_ring_back_push(&b->back)) {
			b->notify_front++;
			kick(b->to_front);
		}
	}
	return NULL;
}

static void frontend(struct bench *b, const u8 *payload)
{
	struct xenvf_tx_request req;
	struct xenvf_tx_response rsp;
	unsigned long sent = 0, acked = 0;
	int n;

	pin(0);
	if (b->handoff) {
		for (sent = 0; sent < b->total; sent++) {
			while (sent - atomic_load_explicit(&b->cons, memory_order_acquire) >= 128)
				__builtin_ia32_pause();
			memcpy(b->area + (sent & 127) * SLOT, payload, b->size);
			atomic_store_explicit(&b->prod, sent + 1, memory_order_release);
		}
		while (atomic_load_explicit(&b->cons, memory_order_acquire) < b->total)
			__builtin_ia32_pause();
		return;
	}
	while (acked < b->total) {
		while (sent < b->total && xenvf_ring_front_free(&b->front)) {
			memcpy(b->area + (sent & 127) * SLOT, payload, b->size);
			memset(&req, 0, sizeof(req));
			req.id = (u16)sent;
			req.size = (u16)b->size;
			req.offset = 0;
			xenvf_ring_front_put_req(&b->front, &req);
			sent++;
			if (b->naive) {
				xenvf_ring_front_push(&b->front);
				b->notify_back++;
				kick(b->to_back);
			}
		}
		if (!b->naive && xenvf_ring_front_push(&b->front)) {
			b->notify_back++;
			kick(b->to_back);
		}
		n = xenvf_ring_front_pending(&b->front);
		if (!n)
			n = xenvf_ring_front_final_check(&b->front);
		if (n < 0)
			abort();
		if (!n) {
			wait_kick(b->to_front);
			continue;
		}
		while (n-- > 0) {
			xenvf_ring_front_copy_rsp(&b->front, &rsp);
			acked++;
		}
	}
}

struct result {
	double mmsg, nb, nf, gbs;
};

static int cmp_res(const void *x, const void *y)
{
	double a = ((const struct result *)x)->mmsg, c = ((const struct result *)y)->mmsg;

	return (a > c) - (a < c);
}

static struct result run1(const char *mode, unsigned long size, unsigned long total)
{
	struct bench *b = aligned_alloc(64, sizeof(*b));
	u8 payload[SLOT];
	struct result r;
	pthread_t th;
	double t0, t;

	memset(b, 0, sizeof(*b));
	memset(payload, 0x5a, sizeof(payload));
	b->naive = mode[0] == 'n';
	b->handoff = mode[0] == 'h';
	b->size = size;
	b->total = total;
	b->to_back = eventfd(0, 0);
	b->to_front = eventfd(0, 0);
	xenvf_ring_shared_init(&b->page);
	xenvf_ring_attach(&b->front, &b->page, sizeof(b->page),
			  sizeof(struct xenvf_tx_request), sizeof(struct xenvf_tx_response));
	xenvf_ring_attach(&b->back, &b->page, sizeof(b->page),
			  sizeof(struct xenvf_tx_request), sizeof(struct xenvf_tx_response));
	t0 = now();
	pthread_create(&th, NULL, backend, b);
	frontend(b, payload);
	pthread_join(th, NULL);
	t = now() - t0;
	r.mmsg = total / t / 1e6;
	r.nb = 1000.0 * b->notify_back / total;
	r.nf = 1000.0 * b->notify_front / total;
	r.gbs = total * size * 2 / t / 1e9;
	if (b->bad)
		fprintf(stderr, "bench: %lu descriptors failed validation\n", b->bad);
	close(b->to_back);
	close(b->to_front);
	free(b);
	return r;
}

/* RUNS runs; the median run's figures, the spread of the message rate */
static void run(const char *mode, unsigned long size, unsigned long total)
{
	struct result r[RUNS];
	int i;

	for (i = 0; i < RUNS; i++)
		r[i] = run1(mode, size, total);
	qsort(r, RUNS, sizeof(r[0]), cmp_res);
	printf("| %-7s | %5lu B | %8.2f (%.2f-%.2f) | %9.2f | %9.2f | %6.2f |\n", mode, size,
	       r[RUNS / 2].mmsg, r[0].mmsg, r[RUNS - 1].mmsg, r[RUNS / 2].nb, r[RUNS / 2].nf,
	       r[RUNS / 2].gbs);
}

int main(int argc, char **argv)
{
	unsigned long total = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000000;
	static const unsigned long sizes[] = { 64, 1500, 4096 };
	unsigned int i;

	printf("| mode | payload | Mmsg/s median (min-max) of %d runs | notify to back /1000 msg | notify to front /1000 msg | payload copy GB/s |\n", RUNS);
	printf("|---|---|---|---|---|---|\n");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		run("xenvf", sizes[i], total);
		run("naive", sizes[i], total / 4);
		run("handoff", sizes[i], total);
	}
	return 0;
}
