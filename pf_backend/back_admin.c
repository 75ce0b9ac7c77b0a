// SPDX-License-Identifier: GPL-2.0-only
/*
 * The admin's keys of a VF's backend node (docs/protocol.md 1.1): read and
 * checked at probe, and watched afterwards so that `xenvf set` changes a
 * running VF. A change is applied to the switch at once and told to the
 * guest on the event ring; an invalid value is refused with a log line and
 * changes nothing. The VF's link state follows the admin's link-state key,
 * or with `auto` the uplink's carrier. The TX limit (`rate`, xl's vif
 * syntax or Mb/s: common/rate_spec.h) is the NIC's to apply for a
 * hardware VF, in whole Mb/s, and back_credit.c's for a paravirtual one.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <linux/rtnetlink.h>
#include <xen/xenbus.h>

#include "xenvf_back.h"

static LIST_HEAD(xenvf_vfs);		/* every probed VF */
static DEFINE_MUTEX(xenvf_vfs_lock);	/* taken before any vf->lock */

struct xenvf_admin {
	u8 mac[ETH_ALEN];
	bool mac_set;
	u16 vlan;
	u8 qos;
	bool trusted;
	bool spoofchk;
	bool isolated;
	u8 link;		/* enum xenvf_link_admin */
	s16 hw_vf;		/* -1: paravirtual */
	struct xenvf_rate_spec rate;	/* bits_per_sec 0: unlimited */
};

static const char *const admin_keys[] = {
	"mac", "vlan", "qos", "trusted", "spoofchk", "isolated", "link-state",
	"hw-vf", "rate",
};

static const char *const link_names[] = {
	[XENVF_LINK_AUTO] = "auto",
	[XENVF_LINK_ENABLE] = "enable",
	[XENVF_LINK_DISABLE] = "disable",
};

/**
 * xenvf_read_u32() - read an unsigned key and check its range
 * @dir: the node
 * @key: the key
 * @min: smallest valid value
 * @max: largest valid value
 * @out: the value
 *
 * Return: 0, -ENOENT if missing, -EINVAL if malformed or out of range.
 */
int xenvf_read_u32(const char *dir, const char *key, u32 min, u32 max,
		   u32 *out)
{
	char *s = xenbus_read(XBT_NIL, dir, key, NULL);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	err = xenvf_parse_u32(s, min, max, out);	/* the whole value */
	kfree(s);
	return err;
}

/* An optional u32 key: missing gives @def. */
static int read_opt(const char *dir, const char *key, u32 min, u32 max,
		    u32 def, u32 *out)
{
	int err = xenvf_read_u32(dir, key, min, max, out);

	if (err == -ENOENT) {
		*out = def;
		return 0;
	}
	return err;
}

/* Read every admin key of @dir into @a; on error *@bad names the key. */
static int read_admin(const char *dir, struct xenvf_admin *a, const char **bad)
{
	u32 vlan, qos, trusted, spoofchk, isolated, hw_vf;
	char *s;
	int m;

	memset(a, 0, sizeof(*a));
	a->rate.interval_us = XENVF_RATE_INTERVAL_DEF_US;
	*bad = "mac";
	s = xenbus_read(XBT_NIL, dir, "mac", NULL);
	if (!IS_ERR(s)) {
		a->mac_set = !xenvf_parse_mac(s, a->mac);
		kfree(s);
		if (!a->mac_set)
			return -EINVAL;
	}
	*bad = "link-state";
	s = xenbus_read(XBT_NIL, dir, "link-state", NULL);
	if (!IS_ERR(s)) {
		m = match_string(link_names, ARRAY_SIZE(link_names), s);
		kfree(s);
		if (m < 0)
			return -EINVAL;
		a->link = m;
	}
	*bad = "vlan";
	if (read_opt(dir, "vlan", 0, XENVF_VLAN_MAX, 0, &vlan))
		return -EINVAL;
	*bad = "qos";
	if (read_opt(dir, "qos", 0, 7, 0, &qos))
		return -EINVAL;
	*bad = "trusted";
	if (read_opt(dir, "trusted", 0, 1, 0, &trusted))
		return -EINVAL;
	*bad = "spoofchk";
	if (read_opt(dir, "spoofchk", 0, 1, 1, &spoofchk))
		return -EINVAL;
	*bad = "hw-vf";
	if (read_opt(dir, "hw-vf", 0, XENVF_MAX_VFS - 1, U32_MAX, &hw_vf))
		return -EINVAL;
	a->hw_vf = hw_vf == U32_MAX ? -1 : hw_vf;
	/* a hardware VF is switched by the NIC: no operation isolates it */
	*bad = "isolated";
	if (read_opt(dir, "isolated", 0, 1, 0, &isolated) ||
	    (isolated && a->hw_vf >= 0))
		return -EINVAL;
	*bad = "rate";
	s = xenbus_read(XBT_NIL, dir, "rate", NULL);
	if (!IS_ERR(s)) {
		m = xenvf_rate_spec_parse(s, &a->rate);
		kfree(s);
		if (m)
			return -EINVAL;
	}
	a->vlan = vlan;
	a->qos = qos;
	a->trusted = trusted;
	a->spoofchk = spoofchk;
	a->isolated = isolated;
	*bad = NULL;
	return 0;
}

