/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_query.c - what hvmloader's PCI BAR allocator asks: is a
 * range clear of RDM, and where is the next clear, aligned base.
 * l->rdm is not assumed sorted: every entry is looked at.  l must be a
 * valid layout (as xenrdm_fw_read() or the planner leave it: every entry
 * non-empty and ending at or below 2^52).
 */
#include "fw_internal.h"

uint64_t xenrdm_rdm_next_free(const struct xenrdm_fw_layout *l,
			      uint64_t from, uint64_t size, uint64_t align)
{
	const struct xenrdm_range *r;
	uint64_t mask = align ? align - 1 : 0, base = from, up;
	uint32_t k;

	if (align & mask)
		return ~0ULL;           /* not a power of two */
	/*
	 * Each round moves base past the end of an RDM entry it overlaps (any
	 * base below that end would overlap it still), so an entry is jumped
	 * at most once: at most nr_rdm + 1 rounds.
	 */
	for (;;) {
		/* Round up; only an unaligned base near 2^64 wraps (to 0). */
		up = (base + mask) & ~mask;
		if (up < base)
			return ~0ULL;
		base = up;
		/* Non-empty and ending below 2^64 - 1, so ~0ULL never names
		 * a free base. */
		if (size == 0 || size > ~0ULL - base)
			return ~0ULL;
		for (k = 0; k < l->nr_rdm; k++) {
			r = &l->rdm[k];
			/* Overlap; the layout is valid: r ends at or below
			 * 2^52, so r->start + r->size does not wrap. */
			if (r->start - base < size || base - r->start < r->size)
				break;
		}
		if (k == l->nr_rdm)
			return base;
		base = r->start + r->size;
	}
}

/* Free exactly when the search from base, unaligned, stays at base
 * (~0ULL is never a free base). */
bool xenrdm_rdm_range_free(const struct xenrdm_fw_layout *l,
			   uint64_t base, uint64_t size)
{
	return xenrdm_rdm_next_free(l, base, size, 0) == base && base != ~0ULL;
}
