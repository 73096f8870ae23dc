/* SPDX-License-Identifier: MIT */
/*
 * firmware/extra/memmap_check.c - xenrdm_memmap_check(), the one invariant
 * checker shared by the unit tests, the fuzzers, the planner and the QEMU
 * image.  Freestanding like the module, but kept out of the module archive:
 * hvmloader never needs it, and its footprint budget is for what it boots.
 * It recomputes everything from the layout instead of trusting the
 * builder, so a builder bug cannot hide behind its own bookkeeping.
 */
#include "../fw_internal.h"

static bool in_ram(const struct xenrdm_fw_layout *l, uint64_t p)
{
	uint64_t s, e;
	uint32_t k;

	for (k = 0; k < FW_NR_RAM; k++) {
		fw_ram_range(l, k, &s, &e);
		if (p >= s && p < e)
			return true;
	}
	return false;
}

static bool in_rdm(const struct xenrdm_fw_layout *l, uint64_t p)
{
	uint32_t k;

	for (k = 0; k < l->nr_rdm; k++)
		if (p >= l->rdm[k].start && p - l->rdm[k].start < l->rdm[k].size)
			return true;
	return false;
}

/* The smallest boundary (of a RAM or an RDM range) above p; 0 if none. */
static uint64_t next_boundary(const struct xenrdm_fw_layout *l, uint64_t p)
{
	uint64_t best = 0, s, e;
	uint32_t k;

	for (k = 0; k < FW_NR_RAM + l->nr_rdm; k++) {
		if (k < FW_NR_RAM) {
			fw_ram_range(l, k, &s, &e);
		} else {
			s = l->rdm[k - FW_NR_RAM].start;
			e = s + l->rdm[k - FW_NR_RAM].size;
		}
		if (s > p && (!best || s < best))
			best = s;
		if (e > p && (!best || e < best))
			best = e;
	}
	return best;
}

/*
 * Walk the elementary intervals between consecutive boundaries: each lies
 * wholly inside or outside every range, so testing its first byte is
 * enough.  O(n^2) without storage, and overlapping RDM counts once.
 * Needs a valid layout (fw_layout_check()).
 */
static uint64_t layout_ram_covered(const struct xenrdm_fw_layout *l)
{
	uint64_t p = 0, q, covered = 0;

	while ((q = next_boundary(l, p)) != 0) {
		if (in_ram(l, p) && in_rdm(l, p))
			covered += q - p;
		p = q;
	}
	return covered;
}


static int broken(const char *rule, uint32_t i)
{
	xenrdm_env_log(FW_LOG "memmap_check: entry %u: %s\n", i, rule);
	return -XENRDM_ERR_LAYOUT;
}

/* Is every byte of [s, e) inside RESERVED entries of the sorted tab? */
static bool all_reserved(const struct xenrdm_e820entry *tab, uint32_t nr,
			 uint64_t s, uint64_t e)
{
	uint32_t i;

	for (i = 0; i < nr && s < e; i++)
		if (tab[i].type == XENRDM_E820_RESERVED && tab[i].addr <= s &&
		    s - tab[i].addr < tab[i].size)
			s = tab[i].addr + tab[i].size;
	return s >= e;
}

int xenrdm_memmap_check(const struct xenrdm_fw_layout *l,
			const struct xenrdm_e820entry *tab, uint32_t nr)
{
	uint64_t s, e, prev_end = 0;
	uint32_t i, k;
	int rc;

	for (i = 0; i < nr; i++) {
		s = tab[i].addr;
		e = s + tab[i].size;
		if (tab[i].size == 0)
			return broken("empty", i);
		if (e < s || e == 0)
			return broken("wraps past 2^64", i);
		if (i && s < prev_end)
			return broken("overlaps or is out of order", i);
		prev_end = e;
	}
	if (!l)
		return 0;
	rc = fw_layout_check(l);
	if (rc)
		return rc;

	for (k = 0; k < l->nr_rdm; k++) {
		s = l->rdm[k].start;
		if (!all_reserved(tab, nr, s, s + l->rdm[k].size))
			return broken("(rdm index) not all RESERVED", k);
	}
	for (i = 0; i < nr; i++) {
		if (tab[i].type != XENRDM_E820_RAM)
			continue;
		for (k = 0; k < FW_NR_RAM; k++) {
			fw_ram_range(l, k, &s, &e);
			if (tab[i].addr >= s && tab[i].size <= e - tab[i].addr &&
			    tab[i].addr < e)
				break;
		}
		if (k == FW_NR_RAM)
			return broken("RAM outside the layout's RAM", i);
	}
	if (xenrdm_e820_ram_total(tab, nr) !=
	    fw_layout_ram(l) - layout_ram_covered(l))
		return broken("(count) RAM total is not layout RAM less RDM", nr);
	return 0;
}
