// SPDX-License-Identifier: GPL-2.0-only
/*
 * Attacks on the TX and RX rings (after the connect). Frames are sent from
 * the VF's admin MAC (so the spoof check passes) to broadcast, or to the
 * unicast MAC of the module parameter dst.
 *
 *   txbadref    4 packets whose grant reference was never granted
 *   txforeign   4 packets from a page granted to another domain (foreign=)
 *   txro        4 packets from a page granted read-only (valid: netfront
 *               does so)
 *   txedge      5 packets at the page edge: offset 4000 size 200, a second
 *               slot at 4090 size 10, offset 4096, offset 65535, and one
 *               that ends exactly at 4096 (valid)
 *   txdup       8 valid packets, all with request id 5
 *   txslots     a valid 18-slot packet (XENVF_MAX_SLOTS), then a 19-slot
 *               one (fatal); the device then ignores the backend's close
 *               and keeps notifying
 *   txoverflow  the TX request producer 1000 beyond the ring (fatal)
 *   rxoverflow  the RX request producer 1000 beyond the ring (fatal once
 *               dom0 sends the VF a frame)
 *   rxbogus     64 RX posts, none usable: never granted, granted read-only,
 *               granted to another domain
 *   rxnopost    no RX posts at all, while dom0 floods the VF
 *   gso         three 64 KiB TSO packets: gso_size 64 to broadcast,
 *               gso_size 64 to dst, gso_size 1448 to dst (valid)
 *   txrewrite   the queue's pool offered for mapping (feature-pool-map:
 *               TX page 0, one RX page), MAC owned by a RESET, then 2048
 *               valid frames in batches of 16, all from the one mapped
 *               page, which is rewritten without pause while they are in
 *               flight: the source MAC turned into dst's and an 802.1Q
 *               tag for VLAN 100 put in, then back (what the backend
 *               copied decides; what reaches dst must carry the VF's MAC
 *               and no tag)
 */
#include <linux/delay.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <xen/events.h>

#include "hostile.h"

#define TX_SLOTS	__CONST_RING_SIZE(xenvf_tx, XEN_PAGE_SIZE)
#define RX_SLOTS	__CONST_RING_SIZE(xenvf_rx, XEN_PAGE_SIZE)
#define FRAME_LEN	60
#define ETH_P_HOSTILE	0x88b5		/* IEEE local experimental */
#define RX_POSTS	64

static struct xenvf_tx_request *tx_put(struct hostile *h, u32 gref, u16 off,
				       u16 size, u16 id, u16 flags)
{
	struct xenvf_tx_sring *s = h->tx;
	struct xenvf_tx_request *r = &s->ring[h->tx_prod++ % TX_SLOTS].req;

	memset(r, 0, sizeof(*r));
	r->gref = gref;
	r->offset = off;
	r->size = size;
	r->id = id;
	r->flags = flags;
	return r;
}

static void tx_push(struct hostile *h)
{
	struct xenvf_tx_sring *s = h->tx;

	virt_wmb();	/* slots before the index */
	WRITE_ONCE(s->req_prod, h->tx_prod);
	notify_remote_via_irq(h->data_irq);
}

/* Wait (5 s at most) for every slot's response and log them by status. */
static void tx_wait(struct hostile *h)
{
	struct xenvf_tx_sring *s = h->tx;
	unsigned long deadline = jiffies + 5 * HZ;
	unsigned int okay = 0, error = 0, dropped = 0, null = 0, other = 0;
	unsigned int n = 0, same_id = 1;
	struct xenvf_tx_response rsp;
	RING_IDX prod;
	u16 id0 = 0;

	while (READ_ONCE(s->rsp_prod) != h->tx_prod && !READ_ONCE(h->stop) &&
	       time_before(jiffies, deadline))
		msleep(20);
	prod = READ_ONCE(s->rsp_prod);
	virt_rmb();	/* index before entries */
	if (prod - h->tx_cons > h->tx_prod - h->tx_cons)
		prod = h->tx_prod;	/* more answers than asked: ignore */
	for (; h->tx_cons != prod; h->tx_cons++, n++) {
		rsp = s->ring[h->tx_cons % TX_SLOTS].rsp;
		if (!n)
			id0 = rsp.id;
		else if (rsp.id != id0)
			same_id = 0;
		if (rsp.status == XENVF_TX_OKAY)
			okay++;
		else if (rsp.status == XENVF_TX_ERROR)
			error++;
		else if (rsp.status == XENVF_TX_DROPPED)
			dropped++;
		else if (rsp.status == XENVF_TX_NULL)
			null++;
		else
			other++;
	}
	dev_info(&h->dev->dev,
		 "hostile: %s: %u slots answered: okay %u error %u dropped %u null %u other %u, ids %s %u\n",
		 h->mode, n, okay, error, dropped, null, other,
		 same_id ? "all" : "from", id0);
}

