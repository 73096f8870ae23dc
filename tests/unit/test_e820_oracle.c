/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_e820_oracle.c - xenrdm_e820_build() against a
 * deliberately simple oracle written from hvmloader's rules, on random
 * layouts (seeded; a failure prints the seed, the case, the layout and
 * both tables).
 *
 * The oracle knows nothing of the builder: it cuts the address space at
 * every boundary any entry or range has, asks of each piece "what is
 * here?" by the rules below, one piece at a time, and joins neighbours of
 * one type.  The rules (Xen 4.17 tools/firmware/hvmloader/e820.c
 * build_e820_table(), libxl's memory_map, and firmware.h's contract for
 * the RDM ranges):
 *   RAM      [0, lowmem_reserved_base)       (0 means 0xA0000)
 *   RESERVED [lowmem_reserved_base, 0xA0000)
 *   (hole)   [0xA0000, bios_image_base)      VGA, option ROMs
 *   RESERVED [bios_image_base, 1 MiB)
 *   RAM      [1 MiB, lowmem_end)             libxl's low memory entry
 *   RESERVED [0xFC000000, 4 GiB)             hvmloader's area (one entry
 *                                            here: ACPI NVS + RESERVED
 *                                            at boot, sizes known then)
 *   RAM      [4 GiB, highmem_end)
 * Each RDM range is RESERVED over whatever lies there, except a range
 * that touches hvmloader's area, which is left out whole (hvmloader
 * BUG()s on a reserved entry over its dynamic area, and the area's own
 * entries are ACPI NVS it must not lose).  The table is sorted, holes
 * are left out, touching pieces of one type are one entry.
 * Invalid layouts (firmware.h's list) must fail with -XENRDM_ERR_LAYOUT;
 * a cap one below the table's size with -XENRDM_ERR_NOSPACE, never
 * writing past the cap; the exact size must always do.
 * test_add_rdm_oracle does the same for xenrdm_e820_add_rdm(), the path
 * hvmloader takes, on tables shaped as stock hvmloader builds them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/xenrdm.h"
#include "helpers/test_rng.h"

#define SEED 0xe8200015u
#define NR_CASES 20000u

/* XENRDM_E820_CASES runs more by hand. */
static unsigned nr_cases = NR_CASES;
#define PAGE 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 0x100000000ULL
#define AREA 0xFC000000ULL
#define LIMIT (1ULL << 52)
#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_OUT (2 * XENRDM_FW_MAX_RDM + 16)

/* ---- the oracle ---- */
enum { HOLE = 0 };

static uint64_t base_of(const struct xenrdm_fw_layout *l)
{
	return l->lowmem_reserved_base ? l->lowmem_reserved_base : 0xA0000;
}

static bool in(uint64_t x, uint64_t start, uint64_t end)
{
	return x >= start && x < end;
}

static bool rdm_skipped(const struct xenrdm_range *r)
{
	return r->start < G4 && r->start + r->size > AREA;
}

/* What lies at address x. */
static uint32_t type_at(const struct xenrdm_fw_layout *l, uint64_t x)
{
	uint32_t i;

	for (i = 0; i < l->nr_rdm; i++)
		if (!rdm_skipped(&l->rdm[i]) &&
		    in(x, l->rdm[i].start, l->rdm[i].start + l->rdm[i].size))
			return XENRDM_E820_RESERVED;
	if (in(x, 0, base_of(l)))
		return XENRDM_E820_RAM;
	if (in(x, base_of(l), 0xA0000))
		return XENRDM_E820_RESERVED;
	if (in(x, l->bios_image_base, MiB(1)))
		return XENRDM_E820_RESERVED;
	if (in(x, MiB(1), l->lowmem_end))
		return XENRDM_E820_RAM;
	if (in(x, AREA, G4))
		return XENRDM_E820_RESERVED;
	if (in(x, G4, l->highmem_end))
		return XENRDM_E820_RAM;
	return HOLE;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static bool layout_valid(const struct xenrdm_fw_layout *l)
{
	uint32_t i;

	if (l->lowmem_end < MiB(2) || l->lowmem_end > AREA ||
	    l->highmem_end < G4 || l->highmem_end > LIMIT ||
	    l->lowmem_reserved_base > 0xA0000 ||
	    l->bios_image_base < 0xA0000 || l->bios_image_base > MiB(1) ||
	    l->nr_rdm > XENRDM_FW_MAX_RDM)
		return false;
	for (i = 0; i < l->nr_rdm; i++)
		if (!l->rdm[i].size || l->rdm[i].start > LIMIT ||
		    l->rdm[i].size > LIMIT - l->rdm[i].start)
			return false;
	return true;
}

/* Where the fixed entries start and end: pt[0..9). */
static size_t fixed_points(const struct xenrdm_fw_layout *l, uint64_t *pt)
{
	pt[0] = 0;
	pt[1] = base_of(l);
	pt[2] = 0xA0000;
	pt[3] = l->bios_image_base;
	pt[4] = MiB(1);
	pt[5] = l->lowmem_end;
	pt[6] = AREA;
	pt[7] = G4;
	pt[8] = l->highmem_end;
	return 9;
}

/* The table the rules give; -1 for a layout the builder must refuse. */
static int oracle(const struct xenrdm_fw_layout *l,
		  struct xenrdm_e820entry *out, uint32_t *nr_out)
{
	uint64_t pt[2 * XENRDM_FW_MAX_RDM + 16];
	size_t n, i;
	uint32_t nr = 0;

	if (!layout_valid(l))
		return -1;
	n = fixed_points(l, pt);
	for (i = 0; i < l->nr_rdm; i++) {
		pt[n++] = l->rdm[i].start;
		pt[n++] = l->rdm[i].start + l->rdm[i].size;
	}
	qsort(pt, n, sizeof(pt[0]), u64_cmp);
	for (i = 0; i + 1 < n; i++) {
		uint32_t t;

		if (pt[i] == pt[i + 1])
			continue;
		t = type_at(l, pt[i]);
		if (t == HOLE)
			continue;
		if (nr && out[nr - 1].type == t &&
		    out[nr - 1].addr + out[nr - 1].size == pt[i]) {
			out[nr - 1].size += pt[i + 1] - pt[i];
			continue;
		}
		out[nr].addr = pt[i];
		out[nr].size = pt[i + 1] - pt[i];
		out[nr].type = t;
		nr++;
	}
	*nr_out = nr;
	return 0;
}

/* ---- random layouts ---- */
static uint64_t pick(const uint64_t *v, size_t n)
{
	return v[test_rnd() % n];
}

static uint64_t rnd_page(uint64_t lo, uint64_t hi)
{
	return lo + (test_rnd() % (hi - lo + 1) & ~(PAGE - 1));
}

static int range_cmp(const void *a, const void *b)
{
	const struct xenrdm_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* flags: what the case reached, for the generator's own check */
struct reach {
	unsigned valid, invalid, with_rdm, skipped, carved_low, carved_high,
		 first_mb, merged, many;
};

static void gen_layout(struct xenrdm_fw_layout *l, struct reach *st)
{
	static const uint64_t bases[] = { 0, 0, 0x9E000, 0xA0000, 0x80000,
					  0x9F000 };
	static const uint64_t bioses[] = { 0xC0000, 0xE0000, 0xF0000,
					   0xA0000, MiB(1) };
	static const uint64_t lows[] = { MiB(2), MiB(2) + PAGE, MiB(2048),
					 0xF0000000, AREA, 0xC0000000 };
	static const uint64_t sizes[] = { PAGE, 2 * PAGE, MiB(1), MiB(2),
					  MiB(64), MiB(512) };
	uint64_t edges[16];
	size_t n, i, k, ne;

	memset(l, 0, sizeof(*l));
	l->lowmem_reserved_base = test_rnd() % 4 ? pick(bases, N(bases)) :
				  rnd_page(0x80000, 0xA0000);
	l->bios_image_base = test_rnd() % 4 ? pick(bioses, N(bioses)) :
			     rnd_page(0xA0000, MiB(1));
	l->lowmem_end = test_rnd() % 2 ? pick(lows, N(lows)) :
			rnd_page(MiB(2), AREA);
	switch (test_rnd() % 4) {
	case 0: l->highmem_end = G4; break;
	case 1: l->highmem_end = LIMIT; break;
	default: l->highmem_end = rnd_page(G4, G4 + (1ULL << 36)); break;
	}
	ne = fixed_points(l, edges);
	edges[ne++] = 0xF0000000;

	n = test_rnd() % 16 ? test_rnd() % 10 : XENRDM_FW_MAX_RDM - test_rnd() % 8;
	for (i = 0; i < n; i++) {
		struct xenrdm_range *r = &l->rdm[i];
		int64_t off = ((int64_t)(test_rnd() % 5) - 2) * (int64_t)PAGE;

		r->size = test_rnd() % 3 ? pick(sizes, N(sizes)) :
			  (1 + test_rnd() % 64) * PAGE;
		if (n > 10) {   /* many: one per 32 MiB slot, most apart */
			r->start = rnd_page(0, l->highmem_end) / MiB(32) *
				   MiB(32) + (test_rnd() % 4) * PAGE;
			r->size = (1 + test_rnd() % 16) * PAGE;
			if (r->start + r->size > LIMIT)
				r->start = LIMIT - r->size;
			continue;
		}
		switch (test_rnd() % 4) {
		case 0:
			r->start = rnd_page(0, G4);
			break;
		case 1:
			r->start = rnd_page(0, l->highmem_end + MiB(64));
			break;
		default:        /* at an edge: starting or ending there */
			off += (int64_t)pick(edges, ne);
			if (test_rnd() % 2)
				off -= (int64_t)r->size;
			r->start = off < 0 ? 0 : (uint64_t)off;
			break;
		}
		if (r->start + r->size > LIMIT)
			r->start = LIMIT - r->size;
	}
	/* As the reader leaves them: sorted, apart (overlapping or touching
	 * ones merged by the reader, here dropped). */
	qsort(l->rdm, n, sizeof(l->rdm[0]), range_cmp);
	for (i = 0, k = 0; i < n; i++) {
		if (k && l->rdm[i].start <= l->rdm[k - 1].start +
						l->rdm[k - 1].size)
			continue;
		l->rdm[k++] = l->rdm[i];
	}
	l->nr_rdm = (uint32_t)k;
	st->many += k > 100;

	/* One case in ten: one rule broken. */
	if (test_rnd() % 10 == 0) {
		switch (test_rnd() % 9) {
		case 0: l->lowmem_end = MiB(2) - PAGE; break;
		case 1: l->lowmem_end = AREA + PAGE; break;
		case 2: l->highmem_end = G4 - PAGE; break;
		case 3: l->highmem_end = LIMIT + PAGE; break;
		case 4: l->lowmem_reserved_base = 0xA1000; break;
		case 5: l->bios_image_base = 0x9F000; break;
		case 6: l->bios_image_base = MiB(1) + PAGE; break;
		case 7:         /* the array holds 124: never read */
			l->nr_rdm = XENRDM_FW_MAX_RDM + 1 +
				    (uint32_t)(test_rnd() % 2) * 1000;
			break;
		default:
			if (!l->nr_rdm)
				l->nr_rdm = 1;
			k = test_rnd() % l->nr_rdm;
			switch (test_rnd() % 3) {
			case 0: l->rdm[k].size = 0; break;
			case 1: l->rdm[k].start = LIMIT - PAGE;
				l->rdm[k].size = 2 * PAGE; break;
			default: l->rdm[k].start = ~0ULL - PAGE;
				l->rdm[k].size = 2 * PAGE; break;
			}
		}
	}
}

static void print_layout(unsigned seed, unsigned c,
			 const struct xenrdm_fw_layout *l)
{
	uint32_t i;

	printf("seed %#x case %u: lowmem_end 0x%llx highmem_end 0x%llx "
	       "lowmem_reserved_base 0x%llx bios_image_base 0x%llx nr_rdm %u\n",
	       seed, c, (unsigned long long)l->lowmem_end,
	       (unsigned long long)l->highmem_end,
	       (unsigned long long)l->lowmem_reserved_base,
	       (unsigned long long)l->bios_image_base, l->nr_rdm);
	for (i = 0; i < l->nr_rdm && i < 40 && i < XENRDM_FW_MAX_RDM; i++)
		printf("  rdm [0x%llx, 0x%llx)\n",
		       (unsigned long long)l->rdm[i].start,
		       (unsigned long long)(l->rdm[i].start + l->rdm[i].size));
}

static void print_tab(const char *what, const struct xenrdm_e820entry *t,
		      uint32_t nr)
{
	uint32_t i;

	printf("  %s (%u entries):\n", what, nr);
	for (i = 0; i < nr && i < 60; i++)
		printf("    [0x%llx, 0x%llx) %s\n", (unsigned long long)t[i].addr,
		       (unsigned long long)(t[i].addr + t[i].size),
		       xenrdm_e820_type_name(t[i].type));
}

static void test_e820_oracle(void **state)
{
	static struct xenrdm_fw_layout l;
	static struct xenrdm_e820entry want[MAX_OUT], got[MAX_OUT + 1];
	struct reach st = { 0 };
	unsigned c, bad = 0;

	(void)state;
	test_rng_seed(SEED);
	for (c = 0; c < nr_cases && bad < 3; c++) {
		uint32_t want_nr = 0, nr = 0, i;
		int wrc, rc;

		gen_layout(&l, &st);
		wrc = oracle(&l, want, &want_nr);
		memset(got, 0xa5, sizeof(got));
		rc = xenrdm_e820_build(&l, got, MAX_OUT, &nr);
		if (wrc < 0) {
			st.invalid++;
			if (rc != -XENRDM_ERR_LAYOUT) {
				print_layout(SEED, c, &l);
				printf("  invalid layout: expected %d, got %d\n",
				       -XENRDM_ERR_LAYOUT, rc);
				bad++;
			}
			continue;
		}
		st.valid++;
		if (rc || nr != want_nr || memcmp(got, want, nr * sizeof(got[0]))) {
			print_layout(SEED, c, &l);
			printf("  builder rc %d\n", rc);
			print_tab("oracle", want, want_nr);
			if (!rc)
				print_tab("xenrdm_e820_build", got, nr);
			bad++;
			continue;
		}
		/* The exact size does; one less is NOSPACE, nothing written
		 * past the cap. */
		memset(got, 0xa5, sizeof(got));
		rc = xenrdm_e820_build(&l, got, want_nr, &nr);
		if (rc || nr != want_nr) {
			print_layout(SEED, c, &l);
			printf("  cap %u (the exact size): rc %d, %u entries\n",
			       want_nr, rc, nr);
			bad++;
			continue;
		}
		memset(got, 0xa5, sizeof(got));
		rc = xenrdm_e820_build(&l, got, want_nr - 1, &nr);
		for (i = 0; i < sizeof(got[0]); i++)
			if (((unsigned char *)&got[want_nr - 1])[i] != 0xa5)
				break;
		if (rc != -XENRDM_ERR_NOSPACE || i != sizeof(got[0])) {
			print_layout(SEED, c, &l);
			printf("  cap %u (one short): rc %d (want %d), %s\n",
			       want_nr - 1, rc, -XENRDM_ERR_NOSPACE,
			       i != sizeof(got[0]) ? "wrote past the cap" :
			       "cap respected");
			bad++;
			continue;
		}
		for (i = 0; i < l.nr_rdm; i++) {
			const struct xenrdm_range *r = &l.rdm[i];
			uint64_t e = r->start + r->size;

			st.with_rdm += i == 0;
			st.skipped += rdm_skipped(r);
			st.carved_low += !rdm_skipped(r) &&
					 r->start < l.lowmem_end && e > MiB(1);
			st.carved_high += r->start < l.highmem_end && e > G4;
			st.first_mb += r->start < MiB(1);
		}
		for (i = 1; i < want_nr; i++)
			st.merged += want[i].addr == want[i - 1].addr +
				     want[i - 1].size;
	}
	printf("e820 oracle: seed %#x, %u cases: %u valid layouts, %u invalid; "
	       "%u with RDM, ranges: %u left out (hvmloader's area), %u over "
	       "low RAM, %u over high RAM, %u in the first MB; %u touching "
	       "entries of two types; %u with > 100 ranges; %u wrong\n", SEED,
	       c, st.valid, st.invalid, st.with_rdm, st.skipped,
	       st.carved_low, st.carved_high, st.first_mb, st.merged, st.many,
	       bad);
	if (bad)
		fail();
	/* The generator must reach every rule. */
	assert_true(st.invalid > nr_cases / 20);
	assert_true(st.skipped > 100 && st.carved_low > 100 &&
		    st.carved_high > 100 && st.first_mb > 100 &&
		    st.many > 100);
}

/*
 * xenrdm_e820_add_rdm(): the ranges added to a table someone else built
 * (in hvmloader: stock build_e820_table()'s), by firmware.h's contract:
 * a range that overlaps hvmloader's area or an ACPI or NVS entry of the
 * table is skipped (and counted); the others are RESERVED; where entries
 * overlap, any type beats RAM and the higher type number a lower one
 * (for types 1..5: the largest); sorted, holes left out, touching pieces
 * of one type joined.  The oracle asks each piece for the strongest
 * entry over it.  Tables: stock's (first MB, ACPI NVS from 0xFC000000,
 * optionally the IGD OpRegion split, libxl's memory map with its own RDM
 * entries), sometimes shuffled, sometimes with extra ACPI/NVS/UNUSABLE
 * entries anywhere.  Valid layouts only (the reader's output).
 */
#define MAX_IN 40

static bool in_skips(const struct xenrdm_e820entry *t, uint32_t n,
		     const struct xenrdm_range *r)
{
	uint64_t e = r->start + r->size;
	uint32_t i;

	if (r->start < G4 && e > AREA)
		return true;
	for (i = 0; i < n; i++)
		if ((t[i].type == XENRDM_E820_ACPI ||
		     t[i].type == XENRDM_E820_NVS) && t[i].size &&
		    r->start < t[i].addr + t[i].size && e > t[i].addr)
			return true;
	return false;
}

static int add_oracle(const struct xenrdm_fw_layout *l,
		      const struct xenrdm_e820entry *t, uint32_t n_in,
		      struct xenrdm_e820entry *out, uint32_t *nr_out)
{
	uint64_t pt[2 * (XENRDM_FW_MAX_RDM + MAX_IN)];
	size_t n = 0, i, j;
	uint32_t nr = 0;
	int skipped = 0;

	for (i = 0; i < n_in; i++) {
		pt[n++] = t[i].addr;
		pt[n++] = t[i].addr + t[i].size;
	}
	for (i = 0; i < l->nr_rdm; i++) {
		pt[n++] = l->rdm[i].start;
		pt[n++] = l->rdm[i].start + l->rdm[i].size;
		skipped += in_skips(t, n_in, &l->rdm[i]);
	}
	qsort(pt, n, sizeof(pt[0]), u64_cmp);
	for (i = 0; i + 1 < n; i++) {
		uint64_t x = pt[i];
		uint32_t type = HOLE;

		if (x == pt[i + 1])
			continue;
		for (j = 0; j < n_in; j++)
			if (in(x, t[j].addr, t[j].addr + t[j].size) &&
			    t[j].type > type)
				type = t[j].type;
		for (j = 0; j < l->nr_rdm; j++)
			if (!in_skips(t, n_in, &l->rdm[j]) &&
			    in(x, l->rdm[j].start,
			       l->rdm[j].start + l->rdm[j].size) &&
			    type < XENRDM_E820_RESERVED)
				type = XENRDM_E820_RESERVED;
		if (type == HOLE)
			continue;
		if (nr && out[nr - 1].type == type &&
		    out[nr - 1].addr + out[nr - 1].size == x) {
			out[nr - 1].size += pt[i + 1] - x;
			continue;
		}
		out[nr].addr = x;
		out[nr].size = pt[i + 1] - x;
		out[nr].type = type;
		nr++;
	}
	*nr_out = nr;
	return skipped;
}

static void put_in(struct xenrdm_e820entry *t, uint32_t *n, uint64_t start,
		   uint64_t end, uint32_t type)
{
	if (end <= start || *n >= MAX_IN)
		return;
	t[*n].addr = start;
	t[*n].size = end - start;
	t[*n].type = type;
	(*n)++;
}

/* A table as stock hvmloader builds it for l, and libxl's map in it. */
static uint32_t gen_table(const struct xenrdm_fw_layout *l,
			  struct xenrdm_e820entry *t, unsigned *shape)
{
	uint64_t acpi_end = AREA + (1 + test_rnd() % 256) * PAGE;
	uint32_t n = 0, i, k;

	put_in(t, &n, 0, base_of(l), XENRDM_E820_RAM);
	put_in(t, &n, base_of(l), 0xA0000, XENRDM_E820_RESERVED);
	put_in(t, &n, l->bios_image_base, MiB(1), XENRDM_E820_RESERVED);
	put_in(t, &n, AREA, acpi_end, XENRDM_E820_NVS);
	if (test_rnd() % 4 == 0) {      /* IGD passthrough: OpRegion NVS */
		uint64_t igd = acpi_end + (test_rnd() % 64) * PAGE;

		put_in(t, &n, acpi_end, igd, XENRDM_E820_RESERVED);
		put_in(t, &n, igd, igd + 3 * PAGE, XENRDM_E820_NVS);
		put_in(t, &n, igd + 3 * PAGE, G4, XENRDM_E820_RESERVED);
		*shape |= 1;
	} else {
		put_in(t, &n, acpi_end, G4, XENRDM_E820_RESERVED);
	}
	put_in(t, &n, MiB(1), l->lowmem_end, XENRDM_E820_RAM);
	for (i = test_rnd() % 3; i > 0; i--) {  /* libxl's own RDM entries */
		uint64_t s0 = rnd_page(l->lowmem_end, AREA);

		put_in(t, &n, s0, s0 + (1 + test_rnd() % 32) * PAGE,
		       XENRDM_E820_RESERVED);
	}
	put_in(t, &n, G4, l->highmem_end, XENRDM_E820_RAM);
	if (test_rnd() % 4 == 0) {      /* firmware tables elsewhere */
		static const uint32_t types[] = { XENRDM_E820_ACPI,
			XENRDM_E820_NVS, XENRDM_E820_UNUSABLE };
		uint64_t s0 = rnd_page(0, l->highmem_end);

		put_in(t, &n, s0, s0 + (1 + test_rnd() % 512) * PAGE,
		       types[test_rnd() % 3]);
		*shape |= 2;
	}
	/* stock sorts by address; the contract takes any order */
	for (i = 0; i + 1 < n; i++)
		for (k = i + 1; k < n; k++)
			if (t[k].addr < t[i].addr) {
				struct xenrdm_e820entry x = t[i];

				t[i] = t[k];
				t[k] = x;
			}
	if (test_rnd() % 4 == 0) {
		for (i = n; i > 1; i--) {
			struct xenrdm_e820entry x = t[i - 1];

			k = (uint32_t)(test_rnd() % i);
			t[i - 1] = t[k];
			t[k] = x;
		}
		*shape |= 4;
	}
	return n;
}

static void test_add_rdm_oracle(void **state)
{
	static struct xenrdm_fw_layout l;
	static struct xenrdm_e820entry t[MAX_IN], want[MAX_OUT + MAX_IN],
				       got[MAX_OUT + MAX_IN + 1];
	struct reach st = { 0 };
	unsigned c, bad = 0, igd = 0, extra = 0, shuffled = 0, skips = 0;

	(void)state;
	test_rng_seed(SEED ^ 0xadd);
	for (c = 0; c < nr_cases && bad < 3; c++) {
		uint32_t n_in, want_nr = 0, nr = 0, i;
		unsigned shape = 0;
		int wrc, rc;

		do
			gen_layout(&l, &st);
		while (!layout_valid(&l));
		n_in = gen_table(&l, t, &shape);
		igd += shape & 1;
		extra += (shape >> 1) & 1;
		shuffled += (shape >> 2) & 1;
		wrc = add_oracle(&l, t, n_in, want, &want_nr);
		skips += wrc > 0;
		memset(got, 0xa5, sizeof(got));
		rc = xenrdm_e820_add_rdm(&l, t, n_in, got, MAX_OUT + MAX_IN,
					 &nr);
		if (rc != wrc || nr != want_nr ||
		    memcmp(got, want, nr * sizeof(got[0]))) {
			print_layout(SEED ^ 0xadd, c, &l);
			print_tab("table in", t, n_in);
			printf("  skipped: oracle %d, xenrdm_e820_add_rdm rc %d\n",
			       wrc, rc);
			print_tab("oracle", want, want_nr);
			if (rc >= 0)
				print_tab("xenrdm_e820_add_rdm", got, nr);
			bad++;
			continue;
		}
		memset(got, 0xa5, sizeof(got));
		rc = xenrdm_e820_add_rdm(&l, t, n_in, got, want_nr - 1, &nr);
		for (i = 0; i < sizeof(got[0]); i++)
			if (((unsigned char *)&got[want_nr - 1])[i] != 0xa5)
				break;
		if (rc != -XENRDM_ERR_NOSPACE || i != sizeof(got[0])) {
			print_layout(SEED ^ 0xadd, c, &l);
			printf("  cap %u (one short): rc %d (want %d), %s\n",
			       want_nr - 1, rc, -XENRDM_ERR_NOSPACE,
			       i != sizeof(got[0]) ? "wrote past the cap" :
			       "cap respected");
			bad++;
		}
	}
	printf("add_rdm oracle: seed %#x, %u tables: %u with the IGD split, "
	       "%u with extra ACPI/NVS/UNUSABLE, %u shuffled, %u with ranges "
	       "skipped; %u wrong\n", SEED ^ 0xadd, c, igd, extra, shuffled,
	       skips, bad);
	if (bad)
		fail();
	assert_true(igd > nr_cases / 8 && extra > nr_cases / 8 &&
		    shuffled > nr_cases / 8 && skips > nr_cases / 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e820_oracle),
		cmocka_unit_test(test_add_rdm_oracle),
	};

	if (getenv("XENRDM_E820_CASES"))
		nr_cases = (unsigned)strtoul(getenv("XENRDM_E820_CASES"),
					     NULL, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
