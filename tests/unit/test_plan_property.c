/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_plan_property.c - the planner against a deliberately
 * simple reference implementation (quadratic, and relocating region by
 * region with the current lowmem_end as libxl does, which the planner
 * replaces by one minimum), on random inputs; and shuffled inputs must
 * give the identical plan.  Fixed seed; a failure prints the seed, the
 * case number and the inputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/xenrdm.h"
#include "helpers/test_rng.h"

#define SEED 0x5eed2024u
#define NR_CASES 6000
#define MAX_REG 24
#define MAX_PCI 5
#define MAX_DEV 8
#define KiB4 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 0x100000000ULL

static uint64_t pick(const uint64_t *v, size_t n)
{
	return v[test_rnd() % n];
}

/* ---- the reference ---- */
struct ref_rdm {
	uint64_t start, size;
	enum xenrdm_policy policy;
	bool host_wide;
	size_t nr_dev;
	xenrdm_sbdf dev[MAX_DEV];
	enum xenrdm_state state;
	enum xenrdm_reason reason;
};

struct ref_plan {
	int rc;
	uint64_t low, high;
	size_t n;
	struct ref_rdm r[2 * MAX_REG];
};

static void ref_add(struct ref_plan *p, uint64_t start, uint64_t size,
		    enum xenrdm_policy pol, bool has_dev, xenrdm_sbdf sbdf)
{
	struct ref_rdm *d = NULL;
	size_t i, k;

	for (i = 0; i < p->n; i++)
		if (p->r[i].start == start && p->r[i].size == size)
			d = &p->r[i];
	if (!d) {
		d = &p->r[p->n++];
		memset(d, 0, sizeof(*d));
		d->start = start;
		d->size = size;
		d->policy = pol;
	}
	if (pol == XENRDM_POLICY_STRICT)
		d->policy = XENRDM_POLICY_STRICT;
	if (!has_dev) {
		d->host_wide = true;
		return;
	}
	for (k = 0; k < d->nr_dev; k++)
		if (d->dev[k] == sbdf)
			return;
	d->dev[d->nr_dev++] = sbdf;
}

/*
 * Rule 6, counted from the rules rather than built: the boot e820 is the
 * BIOS's first MB (RAM and the BIOS area; ROMBIOS also reserves
 * [0x9E000, 0xA0000)), low RAM, hvmloader's area as ACPI NVS + RESERVED,
 * high RAM if any, and the valid ranges merged where they overlap or
 * touch (they lie in holes, so they never join RAM or, at boot, NVS).
 */
static void ref_rule6(const struct xenrdm_config *c, struct ref_plan *p)
{
	uint64_t end = 0;
	size_t i, merged = 0, fixed;

	for (i = 0; i < p->n; i++) {
		if (p->r[i].state != XENRDM_STATE_VALID)
			continue;
		/* A group from 4 GiB on (no high RAM) joins hvmloader's
		 * RESERVED [end of ACPI, 4 GiB) at boot: no entry of its own
		 * (the patched hvmloader merges touching entries). */
		if (p->r[i].start > end && p->r[i].start != G4) /* >= 2 MiB */
			merged++;
		if (p->r[i].start + p->r[i].size > end)
			end = p->r[i].start + p->r[i].size;
	}
	fixed = (c->bios == XENRDM_BIOS_ROMBIOS ? 3 : 2) + 1 + 2 +
		(p->high > G4);
	if (merged > XENRDM_FW_MAX_RDM ||
	    fixed + merged > xenrdm_bios_e820_keep(c->bios))
		p->rc = -XENRDM_ERR_NOSPACE;
}

