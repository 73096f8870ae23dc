/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_plan_layout.c - from a plan to the firmware's input:
 * only valid regions, merged where they overlap or touch, the memory
 * ends copied, at most XENRDM_FW_MAX_RDM entries; and the e820 built by
 * the firmware's own code passes its invariant checker.
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

#define D1 XENRDM_SBDF(0, 1, 0, 0)

static int plan_regions(const struct xenrdm_host_region *reg, size_t n,
			uint64_t mem, struct xenrdm_plan *p)
{
	static const struct xenrdm_pci_dev pci = { D1, XENRDM_POLICY_RELAXED };
	struct xenrdm_config cfg;

	xenrdm_config_init(&cfg);
	cfg.mem_size = mem;
	cfg.regions = reg;
	cfg.nr_regions = n;
	cfg.pci = &pci;
	cfg.nr_pci = 1;
	return xenrdm_plan_compute(&cfg, p, NULL, 0);
}

static void test_layout_merge(void **state)
{
	/* 1 GiB guest: low RAM [1M, 1G).  Touching pair, overlapping pair,
	 * one invalid (in low RAM), one alone. */
	const struct xenrdm_host_region reg[] = {
		{ 0xF1001000, 0x1000, true, D1, 0 },       /* touches next */
		{ 0xF1000000, 0x1000, true, D1, 0 },
		{ 0xF2000000, 0x4000, true, D1, 0 },       /* overlaps next */
		{ 0xF2002000, 0x4000, true, D1, 0 },
		{ 0x10000000, 0x1000, true, D1, 0 },       /* invalid: low RAM */
		{ 0xF8000000, 0x1000, true, D1, 0 },
	};
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct xenrdm_plan p;
	uint32_t nr = 0;

	(void)state;
	assert_non_null(l);
	assert_int_equal(plan_regions(reg, 6, 1ULL << 30, &p), 0);
	assert_int_equal(xenrdm_plan_fw_layout(&p, l, NULL, 0), 0);
	assert_int_equal(l->lowmem_end, 1ULL << 30);
	assert_int_equal(l->highmem_end, XENRDM_4G);
	assert_int_equal(l->nr_rdm, 3);
	assert_int_equal(l->rdm[0].start, 0xF1000000);
	assert_int_equal(l->rdm[0].size, 0x2000);
	assert_int_equal(l->rdm[1].start, 0xF2000000);
	assert_int_equal(l->rdm[1].size, 0x6000);
	assert_int_equal(l->rdm[2].start, 0xF8000000);
	assert_int_equal(l->rdm[2].size, 0x1000);
	assert_int_equal(xenrdm_plan_e820(&p, tab, XENRDM_E820MAX, &nr, NULL, 0), 0);
	assert_int_equal(xenrdm_memmap_check(l, tab, nr), 0);
	xenrdm_plan_free(&p);
	free(l);
}

static void test_layout_too_many(void **state)
{
	/* xenrdm_plan_fw_layout itself: 124 separate valid ranges fit, 125
	 * do not.  The planner refuses such plans (rule 6), so the plans are
	 * made by hand here. */
	static struct xenrdm_rdm rdms[XENRDM_FW_MAX_RDM + 1];
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	struct xenrdm_plan p;
	size_t i;

	(void)state;
	assert_non_null(l);
	for (i = 0; i <= XENRDM_FW_MAX_RDM; i++)
		rdms[i] = (struct xenrdm_rdm){ .start = 0xF0000000ULL +
			i * 0x2000, .size = 0x1000,
			.state = XENRDM_STATE_VALID };
	memset(&p, 0, sizeof(p));
	p.lowmem_end = 1ULL << 30;
	p.highmem_end = XENRDM_4G;
	p.rdms = rdms;
	p.nr_rdms = p.nr_valid = XENRDM_FW_MAX_RDM;
	assert_int_equal(xenrdm_plan_fw_layout(&p, l, NULL, 0), 0);
	assert_int_equal(l->nr_rdm, XENRDM_FW_MAX_RDM);
	p.nr_rdms = p.nr_valid = XENRDM_FW_MAX_RDM + 1;
	assert_int_equal(xenrdm_plan_fw_layout(&p, l, NULL, 0), -XENRDM_ERR_NOSPACE);
	/* ... and says so, with the limit */
	{
		char err[256] = "stale";

		assert_int_equal(xenrdm_plan_fw_layout(&p, l, err, sizeof(err)),
				 -XENRDM_ERR_NOSPACE);
		assert_non_null(strstr(err, "more than 124 valid RDM ranges"));
	}
	free(l);
}

