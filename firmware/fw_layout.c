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

/*
 * The fixed ranges of hvmloader's map (k < FW_NR_FIXED of fw_range()) as
 * pairs of points: P_END + n is the n-th of the layout's four ends in
 * struct order (see end_limits), a smaller value an address in 128 KiB
 * units.
 */
#define P_END 0xfff0u
#define P(a)  ((a) >> 17)
#define P_EXACT(a) (((a) & ((1u << 17) - 1)) == 0)
_Static_assert(P_EXACT(XENRDM_FW_LOWMEM_RESERVED_BASE) &&
	       P_EXACT(XENRDM_FW_RAM_1M) &&
	       P_EXACT(XENRDM_FW_RESERVED_MEMBASE) && P_EXACT(XENRDM_FW_4G) &&
	       P(XENRDM_FW_4G) < P_END, "fixed points in 128 KiB units");
static const uint16_t fixed_ranges[FW_NR_FIXED][2] = {
	{ 0, P_END + 2 },                       /* RAM */
	{ P(XENRDM_FW_RAM_1M), P_END + 0 },
	{ P(XENRDM_FW_4G), P_END + 1 },
	{ P_END + 2, P(XENRDM_FW_LOWMEM_RESERVED_BASE) }, /* reserved */
	{ P_END + 3, P(XENRDM_FW_RAM_1M) },
	{ P(XENRDM_FW_RESERVED_MEMBASE), P(XENRDM_FW_4G) },
};

static __attribute__((noinline)) uint64_t
point(const struct xenrdm_fw_layout *l, uint32_t p)
{
	return p >= P_END ? (&l->lowmem_end)[p - P_END] : (uint64_t)p << 17;
}

void fw_range(const struct xenrdm_fw_layout *l, uint32_t k,
	      uint64_t *start, uint64_t *end)
{
	if (k < FW_NR_FIXED) {
		*start = point(l, fixed_ranges[k][0]);
		*end = point(l, fixed_ranges[k][1]);
	} else {
		*start = l->rdm[k - FW_NR_FIXED].start;
		*end = *start + l->rdm[k - FW_NR_FIXED].size;
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

bool fw_rdm_bad(const struct xenrdm_range *r)
{
	uint64_t last = r->size - 1;

	return (r->start | last) >= XENRDM_PADDR_LIMIT ||
	       r->start + last >= XENRDM_PADDR_LIMIT;
}

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

		bad = r->start;
		if (fw_rdm_bad(r))
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
