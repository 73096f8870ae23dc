/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_plan.c - libFuzzer target for the planner
 * (xenrdm_plan_compute) with an invariant oracle, and for what follows
 * it on the host: the firmware layout, the guest e820 and the xenstore
 * key set.
 *
 * Input: a configuration (guest RAM, MMIO hole, boundary, HAP, rdm=,
 * up to 8 devices, up to 64 regions), each value drawn either from a
 * table of edges (0, just below 1 MiB, the boundary, 4 GiB +- a page,
 * hvmloader's area, 2^52) or from raw input bytes.
 * Oracle, against a quadratic reference written here from the rules:
 *   - the same error for invalid input (INVAL, RANGE, LAYOUT);
 *   - the same RDM set: one region per range, strictest policy of its
 *     sources, every assigned device it belongs to, host_wide as given;
 *   - the same lowmem_end (relocation), and RAM conserved:
 *     lowmem_end + (highmem_end - 4 GiB) == mem_size;
 *   - every region's fate from its overlaps: no valid region overlaps
 *     low RAM, high RAM or hvmloader's area; relaxed ones that do are
 *     invalid, strict ones conflicts, and the return value says so;
 *   - order independence: regions and devices shuffled, same plan;
 *   - the e820 of the plan passes xenrdm_memmap_check, or fails with
 *     NOSPACE only when it really needs more than E820MAX entries;
 *   - the key set for that layout is accepted (apply would not refuse
 *     a plan that `plan` showed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/xenrdm.h"
#include "xenrdm/xs.h"

#include "plan_gen.h"
#include "../unit/helpers/plan_groups.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the reference ---- */
struct ref_rdm {
	uint64_t start, size;
	enum xenrdm_policy policy;
	bool host_wide;
	size_t nr_dev;
	xenrdm_sbdf dev[MAX_PCI];
};

struct ref_plan {
	int rc;
	uint64_t low, high;
	size_t n;
	struct ref_rdm r[2 * MAX_REG];
};

static void ref_add(struct ref_plan *p, const struct xenrdm_host_region *h,
		    enum xenrdm_policy pol, const xenrdm_sbdf *dev)
{
	struct ref_rdm *d = NULL;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->r[i].start == h->start && p->r[i].size == h->size)
			d = &p->r[i];
	if (!d) {
		d = &p->r[p->n++];
		memset(d, 0, sizeof(*d));
		d->start = h->start;
		d->size = h->size;
		d->policy = pol;
	}
	if (pol == XENRDM_POLICY_STRICT)
		d->policy = pol;
	if (!dev) {
		d->host_wide = true;
		return;
	}
	for (i = 0; i < d->nr_dev; i++)
		if (d->dev[i] == *dev)
			return;
	d->dev[d->nr_dev++] = *dev;
}

static bool overlaps(uint64_t s, uint64_t sz, uint64_t a, uint64_t b)
{
	return s < b && s + sz > a;
}

static void reference(struct ref_plan *p)
{
	uint64_t mmio_start, low0, low, high, lost;
	size_t i, j;

	memset(p, 0, sizeof(*p));
	if (cfg.mem_size < XENRDM_MIN_MEM_SIZE ||
	    cfg.mmio_size < XENRDM_MIN_MMIO_SIZE ||
	    cfg.mmio_size > XENRDM_MAX_MMIO_SIZE || cfg.mmio_size % PAGE)
		goto inval;
	for (i = 0; i < cfg.nr_pci; i++)
		for (j = 0; j < i; j++)
			if (cfg.pci[i].sbdf == cfg.pci[j].sbdf)
				goto inval;
	for (i = 0; i < cfg.nr_regions; i++) {
		const struct xenrdm_host_region *h = &cfg.regions[i];

		if (!h->size || h->start % PAGE || h->size % PAGE ||
		    h->start + h->size < h->start ||
		    h->start + h->size > XENRDM_PADDR_LIMIT)
			goto inval;
	}
	for (i = 0; i < cfg.nr_regions; i++) {
		const struct xenrdm_host_region *h = &cfg.regions[i];

		for (j = 0; h->has_sbdf && j < cfg.nr_pci; j++)
			if (cfg.pci[j].sbdf == h->sbdf)
				ref_add(p, h, cfg.pci[j].policy, &h->sbdf);
		if (cfg.strategy == XENRDM_STRATEGY_HOST)
			ref_add(p, h, cfg.policy, NULL);
	}
	mmio_start = G4 - cfg.mmio_size;
	low0 = cfg.mem_size < mmio_start ? cfg.mem_size : mmio_start;
	if (G4 + (cfg.mem_size - low0) >= XENRDM_PADDR_LIMIT) {
		p->rc = -XENRDM_ERR_RANGE;
		return;
	}
	low = low0;
	for (i = 0; i < p->n; i++) {
		uint64_t s = p->r[i].start;

		if (s > cfg.rdm_mem_boundary && s < low0) {
			uint64_t to = cfg.hap ? s & ~(XENRDM_HAP_ALIGN - 1) : s;

			if (to < low)
				low = to;
		}
	}
	if (low < MiB(2)) {     /* hvmloader: BUG_ON(low_mem_end < MB(2)) */
		p->rc = -XENRDM_ERR_LAYOUT;
		return;
	}
	lost = low0 - low;
	high = G4 + (cfg.mem_size - low0) + lost;
	if (high >= XENRDM_PADDR_LIMIT) {
		p->rc = -XENRDM_ERR_RANGE;
		return;
	}
	p->low = low;
	p->high = high;
	return;
inval:
	p->rc = -XENRDM_ERR_INVAL;
}

static int sbdf_cmp(const void *a, const void *b)
{
	xenrdm_sbdf x = *(const xenrdm_sbdf *)a, y = *(const xenrdm_sbdf *)b;

	return x < y ? -1 : x > y;
}

static int range_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/*
 * Rule 6 from the reference: the regions valid under the reference's
 * layout, merged where they overlap or touch, plus the fixed entries at
 * boot (the BIOS's first MB: 2, ROMBIOS 3; low RAM; hvmloader's area as
 * ACPI NVS + RESERVED; high RAM if any) must fit what the BIOS keeps.
 * The patched hvmloader merges touching entries of one type
 * (xenrdm_e820_add_rdm), so a group starting at 4 GiB costs nothing.
 */
static bool ref_too_long(const struct ref_plan *p)
{
	static uint64_t v[2 * MAX_REG][2];
	size_t i, n = 0, merged = 0, fixed;
	uint64_t end = 0;

	for (i = 0; i < p->n; i++) {
		uint64_t s = p->r[i].start, e = s + p->r[i].size;

		if (s < p->low || (p->high > G4 && s < p->high && e > G4) ||
		    (s < G4 && e > XENRDM_HVMLOADER_AREA))
			continue;
		v[n][0] = s;
		v[n++][1] = e;
	}
	qsort(v, n, sizeof(v[0]), range_cmp);
	for (i = 0; i < n; i++) {
		/* A group from 4 GiB on (no high RAM) joins hvmloader's
		 * RESERVED [end of ACPI, 4 GiB): no entry of its own. */
		if (v[i][0] > end && v[i][0] != G4)      /* valid: >= 2 MiB */
			merged++;
		if (v[i][1] > end)
			end = v[i][1];
	}
	fixed = (cfg.bios == XENRDM_BIOS_ROMBIOS ? 3 : 2) + 3 + (p->high > G4);
	return merged > XENRDM_FW_MAX_RDM ||
	       fixed + merged > xenrdm_bios_e820_keep(cfg.bios);
}

/* The plan against the reference; returns the expected return value. */
static void check_plan(const struct ref_plan *ref,
		       const struct xenrdm_plan *plan, int rc)
{
	size_t i, j, conflicts = 0;

	if (ref->rc) {
		CHECK(rc == ref->rc);
		return;
	}
	if (ref_too_long(ref)) {
		CHECK(rc == -XENRDM_ERR_NOSPACE);
		return;
	}
	CHECK(rc == 0 || rc == -XENRDM_ERR_CONFLICT);
	CHECK(plan->mem_size == cfg.mem_size);
	CHECK(plan->mmio_start == G4 - cfg.mmio_size);
	CHECK(plan->lowmem_end == ref->low);
	CHECK(plan->highmem_end == ref->high);
	/* RAM conserved across relocation. */
	CHECK(plan->lowmem_end + (plan->highmem_end - G4) == cfg.mem_size);
	CHECK(plan->lowmem_end <= plan->mmio_start);
	CHECK(plan->nr_rdms == ref->n);
	CHECK(plan->nr_valid + plan->nr_dropped + plan->nr_conflict ==
	      plan->nr_rdms);
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];
		const struct ref_rdm *r = NULL;
		xenrdm_sbdf dev[MAX_PCI];
		bool in_low, in_high, in_hvm;

		if (i)
			CHECK(d->start > plan->rdms[i - 1].start ||
			      (d->start == plan->rdms[i - 1].start &&
			       d->size > plan->rdms[i - 1].size));
		for (j = 0; j < ref->n; j++)
			if (ref->r[j].start == d->start &&
			    ref->r[j].size == d->size)
				r = &ref->r[j];
		CHECK(r != NULL);
		CHECK(d->policy == r->policy);      /* strictest wins */
		CHECK(d->host_wide == r->host_wide);
		CHECK(d->nr_devices == r->nr_dev);
		memcpy(dev, r->dev, r->nr_dev * sizeof(dev[0]));
		qsort(dev, r->nr_dev, sizeof(dev[0]), sbdf_cmp);
		CHECK(!r->nr_dev ||
		      !memcmp(dev, d->devices, r->nr_dev * sizeof(dev[0])));

		in_low = overlaps(d->start, d->size, 0, plan->lowmem_end);
		in_high = overlaps(d->start, d->size, G4, plan->highmem_end);
		in_hvm = overlaps(d->start, d->size, XENRDM_FW_RESERVED_MEMBASE,
				  G4);
		if (!in_low && !in_high && !in_hvm) {
			CHECK(d->state == XENRDM_STATE_VALID);
			CHECK(d->reason == XENRDM_REASON_NONE);
			continue;
		}
		CHECK(d->state == (d->policy == XENRDM_POLICY_STRICT ?
				   XENRDM_STATE_CONFLICT :
				   XENRDM_STATE_DROPPED));
		CHECK((d->reason == XENRDM_REASON_LOWMEM && in_low) ||
		      (d->reason == XENRDM_REASON_HIGHMEM && in_high) ||
		      (d->reason == XENRDM_REASON_HVMLOADER && in_hvm));
		if (d->state == XENRDM_STATE_CONFLICT)
			conflicts++;
	}
	CHECK(plan->nr_conflict == conflicts);
	CHECK(rc == (conflicts ? -XENRDM_ERR_CONFLICT : 0));
}

