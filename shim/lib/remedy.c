/* SPDX-License-Identifier: MIT */
/*
 * shim/lib/remedy.c - the remedies for a plan that fails or drops a
 * region (xenrdm/remedy.h).  Each candidate is derived from the plan's
 * problem regions and then verified by planning the changed
 * configuration again: the planner, not this file, has the last word.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/remedy.h"

#define MIB ((uint64_t)XENRDM_MIB)
/* The bisection over memory halves a range of at most 2^52 / 1 MiB
 * values, so 32 rounds suffice; the bound only guards the loop. */
#define BISECT_MAX_ROUNDS 64

/* What the remedy must achieve: with allow_drops the policy remedies may
 * trade a conflict for a dropped region; every other remedy may not. */
enum goal {
	GOAL_NO_PROBLEM,     /* returns 0, no conflict, nothing dropped */
	GOAL_NO_CONFLICT,    /* returns 0, no conflict */
};

/* The problem regions of the original plan, summed up. */
struct problems {
	size_t nr;                    /* regions not valid */
	size_t nr_conflict;
	bool hvmloader;               /* one lies in hvmloader's area */
	bool host_wide;               /* one came in through strategy=host */
	bool lowmem;                  /* one overlaps low RAM */
	uint64_t lowmem_min_start;    /* lowest such region's start */
};

/*
 * Plan cfg and judge it against goal.  Returns 1 (holds; *plan_out kept
 * when plan_out is not NULL, caller frees), 0 (does not hold, or the
 * planner refuses the configuration), or -XENRDM_ERR_NOMEM.
 */
static int plan_holds(const struct xenrdm_config *cfg, enum goal goal,
		      struct xenrdm_plan *plan_out)
{
	struct xenrdm_plan plan;
	int r, ok;

	memset(&plan, 0, sizeof(plan));
	r = xenrdm_plan_compute(cfg, &plan);
	if (r == -XENRDM_ERR_NOMEM)
		return r;
	ok = r == 0 && plan.nr_conflict == 0 &&
	     (goal == GOAL_NO_CONFLICT || plan.nr_invalid == 0);
	if (ok && plan_out)
		*plan_out = plan;
	else if (r == 0 || r == -XENRDM_ERR_CONFLICT)
		xenrdm_plan_free(&plan);
	return ok;
}

static void problems_of(const struct xenrdm_plan *plan, struct problems *p)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->lowmem_min_start = UINT64_MAX;
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		if (d->state == XENRDM_STATE_VALID)
			continue;
		p->nr++;
		if (d->state == XENRDM_STATE_CONFLICT)
			p->nr_conflict++;
		if (d->host_wide)
			p->host_wide = true;
		switch (d->reason) {
		case XENRDM_REASON_HVMLOADER:
			p->hvmloader = true;
			break;
		case XENRDM_REASON_LOWMEM:
			p->lowmem = true;
			if (d->start < p->lowmem_min_start)
				p->lowmem_min_start = d->start;
			break;
		default:
			break;
		}
	}
}

/* "N MiB" when whole MiB, else "N KiB" (RDM is page granular). */
static const char *size_text(uint64_t bytes, char buf[32])
{
	if (bytes % MIB == 0)
		snprintf(buf, 32, "%" PRIu64 " MiB", bytes / MIB);
	else
		snprintf(buf, 32, "%" PRIu64 " KiB", bytes >> 10);
	return buf;
}

static void sbdf_text(xenrdm_sbdf s, char buf[16])
{
	snprintf(buf, 16, "%04x:%02x:%02x.%x", (s >> 16) & 0xffff,
		 (s >> 8) & 0xff, (s >> 3) & 0x1f, s & 7);
}

/* Append a remedy; value and effect are printf-built.  The verified plan
 * gives the ends.  Takes ownership of devices (even on failure). */