static void ref_compute(const struct xenrdm_config *c, struct ref_plan *p)
{
	uint64_t mmio_start = G4 - c->mmio_size, low0;
	size_t i, j, k;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < c->nr_pci; i++)
		for (j = 0; j < i; j++)
			if (c->pci[i].sbdf == c->pci[j].sbdf) {
				p->rc = -XENRDM_ERR_INVAL;
				return;
			}
	for (i = 0; i < c->nr_regions; i++) {
		const struct xenrdm_host_region *g = &c->regions[i];

		if (g->has_sbdf)
			for (j = 0; j < c->nr_pci; j++)
				if (c->pci[j].sbdf == g->sbdf)
					ref_add(p, g->start, g->size,
						c->pci[j].policy, true, g->sbdf);
		if (c->strategy == XENRDM_STRATEGY_HOST)
			ref_add(p, g->start, g->size, c->policy, false, 0);
	}
	low0 = c->mem_size < mmio_start ? c->mem_size : mmio_start;
	p->low = low0;
	p->high = G4 + (c->mem_size - low0);
	/* Region by region, in input order, against the current value. */
	for (i = 0; i < p->n; i++) {
		uint64_t s = p->r[i].start, nl;

		if (s > c->rdm_mem_boundary && s < p->low) {
			nl = c->hap ? s / MiB(2) * MiB(2) : s;
			p->high += p->low - nl;
			p->low = nl;
		}
	}
	if (p->low < MiB(2)) {      /* hvmloader: BUG_ON(low_mem_end < MB(2)) */
		p->rc = -XENRDM_ERR_LAYOUT;
		return;
	}
	if (p->high >= (1ULL << 52)) {
		p->rc = -XENRDM_ERR_RANGE;
		return;
	}
	for (i = 0; i < p->n; i++) {
		struct ref_rdm *d = &p->r[i];
		uint64_t e = d->start + d->size;

		d->reason = XENRDM_REASON_NONE;
		if (d->start < p->low)
			d->reason = XENRDM_REASON_LOWMEM;
		else if (p->high > G4 && d->start < p->high && e > G4)
			d->reason = XENRDM_REASON_HIGHMEM;
		else if (d->start < G4 && e > 0xFC000000ULL)
			d->reason = XENRDM_REASON_HVMLOADER;
		d->state = d->reason == XENRDM_REASON_NONE ? XENRDM_STATE_VALID :
			   d->policy == XENRDM_POLICY_STRICT ?
			   XENRDM_STATE_CONFLICT : XENRDM_STATE_DROPPED;
		if (d->state == XENRDM_STATE_CONFLICT)
			p->rc = -XENRDM_ERR_CONFLICT;
		/* devices sorted: insertion sort */
		for (j = 1; j < d->nr_dev; j++)
			for (k = j; k > 0 && d->dev[k - 1] > d->dev[k]; k--) {
				xenrdm_sbdf t = d->dev[k];

				d->dev[k] = d->dev[k - 1];
				d->dev[k - 1] = t;
			}
	}
	/* regions sorted by (start, size): selection sort */
	for (i = 0; i < p->n; i++)
		for (j = i + 1; j < p->n; j++)
			if (p->r[j].start < p->r[i].start ||
			    (p->r[j].start == p->r[i].start &&
			     p->r[j].size < p->r[i].size)) {
				struct ref_rdm t = p->r[i];

				p->r[i] = p->r[j];
				p->r[j] = t;
			}
	ref_rule6(c, p);
}

/* ---- random inputs near every edge ---- */
struct input {
	struct xenrdm_config cfg;
	struct xenrdm_host_region reg[MAX_REG];
	struct xenrdm_pci_dev pci[MAX_PCI];
};

static const xenrdm_sbdf devs[] = {
	XENRDM_SBDF(0, 0, 2, 0), XENRDM_SBDF(0, 0, 0x14, 0),
	XENRDM_SBDF(0, 1, 0, 0), XENRDM_SBDF(0, 1, 0, 1),
	XENRDM_SBDF(1, 0x80, 0x1f, 7), XENRDM_SBDF(0, 3, 0, 0),
};

