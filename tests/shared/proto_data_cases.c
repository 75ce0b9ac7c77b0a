// SPDX-License-Identifier: GPL-2.0-only
/* Cases for common/proto/data_desc.c: TX and RX descriptor validation. */

static void tx_slot(struct xenvf_tx_request *s, u16 off, u16 size, u16 flags)
{
	memset(s, 0, sizeof(*s));
	s->gref = 9;
	s->offset = off;
	s->size = size;
	s->flags = flags;
}

static void data_layout(struct kunit *t)
{
	XT_EQ(t, sizeof(struct xenvf_tx_request), 24);
	XT_EQ(t, sizeof(struct xenvf_tx_response), 4);
	XT_EQ(t, sizeof(struct xenvf_rx_request), 8);
	XT_EQ(t, sizeof(struct xenvf_rx_response), 20);
	XT_EQ(t, __CONST_RING_SIZE(xenvf_tx, XENVF_RING_PAGE_SIZE), 128);
	XT_EQ(t, __CONST_RING_SIZE(xenvf_rx, XENVF_RING_PAGE_SIZE), 128);
}

static void tx_valid_packets(struct kunit *t)
{
	struct xenvf_tx_request s[3];
	struct xenvf_pkt_info p;

	tx_slot(&s[0], 0, 60, XENVF_TXF_DATA_VALIDATED);
	XT_EQ(t, xenvf_tx_parse(s, 1, &p), 1);
	XT_EQ(t, p.drop, XENVF_DROP_NONE);
	XT_EQ(t, p.len, 60);
	XT_EQ(t, p.first_len, 60);

	/* 3 slots: 1000 + 3000 + 500, the first slot carries 1000 */
	tx_slot(&s[0], 96, 4500, XENVF_TXF_MORE | XENVF_TXF_CSUM_PARTIAL |
		XENVF_TXF_GSO | XENVF_TXF_VLAN);
	s[0].csum_start = 34;
	s[0].csum_offset = 16;
	s[0].gso_type = XENVF_GSO_TCPV4;
	s[0].gso_size = 1448;
	s[0].vlan_tci = 0x2064;
	tx_slot(&s[1], 0, 3000, XENVF_TXF_MORE);
	tx_slot(&s[2], 4096 - 500, 500, 0);
	XT_EQ(t, xenvf_tx_parse(s, 3, &p), 3);
	XT_EQ(t, p.drop, XENVF_DROP_NONE);
	XT_EQ(t, p.nr_slots, 3);
	XT_EQ(t, p.len, 4500);
	XT_EQ(t, p.first_len, 1000);
	XT_EQ(t, p.gso_size, 1448);
	XT_EQ(t, p.vlan_tci, 0x2064);
	/* the first slot's data may end exactly at the page end */
	s[0].offset = 4096 - 1000;
	XT_EQ(t, xenvf_tx_parse(s, 3, &p), 3);
	XT_EQ(t, p.drop, XENVF_DROP_NONE);
}

static void tx_incomplete_and_slot_limit(struct kunit *t)
{
	struct xenvf_tx_request s[XENVF_MAX_SLOTS + 1];
	struct xenvf_pkt_info p;
	unsigned int i;

	memset(s, 0, sizeof(s));
	XT_EQ(t, xenvf_tx_parse(s, 0, &p), 0);
	tx_slot(&s[0], 0, 100, XENVF_TXF_MORE);
	tx_slot(&s[1], 0, 50, XENVF_TXF_MORE);
	XT_EQ(t, xenvf_tx_parse(s, 2, &p), 0);	/* third slot not there yet */

	/* exactly XENVF_MAX_SLOTS slots is allowed ... */
	tx_slot(&s[0], 0, 14 + 17 * 100, XENVF_TXF_MORE);
	for (i = 1; i < XENVF_MAX_SLOTS; i++)
		tx_slot(&s[i], 0, 100, XENVF_TXF_MORE);
	s[XENVF_MAX_SLOTS - 1].flags = 0;
	XT_EQ(t, xenvf_tx_parse(s, XENVF_MAX_SLOTS, &p), XENVF_MAX_SLOTS);
	XT_EQ(t, p.drop, XENVF_DROP_NONE);
	/* ... one more is fatal, whether or not the end is in sight */
	s[XENVF_MAX_SLOTS - 1].flags = XENVF_TXF_MORE;
	tx_slot(&s[XENVF_MAX_SLOTS], 0, 100, 0);
	XT_EQ(t, xenvf_tx_parse(s, XENVF_MAX_SLOTS + 1, &p), -EPROTO);
	XT_EQ(t, xenvf_tx_parse(s, XENVF_MAX_SLOTS, &p), -EPROTO);
}

static void expect_tx_drop(struct kunit *t, struct xenvf_tx_request *s, unsigned int n,
			   enum xenvf_drop_reason why)
{
	struct xenvf_pkt_info p;

	XT_EQ(t, xenvf_tx_parse(s, n, &p), n);
	XT_EQ(t, p.nr_slots, n);
	XT_EQ(t, p.drop, why);
}

