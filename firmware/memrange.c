/* SPDX-License-Identifier: MIT */
/*
 * firmware/memrange.c - the typed range table (see memrange.h).
 *
 * One core operation, memrange_set(): find the run of entries the new
 * range touches, work out the pieces that replace it (what survives on
 * its left, the range itself, what survives on its right), check the
 * final count against cap, and only then move the tail and write.
 * Checking first is what keeps every write inside the array.
 * memrange_fill() is memrange_set() on each free gap in turn.
 */
#include "memrange.h"

/* Out of line, like end_of(): on i386 a call is smaller than the 64-bit
 * arithmetic it replaces at each use. */
static __attribute__((noinline)) void
entry_put(struct xenrdm_e820entry *e, uint64_t start, uint64_t end,
	  uint32_t type)
{
	e->addr = start;
	e->size = end - start;
	e->type = type;
}

static __attribute__((noinline)) uint64_t
end_of(const struct xenrdm_e820entry *e)
{
	return e->addr + e->size;
}

int memrange_set(struct memrange *mr, uint64_t start, uint64_t end,
		 uint32_t type)
{
	/* What replaces tab[i..j): the left rest of tab[i], the new range
	 * and the right rest of tab[j - 1]; a piece of size 0 is absent. */
	struct xenrdm_e820entry *tab = mr->tab, piece[3], *p;
	uint64_t e;
	uint32_t i, j, n, nr = mr->nr;

	if (start >= end)
		return 0;

	/* i: the first entry ending after start (or at it with our type, so
	 * the two merge).  Ends ascend, so the scan can stop.  start + 1
	 * cannot wrap: start < end. */
	for (i = 0; i < nr; i++)
		if (end_of(&tab[i]) >= start + (tab[i].type != type))
			break;
	/* j: past the last entry that starts before end (or at it with our
	 * type).  tab[i..j) are the entries the new range reaches. */
	for (j = i; j < nr; j++)
		if (tab[j].addr > end - (tab[j].type != type))
			break;

	piece[0].size = 0;
	piece[2].size = 0;
	if (i < j) {
		p = &tab[i];
		if (p->addr < start) {
			if (p->type == type)
				start = p->addr;
			else
				entry_put(&piece[0], p->addr, start, p->type);
		}
		p = &tab[j - 1];
		e = end_of(p);
		if (e > end) {
			if (p->type == type)
				end = e;
			else
				entry_put(&piece[2], end, e, p->type);
		}
	}
	entry_put(&piece[1], start, type != MEMRANGE_HOLE ? end : start, type);

	/* n: where tab[j..nr) goes.  Check the final count first. */
	n = i;
	for (p = piece; p < piece + 3; p++)
		n += p->size != 0;
	if (n + (nr - j) > mr->cap)
		return -XENRDM_ERR_NOSPACE;
	mr->nr = n + (nr - j);
	/* Move tab[j..nr) to tab[n..), in the safe direction. */
	if (n > j) {
		for (p = tab + nr; p > tab + j; p--)
			p[n - j - 1] = p[-1];
	} else {
		for (p = tab + j; p < tab + nr; p++)
			tab[n++] = *p;
	}
	for (p = piece; p < piece + 3; p++)
		if (p->size)
			tab[i++] = *p;
	return 0;
}

int memrange_fill(struct memrange *mr, uint64_t start, uint64_t end,
		  uint32_t type)
{
	const struct xenrdm_e820entry *e;
	uint64_t gap, next;
	int rc;

	/* Each round: the first entry ending after start; the free part of
	 * [start, end) before it gets TYPE; then go on past it. */
	while (start < end) {
		gap = next = end;
		memrange_each(mr, e) {
			if (end_of(e) > start) {
				if (e->addr < end)
					gap = e->addr;
				/* Read before memrange_set() moves *e. */
				next = end_of(e);
				break;
			}
		}
		rc = memrange_set(mr, start, gap, type);
		if (rc)
			return rc;
		start = next;
	}
	return 0;
}
