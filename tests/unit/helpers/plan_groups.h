/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/helpers/plan_groups.h - the groups a plan's valid ranges
 * merge into (overlapping or touching ones are one), counted from the
 * plan alone, for the tests' own e820 and ABI counts (rule 6).  Header
 * only: the unit tests and the fuzz targets include it.
 */
#ifndef XENRDM_TEST_PLAN_GROUPS_H
#define XENRDM_TEST_PLAN_GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "xenrdm/xenrdm.h"

/*
 * Returns how many groups there are (the ranges the xenstore ABI
 * carries).  *boot (may be NULL): how many of them take an e820 entry of
 * their own at boot; a group starting at 4 GiB (there is no high RAM
 * then) joins hvmloader's RESERVED entry that ends there.
 */
static inline size_t plan_valid_groups(const struct xenrdm_plan *p,
				       size_t *boot)
{
	uint64_t end = 0;
	size_t i, groups = 0, own = 0;

	for (i = 0; i < p->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &p->rdms[i];

		if (d->state != XENRDM_STATE_VALID)
			continue;
		if (!groups || d->start > end) {
			groups++;
			own += d->start != XENRDM_4G;
		}
		if (d->start + d->size > end)
			end = d->start + d->size;
	}
	if (boot)
		*boot = own;
	return groups;
}

#endif