static int remedy_add(struct xenrdm_remedies *out,
		      enum xenrdm_remedy_kind kind, const char *option,
		      uint64_t mib, xenrdm_sbdf *devices, size_t nr_devices,
		      const struct xenrdm_plan *verified, const char *value,
		      const char *effect_fmt, ...)
	__attribute__((format(printf, 9, 10)));

static int remedy_add(struct xenrdm_remedies *out,
		      enum xenrdm_remedy_kind kind, const char *option,
		      uint64_t mib, xenrdm_sbdf *devices, size_t nr_devices,
		      const struct xenrdm_plan *verified, const char *value,
		      const char *effect_fmt, ...)
{
	struct xenrdm_remedy *v, *rem;
	va_list ap;
	int rc, r;

	v = realloc(out->v, (out->n + 1) * sizeof(*v));
	if (!v) {
		rc = -XENRDM_ERR_NOMEM;
		goto out;
	}
	out->v = v;
	rem = &v[out->n];
	memset(rem, 0, sizeof(*rem));
	rem->value = strdup(value);
	va_start(ap, effect_fmt);
	r = vasprintf(&rem->effect, effect_fmt, ap);
	va_end(ap);
	if (r < 0)
		rem->effect = NULL;
	if (!rem->value || !rem->effect) {
		free(rem->value);
		free(rem->effect);
		rc = -XENRDM_ERR_NOMEM;
		goto out;
	}
	rem->kind = kind;
	rem->option = option;
	rem->mib = mib;
	rem->devices = devices;
	rem->nr_devices = nr_devices;
	devices = NULL;
	rem->lowmem_end = verified->lowmem_end;
	rem->highmem_end = verified->highmem_end;
	out->n++;
	rc = 0;
out:
	free(devices);
	return rc;
}

/* The largest memory (MiB, below the current size) that holds. */
static int try_memory(const struct xenrdm_config *cfg,
		      const struct xenrdm_plan *orig,
		      struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_plan plan;
	uint64_t lo = XENRDM_MIN_MEM_SIZE / MIB, hi, mid, best;
	char was[32], now[32], less[32];
	unsigned rounds = 0;
	int rc, r;

	memset(&plan, 0, sizeof(plan));
	hi = cfg->mem_size / MIB;
	if (cfg->mem_size % MIB == 0)
		hi--;           /* strictly less RAM than now */
	if (hi < lo)
		return 0;
	c.mem_size = hi * MIB;
	r = plan_holds(&c, GOAL_NO_PROBLEM, NULL);
	if (r < 0)
		return r;
	if (r) {
		best = hi;
	} else {
		c.mem_size = lo * MIB;
		r = plan_holds(&c, GOAL_NO_PROBLEM, NULL);
		if (r <= 0)
			return r;
		/* lo holds, hi does not. */
		while (hi - lo > 1 && rounds++ < BISECT_MAX_ROUNDS) {
			mid = lo + (hi - lo) / 2;
			c.mem_size = mid * MIB;
			r = plan_holds(&c, GOAL_NO_PROBLEM, NULL);
			if (r < 0)
				return r;
			if (r)
				lo = mid;
			else
				hi = mid;
		}
		best = lo;
	}
	/* The answer is verified once more, and its plan gives the effect;
	 * the planner need not be monotonic in memory for this to hold. */
	c.mem_size = best * MIB;
	r = plan_holds(&c, GOAL_NO_PROBLEM, &plan);
	if (r <= 0)
		return r;
	size_text(orig->mem_size, was);
	size_text(orig->mem_size - c.mem_size, less);
	snprintf(now, sizeof(now), "%" PRIu64, best);
	rc = remedy_add(out, XENRDM_REMEDY_MEMORY, "memory", best, NULL, 0,
			&plan, now,
			"give the guest %" PRIu64 " MiB of RAM instead of %s "
			"(%s less); low RAM then ends at 0x%" PRIx64
			" (in xl.cfg add any videoram to this value)",
			best, was, less, plan.lowmem_end);
	xenrdm_plan_free(&plan);
	return rc;
}