/* xenrdm_plan_e820's error channel: each refusal names its cause, and a
 * plan that builds leaves the buffer empty. */
static void test_plan_e820_messages(void **state)
{
	static const struct xenrdm_rdm one = { .start = 0xF0000000ULL,
		.size = 0x1000, .state = XENRDM_STATE_VALID };
	static const struct {
		const char *what;
		uint64_t lowmem_end;
		int bios;
		uint32_t cap;
		int rc;
		const char *msg;        /* must be in err ("" : err empty) */
	} rows[] = {
		{ "holds", 1ULL << 30, XENRDM_BIOS_SEABIOS, XENRDM_E820MAX, 0,
		  "" },
		{ "low RAM at 2 MiB holds", 2ULL << 20, XENRDM_BIOS_SEABIOS,
		  XENRDM_E820MAX, 0, "" },
		{ "low RAM 4 KiB under 2 MiB", (2ULL << 20) - 0x1000,
		  XENRDM_BIOS_SEABIOS, XENRDM_E820MAX, -XENRDM_ERR_LAYOUT,
		  "lowmem_end = 00000000:001ff000 (must be 2 MiB..0xfc000000)" },
		{ "a BIOS outside the enum", 1ULL << 30, 7, XENRDM_E820MAX,
		  -XENRDM_ERR_INVAL, "BIOS 7 is not one of" },
		{ "a table of 3", 1ULL << 30, XENRDM_BIOS_SEABIOS, 3,
		  -XENRDM_ERR_NOSPACE, "e820: needs more than 3 entries" },
	};
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct xenrdm_plan p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char err[256] = "stale";
		uint32_t nr = 0;
		int rc;

		memset(&p, 0, sizeof(p));
		p.lowmem_end = rows[i].lowmem_end;
		p.highmem_end = XENRDM_4G;
		p.bios = (enum xenrdm_bios)rows[i].bios;
		p.rdms = (struct xenrdm_rdm *)&one;
		p.nr_rdms = p.nr_valid = 1;
		rc = xenrdm_plan_e820(&p, tab, rows[i].cap, &nr, err,
				      sizeof(err));
		if (rc != rows[i].rc ||
		    (rows[i].msg[0] ? !strstr(err, rows[i].msg) : err[0] != 0))
			fail_msg("%s: rc %d \"%s\"; expected rc %d with \"%s\"",
				 rows[i].what, rc, err, rows[i].rc, rows[i].msg);
	}
}

/* The first megabyte per BIOS, as hvmloader's seabios.c, ovmf.c and
 * rombios.c call build_e820_table(). */
static void test_bios_first_mb(void **state)
{
	static const struct {
		enum xenrdm_bios bios;
		struct xenrdm_e820entry e[3];
		uint32_t n;
	} want[] = {
		{ XENRDM_BIOS_SEABIOS, { { 0, 0xA0000, 1 },
		  { 0xC0000, 0x40000, 2 } }, 2 },
		{ XENRDM_BIOS_OVMF, { { 0, 0xA0000, 1 },
		  { 0xF0000, 0x10000, 2 } }, 2 },
		{ XENRDM_BIOS_ROMBIOS, { { 0, 0x9E000, 1 },
		  { 0x9E000, 0x2000, 2 }, { 0xE0000, 0x20000, 2 } }, 3 },
	};
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct xenrdm_config cfg;
	struct xenrdm_plan p;
	uint32_t nr, k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		xenrdm_config_init(&cfg);
		cfg.mem_size = 1ULL << 30;
		cfg.bios = want[i].bios;
		assert_int_equal(xenrdm_plan_compute(&cfg, &p, NULL, 0), 0);
		assert_int_equal(p.bios, want[i].bios);
		assert_int_equal(xenrdm_plan_e820(&p, tab, XENRDM_E820MAX, &nr, NULL, 0),
				 0);
		for (k = 0; k < want[i].n; k++) {
			assert_int_equal(tab[k].addr, want[i].e[k].addr);
			assert_int_equal(tab[k].size, want[i].e[k].size);
			assert_int_equal(tab[k].type, want[i].e[k].type);
		}
		assert_int_equal(tab[k].addr, 0x100000);   /* then RAM */
		xenrdm_plan_free(&p);
	}
	cfg.bios = (enum xenrdm_bios)3;
	assert_int_equal(xenrdm_plan_compute(&cfg, &p, NULL, 0), -XENRDM_ERR_INVAL);
}

