/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_e820.c - build the guest e820 from a layout, and print it
 * the way hvmloader does.
 */
#include "fw_internal.h"
#include "memrange.h"

/*
 * The next reserved range in (start, k) order after (*last_start, *last_k)
 * (first call: *started false).  O(n) per call, no storage.
 */
static bool next_reserved(const struct xenrdm_fw_layout *l, bool started,
			  uint64_t *last_start, uint32_t *last_k)
{
	uint64_t s, e, best_s = 0;
	uint32_t k, best_k = 0;
	bool found = false;

	for (k = 0; k < FW_NR_FIXED_RESERVED + l->nr_rdm; k++) {
		fw_reserved_range(l, k, &s, &e);
		if (started && (s < *last_start ||
				(s == *last_start && k <= *last_k)))
			continue;
		if (!found || s < best_s) {
			found = true;
			best_s = s;
			best_k = k;
		}
	}
	*last_start = best_s;
	*last_k = best_k;
	return found;
}

int xenrdm_e820_build(const struct xenrdm_fw_layout *l,
		      struct xenrdm_e820entry *tab, uint32_t cap,
		      uint32_t *nr_out)
{
	struct memrange mr;
	uint64_t s, e, ram, carved;
	uint32_t k = 0;
	bool started = false;
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
	s = 0;
	while (next_reserved(l, started, &s, &k)) {
		started = true;
		fw_reserved_range(l, k, &s, &e);
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
	xenrdm_env_log(FW_LOG "e820: %u entries, RAM %08x:%08x, RDM took %08x:%08x\n",
		       mr.nr, FW_HI(ram), FW_LO(ram), FW_HI(carved), FW_LO(carved));
out:
	if (rc == -XENRDM_ERR_NOSPACE)
		xenrdm_env_log(FW_LOG "e820: more than %u entries needed\n", cap);
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
	/* hvmloader's names, indexed by type; others print UNKNOWN. */
	static const char *const names[] = {
		NULL, "RAM", "RESERVED", "ACPI", "NVS",
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
		if (type >= 1 && type <= 4)
			xenrdm_env_log(" [%02u]: %08x:%08x - %08x:%08x: %s\n", i,
				       FW_HI(start), FW_LO(start),
				       FW_HI(end), FW_LO(end), names[type]);
		else
			xenrdm_env_log(" [%02u]: %08x:%08x - %08x:%08x: UNKNOWN (%08x)\n",
				       i, FW_HI(start), FW_LO(start),
				       FW_HI(end), FW_LO(end), type);
		last_end = end;
	}
}