static void input_random(struct input *in)
{
	static const uint64_t mems[] = { MiB(2), MiB(512), MiB(1024),
		MiB(2048), MiB(3072), 0xF0000000ULL - KiB4, 0xF0000000ULL,
		0xF0000000ULL + KiB4, G4, MiB(8192), MiB(3) + KiB4 };
	static const uint64_t mmios[] = { MiB(256), MiB(512), MiB(1024),
		MiB(3840), MiB(256) + KiB4 * 3 };
	static const uint64_t bounds[] = { MiB(2048), MiB(1024), MiB(0),
		MiB(1), MiB(512), MiB(2048) + KiB4, MiB(4096) };
	static const uint64_t starts[] = { 0x0, 0xE0000, MiB(1), MiB(512),
		MiB(1024) - KiB4, MiB(1024), MiB(2048) - KiB4, MiB(2048),
		MiB(2048) + KiB4, MiB(2049), 0xC0100000, 0xDF000000,
		0xEFFFF000, 0xF0000000, 0xFBFFF000, 0xFC000000, 0xFFFFF000,
		G4, G4 + MiB(256) - KiB4, G4 + MiB(4352), 0x20000000000ULL };
	static const uint64_t sizes[] = { KiB4, 2 * KiB4, MiB(1), MiB(2),
		MiB(16) + KiB4, 0x20000 };
	size_t nr_dev = 1 + test_rnd() % 6, i;
	struct xenrdm_config *c = &in->cfg;

	xenrdm_config_init(c);
	c->mem_size = pick(mems, sizeof(mems) / 8);
	c->mmio_size = pick(mmios, sizeof(mmios) / 8);
	c->rdm_mem_boundary = pick(bounds, sizeof(bounds) / 8);
	c->hap = test_rnd() & 1;
	c->strategy = (test_rnd() & 1) ? XENRDM_STRATEGY_HOST : XENRDM_STRATEGY_IGNORE;
	c->policy = (test_rnd() & 1) ? XENRDM_POLICY_STRICT : XENRDM_POLICY_RELAXED;
	c->bios = (enum xenrdm_bios)(test_rnd() % 3);
	/* distinct devices, sometimes one duplicated */
	c->nr_pci = test_rnd() % (MAX_PCI + 1);
	for (i = 0; i < c->nr_pci; i++) {
		in->pci[i].sbdf = devs[(i + test_rnd() % 2) % nr_dev];
		in->pci[i].policy = (test_rnd() % 3) ? XENRDM_POLICY_STRICT :
				    XENRDM_POLICY_RELAXED;
	}
	if (test_rnd() % 8) {        /* mostly: make them unique */
		for (i = 0; i < c->nr_pci; i++)
			in->pci[i].sbdf = devs[i % (sizeof(devs) / 4)];
		if (c->nr_pci > sizeof(devs) / 4)
			c->nr_pci = sizeof(devs) / 4;
	}
	c->nr_regions = test_rnd() % (MAX_REG + 1);
	for (i = 0; i < c->nr_regions; i++) {
		struct xenrdm_host_region *g = &in->reg[i];

		if (i && test_rnd() % 3 == 0) {      /* same range again */
			*g = in->reg[test_rnd() % i];
		} else {
			g->start = pick(starts, sizeof(starts) / 8);
			g->size = pick(sizes, sizeof(sizes) / 8);
		}
		g->has_sbdf = test_rnd() % 4 != 0;
		g->sbdf = devs[test_rnd() % (sizeof(devs) / 4)];
		if (!g->has_sbdf)
			g->sbdf = 0;
	}
	c->regions = in->reg;
	c->pci = in->pci;
}

static void input_print(const struct input *in, unsigned long n)
{
	const struct xenrdm_config *c = &in->cfg;
	size_t i;

	printf("seed 0x%x case %lu: mem 0x%llx mmio 0x%llx boundary 0x%llx "
	       "hap %d strategy %d policy %d bios %s\n", SEED, n,
	       (unsigned long long)c->mem_size,
	       (unsigned long long)c->mmio_size,
	       (unsigned long long)c->rdm_mem_boundary, c->hap,
	       c->strategy, c->policy, xenrdm_bios_name(c->bios));
	for (i = 0; i < c->nr_pci; i++)
		printf("  pci %#x %s\n", c->pci[i].sbdf,
		       xenrdm_policy_name(c->pci[i].policy));
	for (i = 0; i < c->nr_regions; i++)
		printf("  region 0x%llx+0x%llx %s%#x\n",
		       (unsigned long long)c->regions[i].start,
		       (unsigned long long)c->regions[i].size,
		       c->regions[i].has_sbdf ? "@" : "host-wide ",
		       c->regions[i].has_sbdf ? c->regions[i].sbdf : 0);
}

