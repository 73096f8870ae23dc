/* SPDX-License-Identifier: MIT */
/*
 * firmware/memrange.h - internal: a typed range table on caller storage.
 *
 * The table is an array of struct xenrdm_e820entry kept sorted by address,
 * without overlaps, without empty entries and with touching entries of one
 * type merged.  Every operation either completes or, when the result would
 * need more than cap entries, returns -XENRDM_ERR_NOSPACE with the table
 * unchanged: nothing is ever written at or past tab[cap].
 * Ranges are half-open [start, end); end == 0 is not allowed (callers
 * never pass a range ending at 2^64: the firmware stops at 2^52).
 */
#ifndef XENRDM_FW_MEMRANGE_H
#define XENRDM_FW_MEMRANGE_H

#include "xenrdm/firmware.h"

/* Type 0 is no e820 type: memrange_set() with it cuts a hole. */
#define MEMRANGE_HOLE 0u

struct memrange {
	struct xenrdm_e820entry *tab;
	uint32_t nr;
	uint32_t cap;
};

static inline void memrange_init(struct memrange *mr,
				 struct xenrdm_e820entry *tab, uint32_t cap)
{
	mr->tab = tab;
	mr->nr = 0;
	mr->cap = cap;
}

/*
 * Make [start, end) be TYPE, overwriting whatever lies there (the parts of
 * entries outside the range keep their type), then merge with touching
 * entries of the same type.  TYPE MEMRANGE_HOLE removes the range instead.
 * An empty range (start >= end) changes nothing.  0 or -XENRDM_ERR_NOSPACE.
 */
int memrange_set(struct memrange *mr, uint64_t start, uint64_t end,
		 uint32_t type);

/* Remove [start, end) from every entry (may split one in two). */
static inline int memrange_carve(struct memrange *mr, uint64_t start,
				 uint64_t end)
{
	return memrange_set(mr, start, end, MEMRANGE_HOLE);
}

/*
 * Make TYPE only the parts of [start, end) that no entry covers yet:
 * what is there wins (the opposite of memrange_set()).  Pieces merge with
 * touching entries of TYPE.  0 or -XENRDM_ERR_NOSPACE (the table then
 * holds the pieces added so far, still within cap).
 */
int memrange_fill(struct memrange *mr, uint64_t start, uint64_t end,
		  uint32_t type);

static inline uint64_t memrange_entry_end(const struct xenrdm_e820entry *e)
{
	return e->addr + e->size;
}

/* for (each entry e of mr, in address order) */
#define memrange_each(mr, e) \
	for ((e) = (mr)->tab; (e) < (mr)->tab + (mr)->nr; (e)++)

#endif /* XENRDM_FW_MEMRANGE_H */
