/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_build.c - the e820 from a layout alone (the planner on the
 * host, the tests) and the printer in hvmloader's format.  Not built
 * into hvmloader, which has its own build_e820_table() and
 * dump_e820_table(): the glue adds the ranges to the table stock
 * hvmloader built, through the same xenrdm_e820_add_rdm().
 */
#include "fw_internal.h"

/* Logs "bad layout: WHAT = VALUE (RULE)" and fails. */
static int bad_field(const char *what, uint64_t value, const char *rule)
{
	xenrdm_env_log(FW_LOG "bad layout: %s = %08x:%08x (%s)\n", what,
		       FW_HI(value), FW_LO(value), rule);
	return -XENRDM_ERR_LAYOUT;
}

int fw_layout_check(const struct xenrdm_fw_layout *l)
{
	const struct xenrdm_range *r;
	uint32_t i;

	if (l->lowmem_end < XENRDM_FW_LOWMEM_MIN ||
	    l->lowmem_end > XENRDM_FW_RESERVED_MEMBASE)
		return bad_field("lowmem_end", l->lowmem_end,
				 "must be 2 MiB..0xfc000000");
	if (l->highmem_end < XENRDM_FW_4G ||
	    l->highmem_end > XENRDM_PADDR_LIMIT)
		return bad_field("highmem_end", l->highmem_end,
				 "must be 4 GiB..2^52");
	if (l->lowmem_reserved_base > XENRDM_FW_LOWMEM_RESERVED_BASE)
		return bad_field("lowmem_reserved_base", l->lowmem_reserved_base,
				 "must be 0..0xa0000");
	if (l->bios_image_base < XENRDM_FW_LOWMEM_RESERVED_BASE ||
	    l->bios_image_base > XENRDM_FW_RAM_1M)
		return bad_field("bios_image_base", l->bios_image_base,
				 "must be 0xa0000..1 MiB");
	if (l->nr_rdm > XENRDM_FW_MAX_RDM)
		return bad_field("nr_rdm", l->nr_rdm, "must be 0..124");
	for (i = 0; i < l->nr_rdm; i++) {
		r = &l->rdm[i];
		if (fw_rdm_bad(r)) {
			xenrdm_env_log(FW_LOG "bad layout: rdm[%u] start %08x:%08x"
				       " size %08x:%08x (empty, or ends past 2^52)\n",
				       i, FW_HI(r->start), FW_LO(r->start),
				       FW_HI(r->size), FW_LO(r->size));
			return -XENRDM_ERR_LAYOUT;
		}
	}
	return 0;
}

static void put(struct xenrdm_e820entry *e, uint64_t start, uint64_t end,
		uint32_t type)
{
	e->addr = start;
	e->size = end > start ? end - start : 0;
	e->type = type;
}

int xenrdm_e820_build(const struct xenrdm_fw_layout *l,
		      struct xenrdm_e820entry *tab, uint32_t cap,
		      uint32_t *nr_out)
{
	/* As build_e820_table() and libxl's memory_map; empty ones (no
	 * reserved gap below 640 KiB, no high RAM) are ignored. */
	struct xenrdm_e820entry fixed[6];
	uint64_t low_end;
	int rc;

	rc = fw_layout_check(l);
	if (rc)
		return rc;
	low_end = fw_low_ram_end(l);
	put(&fixed[0], 0, low_end, XENRDM_E820_RAM);
	put(&fixed[1], low_end, XENRDM_FW_LOWMEM_RESERVED_BASE,
	    XENRDM_E820_RESERVED);
	put(&fixed[2], l->bios_image_base, XENRDM_FW_RAM_1M,
	    XENRDM_E820_RESERVED);
	put(&fixed[3], XENRDM_FW_RAM_1M, l->lowmem_end, XENRDM_E820_RAM);
	put(&fixed[4], XENRDM_FW_RESERVED_MEMBASE, XENRDM_FW_4G,
	    XENRDM_E820_RESERVED);
	put(&fixed[5], XENRDM_FW_4G, l->highmem_end, XENRDM_E820_RAM);
	rc = xenrdm_e820_add_rdm(l, fixed, 6, tab, cap, nr_out);
	return rc < 0 ? rc : 0;
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
	uint64_t last_end = 0, start, end;
	const char *name;
	uint32_t i;

	xenrdm_env_log("E820 table:\n");
	for (i = 0; i < nr; i++) {
		start = tab[i].addr;
		end = start + tab[i].size;
		if (start < last_end)
			xenrdm_env_log(" OVERLAP!!\n");
		else if (start > last_end)
			xenrdm_env_log(" HOLE: %08x:%08x - %08x:%08x\n",
				       FW_HI(last_end), FW_LO(last_end),
				       FW_HI(start), FW_LO(start));
		switch (tab[i].type) {
		case XENRDM_E820_RAM:      name = "RAM"; break;
		case XENRDM_E820_RESERVED: name = "RESERVED"; break;
		case XENRDM_E820_ACPI:     name = "ACPI"; break;
		case XENRDM_E820_NVS:      name = "NVS"; break;
		default:                   name = "UNKNOWN"; break;
		}
		xenrdm_env_log(" [%02u]: %08x:%08x - %08x:%08x: %s\n", i,
			       FW_HI(start), FW_LO(start), FW_HI(end), FW_LO(end),
			       name);
		last_end = end;
	}
}
