/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_remedy.c - the remedies (xenrdm/remedy.h).
 *
 * Table-driven: each case is a configuration that conflicts or drops a
 * region, with the remedies expected, worked out by hand from the
 * planner's rules (the comment on each case shows the arithmetic; the
 * remedies are written as "option=value" by this file's own remedy_text).
 * Every remedy returned is then applied by this file's own code and
 * planned again: it must hold.  Size remedies must also be the best: the same remedy one
 * MiB less far (memory or boundary one MiB larger, the hole one MiB
 * smaller) must not hold.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xenrdm/remedy.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define G4  (4 * GiB)

#define GPU  XENRDM_SBDF(0, 0, 2, 0)   /* 0000:00:02.0 */
#define USB  XENRDM_SBDF(0, 0, 0x14, 0) /* 0000:00:14.0 */
#define EHCI XENRDM_SBDF(0, 0, 0x1a, 0) /* 0000:00:1a.0 */
#define NOSBDF 0xffffffffu

#define MAX_REG 4
#define MAX_PCI 3

struct reg { uint64_t start, size; uint32_t sbdf; };
struct dev { uint32_t sbdf; enum xenrdm_policy policy; };

struct remedy_case {
	const char *name;
	uint64_t mem_mib;
	uint64_t mmio_mib;            /* 0: default 256 */
	bool host_strict;             /* rdm=strategy=host,policy=strict */
	struct reg reg[MAX_REG];      /* size 0 ends the list */
	struct dev pci[MAX_PCI];      /* sbdf 0 ends the list */
	const char *want;             /* "option=value;..." in order */
};