/* The link the VF sees now. */
static bool link_is_up(u8 link_admin)
{
	struct net_device *up;
	bool ret;

	if (link_admin != XENVF_LINK_AUTO)
		return link_admin == XENVF_LINK_ENABLE;
	rcu_read_lock();
	up = rcu_dereference(xenvf_uplink);
	if (up)
		ret = netif_running(up) && netif_carrier_ok(up);
	else
		ret = READ_ONCE(xenvf_mode) == XENVF_MODE_VEB;
	rcu_read_unlock();
	return ret;
}

/* Recompute the link; tell the guest if it changed. Caller holds vf->lock. */
static void link_refresh(struct xenvf_back_vf *vf)
{
	bool up = link_is_up(vf->cfg.link_admin);

	if (vf->cfg.link.up == up)
		return;
	vf->cfg.link.up = up;
	xenvf_back_evt_post(vf, XENVF_EVT_LINK);
}

/* Take the admin's keys into @cfg (hw-vf only at probe: it cannot change). */
static void admin_store(struct xenvf_vf_cfg *cfg, const struct xenvf_admin *a)
{
	if (a->mac_set)
		ether_addr_copy(cfg->admin_mac, a->mac);
	cfg->admin_mac_set = a->mac_set;
	cfg->port_vlan = a->vlan;
	cfg->qos = a->qos;
	cfg->trusted = a->trusted;
	cfg->spoofchk = a->spoofchk;
	cfg->isolated = a->isolated;
	cfg->link_admin = a->link;
	cfg->max_rate = xenvf_rate_spec_mbps(&a->rate);
}

/*
 * The VF's TX limit: the shaper's for a paravirtual VF; a hardware VF's
 * NIC takes whole Mb/s (cfg->max_rate, back_hw.c), said when that is not
 * the limit given. Caller holds vf->lock (or probes).
 */
static void rate_apply(struct xenvf_back_vf *vf, const struct xenvf_rate_spec *r)
{
	vf->rate = *r;
	xenvf_back_credit_set(vf, r);
	if (vf->cfg.hw_vf >= 0 && !xenvf_rate_spec_mbps_exact(r))
		dev_info(&vf->dev->dev,
			 "rate %llu b/s every %u us: hardware VF %d limited to %u Mb/s (its NIC takes whole Mb/s, no interval)\n",
			 r->bits_per_sec, r->interval_us, vf->cfg.hw_vf,
			 vf->cfg.max_rate);
}

/*
 * The domain's UUID: the `uuid` key the toolstack writes in the backend
 * node (dom0's, read-only to the guest), read at probe only. Missing: no
 * UUID (no MAC handover, back_mac.c). The whole value must be a UUID, and
 * not the null one.
 */
