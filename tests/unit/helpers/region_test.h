/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/helpers/region_test.h - the expected-regions table of the
 * source parsers' tests (DMAR/IVRS, --xen) and its one checker.
 */
#ifndef XENRDM_TEST_REGION_TEST_H
#define XENRDM_TEST_REGION_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "xenrdm/sources.h"

struct want_region {
	uint64_t start, size;
	int has_sbdf;
	xenrdm_sbdf sbdf, sbdf_last;
};

#define HOST(s, z)             { (s), (z), 0, 0, 0 }
#define DEV(s, z, sg, b, d, f) { (s), (z), 1, XENRDM_SBDF(sg, b, d, f), 0 }
/* a device range first..last (packed SBDFs), kept as one region */
#define RANGE(s, z, first, last) { (s), (z), 1, (first), (last) }

/* The list must be exactly want[0..nr_want), in order; otherwise print
 * both lists under NAME and fail the cmocka test. */
void check_regions(const char *name, const struct xenrdm_region_list *l,
		   const struct want_region *want, size_t nr_want);

#endif
