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

/* The layout's RAM before any RDM is carved out, as hvmloader lays it:
 * below 640 KiB, from 1 MiB up to lowmem_end, from 4 GiB up to
 * highmem_end.  A span may be empty (the high one when there is none). */
struct fw_ram {
	struct fw_span low;
	struct fw_span mid;
	struct fw_span high;
};

static void layout_ram_spans(const struct xenrdm_fw_layout *l,
			     struct fw_ram *ram)
{
	ram->low.start = 0;
	ram->low.end = fw_low_ram_end(l);
	ram->mid.start = XENRDM_FW_RAM_1M;
	ram->mid.end = l->lowmem_end;
	ram->high.start = XENRDM_FW_4G;
	ram->high.end = l->highmem_end;
}

static uint64_t span_size(struct fw_span s)
{
	return s.end > s.start ? s.end - s.start : 0;
}

static bool in_span(struct fw_span s, uint64_t p)
{
	return p >= s.start && p < s.end;
}

static bool in_ram(const struct fw_ram *ram, uint64_t p)
{
	return in_span(ram->low, p) || in_span(ram->mid, p) ||
	       in_span(ram->high, p);
}

static bool in_rdm(const struct xenrdm_fw_layout *l, uint64_t p)
{
	uint32_t k;

	for (k = 0; k < l->nr_rdm; k++)
		if (in_span(fw_rdm_span(&l->rdm[k]), p))
			return true;
	return false;
}

/* Lower *best (0: none yet) to whichever bound of s lies above p. */
static void closer(struct fw_span s, uint64_t p, uint64_t *best)
{
	if (s.start > p && (!*best || s.start < *best))
		*best = s.start;
	if (s.end > p && (!*best || s.end < *best))
		*best = s.end;
}

/* The smallest boundary (of a RAM or an RDM range) above p; 0 if none. */
static uint64_t next_boundary(const struct xenrdm_fw_layout *l,
			      const struct fw_ram *ram, uint64_t p)
{
	uint64_t best = 0;
	uint32_t k;

	closer(ram->low, p, &best);
	closer(ram->mid, p, &best);
	closer(ram->high, p, &best);
	for (k = 0; k < l->nr_rdm; k++)
		closer(fw_rdm_span(&l->rdm[k]), p, &best);
	return best;
}

/*
 * Walk the elementary intervals between consecutive boundaries: each lies
 * wholly inside or outside every range, so testing its first byte is
 * enough.  O(n^2) without storage, and overlapping RDM counts once.
 * Needs a valid layout (fw_layout_check()).
 */
static uint64_t layout_ram_covered(const struct xenrdm_fw_layout *l,
				   const struct fw_ram *ram)
{
	uint64_t p = 0, q, covered = 0;

	while ((q = next_boundary(l, ram, p)) != 0) {
		if (in_ram(ram, p) && in_rdm(l, p))
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

/* Does entry e lie wholly inside s? */
static bool within(struct fw_span s, const struct xenrdm_e820entry *e)
{
	return e->addr >= s.start && e->addr < s.end &&
	       e->size <= s.end - e->addr;
}

int xenrdm_memmap_check(const struct xenrdm_fw_layout *l,
			const struct xenrdm_e820entry *tab, uint32_t nr)
{
	struct fw_ram ram;
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
	layout_ram_spans(l, &ram);
	for (i = 0; i < nr; i++) {
		if (tab[i].type != XENRDM_E820_RAM)
			continue;
		if (!within(ram.low, &tab[i]) && !within(ram.mid, &tab[i]) &&
		    !within(ram.high, &tab[i]))
			return broken("RAM outside the layout's RAM", i);
	}
	if (xenrdm_e820_ram_total(tab, nr) !=
	    span_size(ram.low) + span_size(ram.mid) + span_size(ram.high) -
	    layout_ram_covered(l, &ram))
		return broken("(count) RAM total is not layout RAM less RDM", nr);
	return 0;
}
