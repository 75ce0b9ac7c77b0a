// SPDX-License-Identifier: GPL-2.0-only
/* A VF's TX limit, xl's vif syntax or Mb/s: see rate_spec.h. */
#include "rate_spec.h"

struct rate_unit {
	const char *name;
	u64 mult;		/* bits/s or us per unit */
};

static const struct rate_unit rate_units[] = {
	{ "b/s", 1 }, { "Kb/s", 1000 }, { "Mb/s", 1000000 },
	{ "Gb/s", 1000000000 },
	{ "B/s", 8 }, { "KB/s", 8000 }, { "MB/s", 8000000 },
	{ "GB/s", 8000000000ULL },
};

static const struct rate_unit interval_units[] = {
	{ "us", 1 }, { "ms", 1000 }, { "s", 1000000 },
};

/*
 * Leading decimal digits of *@s into *@v, *@s moved past them.
 * Return: 0, -EINVAL (no digit) or -ERANGE (past 2^64 - 1).
 */
static int rate_digits(const char **s, u64 *v)
{
	const char *p = *s;
	u64 n = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (~0ULL - (u64)(*p - '0')) / 10)
			return -ERANGE;
		n = n * 10 + (u64)(*p - '0');
	}
	*s = p;
	*v = n;
	return 0;
}

/* The unit that is @s up to @end (exact), or NULL. */
static const struct rate_unit *rate_unit(const struct rate_unit *u,
					 unsigned int n, const char *s,
					 const char *end)
{
	size_t len = (size_t)(end - s);
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strlen(u[i].name) == len && !memcmp(u[i].name, s, len))
			return &u[i];
	return NULL;
}

int xenvf_rate_spec_parse(const char *s, struct xenvf_rate_spec *out)
{
	struct xenvf_rate_spec r = { 0, XENVF_RATE_INTERVAL_DEF_US, false };
	const struct rate_unit *u;
	const char *at;
	u64 v, us;
	int err;

	err = rate_digits(&s, &v);
	if (err)
		return err;
	if (!*s) {			/* N: Mb/s */
		if (v > XENVF_RATE_MAX_MBPS)
			return -ERANGE;
		r.bits_per_sec = v * 1000000;
		r.plain = true;
		*out = r;
		return 0;
	}
	at = strchr(s, '@');
	u = rate_unit(rate_units, ARRAY_SIZE(rate_units), s,
		      at ? at : s + strlen(s));
	if (!u)
		return -EINVAL;
	if (v > XENVF_RATE_MAX_BITS / u->mult)	/* so v * mult cannot wrap */
		return -ERANGE;
	r.bits_per_sec = v * u->mult;
	if (at) {
		s = at + 1;
		err = rate_digits(&s, &us);
		if (err)
			return err;
		u = rate_unit(interval_units, ARRAY_SIZE(interval_units), s,
			      s + strlen(s));
		if (!u)
			return -EINVAL;
		if (!us || us > XENVF_RATE_INTERVAL_MAX_US / u->mult)
			return -ERANGE;
		r.interval_us = (u32)(us * u->mult);
	}
	if (r.bits_per_sec && !xenvf_rate_spec_credit(&r))
		return -ERANGE;		/* under a byte per interval */
	*out = r;
	return 0;
}

u64 xenvf_rate_spec_credit(const struct xenvf_rate_spec *r)
{
	/* at most 10^11 b/s x 10^7 us: no overflow */
	return r->bits_per_sec * r->interval_us / 8000000;
}

u32 xenvf_rate_spec_mbps(const struct xenvf_rate_spec *r)
{
	return (u32)((r->bits_per_sec + 999999) / 1000000);
}

bool xenvf_rate_spec_mbps_exact(const struct xenvf_rate_spec *r)
{
	return r->bits_per_sec % 1000000 == 0 &&
	       r->interval_us == XENVF_RATE_INTERVAL_DEF_US;
}
