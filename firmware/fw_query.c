/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_query.c - what hvmloader's PCI BAR allocator asks: is a
 * range clear of RDM, and where is the next clear, aligned base.
 * l->rdm is not assumed sorted: every entry is looked at.  l must be a
 * valid layout (as xenrdm_fw_read() or the planner leave it: every entry
 * non-empty and ending at or below 2^52).
 */
#include "fw_internal.h"

/* The RDM entry overlapping [base, base + size), or NULL.  size > 0 and
 * base + size must not wrap. */
static __attribute__((noinline)) const struct xenrdm_range *
rdm_overlap(const struct xenrdm_fw_layout *l, uint64_t base, uint64_t size)
{
	uint32_t k;

	for (k = 0; k < l->nr_rdm; k++) {
		const struct xenrdm_range *r = &l->rdm[k];

		/* The layout is valid: r ends at or below 2^52. */
		if (r->start - base < size || base - r->start < r->size)
			return r;
	}
	return NULL;
}

/* Non-empty and ending below 2^64 - 1, so ~0ULL never names a free base. */
static bool range_ok(uint64_t base, uint64_t size)
{
	return size != 0 && size <= ~0ULL - base;
}

bool xenrdm_rdm_range_free(const struct xenrdm_fw_layout *l,
			   uint64_t base, uint64_t size)
{
	return range_ok(base, size) && !rdm_overlap(l, base, size);
}

uint64_t xenrdm_rdm_next_free(const struct xenrdm_fw_layout *l,
			      uint64_t from, uint64_t size, uint64_t align)
{
	const struct xenrdm_range *r;
	uint64_t mask, base = from;

	if (align <= 1)
		align = 1;
	if (align & (align - 1))
		return ~0ULL;
	mask = align - 1;
	/*
	 * Each step moves base past the end of an RDM entry it overlaps (any
	 * base below that end would overlap it still), so an entry is jumped
	 * at most once: at most nr_rdm + 1 rounds.
	 */
	for (;;) {
		if (base & mask) {
			if (base > ~0ULL - mask)
				return ~0ULL;
			base = (base + mask) & ~mask;
		}
		if (!range_ok(base, size))
			return ~0ULL;
		r = rdm_overlap(l, base, size);
		if (!r)
			return base;
		base = r->start + r->size;
	}
}
