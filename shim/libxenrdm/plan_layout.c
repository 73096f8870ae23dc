/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/plan_layout.c - from a plan to the firmware module's input and
 * to the guest e820, built by the firmware's own code compiled for the
 * host (so `plan` shows exactly what hvmloader will emit).
 */
#include <stdlib.h>

#include "xenrdm/xenrdm.h"

int xenrdm_plan_fw_layout(const struct xenrdm_plan *plan,
			  struct xenrdm_fw_layout *layout_out)
{
	struct xenrdm_fw_layout *l = layout_out;
	size_t i;

	xenrdm_fw_layout_init(l, plan->lowmem_end, plan->highmem_end);
	/* The first megabyte as hvmloader builds it for the guest's BIOS. */
	if (xenrdm_bios_fw_layout(plan->bios, l))
		return -XENRDM_ERR_INVAL;
	/* plan->rdms is sorted by start: one pass merges overlapping and
	 * touching valid regions, as the xenstore ABI wants them. */
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];
		struct xenrdm_range *last;
		uint64_t end = d->start + d->size;

		if (d->state != XENRDM_STATE_VALID)
			continue;
		last = l->nr_rdm ? &l->rdm[l->nr_rdm - 1] : NULL;
		if (last && d->start <= last->start + last->size) {
			if (end > last->start + last->size)
				last->size = end - last->start;
			continue;
		}
		if (l->nr_rdm == XENRDM_FW_MAX_RDM)
			return -XENRDM_ERR_NOSPACE;
		l->rdm[l->nr_rdm].start = d->start;
		l->rdm[l->nr_rdm].size = d->size;
		l->nr_rdm++;
	}
	return 0;
}

int xenrdm_plan_e820(const struct xenrdm_plan *plan,
		     struct xenrdm_e820entry *tab, uint32_t cap,
		     uint32_t *nr_out)
{
	/* ~2 KiB: on the heap, callers may run on small stacks. */
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	int rc;

	if (!l)
		return -XENRDM_ERR_NOMEM;
	rc = xenrdm_plan_fw_layout(plan, l);
	if (!rc)
		rc = xenrdm_e820_build(l, tab, cap, nr_out);
	free(l);
	return rc;
}