static int read_uuid(const char *dir, uuid_t *u, bool *has)
{
	char *s = xenbus_read(XBT_NIL, dir, "uuid", NULL);
	int err = 0;

	*has = false;
	if (IS_ERR(s))
		return PTR_ERR(s) == -ENOENT ? 0 : PTR_ERR(s);
	if (strlen(s) != UUID_STRING_LEN || uuid_parse(s, u) || uuid_is_null(u))
		err = -EINVAL;
	kfree(s);
	*has = !err;
	return err;
}

/* A newer VF of the domain's UUID took a MAC: the switch must know. */
static void mac_lost_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(work, struct xenvf_back_vf,
						mac_lost_work);

	dev_info_ratelimited(&vf->dev->dev,
			     "a MAC of this VF went to a newer VF of the same domain UUID\n");
	mutex_lock(&vf->lock);
	if (xenvf_back_switch_update(vf))
		vf->port_dirty = true;
	mutex_unlock(&vf->lock);
}

/* Called under back_mac.c's lock: only schedules. */
static void mac_lost(struct xenvf_mac_claim *c)
{
	struct xenvf_back_vf *vf = container_of(c, struct xenvf_back_vf,
						cfg.own);

	schedule_work(&vf->mac_lost_work);
}

/**
 * xenvf_back_read_admin() - read the admin's keys at probe
 * @vf: the VF
 *
 * Missing keys take their defaults; present but invalid ones fail.
 *
 * Return: 0 or -EINVAL (with a xenbus error naming the key).
 */
int xenvf_back_read_admin(struct xenvf_back_vf *vf)
{
	struct xenvf_vf_cfg *cfg = &vf->cfg;
	struct xenvf_admin a;
	u32 queues, per_dom;
	const char *bad;
	bool has_uuid;
	uuid_t uuid;

	if (read_admin(vf->dev->nodename, &a, &bad) ||
	    read_opt(vf->dev->nodename, "queues", 1, XENVF_MAX_QUEUES,
		     XENVF_MAX_QUEUES, &queues)) {
		xenbus_dev_fatal(vf->dev, -EINVAL, "invalid key %s",
				 bad ?: "queues");
		return -EINVAL;
	}
	if (read_uuid(vf->dev->nodename, &uuid, &has_uuid)) {
		xenbus_dev_fatal(vf->dev, -EINVAL, "invalid key uuid");
		return -EINVAL;
	}
	INIT_WORK(&vf->mac_lost_work, mac_lost_work);
	xenvf_mac_claim_init(&cfg->own, has_uuid ? &uuid : NULL, mac_lost);
	cfg->mtu_max = xenvf_evi_vf_mtu_max(XENVF_MTU_MAX);
	cfg->queues = 1;
	/*
	 * The admin's queues key limits what the module parameter offers, and
	 * for a hardware VF so does vec_per_dom (control + Q queues take 1 + Q
	 * of the PF's vectors; a paravirtual VF takes none).
	 */
	per_dom = READ_ONCE(xenvf_vec_per_dom);
	if (per_dom && a.hw_vf >= 0)
		queues = min(queues, per_dom - 1);
	vf->max_queues = clamp_t(unsigned int, READ_ONCE(xenvf_back_max_queues),
				 1, queues);
	cfg->link.full_duplex = 1;
	cfg->link.speed_mbps = 10000;
	xenvf_back_ctrl_rss_key_new(cfg);	/* the VF's own, never dom0's */
	xenvf_back_ctrl_prep_init(vf);
	admin_store(cfg, &a);
	cfg->link.up = link_is_up(a.link);
	cfg->hw_vf = a.hw_vf;
	rate_apply(vf, &a.rate);
	xenvf_back_ctrl_init(cfg);
	return xenvf_back_hw_check(vf);
}

/*
 * Apply changed admin keys to a VF. Caller holds vf->lock. A MAC another
 * VF owns (back_mac.c) is refused, as a guest's SET_MAC of it would be:
 * the VF keeps its MAC and the admin's previous one (warned; the key is
 * tried again when the admin's keys next change).
 */