static const struct remedy_case cases[] = {
	/* Region at 1976 MiB, below the 2048 MiB boundary, in low RAM
	 * (4096 MiB guest: low RAM ends at 0xF0000000).
	 * memory: low RAM must end at 1976 MiB -> 1976.
	 * boundary: start must be above it -> 1975.
	 * mmio_hole: 4096 - 1976 = 2120 MiB puts mmio_start on the region. */
	{ "lowmem strict, one device", 4096, 0, false,
	  { { 0x7b800000, 64 * MiB, GPU } }, { { GPU, XENRDM_POLICY_STRICT } },
	  "memory=1976;rdm_mem_boundary=1975;mmio_hole=2120;"
	  "rdm_policy=0000:00:02.0;pci=0000:00:02.0" },
	/* The same region shared by the GPU and the USB controller, both
	 * strict: relaxing or detaching one alone leaves it strict. */
	{ "lowmem strict, shared by two devices", 4096, 0, false,
	  { { 0x7b800000, 64 * MiB, GPU }, { 0x7b800000, 64 * MiB, USB } },
	  { { GPU, XENRDM_POLICY_STRICT }, { USB, XENRDM_POLICY_STRICT } },
	  "memory=1976;rdm_mem_boundary=1975;mmio_hole=2120;"
	  "rdm_policy=0000:00:02.0 0000:00:14.0;"
	  "pci=0000:00:02.0 0000:00:14.0" },
	/* Shared, one device relaxed: only the strict one needs relaxing,
	 * but both must be detached for the region to leave the set. */
	{ "lowmem, shared, one relaxed", 4096, 0, false,
	  { { 0x7b800000, 64 * MiB, GPU }, { 0x7b800000, 64 * MiB, USB } },
	  { { GPU, XENRDM_POLICY_STRICT }, { USB, XENRDM_POLICY_RELAXED } },
	  "memory=1976;rdm_mem_boundary=1975;mmio_hole=2120;"
	  "rdm_policy=0000:00:02.0;pci=0000:00:02.0 0000:00:14.0" },
	/* Relaxed drop: no rdm_policy remedy (already relaxed). */
	{ "lowmem relaxed drop", 4096, 0, false,
	  { { 0x7b800000, 64 * MiB, USB } }, { { USB, XENRDM_POLICY_RELAXED } },
	  "memory=1976;rdm_mem_boundary=1975;mmio_hole=2120;"
	  "pci=0000:00:14.0" },
	/* 6144 MiB: low RAM 3840 MiB, high RAM to 4G + 2304 MiB.  A region
	 * at 4G + 1 GiB: high RAM may hold 1024 MiB -> memory 4864.
	 * Boundary and MMIO hole only push more RAM up: none. */
	{ "highmem strict", 6144, 0, false,
	  { { G4 + GiB, 2 * MiB, USB } }, { { USB, XENRDM_POLICY_STRICT } },
	  "memory=4864;rdm_policy=0000:00:14.0;pci=0000:00:14.0" },
	/* hvmloader's area: nothing that moves RAM helps. */
	{ "hvmloader area", 2048, 0, false,
	  { { 0xfc100000, 0x1000, EHCI } }, { { EHCI, XENRDM_POLICY_STRICT } },
	  "rdm_policy=0000:00:1a.0;pci=0000:00:1a.0" },
	/* A low conflict at 1976 MiB and a strict region at 4G + 512 MiB
	 * that high RAM (4G + 256 MiB) does not reach yet.  Moving low RAM
	 * under the first (boundary 1975 or mmio_hole 2120) pushes high RAM
	 * to 4G + 2120 MiB, over the second: neither may be offered. */
	{ "boundary and hole would break high memory", 4096, 0, false,
	  { { 0x7b800000, 64 * MiB, GPU }, { G4 + 512 * MiB, 2 * MiB, USB } },
	  { { GPU, XENRDM_POLICY_STRICT }, { USB, XENRDM_POLICY_STRICT } },
	  "memory=1976;rdm_policy=0000:00:02.0;pci=0000:00:02.0" },
	/* Region at 1 MiB + 4 KiB: no guest (>= 2 MiB) avoids it; the
	 * boundary remedy would be 1 MiB, leaving lowmem_end under 1 MiB
	 * rounded to 0: the planner refuses it.  mmio_hole would need
	 * 4095 MiB > 3840. */
	{ "region at 1 MiB", 4096, 0, false,
	  { { 0x101000, 0x1000, GPU } }, { { GPU, XENRDM_POLICY_STRICT } },
	  "rdm_policy=0000:00:02.0;pci=0000:00:02.0" },
	/* Host-wide (strategy=host,policy=strict), no device.  A page at
	 * 2047 MiB + 1020 KiB (start 0x7ffff000 <= boundary):
	 * memory 2047 (0x7ff00000 is the MiB below the start),
	 * boundary (0x7ffff000 - 1) / MiB = 2047, with HAP lowmem_end goes
	 * to 0x7fe00000; mmio_hole ceil((4G - 0x7ffff000) / MiB) = 2049. */
	{ "host-wide strict", 4096, 0, true,
	  { { 0x7ffff000, 0x1000, NOSBDF } }, { { 0, 0 } },
	  "memory=2047;rdm_mem_boundary=2047;mmio_hole=2049;"
	  "rdm=strategy=host,policy=relaxed;rdm=strategy=ignore" },
	/* A bigger MMIO hole already: low RAM ends at 4G - 1024 MiB =
	 * 3072 MiB; region at 2500 MiB: hole 1596 MiB. */
	{ "lowmem with a 1 GiB hole", 4096, 1024, false,
	  { { 2500 * MiB, 4 * MiB, GPU } },
	  { { GPU, XENRDM_POLICY_STRICT } },
	  /* 2500 > 2048: above the boundary, relocation moves low RAM:
	   * no problem at all. */
	  "" },
	{ "below boundary with a 1 GiB hole", 4096, 1024, false,
	  { { 1500 * MiB, 4 * MiB, GPU } }, { { GPU, XENRDM_POLICY_STRICT } },
	  "memory=1500;rdm_mem_boundary=1499;mmio_hole=2596;"
	  "rdm_policy=0000:00:02.0;pci=0000:00:02.0" },
	/* No problem: nothing to offer. */
	{ "valid region in the hole", 4096, 0, false,
	  { { 0xf8000000, 0x1000, GPU } }, { { GPU, XENRDM_POLICY_STRICT } },
	  "" },
};