static void tx_rejects(struct kunit *t)
{
	struct xenvf_tx_request s[2];

	tx_slot(&s[0], 4000, 200, 0);		/* crosses the page */
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_OFFSET);
	tx_slot(&s[0], 0, 200, XENVF_TXF_MORE);
	tx_slot(&s[1], 4000, 100, 0);		/* later slot crosses */
	expect_tx_drop(t, s, 2, XENVF_DROP_BAD_OFFSET);
	tx_slot(&s[1], 0, 0, 0);		/* empty later slot */
	expect_tx_drop(t, s, 2, XENVF_DROP_BAD_OFFSET);
	tx_slot(&s[1], 0, 200, 0);		/* later sizes >= total */
	expect_tx_drop(t, s, 2, XENVF_DROP_BAD_SIZE);
	tx_slot(&s[1], 0, 190, 0);		/* first slot < header */
	expect_tx_drop(t, s, 2, XENVF_DROP_BAD_SIZE);
	tx_slot(&s[0], 0, 13, 0);
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_SIZE);

	tx_slot(&s[0], 0, 100, 0x40);		/* unknown flag */
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_FLAGS);
	tx_slot(&s[0], 0, 200, XENVF_TXF_MORE);
	tx_slot(&s[1], 0, 100, XENVF_TXF_GSO);	/* offload on a later slot */
	expect_tx_drop(t, s, 2, XENVF_DROP_BAD_FLAGS);

	tx_slot(&s[0], 0, 3000, XENVF_TXF_GSO);
	s[0].gso_size = 1448;			/* type NONE */
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_GSO);
	s[0].gso_type = XENVF_GSO_MAX + 1;
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_GSO);
	s[0].gso_type = XENVF_GSO_TCPV6;
	s[0].gso_size = XENVF_GSO_SIZE_MIN - 1;
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_GSO);
	s[0].gso_size = 3000;
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_GSO);
	s[0].gso_size = 1448;
	expect_tx_drop(t, s, 1, XENVF_DROP_NONE);

	tx_slot(&s[0], 0, 100, XENVF_TXF_CSUM_PARTIAL);
	s[0].csum_start = 13;
	s[0].csum_offset = 6;
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_CSUM);
	s[0].csum_start = 92;			/* 92 + 6 + 2 = 100: fits */
	expect_tx_drop(t, s, 1, XENVF_DROP_NONE);
	s[0].csum_start = 93;
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_CSUM);
	s[0].csum_start = 0xffff;		/* no u16 wrap-around */
	s[0].csum_offset = 0xffff;
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_CSUM);

	tx_slot(&s[0], 0, 100, XENVF_TXF_VLAN);
	s[0].vlan_tci = 0xefff;			/* VID 4095 */
	expect_tx_drop(t, s, 1, XENVF_DROP_BAD_VLAN);
	s[0].vlan_tci = 0xeffe;
	expect_tx_drop(t, s, 1, XENVF_DROP_NONE);
}

static void rx_slot(struct xenvf_rx_response *s, u16 off, s16 status, u16 flags)
{
	memset(s, 0, sizeof(*s));
	s->offset = off;
	s->status = status;
	s->flags = flags;
}

static void rx_valid_and_rejects(struct kunit *t)
{
	struct xenvf_rx_response s[XENVF_MAX_SLOTS + 1];
	struct xenvf_pkt_info p;
	unsigned int i;

	rx_slot(&s[0], 0, 1514, XENVF_RXF_CSUM_VALIDATED | XENVF_RXF_MORE);
	rx_slot(&s[1], 0, 4096, 0);
	XT_EQ(t, xenvf_rx_parse(s, 2, &p), 2);
	XT_EQ(t, p.drop, XENVF_DROP_NONE);
	XT_EQ(t, p.len, 1514 + 4096);
	XT_EQ(t, p.first_len, 1514);
	XT_EQ(t, xenvf_rx_parse(s, 1, &p), 0);		/* incomplete */

	rx_slot(&s[1], 0, XENVF_TX_ERROR, 0);		/* negative status */
	XT_EQ(t, xenvf_rx_parse(s, 2, &p), 2);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_STATUS);
	rx_slot(&s[1], 100, 4000, 0);			/* crosses the page */
	xenvf_rx_parse(s, 2, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_OFFSET);
	rx_slot(&s[1], 0, 0, 0);			/* empty later slot */
	xenvf_rx_parse(s, 2, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_OFFSET);
	rx_slot(&s[1], 0, 10, XENVF_RXF_GSO);		/* flag on later slot */
	xenvf_rx_parse(s, 2, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_FLAGS);
	rx_slot(&s[0], 0, 100, 0x80);			/* unknown flag */
	xenvf_rx_parse(s, 1, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_FLAGS);
	rx_slot(&s[0], 0, 10, 0);			/* shorter than a header */
	xenvf_rx_parse(s, 1, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_SIZE);
	rx_slot(&s[0], 0, 100, XENVF_RXF_CSUM_PARTIAL);
	s[0].csum_start = 99;
	xenvf_rx_parse(s, 1, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_CSUM);
	rx_slot(&s[0], 0, 100, XENVF_RXF_VLAN);
	s[0].vlan_tci = 0x0fff;
	xenvf_rx_parse(s, 1, &p);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_VLAN);

	/* 17 full pages: more than XENVF_MAX_PACKET bytes */
	for (i = 0; i < 17; i++)
		rx_slot(&s[i], 0, 4096, XENVF_RXF_MORE);
	s[16].flags = 0;
	XT_EQ(t, xenvf_rx_parse(s, 17, &p), 17);
	XT_EQ(t, p.drop, XENVF_DROP_BAD_SIZE);
	/* more than XENVF_MAX_SLOTS slots: fatal */
	for (i = 0; i <= XENVF_MAX_SLOTS; i++)
		rx_slot(&s[i], 0, 100, XENVF_RXF_MORE);
	XT_EQ(t, xenvf_rx_parse(s, XENVF_MAX_SLOTS + 1, &p), -EPROTO);
}

#define XT_PROTO_DATA_CASES(X)			\
	X(data_layout)				\
	X(tx_valid_packets)			\
	X(tx_incomplete_and_slot_limit)		\
	X(tx_rejects)				\
	X(rx_valid_and_rejects)
