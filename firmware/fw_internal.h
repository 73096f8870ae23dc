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

/* A half-open address range [start, end). */
struct fw_span {
	uint64_t start;
	uint64_t end;
};

/* The end of the RAM below 640 KiB: lowmem_reserved_base, where 0 means
 * 0xA0000 as in hvmloader's build_e820_table(). */
uint64_t fw_low_ram_end(const struct xenrdm_fw_layout *l);

/* RDM entry r as [start, end); r must not be fw_rdm_bad(). */
static inline struct fw_span fw_rdm_span(const struct xenrdm_range *r)
{
	struct fw_span s = { r->start, r->start + r->size };

	return s;
}

/*
 * An RDM entry that is empty, wraps past 2^64, or ends above
 * XENRDM_PADDR_LIMIT: with last = size - 1 (~0 for size 0), start and
 * last must both lie below the limit, and then their sum cannot wrap and
 * must too.
 */
bool fw_rdm_bad(const struct xenrdm_range *r);
/* 0, or logs the first bad field by name and returns -XENRDM_ERR_LAYOUT. */
int fw_layout_check(const struct xenrdm_fw_layout *l);
#endif /* XENRDM_FW_INTERNAL_H */