/* A minimal frame at @p: dst, the VF's MAC, a local EtherType, a pattern. */
static void put_frame(struct hostile *h, u8 *p, const u8 *dst, u16 len)
{
	struct ethhdr *eth = (struct ethhdr *)p;
	unsigned int i;

	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, h->mac);
	eth->h_proto = htons(ETH_P_HOSTILE);
	for (i = ETH_HLEN; i < len; i++)
		p[i] = i;
}

static int data_page(struct hostile *h, unsigned int i, domid_t to, bool ro)
{
	if (h->ref[i] != INVALID_GRANT_REF)
		return 0;
	return hostile_grant_page(h, i, to, ro);
}

/**
 * hostile_tx_frame() - send one valid frame and wait for its answer
 * @h: the device, connected
 *
 * Return: the response's status, or a negative error.
 */
int hostile_tx_frame(struct hostile *h)
{
	struct xenvf_tx_sring *s = h->tx;
	unsigned long deadline = jiffies + 5 * HZ;
	int err = data_page(h, 0, h->dev->otherend_id, true);

	if (err)
		return err;
	put_frame(h, h->page[0], h->dst, FRAME_LEN);
	tx_put(h, h->ref[0], 0, FRAME_LEN, 1, 0);
	tx_push(h);
	while (READ_ONCE(s->rsp_prod) != h->tx_prod) {
		if (time_after(jiffies, deadline) || READ_ONCE(h->stop))
			return -ETIMEDOUT;
		msleep(20);
	}
	virt_rmb();	/* index before the entry */
	h->tx_cons = h->tx_prod;
	return s->ring[(h->tx_prod - 1) % TX_SLOTS].rsp.status;
}

static void tx_simple(struct hostile *h, u32 gref, unsigned int n, bool dup)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		tx_put(h, gref, 0, FRAME_LEN, dup ? 5 : i, 0);
	tx_push(h);
	tx_wait(h);
}

static void tx_edge(struct hostile *h)
{
	u8 *p = h->page[0];

	put_frame(h, p, h->dst, FRAME_LEN);
	put_frame(h, p + XENVF_RING_PAGE_SIZE - FRAME_LEN, h->dst, FRAME_LEN);
	tx_put(h, h->ref[0], 4000, 200, 0, 0);		/* crosses the page */
	tx_put(h, h->ref[0], 0, 110, 1, XENVF_TXF_MORE);
	tx_put(h, h->ref[0], 4090, 10, 2, 0);		/* second slot crosses */
	tx_put(h, h->ref[0], 4096, FRAME_LEN, 3, 0);	/* starts past it */
	tx_put(h, h->ref[0], 0xffff, FRAME_LEN, 4, 0);	/* u16 offset at its top */
	tx_put(h, h->ref[0], XENVF_RING_PAGE_SIZE - FRAME_LEN, FRAME_LEN, 5, 0);
	tx_push(h);
	tx_wait(h);
}

/* A stubborn guest: the ring is broken, it keeps poking the backend. */
static void keep_notifying(struct hostile *h, unsigned int seconds)
{
	unsigned int i;

	for (i = 0; i < seconds * 10 && !READ_ONCE(h->stop); i++) {
		notify_remote_via_irq(h->data_irq);
		notify_remote_via_irq(h->irq);
		msleep(100);
	}
	dev_info(&h->dev->dev, "hostile: %s: notified for %u s after the violation\n",
		 h->mode, seconds);
}

