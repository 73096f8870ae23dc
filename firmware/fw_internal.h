/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_internal.h - internal: what the firmware's files share about
 * a layout.  Not installed, not part of the API.
 */
#ifndef XENRDM_FW_INTERNAL_H
#define XENRDM_FW_INTERNAL_H

#include "xenrdm/firmware.h"

/* Log prefix: every line the module prints starts with it. */
#define FW_LOG "xen-rdm: "
/* A 64-bit value as hvmloader prints one: "%08x:%08x" (its printf has no
 * 64-bit conversion). */
#define FW_HI(v) ((uint32_t)((v) >> 32))
#define FW_LO(v) ((uint32_t)(v))

/* The layout's ranges, k in [0, FW_NR_FIXED + l->nr_rdm): first the RAM
 * ones (k < FW_NR_RAM), then the fixed reserved ones, then l->rdm. */
#define FW_NR_RAM 3u
#define FW_NR_FIXED 6u

/* Range k of the layout as [*start, *end); may be empty (start >= end). */
void fw_range(const struct xenrdm_fw_layout *l, uint32_t k,
	      uint64_t *start, uint64_t *end);
/* RAM range k (k < FW_NR_RAM) of the layout as [*start, *end). */
static inline void fw_ram_range(const struct xenrdm_fw_layout *l, uint32_t k,
				uint64_t *start, uint64_t *end)
{
	fw_range(l, k, start, end);
}
/*
 * An RDM entry that is empty, wraps past 2^64, or ends above
 * XENRDM_PADDR_LIMIT, in two tests: with last = size - 1 (~0 for size 0),
 * start and last must both lie below the limit, and then their sum cannot
 * wrap and must too.
 */
bool fw_rdm_bad(const struct xenrdm_range *r);
/* 0, or logs the first bad field and returns -XENRDM_ERR_LAYOUT. */
int fw_layout_check(const struct xenrdm_fw_layout *l);
/* The layout's RAM before any RDM is carved out. */
uint64_t fw_layout_ram(const struct xenrdm_fw_layout *l);

#endif /* XENRDM_FW_INTERNAL_H */