/* The largest boundary below the lowest region conflicting with low RAM:
 * that region then starts above the boundary and relocation moves
 * lowmem_end under it. */
static int try_boundary(const struct xenrdm_config *cfg,
			const struct xenrdm_plan *orig,
			const struct problems *p,
			struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_plan plan;
	uint64_t mib;
	char val[24], moved[32];
	int rc, r;

	if (!p->lowmem || p->lowmem_min_start == 0)
		return 0;
	mib = (p->lowmem_min_start - 1) / MIB; /* mib * MiB < start */
	c.rdm_mem_boundary = mib * MIB;
	r = plan_holds(&c, GOAL_NO_PROBLEM, &plan);
	if (r <= 0)
		return r;
	snprintf(val, sizeof(val), "%" PRIu64, mib);
	size_text(plan.highmem_end - orig->highmem_end, moved);
	rc = remedy_add(out, XENRDM_REMEDY_RDM_MEM_BOUNDARY, "rdm_mem_boundary",
			mib, NULL, 0, &plan, val,
			"lowmem_end moves from 0x%" PRIx64 " down to 0x%" PRIx64
			" below the region; %s of RAM moves above 4 GiB "
			"(highmem_end 0x%" PRIx64 "), no RAM is lost",
			orig->lowmem_end, plan.lowmem_end, moved,
			plan.highmem_end);
	xenrdm_plan_free(&plan);
	return rc;
}

/* The smallest MMIO hole whose start is at or below that region. */
static int try_mmio_hole(const struct xenrdm_config *cfg,
			 const struct xenrdm_plan *orig,
			 const struct problems *p,
			 struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_plan plan;
	uint64_t need, mib;
	char val[24], moved[32];
	int rc, r;

	if (!p->lowmem || p->lowmem_min_start >= XENRDM_4G)
		return 0;
	need = XENRDM_4G - p->lowmem_min_start;
	mib = (need + MIB - 1) / MIB;
	if (mib < XENRDM_MIN_MMIO_SIZE / MIB)
		mib = XENRDM_MIN_MMIO_SIZE / MIB;
	if (mib > XENRDM_MAX_MMIO_SIZE / MIB || mib * MIB <= cfg->mmio_size)
		return 0;
	c.mmio_size = mib * MIB;
	r = plan_holds(&c, GOAL_NO_PROBLEM, &plan);
	if (r <= 0)
		return r;
	snprintf(val, sizeof(val), "%" PRIu64, mib);
	size_text(plan.highmem_end - orig->highmem_end, moved);
	rc = remedy_add(out, XENRDM_REMEDY_MMIO_HOLE, "mmio_hole", mib, NULL, 0,
			&plan, val,
			"the MMIO hole grows from %" PRIu64 " to %" PRIu64
			" MiB (mmio_start 0x%" PRIx64 "), so low RAM ends at 0x%"
			PRIx64 "; %s of RAM moves above 4 GiB (highmem_end 0x%"
			PRIx64 "), no RAM is lost",
			cfg->mmio_size / MIB, mib, plan.mmio_start,
			plan.lowmem_end, moved, plan.highmem_end);
	xenrdm_plan_free(&plan);
	return rc;
}

static int sbdf_cmp(const void *a, const void *b)
{
	xenrdm_sbdf x = *(const xenrdm_sbdf *)a, y = *(const xenrdm_sbdf *)b;

	return x < y ? -1 : x > y;
}

static const struct xenrdm_pci_dev *assigned(const struct xenrdm_config *cfg,
					     xenrdm_sbdf s)
{
	size_t i;

	for (i = 0; i < cfg->nr_pci; i++)
		if (cfg->pci[i].sbdf == s)
			return &cfg->pci[i];
	return NULL;
}

/*
 * The assigned devices of the problem regions (conflicts only when
 * conflicts_only), sorted and unique; with strict_only only those whose
 * rdm_policy is strict.  *devs_out is NULL when there are none.
 */