/* 0 when the plan equals the reference; else prints the first diff. */
static int plan_vs_ref(int rc, const struct xenrdm_plan *p,
		       const struct ref_plan *ref)
{
	size_t i, k;

	if (rc != ref->rc) {
		printf("  rc: reference %d, planner %d\n", ref->rc, rc);
		return 1;
	}
	if (rc && rc != -XENRDM_ERR_CONFLICT)
		return 0;
	if (p->lowmem_end != ref->low || p->highmem_end != ref->high) {
		printf("  low/high: reference 0x%llx/0x%llx, planner "
		       "0x%llx/0x%llx\n", (unsigned long long)ref->low,
		       (unsigned long long)ref->high,
		       (unsigned long long)p->lowmem_end,
		       (unsigned long long)p->highmem_end);
		return 1;
	}
	if (p->nr_rdms != ref->n) {
		printf("  regions: reference %zu, planner %zu\n", ref->n,
		       p->nr_rdms);
		return 1;
	}
	for (i = 0; i < ref->n; i++) {
		const struct ref_rdm *w = &ref->r[i];
		const struct xenrdm_rdm *g = &p->rdms[i];
		int same = g->start == w->start && g->size == w->size &&
			   g->policy == w->policy && g->state == w->state &&
			   g->reason == w->reason &&
			   g->host_wide == w->host_wide &&
			   g->nr_devices == w->nr_dev;

		for (k = 0; same && k < w->nr_dev; k++)
			same = g->devices[k] == w->dev[k];
		if (!same) {
			printf("  rdm[%zu]: reference 0x%llx+0x%llx %s %s r%d "
			       "hw%d %zu dev; planner 0x%llx+0x%llx %s %s r%d "
			       "hw%d %zu dev\n", i,
			       (unsigned long long)w->start,
			       (unsigned long long)w->size,
			       xenrdm_policy_name(w->policy),
			       xenrdm_state_name(w->state), w->reason,
			       w->host_wide, w->nr_dev,
			       (unsigned long long)g->start,
			       (unsigned long long)g->size,
			       xenrdm_policy_name(g->policy),
			       xenrdm_state_name(g->state), g->reason,
			       g->host_wide, g->nr_devices);
			return 1;
		}
	}
	return 0;
}

static int plans_equal(int rc1, const struct xenrdm_plan *a, int rc2,
		       const struct xenrdm_plan *b)
{
	size_t i;

	if (rc1 != rc2 || a->nr_rdms != b->nr_rdms ||
	    a->lowmem_end != b->lowmem_end || a->highmem_end != b->highmem_end)
		return 0;
	for (i = 0; i < a->nr_rdms; i++) {
		const struct xenrdm_rdm *x = &a->rdms[i], *y = &b->rdms[i];

		if (x->start != y->start || x->size != y->size ||
		    x->policy != y->policy || x->state != y->state ||
		    x->reason != y->reason || x->host_wide != y->host_wide ||
		    x->nr_devices != y->nr_devices ||
		    (x->nr_devices && memcmp(x->devices, y->devices,
				x->nr_devices * sizeof(*x->devices))))
			return 0;
	}
	return 1;
}

static void shuffle(void *base, size_t n, size_t size)
{
	unsigned char tmp[64], *v = base;
	size_t i, j;

	for (i = n; i > 1; i--) {
		j = test_rnd() % i;
		memcpy(tmp, v + (i - 1) * size, size);
		memcpy(v + (i - 1) * size, v + j * size, size);
		memcpy(v + j * size, tmp, size);
	}
}

static void test_plan_vs_reference(void **state)
{
	static struct input in;
	static struct ref_plan ref;
	unsigned long n, bad = 0, conflicts = 0, relocated = 0;

	(void)state;
	test_rng_seed(SEED);
	for (n = 0; n < NR_CASES && bad < 3; n++) {
		struct xenrdm_plan p, p2;
		int rc, rc2;

		input_random(&in);
		ref_compute(&in.cfg, &ref);
		rc = xenrdm_plan_compute(&in.cfg, &p, NULL, 0);
		if (plan_vs_ref(rc, &p, &ref)) {
			input_print(&in, n);
			bad++;
		}
		conflicts += rc == -XENRDM_ERR_CONFLICT;
		relocated += !rc && p.lowmem_end < in.cfg.mem_size &&
			     p.lowmem_end < G4 - in.cfg.mmio_size;
		shuffle(in.reg, in.cfg.nr_regions, sizeof(in.reg[0]));
		shuffle(in.pci, in.cfg.nr_pci, sizeof(in.pci[0]));
		rc2 = xenrdm_plan_compute(&in.cfg, &p2, NULL, 0);
		if (!plans_equal(rc, &p, rc2, &p2)) {
			printf("  shuffled input gave another plan (rc %d vs "
			       "%d)\n", rc, rc2);
			input_print(&in, n);
			bad++;
		}
		xenrdm_plan_free(&p);
		xenrdm_plan_free(&p2);
	}
	/* The generator must reach the interesting paths. */
	printf("%lu cases, %lu with strict conflicts, %lu relocated\n", n,
	       conflicts, relocated);
	if (conflicts < NR_CASES / 20 || relocated < NR_CASES / 50) {
		printf("generator too tame: conflicts %lu, relocated %lu\n",
		       conflicts, relocated);
		bad++;
	}
	if (bad)
		fail();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_vs_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
