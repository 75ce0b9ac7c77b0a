/* SPDX-License-Identifier: MIT */
/*
 * xenvf wire ABI between xenvf-back (dom0) and xenvf-front (domU).
 *
 * Shared by the kernel modules and the userspace tools. docs/protocol.md is
 * the prose specification (xenstore keys, handshake, rules); this header is
 * its binary half. Everything here is little-endian x86 layout with natural
 * alignment and explicit padding; every padding field must be written as
 * zero and is ignored on receipt. Append-only: new ops, flags and event
 * types get new numbers; old layouts never change within a major version.
 *
 * Rings use Xen's io/ring.h layout (struct sring: req_prod, req_event,
 * rsp_prod, rsp_event, 48 bytes of padding, then the entries), one 4 KiB
 * page unless ring-page-order says otherwise.
 */
#ifndef XENVF_PROTO_H
#define XENVF_PROTO_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <xen/interface/io/ring.h>
#else
#include <stdint.h>
#include <xen/io/ring.h>
#endif

/* xenbus device type: frontend device/xenvf/<vf>, backend backend/xenvf/<domid>/<vf> */
#define XENVF_DEVICE_TYPE	"xenvf"

/*
 * Protocol versions. The backend advertises protocol-version-min/max, the
 * frontend writes the version it speaks in protocol-version; the control
 * op API_NEGOTIATE then confirms it on the ring.
 */
#define XENVF_PROTO_VERSION_1	1
#define XENVF_PROTO_VERSION_MIN	XENVF_PROTO_VERSION_1
#define XENVF_PROTO_VERSION_MAX	XENVF_PROTO_VERSION_1

/*
 * Limits of one xenvf device, those of an 82599/X540 VF where one exists:
 * 63 VFs per PF, VLAN IDs 1..4094 (0 means untagged), a 9728-byte maximum
 * frame (9710-byte MTU after the Ethernet header, one VLAN tag and the FCS),
 * the IPv4 minimum MTU of 68, 30 exact multicast addresses per list (what
 * one ixgbe mailbox message carries; more means ALLMULTI), 64 VLAN filters
 * per VF, a 128-entry RSS redirection table and a 40-byte RSS key.
 */
#define XENVF_MAX_VFS		63
#define XENVF_MAX_QUEUES	8
#define XENVF_VLAN_MAX		4094
#define XENVF_MTU_MIN		68
#define XENVF_MTU_MAX		9710
#define XENVF_FCOE_MTU		2158
#define XENVF_MC_MAX		30
#define XENVF_UC_MAX		8
#define XENVF_VLAN_FILTERS_MAX	64
#define XENVF_RETA_SIZE		128
#define XENVF_RSS_KEY_SIZE	40
#define XENVF_ETH_ALEN		6

/*
 * Ring pages: 2^ring-page-order pages per data ring, order 0..3. The
 * control and event rings are always one page.
 */
#define XENVF_RING_PAGE_SIZE	4096
#define XENVF_MAX_RING_PAGE_ORDER 3

/*
 * Status codes in responses: zero or a negative Linux errno value, fixed
 * here as numbers so both ends agree whatever their OS.
 */
#define XENVF_OK		0
#define XENVF_EPERM		(-1)	/* denied by PF policy */
#define XENVF_EBUSY		(-16)	/* try again later */
#define XENVF_EINVAL		(-22)	/* malformed or out of range */
#define XENVF_ENOSPC		(-28)	/* table full */
#define XENVF_EPROTO		(-71)	/* not allowed in this protocol state */
#define XENVF_EOPNOTSUPP	(-95)	/* unknown op or feature */
#define XENVF_EADDRINUSE	(-98)	/* the MAC is another VF's */

/* ----------------------------------------------------------------------
 * Control ring: frontend requests, backend responses (the PF<->VF mailbox).
 * One page, 8 entries of 256 bytes.
 */
#define XENVF_CTRL_DATA_MAX	248

