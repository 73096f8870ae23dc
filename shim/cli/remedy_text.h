/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/remedy_text.h - the words for the library's remedies
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

/* One sentence: what it changes, its cost.  Allocated; NULL when out of
 * memory. */
char *remedy_effect(const struct xenrdm_remedy *r);

#endif /* XENRDM_CLI_REMEDY_TEXT_H */
