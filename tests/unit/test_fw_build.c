/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the e820 builder (from scratch, and adding ranges to a
 * table as stock hvmloader builds it), the invariant checker and the BAR
 * queries.  Expected tables are written by hand from hvmloader's fixed
 * map (tools/firmware/hvmloader/e820.c), not from the builder's output.
 * Default layout below: RAM [0,A0000) S [E0000,1M) RAM [1M,lowmem)
 * hole S [FC000000,4G) RAM [4G,highmem).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/firmware.h"
#include "helpers/fw_test.h"

#define R XENRDM_E820_RAM
#define S XENRDM_E820_RESERVED
#define M (1ULL << 20)
#define G4 0x100000000ULL
#define LOW 0xC0000000ULL
#define MAXE 12

struct ent { uint64_t s, e; uint32_t t; };

struct build_case {
	const char *name;
	uint64_t lowmem_end, highmem_end;
	struct xenrdm_range rdm[4];
	uint32_t nr_rdm;
	int rc;
	struct ent want[MAXE];
	uint32_t nr_want;
	int chk;        /* what xenrdm_fw_host_memmap_check(fwt_env(), ) must say of it */
};

#define FIXED_LOW {0, 0xA0000, R}, {0xE0000, M, S}

static const struct build_case cases[] = {
	/* no RDM, no high RAM */
	{ "no RDM", LOW, G4, {{0}}, 0, 0,
	  { FIXED_LOW, {M, LOW, R}, {0xFC000000, G4, S} }, 4, 0 },
	/* no RDM, 2 GiB high RAM */
	{ "high RAM", LOW, G4 + 2048 * M, {{0}}, 0, 0,
	  { FIXED_LOW, {M, LOW, R}, {0xFC000000, G4, S},
	    {G4, G4 + 2048 * M, R} }, 5, 0 },
	/* RRRR[SS]RRRR : RDM inside low RAM splits it */
	{ "RDM in low RAM", LOW, G4, {{0xAB000000, 2 * M}}, 1, 0,
	  { FIXED_LOW, {M, 0xAB000000, R}, {0xAB000000, 0xAB200000, S},
	    {0xAB200000, LOW, R}, {0xFC000000, G4, S} }, 6, 0 },
	/* RDM straddling 4 GiB: it overlaps hvmloader's own area
	 * [0xFC000000, 4G), where stock hvmloader stops, so it is skipped
	 * (logged): the table is the fixed one, and the checker reports the
	 * RAM left over the range */
	{ "RDM across 4 GiB", LOW, G4 + M, {{G4 - 0x1000, 0x2000}}, 1, 0,
	  { FIXED_LOW, {M, LOW, R}, {0xFC000000, G4, S},
	    {G4, G4 + M, R} }, 5, -XENRDM_ERR_LAYOUT },
	/* RDM in the MMIO hole (no RAM there): only a reserved entry */
	{ "RDM in MMIO hole", LOW, G4, {{0xD0000000, M}}, 1, 0,
	  { FIXED_LOW, {M, LOW, R}, {0xD0000000, 0xD0100000, S},
	    {0xFC000000, G4, S} }, 5, 0 },
	/* RDM ending exactly at lowmem_end: touches the end of RAM */
	{ "RDM at end of low RAM", LOW, G4, {{LOW - M, M}}, 1, 0,
	  { FIXED_LOW, {M, LOW - M, R}, {LOW - M, LOW, S},
	    {0xFC000000, G4, S} }, 5, 0 },
	/* RDM covering the whole high RAM: it disappears */
	{ "RDM covers high RAM", LOW, G4 + M, {{G4, M}}, 1, 0,
	  { FIXED_LOW, {M, LOW, R}, {0xFC000000, G4 + M, S} }, 4, 0 },
	/* RDM below 1 MiB touching the BIOS area: merged with it */
	{ "RDM next to BIOS", LOW, G4, {{0xD0000, 0x10000}}, 1, 0,
	  { {0, 0xA0000, R}, {0xD0000, M, S}, {M, LOW, R},
	    {0xFC000000, G4, S} }, 4, 0 },
	/* overlapping, unsorted RDM in a hand-built layout */
	{ "overlapping RDM", LOW, G4, {{0x20000000, 2 * M},
	  {0x1FF00000, 2 * M}}, 2, 0,
	  { FIXED_LOW, {M, 0x1FF00000, R}, {0x1FF00000, 0x20200000, S},
	    {0x20200000, LOW, R}, {0xFC000000, G4, S} }, 6, 0 },
	/* low RAM's floor, hvmloader's BUG_ON(low_mem_end < MB(2)) */
	{ "lowmem exactly 2 MiB", 2 * M, G4, {{0}}, 0, 0,
	  { FIXED_LOW, {M, 2 * M, R}, {0xFC000000, G4, S} }, 4, 0 },
	/* bad layouts */
	{ "lowmem 2 MiB - 1", 2 * M - 1, G4, {{0}}, 0, -XENRDM_ERR_LAYOUT,
	  {{0}}, 0, 0 },
	{ "lowmem 2 MiB - 4 KiB", 2 * M - 0x1000, G4, {{0}}, 0,
	  -XENRDM_ERR_LAYOUT, {{0}}, 0, 0 },
	{ "lowmem below 1 MiB", M - 1, G4, {{0}}, 0, -XENRDM_ERR_LAYOUT,
	  {{0}}, 0, 0 },
	{ "lowmem above 0xFC000000", 0xFC000000ULL + 0x1000, G4, {{0}}, 0,
	  -XENRDM_ERR_LAYOUT, {{0}}, 0, 0 },
	{ "highmem below 4 GiB", LOW, G4 - 1, {{0}}, 0, -XENRDM_ERR_LAYOUT,
	  {{0}}, 0, 0 },
	{ "highmem above 2^52", LOW, (1ULL << 52) + 0x1000, {{0}}, 0,
	  -XENRDM_ERR_LAYOUT, {{0}}, 0, 0 },
	{ "RDM of size 0", LOW, G4, {{0x1000, 0}}, 1, -XENRDM_ERR_LAYOUT,
	  {{0}}, 0, 0 },
	{ "RDM wrapping 2^64", LOW, G4, {{~0ULL - 0xfff, 0x2000}}, 1,
	  -XENRDM_ERR_LAYOUT, {{0}}, 0, 0 },
};

