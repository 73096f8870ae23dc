/* SPDX-License-Identifier: MIT */
/* tests/qemu/common/guest_e820.c - the shared flow (see guest_e820.h). */
#include "guest_e820.h"

#include "env.h"
#include "fmt.h"
#include "fw_cfg.h"

/* Generous: a domain home holds far fewer keys than this; a bigger dump
 * is refused rather than cut, because a cut dump could silently lose
 * keys. */
#define DUMP_MAX (256u * 1024u)
#define QEMU_E820_MAX 64

/* QEMU's etc/e820 entry: little-endian, packed, like struct e820entry. */
struct qemu_e820_entry {
	uint64_t address;
	uint64_t length;
	uint32_t type;
} __attribute__((packed));

static char dump_buf[DUMP_MAX];
static struct xenrdm_fw_layout layout;
static struct qemu_e820_entry qemu_map[QEMU_E820_MAX];

static int fail(const char *why)
{
	con_printf("XENRDM-RESULT fail: %s\n", why);
	return -1;
}

static int load_dump(void)
{
	uint16_t sel;
	uint32_t size;

	if (!fw_cfg_find(FW_CFG_XENSTORE_DUMP, &sel, &size))
		return fail("fw_cfg file " FW_CFG_XENSTORE_DUMP " missing "
			    "(QEMU needs -fw_cfg name=" FW_CFG_XENSTORE_DUMP
			    ",file=DUMP)");
	if (size > DUMP_MAX) {
		con_printf("xenstore dump is %u bytes, more than %u\n",
			   size, DUMP_MAX);
		return fail("xenstore dump too large");
	}
	fw_cfg_read(sel, dump_buf, size);
	if (env_xs_open(dump_buf, size) < 0)
		return fail("no /local/domain/<n>/ line in the xenstore dump");
	con_printf("xenstore dump: %u bytes, domain home %s\n", size,
		   env_xs_home());
	return 0;
}

/* Reads QEMU's RAM map; returns the number of entries or -1. */
static int load_qemu_map(void)
{
	uint16_t sel;
	uint32_t size, n;

	if (!fw_cfg_find(FW_CFG_QEMU_E820, &sel, &size))
		return fail("fw_cfg file " FW_CFG_QEMU_E820 " missing: cannot "
			    "tell which RAM this virtual machine has");
	n = size / sizeof(struct qemu_e820_entry);
	if (n > QEMU_E820_MAX)
		n = QEMU_E820_MAX;
	fw_cfg_read(sel, qemu_map, n * sizeof(struct qemu_e820_entry));
	return (int)n;
}

/* Is [start, end) covered by QEMU's RAM entries (type 1)? */
static int backed_by_qemu_ram(int nq, uint64_t start, uint64_t end)
{
	uint64_t pos = start;
	int i, progressed = 1;

	while (pos < end && progressed) {
		progressed = 0;
		for (i = 0; i < nq; i++) {
			uint64_t a = qemu_map[i].address;
			uint64_t b = a + qemu_map[i].length;

			if (qemu_map[i].type == XENRDM_E820_RAM && a <= pos &&
			    pos < b) {
				pos = b;
				progressed = 1;
				break;
			}
		}
	}
	return pos >= end;
}

int guest_e820_is_ram(const struct xenrdm_e820entry *tab, uint32_t nr,
		      uint64_t start, uint64_t end)
{
	uint32_t i;

	for (i = 0; i < nr; i++)
		if (tab[i].type == XENRDM_E820_RAM && tab[i].addr <= start &&
		    end <= tab[i].addr + tab[i].size)
			return 1;
	return 0;
}

static void print_marker(const struct xenrdm_fw_layout *l,
			 const struct xenrdm_e820entry *tab, uint32_t nr)
{
	uint32_t i;

	con_printf("XENRDM-LAYOUT lowmem_end=0x%llx highmem_end=0x%llx "
		   "nr_rdm=%u nr_skipped=%u\n",
		   (unsigned long long)l->lowmem_end,
		   (unsigned long long)l->highmem_end,
		   l->nr_rdm, l->nr_skipped);
	con_printf("XENRDM-E820 n=%u", nr);
	for (i = 0; i < nr; i++)
		con_printf(" %llx-%llx:%u", (unsigned long long)tab[i].addr,
			   (unsigned long long)(tab[i].addr + tab[i].size),
			   tab[i].type);
	con_printf("\n");
}

