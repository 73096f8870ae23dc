/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/remedy.c - the remedies for a plan that fails or drops a
 * region (xenrdm/remedy.h).  Each candidate is derived from the plan's
 * problem regions and then verified by planning the changed
 * configuration again: the planner, not this file, has the last word.
 * Remedies are data; the command words them (shim/xen-rdm/remedy_text.c).
 */
#include <stdlib.h>
#include <string.h>

#include "xenrdm/remedy.h"

#include "diag.h"

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
	r = xenrdm_plan_compute(cfg, &plan, NULL, 0);
	if (r == -XENRDM_ERR_NOMEM)
		return r;
	ok = r == 0 && plan.nr_conflict == 0 &&
	     (goal == GOAL_NO_CONFLICT || plan.nr_dropped == 0);
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

static void layout_of(const struct xenrdm_plan *plan,
		      struct xenrdm_remedy_layout *l)
{
	l->mem_size = plan->mem_size;
	l->mmio_size = plan->mmio_size;
	l->mmio_start = plan->mmio_start;
	l->lowmem_end = plan->lowmem_end;
	l->highmem_end = plan->highmem_end;
	l->nr_dropped = plan->nr_dropped;
}

/* Append a copy of *tmpl, with the original plan (orig) and the verified
 * plan (verified) as its layouts before and after.  Takes ownership of
 * tmpl->devices (even on failure). */
static int remedy_add(struct xenrdm_remedies *out,
		      const struct xenrdm_remedy *tmpl,
		      const struct xenrdm_plan *orig,
		      const struct xenrdm_plan *verified)
{
	struct xenrdm_remedy *v, *rem;

	v = realloc(out->v, (out->n + 1) * sizeof(*v));
	if (!v) {
		free(tmpl->devices);
		return -XENRDM_ERR_NOMEM;
	}
	out->v = v;
	rem = &v[out->n];
	*rem = *tmpl;
	layout_of(orig, &rem->before);
	layout_of(verified, &rem->after);
	out->n++;
	return 0;
}

/* Plan c again; when it holds, append *rem with the value mib.  Returns
 * 0 (added, or c does not hold either), or a planner/allocation error. */
static int add_if_holds(const struct xenrdm_config *c, uint64_t mib,
			struct xenrdm_remedy *rem,
			const struct xenrdm_plan *orig,
			struct xenrdm_remedies *out)
{
	struct xenrdm_plan plan;
	int rc, r;

	r = plan_holds(c, GOAL_NO_PROBLEM, &plan);
	if (r <= 0)
		return r;
	rem->mib = mib;
	rc = remedy_add(out, rem, orig, &plan);
	xenrdm_plan_free(&plan);
	return rc;
}

/* The largest memory (MiB, below the current size) that holds. */
static int try_memory(const struct xenrdm_config *cfg,
		      const struct xenrdm_plan *orig,
		      struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_remedy rem = { .kind = XENRDM_REMEDY_MEMORY,
				     .cost = XENRDM_REMEDY_COST_LESS_RAM };
	uint64_t lo = XENRDM_MIN_MEM_SIZE / MIB, hi, mid, best;
	unsigned rounds = 0;
	int r;

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
	return add_if_holds(&c, best, &rem, orig, out);
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
	struct xenrdm_remedy rem = { .kind = XENRDM_REMEDY_RDM_MEM_BOUNDARY,
				     .cost = XENRDM_REMEDY_COST_MOVES_RAM };
	uint64_t mib;

	if (!p->lowmem || p->lowmem_min_start == 0)
		return 0;
	mib = (p->lowmem_min_start - 1) / MIB; /* mib * MiB < start */
	c.rdm_mem_boundary = mib * MIB;
	return add_if_holds(&c, mib, &rem, orig, out);
}