static void admin_apply(struct xenvf_back_vf *vf, struct xenvf_admin *a)
{
	struct xenvf_vf_cfg *cfg = &vf->cfg;
	bool mac = a->mac_set && !ether_addr_equal(a->mac, cfg->admin_mac);
	bool vlan = a->vlan != cfg->port_vlan || a->qos != cfg->qos;
	bool trust = a->trusted != cfg->trusted;
	bool rate = a->rate.bits_per_sec != vf->rate.bits_per_sec ||
		    a->rate.interval_us != vf->rate.interval_us;

	if (mac && xenvf_mac_claim_mac(&cfg->own, a->mac)) {
		dev_warn_ratelimited(&vf->dev->dev,
				     "mac %pM is another VF's: not applied\n",
				     a->mac);
		mac = false;
		ether_addr_copy(a->mac, cfg->admin_mac);
		a->mac_set = cfg->admin_mac_set;
	}
	admin_store(cfg, a);
	if (mac) {
		ether_addr_copy(cfg->mac, a->mac);
		xenvf_back_evt_post(vf, XENVF_EVT_MAC);
	}
	if (vlan)
		xenvf_back_evt_post(vf, XENVF_EVT_VLAN);
	if (trust) {
		if (!cfg->trusted && cfg->xcast > XENVF_XCAST_MULTI)
			cfg->xcast = XENVF_XCAST_MULTI;	/* trust gone */
		xenvf_back_evt_post(vf, XENVF_EVT_TRUST);
	}
	if (rate)
		rate_apply(vf, &a->rate);
	link_refresh(vf);
	xenvf_back_hw_sync(vf);
	if (xenvf_back_switch_update(vf))
		vf->port_dirty = true;
}

static void admin_work(struct work_struct *work)
{
	struct xenvf_back_vf *vf = container_of(work, struct xenvf_back_vf,
						admin_work);
	struct xenvf_admin a;
	const char *bad;

	if (read_admin(vf->dev->nodename, &a, &bad)) {
		dev_warn_ratelimited(&vf->dev->dev,
				     "ignoring invalid admin key %s/%s\n",
				     vf->dev->nodename, bad);
		return;
	}
	if (a.hw_vf != vf->cfg.hw_vf) {	/* fixed at probe: nothing applied */
		dev_warn_ratelimited(&vf->dev->dev,
				     "ignoring admin change of %s: hw-vf cannot change while the VF exists\n",
				     vf->dev->nodename);
		return;
	}
	mutex_lock(&vf->lock);
	admin_apply(vf, &a);
	mutex_unlock(&vf->lock);
}

static bool admin_key_changed(struct xenbus_watch *watch, const char *path,
			      const char *token)
{
	const char *key = strrchr(path, '/');

	return key && match_string(admin_keys, ARRAY_SIZE(admin_keys),
				   key + 1) >= 0;
}

static void admin_watch_fired(struct xenbus_watch *watch, const char *path,
			      const char *token)
{
	struct xenvf_back_vf *vf = container_of(watch, struct xenvf_back_vf,
						admin_watch);

	schedule_work(&vf->admin_work);
}

/**
 * xenvf_back_admin_start() - watch the admin keys; count the VF
 * @vf: the VF, probed (nothing applied to the hardware yet)
 *
 * A hardware VF is served by one device only: a second device naming the
 * same hw-vf is refused here, before anything reaches the PF.
 *
 * Return: 0, -ENOSPC if num_vfs VFs are served already, -EBUSY if its
 * hw-vf is another device's, or a xenbus error.
 */
