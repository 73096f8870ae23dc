/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/e820_out.c - the host-side e820 printers (e820_out.h).
 * The hvmloader format is the firmware's own xenrdm_e820_print() with its
 * log going to the FILE, so host and guest cannot drift apart.
 */
#include <inttypes.h>

#include "cli.h"
#include "e820_out.h"
#include "render.h"
#include "xenrdm/fw_host.h"
#include "xenrdm/xenrdm.h"

static void to_file(void *opaque, const char *text)
{
	fputs(text, opaque);
}

void e820_out_hvmloader(FILE *f, const struct xenrdm_e820entry *tab,
			uint32_t nr)
{
	const struct xenrdm_fw_env env = { .log = to_file, .log_opaque = f };

	xenrdm_fw_host_e820_print(&env, tab, nr);
}

/* Linux's names (arch/x86/kernel/e820.c prints these). */
static const char *linux_type_name(uint32_t type)
{
	switch (type) {
	case XENRDM_E820_RAM:      return "usable";
	case XENRDM_E820_RESERVED: return "reserved";
	case XENRDM_E820_ACPI:     return "ACPI data";
	case XENRDM_E820_NVS:      return "ACPI NVS";
	case XENRDM_E820_UNUSABLE: return "unusable";
	default:                   return NULL;
	}
}

void e820_out_table(FILE *f, const struct xenrdm_e820entry *tab, uint32_t nr)
{
	char range[CLI_RANGE_LEN], size[24];
	uint32_t i;

	for (i = 0; i < nr; i++) {
		const char *name = linux_type_name(tab[i].type);

		fprintf(f, "  %s  %9s  ", cli_range(tab[i].addr, tab[i].size,
						     range),
			render_size(tab[i].size, size));
		if (tab[i].type == XENRDM_E820_RAM)
			fputs("RAM\n", f);
		else if (name)
			fprintf(f, "%s\n", name);
		else
			fprintf(f, "type %" PRIu32 "\n", tab[i].type);
	}
}

void e820_out_linux(FILE *f, const struct xenrdm_e820entry *tab, uint32_t nr)
{
	uint32_t i;

	for (i = 0; i < nr; i++) {
		const char *name = linux_type_name(tab[i].type);

		/* END is inclusive in Linux's format. */
		fprintf(f, "BIOS-e820: [mem 0x%016" PRIx64 "-0x%016" PRIx64 "] ",
			tab[i].addr, tab[i].addr + tab[i].size - 1);
		if (name)
			fprintf(f, "%s\n", name);
		else
			fprintf(f, "type %" PRIu32 "\n", tab[i].type);
	}
}

void e820_out_json(struct json_writer *w, const char *key,
		   const struct xenrdm_e820entry *tab, uint32_t nr)
{
	uint32_t i;

	json_array_begin(w, key);
	for (i = 0; i < nr; i++) {
		json_object_begin(w, NULL);
		json_u64(w, "start", tab[i].addr);
		json_u64(w, "size", tab[i].size);
		json_string(w, "type", xenrdm_e820_type_name(tab[i].type));
		json_object_end(w);
	}
	json_array_end(w);
}