/* Ops; numbers follow the ixgbe mailbox where it has the same message. */
#define XENVF_CTRL_RESET		0x01	/* -> xenvf_ctrl_reset_rsp */
#define XENVF_CTRL_SET_MAC		0x02	/* xenvf_ctrl_mac */
#define XENVF_CTRL_SET_MULTICAST	0x03	/* xenvf_ctrl_mc_list */
#define XENVF_CTRL_SET_VLAN		0x04	/* xenvf_ctrl_vlan */
#define XENVF_CTRL_SET_MTU		0x05	/* xenvf_ctrl_mtu */
#define XENVF_CTRL_SET_UC_LIST		0x06	/* xenvf_ctrl_mc_list of unicast MACs */
#define XENVF_CTRL_API_NEGOTIATE	0x08	/* xenvf_ctrl_api <-> same */
#define XENVF_CTRL_GET_QUEUES		0x09	/* -> xenvf_ctrl_queues */
#define XENVF_CTRL_GET_RETA		0x0a	/* -> xenvf_ctrl_reta */
#define XENVF_CTRL_GET_RSS_KEY		0x0b	/* -> xenvf_ctrl_rss_key */
#define XENVF_CTRL_SET_XCAST_MODE	0x0c	/* xenvf_ctrl_xcast */
#define XENVF_CTRL_GET_LINK_STATE	0x10	/* -> xenvf_ctrl_link */
#define XENVF_CTRL_GET_STATS		0x20	/* -> xenvf_vf_stats */
#define XENVF_CTRL_FCOE_NEGOTIATE	0x21	/* xenvf_ctrl_fcoe <-> same */
#define XENVF_CTRL_OP_MAX		0x21

struct xenvf_ctrl_request {
	uint16_t id;		/* echoed in the response */
	uint8_t op;		/* XENVF_CTRL_* */
	uint8_t pad0;
	uint16_t len;		/* bytes of data used, <= XENVF_CTRL_DATA_MAX */
	uint16_t pad1;
	uint8_t data[XENVF_CTRL_DATA_MAX];
};

struct xenvf_ctrl_response {
	uint16_t id;		/* the request's id */
	uint8_t op;		/* the request's op */
	uint8_t pad0;
	int16_t status;		/* XENVF_OK or a negative XENVF_E* */
	uint16_t len;		/* bytes of data used */
	uint8_t data[XENVF_CTRL_DATA_MAX];
};

DEFINE_RING_TYPES(xenvf_ctrl, struct xenvf_ctrl_request,
		  struct xenvf_ctrl_response);

/* Payloads (all in data[]; len must equal the size, or as documented). */
struct xenvf_ctrl_api {
	uint32_t version;	/* request: wanted; response: agreed */
};

struct xenvf_ctrl_reset_rsp {
	uint8_t mac[XENVF_ETH_ALEN];	/* the VF's MAC (zero: none yet) */
	uint8_t admin_mac;	/* 1 if the admin set it */
	uint8_t trusted;	/* 1 if the VF is trusted */
	uint16_t mtu_max;	/* largest MTU SET_MTU accepts */
	uint16_t port_vlan;	/* 0, or the admin's port VLAN */
};

struct xenvf_ctrl_mac {
	uint8_t mac[XENVF_ETH_ALEN];
	uint16_t pad;
};

/*
 * len = 4 + 6 * count. SET_UC_LIST (the mailbox's SET_MACVLAN) uses the
 * same layout for the VF's extra unicast MACs, count 0..XENVF_UC_MAX.
 */
struct xenvf_ctrl_mc_list {
	uint16_t count;		/* 0..XENVF_MC_MAX; 0 clears the list */
	uint16_t pad;
	uint8_t macs[XENVF_MC_MAX][XENVF_ETH_ALEN];
};

struct xenvf_ctrl_vlan {
	uint16_t vid;		/* 1..XENVF_VLAN_MAX */
	uint8_t add;		/* 1 add, 0 remove */
	uint8_t pad;
};

struct xenvf_ctrl_mtu {
	uint32_t mtu;		/* XENVF_MTU_MIN..mtu_max */
};

struct xenvf_ctrl_queues {
	uint8_t tx_queues;
	uint8_t rx_queues;
	uint8_t default_queue;
	uint8_t port_vlan;	/* 1 if a port VLAN is inserted/stripped */
};

#define XENVF_XCAST_NONE	0	/* own unicast and broadcast only */
#define XENVF_XCAST_MULTI	1	/* + the multicast list */
#define XENVF_XCAST_ALLMULTI	2	/* + all multicast */
#define XENVF_XCAST_PROMISC	3	/* everything (trusted VFs only) */

struct xenvf_ctrl_xcast {
	uint8_t mode;		/* XENVF_XCAST_* */
	uint8_t pad[3];
};

struct xenvf_ctrl_reta {
	uint16_t size;		/* XENVF_RETA_SIZE */
	uint16_t pad;
	uint8_t queue[XENVF_RETA_SIZE];	/* each < rx_queues */
};