static void set_layout(struct xenrdm_fw_layout *l, const struct build_case *tc)
{
	xenrdm_fw_layout_init(l, tc->lowmem_end, tc->highmem_end);
	memcpy(l->rdm, tc->rdm, sizeof(tc->rdm));
	l->nr_rdm = tc->nr_rdm;
}

static void test_build_table(void **state)
{
	static struct xenrdm_fw_layout l;
	size_t c;
	int failed = 0;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct build_case *tc = &cases[c];
		struct xenrdm_e820entry tab[XENRDM_E820MAX], want[MAXE];
		uint32_t nr = 0, i;
		int rc, chk = 0;

		set_layout(&l, tc);
		rc = xenrdm_fw_host_e820_build(fwt_env(), &l, tab, XENRDM_E820MAX, &nr);
		for (i = 0; i < tc->nr_want; i++) {
			want[i].addr = tc->want[i].s;
			want[i].size = tc->want[i].e - tc->want[i].s;
			want[i].type = tc->want[i].t;
		}
		if (!rc)
			chk = xenrdm_fw_host_memmap_check(fwt_env(), &l, tab, nr);
		if (rc != tc->rc || chk != tc->chk || (!rc && (nr != tc->nr_want ||
		    memcmp(tab, want, nr * sizeof(*tab))))) {
			fprintf(stderr, "FAIL %s: rc %d (want %d), memmap_check %d"
				" (want %d)\n", tc->name, rc, tc->rc, chk, tc->chk);
			fwt_dump("expected", want, tc->nr_want);
			if (!rc)
				fwt_dump("got", tab, nr);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* Capacity: the exact size fits; one less fails and writes nothing past
 * the array (guard entries after it). */
static void test_build_capacity(void **state)
{
	static struct xenrdm_fw_layout l;
	struct xenrdm_e820entry tab[XENRDM_E820MAX + 2], guard;
	uint32_t nr = 0, need, i;

	(void)state;
	xenrdm_fw_layout_init(&l, LOW, G4 + 1024 * M);
	/* 124 separate holes in high RAM: 4 + 1 + 2*124 would need 253 */
	for (i = 0; i < XENRDM_FW_MAX_RDM; i++) {
		l.rdm[i].start = G4 + (2 * i + 1) * 0x1000ULL;
		l.rdm[i].size = 0x1000;
	}
	l.nr_rdm = XENRDM_FW_MAX_RDM;
	memset(&guard, 0xA5, sizeof(guard));
	for (i = 0; i < 2; i++)
		tab[XENRDM_E820MAX + i] = guard;
	assert_int_equal(xenrdm_fw_host_e820_build(fwt_env(), &l, tab, XENRDM_E820MAX, &nr),
			 -XENRDM_ERR_NOSPACE);
	for (i = 0; i < 2; i++)
		assert_memory_equal(&tab[XENRDM_E820MAX + i], &guard, sizeof(guard));

	/* 61 holes: 4 fixed + RAM pieces: 1 + 2*61 = 127 entries */
	l.nr_rdm = 61;
	need = 4 + 1 + 2 * 61;
	assert_int_equal(xenrdm_fw_host_e820_build(fwt_env(), &l, tab, need, &nr), 0);
	assert_int_equal(nr, need);
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), &l, tab, nr), 0);
	tab[need - 1] = guard;
	assert_int_equal(xenrdm_fw_host_e820_build(fwt_env(), &l, tab, need - 1, &nr),
			 -XENRDM_ERR_NOSPACE);
	assert_memory_equal(&tab[need - 1], &guard, sizeof(guard));
	assert_int_equal(xenrdm_fw_host_e820_build(fwt_env(), &l, tab, 0, &nr),
			 -XENRDM_ERR_NOSPACE);
}

