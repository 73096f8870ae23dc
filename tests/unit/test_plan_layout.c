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
	return xenrdm_plan_compute(&cfg, p);
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
	/* 124 separate valid ranges fit, 125 do not. */
	struct xenrdm_host_region reg[XENRDM_FW_MAX_RDM + 1];
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	struct xenrdm_plan p;
	size_t i;

	(void)state;
	assert_non_null(l);
	for (i = 0; i <= XENRDM_FW_MAX_RDM; i++)
		reg[i] = (struct xenrdm_host_region){
			0xF0000000ULL + i * 0x2000, 0x1000, true, D1, 0 };
	assert_int_equal(plan_regions(reg, XENRDM_FW_MAX_RDM, 1ULL << 30,
				      &p), 0);
	assert_int_equal(xenrdm_plan_fw_layout(&p, l), 0);
	assert_int_equal(l->nr_rdm, XENRDM_FW_MAX_RDM);
	xenrdm_plan_free(&p);
	assert_int_equal(plan_regions(reg, XENRDM_FW_MAX_RDM + 1, 1ULL << 30,
				      &p), 0);
	assert_int_equal(xenrdm_plan_fw_layout(&p, l), -XENRDM_ERR_NOSPACE);
	xenrdm_plan_free(&p);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_merge),
		cmocka_unit_test(test_layout_too_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
