/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/remedy_text.h - the words for the library's remedies
 * (xenrdm/remedy.h returns data; the command writes the sentences).
 */
#ifndef XENRDM_CLI_REMEDY_TEXT_H
#define XENRDM_CLI_REMEDY_TEXT_H

#include "xenrdm/remedy.h"

/* The xl.cfg key the remedy changes: "memory", "pci", ... */
const char *remedy_option(const struct xenrdm_remedy *r);

/* The new value as typed in xl.cfg: MiB in decimal for the sizes; for
 * rdm_policy and pci the devices as "SSSS:BB:DD.F", space-separated; for
 * rdm the rdm= string.  Allocated (free()); NULL when out of memory. */
char *remedy_value(const struct xenrdm_remedy *r);

/* The change as it reads in xl.cfg: "rdm_mem_boundary = 2700", "remove
 * 0000:00:02.0 from pci = [...]".  Allocated; NULL when out of memory. */
char *remedy_change(const struct xenrdm_remedy *r);

/* What the guest loses, in two or three words ("costs nothing", "costs
 * RAM", "risks guest RAM", "costs the device"), for the plan the remedy
 * is for: a region left out in hvmloader's area (never RAM) costs
 * nothing. */
const char *remedy_cost(const struct xenrdm_remedy *r,
			const struct xenrdm_plan *plan);

/* Order the remedies by what the guest loses: nothing (RAM moves above
 * 4 GiB), the host's other regions, RAM, the safety of guest RAM, a
 * device.  Stable: the library's order within a rank. */
void remedies_rank(struct xenrdm_remedies *rem, const struct xenrdm_plan *plan);

/* One sentence: the cost first ("costs nothing: ..."), then what changes.
 * Allocated; NULL when out of memory. */
char *remedy_effect(const struct xenrdm_remedy *r,
		    const struct xenrdm_plan *plan);

#endif /* XENRDM_CLI_REMEDY_TEXT_H */
