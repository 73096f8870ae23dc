/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/fmt.c - the one way the command writes an address range, an
 * address and a region's fate, in every table and message:
 *
 *   [mem 0x00000000ab800000-0x00000000af9fffff]   Linux's notation: 16
 *                                                  hex digits, END inclusive
 *   0x00000000a9c00000                             a single address
 *   valid | dropped | conflict                     a region's fate (text,
 *                                                  JSON, map and SVG)
 *
 * Sizes are binary units (render_size: "4 KiB", "66 MiB", "2.65 GiB").
 * Only `xen-rdm e820 --hvmloader` (hvmloader's own log lines, to compare
 * with a guest's serial log) and --linux (Linux's BIOS-e820 lines) print
 * a foreign format, on purpose.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

const char *cli_range(uint64_t start, uint64_t size, char buf[CLI_RANGE_LEN])
{
	snprintf(buf, CLI_RANGE_LEN, "[mem 0x%016" PRIx64 "-0x%016" PRIx64 "]",
		 start, size ? start + size - 1 : start);
	return buf;
}

const char *cli_addr(uint64_t addr, char buf[CLI_ADDR_LEN])
{
	snprintf(buf, CLI_ADDR_LEN, "0x%016" PRIx64, addr);
	return buf;
}


const char *cli_reason(enum xenrdm_reason r)
{
	switch (r) {
	case XENRDM_REASON_NONE:      return "";
	case XENRDM_REASON_LOWMEM:
		return "overlaps low RAM and starts at or below rdm_mem_boundary";
	case XENRDM_REASON_HIGHMEM:   return "overlaps RAM above 4 GiB";
	case XENRDM_REASON_HVMLOADER:
		return "overlaps hvmloader's reserved area [mem "
		       "0x00000000fc000000-0x00000000ffffffff], never RAM";
	}
	return "?";
}