int xenvf_back_admin_start(struct xenvf_back_vf *vf)
{
	struct xenvf_back_vf *v;
	unsigned int n = 0;
	int err;

	INIT_WORK(&vf->admin_work, admin_work);
	mutex_lock(&xenvf_vfs_lock);
	list_for_each_entry(v, &xenvf_vfs, all) {
		n++;
		if (vf->cfg.hw_vf < 0 || v->cfg.hw_vf != vf->cfg.hw_vf)
			continue;
		mutex_unlock(&xenvf_vfs_lock);
		xenbus_dev_fatal(vf->dev, -EBUSY,
				 "hw-vf %d is served by %s already",
				 vf->cfg.hw_vf, v->dev->nodename);
		return -EBUSY;
	}
	if (n >= READ_ONCE(xenvf_num_vfs)) {
		mutex_unlock(&xenvf_vfs_lock);
		xenbus_dev_fatal(vf->dev, -ENOSPC,
				 "all %u VFs (num_vfs) are in use", n);
		return -ENOSPC;
	}
	err = xenvf_back_vec_join(vf);	/* its domain's share of vectors */
	if (err) {
		mutex_unlock(&xenvf_vfs_lock);
		xenbus_dev_fatal(vf->dev, err, "interrupt vector pool: %d domains",
				 XENVF_MSIX_DOMS);
		return err;
	}
	list_add(&vf->all, &xenvf_vfs);
	mutex_unlock(&xenvf_vfs_lock);
	err = xenbus_watch_pathfmt(vf->dev, &vf->admin_watch, admin_key_changed,
				   admin_watch_fired, "%s", vf->dev->nodename);
	if (err) {
		xenvf_back_admin_stop(vf);
		return err;
	}
	vf->admin_watch_set = true;
	return 0;
}

/**
 * xenvf_back_admin_stop() - stop watching; uncount the VF
 * @vf: the VF
 */
void xenvf_back_admin_stop(struct xenvf_back_vf *vf)
{
	if (vf->admin_watch_set) {
		unregister_xenbus_watch(&vf->admin_watch);
		kfree(vf->admin_watch.node);
		vf->admin_watch.node = NULL;
		vf->admin_watch_set = false;
	}
	cancel_work_sync(&vf->admin_work);
	mutex_lock(&vf->lock);
	xenvf_mac_release(&vf->cfg.own);	/* its MACs are free again */
	mutex_unlock(&vf->lock);
	cancel_work_sync(&vf->mac_lost_work);	/* none is scheduled again */
	mutex_lock(&xenvf_vfs_lock);
	list_del_init(&vf->all);
	mutex_unlock(&xenvf_vfs_lock);
	xenvf_back_vec_leave(vf);	/* its vectors go back at disconnect */
}

/*
 * The MTU limit a connected VF was given at RESET no longer holds (EVI was
 * enabled, disabled or re-addressed, the uplink came or went): a PF_RESET
 * event makes the guest run its handshake again, and its RESET gets the
 * new limit (as an ixgbe VF re-reads its limits after a PF reset). A
 * change of the uplink's MTU alone is not followed: frames that no longer
 * fit are dropped and counted (EVI's tx_oversize) until the VF's next
 * reset.
 */
static void mtu_refresh(struct xenvf_back_vf *vf, u32 mtu_max)
{
	if (!vf->cfg.reset_done || vf->cfg.mtu_max == mtu_max)
		return;
	dev_info(&vf->dev->dev, "MTU limit %u -> %u: PF reset sent\n",
		 vf->cfg.mtu_max, mtu_max);
	vf->cfg.mtu_max = mtu_max;	/* not again before its RESET */
	xenvf_back_evt_post(vf, XENVF_EVT_PF_RESET);
}

static void link_work_fn(struct work_struct *work)
{
	u32 mtu_max = xenvf_evi_vf_mtu_max(XENVF_MTU_MAX);
	struct xenvf_back_vf *vf;

	mutex_lock(&xenvf_vfs_lock);
	list_for_each_entry(vf, &xenvf_vfs, all) {
		mutex_lock(&vf->lock);
		link_refresh(vf);
		mtu_refresh(vf, mtu_max);
		mutex_unlock(&vf->lock);
	}
	mutex_unlock(&xenvf_vfs_lock);
}

static DECLARE_WORK(link_work, link_work_fn);

/**
 * xenvf_back_link_changed() - the uplink, the mode or EVI's settings
 * changed: recompute every VF's link and MTU limit (from any context)
 */
void xenvf_back_link_changed(void)
{
	schedule_work(&link_work);
}

/**
 * xenvf_back_admin_exit() - wait for a pending link update (module exit)
 */
void xenvf_back_admin_exit(void)
{
	cancel_work_sync(&link_work);
}