static int nr_qemu_map;

int guest_e820_load(void)
{
	if (!fw_cfg_present())
		return fail("no QEMU fw_cfg device (signature not \"QEMU\")");
	if (load_dump() < 0)
		return -1;
	nr_qemu_map = load_qemu_map();
	return nr_qemu_map < 0 ? -1 : 0;
}

int guest_e820_finish(const struct xenrdm_fw_layout *l,
		      const struct xenrdm_e820entry *tab, uint32_t nr)
{
	int nq = nr_qemu_map, rc;
	uint32_t i;

	xenrdm_e820_print(tab, nr);
	print_marker(l, tab, nr);
	if (xenrdm_memmap_check(l, tab, nr) < 0)
		return fail("xenrdm_memmap_check rejected the table");

	/* Safety: never hand a guest RAM the virtual machine lacks. */
	for (i = 0; i < nr; i++) {
		uint64_t end = tab[i].addr + tab[i].size;

		if (tab[i].type != XENRDM_E820_RAM ||
		    backed_by_qemu_ram(nq, tab[i].addr, end))
			continue;
		con_printf("refusing: e820 RAM [0x%llx, 0x%llx) is not RAM in "
			   "QEMU's own map (fw_cfg etc/e820); give QEMU more "
			   "memory (-m, max-ram-below-4g)\n",
			   (unsigned long long)tab[i].addr,
			   (unsigned long long)end);
		for (rc = 0; rc < nq; rc++)
			con_printf("  QEMU e820: 0x%llx-0x%llx type %u\n",
				   (unsigned long long)qemu_map[rc].address,
				   (unsigned long long)(qemu_map[rc].address +
							qemu_map[rc].length),
				   qemu_map[rc].type);
		return fail("e820 RAM not backed by the virtual machine");
	}
	return 0;
}

const struct guest_bios *guest_bios_detect(void)
{
	static const struct guest_bios bioses[] = {
		{ "rombios", 0x9E000, 0xE0000, XENRDM_BIOS_E820_KEEP_ROMBIOS },
		{ "seabios", 0, 0xC0000, XENRDM_BIOS_E820_KEEP_SEABIOS },
		{ "ovmf", 0, 0xF0000, XENRDM_BIOS_E820_KEEP_OVMF },
	};
	const char *bios = env_xs_read("hvmloader/bios", "rombios");
	unsigned int i, k;

	for (i = 0; i < sizeof(bioses) / sizeof(bioses[0]); i++) {
		for (k = 0; bios[k] && bios[k] == bioses[i].key[k]; k++)
			;
		if (bios[k] == bioses[i].key[k])
			return &bioses[i];
	}
	con_printf("Unknown BIOS %s, no ROM image found\n", bios);
	return NULL;
}

int guest_e820_run(uint64_t lowmem_end, uint64_t highmem_end,
		   struct xenrdm_e820entry *tab, uint32_t cap, uint32_t *nr)
{
	const struct guest_bios *bios;
	int rc;

	if (guest_e820_load() < 0)
		return -1;
	bios = guest_bios_detect();
	if (!bios)
		return fail("hvmloader/bios names no BIOS hvmloader knows");
	xenrdm_fw_layout_init(&layout, lowmem_end, highmem_end);
	layout.lowmem_reserved_base = bios->lowmem_reserved_base;
	layout.bios_image_base = bios->bios_image_base;
	rc = xenrdm_fw_read(&layout);
	if (rc < 0) {
		con_printf("xenrdm_fw_read: error %d\n", rc);
		return fail("the RDM keys could not be read");
	}
	rc = xenrdm_e820_build(&layout, tab, cap, nr);
	if (rc < 0) {
		con_printf("xenrdm_e820_build: error %d\n", rc);
		return fail("the e820 could not be built");
	}
	return guest_e820_finish(&layout, tab, *nr);
}
