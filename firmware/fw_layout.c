/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_layout.c - the layout: defaults, the RAM below 640 KiB,
 * and what makes an RDM entry unusable.
 */
#include "fw_internal.h"

void xenrdm_fw_layout_init(struct xenrdm_fw_layout *l,
			   uint64_t lowmem_end, uint64_t highmem_end)
{
	l->lowmem_end = lowmem_end;
	l->highmem_end = highmem_end;
	l->lowmem_reserved_base = XENRDM_FW_LOWMEM_RESERVED_BASE;
	l->bios_image_base = XENRDM_FW_BIOS_IMAGE_BASE;
	l->nr_rdm = 0;
	l->nr_skipped = 0;
}

uint64_t fw_low_ram_end(const struct xenrdm_fw_layout *l)
{
	return l->lowmem_reserved_base ? l->lowmem_reserved_base
				       : XENRDM_FW_LOWMEM_RESERVED_BASE;
}

bool fw_rdm_bad(const struct xenrdm_range *r)
{
	uint64_t last = r->size - 1;

	return (r->start | last) >= XENRDM_PADDR_LIMIT ||
	       r->start + last >= XENRDM_PADDR_LIMIT;
}
