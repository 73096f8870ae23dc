/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_e820.c - put the layout's RDM ranges into an e820 (one
 * hvmloader built, or the fixed entries of hvmloader's map: fw_build.c).
 *
 * The result is computed by one sweep over the elementary intervals of
 * the input: every start and end of an input entry or of a range that
 * goes in is a boundary; between two neighbouring boundaries nothing
 * changes, so the type of the whole interval is the type at its first
 * byte.  Each interval is appended to the output, or extends the last
 * output entry when that one touches it and has its type.  The output is
 * written once, in address order, so its size is exact: nothing depends
 * on the order of the input or of the ranges, and the table never grows
 * past its final size on the way.  O(n^2) for n inputs plus ranges
 * (n <= 135 + 124 in hvmloader), no storage but the output.
 */
#include "fw_internal.h"

/* Which l->rdm entries go in: bit i of go[i / 32]. */
#define GO_WORDS ((XENRDM_FW_MAX_RDM + 31) / 32)

struct sweep {
	const struct xenrdm_fw_layout *l;
	const struct xenrdm_e820entry *in;
	uint32_t nr_in;
	uint32_t go[GO_WORDS];
};

static bool goes_in(const struct sweep *sw, uint32_t i)
{
	return (sw->go[i / 32] >> (i % 32)) & 1;
}

static bool overlap(struct fw_span a, struct fw_span b)
{
	return a.start < b.end && b.start < a.end;
}

/* Input entry e as a span; empty (end == start) when e is empty or wraps
 * past 2^64, so it never counts. */
static struct fw_span entry_span(const struct xenrdm_e820entry *e)
{
	struct fw_span s = { e->addr, e->addr + e->size };

	if (s.end < s.start)
		s.end = s.start;
	return s;
}

/* Decide which ranges go in (sw->go); returns how many are skipped.
 * (noinline here and below: hvmloader's -O2 would inline each into its
 * one caller and the 64-bit work grows on i386: footprint.) */
static __attribute__((noinline)) uint32_t choose_ranges(struct sweep *sw)
{
	static const struct fw_span hvmloader_area = {
		XENRDM_FW_RESERVED_MEMBASE, XENRDM_FW_4G
	};
	const struct xenrdm_range *range;
	const struct xenrdm_e820entry *e;
	struct fw_span r;
	const char *what;
	uint32_t i, j, skipped = 0;

	for (i = 0; i < GO_WORDS; i++)
		sw->go[i] = 0;
	for (i = 0; i < sw->l->nr_rdm; i++) {
		range = &sw->l->rdm[i];
		r = fw_rdm_span(range);
		what = NULL;
		if (fw_rdm_bad(range))
			what = "empty, or ends past 2^52";
		else if (overlap(r, hvmloader_area))
			what = "overlaps hvmloader's area [fc000000, 4 GiB)";
		for (j = 0; !what && j < sw->nr_in; j++) {
			e = &sw->in[j];
			if ((e->type == XENRDM_E820_ACPI ||
			     e->type == XENRDM_E820_NVS) &&
			    overlap(r, entry_span(e)))
				what = "overlaps an ACPI or NVS entry";
		}
		if (what) {
			xenrdm_env_log(FW_LOG "rdm %u [%08x:%08x, %08x:%08x) "
				       "skipped: %s\n", i,
				       FW_HI(r.start), FW_LO(r.start),
				       FW_HI(r.end), FW_LO(r.end), what);
			skipped++;
		} else {
			sw->go[i / 32] |= 1u << (i % 32);
		}
	}
	return skipped;
}

/* Where two entries overlap: any type beats RAM, the higher type number
 * beats a lower one.  0 (nothing there) loses to all. */
static uint32_t stronger(uint32_t a, uint32_t b)
{
	if (a == 0 || a == XENRDM_E820_RAM)
		return b ? b : a;
	if (b == 0 || b == XENRDM_E820_RAM)
		return a;
	return a > b ? a : b;
}

/*
 * Item k of the sweep, k < nr_in + nr_rdm: the input entries, then the
 * ranges (as RESERVED).  Returns the item's type and sets *s, or returns
 * 0 for an item that does not count: an empty or wrapping entry, a range
 * that stays out.
 */
static __attribute__((noinline)) uint32_t
item(const struct sweep *sw, uint32_t k, struct fw_span *s)
{
	uint32_t i;

	if (k < sw->nr_in) {
		*s = entry_span(&sw->in[k]);
		return s->start < s->end ? sw->in[k].type : 0;
	}
	i = k - sw->nr_in;
	*s = fw_rdm_span(&sw->l->rdm[i]);
	return goes_in(sw, i) ? XENRDM_E820_RESERVED : 0;
}

/* One pass over the items: returns the type at p (the strongest item
 * there, 0 for a hole) and sets *next to the first item boundary above
 * p (0 when there is none). */
static __attribute__((noinline)) uint32_t
scan(const struct sweep *sw, uint64_t p, uint64_t *next)
{
	struct fw_span s;
	uint64_t best = ~0ULL;
	uint32_t k, t, type = 0;

	for (k = 0; k < sw->nr_in + sw->l->nr_rdm; k++) {
		t = item(sw, k, &s);
		if (!t)
			continue;
		if (p >= s.start && p < s.end)
			type = stronger(type, t);
		if (s.start > p && s.start < best)
			best = s.start;
		if (s.end > p && s.end < best)
			best = s.end;
	}
	*next = best == ~0ULL ? 0 : best;
	return type;
}

static int sweep(const struct sweep *sw, struct xenrdm_e820entry *out,
		 uint32_t cap, uint32_t *nr_out)
{
	struct xenrdm_e820entry *last = NULL;
	uint64_t p, q;
	uint32_t type, n = 0;

	/* [p, q) is one elementary interval; the last one ends at the
	 * highest boundary, past which there is nothing. */
	for (p = 0; (type = scan(sw, p, &q)), q != 0; p = q) {
		if (type == 0)
			continue;
		if (last && last->type == type && last->addr + last->size == p) {
			last->size += q - p;
			continue;
		}
		if (n == cap) {
			xenrdm_env_log(FW_LOG "e820: needs more than %u entries\n",
				       cap);
			return -XENRDM_ERR_NOSPACE;
		}
		last = &out[n++];
		last->addr = p;
		last->size = q - p;
		last->type = type;
	}
	*nr_out = n;
	return 0;
}

int xenrdm_e820_add_rdm(const struct xenrdm_fw_layout *l,
			const struct xenrdm_e820entry *in, uint32_t nr_in,
			struct xenrdm_e820entry *out, uint32_t cap,
			uint32_t *nr_out)
{
	struct sweep sw;
	uint32_t skipped;
	int rc;

	if (l->nr_rdm > XENRDM_FW_MAX_RDM) {
		xenrdm_env_log(FW_LOG "e820: %u ranges, more than %u\n",
			       l->nr_rdm, XENRDM_FW_MAX_RDM);
		return -XENRDM_ERR_LAYOUT;
	}
	sw.l = l;
	sw.in = in;
	sw.nr_in = nr_in;
	skipped = choose_ranges(&sw);
	rc = sweep(&sw, out, cap, nr_out);
	if (rc)
		return rc;
	if (l->nr_rdm)
		xenrdm_env_log(FW_LOG "e820: %u of %u ranges reserved\n",
			       l->nr_rdm - skipped, l->nr_rdm);
	return (int)skipped;
}
