/* SPDX-License-Identifier: MIT */
/*
 * shim/lib/plan.c - the guest layout planner (the rules in
 * README.md, "The planner's rules (the contract)").
 *
 * One sort of (start, size, device) tuples gives de-duplication, the
 * device lists and the output order; relocation and conflicts are then
 * single passes.  O(n log n) in regions + devices.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "plan_internal.h"
#include "xenrdm/xenrdm.h"

/* One contribution of a host region to the RDM set. */
struct rdm_tuple {
	uint64_t start;
	uint64_t size;
	enum xenrdm_policy policy;
	bool has_dev;           /* tied to an assigned device */
	xenrdm_sbdf sbdf;       /* valid when has_dev */
};

static int tuple_cmp(const void *a, const void *b)
{
	const struct rdm_tuple *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->has_dev != y->has_dev)
		return x->has_dev ? 1 : -1;
	if (x->sbdf != y->sbdf)
		return x->sbdf < y->sbdf ? -1 : 1;
	return (int)x->policy - (int)y->policy;
}

static int pci_cmp(const void *a, const void *b)
{
	const struct xenrdm_pci_dev *x = a, *y = b;

	if (x->sbdf != y->sbdf)
		return x->sbdf < y->sbdf ? -1 : 1;
	return 0;
}

static bool policy_ok(enum xenrdm_policy p)
{
	return p == XENRDM_POLICY_RELAXED || p == XENRDM_POLICY_STRICT;
}

void xenrdm_config_init(struct xenrdm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mmio_size = XENRDM_DEFAULT_MMIO_SIZE;
	cfg->rdm_mem_boundary = XENRDM_DEFAULT_MEM_BOUNDARY;
	cfg->hap = true;
	cfg->strategy = XENRDM_STRATEGY_IGNORE;
	cfg->policy = XENRDM_POLICY_RELAXED;
	cfg->bios = XENRDM_BIOS_DEFAULT;
}

void xenrdm_plan_free(struct xenrdm_plan *plan)
{
	if (!plan)
		return;
	free(plan->rdms);
	free(plan->dev_storage);
	memset(plan, 0, sizeof(*plan));
}

static int config_check(const struct xenrdm_config *cfg)
{
	size_t i;

	if (cfg->mem_size < XENRDM_MIN_MEM_SIZE)
		return -XENRDM_ERR_INVAL;
	if (cfg->mmio_size < XENRDM_MIN_MMIO_SIZE ||
	    cfg->mmio_size > XENRDM_MAX_MMIO_SIZE ||
	    (cfg->mmio_size & (XENRDM_PAGE_SIZE - 1)))
		return -XENRDM_ERR_INVAL;
	/* An enum is not a bool: a third value is a caller bug. */
	if (!policy_ok(cfg->policy) ||
	    (cfg->strategy != XENRDM_STRATEGY_IGNORE &&
	     cfg->strategy != XENRDM_STRATEGY_HOST))
		return -XENRDM_ERR_INVAL;
	if (!xenrdm_bios_name(cfg->bios))
		return -XENRDM_ERR_INVAL;
	if ((cfg->nr_pci && !cfg->pci) || (cfg->nr_regions && !cfg->regions))
		return -XENRDM_ERR_INVAL;
	for (i = 0; i < cfg->nr_pci; i++)
		if (!policy_ok(cfg->pci[i].policy))
			return -XENRDM_ERR_INVAL;
	for (i = 0; i < cfg->nr_regions; i++) {
		const struct xenrdm_host_region *r = &cfg->regions[i];

		if (!r->size || ((r->start | r->size) & (XENRDM_PAGE_SIZE - 1)))
			return -XENRDM_ERR_INVAL;
		if (r->start > XENRDM_PADDR_LIMIT ||
		    r->size > XENRDM_PADDR_LIMIT - r->start)
			return -XENRDM_ERR_INVAL;
	}
	return 0;
}

/* The assigned devices (pci_sorted[*lo..*hi)) a region belongs to: its
 * one device, or every device of its range sbdf..sbdf_last (never
 * expanded: a binary search, then only the devices that match). */
static void region_devices(const struct xenrdm_host_region *r, bool ranges,
			   const struct xenrdm_pci_dev *pci, size_t n,
			   size_t *lo_out, size_t *hi_out)
{
	xenrdm_sbdf last = ranges && r->sbdf_last > r->sbdf ? r->sbdf_last :
			   r->sbdf;
	size_t lo = 0, hi = n, mid;

	while (r->has_sbdf && lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pci[mid].sbdf < r->sbdf)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; r->has_sbdf && hi < n && pci[hi].sbdf <= last; hi++)
		;
	*lo_out = lo;
	*hi_out = hi;
}

/*
 * Rule 1 input: every contribution of a region to the set: one per
 * assigned device it belongs to and, with strategy=host, one host-wide.
 * With t NULL, only counts them.
 */