static int problem_devices(const struct xenrdm_config *cfg,
			   const struct xenrdm_plan *plan, bool conflicts_only,
			   bool strict_only, xenrdm_sbdf **devs_out,
			   size_t *nr_out)
{
	xenrdm_sbdf *devs = NULL, *grown;
	size_t i, j, n = 0, k;
	const struct xenrdm_pci_dev *d;

	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *rdm = &plan->rdms[i];

		if (rdm->state == XENRDM_STATE_VALID ||
		    (conflicts_only && rdm->state != XENRDM_STATE_CONFLICT))
			continue;
		for (j = 0; j < rdm->nr_devices; j++) {
			d = assigned(cfg, rdm->devices[j]);
			if (!d || (strict_only &&
				   d->policy != XENRDM_POLICY_STRICT))
				continue;
			grown = realloc(devs, (n + 1) * sizeof(*devs));
			if (!grown) {
				free(devs);
				return -XENRDM_ERR_NOMEM;
			}
			devs = grown;
			devs[n++] = rdm->devices[j];
		}
	}
	if (n) {
		qsort(devs, n, sizeof(*devs), sbdf_cmp);
		for (i = 1, k = 1; i < n; i++)
			if (devs[i] != devs[k - 1])
				devs[k++] = devs[i];
		n = k;
	}
	*devs_out = devs;
	*nr_out = n;
	return 0;
}

static bool in_list(const xenrdm_sbdf *devs, size_t n, xenrdm_sbdf s)
{
	return bsearch(&s, devs, n, sizeof(*devs), sbdf_cmp) != NULL;
}

/* "SSSS:BB:DD.F SSSS:BB:DD.F ..." */
static char *devices_text(const xenrdm_sbdf *devs, size_t n)
{
	char *s = malloc(n * 13 + 1), one[16];
	size_t i;

	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		sbdf_text(devs[i], one);
		if (i)
			strcat(s, " ");
		strcat(s, one);
	}
	return s;
}

/* Device remedies: detach (relax == false) or relax the given devices.
 * Takes ownership of devs. */
static int try_devices(const struct xenrdm_config *cfg, bool relax,
		       xenrdm_sbdf *devs, size_t nr_devs,
		       struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_pci_dev *pci = NULL;
	struct xenrdm_plan plan;
	char *val = NULL;
	size_t i, n = 0;
	int rc, r;

	memset(&plan, 0, sizeof(plan));
	pci = malloc((cfg->nr_pci ? cfg->nr_pci : 1) * sizeof(*pci));
	val = devices_text(devs, nr_devs);
	if (!pci || !val) {
		rc = -XENRDM_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < cfg->nr_pci; i++) {
		bool listed = in_list(devs, nr_devs, cfg->pci[i].sbdf);

		if (listed && !relax)
			continue;
		pci[n] = cfg->pci[i];
		if (listed)
			pci[n].policy = XENRDM_POLICY_RELAXED;
		n++;
	}
	c.pci = pci;
	c.nr_pci = n;
	r = plan_holds(&c, relax ? GOAL_NO_CONFLICT : GOAL_NO_PROBLEM, &plan);
	if (r <= 0) {
		rc = r;
		goto out;
	}
	if (relax)
		rc = remedy_add(out, XENRDM_REMEDY_RDM_POLICY, "rdm_policy", 0,
				devs, nr_devs, &plan, val,
				"set rdm_policy=relaxed on %s: %zu region%s then "
				"left out of the guest's memory map; WARNING: the "
				"guest may then place RAM where the device does DMA, "
				"and that RAM can be silently corrupted",
				nr_devs > 1 ? "these devices" : "this device",
				plan.nr_invalid, plan.nr_invalid == 1 ? " is" :
				"s are");
	else
		rc = remedy_add(out, XENRDM_REMEDY_PCI, "pci", 0, devs, nr_devs,
				&plan, val,
				"do not pass %s through to this guest: %s region%s "
				"then need%s no reservation; the guest loses the "
				"device%s",
				nr_devs > 1 ? "these devices" : "this device",
				nr_devs > 1 ? "their" : "its",
				nr_devs > 1 ? "s" : "", nr_devs > 1 ? "" : "s",
				nr_devs > 1 ? "s" : "");
	devs = NULL;    /* owned by the remedy (or freed by remedy_add) */
	xenrdm_plan_free(&plan);
out:
	free(devs);
	free(pci);
	free(val);
	return rc;
}

