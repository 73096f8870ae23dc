/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_remedy.c - libFuzzer target for the remedies
 * (xenrdm_remedies_compute): the xl.cfg changes `plan` proposes when a
 * plan fails or drops a region.  A wrong remedy is advice that corrupts a
 * guest, so each one is applied here, independently of remedy.c, and the
 * configuration planned again.
 *
 * Input: a configuration, as for fuzz_plan (tests/fuzz/plan_gen.h).
 * Oracle:
 *   - the return value is the planner's for input it refuses, else 0;
 *   - a plan that already holds (no conflict, nothing dropped) gets no
 *     remedy;
 *   - each remedy is one of the documented kinds, in the documented
 *     order, at most once (rdm: each of its two alternatives once), with
 *     its cost class;
 *     sizes in xl's ranges (memory >= 2 MiB, mmio_hole 256..3840 MiB);
 *   - applied to the configuration, it makes the plan hold: 0 and no
 *     conflict, and for every kind but the two policy ones also nothing
 *     dropped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/remedy.h"
#include "xenrdm/sources.h"
#include "xenrdm/xenrdm.h"

#include "plan_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool has_dev(const struct xenrdm_remedy *r, xenrdm_sbdf s)
{
	size_t i;

	for (i = 0; i < r->nr_devices; i++)
		if (r->devices[i] == s)
			return true;
	return false;
}

/* cfg with the remedy applied, into *out (devices into pci_out). */
static void apply(const struct xenrdm_remedy *r, struct xenrdm_config *out,
		  struct xenrdm_pci_dev *pci_out)
{
	size_t i, n = 0;

	*out = cfg;
	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:
		out->mem_size = r->mib * XENRDM_MIB;
		break;
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
		out->rdm_mem_boundary = r->mib * XENRDM_MIB;
		break;
	case XENRDM_REMEDY_MMIO_HOLE:
		out->mmio_size = r->mib * XENRDM_MIB;
		break;
	case XENRDM_REMEDY_RDM_POLICY:
		CHECK(r->nr_devices > 0);
		for (i = 0; i < cfg.nr_pci; i++) {
			pci_out[i] = cfg.pci[i];
			if (has_dev(r, cfg.pci[i].sbdf))
				pci_out[i].policy = XENRDM_POLICY_RELAXED;
		}
		out->pci = pci_out;
		break;
	case XENRDM_REMEDY_RDM:
		CHECK(r->strategy == XENRDM_STRATEGY_IGNORE ||
		      (r->strategy == XENRDM_STRATEGY_HOST &&
		       r->policy == XENRDM_POLICY_RELAXED));
		out->strategy = r->strategy;
		out->policy = r->policy;
		break;
	case XENRDM_REMEDY_PCI:
		CHECK(r->nr_devices > 0);
		for (i = 0; i < cfg.nr_pci; i++)
			if (!has_dev(r, cfg.pci[i].sbdf))
				pci_out[n++] = cfg.pci[i];
		out->pci = pci_out;
		out->nr_pci = n;
		break;
	default:
		CHECK(!"a documented remedy kind");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct xenrdm_remedies rem = { 0 };
	struct xenrdm_pci_dev pci2[MAX_PCI];
	struct xenrdm_config cfg2;
	struct xenrdm_plan plan;
	size_t i;
	int rc, prc;
	bool holds;

	gen_config(&in);
	/* Keep the bisection and the region count small enough to be quick. */
	if (cfg.nr_regions > 16)
		cfg.nr_regions = 16;
	prc = xenrdm_plan_compute(&cfg, &plan, NULL, 0);
	holds = prc == 0 && plan.nr_dropped == 0;
	xenrdm_plan_free(&plan);

	rc = xenrdm_remedies_compute(&cfg, &rem, NULL, 0);
	if (prc && prc != -XENRDM_ERR_CONFLICT) {
		CHECK(rc == prc || rc == -XENRDM_ERR_NOMEM);
		goto out;
	}
	CHECK(rc == 0);
	if (holds)
		CHECK(rem.n == 0);
	for (i = 0; i < rem.n; i++) {
		const struct xenrdm_remedy *r = &rem.v[i];
		bool policy_kind = r->kind == XENRDM_REMEDY_RDM_POLICY ||
				   r->kind == XENRDM_REMEDY_RDM;

		CHECK(r->cost == (r->kind == XENRDM_REMEDY_MEMORY ?
				  XENRDM_REMEDY_COST_LESS_RAM :
				  r->kind == XENRDM_REMEDY_RDM_MEM_BOUNDARY ||
				  r->kind == XENRDM_REMEDY_MMIO_HOLE ?
				  XENRDM_REMEDY_COST_MOVES_RAM :
				  r->kind == XENRDM_REMEDY_PCI ?
				  XENRDM_REMEDY_COST_LOSES_DEVICES :
				  r->kind == XENRDM_REMEDY_RDM_POLICY ||
				  r->strategy == XENRDM_STRATEGY_HOST ?
				  XENRDM_REMEDY_COST_DMA_RISK :
				  XENRDM_REMEDY_COST_IGNORES_HOST));
		/* In order; rdm may come twice (its two alternatives,
		 * "strategy=host,policy=relaxed" and "strategy=ignore"). */
		CHECK(i == 0 || r->kind > rem.v[i - 1].kind ||
		      (r->kind == XENRDM_REMEDY_RDM &&
		       rem.v[i - 1].kind == XENRDM_REMEDY_RDM &&
		       r->strategy != rem.v[i - 1].strategy));
		if (r->kind == XENRDM_REMEDY_MEMORY)
			CHECK(r->mib >= XENRDM_MIN_MEM_SIZE / XENRDM_MIB);
		if (r->kind == XENRDM_REMEDY_MMIO_HOLE)
			CHECK(r->mib >= XENRDM_MIN_MMIO_SIZE / XENRDM_MIB &&
			      r->mib <= XENRDM_MAX_MMIO_SIZE / XENRDM_MIB);
		apply(r, &cfg2, pci2);
		prc = xenrdm_plan_compute(&cfg2, &plan, NULL, 0);
		if (prc || plan.nr_conflict ||
		    (!policy_kind && plan.nr_dropped)) {
			fprintf(stderr, "remedy %d (mib %llu, %zu devices) does "
				"not make the plan hold: rc %d, %zu conflicts, "
				"%zu dropped\n", (int)r->kind,
				(unsigned long long)r->mib, r->nr_devices, prc,
				plan.nr_conflict, plan.nr_dropped);
			CHECK(!"the remedy holds");
		}
		xenrdm_plan_free(&plan);
	}
out:
	xenrdm_remedies_free(&rem);
	return 0;
}
