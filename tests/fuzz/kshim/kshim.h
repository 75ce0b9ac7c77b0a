/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace stand-ins for the few kernel definitions that xenvf's packet
 * parsers (pf_backend/evi_pkt.c, evi_arp.c, back_fcoe.c) use, so the
 * libFuzzer targets compile those files unchanged. Only types, byte
 * order, a few macros and helpers written in plain C: nothing here is
 * the kernel's code, and nothing of a parser is copied.
 */
#ifndef XENVF_KSHIM_H
#define XENVF_KSHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef uint16_t __le16;
typedef uint32_t __le32;
typedef uint16_t __sum16;
typedef uint32_t __wsum;

#define __force
#define __bitwise
#define __rcu

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define BITS_PER_LONG		(8 * sizeof(long))
#define BITS_TO_LONGS(n)	DIV_ROUND_UP(n, BITS_PER_LONG)
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

/* Byte order: the fuzz hosts are little endian (x86-64). */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "kshim assumes a little-endian host"
#endif
#define htons(x)		((__be16)__builtin_bswap16((u16)(x)))
#define ntohs(x)		((u16)__builtin_bswap16((__be16)(x)))
#define htonl(x)		((__be32)__builtin_bswap32((u32)(x)))
#define ntohl(x)		((u32)__builtin_bswap32((__be32)(x)))
#define cpu_to_le32(x)		((__le32)(x))
#define le32_to_cpu(x)		((u32)(x))

#endif /* XENVF_KSHIM_H */
