/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_dom.c - xenrdm_dom_fill(): plan -> the libxenguest
 * domain builder's mmio_start/mmio_size/lowmem_end/highmem_end.
 * Expected values come from the rules in xenrdm/dom.h (libxl's
 * convention: no RAM above 4 GiB is highmem_end 0), not from the code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xenctrl.h>
#include <xenguest.h>

#include "xenrdm/dom.h"

#define G4 0x100000000ULL
#define MMIO256 0xF0000000ULL           /* 4 GiB - 256 MiB */
#define SENTINEL 0xA5A5A5A5A5A5A5A5ULL

struct dom_case {
	const char *name;
	uint64_t mmio_start, mmio_size, lowmem_end, highmem_end;
	size_t nr_conflict;
	int want_rc;
	const char *want_err;           /* substring of the message */
	uint64_t want_low, want_high;   /* when want_rc == 0 */
};

static const struct dom_case cases[] = {
	{ "2 GiB guest, no high RAM: highmem_end 0 as libxl",
	  MMIO256, 0x10000000, 0x80000000, G4, 0, 0, NULL, 0x80000000, 0 },
	{ "high RAM one page above 4 GiB kept",
	  MMIO256, 0x10000000, MMIO256, G4 + 0x1000, 0, 0, NULL,
	  MMIO256, G4 + 0x1000 },
	{ "lowmem_end exactly mmio_start",
	  MMIO256, 0x10000000, MMIO256, 0x110000000ULL, 0, 0, NULL,
	  MMIO256, 0x110000000ULL },
	{ "lowmem_end at 1 MiB (smallest)",
	  MMIO256, 0x10000000, 0x100000, G4, 0, 0, NULL, 0x100000, 0 },
	{ "3840 MiB hole",
	  0x10000000, 0xF0000000, 0x10000000, 0x1F0000000ULL, 0, 0, NULL,
	  0x10000000, 0x1F0000000ULL },
	{ "lowmem_end one page past mmio_start",
	  MMIO256, 0x10000000, MMIO256 + 0x1000, G4, 0, -XENRDM_ERR_LAYOUT,
	  "lowmem_end 0xf0001000", 0, 0 },
	{ "lowmem_end below 1 MiB",
	  MMIO256, 0x10000000, 0xFF000, G4, 0, -XENRDM_ERR_LAYOUT,
	  "lowmem_end 0xff000", 0, 0 },
	{ "lowmem_end off by one byte",
	  MMIO256, 0x10000000, 0x80000001, G4, 0, -XENRDM_ERR_LAYOUT,
	  "lowmem_end 0x80000001", 0, 0 },
	{ "highmem_end one page below 4 GiB",
	  MMIO256, 0x10000000, 0x80000000, G4 - 0x1000, 0, -XENRDM_ERR_LAYOUT,
	  "highmem_end 0xfffff000", 0, 0 },
	{ "highmem_end 0 is not the plan's convention",
	  MMIO256, 0x10000000, 0x80000000, 0, 0, -XENRDM_ERR_LAYOUT,
	  "highmem_end 0x0", 0, 0 },
	{ "mmio_start not 4 GiB - mmio_size",
	  0xE0000000, 0x10000000, 0x80000000, G4, 0, -XENRDM_ERR_LAYOUT,
	  "mmio_start 0xe0000000", 0, 0 },
	{ "mmio_size 0",
	  G4, 0, 0x80000000, G4, 0, -XENRDM_ERR_LAYOUT, "mmio_size 0x0", 0, 0 },
	{ "mmio_size above 4 GiB would wrap mmio_start",
	  0xFFFFFFFFF0000000ULL, G4 + 0x10000000, 0x80000000, G4, 0,
	  -XENRDM_ERR_LAYOUT, "mmio_size 0x110000000", 0, 0 },
	{ "strict conflict",
	  MMIO256, 0x10000000, 0x80000000, G4, 2, -XENRDM_ERR_CONFLICT,
	  "2 strict RDM conflicts", 0, 0 },
};

static void test_dom_fill_table(void **state)
{
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dom_case *c = &cases[i];
		struct xenrdm_plan plan;
		struct xc_dom_image *dom = malloc(sizeof(*dom));
		char err[256] = "";
		int rc;

		assert_non_null(dom);
		memset(&plan, 0, sizeof(plan));
		plan.mmio_start = c->mmio_start;
		plan.mmio_size = c->mmio_size;
		plan.lowmem_end = c->lowmem_end;
		plan.highmem_end = c->highmem_end;
		plan.nr_conflict = c->nr_conflict;
		memset(dom, 0xA5, sizeof(*dom));

		rc = xenrdm_dom_fill(dom, &plan, err, sizeof(err));
		if (rc != c->want_rc) {
			printf("FAIL %s: expected rc %d, got %d (%s)\n",
			       c->name, c->want_rc, rc, err);
			failed++;
		} else if (rc == 0 &&
			   (dom->mmio_start != c->mmio_start ||
			    dom->mmio_size != c->mmio_size ||
			    dom->lowmem_end != c->want_low ||
			    dom->highmem_end != c->want_high)) {
			printf("FAIL %s: expected mmio %#llx+%#llx low %#llx "
			       "high %#llx, got %#llx+%#llx low %#llx high "
			       "%#llx\n", c->name,
			       (unsigned long long)c->mmio_start,
			       (unsigned long long)c->mmio_size,
			       (unsigned long long)c->want_low,
			       (unsigned long long)c->want_high,
			       (unsigned long long)dom->mmio_start,
			       (unsigned long long)dom->mmio_size,
			       (unsigned long long)dom->lowmem_end,
			       (unsigned long long)dom->highmem_end);
			failed++;
		} else if (rc != 0 &&
			   (dom->lowmem_end != SENTINEL ||
			    dom->highmem_end != SENTINEL ||
			    dom->mmio_start != SENTINEL ||
			    dom->mmio_size != SENTINEL ||
			    !strstr(err, c->want_err))) {
			printf("FAIL %s: expected dom untouched and a message "
			       "with '%s', got '%s'\n", c->name, c->want_err,
			       err);
			failed++;
		}
		free(dom);
	}
	assert_int_equal(failed, 0);
}

/* A NULL err is allowed. */
static void test_dom_fill_null_err(void **state)
{
	struct xenrdm_plan plan;
	struct xc_dom_image *dom = calloc(1, sizeof(*dom));

	(void)state;
	assert_non_null(dom);
	memset(&plan, 0, sizeof(plan));
	plan.nr_conflict = 1;
	assert_int_equal(xenrdm_dom_fill(dom, &plan, NULL, 0),
			 -XENRDM_ERR_CONFLICT);
	free(dom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dom_fill_table),
		cmocka_unit_test(test_dom_fill_null_err),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
