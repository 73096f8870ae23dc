/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_layout.c - the layout: defaults, validity, and the fixed
 * ranges of hvmloader's map that the builder and the checker both use.
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

void fw_reserved_range(const struct xenrdm_fw_layout *l, uint32_t k,
		       uint64_t *start, uint64_t *end)
{
	switch (k) {
	case 0:
		*start = l->lowmem_reserved_base;
		*end = XENRDM_FW_LOWMEM_RESERVED_BASE;
		break;
	case 1:
		*start = l->bios_image_base;
		*end = XENRDM_FW_RAM_1M;
		break;
	case 2:
		*start = XENRDM_FW_RESERVED_MEMBASE;
		*end = XENRDM_FW_4G;
		break;
	default:
		*start = l->rdm[k - FW_NR_FIXED_RESERVED].start;
		*end = *start + l->rdm[k - FW_NR_FIXED_RESERVED].size;
		break;
	}
}

void fw_ram_range(const struct xenrdm_fw_layout *l, uint32_t k,
		  uint64_t *start, uint64_t *end)
{
	switch (k) {
	case 0:
		*start = 0;
		*end = l->lowmem_reserved_base;
		break;
	case 1:
		*start = XENRDM_FW_RAM_1M;
		*end = l->lowmem_end;
		break;
	default:
		*start = XENRDM_FW_4G;
		*end = l->highmem_end;
		break;
	}
}

int fw_layout_check(const struct xenrdm_fw_layout *l)
{
	const char *what = NULL;
	uint64_t bad = 0;
	uint32_t k;

	if (l->lowmem_reserved_base > XENRDM_FW_LOWMEM_RESERVED_BASE) {
		what = "lowmem_reserved_base";
		bad = l->lowmem_reserved_base;
	} else if (l->bios_image_base < l->lowmem_reserved_base ||
		   l->bios_image_base > XENRDM_FW_RAM_1M) {
		what = "bios_image_base";
		bad = l->bios_image_base;
	} else if (l->lowmem_end < XENRDM_FW_RAM_1M ||
		   l->lowmem_end > XENRDM_FW_RESERVED_MEMBASE) {
		what = "lowmem_end";
		bad = l->lowmem_end;
	} else if (l->highmem_end < XENRDM_FW_4G ||
		   l->highmem_end > XENRDM_PADDR_LIMIT) {
		what = "highmem_end";
		bad = l->highmem_end;
	} else if (l->nr_rdm > XENRDM_FW_MAX_RDM) {
		what = "nr_rdm";
		bad = l->nr_rdm;
	}
	for (k = 0; !what && k < l->nr_rdm; k++) {
		const struct xenrdm_range *r = &l->rdm[k];

		/* size 0, wrap past 2^64 and end past 2^52 in one test:
		 * start < 2^52 and 0 < size <= 2^52 - start. */
		if (r->start >= XENRDM_PADDR_LIMIT) {
			what = "rdm start";
			bad = r->start;
		} else if (r->size == 0 ||
			   r->size > XENRDM_PADDR_LIMIT - r->start) {
			what = "rdm size";
			bad = r->size;
		}
	}
	if (!what)
		return 0;
	xenrdm_env_log(FW_LOG "bad layout: %s %08x:%08x\n", what,
		       FW_HI(bad), FW_LO(bad));
	return -XENRDM_ERR_LAYOUT;
}

uint64_t fw_layout_ram(const struct xenrdm_fw_layout *l)
{
	return l->lowmem_reserved_base +
	       (l->lowmem_end - XENRDM_FW_RAM_1M) +
	       (l->highmem_end - XENRDM_FW_4G);
}
