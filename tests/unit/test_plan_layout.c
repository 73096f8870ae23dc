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
	assert_int_equal(xenrdm_plan_fw_layout(&p, l), 0);
	assert_int_equal(l->lowmem_end, 1ULL << 30);
	assert_int_equal(l->highmem_end, XENRDM_4G);
	assert_int_equal(l->nr_rdm, 3);
	assert_int_equal(l->rdm[0].start, 0xF1000000);
	assert_int_equal(l->rdm[0].size, 0x2000);
	assert_int_equal(l->rdm[1].start, 0xF2000000);
	assert_int_equal(l->rdm[1].size, 0x6000);
	assert_int_equal(l->rdm[2].start, 0xF8000000);
	assert_int_equal(l->rdm[2].size, 0x1000);
	assert_int_equal(xenrdm_plan_e820(&p, tab, XENRDM_E820MAX, &nr), 0);
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
	assert_int_equal(xenrdm_plan_fw_layout(&p, l), 0);
	assert_int_equal(l->nr_rdm, XENRDM_FW_MAX_RDM);
	p.nr_rdms = p.nr_valid = XENRDM_FW_MAX_RDM + 1;
	assert_int_equal(xenrdm_plan_fw_layout(&p, l), -XENRDM_ERR_NOSPACE);
	free(l);
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
		assert_int_equal(xenrdm_plan_e820(&p, tab, XENRDM_E820MAX, &nr),
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
		assert_int_equal(xenrdm_plan_fw_layout(&p, l), 0);
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
		cmocka_unit_test(test_bios_first_mb),
		cmocka_unit_test(test_bios_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
