/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few kernel facilities the shared code of common/ uses, provided in
 * userspace too, so common/proto and common/ring build unchanged in the
 * kernel modules, the userspace tests, the fuzzer and the benchmark.
 */
#ifndef XENVF_COMPAT_H
#define XENVF_COMPAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int16_t s16;

#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
/* full barrier: stores before it are visible before loads after it */
#define virt_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
/* read barrier: an index is read before the entries it covers */
#define virt_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
/* write barrier: entries are written before the index that publishes them */
#define virt_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#ifndef EPROTO
#define EPROTO			71
#endif
#endif

#endif /* XENVF_COMPAT_H */
