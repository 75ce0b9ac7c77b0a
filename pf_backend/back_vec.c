// SPDX-License-Identifier: GPL-2.0-only
/*
 * A VF's interrupts as the PF accounts them (msix/): each event channel
 * the backend binds for a VF (control/event rings, each data queue) gets
 * an entry in the VF's vector map, an affinity hint (queue q on CPU q
 * mod n) and is unmasked while connected. Only a hardware VF (hw-vf=)
 * stands for a PCI function with MSI-X: its entries take vectors from the
 * PF's pool within the VF's budget and its domain's fair share (every
 * such VF is sure of control + one queue; one domain's hardware VFs hold
 * at most vec_per_dom vectors, or the pool's lendable vectors divided by
 * the domains with hardware VFs). A paravirtual VF's interrupts are event
 * channels alone: it never joins the pool, so 63 of them at 8 queues
 * each connect whatever the pool holds. What a VF holds is shown on its
 * representor (`vectors`), what it was refused (`vectors_refused`).
 */
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>

#include "xenvf_back.h"

/* 256 vectors, 16 kept by the PF, at most control + 8 queues per VF */
#define POOL_VECTORS	XENVF_MSIX_MAX_VECTORS
#define POOL_PF		XENVF_BACK_VEC_PF

static struct xenvf_vec_pool pool;
static bool pool_ready;
static DEFINE_MUTEX(pool_lock);		/* protects pool and every vec map */

/**
 * xenvf_back_vec_join() - the VF's domain shares the pool (probe), if
 * the VF is a hardware one
 * @vf: the VF (its hw-vf read)
 *
 * Return: 0, or -ENOSPC if the pool tracks as many domains as it can.
 */
int xenvf_back_vec_join(struct xenvf_back_vf *vf)
{
	int err = 0;

	mutex_lock(&pool_lock);
	vf->vec.domid = vf->dev->otherend_id;
	vf->vec_pooled = false;
	if (vf->cfg.hw_vf < 0) {	/* paravirtual: event channels only */
		vf->vec_joined = true;
		goto out;
	}
	if (!pool_ready) {
		/* a floor kept for every VF the backend may serve */
		err = xenvf_vec_pool_init(&pool, POOL_VECTORS, POOL_PF,
					  XENVF_MSIX_VF_MAX, XENVF_MAX_VFS);
		pool_ready = !err;
	}
	if (!err)
		err = xenvf_vec_dom_join(&pool, vf->dev->otherend_id);
	if (!err) {
		vf->vec_joined = true;
		vf->vec_pooled = true;
	}
out:
	mutex_unlock(&pool_lock);
	return err;
}

/**
 * xenvf_back_vec_leave() - the VF is no longer served (remove); its
 * vectors may be given back before or after
 * @vf: the VF
 */
void xenvf_back_vec_leave(struct xenvf_back_vf *vf)
{
	mutex_lock(&pool_lock);
	if (vf->vec_joined && vf->vec_pooled)
		xenvf_vec_dom_leave(&pool, vf->vec.domid);
	vf->vec_joined = false;		/* vec_pooled stays: for the release */
	mutex_unlock(&pool_lock);
}

/* The pool refused: count it, and say why. Caller holds pool_lock. */
static void vec_refused(struct xenvf_back_vf *vf, u8 kind, u8 queue, int err,
			bool share)
{
	u16 dom = vf->vec.domid;

	atomic64_inc(&vf->vec_refused);
	if (!vf->vec_pooled)
		dev_warn_ratelimited(&vf->dev->dev,
				     "no interrupt for %s %u: %d (the VF holds %u)\n",
				     kind == XENVF_VEC_CTRL ? "control" : "queue",
				     queue, err, vf->vec.nr);
	else if (share)
		dev_warn_ratelimited(&vf->dev->dev,
				     "no vector for queue %u: domain %u holds its share of %u vectors (vec_per_dom=%u, 0: fair share)\n",
				     queue, dom, xenvf_vec_dom_limit(&pool, dom),
				     pool.per_dom);
	else
		dev_warn_ratelimited(&vf->dev->dev,
				     "no vector for %s %u: %d (the VF holds %u, the pool lends %u of %u)\n",
				     kind == XENVF_VEC_CTRL ? "control" : "queue",
				     queue, err, vf->vec.nr, pool.lent,
				     pool.total - pool.pf_reserved);
}

/**
 * xenvf_back_vec_bind() - account one of a VF's interrupts
 * @vf: the VF (joined)
 * @kind: XENVF_VEC_CTRL or XENVF_VEC_QUEUE
 * @queue: the queue
 * @evtchn: its event channel
 * @irq: the Linux irq bound to it
 *
 * Return: 0, or -EDQUOT/-ENOSPC when the VF's budget, its domain's share
 * or the pool is spent (a hardware VF's; a paravirtual VF only past its
 * budget of XENVF_MSIX_VF_MAX): logged, rate limited, and counted; the
 * caller fails the connection.
 */
int xenvf_back_vec_bind(struct xenvf_back_vf *vf, u8 kind, u8 queue,
			u32 evtchn, unsigned int irq)
{
	struct xenvf_vec_entry *e;
	int err = -ENOENT;
	u64 by_share;

	mutex_lock(&pool_lock);
	if (!vf->vec_joined)
		goto out;
	pool.per_dom = READ_ONCE(xenvf_vec_per_dom);
	by_share = pool.refused_dom;
	err = xenvf_vec_map_add(&vf->vec, vf->vec_pooled ? &pool : NULL, kind,
				queue, evtchn, num_online_cpus());
	if (err) {
		vec_refused(vf, kind, queue, err, pool.refused_dom != by_share);
		goto out;
	}
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
	xenvf_vec_map_release(&vf->vec, vf->vec_pooled ? &pool : NULL);
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

/**
 * xenvf_back_vec_refused() - vectors the VF was refused so far
 * @vf: the VF
 *
 * Return: the count.
 */
u64 xenvf_back_vec_refused(struct xenvf_back_vf *vf)
{
	return atomic64_read(&vf->vec_refused);
}