static size_t tuples_collect(const struct xenrdm_config *cfg,
			     const struct xenrdm_pci_dev *pci_sorted,
			     struct rdm_tuple *t)
{
	bool host = cfg->strategy == XENRDM_STRATEGY_HOST;
	size_t i, k, lo, hi, n = 0;

	for (i = 0; i < cfg->nr_regions; i++) {
		const struct xenrdm_host_region *r = &cfg->regions[i];

		region_devices(r, cfg->device_ranges, pci_sorted, cfg->nr_pci,
			       &lo, &hi);
		for (k = lo; k < hi; k++, n++)
			if (t)
				t[n] = (struct rdm_tuple){ r->start, r->size,
					pci_sorted[k].policy, true,
					pci_sorted[k].sbdf };
		if (host) {
			if (t)
				t[n] = (struct rdm_tuple){ r->start, r->size,
					cfg->policy, false, 0 };
			n++;
		}
	}
	return n;
}

static uint64_t round_down(uint64_t v, uint64_t align)
{
	return v & ~(align - 1);
}

int xenrdm_plan_compute(const struct xenrdm_config *cfg,
			struct xenrdm_plan *plan_out)
{
	return xenrdm_plan_compute_err(cfg, plan_out, NULL, 0);
}

int xenrdm_plan_compute_err(const struct xenrdm_config *cfg,
			    struct xenrdm_plan *plan_out,
			    char *err, size_t errlen)
{
	struct xenrdm_plan plan = { 0 };
	struct xenrdm_pci_dev *pci_sorted = NULL;
	struct rdm_tuple *t = NULL;
	size_t nt, i, j, ndev;
	uint64_t lowmem_end0, new_lowmem, lost, relocated_by = 0;
	int rc;

	memset(plan_out, 0, sizeof(*plan_out));
	if (err && errlen)
		err[0] = '\0';
	rc = config_check(cfg);
	if (rc)
		goto out;

	/* Devices sorted once, for duplicates and for lookups. */
	if (cfg->nr_pci) {
		if (cfg->nr_pci > SIZE_MAX / sizeof(*pci_sorted)) {
			rc = -XENRDM_ERR_NOMEM;
			goto out;
		}
		pci_sorted = malloc(cfg->nr_pci * sizeof(*pci_sorted));
		if (!pci_sorted) {
			rc = -XENRDM_ERR_NOMEM;
			goto out;
		}
		memcpy(pci_sorted, cfg->pci, cfg->nr_pci * sizeof(*pci_sorted));
		qsort(pci_sorted, cfg->nr_pci, sizeof(*pci_sorted), pci_cmp);
		for (i = 1; i < cfg->nr_pci; i++)
			if (pci_sorted[i].sbdf == pci_sorted[i - 1].sbdf) {
				rc = -XENRDM_ERR_INVAL;
				goto out;
			}
	}

	/* Rule 1: the RDM set, de-duplicated.  At most nr_regions *
	 * (nr_pci + 1) tuples, whatever the width of a device range. */
	nt = tuples_collect(cfg, pci_sorted, NULL);
	if (nt > SIZE_MAX / sizeof(*t)) {
		rc = -XENRDM_ERR_NOMEM;
		goto out;
	}
	if (nt) {
		t = malloc(nt * sizeof(*t));
		if (!t) {
			rc = -XENRDM_ERR_NOMEM;
			goto out;
		}
		(void)tuples_collect(cfg, pci_sorted, t); /* the same nt */
		qsort(t, nt, sizeof(*t), tuple_cmp);
	}

	/* Sizes first: regions and device slots (unique per range). */
	for (i = 0, plan.nr_rdms = 0, ndev = 0; i < nt; i++) {
		if (!i || t[i].start != t[i - 1].start ||
		    t[i].size != t[i - 1].size)
			plan.nr_rdms++;
		else if (t[i].has_dev && t[i - 1].has_dev &&
			 t[i].sbdf == t[i - 1].sbdf)
			continue;
		if (t[i].has_dev)
			ndev++;
	}
	if (plan.nr_rdms) {
		plan.rdms = calloc(plan.nr_rdms, sizeof(*plan.rdms));
		if (!plan.rdms) {
			rc = -XENRDM_ERR_NOMEM;
			goto out;
		}
	}
	if (ndev) {
		plan.dev_storage = malloc(ndev * sizeof(*plan.dev_storage));
		if (!plan.dev_storage) {
			rc = -XENRDM_ERR_NOMEM;
			goto out;
		}
	}
	for (i = 0, j = 0, ndev = 0; i < nt; i++) {
		struct xenrdm_rdm *d;

		if (!i || t[i].start != t[i - 1].start ||
		    t[i].size != t[i - 1].size) {
			d = &plan.rdms[j++];
			d->start = t[i].start;
			d->size = t[i].size;
			d->policy = t[i].policy;
			d->devices = plan.dev_storage ?
				     plan.dev_storage + ndev : NULL;
		} else {
			d = &plan.rdms[j - 1];
			if (t[i].policy > d->policy)    /* strictest wins */
				d->policy = t[i].policy;
		}
		if (!t[i].has_dev) {
			d->host_wide = true;
		} else if (!d->nr_devices ||
			   d->devices[d->nr_devices - 1] != t[i].sbdf) {
			d->devices[d->nr_devices++] = t[i].sbdf;
			ndev++;
		}
	}

	/* Rule 2. */
	plan.mem_size = cfg->mem_size;
	plan.mmio_size = cfg->mmio_size;
	plan.mmio_start = XENRDM_4G - cfg->mmio_size;
	plan.rdm_mem_boundary = cfg->rdm_mem_boundary;
	plan.hap = cfg->hap;
	plan.bios = cfg->bios;
	plan.igd_passthru = cfg->igd_passthru;
	lowmem_end0 = cfg->mem_size < plan.mmio_start ?
		      cfg->mem_size : plan.mmio_start;
	/* highmem_end must stay below 2^52 (the firmware's limit too). */
	if (cfg->mem_size - lowmem_end0 >= XENRDM_PADDR_LIMIT - XENRDM_4G) {
		rc = -XENRDM_ERR_RANGE;
		goto out;
	}
	plan.lowmem_end = lowmem_end0;
	plan.highmem_end = XENRDM_4G + (cfg->mem_size - lowmem_end0);

	/*
	 * Rule 3.  libxl lowers lowmem_end region by region; since it only
	 * decreases and rounding down is monotonic, the result is the
	 * rounded-down lowest start in (boundary, lowmem_end0).
	 */
	new_lowmem = lowmem_end0;
	for (i = 0; i < plan.nr_rdms; i++) {
		uint64_t s = plan.rdms[i].start;

		if (s > cfg->rdm_mem_boundary && s < lowmem_end0) {
			/* sorted: the first is the lowest */
			new_lowmem = cfg->hap ?
				     round_down(s, XENRDM_HAP_ALIGN) : s;
			relocated_by = s;
			break;
		}
	}
	if (new_lowmem < XENRDM_MIN_LOWMEM_END) {
		/* hvmloader's build_e820_table: BUG_ON(low_mem_end < MB(2)). */
		xenrdm_set_err(err, errlen, "rdm_mem_boundary %llu MiB: "
			       "relocating low RAM below the RDM region at "
			       "0x%llx would end it at 0x%llx, below 2 MiB, "
			       "where hvmloader stops (BUG_ON(low_mem_end < "
			       "MB(2))); keep rdm_mem_boundary at %llu MiB or "
			       "above",
			       (unsigned long long)(cfg->rdm_mem_boundary >> 20),
			       (unsigned long long)relocated_by,
			       (unsigned long long)new_lowmem,
			       (unsigned long long)((relocated_by +
						     XENRDM_MIB - 1) >> 20));
		rc = -XENRDM_ERR_LAYOUT;
		goto out;
	}
	lost = lowmem_end0 - new_lowmem;
	if (lost >= XENRDM_PADDR_LIMIT - plan.highmem_end) {
		rc = -XENRDM_ERR_RANGE;
		goto out;
	}
	plan.lowmem_end = new_lowmem;
	plan.highmem_end += lost;

	/* Rules 4 and 5. */
	for (i = 0; i < plan.nr_rdms; i++) {
		struct xenrdm_rdm *d = &plan.rdms[i];
		uint64_t end = d->start + d->size;

		if (d->start < plan.lowmem_end)
			d->reason = XENRDM_REASON_LOWMEM;
		else if (plan.highmem_end > XENRDM_4G &&
			 d->start < plan.highmem_end && end > XENRDM_4G)
			d->reason = XENRDM_REASON_HIGHMEM;
		else if (d->start < XENRDM_4G && end > XENRDM_HVMLOADER_AREA)
			d->reason = XENRDM_REASON_HVMLOADER;
		else
			d->reason = XENRDM_REASON_NONE;

		if (d->reason == XENRDM_REASON_NONE) {
			d->state = XENRDM_STATE_VALID;
			plan.nr_valid++;
		} else if (d->policy == XENRDM_POLICY_STRICT) {
			d->state = XENRDM_STATE_CONFLICT;
			plan.nr_conflict++;
		} else {
			d->state = XENRDM_STATE_INVALID;
			plan.nr_invalid++;
		}
	}
	/* Rule 6: the e820 must fit what the guest's BIOS keeps. */
	rc = plan_fits_bios(&plan, err, errlen);
	if (rc)
		goto out;
	rc = plan.nr_conflict ? -XENRDM_ERR_CONFLICT : 0;
	*plan_out = plan;
	memset(&plan, 0, sizeof(plan));
out:
	xenrdm_plan_free(&plan);
	free(t);
	free(pci_sorted);
	return rc;
}
