/* SPDX-License-Identifier: MIT */
/* shim/libxenrdm/dom.c - plan -> libxenguest domain builder fields (xenrdm/dom.h). */
#include <inttypes.h>
#include <stdio.h>

#include <xenctrl.h>
#include <xenguest.h>

#include "xenrdm/dom.h"

int xenrdm_dom_fill(struct xc_dom_image *dom, const struct xenrdm_plan *plan,
		    char *err, size_t errlen)
{
	const uint64_t page_mask = XENRDM_PAGE_SIZE - 1;
	const char *field = NULL;
	uint64_t value = 0;
	int rc = 0;

	if (plan->nr_conflict) {
		if (err && errlen)
			snprintf(err, errlen, "the plan has %zu strict RDM "
				 "conflict%s; no layout to build",
				 plan->nr_conflict,
				 plan->nr_conflict == 1 ? "" : "s");
		rc = -XENRDM_ERR_CONFLICT;
		goto out;
	}
	/* The first inconsistent field, in the order the fields depend on
	 * each other. */
	if ((plan->mmio_size & page_mask) || plan->mmio_size == 0 ||
	    plan->mmio_size > XENRDM_4G) {
		field = "mmio_size"; value = plan->mmio_size;
	} else if (plan->mmio_start != XENRDM_4G - plan->mmio_size) {
		field = "mmio_start"; value = plan->mmio_start;
	} else if ((plan->lowmem_end & page_mask) ||
		   plan->lowmem_end < XENRDM_FW_RAM_1M ||
		   plan->lowmem_end > plan->mmio_start) {
		field = "lowmem_end"; value = plan->lowmem_end;
	} else if ((plan->highmem_end & page_mask) ||
		   plan->highmem_end < XENRDM_4G) {
		field = "highmem_end"; value = plan->highmem_end;
	}
	if (field) {
		if (err && errlen)
			snprintf(err, errlen, "plan %s 0x%" PRIx64 " is "
				 "inconsistent (mmio_start 0x%" PRIx64 ", "
				 "mmio_size 0x%" PRIx64 ")", field, value,
				 plan->mmio_start, plan->mmio_size);
		rc = -XENRDM_ERR_LAYOUT;
		goto out;
	}

	dom->mmio_start = plan->mmio_start;
	dom->mmio_size = plan->mmio_size;
	dom->lowmem_end = plan->lowmem_end;
	dom->highmem_end = plan->highmem_end > XENRDM_4G ? plan->highmem_end : 0;
out:
	return rc;
}
