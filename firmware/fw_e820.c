/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_e820.c - build the guest e820 from a layout, and print it
 * the way hvmloader does.
 */
#include "fw_internal.h"
#include "memrange.h"

/*
 * Reserved ranges are taken in ascending (start, k) order, encoded in one
 * key: a valid layout has every start below 2^52 and k below 2^7, so
 * start << 7 | k is unique and orders the same way.  Returns the smallest
 * key above last (any key when first), or ~0 when none is left.
 */
#define KEY_BITS 7
_Static_assert(FW_NR_FIXED_RESERVED + XENRDM_FW_MAX_RDM <= 1u << KEY_BITS,
	       "k must fit in the key");

static uint64_t next_reserved(const struct xenrdm_fw_layout *l, bool first,
			      uint64_t last)
{
	uint64_t s, e, key, best = ~0ULL;
	uint32_t k;

	for (k = 0; k < FW_NR_FIXED_RESERVED + l->nr_rdm; k++) {
		fw_reserved_range(l, k, &s, &e);
		key = s << KEY_BITS | k;
		if ((first || key > last) && key < best)
			best = key;
	}
	return best;
}

int xenrdm_e820_build(const struct xenrdm_fw_layout *l,
		      struct xenrdm_e820entry *tab, uint32_t cap,
		      uint32_t *nr_out)
{
	struct memrange mr;
	uint64_t s, e, ram, carved, key;
	uint32_t k;
	bool first = true;
	int rc;

	rc = fw_layout_check(l);
	if (rc)
		goto out;
	memrange_init(&mr, tab, cap);

	/*
	 * Reserved first, in ascending start order: each range then either
	 * extends the last reserved block or opens a new one, so the count
	 * only grows and never passes the final one; a table that can hold
	 * the result never fails half way.  Reserved always wins because
	 * RAM only fills what is left.
	 */
	key = 0;
	while ((key = next_reserved(l, first, key)) != ~0ULL) {
		first = false;
		fw_reserved_range(l, (uint32_t)key & ((1u << KEY_BITS) - 1),
				  &s, &e);
		rc = memrange_set(&mr, s, e, XENRDM_E820_RESERVED);
		if (rc)
			goto out;
	}
	for (k = 0; k < FW_NR_RAM; k++) {
		fw_ram_range(l, k, &s, &e);
		rc = memrange_fill(&mr, s, e, XENRDM_E820_RAM);
		if (rc)
			goto out;
	}

	*nr_out = mr.nr;
	ram = xenrdm_e820_ram_total(tab, mr.nr);
	carved = fw_layout_ram(l) - ram;
	xenrdm_env_log(FW_LOG "e820: RAM %08x:%08x, RDM took %08x:%08x\n",
		       FW_HI(ram), FW_LO(ram), FW_HI(carved), FW_LO(carved));
out:
	if (rc == -XENRDM_ERR_NOSPACE)
		xenrdm_env_log(FW_LOG "e820: over %u entries\n", cap);
	return rc;
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
	static const char *const names[] = {
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
