/* SPDX-License-Identifier: MIT */
/*
 * firmware/memrange.c - the typed range table (see memrange.h).
 *
 * One core operation, memrange_set(): find the run of entries the new
 * range touches, work out the pieces that survive on its left and right,
 * check the final count against cap, and only then move the tail and
 * write.  Checking first is what keeps every write inside the array.
 */
#include "memrange.h"

static void entry_put(struct xenrdm_e820entry *e, uint64_t start,
		      uint64_t end, uint32_t type)
{
	e->addr = start;
	e->size = end - start;
	e->type = type;
}

int memrange_set(struct memrange *mr, uint64_t start, uint64_t end,
		 uint32_t type)
{
	struct xenrdm_e820entry *tab = mr->tab;
	uint64_t left_start = 0, right_end = 0;
	uint32_t left_type = 0, right_type = 0;
	uint32_t i, j, k, dst, nr_new;
	bool has_left = false, has_right = false;
	bool has_new = type != MEMRANGE_HOLE;

	if (start >= end)
		return 0;

	/* i: the first entry ending after start (or ending at it with our
	 * type, so the two merge).  Ends ascend, so the scan can stop. */
	for (i = 0; i < mr->nr; i++) {
		uint64_t e = memrange_entry_end(&tab[i]);

		if (e > start || (e == start && tab[i].type == type))
			break;
	}
	/* j: past the last entry that starts before end (or at it with our
	 * type).  tab[i..j) are the entries the new range reaches. */
	for (j = i; j < mr->nr; j++)
		if (tab[j].addr > end ||
		    (tab[j].addr == end && tab[j].type != type))
			break;

	if (i < j && tab[i].addr < start) {
		if (tab[i].type == type) {
			start = tab[i].addr;
		} else {
			has_left = true;
			left_start = tab[i].addr;
			left_type = tab[i].type;
		}
	}
	if (i < j && memrange_entry_end(&tab[j - 1]) > end) {
		if (tab[j - 1].type == type) {
			end = memrange_entry_end(&tab[j - 1]);
		} else {
			has_right = true;
			right_end = memrange_entry_end(&tab[j - 1]);
			right_type = tab[j - 1].type;
		}
	}

	dst = i + has_left + has_new + has_right;
	nr_new = dst + (mr->nr - j);
	if (nr_new > mr->cap)
		return -XENRDM_ERR_NOSPACE;

	/* Move tab[j..nr) to tab[dst..nr_new), in the safe direction. */
	if (dst > j) {
		for (k = mr->nr; k > j; k--)
			tab[k - 1 + (dst - j)] = tab[k - 1];
	} else if (dst < j) {
		for (k = j; k < mr->nr; k++)
			tab[k - (j - dst)] = tab[k];
	}

	k = i;
	if (has_left)
		entry_put(&tab[k++], left_start, start, left_type);
	if (has_new)
		entry_put(&tab[k++], start, end, type);
	if (has_right)
		entry_put(&tab[k], end, right_end, right_type);
	mr->nr = nr_new;
	return 0;
}

int memrange_fill(struct memrange *mr, uint64_t start, uint64_t end,
		  uint32_t type)
{
	uint64_t pos = start, next;
	uint32_t i;
	int rc;

	while (pos < end) {
		for (i = 0; i < mr->nr; i++)
			if (memrange_entry_end(&mr->tab[i]) > pos)
				break;
		if (i == mr->nr || mr->tab[i].addr >= end)
			return memrange_set(mr, pos, end, type);
		/* Read before memrange_set() moves tab[i]. */
		next = memrange_entry_end(&mr->tab[i]);
		if (mr->tab[i].addr > pos) {
			rc = memrange_set(mr, pos, mr->tab[i].addr, type);
			if (rc)
				return rc;
		}
		pos = next;
	}
	return 0;
}
