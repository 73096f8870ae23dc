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

/* The four ends, in struct order (checked by the _Static_asserts), with
 * the range each must lie in. */
static const struct {
	uint64_t min, max;
} end_limits[4] = {
	{ XENRDM_FW_RAM_1M, XENRDM_FW_RESERVED_MEMBASE },    /* lowmem_end */
	{ XENRDM_FW_4G, XENRDM_PADDR_LIMIT },                 /* highmem_end */
	{ 0, XENRDM_FW_LOWMEM_RESERVED_BASE },   /* lowmem_reserved_base */
	{ XENRDM_FW_LOWMEM_RESERVED_BASE, XENRDM_FW_RAM_1M }, /* bios_image_base */
};
_Static_assert(offsetof(struct xenrdm_fw_layout, highmem_end) == 8, "order");
_Static_assert(offsetof(struct xenrdm_fw_layout, bios_image_base) == 24, "order");

int fw_layout_check(const struct xenrdm_fw_layout *l)
{
	const uint64_t *ends = &l->lowmem_end;
	uint64_t bad;
	uint32_t k;

	for (k = 0; k < 4; k++)
		if (ends[k] < end_limits[k].min || ends[k] > end_limits[k].max)
			goto bad_value;
	k = 4;
	bad = l->nr_rdm;
	if (l->nr_rdm > XENRDM_FW_MAX_RDM)
		goto out;
	for (k = 5; k - 5 < l->nr_rdm; k++) {
		const struct xenrdm_range *r = &l->rdm[k - 5];

		/* size 0, a wrap past 2^64 and an end past 2^52 in one test */
		bad = r->start;
		if (r->start >= XENRDM_PADDR_LIMIT || r->size == 0 ||
		    r->size > XENRDM_PADDR_LIMIT - r->start)
			goto out;
	}
	return 0;
bad_value:
	bad = ends[k];
out:
	/* k: 0..3 the ends in struct order, 4 nr_rdm, 5 + i rdm[i] */
	xenrdm_env_log(FW_LOG "bad layout: field %u = %08x:%08x\n", k,
		       FW_HI(bad), FW_LO(bad));
	return -XENRDM_ERR_LAYOUT;
}

uint64_t fw_layout_ram(const struct xenrdm_fw_layout *l)
{
	return l->lowmem_reserved_base +
	       (l->lowmem_end - XENRDM_FW_RAM_1M) +
	       (l->highmem_end - XENRDM_FW_4G);
}
