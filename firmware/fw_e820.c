/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_e820.c - build the guest e820 from a layout, and print it
 * the way hvmloader does.
 */
#include "fw_internal.h"
#include "memrange.h"

/*
 * The layout's ranges (fw_range()) are taken reserved before RAM, each
 * kind in ascending (start, k) order, encoded in one key: a valid layout
 * has every start below 2^52 and k below 2^8, and a RAM range gets 2^53
 * added to its start, so (start [+ 2^53]) << 8 | k is unique, below 2^62,
 * and orders the same way.  Returns the smallest key at or above min, or
 * ~0 when none is left.
 */
#define KEY_BITS 8
_Static_assert(FW_NR_FIXED + XENRDM_FW_MAX_RDM <= 1u << KEY_BITS,
	       "k must fit in the key");

static uint64_t next_range(const struct xenrdm_fw_layout *l, uint64_t min)
{
	uint64_t s, e, key, best = ~0ULL;
	uint32_t k;

	for (k = 0; k < FW_NR_FIXED + l->nr_rdm; k++) {
		fw_range(l, k, &s, &e);
		if (k < FW_NR_RAM)
			s += 1ULL << 53;
		key = s << KEY_BITS | k;
		if (key >= min && key < best)
			best = key;
	}
	return best;
}

int xenrdm_e820_build(const struct xenrdm_fw_layout *l,
		      struct xenrdm_e820entry *tab, uint32_t cap,
		      uint32_t *nr_out)
{
	struct memrange mr;
	uint64_t s, e, ram, carved, key = 0;
	uint32_t k;
	int rc;

	rc = fw_layout_check(l);
	if (rc)
		return rc;
	memrange_init(&mr, tab, cap);

	/*
	 * Reserved first, in ascending start order: each range then either
	 * extends the last reserved block or opens a new one, so the count
	 * only grows and never passes the final one; a table that can hold
	 * the result never fails half way.  (For a reserved range, filling
	 * is setting: all that is there yet is reserved.)  Then RAM, in
	 * ascending order, fills only what is left, so reserved always wins.
	 */
	while ((key = next_range(l, key)) != ~0ULL) {
		k = (uint32_t)key & ((1u << KEY_BITS) - 1);
		fw_range(l, k, &s, &e);
		rc = memrange_fill(&mr, s, e, k < FW_NR_RAM ?
				   XENRDM_E820_RAM : XENRDM_E820_RESERVED);
		if (rc) {
			xenrdm_env_log(FW_LOG "e820: over %u entries\n", cap);
			return rc;
		}
		key++;
	}

	*nr_out = mr.nr;
	ram = xenrdm_e820_ram_total(tab, mr.nr);
	carved = fw_layout_ram(l) - ram;
	xenrdm_env_log(FW_LOG "e820: RAM %08x:%08x, RDM took %08x:%08x\n",
		       FW_HI(ram), FW_LO(ram), FW_HI(carved), FW_LO(carved));
	return 0;
}

uint64_t xenrdm_e820_ram_total(const struct xenrdm_e820entry *tab,
			       uint32_t nr)
{
	uint64_t total = 0;
	uint32_t i;

	for (i = 0; i < nr; i++)
		if (tab[i].type == XENRDM_E820_RAM)
			total += tab[i].size;
	return total;
}

void xenrdm_e820_print(const struct xenrdm_e820entry *tab, uint32_t nr)
{
	/* hvmloader's names, indexed by type.  hvmloader adds the number of
	 * an unknown type; the builder never makes one, so it is left out. */
	static const char names[][9] = {
		"UNKNOWN", "RAM", "RESERVED", "ACPI", "NVS",
	};
	uint64_t last_end = 0, start, end;
	uint32_t i, type;

	xenrdm_env_log("E820 table:\n");
	for (i = 0; i < nr; i++) {
		start = tab[i].addr;
		end = start + tab[i].size;
		type = tab[i].type;
		if (start < last_end)
			xenrdm_env_log(" OVERLAP!!\n");
		else if (start > last_end)
			xenrdm_env_log(" HOLE: %08x:%08x - %08x:%08x\n",
				       FW_HI(last_end), FW_LO(last_end),
				       FW_HI(start), FW_LO(start));
		xenrdm_env_log(" [%02u]: %08x:%08x - %08x:%08x: %s\n", i,
			       FW_HI(start), FW_LO(start), FW_HI(end), FW_LO(end),
			       names[type <= 4 ? type : 0]);
		last_end = end;
	}
}