/* The checker must catch each broken rule (hand-broken tables). */
static void test_memmap_check(void **state)
{
	static struct xenrdm_fw_layout l;
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	uint32_t nr = 0;

	(void)state;
	xenrdm_fw_layout_init(&l, LOW, G4);
	l.rdm[0].start = 0x10000000;
	l.rdm[0].size = M;
	l.nr_rdm = 1;
	assert_int_equal(xenrdm_fw_host_e820_build(fwt_env(), &l, tab, XENRDM_E820MAX, &nr), 0);
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), &l, tab, nr), 0);
	fwt_log_start();
	/* [3] is the RDM entry; turn it into RAM */
	tab[3].type = R;
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), &l, tab, nr), -XENRDM_ERR_LAYOUT);
	assert_non_null(strstr(fwt_log(), "not all RESERVED"));
	tab[3].type = S;
	tab[2].size -= 0x1000;          /* RAM lost: total not conserved */
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), &l, tab, nr), -XENRDM_ERR_LAYOUT);
	assert_non_null(strstr(fwt_log(), "RAM total"));
	tab[2].size += 0x2000;          /* overlaps the next entry */
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), NULL, tab, nr), -XENRDM_ERR_LAYOUT);
	assert_non_null(strstr(fwt_log(), "overlaps"));
	tab[2].size = 0;
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), NULL, tab, nr), -XENRDM_ERR_LAYOUT);
	assert_non_null(strstr(fwt_log(), "empty"));
	tab[2].addr = ~0ULL - 10;
	tab[2].size = 20;
	assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), NULL, tab, 3), -XENRDM_ERR_LAYOUT);
	assert_non_null(strstr(fwt_log(), "wraps"));
	fwt_reset();
}

/* RDM at [0x10000000, +1M) and [0x20000000, +4K). */
struct free_case { uint64_t base, size; bool free; };
static const struct free_case free_cases[] = {
	{ 0x10000000 - 0x1000, 0x1000, true },   /* ends where RDM starts */
	{ 0x10000000 - 0x1000, 0x1001, false },  /* one byte in */
	{ 0x10100000, 0x1000, true },            /* starts at its end */
	{ 0x100FFFFF, 1, false },                /* its last byte */
	{ 0x0, 0x10000000, true },
	{ 0x0, 0x20000000, false },              /* covers it */
	{ 0x1000, 0, false },                    /* empty: never free */
	{ ~0ULL - 0xfff, 0x2000, false },        /* wraps: never free */
	{ G4 - 0x1000, 0x1000, true },           /* 4 GiB edge */
};