static void tx_slots(struct hostile *h)
{
	unsigned int i;

	put_frame(h, h->page[0], h->dst, 100);
	/* 18 slots of 100 bytes: the first slot's size is the whole packet */
	tx_put(h, h->ref[0], 0, 1800, 0, XENVF_TXF_MORE);
	for (i = 1; i < XENVF_MAX_SLOTS; i++)
		tx_put(h, h->ref[0], 0, 100, i,
		       i + 1 < XENVF_MAX_SLOTS ? XENVF_TXF_MORE : 0);
	tx_push(h);
	tx_wait(h);
	/* 19 slots: one past the limit */
	tx_put(h, h->ref[0], 0, 1900, 100, XENVF_TXF_MORE);
	for (i = 1; i <= XENVF_MAX_SLOTS; i++)
		tx_put(h, h->ref[0], 0, 100, 100 + i,
		       i < XENVF_MAX_SLOTS ? XENVF_TXF_MORE : 0);
	tx_push(h);
	dev_info(&h->dev->dev, "hostile: txslots: 19-slot packet sent\n");
	keep_notifying(h, 10);
}

/* IPv4/TCP headers of a @len-byte TSO frame to @dst (192.0.2.66 -> .1). */
static void put_tso_headers(struct hostile *h, u8 *p, const u8 *dst, u32 len)
{
	struct ethhdr *eth = (struct ethhdr *)p;
	struct iphdr *ip = (struct iphdr *)(p + ETH_HLEN);
	struct tcphdr *th = (struct tcphdr *)(ip + 1);
	u32 tcp_len = len - ETH_HLEN - sizeof(*ip);

	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, h->mac);
	eth->h_proto = htons(ETH_P_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons(len - ETH_HLEN);
	ip->frag_off = htons(IP_DF);
	ip->ttl = 64;
	ip->protocol = IPPROTO_TCP;
	ip->saddr = htonl(0xc0000242);
	ip->daddr = htonl(0xc0000201);
	ip->check = ip_fast_csum(ip, ip->ihl);
	th->source = htons(40000);
	th->dest = htons(9);
	th->seq = htonl(1);
	th->doff = 5;
	th->ack = 1;
	th->psh = 1;
	th->window = htons(65535);
	/* the pseudo-header sum, as Linux leaves it for CHECKSUM_PARTIAL */
	th->check = ~csum_tcpudp_magic(ip->saddr, ip->daddr, tcp_len,
				       IPPROTO_TCP, 0);
}

/* One 65535-byte TSO packet: headers page @hdr, payload from page 1. */
static void tso_packet(struct hostile *h, unsigned int hdr, u16 gso_size,
		       u16 id)
{
	struct xenvf_tx_request *r;
	unsigned int i, n = 16;

	r = tx_put(h, h->ref[hdr], 0, XENVF_MAX_PACKET, id,
		   XENVF_TXF_CSUM_PARTIAL | XENVF_TXF_GSO | XENVF_TXF_MORE);
	r->gso_type = XENVF_GSO_TCPV4;
	r->gso_size = gso_size;
	r->csum_start = ETH_HLEN + sizeof(struct iphdr);
	r->csum_offset = offsetof(struct tcphdr, check);
	/* the first slot carries 4096 bytes, 14 more 4096, the last 4095 */
	for (i = 1; i < n; i++)
		tx_put(h, h->ref[1], 0, i + 1 < n ? 4096 : 4095, id + i,
		       i + 1 < n ? XENVF_TXF_MORE : 0);
}

static void tx_gso(struct hostile *h)
{
	domid_t be = h->dev->otherend_id;
	u8 bcast[ETH_ALEN];
	int err;

	err = data_page(h, 1, be, true);
	err = err ?: data_page(h, 2, be, true);
	err = err ?: data_page(h, 3, be, true);
	if (err) {
		dev_err(&h->dev->dev, "hostile: gso: no grant\n");
		return;
	}
	eth_broadcast_addr(bcast);
	put_tso_headers(h, h->page[0], bcast, XENVF_MAX_PACKET);
	put_tso_headers(h, h->page[2], h->dst, XENVF_MAX_PACKET);
	put_tso_headers(h, h->page[3], h->dst, XENVF_MAX_PACKET);
	tso_packet(h, 0, XENVF_GSO_SIZE_MIN, 0);
	tso_packet(h, 2, XENVF_GSO_SIZE_MIN, 100);
	tso_packet(h, 3, 1448, 200);
	tx_push(h);
	tx_wait(h);
}

#define REWRITE_FRAMES	2048
#define REWRITE_BATCH	16
#define REWRITE_VID	100