/* The case as a planner configuration (storage in the arguments). */
static void case_config(const struct remedy_case *c, struct xenrdm_config *cfg,
			struct xenrdm_host_region *regs,
			struct xenrdm_pci_dev *pci)
{
	size_t i;

	xenrdm_config_init(cfg);
	cfg->mem_size = c->mem_mib * MiB;
	if (c->mmio_mib)
		cfg->mmio_size = c->mmio_mib * MiB;
	if (c->host_strict) {
		cfg->strategy = XENRDM_STRATEGY_HOST;
		cfg->policy = XENRDM_POLICY_STRICT;
	}
	for (i = 0; i < MAX_REG && c->reg[i].size; i++) {
		regs[i].start = c->reg[i].start;
		regs[i].size = c->reg[i].size;
		regs[i].has_sbdf = c->reg[i].sbdf != NOSBDF;
		regs[i].sbdf = regs[i].has_sbdf ? c->reg[i].sbdf : 0;
	}
	cfg->regions = regs;
	cfg->nr_regions = i;
	for (i = 0; i < MAX_PCI && c->pci[i].sbdf; i++) {
		pci[i].sbdf = c->pci[i].sbdf;
		pci[i].policy = c->pci[i].policy;
	}
	cfg->pci = pci;
	cfg->nr_pci = i;
}

/* Is SBDF among the remedy's devices? */
static bool lists(const struct xenrdm_remedy *rem, xenrdm_sbdf sbdf)
{
	size_t i;

	for (i = 0; i < rem->nr_devices; i++)
		if (rem->devices[i] == sbdf)
			return true;
	return false;
}

/* "option=value" as xl.cfg spells the change, appended to buf. */
static void remedy_text(const struct xenrdm_remedy *rem, char *buf,
			size_t len)
{
	static const char *const option[] = {
		[XENRDM_REMEDY_MEMORY] = "memory",
		[XENRDM_REMEDY_RDM_MEM_BOUNDARY] = "rdm_mem_boundary",
		[XENRDM_REMEDY_MMIO_HOLE] = "mmio_hole",
		[XENRDM_REMEDY_RDM_POLICY] = "rdm_policy",
		[XENRDM_REMEDY_RDM] = "rdm",
		[XENRDM_REMEDY_PCI] = "pci",
	};
	size_t used = strlen(buf), i;
	char b[16];

	used += (size_t)snprintf(buf + used, len - used, "%s=",
				 option[rem->kind]);
	switch (rem->kind) {
	case XENRDM_REMEDY_MEMORY:
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
	case XENRDM_REMEDY_MMIO_HOLE:
		snprintf(buf + used, len - used, "%" PRIu64, rem->mib);
		break;
	case XENRDM_REMEDY_RDM:
		snprintf(buf + used, len - used, "%s",
			 rem->strategy == XENRDM_STRATEGY_IGNORE ?
			 "strategy=ignore" : rem->policy ==
			 XENRDM_POLICY_RELAXED ? "strategy=host,policy=relaxed" :
			 "strategy=host,policy=strict");
		break;
	default:
		for (i = 0; i < rem->nr_devices && used < len; i++) {
			snprintf(b, sizeof(b), "%04x:%02x:%02x.%x",
				 (rem->devices[i] >> 16) & 0xffff,
				 (rem->devices[i] >> 8) & 0xff,
				 (rem->devices[i] >> 3) & 0x1f,
				 rem->devices[i] & 7);
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 i ? " " : "", b);
		}
	}
}

/* Apply the remedy as a user would.  With delta_mib != 0 the size is
 * moved by that much (for the "is it the best" probe).  pci storage is
 * the caller's (MAX_PCI). */