/* The smallest MMIO hole whose start is at or below that region. */
static int try_mmio_hole(const struct xenrdm_config *cfg,
			 const struct xenrdm_plan *orig,
			 const struct problems *p,
			 struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_remedy rem = { .kind = XENRDM_REMEDY_MMIO_HOLE,
				     .cost = XENRDM_REMEDY_COST_MOVES_RAM };
	uint64_t need, mib;

	if (!p->lowmem || p->lowmem_min_start >= XENRDM_4G)
		return 0;
	need = XENRDM_4G - p->lowmem_min_start;
	mib = (need + MIB - 1) / MIB;
	if (mib < XENRDM_MIN_MMIO_SIZE / MIB)
		mib = XENRDM_MIN_MMIO_SIZE / MIB;
	if (mib > XENRDM_MAX_MMIO_SIZE / MIB || mib * MIB <= cfg->mmio_size)
		return 0;
	c.mmio_size = mib * MIB;
	return add_if_holds(&c, mib, &rem, orig, out);
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

/* Device remedies: detach (relax == false) or relax the given devices.
 * Takes ownership of devs. */
static int try_devices(const struct xenrdm_config *cfg,
		       const struct xenrdm_plan *orig, bool relax,
		       xenrdm_sbdf *devs, size_t nr_devs,
		       struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_pci_dev *pci = NULL;
	struct xenrdm_plan plan;
	struct xenrdm_remedy rem = { 0 };
	size_t i, n = 0;
	int rc, r;

	memset(&plan, 0, sizeof(plan));
	pci = malloc((cfg->nr_pci ? cfg->nr_pci : 1) * sizeof(*pci));
	if (!pci) {
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
	rem.kind = relax ? XENRDM_REMEDY_RDM_POLICY : XENRDM_REMEDY_PCI;
	rem.cost = relax ? XENRDM_REMEDY_COST_DMA_RISK :
			   XENRDM_REMEDY_COST_LOSES_DEVICES;
	rem.devices = devs;
	rem.nr_devices = nr_devs;
	rc = remedy_add(out, &rem, orig, &plan);
	devs = NULL;    /* owned by the remedy (or freed by remedy_add) */
	xenrdm_plan_free(&plan);
out:
	free(devs);
	free(pci);
	return rc;
}

/* Host-wide regions (strategy=host): relax them, or ignore them. */
static int try_rdm(const struct xenrdm_config *cfg,
		   const struct xenrdm_plan *orig, const struct problems *p,
		   struct xenrdm_remedies *out)
{
	struct xenrdm_config c = *cfg;
	struct xenrdm_plan plan;
	struct xenrdm_remedy rem = { .kind = XENRDM_REMEDY_RDM };
	int rc = 0, r;

	if (cfg->strategy != XENRDM_STRATEGY_HOST || !p->host_wide)
		return 0;
	if (p->nr_conflict && cfg->policy == XENRDM_POLICY_STRICT) {
		c.policy = XENRDM_POLICY_RELAXED;
		r = plan_holds(&c, GOAL_NO_CONFLICT, &plan);
		if (r < 0)
			return r;
		if (r) {
			rem.cost = XENRDM_REMEDY_COST_DMA_RISK;
			rem.strategy = XENRDM_STRATEGY_HOST;
			rem.policy = XENRDM_POLICY_RELAXED;
			rc = remedy_add(out, &rem, orig, &plan);
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
	rem.cost = XENRDM_REMEDY_COST_IGNORES_HOST;
	rem.strategy = XENRDM_STRATEGY_IGNORE;
	rem.policy = cfg->policy;
	rc = remedy_add(out, &rem, orig, &plan);
	xenrdm_plan_free(&plan);
	return rc;
}

int xenrdm_remedies_compute(const struct xenrdm_config *cfg,
			    struct xenrdm_remedies *out,
			    char *err, size_t errlen)
{
	struct xenrdm_plan orig;
	struct problems p;
	xenrdm_sbdf *devs = NULL;
	size_t nr_devs = 0;
	int rc, r;

	memset(out, 0, sizeof(*out));
	memset(&orig, 0, sizeof(orig));
	r = xenrdm_plan_compute(cfg, &orig, err, errlen);
	if (r != 0 && r != -XENRDM_ERR_CONFLICT)
		return r;       /* the planner said why */
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
			rc = try_devices(cfg, &orig, true, devs, nr_devs,
					 out);
			devs = NULL;
			if (rc)
				goto out;
		}
	}
	rc = try_rdm(cfg, &orig, &p, out);
	if (rc)
		goto out;
	rc = problem_devices(cfg, &orig, false, false, &devs, &nr_devs);
	if (rc)
		goto out;
	if (nr_devs) {
		rc = try_devices(cfg, &orig, false, devs, nr_devs, out);
		devs = NULL;
	}
out:
	free(devs);
	xenrdm_plan_free(&orig);
	if (rc == -XENRDM_ERR_NOMEM)
		xenrdm_set_err(err, errlen, "out of memory while trying the "
			       "remedies");
	return rc;
}

void xenrdm_remedies_free(struct xenrdm_remedies *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		free(r->v[i].devices);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}