static void test_range_free(void **state)
{
	static struct xenrdm_fw_layout l;
	size_t i;
	int failed = 0;

	(void)state;
	xenrdm_fw_layout_init(&l, LOW, G4);
	l.rdm[0].start = 0x20000000;    /* unsorted on purpose */
	l.rdm[0].size = 0x1000;
	l.rdm[1].start = 0x10000000;
	l.rdm[1].size = M;
	l.nr_rdm = 2;
	for (i = 0; i < sizeof(free_cases) / sizeof(free_cases[0]); i++) {
		bool got = xenrdm_rdm_range_free(&l, free_cases[i].base,
						 free_cases[i].size);

		if (got != free_cases[i].free) {
			fprintf(stderr, "FAIL range_free(%#llx, %#llx): want %d got %d\n",
				(unsigned long long)free_cases[i].base,
				(unsigned long long)free_cases[i].size,
				free_cases[i].free, got);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

struct next_case { uint64_t from, size, align, want; };
static const struct next_case next_cases[] = {
	{ 0x0, 0x1000, 0, 0x0 },
	/* starts inside RDM 1: moves to its end */
	{ 0x10000000, 0x1000, 0x1000, 0x10100000 },
	/* 2 MiB aligned BAR of 2 MiB at 0x0FF00000 would overlap: next is
	 * 0x10200000 (0x10100000 rounded up) */
	{ 0x0FF00000, 2 * M, 2 * M, 0x10200000 },
	/* 256 MiB BAR from 0: [0,256M) ends right at RDM 1: free */
	{ 0x0, 256 * M, 256 * M, 0x0 },
	/* 512 MiB BAR from 0: overlaps both; next 512M-aligned past them */
	{ 0x0, 512 * M, 512 * M, 0x40000000 },
	/* align not a power of two */
	{ 0x0, 0x1000, 0x3000, ~0ULL },
	/* nothing fits below 2^64 */
	{ ~0ULL - 0xfff, 0x1000, 0x1000, ~0ULL },
	/* empty size */
	{ 0x0, 0, 0x1000, ~0ULL },
};

static void test_next_free(void **state)
{
	static struct xenrdm_fw_layout l;
	size_t i;
	int failed = 0;

	(void)state;
	xenrdm_fw_layout_init(&l, LOW, G4);
	l.rdm[0].start = 0x20000000;
	l.rdm[0].size = 0x1000;
	l.rdm[1].start = 0x10000000;
	l.rdm[1].size = M;
	l.nr_rdm = 2;
	for (i = 0; i < sizeof(next_cases) / sizeof(next_cases[0]); i++) {
		const struct next_case *tc = &next_cases[i];
		uint64_t got = xenrdm_rdm_next_free(&l, tc->from, tc->size,
						    tc->align);

		if (got != tc->want) {
			fprintf(stderr, "FAIL next_free(%#llx, %#llx, %#llx): want %#llx got %#llx\n",
				(unsigned long long)tc->from,
				(unsigned long long)tc->size,
				(unsigned long long)tc->align,
				(unsigned long long)tc->want,
				(unsigned long long)got);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* hvmloader's print format, line by line (from dump_e820_table()). */
static void test_print(void **state)
{
	static const struct xenrdm_e820entry tab[] = {
		{ 0, 0xA0000, R },
		{ 0xE0000, 0x20000, S },
		{ G4, 0x1000, 3 },
	};

	(void)state;
	fwt_log_start();
	xenrdm_fw_host_e820_print(fwt_env(), tab, 3);
	assert_string_equal(fwt_log(),
		"E820 table:\n"
		" [00]: 00000000:00000000 - 00000000:000a0000: RAM\n"
		" HOLE: 00000000:000a0000 - 00000000:000e0000\n"
		" [01]: 00000000:000e0000 - 00000000:00100000: RESERVED\n"
		" HOLE: 00000000:00100000 - 00000001:00000000\n"
		" [02]: 00000001:00000000 - 00000001:00001000: ACPI\n");
	fwt_reset();
}

/* Compare tab[0..nr) with want[0..nr_want); dump both on a mismatch. */
static int same_table(const char *name, const struct xenrdm_e820entry *tab,
		      uint32_t nr, const struct ent *want, uint32_t nr_want)
{
	struct xenrdm_e820entry w[MAXE];
	uint32_t i;

	for (i = 0; i < nr_want; i++) {
		w[i].addr = want[i].s;
		w[i].size = want[i].e - want[i].s;
		w[i].type = want[i].t;
	}
	if (nr == nr_want && !memcmp(tab, w, nr * sizeof(*tab)))
		return 1;
	fprintf(stderr, "FAIL %s\n", name);
	fwt_dump("expected", w, nr_want);
	fwt_dump("got", tab, nr);
	return 0;
}

/* The first MB as hvmloader's build_e820_table() makes it for the
 * arguments seabios.c, ovmf.c and rombios.c pass: lowmem_reserved_base 0
 * means 0xA0000 (RAM up to 640 KiB, no reserved gap), as in e820.c. */
static void test_first_mb(void **state)
{
	static const struct {
		const char *name;
		uint64_t lrb, bios;
		struct ent want[MAXE];
		uint32_t nr_want;
	} bios[] = {
		{ "SeaBIOS (0, 0xC0000)", 0, 0xC0000,
		  { {0, 0xA0000, R}, {0xC0000, M, S}, {M, LOW, R},
		    {0xFC000000, G4, S} }, 4 },
		{ "OVMF (0, 0xF0000)", 0, 0xF0000,
		  { {0, 0xA0000, R}, {0xF0000, M, S}, {M, LOW, R},
		    {0xFC000000, G4, S} }, 4 },
		{ "ROMBIOS (0x9E000, 0xE0000)", 0x9E000, 0xE0000,
		  { {0, 0x9E000, R}, {0x9E000, 0xA0000, S}, {0xE0000, M, S},
		    {M, LOW, R}, {0xFC000000, G4, S} }, 5 },
	};
	static struct xenrdm_fw_layout l;
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	uint32_t nr, b;
	int ok = 1;

	(void)state;
	for (b = 0; b < sizeof(bios) / sizeof(bios[0]); b++) {
		xenrdm_fw_layout_init(&l, LOW, G4);
		l.lowmem_reserved_base = bios[b].lrb;
		l.bios_image_base = bios[b].bios;
		nr = 0;
		assert_int_equal(xenrdm_fw_host_e820_build(fwt_env(), &l, tab, XENRDM_E820MAX, &nr), 0);
		assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), &l, tab, nr), 0);
		ok &= same_table(bios[b].name, tab, nr, bios[b].want,
				 bios[b].nr_want);
	}
	assert_true(ok);
}

#define NVS XENRDM_E820_NVS
#define ACPI XENRDM_E820_ACPI
#define ACPI_END 0xFC00A000ULL
#define IGD 0xFC100000ULL

/*
 * xenrdm_fw_host_e820_add_rdm(fwt_env(), ) on a table as stock hvmloader builds it for
 * SeaBIOS with ACPI, IGD passthrough (its OpRegion comes from
 * mem_hole_alloc(), inside hvmloader's area), an ACPI module and one
 * libxl RDM entry above low RAM (memory_map): written by hand from
 * e820.c and libxl_x86.c's domain_construct_memmap().
 */
static const struct xenrdm_e820entry stock[] = {
	{ 0, 0xA0000, R },
	{ 0xC0000, M - 0xC0000, S },
	{ M, 0xA0000000 - M, R },                  /* memory_map low RAM */
	{ 0xA0000000, 0x10000, S },                /* libxl RDM */
	{ 0xB0000000, 0x2000, ACPI },              /* libxl ACPI module */
	{ 0xFC000000, ACPI_END - 0xFC000000, NVS },
	{ ACPI_END, IGD - ACPI_END, S },
	{ IGD, 0x3000, NVS },                      /* IGD OpRegion */
	{ IGD + 0x3000, G4 - IGD - 0x3000, S },
};
#define NR_STOCK (sizeof(stock) / sizeof(stock[0]))

static void test_add_rdm(void **state)
{
	static struct xenrdm_fw_layout l;
	struct xenrdm_e820entry out[XENRDM_E820MAX];
	uint32_t nr = 0;
	int rc;
	/* The ranges in RAM go in (the second touches libxl's RDM entry
	 * and merges with it); the one over the ACPI module, the one in
	 * hvmloader's area and the one over the IGD OpRegion are skipped. */
	static const struct ent want[] = {
		{ 0, 0xA0000, R }, { 0xC0000, M, S },
		{ M, 0x80000000, R }, { 0x80000000, 0x80100000, S },
		{ 0x80100000, 0x9FFF0000, R }, { 0x9FFF0000, 0xA0010000, S },
		{ 0xB0000000, 0xB0002000, ACPI },
		{ 0xFC000000, ACPI_END, NVS }, { ACPI_END, IGD, S },
		{ IGD, IGD + 0x3000, NVS }, { IGD + 0x3000, G4, S },
	};

	(void)state;
	/* want[] lies on the hand-built table, not on a second build */
	_Static_assert(sizeof(want) / sizeof(want[0]) <= MAXE, "MAXE");
	xenrdm_fw_layout_init(&l, 0xA0000000, G4);
	l.rdm[0] = (struct xenrdm_range){ 0x80000000, M };
	l.rdm[1] = (struct xenrdm_range){ 0x9FFF0000, 0x10000 };
	l.rdm[2] = (struct xenrdm_range){ 0xB0001000, 0x1000 };
	l.rdm[3] = (struct xenrdm_range){ 0xFE000000, 0x1000 };
	l.rdm[4] = (struct xenrdm_range){ IGD + 0x2000, 0x2000 };
	l.nr_rdm = 5;
	fwt_log_start();
	rc = xenrdm_fw_host_e820_add_rdm(fwt_env(), &l, stock, NR_STOCK, out, XENRDM_E820MAX, &nr);
	assert_int_equal(rc, 3);
	assert_true(same_table("add_rdm", out, nr, want,
			       sizeof(want) / sizeof(want[0])));
	/* each skip names the range and why */
	assert_non_null(strstr(fwt_log(), "rdm 2 [00000000:b0001000, "
			       "00000000:b0002000) skipped: overlaps an ACPI"));
	assert_non_null(strstr(fwt_log(), "rdm 3 [00000000:fe000000, "
			       "00000000:fe001000) skipped: overlaps hvmloader's"));
	assert_non_null(strstr(fwt_log(), "rdm 4 [00000000:fc102000, "
			       "00000000:fc104000) skipped: overlaps hvmloader's"));
	assert_non_null(strstr(fwt_log(), "e820: 2 of 5 ranges reserved"));

	/* exact size: cap = nr works, nr - 1 fails, nothing written past */
	out[nr - 1].type = 0xdead;
	assert_int_equal(xenrdm_fw_host_e820_add_rdm(fwt_env(), &l, stock, NR_STOCK, out,
					     (uint32_t)(sizeof(want) / sizeof(want[0])) - 1,
					     &nr), -XENRDM_ERR_NOSPACE);
	assert_int_equal(out[sizeof(want) / sizeof(want[0]) - 1].type, 0xdead);
	fwt_reset();
}

/* No ranges: the sweep gives stock's sorted table back unchanged (the
 * glue does not even call it then), and an unsorted input comes out
 * sorted. */
static void test_add_rdm_none(void **state)
{
	static struct xenrdm_fw_layout l;
	struct xenrdm_e820entry out[XENRDM_E820MAX], rev[NR_STOCK];
	uint32_t nr = 0, i;

	(void)state;
	xenrdm_fw_layout_init(&l, LOW, G4);
	assert_int_equal(xenrdm_fw_host_e820_add_rdm(fwt_env(), &l, stock, NR_STOCK, out,
					     XENRDM_E820MAX, &nr), 0);
	if (nr != NR_STOCK)
		fwt_dump("got", out, nr);
	assert_int_equal(nr, NR_STOCK);
	assert_memory_equal(out, stock, sizeof(stock));
	for (i = 0; i < NR_STOCK; i++)
		rev[i] = stock[NR_STOCK - 1 - i];
	assert_int_equal(xenrdm_fw_host_e820_add_rdm(fwt_env(), &l, rev, NR_STOCK, out,
					     XENRDM_E820MAX, &nr), 0);
	assert_memory_equal(out, stock, sizeof(stock));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_table),
		cmocka_unit_test(test_first_mb),
		cmocka_unit_test(test_add_rdm),
		cmocka_unit_test(test_add_rdm_none),
		cmocka_unit_test(test_build_capacity),
		cmocka_unit_test(test_memmap_check),
		cmocka_unit_test(test_range_free),
		cmocka_unit_test(test_next_free),
		cmocka_unit_test(test_print),
	};

	return cmocka_run_group_tests_name("fw_build", tests, NULL, NULL);
}