static void apply(const struct xenrdm_remedy *rem, int64_t delta_mib,
		  struct xenrdm_config *cfg, struct xenrdm_pci_dev *pci)
{
	uint64_t mib = rem->mib + (uint64_t)delta_mib;
	size_t i, n = 0;

	if (rem->kind == XENRDM_REMEDY_MEMORY) {
		cfg->mem_size = mib * MiB;
	} else if (rem->kind == XENRDM_REMEDY_MMIO_HOLE) {
		cfg->mmio_size = mib * MiB;
	} else if (rem->kind == XENRDM_REMEDY_RDM_MEM_BOUNDARY) {
		cfg->rdm_mem_boundary = mib * MiB;
	} else if (rem->kind == XENRDM_REMEDY_RDM) {
		cfg->strategy = rem->strategy;
		cfg->policy = rem->policy;
	} else {
		bool detach = rem->kind == XENRDM_REMEDY_PCI;

		assert_true(detach || rem->kind == XENRDM_REMEDY_RDM_POLICY);
		for (i = 0; i < cfg->nr_pci; i++) {
			bool listed = lists(rem, cfg->pci[i].sbdf);

			if (listed && detach)
				continue;
			pci[n] = cfg->pci[i];
			if (listed)
				pci[n].policy = XENRDM_POLICY_RELAXED;
			n++;
		}
		cfg->pci = pci;
		cfg->nr_pci = n;
	}
}

/* Plan cfg: 1 if it holds (no conflict; and no drop unless allowed). */
static int holds(const struct xenrdm_config *cfg, bool allow_drops)
{
	struct xenrdm_plan plan;
	int r, ok;

	r = xenrdm_plan_compute(cfg, &plan, NULL, 0);
	ok = r == 0 && plan.nr_conflict == 0 &&
	     (allow_drops || plan.nr_dropped == 0);
	if (r == 0 || r == -XENRDM_ERR_CONFLICT)
		xenrdm_plan_free(&plan);
	return ok;
}

static void test_case(const struct remedy_case *c)
{
	struct xenrdm_host_region regs[MAX_REG];
	struct xenrdm_pci_dev pci[MAX_PCI], pci2[MAX_PCI];
	struct xenrdm_config cfg, changed;
	struct xenrdm_remedies rem;
	char got[1024] = "";
	size_t i;
	int r;

	case_config(c, &cfg, regs, pci);
	r = xenrdm_remedies_compute(&cfg, &rem, NULL, 0);
	if (r != 0) {
		print_error("%s: xenrdm_remedies_compute returned %d\n", c->name, r);
		fail();
	}
	for (i = 0; i < rem.n; i++) {
		if (i)
			strcat(got, ";");
		remedy_text(&rem.v[i], got, sizeof(got));
	}
	if (strcmp(got, c->want)) {
		print_error("%s:\n  expected %s\n  got      %s\n", c->name,
			    c->want, got);
		fail();
	}
	for (i = 0; i < rem.n; i++) {
		const struct xenrdm_remedy *m = &rem.v[i];
		bool policy = m->cost == XENRDM_REMEDY_COST_DMA_RISK;
		char one[256] = "";

		remedy_text(m, one, sizeof(one));
		assert_true(policy == (m->kind == XENRDM_REMEDY_RDM_POLICY ||
				       (m->kind == XENRDM_REMEDY_RDM &&
					m->policy == XENRDM_POLICY_RELAXED &&
					m->strategy == XENRDM_STRATEGY_HOST)));
		/* The layout before is the configuration's, after the
		 * verified plan's. */
		assert_int_equal(m->before.mem_size, cfg.mem_size);
		assert_int_equal(m->before.mmio_size, cfg.mmio_size);
		assert_true(m->after.lowmem_end > 0 &&
			    m->after.highmem_end >= G4);
		changed = cfg;
		apply(m, 0, &changed, pci2);
		if (!holds(&changed, policy)) {
			print_error("%s: remedy %s applied: the plan does not hold\n",
				    c->name, one);
			fail();
		}
		/* The best value: one MiB less helpful must fail.  memory
		 * and boundary are the largest, mmio_hole the smallest. */
		if (m->kind == XENRDM_REMEDY_MEMORY ||
		    m->kind == XENRDM_REMEDY_RDM_MEM_BOUNDARY ||
		    (m->kind == XENRDM_REMEDY_MMIO_HOLE && m->mib > 256)) {
			int64_t d = m->kind == XENRDM_REMEDY_MMIO_HOLE ? -1 : 1;

			changed = cfg;
			apply(m, d, &changed, pci2);
			if (holds(&changed, false)) {
				print_error("%s: %s is not the best: %+" PRId64
					    " MiB holds too\n", c->name, one, d);
				fail();
			}
		}
		if (m->kind == XENRDM_REMEDY_RDM_POLICY ||
		    m->kind == XENRDM_REMEDY_PCI)
			assert_true(m->nr_devices > 0);
	}
	xenrdm_remedies_free(&rem);
	assert_int_equal(rem.n, 0);
}

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		test_case(&cases[i]);
}

