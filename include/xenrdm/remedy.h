/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/remedy.h - the ways out of a failing or lossy plan.
 *
 * When a strict RDM region conflicts with guest memory (the plan fails)
 * or a relaxed one is dropped (the guest does not see it), the remedies
 * are the xl.cfg changes that would make the plan hold.  Every remedy is
 * checked by running xenrdm_plan_compute() again on the changed
 * configuration; one that does not make the plan hold is never returned.
 *
 * "Holds" means: the planner returns 0, no region conflicts, and no
 * region is dropped.  The two policy remedies (rdm_policy=relaxed for a
 * device, rdm="...,policy=relaxed" for host-wide regions) are the
 * exception: they turn a conflict into a drop by design, so for them
 * "holds" means returns 0 with no conflict; they are offered only when
 * something conflicts, and their effect says what the guest then risks.
 *
 * Remedies, in this order, each at most once (rdm may come twice: its
 * two alternatives, policy=relaxed and strategy=ignore):
 *   memory            the largest guest RAM (MiB) that holds, found by a
 *                     bounded bisection whose answer is itself verified
 *   rdm_mem_boundary  the largest boundary (MiB) below the lowest region
 *                     that conflicts with low RAM, so that the relocation
 *                     rule moves lowmem_end under it; the effect says how
 *                     much RAM then moves above 4 GiB
 *   mmio_hole         the smallest hole (MiB, 256..3840 as xl accepts)
 *                     that ends low memory at or below that region
 *   rdm_policy        "relaxed" for every strict device of a conflicting
 *                     region (value: those devices' SBDFs)
 *   rdm               for regions that come in through strategy=host:
 *                     "strategy=host,policy=relaxed" or "strategy=ignore"
 *   pci               detach the devices of every problem region
 *                     (value: their SBDFs)
 * A region in hvmloader's area [0xFC000000, 4 GiB) cannot be fixed by
 * memory, rdm_mem_boundary or mmio_hole (nothing moves that area); only
 * the device-side remedies (or a host firmware update that moves the
 * RMRR) can.
 *
 * The remedies are data (kind, value, cost, the layout before and after);
 * the command writes the words (shim/xen-rdm/remedy_text.c).
 *
 * Host side only (allocates).  Nothing here prints.
 */
#ifndef XENRDM_REMEDY_H
#define XENRDM_REMEDY_H

#include <stddef.h>
#include <stdint.h>

#include "xenrdm/xenrdm.h"

#ifdef __cplusplus
extern "C" {
#endif

enum xenrdm_remedy_kind {
	XENRDM_REMEDY_MEMORY = 0,
	XENRDM_REMEDY_RDM_MEM_BOUNDARY,
	XENRDM_REMEDY_MMIO_HOLE,
	XENRDM_REMEDY_RDM_POLICY,
	XENRDM_REMEDY_RDM,
	XENRDM_REMEDY_PCI,
};

/* What a remedy costs the guest (for ranking and for the words the
 * command prints; the library writes no sentences). */
enum xenrdm_remedy_cost {
	/* rdm_mem_boundary, mmio_hole: RAM moves above 4 GiB, none lost */
	XENRDM_REMEDY_COST_MOVES_RAM = 0,
	/* memory: the guest gets less RAM */
	XENRDM_REMEDY_COST_LESS_RAM,
	/* rdm strategy=ignore: the host's other regions are not reserved
	 * (safe while no device they belong to is passed through) */
	XENRDM_REMEDY_COST_IGNORES_HOST,
	/* rdm_policy=relaxed, rdm policy=relaxed: conflicting regions are
	 * left out of the guest's e820; device DMA may corrupt guest RAM */
	XENRDM_REMEDY_COST_DMA_RISK,
	/* pci: the guest loses the devices */
	XENRDM_REMEDY_COST_LOSES_DEVICES,
};

/* A layout, before or after a remedy: what the words about it need. */
struct xenrdm_remedy_layout {
	uint64_t mem_size;      /* bytes */
	uint64_t mmio_size;     /* bytes */
	uint64_t mmio_start;
	uint64_t lowmem_end;
	uint64_t highmem_end;
	size_t nr_dropped;      /* regions left out (relaxed, not valid) */
};

struct xenrdm_remedy {
	enum xenrdm_remedy_kind kind;
	enum xenrdm_remedy_cost cost;
	/* memory, rdm_mem_boundary, mmio_hole: the new value in MiB (xl.cfg
	 * units).  0 for the other kinds. */
	uint64_t mib;
	/* rdm: the new rdm= setting (strategy=host,policy=relaxed or
	 * strategy=ignore with the configuration's policy). */
	enum xenrdm_strategy strategy;
	enum xenrdm_policy policy;
	/* rdm_policy (relax) and pci (detach): the devices, sorted, unique. */
	size_t nr_devices;
	xenrdm_sbdf *devices;
	/* The configuration's plan, and the verified plan with the remedy. */
	struct xenrdm_remedy_layout before, after;
};

struct xenrdm_remedies {
	size_t n;
	struct xenrdm_remedy *v;
};

/*
 * The remedies for cfg.  Returns 0 (out->n may be 0: the plan already
 * holds, or nothing single fixes it), or the planner's error for a
 * configuration it cannot plan at all (-XENRDM_ERR_INVAL, _RANGE, ...,
 * with the planner's message in err), or -XENRDM_ERR_NOMEM.  err may be
 * NULL.  Release with xenrdm_remedies_free() in every case.  Cost: a few
 * dozen planner runs (the bisection is bounded by 64).
 */
int xenrdm_remedies_compute(const struct xenrdm_config *cfg,
			    struct xenrdm_remedies *out,
			    char *err, size_t errlen);

void xenrdm_remedies_free(struct xenrdm_remedies *r);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_REMEDY_H */