/* Page 0 is the TX pool (read-only), page 3 the RX pool, page 2 the list. */
static int pool_pages(struct hostile *h)
{
	domid_t be = h->dev->otherend_id;
	struct xenvf_pool_desc *d;
	int err = data_page(h, 0, be, true);

	err = err ?: data_page(h, 3, be, false);
	if (err)
		return err;
	if (!h->page[2]) {
		h->page[2] = (void *)get_zeroed_page(GFP_KERNEL);
		if (!h->page[2])
			return -ENOMEM;
	}
	d = h->page[2];
	d->nr_tx = 1;
	d->nr_rx = 1;
	d->tx_ref[0] = h->ref[0];
	d->rx_ref[0] = h->ref[3];
	return data_page(h, 2, be, true);
}

/**
 * hostile_pool_keys() - offer the queue's pool for mapping (txrewrite)
 * @h: the device, keys being written
 *
 * Return: 0 or an errno.
 */
int hostile_pool_keys(struct hostile *h)
{
	const char *node = h->dev->nodename;
	int err = pool_pages(h);

	err = err ?: xenbus_printf(XBT_NIL, node, "feature-pool-map", "%u", 1);
	return err ?: xenbus_printf(XBT_NIL, node, "queue-0/pool-ref", "%u",
				    h->ref[2]);
}

/* The frame in the mapped page: valid, or spoofed and tagged (@bad). */
static void rewrite_frame(struct hostile *h, u8 *p, bool bad)
{
	if (!bad) {
		put_frame(h, p, h->dst, FRAME_LEN);
		return;
	}
	ether_addr_copy(p + ETH_ALEN, h->dst);
	p[12] = 0x81;
	p[13] = 0x00;
	p[14] = REWRITE_VID >> 8;
	p[15] = REWRITE_VID & 0xff;
	p[16] = ETH_P_HOSTILE >> 8;
	p[17] = ETH_P_HOSTILE & 0xff;
}

static void tx_rewrite(struct hostile *h)
{
	struct xenvf_tx_sring *s = h->tx;
	unsigned long deadline = jiffies + 120 * HZ;
	unsigned int sent, i, flips = 0, okay = 0, other = 0;
	struct xenvf_ctrl_api api = { .version = XENVF_PROTO_VERSION_1 };
	RING_IDX prod;
	int st;

	/* the control ring's order: API_NEGOTIATE, then RESET (owns the MAC) */
	st = hostile_ctrl_call(h, XENVF_CTRL_API_NEGOTIATE, &api, sizeof(api));
	st = st ?: hostile_ctrl_call(h, XENVF_CTRL_RESET, NULL, 0);
	if (st) {
		dev_err(&h->dev->dev, "hostile: txrewrite: API_NEGOTIATE/RESET status %d\n", st);
		return;
	}
	for (sent = 0; sent < REWRITE_FRAMES && !READ_ONCE(h->stop) &&
	     time_before(jiffies, deadline); sent += REWRITE_BATCH) {
		rewrite_frame(h, h->page[0], false);
		for (i = 0; i < REWRITE_BATCH; i++)
			tx_put(h, h->ref[0], 0, FRAME_LEN, i, 0);
		tx_push(h);
		while (READ_ONCE(s->rsp_prod) != h->tx_prod &&
		       !READ_ONCE(h->stop) && time_before(jiffies, deadline)) {
			rewrite_frame(h, h->page[0], !(flips++ & 1));
			cond_resched();
		}
		prod = READ_ONCE(s->rsp_prod);
		virt_rmb();	/* index before entries */
		if (prod - h->tx_cons > REWRITE_BATCH)
			prod = h->tx_prod;	/* more answers than asked */
		for (; h->tx_cons != prod; h->tx_cons++)
			if (s->ring[h->tx_cons % TX_SLOTS].rsp.status == XENVF_TX_OKAY)
				okay++;
			else
				other++;
	}
	rewrite_frame(h, h->page[0], false);
	dev_info(&h->dev->dev,
		 "hostile: txrewrite: %u frames sent, %u rewrites in flight, answered okay %u other %u\n",
		 sent, flips, okay, other);
}