static void check_same(const struct xenrdm_plan *a, const struct xenrdm_plan *b)
{
	size_t i;

	CHECK(a->lowmem_end == b->lowmem_end);
	CHECK(a->highmem_end == b->highmem_end);
	CHECK(a->nr_rdms == b->nr_rdms);
	CHECK(a->nr_valid == b->nr_valid && a->nr_dropped == b->nr_dropped &&
	      a->nr_conflict == b->nr_conflict);
	for (i = 0; i < a->nr_rdms; i++) {
		const struct xenrdm_rdm *x = &a->rdms[i], *y = &b->rdms[i];

		CHECK(x->start == y->start && x->size == y->size);
		CHECK(x->policy == y->policy && x->state == y->state);
		CHECK(x->reason == y->reason && x->host_wide == y->host_wide);
		CHECK(x->nr_devices == y->nr_devices);
		CHECK(!x->nr_devices ||
		      !memcmp(x->devices, y->devices,
			      x->nr_devices * sizeof(x->devices[0])));
	}
}

static void check_e820(const struct xenrdm_plan *plan)
{
	static struct xenrdm_fw_layout layout;
	static struct xenrdm_xs_keyset keys;
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	uint32_t nr = 0, boot = 0;
	/* How many entries the valid regions merge into. */
	size_t merged = plan_valid_groups(plan, NULL);
	char err[256];
	int rc;

	rc = xenrdm_plan_fw_layout(plan, &layout, NULL, 0);
	if (merged > XENRDM_FW_MAX_RDM) {
		CHECK(rc == -XENRDM_ERR_NOSPACE);
		return;
	}
	CHECK(rc == 0);
	CHECK(layout.nr_rdm == merged);
	/* An accepted plan fits what its BIOS keeps (rule 6). */
	rc = xenrdm_plan_e820(plan, tab, XENRDM_E820MAX, &nr, NULL, 0);
	CHECK(rc == 0);
	CHECK(nr <= XENRDM_E820MAX);
	CHECK(xenrdm_e820_boot_entries(&layout, &boot) == 0);
	CHECK(boot <= xenrdm_bios_e820_keep(cfg.bios));
	CHECK(xenrdm_memmap_check(&layout, tab, nr) == 0);
	/* What `apply` writes for this layout is accepted. */
	err[0] = '\0';
	rc = xenrdm_xs_keyset_from_layout(1, &layout, &keys, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "keyset refused: %s\n", err);
		CHECK(rc == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct xenrdm_plan plan, plan2;
	struct xenrdm_config cfg2;
	struct xenrdm_pci_dev pci2[MAX_PCI];
	struct xenrdm_host_region reg2[MAX_REG];
	static struct ref_plan ref;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	size_t i, j;
	int rc, rc2;

	gen_config(&in);
	reference(&ref);
	rc = xenrdm_plan_compute(&cfg, &plan, NULL, 0);
	check_plan(&ref, &plan, rc);

	/* Order independence: a shuffle seeded by the input. */
	for (i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 0x100000001b3ULL;
	memcpy(pci2, pci, sizeof(pci2));
	memcpy(reg2, reg, sizeof(reg2));
	for (i = cfg.nr_regions; i > 1; i--) {
		struct xenrdm_host_region t;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)(seed >> 33) % i;
		t = reg2[i - 1]; reg2[i - 1] = reg2[j]; reg2[j] = t;
	}
	for (i = cfg.nr_pci; i > 1; i--) {
		struct xenrdm_pci_dev t;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)(seed >> 33) % i;
		t = pci2[i - 1]; pci2[i - 1] = pci2[j]; pci2[j] = t;
	}
	cfg2 = cfg;
	cfg2.pci = pci2;
	cfg2.regions = reg2;
	rc2 = xenrdm_plan_compute(&cfg2, &plan2, NULL, 0);
	CHECK(rc2 == rc);
	if (rc == 0 || rc == -XENRDM_ERR_CONFLICT)
		check_same(&plan, &plan2);
	xenrdm_plan_free(&plan2);

	if (rc == 0)
		check_e820(&plan);
	xenrdm_plan_free(&plan);
	return 0;
}