/* A configuration the planner refuses is the planner's error, with its
 * message. */
static void test_bad_config(void **state)
{
	struct xenrdm_config cfg;
	struct xenrdm_remedies rem;
	char err[256] = "";

	(void)state;
	xenrdm_config_init(&cfg);
	cfg.mem_size = MiB; /* < 2 MiB */
	assert_int_equal(xenrdm_remedies_compute(&cfg, &rem, err, sizeof(err)),
			 -XENRDM_ERR_INVAL);
	assert_non_null(strstr(err, "memory 1048576 bytes: below 2 MiB"));
	assert_int_equal(rem.n, 0);
	xenrdm_remedies_free(&rem);
}

/* Many regions in low RAM below the boundary, shuffled: memory must end
 * under the lowest one; the remedies are order-independent. */
static void test_many_regions(void **state)
{
	enum { N = 200 };
	struct xenrdm_host_region regs[N];
	struct xenrdm_pci_dev dev = { GPU, XENRDM_POLICY_STRICT };
	struct xenrdm_config cfg;
	struct xenrdm_remedies a, b;
	size_t i;

	(void)state;
	xenrdm_config_init(&cfg);
	cfg.mem_size = 8192 * MiB;
	for (i = 0; i < N; i++) {
		/* 1000 MiB + i * 4 MiB, given in reverse order. */
		regs[i].start = (1000 + 4 * (N - 1 - i)) * MiB;
		regs[i].size = 0x1000;
		regs[i].has_sbdf = true;
		regs[i].sbdf = GPU;
	}
	cfg.regions = regs;
	cfg.nr_regions = N;
	cfg.pci = &dev;
	cfg.nr_pci = 1;
	assert_int_equal(xenrdm_remedies_compute(&cfg, &a, NULL, 0), 0);
	for (i = 0; i < N / 2; i++) {
		struct xenrdm_host_region t = regs[i];

		regs[i] = regs[N - 1 - i];
		regs[N - 1 - i] = t;
	}
	assert_int_equal(xenrdm_remedies_compute(&cfg, &b, NULL, 0), 0);
	assert_true(a.n >= 1 && a.n == b.n);
	/* memory = 1000 would leave all 200 ranges valid: more than the
	 * guest's e820 keeps (the planner's rule 6), so it is not offered. */
	assert_int_not_equal(a.v[0].kind, XENRDM_REMEDY_MEMORY);
	for (i = 0; i < a.n; i++) {
		char ta[256] = "", tb[256] = "";

		remedy_text(&a.v[i], ta, sizeof(ta));
		remedy_text(&b.v[i], tb, sizeof(tb));
		assert_string_equal(ta, tb);
	}
	xenrdm_remedies_free(&a);
	xenrdm_remedies_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_bad_config),
		cmocka_unit_test(test_many_regions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