static void rx_bogus(struct hostile *h)
{
	struct xenvf_rx_sring *s = h->rx;
	unsigned long deadline = jiffies + 90 * HZ;
	unsigned int i, error = 0, data = 0;
	struct xenvf_rx_request *r;
	RING_IDX prod;
	int err;

	err = data_page(h, 2, h->dev->otherend_id, true);
	err = err ?: data_page(h, 3, hostile_foreign, false);
	if (err) {
		dev_err(&h->dev->dev, "hostile: rxbogus: no grant\n");
		return;
	}
	for (i = 0; i < RX_POSTS; i++) {
		r = &s->ring[i % RX_SLOTS].req;
		r->id = i;
		switch (i % 4) {
		case 1:
			r->gref = h->ref[2];	/* read-only */
			break;
		case 2:
			r->gref = h->ref[3];	/* another domain's */
			break;
		default:
			r->gref = HOSTILE_BAD_REF + i;	/* never granted */
		}
	}
	virt_wmb();	/* slots before the index */
	WRITE_ONCE(s->req_prod, RX_POSTS);
	notify_remote_via_irq(h->data_irq);
	dev_info(&h->dev->dev, "hostile: rxbogus: %u bogus RX posts\n", RX_POSTS);
	while (READ_ONCE(s->rsp_prod) != RX_POSTS && !READ_ONCE(h->stop) &&
	       time_before(jiffies, deadline))
		msleep(100);
	prod = READ_ONCE(s->rsp_prod);
	virt_rmb();	/* index before entries */
	if (prod > RX_POSTS)
		prod = RX_POSTS;
	for (i = 0; i < prod; i++) {
		if (s->ring[i % RX_SLOTS].rsp.status < 0)
			error++;
		else
			data++;
	}
	dev_info(&h->dev->dev, "hostile: rxbogus: %u of %u posts answered: error %u data %u\n",
		 prod, RX_POSTS, error, data);
}

/**
 * hostile_data_attack() - run the device's TX or RX ring attack
 * @h: the device, connected
 *
 * Return: true if its mode is one of this file's.
 */
bool hostile_data_attack(struct hostile *h)
{
	domid_t be = h->dev->otherend_id;
	int err = 0;

	if (hostile_is(h, "txro") || hostile_is(h, "txedge") ||
	    hostile_is(h, "txdup") || hostile_is(h, "txslots") ||
	    hostile_is(h, "gso")) {
		err = data_page(h, 0, be, true);
		if (!err)
			put_frame(h, h->page[0], h->dst, FRAME_LEN);
	} else if (hostile_is(h, "txforeign")) {
		err = data_page(h, 1, hostile_foreign, true);
		if (!err)
			put_frame(h, h->page[1], h->dst, FRAME_LEN);
	}
	if (err) {
		dev_err(&h->dev->dev, "hostile: %s: no grant (%d)\n", h->mode, err);
		return true;
	}

	if (hostile_is(h, "txbadref")) {
		tx_simple(h, HOSTILE_BAD_REF, 4, false);
	} else if (hostile_is(h, "txforeign")) {
		tx_simple(h, h->ref[1], 4, false);
	} else if (hostile_is(h, "txro")) {
		tx_simple(h, h->ref[0], 4, false);
	} else if (hostile_is(h, "txdup")) {
		tx_simple(h, h->ref[0], 8, true);
	} else if (hostile_is(h, "txedge")) {
		tx_edge(h);
	} else if (hostile_is(h, "txslots")) {
		tx_slots(h);
	} else if (hostile_is(h, "gso")) {
		tx_gso(h);
	} else if (hostile_is(h, "txoverflow")) {
		WRITE_ONCE(((struct xenvf_tx_sring *)h->tx)->req_prod,
			   h->tx_prod + 1000);
		notify_remote_via_irq(h->data_irq);
		dev_info(&h->dev->dev, "hostile: txoverflow: producer 1000 ahead\n");
		keep_notifying(h, 10);
	} else if (hostile_is(h, "rxoverflow")) {
		WRITE_ONCE(((struct xenvf_rx_sring *)h->rx)->req_prod, 1000);
		notify_remote_via_irq(h->data_irq);
		dev_info(&h->dev->dev, "hostile: rxoverflow: producer 1000 ahead\n");
		keep_notifying(h, 10);
	} else if (hostile_is(h, "rxbogus")) {
		rx_bogus(h);
	} else if (hostile_is(h, "txrewrite")) {
		tx_rewrite(h);
	} else if (hostile_is(h, "rxnopost")) {
		dev_info(&h->dev->dev, "hostile: rxnopost: no RX pages posted\n");
	} else {
		return false;
	}
	return true;
}