/*
 * Rule 6: for each BIOS, the most separate ranges whose boot e820 fits
 * what it keeps are accepted, one more is refused (NOSPACE) with a
 * message naming the BIOS, the counts and the devices.  1 GiB guest, no
 * high RAM: fixed entries at boot are the first MB (2, ROMBIOS 3), low
 * RAM, hvmloader's area as ACPI NVS + RESERVED.
 */
static void test_bios_limit(void **state)
{
	static struct xenrdm_host_region reg[XENRDM_E820MAX];
	static const struct xenrdm_pci_dev pci = { D1, XENRDM_POLICY_STRICT };
	enum xenrdm_bios b;
	char err[1024];

	(void)state;
	for (b = XENRDM_BIOS_SEABIOS; b <= XENRDM_BIOS_ROMBIOS; b++) {
		uint32_t fixed = (b == XENRDM_BIOS_ROMBIOS ? 3 : 2) + 3;
		uint32_t fit = xenrdm_bios_e820_keep(b) - fixed;
		struct xenrdm_config cfg;
		struct xenrdm_plan p;
		uint32_t i, nr = 0;
		struct xenrdm_fw_layout *l = malloc(sizeof(*l));

		assert_non_null(l);
		if (fit > XENRDM_FW_MAX_RDM)
			fit = XENRDM_FW_MAX_RDM;
		for (i = 0; i <= fit; i++)
			reg[i] = (struct xenrdm_host_region){
				0xF0000000ULL + i * 0x2000, 0x1000, true, D1, 0 };
		xenrdm_config_init(&cfg);
		cfg.mem_size = 1ULL << 30;
		cfg.bios = b;
		cfg.pci = &pci;
		cfg.nr_pci = 1;
		cfg.regions = reg;
		cfg.nr_regions = fit;
		assert_int_equal(xenrdm_plan_compute(&cfg, &p, err,
							 sizeof(err)), 0);
		assert_string_equal(err, "");
		assert_int_equal(xenrdm_plan_fw_layout(&p, l, NULL, 0), 0);
		assert_int_equal(xenrdm_e820_boot_entries(l, &nr), 0);
		assert_true(nr <= xenrdm_bios_e820_keep(b));
		xenrdm_plan_free(&p);
		/* IGD passthrough: the OpRegion costs 2 entries. */
		if (fit + 5 <= xenrdm_bios_e820_keep(b)) {
			cfg.igd_passthru = true;
			cfg.nr_regions = fit - 1;
			assert_int_equal(xenrdm_plan_compute(&cfg, &p, NULL, 0),
					 -XENRDM_ERR_NOSPACE);
			cfg.nr_regions = fit - 2;
			assert_int_equal(xenrdm_plan_compute(&cfg, &p, NULL, 0), 0);
			xenrdm_plan_free(&p);
			cfg.igd_passthru = false;
		}
		cfg.nr_regions = fit + 1;
		assert_int_equal(xenrdm_plan_compute(&cfg, &p, err,
							 sizeof(err)),
				 -XENRDM_ERR_NOSPACE);
		printf("%s: %u ranges fit, %u refused: %s\n",
		       xenrdm_bios_name(b), fit, fit + 1, err);
		if (fit < XENRDM_FW_MAX_RDM) {
			assert_non_null(strstr(err, xenrdm_bios_name(b)));
			assert_non_null(strstr(err, "keeps"));
		} else {
			assert_non_null(strstr(err, "at most 124"));
		}
		assert_non_null(strstr(err, "0000:01:00.0"));
		free(l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_merge),
		cmocka_unit_test(test_layout_too_many),
		cmocka_unit_test(test_plan_e820_messages),
		cmocka_unit_test(test_bios_first_mb),
		cmocka_unit_test(test_bios_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
