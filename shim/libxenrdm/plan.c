/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/plan.c - the guest layout planner (the rules in
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
#include "xenrdm/sources.h"
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

/* Every refusal names the input and the way out (through err). */
static int config_check(const struct xenrdm_config *cfg, char *err,
			size_t errlen)
{
	size_t i;

	if (cfg->mem_size < XENRDM_MIN_MEM_SIZE) {
		xenrdm_set_err(err, errlen, "memory %llu bytes: below 2 MiB, "
			       "the least an HVM guest needs; give it at "
			       "least 2 MiB",
			       (unsigned long long)cfg->mem_size);
		return -XENRDM_ERR_INVAL;
	}
	if (cfg->mmio_size < XENRDM_MIN_MMIO_SIZE ||
	    cfg->mmio_size > XENRDM_MAX_MMIO_SIZE ||
	    (cfg->mmio_size & (XENRDM_PAGE_SIZE - 1))) {
		xenrdm_set_err(err, errlen, "mmio_hole %llu bytes: outside "
			       "256..3840 MiB or not page aligned; xl accepts "
			       "a whole number of MiB in 256..3840",
			       (unsigned long long)cfg->mmio_size);
		return -XENRDM_ERR_INVAL;
	}
	/* An enum is not a bool: a third value is a caller bug. */
	if (!policy_ok(cfg->policy) ||
	    (cfg->strategy != XENRDM_STRATEGY_IGNORE &&
	     cfg->strategy != XENRDM_STRATEGY_HOST)) {
		xenrdm_set_err(err, errlen, "rdm strategy %d, policy %d: not "
			       "a value of enum xenrdm_strategy/xenrdm_policy",
			       (int)cfg->strategy, (int)cfg->policy);
		return -XENRDM_ERR_INVAL;
	}
	if (!xenrdm_bios_name(cfg->bios)) {
		xenrdm_set_err(err, errlen, "bios %d: not a value of enum "
			       "xenrdm_bios (seabios, ovmf, rombios)",
			       (int)cfg->bios);
		return -XENRDM_ERR_INVAL;
	}
	if ((cfg->nr_pci && !cfg->pci) || (cfg->nr_regions && !cfg->regions)) {
		xenrdm_set_err(err, errlen, "%zu pci devices, %zu host regions: "
			       "a count without its array", cfg->nr_pci,
			       cfg->nr_regions);
		return -XENRDM_ERR_INVAL;
	}
	for (i = 0; i < cfg->nr_pci; i++)
		if (!policy_ok(cfg->pci[i].policy)) {
			char b[16];

			xenrdm_sbdf_format(cfg->pci[i].sbdf, b);
			xenrdm_set_err(err, errlen, "pci device %s: rdm_policy "
				       "%d is neither strict nor relaxed", b,
				       (int)cfg->pci[i].policy);
			return -XENRDM_ERR_INVAL;
		}
	for (i = 0; i < cfg->nr_regions; i++) {
		const struct xenrdm_host_region *r = &cfg->regions[i];

		if (!r->size || ((r->start | r->size) & (XENRDM_PAGE_SIZE - 1)) ||
		    r->start > XENRDM_PADDR_LIMIT ||
		    r->size > XENRDM_PADDR_LIMIT - r->start) {
			xenrdm_set_err(err, errlen, "host region start 0x%llx "
				       "size 0x%llx: empty, not 4 KiB aligned "
				       "or beyond 2^52; give whole pages below "
				       "2^52",
				       (unsigned long long)r->start,
				       (unsigned long long)r->size);
			return -XENRDM_ERR_INVAL;
		}
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

/* The assigned devices sorted once (for duplicates and lookups) into
 * *out (NULL when there are none).  0, -XENRDM_ERR_INVAL for a device
 * assigned twice, -XENRDM_ERR_NOMEM. */
static int pci_sort(const struct xenrdm_config *cfg,
		    struct xenrdm_pci_dev **out, char *err, size_t errlen)
{
	struct xenrdm_pci_dev *pci;
	size_t i;

	*out = NULL;
	if (!cfg->nr_pci)
		return 0;
	if (cfg->nr_pci > SIZE_MAX / sizeof(*pci))
		return -XENRDM_ERR_NOMEM;
	pci = malloc(cfg->nr_pci * sizeof(*pci));
	if (!pci)
		return -XENRDM_ERR_NOMEM;
	memcpy(pci, cfg->pci, cfg->nr_pci * sizeof(*pci));
	qsort(pci, cfg->nr_pci, sizeof(*pci), pci_cmp);
	for (i = 1; i < cfg->nr_pci; i++)
		if (pci[i].sbdf == pci[i - 1].sbdf) {
			char b[16];

			xenrdm_sbdf_format(pci[i].sbdf, b);
			xenrdm_set_err(err, errlen, "pci device %s is assigned "
				       "twice; list it once in pci=[...]", b);
			free(pci);
			return -XENRDM_ERR_INVAL;
		}
	*out = pci;
	return 0;
}

/* Rule 1: plan->rdms, the RDM set de-duplicated (strictest policy wins;
 * each region's assigned devices sorted and unique, in dev_storage).  At
 * most nr_regions * (nr_pci + 1) tuples, whatever the width of a device
 * range.  0 or -XENRDM_ERR_NOMEM. */
static int rdm_set(const struct xenrdm_config *cfg,
		   const struct xenrdm_pci_dev *pci_sorted,
		   struct xenrdm_plan *plan)
{
	struct rdm_tuple *t = NULL;
	size_t nt, i, j, ndev;
	int rc = -XENRDM_ERR_NOMEM;

	nt = tuples_collect(cfg, pci_sorted, NULL);
	if (nt > SIZE_MAX / sizeof(*t))
		return rc;
	if (nt) {
		t = malloc(nt * sizeof(*t));
		if (!t)
			return rc;
		(void)tuples_collect(cfg, pci_sorted, t); /* the same nt */
		qsort(t, nt, sizeof(*t), tuple_cmp);
	}

	/* Sizes first: regions and device slots (unique per range). */
	for (i = 0, plan->nr_rdms = 0, ndev = 0; i < nt; i++) {
		if (!i || t[i].start != t[i - 1].start ||
		    t[i].size != t[i - 1].size)
			plan->nr_rdms++;
		else if (t[i].has_dev && t[i - 1].has_dev &&
			 t[i].sbdf == t[i - 1].sbdf)
			continue;
		if (t[i].has_dev)
			ndev++;
	}
	if (plan->nr_rdms) {
		plan->rdms = calloc(plan->nr_rdms, sizeof(*plan->rdms));
		if (!plan->rdms)
			goto out;
	}
	if (ndev) {
		plan->dev_storage = malloc(ndev * sizeof(*plan->dev_storage));
		if (!plan->dev_storage)
			goto out;
	}
	for (i = 0, j = 0, ndev = 0; i < nt; i++) {
		struct xenrdm_rdm *d;

		if (!i || t[i].start != t[i - 1].start ||
		    t[i].size != t[i - 1].size) {
			d = &plan->rdms[j++];
			d->start = t[i].start;
			d->size = t[i].size;
			d->policy = t[i].policy;
			d->devices = plan->dev_storage ?
				     plan->dev_storage + ndev : NULL;
		} else {
			d = &plan->rdms[j - 1];
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
	rc = 0;
out:
	free(t);
	return rc;
}

uint64_t xenrdm_lowmem_end_before_rdm(uint64_t mem_size, uint64_t mmio_size)
{
	uint64_t mmio_start = XENRDM_4G - mmio_size;

	return mem_size < mmio_start ? mem_size : mmio_start;
}

static uint64_t round_down(uint64_t v, uint64_t align)
{
	return v & ~(align - 1);
}

/* Rules 2 and 3: the memory ends, low RAM relocated under the lowest
 * region between the boundary and its end.  0, -XENRDM_ERR_RANGE or
 * -XENRDM_ERR_LAYOUT (with a message). */
static int layout(const struct xenrdm_config *cfg, struct xenrdm_plan *plan,
		  char *err, size_t errlen)
{
	uint64_t lowmem_end0, new_lowmem, lost, relocated_by = 0;
	size_t i;

	plan->mem_size = cfg->mem_size;
	plan->mmio_size = cfg->mmio_size;
	plan->mmio_start = XENRDM_4G - cfg->mmio_size;
	plan->rdm_mem_boundary = cfg->rdm_mem_boundary;
	plan->hap = cfg->hap;
	plan->bios = cfg->bios;
	plan->igd_passthru = cfg->igd_passthru;
	lowmem_end0 = xenrdm_lowmem_end_before_rdm(cfg->mem_size,
						   cfg->mmio_size);
	/* highmem_end must stay below 2^52 (the firmware's limit too). */
	if (cfg->mem_size - lowmem_end0 >= XENRDM_PADDR_LIMIT - XENRDM_4G)
		goto range;
	plan->lowmem_end = lowmem_end0;
	plan->highmem_end = XENRDM_4G + (cfg->mem_size - lowmem_end0);

	/*
	 * Rule 3.  libxl lowers lowmem_end region by region; since it only
	 * decreases and rounding down is monotonic, the result is the
	 * rounded-down lowest start in (boundary, lowmem_end0).
	 */
	new_lowmem = lowmem_end0;
	for (i = 0; i < plan->nr_rdms; i++) {
		uint64_t s = plan->rdms[i].start;

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
		return -XENRDM_ERR_LAYOUT;
	}
	lost = lowmem_end0 - new_lowmem;
	if (lost >= XENRDM_PADDR_LIMIT - plan->highmem_end)
		goto range;
	plan->lowmem_end = new_lowmem;
	plan->highmem_end += lost;
	return 0;
range:
	xenrdm_set_err(err, errlen, "memory %llu MiB: RAM above 4 GiB would "
		       "end at or beyond 2^52, the architectural limit; give "
		       "the guest less memory",
		       (unsigned long long)(cfg->mem_size >> 20));
	return -XENRDM_ERR_RANGE;
}

/* Rules 4 and 5: each region's reason and state, and the counts. */
static void classify(struct xenrdm_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->nr_rdms; i++) {
		struct xenrdm_rdm *d = &plan->rdms[i];
		uint64_t end = d->start + d->size;

		if (d->start < plan->lowmem_end)
			d->reason = XENRDM_REASON_LOWMEM;
		else if (plan->highmem_end > XENRDM_4G &&
			 d->start < plan->highmem_end && end > XENRDM_4G)
			d->reason = XENRDM_REASON_HIGHMEM;
		else if (d->start < XENRDM_4G && end > XENRDM_HVMLOADER_AREA)
			d->reason = XENRDM_REASON_HVMLOADER;
		else
			d->reason = XENRDM_REASON_NONE;

		if (d->reason == XENRDM_REASON_NONE) {
			d->state = XENRDM_STATE_VALID;
			plan->nr_valid++;
		} else if (d->policy == XENRDM_POLICY_STRICT) {
			d->state = XENRDM_STATE_CONFLICT;
			plan->nr_conflict++;
		} else {
			d->state = XENRDM_STATE_DROPPED;
			plan->nr_dropped++;
		}
	}
}

int xenrdm_plan_compute(const struct xenrdm_config *cfg,
			struct xenrdm_plan *plan_out, char *err, size_t errlen)
{
	struct xenrdm_plan plan = { 0 };
	struct xenrdm_pci_dev *pci_sorted = NULL;
	int rc;

	memset(plan_out, 0, sizeof(*plan_out));
	if (err && errlen)
		err[0] = '\0';
	rc = config_check(cfg, err, errlen);
	if (!rc)
		rc = pci_sort(cfg, &pci_sorted, err, errlen);
	if (!rc)
		rc = rdm_set(cfg, pci_sorted, &plan);
	if (!rc)
		rc = layout(cfg, &plan, err, errlen);
	if (rc)
		goto out;
	classify(&plan);
	/* Rule 6: the e820 must fit what the guest's BIOS keeps. */
	rc = plan_fits_bios(&plan, err, errlen);
	if (rc)
		goto out;
	rc = plan.nr_conflict ? -XENRDM_ERR_CONFLICT : 0;
	*plan_out = plan;
	memset(&plan, 0, sizeof(plan));
out:
	if (rc == -XENRDM_ERR_NOMEM)
		xenrdm_set_err(err, errlen, "out of memory planning %zu host "
			       "regions for %zu devices", cfg->nr_regions,
			       cfg->nr_pci);
	xenrdm_plan_free(&plan);
	free(pci_sorted);
	return rc;
}
