/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_ranges.c - host regions over a device range (an IVRS
 * 22h IVMD, sbdf..sbdf_last) are never expanded, yet plan exactly as the
 * same regions given once per device would; and xenrdm_plan_left_out()
 * says which host ranges a plan leaves out and why.
 *
 * Randomised (seed printed on failure): up to 12 regions, some over
 * ranges of up to 64 devices, some single, some host-wide; up to 6
 * assigned devices near the ranges; both strategies.  The plan with the
 * ranges must equal, region by region (range, policy, state, devices,
 * host_wide), the plan with every range expanded per device; and the
 * left-out list must equal a quadratic reference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xenrdm/sources.h"
#include "helpers/test_rng.h"

#define SEED 0x13a4e5u
#define CASES 3000
#define MAX_REG 12
#define MAX_PCI 6

static void same_plan(const struct xenrdm_plan *a, const struct xenrdm_plan *b,
		      unsigned c)
{
	size_t i, k;

	if (a->nr_rdms != b->nr_rdms || a->lowmem_end != b->lowmem_end ||
	    a->highmem_end != b->highmem_end)
		fail_msg("case %u: %zu vs %zu regions, lowmem 0x%llx vs 0x%llx",
			 c, a->nr_rdms, b->nr_rdms,
			 (unsigned long long)a->lowmem_end,
			 (unsigned long long)b->lowmem_end);
	for (i = 0; i < a->nr_rdms; i++) {
		const struct xenrdm_rdm *x = &a->rdms[i], *y = &b->rdms[i];

		if (x->start != y->start || x->size != y->size ||
		    x->policy != y->policy || x->state != y->state ||
		    x->host_wide != y->host_wide ||
		    x->nr_devices != y->nr_devices)
			fail_msg("case %u: region %zu differs (0x%llx+0x%llx %zu devices vs 0x%llx+0x%llx %zu)",
				 c, i, (unsigned long long)x->start,
				 (unsigned long long)x->size, x->nr_devices,
				 (unsigned long long)y->start,
				 (unsigned long long)y->size, y->nr_devices);
		for (k = 0; k < x->nr_devices; k++)
			if (x->devices[k] != y->devices[k])
				fail_msg("case %u: region %zu device %zu: 0x%x vs 0x%x",
					 c, i, k, x->devices[k], y->devices[k]);
	}
}

static void test_range_equals_expanded(void **state)
{
	struct xenrdm_host_region reg[MAX_REG], *exp;
	struct xenrdm_pci_dev pci[MAX_PCI];
	struct xenrdm_config cfg, cfg2;
	struct xenrdm_plan p1, p2;
	unsigned c;
	size_t i, n, npci, nexp, k;
	int r1, r2;

	(void)state;
	exp = calloc(MAX_REG * 64, sizeof(*exp));
	assert_non_null(exp);
	test_rng_seed(SEED);
	for (c = 0; c < CASES; c++) {
		n = 1 + test_rnd() % MAX_REG;
		npci = test_rnd() % (MAX_PCI + 1);
		xenrdm_config_init(&cfg);
		cfg.device_ranges = true;
		cfg.mem_size = (1 + test_rnd() % 4096) << 20;
		cfg.strategy = test_rnd() % 2 ? XENRDM_STRATEGY_HOST :
			       XENRDM_STRATEGY_IGNORE;
		cfg.policy = test_rnd() % 2 ? XENRDM_POLICY_STRICT :
			     XENRDM_POLICY_RELAXED;
		/* devices 0x100..0x17f, unique */
		for (i = 0; i < npci; i++) {
			do {
				pci[i].sbdf = 0x100 + test_rnd() % 0x80;
				for (k = 0; k < i && pci[k].sbdf != pci[i].sbdf; k++)
					;
			} while (k < i);
			pci[i].policy = test_rnd() % 2 ? XENRDM_POLICY_STRICT :
					XENRDM_POLICY_RELAXED;
		}
		nexp = 0;
		for (i = 0; i < n; i++) {
			struct xenrdm_host_region *g = &reg[i];
			unsigned kind = test_rnd() % 3;

			memset(g, 0, sizeof(*g));
			/* few distinct ranges so that they coincide */
			g->start = 0xc0000000ULL + (test_rnd() % 6) * 0x1000;
			g->size = (1 + test_rnd() % 2) * 0x1000;
			if (kind) {
				g->has_sbdf = true;
				g->sbdf = 0x100 + test_rnd() % 0x80;
				if (kind == 2)
					g->sbdf_last = g->sbdf + test_rnd() % 64;
			}
			if (g->has_sbdf && g->sbdf_last > g->sbdf) {
				xenrdm_sbdf s;

				for (s = g->sbdf; s <= g->sbdf_last; s++) {
					exp[nexp] = *g;
					exp[nexp].sbdf = s;
					exp[nexp++].sbdf_last = 0;
				}
			} else {
				exp[nexp++] = *g;
			}
		}
		cfg.pci = pci;
		cfg.nr_pci = npci;
		cfg.regions = reg;
		cfg.nr_regions = n;
		cfg2 = cfg;
		cfg2.regions = exp;
		cfg2.nr_regions = nexp;
		r1 = xenrdm_plan_compute(&cfg, &p1, NULL, 0);
		r2 = xenrdm_plan_compute(&cfg2, &p2, NULL, 0);
		if (r1 != r2)
			fail_msg("case %u (seed 0x%x): rc %d with ranges, %d expanded",
				 c, SEED, r1, r2);
		if (!r1 || r1 == -XENRDM_ERR_CONFLICT) {
			struct xenrdm_left_out *l = NULL;
			size_t nl = 0, m;

			same_plan(&p1, &p2, c);
			/* left out: the distinct host ranges not in the plan,
			 * in (start, size) order, each with its host-wide
			 * flag and at least its distinct devices */
			assert_int_equal(xenrdm_plan_left_out(&cfg, &p1, &l, &nl), 0);
			m = 0;
			for (uint64_t start = 0xc0000000ULL; start < 0xc0006000ULL;
			     start += 0x1000) {
				uint64_t size;

				for (size = 0x1000; size <= 0x2000; size += 0x1000) {
					bool any = false, in = false, hw = false;
					size_t devs = 0, q, t;

					for (q = 0; q < nexp; q++) {
						bool dup = false;

						if (exp[q].start != start ||
						    exp[q].size != size)
							continue;
						any = true;
						if (!exp[q].has_sbdf) {
							hw = true;
							continue;
						}
						for (t = 0; t < q; t++)
							if (exp[t].start == start &&
							    exp[t].size == size &&
							    exp[t].has_sbdf &&
							    exp[t].sbdf == exp[q].sbdf)
								dup = true;
						devs += !dup;
					}
					for (q = 0; q < p1.nr_rdms; q++)
						if (p1.rdms[q].start == start &&
						    p1.rdms[q].size == size)
							in = true;
					if (!any || in)
						continue;
					if (m >= nl || l[m].start != start ||
					    l[m].size != size ||
					    l[m].host_wide != hw ||
					    l[m].nr_devices < devs)
						fail_msg("case %u: left-out entry %zu: want 0x%llx+0x%llx hw %d >= %zu devices",
							 c, m, (unsigned long long)start,
							 (unsigned long long)size, hw, devs);
					m++;
				}
			}
			if (m != nl)
				fail_msg("case %u: %zu left out, want %zu", c, nl, m);
			xenrdm_left_out_free(l);
		}
		xenrdm_plan_free(&p1);
		xenrdm_plan_free(&p2);
	}
	free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_equals_expanded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