struct xenvf_ctrl_rss_key {
	uint16_t size;		/* XENVF_RSS_KEY_SIZE */
	uint16_t pad;
	uint8_t key[XENVF_RSS_KEY_SIZE];
};

struct xenvf_ctrl_link {
	uint8_t up;
	uint8_t full_duplex;
	uint16_t pad;
	uint32_t speed_mbps;
};

struct xenvf_vf_stats {
	uint64_t rx_packets, rx_bytes, rx_multicast, rx_dropped;
	uint64_t tx_packets, tx_bytes, tx_dropped, tx_errors;
	uint64_t spoof_dropped, vlan_dropped, fcoe_packets, fcoe_crc_errors;
};

#define XENVF_FCOE_CRC		(1u << 0)	/* backend computes FC CRC/EOF */
#define XENVF_FCOE_FSO		(1u << 1)	/* backend segments FCoE sequences */
#define XENVF_FCOE_FLAGS_ALL	(XENVF_FCOE_CRC | XENVF_FCOE_FSO)

struct xenvf_ctrl_fcoe {
	uint32_t flags;		/* request: wanted; response: granted */
	uint16_t mtu;		/* response: FCoE MTU (XENVF_FCOE_MTU) */
	uint8_t priority;	/* response: 802.1p priority, 0..7 */
	uint8_t pad;
};

/* ----------------------------------------------------------------------
 * Event ring: asynchronous PF -> VF events. The frontend posts empty
 * request slots (credits, like netif RX buffers); the backend answers one
 * with each event. One page.
 */
#define XENVF_EVT_LINK		1	/* xenvf_ctrl_link */
#define XENVF_EVT_PF_RESET	2	/* no data: send RESET again */
#define XENVF_EVT_MAC		3	/* xenvf_ctrl_mac: admin changed the MAC */
#define XENVF_EVT_VLAN		4	/* xenvf_evt_vlan: admin port VLAN */
#define XENVF_EVT_TRUST		5	/* data[0]: 1 trusted, 0 not */
#define XENVF_EVT_MAX		5
#define XENVF_EVT_DATA_MAX	24

struct xenvf_evt_request {
	uint16_t id;
	uint16_t pad;
};

struct xenvf_evt_response {
	uint16_t id;		/* the request's id */
	uint8_t type;		/* XENVF_EVT_* */
	uint8_t len;		/* bytes of data used */
	uint32_t seq;		/* increments by one per event */
	uint8_t data[XENVF_EVT_DATA_MAX];
};

struct xenvf_evt_vlan {
	uint16_t vid;		/* 0: none */
	uint8_t qos;		/* 0..7 */
	uint8_t pad;
};

DEFINE_RING_TYPES(xenvf_evt, struct xenvf_evt_request,
		  struct xenvf_evt_response);

/* ----------------------------------------------------------------------
 * TX ring (guest -> backend). A packet is one or more consecutive slots;
 * every slot but the last has XENVF_TXF_MORE. The first slot's size is
 * the whole packet's length, the others' sizes their own; the first slot
 * carries size - sum(other sizes) bytes, at least XENVF_TX_MIN_FIRST.
 * No slot's data crosses its page (offset + bytes <= 4096). Offload fields
 * are read from the first slot only.
 */
#define XENVF_TXF_CSUM_PARTIAL	(1u << 0)	/* fill csum at csum_start + csum_offset */
#define XENVF_TXF_DATA_VALIDATED (1u << 1)	/* checksum known good */
#define XENVF_TXF_MORE		(1u << 2)	/* another slot follows */
#define XENVF_TXF_GSO		(1u << 3)	/* gso_type/gso_size valid */
#define XENVF_TXF_VLAN		(1u << 4)	/* insert vlan_tci */
#define XENVF_TXF_FCOE_CRC	(1u << 5)	/* backend computes FC CRC and EOF */
#define XENVF_TXF_ALL		0x3f

#define XENVF_GSO_NONE		0
#define XENVF_GSO_TCPV4		1
#define XENVF_GSO_TCPV6		2
#define XENVF_GSO_FCOE		3	/* FCoE sequence offload */
#define XENVF_GSO_MAX		3