/* Host-wide regions (strategy=host): relax them, or ignore them. */
static int try_rdm(const struct xenrdm_config *cfg,
		   const struct problems *p, struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_plan plan;
	int rc = 0, r;

	if (cfg->strategy != XENRDM_STRATEGY_HOST || !p->host_wide)
		return 0;
	if (p->nr_conflict && cfg->policy == XENRDM_POLICY_STRICT) {
		c.policy = XENRDM_POLICY_RELAXED;
		r = plan_holds(&c, GOAL_NO_CONFLICT, &plan);
		if (r < 0)
			return r;
		if (r) {
			rc = remedy_add(out, XENRDM_REMEDY_RDM, "rdm", 0, NULL, 0,
					&plan, "strategy=host,policy=relaxed",
					"host-wide regions become relaxed and those "
					"that conflict are left out of the guest's "
					"memory map (%zu dropped); WARNING: the guest "
					"may then place RAM where a device does DMA",
					plan.nr_invalid);
			xenrdm_plan_free(&plan);
			if (rc)
				return rc;
		}
		c.policy = cfg->policy;
	}
	c.strategy = XENRDM_STRATEGY_IGNORE;
	r = plan_holds(&c, GOAL_NO_PROBLEM, &plan);
	if (r <= 0)
		return r;
	rc = remedy_add(out, XENRDM_REMEDY_RDM, "rdm", 0, NULL, 0, &plan,
			"strategy=ignore",
			"reserve only the regions of the assigned devices and "
			"ignore the host's other RMRRs (safe as long as no "
			"device they belong to is passed through)");
	xenrdm_plan_free(&plan);
	return rc;
}

int xenrdm_remedies_compute(const struct xenrdm_config *cfg,
			    struct xenrdm_remedies *out)
{
	struct xenrdm_plan orig;
	struct problems p;
	xenrdm_sbdf *devs = NULL;
	size_t nr_devs = 0;
	int rc, r;

	memset(out, 0, sizeof(*out));
	memset(&orig, 0, sizeof(orig));
	r = xenrdm_plan_compute(cfg, &orig);
	if (r != 0 && r != -XENRDM_ERR_CONFLICT)
		return r;
	problems_of(&orig, &p);
	if (p.nr == 0) {
		rc = 0;
		goto out;
	}
	/* Nothing that moves RAM moves hvmloader's area. */
	if (!p.hvmloader) {
		rc = try_memory(cfg, &orig, out);
		if (rc)
			goto out;
		rc = try_boundary(cfg, &orig, &p, out);
		if (rc)
			goto out;
		rc = try_mmio_hole(cfg, &orig, &p, out);
		if (rc)
			goto out;
	}
	if (p.nr_conflict) {
		rc = problem_devices(cfg, &orig, true, true, &devs, &nr_devs);
		if (rc)
			goto out;
		if (nr_devs) {
			rc = try_devices(cfg, true, devs, nr_devs, out);
			devs = NULL;
			if (rc)
				goto out;
		}
	}
	rc = try_rdm(cfg, &p, out);
	if (rc)
		goto out;
	rc = problem_devices(cfg, &orig, false, false, &devs, &nr_devs);
	if (rc)
		goto out;
	if (nr_devs) {
		rc = try_devices(cfg, false, devs, nr_devs, out);
		devs = NULL;
	}
out:
	free(devs);
	xenrdm_plan_free(&orig);
	return rc;
}

void xenrdm_remedies_free(struct xenrdm_remedies *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].value);
		free(r->v[i].effect);
		free(r->v[i].devices);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}
