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

/* The fixed reserved ranges come first, then l->rdm: k in
 * [0, FW_NR_FIXED_RESERVED + l->nr_rdm). */
#define FW_NR_FIXED_RESERVED 3u
/* The layout's RAM ranges: k in [0, FW_NR_RAM). */
#define FW_NR_RAM 3u

/* Reserved range k as [*start, *end); may be empty (start >= end). */
void fw_reserved_range(const struct xenrdm_fw_layout *l, uint32_t k,
		       uint64_t *start, uint64_t *end);
/* RAM range k of the layout as [*start, *end); may be empty. */
void fw_ram_range(const struct xenrdm_fw_layout *l, uint32_t k,
		  uint64_t *start, uint64_t *end);
/* 0, or logs the first bad field and returns -XENRDM_ERR_LAYOUT. */
int fw_layout_check(const struct xenrdm_fw_layout *l);
/* The layout's RAM before any RDM is carved out. */
uint64_t fw_layout_ram(const struct xenrdm_fw_layout *l);

#endif /* XENRDM_FW_INTERNAL_H */