#define XENVF_MAX_SLOTS		18	/* 64 KiB in 4 KiB pages, + 2 */
#define XENVF_MAX_PACKET	65535
#define XENVF_TX_MIN_FIRST	14	/* the Ethernet header */
/*
 * The frame's first bytes a frontend puts in pool pages it granted for
 * good (docs/protocol.md 1.5 and 5) rather than in a page granted for one
 * packet: the backend's VF-to-VF path decides on that many (its private
 * header copy), read from its mapped pool.
 */
#define XENVF_TX_HDR_COPY	128
#define XENVF_GSO_SIZE_MIN	64

/*
 * TCP segmentation a frontend may ask the backend for (TX): a segment size
 * of at least the smallest MSS every path carries (IPv4 576 - 40, IPv6
 * 1280 - 60), at most XENVF_TX_GSO_MAX_SEGS segments counted as
 * DIV_ROUND_UP(len - csum_start - 20, gso_size), never to a multicast or
 * broadcast address. Anything else is dropped (counted): the frontend
 * segments it itself. This bounds the frames one request becomes.
 */
#define XENVF_TX_GSO_MIN_TCPV4	536
#define XENVF_TX_GSO_MIN_TCPV6	1220
#define XENVF_TX_GSO_MAX_SEGS	64

struct xenvf_tx_request {
	uint32_t gref;
	uint16_t offset;
	uint16_t size;
	uint16_t id;
	uint16_t flags;		/* XENVF_TXF_* */
	uint16_t gso_size;
	uint8_t gso_type;	/* XENVF_GSO_* */
	uint8_t pad0;
	uint16_t vlan_tci;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t pad1;
};

#define XENVF_TX_OKAY		0
#define XENVF_TX_ERROR		(-1)
#define XENVF_TX_DROPPED	(-2)
#define XENVF_TX_NULL		1	/* a non-first slot of a packet */

struct xenvf_tx_response {
	uint16_t id;
	int16_t status;		/* XENVF_TX_* */
};

DEFINE_RING_TYPES(xenvf_tx, struct xenvf_tx_request,
		  struct xenvf_tx_response);

/* ----------------------------------------------------------------------
 * RX ring (backend -> guest). The frontend posts one page per request; the
 * backend copies a packet into one or more of them and answers each. As on
 * TX, every response but a packet's last has XENVF_RXF_MORE, and offload
 * fields are valid in the first.
 */
#define XENVF_RXF_CSUM_VALIDATED (1u << 0)	/* checksum verified */
#define XENVF_RXF_CSUM_PARTIAL	(1u << 1)	/* csum_start/offset valid */
#define XENVF_RXF_MORE		(1u << 2)
#define XENVF_RXF_GSO		(1u << 3)	/* gso_type/gso_size valid */
#define XENVF_RXF_VLAN		(1u << 4)	/* vlan_tci was stripped */
#define XENVF_RXF_FCOE_CRC_OK	(1u << 5)	/* FC CRC verified */
#define XENVF_RXF_ALL		0x3f

struct xenvf_rx_request {
	uint16_t id;
	uint16_t pad;
	uint32_t gref;
};

struct xenvf_rx_response {
	uint16_t id;
	uint16_t offset;
	uint16_t flags;		/* XENVF_RXF_* */
	int16_t status;		/* bytes in this slot (>= 0) or XENVF_TX_ERROR */
	uint16_t vlan_tci;
	uint16_t gso_size;
	uint8_t gso_type;
	uint8_t pad0;
	uint16_t csum_start;	/* with XENVF_RXF_CSUM_PARTIAL */
	uint16_t csum_offset;
	uint16_t pad1;
};

/*
 * feature-pool-map (docs/protocol.md 1.5): the page a frontend lists one
 * queue's permanently granted buffer pool in, granted read-only and named
 * by queue-<q>/pool-ref. Entry i of tx_ref/rx_ref is the page it posts
 * with id i (a hint: the backend finds any listed reference). Every listed
 * reference is distinct and not 0; nr_tx and nr_rx are 1..XENVF_POOL_MAX_REFS.
 */
#define XENVF_POOL_MAX_REFS	256

struct xenvf_pool_desc {
	uint16_t nr_tx;
	uint16_t nr_rx;
	uint32_t pad;
	uint32_t tx_ref[XENVF_POOL_MAX_REFS];	/* granted read-only */
	uint32_t rx_ref[XENVF_POOL_MAX_REFS];	/* granted writable */
};

DEFINE_RING_TYPES(xenvf_rx, struct xenvf_rx_request,
		  struct xenvf_rx_response);

#endif /* XENVF_PROTO_H */
