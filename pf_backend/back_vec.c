// SPDX-License-Identifier: GPL-2.0-only
/*
 * A VF's interrupts as the PF accounts them (msix/): each event channel
 * the backend binds for a VF (control/event rings, each data queue) takes
 * a vector from the PF's pool within the VF's budget, gets an affinity
 * hint (queue q on CPU q mod n) and is unmasked while connected. What a
 * VF holds is shown on its representor (`vectors`).
 */
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>

#include "xenvf_back.h"

/* 256 vectors, 16 kept by the PF, at most control + 8 queues per VF */
#define POOL_VECTORS	XENVF_MSIX_MAX_VECTORS
#define POOL_PF		16

static struct xenvf_vec_pool pool;
static bool pool_ready;
static DEFINE_MUTEX(pool_lock);		/* protects pool and every vec map */

/**
 * xenvf_back_vec_bind() - account one of a VF's interrupts
 * @vf: the VF
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue
 * @evtchn: its event channel
 * @irq: the Linux irq bound to it
 *
 * Return: 0, or -EDQUOT/-ENOSPC when the VF's budget or the pool is spent
 * (the caller fails the connection).
 */
int xenvf_back_vec_bind(struct xenvf_back_vf *vf, u8 kind, u8 queue,
			u32 evtchn, unsigned int irq)
{
	struct xenvf_vec_entry *e;
	int err;

	mutex_lock(&pool_lock);
	if (!pool_ready) {
		err = xenvf_vec_pool_init(&pool, POOL_VECTORS, POOL_PF,
					  XENVF_MSIX_VF_MAX);
		if (err)
			goto out;
		pool_ready = true;
	}
	err = xenvf_vec_map_add(&vf->vec, &pool, kind, queue, evtchn,
				num_online_cpus());
	if (err)
		goto out;
	e = xenvf_vec_map_find(&vf->vec, kind, queue);
	if (e->cpu >= 0)
		irq_set_affinity_hint(irq, cpumask_of(e->cpu));
	xenvf_vec_mask(&vf->vec, kind, queue, false);
out:
	mutex_unlock(&pool_lock);
	return err;
}

/**
 * xenvf_back_vec_unbind() - before an interrupt's irq is freed
 * @vf: the VF
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue
 * @irq: its Linux irq (the hint must go before free_irq)
 */
void xenvf_back_vec_unbind(struct xenvf_back_vf *vf, u8 kind, u8 queue,
			   unsigned int irq)
{
	irq_set_affinity_hint(irq, NULL);
	mutex_lock(&pool_lock);
	xenvf_vec_mask(&vf->vec, kind, queue, true);
	mutex_unlock(&pool_lock);
}

/**
 * xenvf_back_vec_release() - the VF disconnected: give its vectors back
 * @vf: the VF
 */
void xenvf_back_vec_release(struct xenvf_back_vf *vf)
{
	mutex_lock(&pool_lock);
	if (pool_ready)
		xenvf_vec_map_release(&vf->vec, &pool);
	mutex_unlock(&pool_lock);
}

/**
 * xenvf_back_vec_count() - vectors the VF holds (any context: a snapshot)
 * @vf: the VF
 *
 * Return: the count.
 */
unsigned int xenvf_back_vec_count(struct xenvf_back_vf *vf)
{
	return READ_ONCE(vf->vec.nr);
}
