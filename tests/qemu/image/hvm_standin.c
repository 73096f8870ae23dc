/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/hvm_standin.c - thin stand-ins for the hvmloader
 * symbols the xen-rdm glue needs (hvmloader/util.h): xenstore_read()
 * answered from the fw_cfg xenstore dump, printf() to COM1, hvm_info's
 * memory ends (set by main.c), memory_map as libxl fills it, BUG(), and
 * build_e820_table() as stock e820.c builds it (ACPI off: no NVS entry)
 * followed by the patch series' call into the glue.
 */
#include "util.h"

#include "env.h"
#include "fmt.h"
#include "io.h"
#include "xenrdm_hvmloader.h"

struct hvm_info_table image_hvm_info;
struct e820map memory_map;

int vprintf(const char *fmt, va_list ap)
{
	con_vprintf(fmt, ap);
	return 0;
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	con_vprintf(fmt, ap);
	va_end(ap);
	return 0;
}

const char *xenstore_read(const char *path, const char *default_resp)
{
	return env_xs_read(path, default_resp);
}

/* As hvmloader's util.c. */
bool check_overlap(uint64_t start, uint64_t size,
		   uint64_t reserved_start, uint64_t reserved_size)
{
	return (start + size > reserved_start) &&
	       (start < reserved_start + reserved_size);
}

void __bug(const char *file, int line)
{
	con_printf("*** HVMLoader bug at %s:%d\n", file, line);
	con_printf("XENRDM-RESULT fail: BUG() in hvmloader\n");
	debug_exit(DEBUG_EXIT_FAIL);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void map_add(uint64_t addr, uint64_t end, uint32_t type)
{
	struct e820entry *e = &memory_map.map[memory_map.nr_map++];

	e->addr = addr;
	e->size = end - addr;
	e->type = type;
}

void memory_map_setup(void)
{
	uint64_t low = (uint64_t)hvm_info->low_mem_pgend << 12;
	uint64_t high = (uint64_t)hvm_info->high_mem_pgend << 12;

	memory_map.nr_map = 0;
	map_add(0x100000, low, E820_RAM);
	if (high > 0x100000000ULL)
		map_add(0x100000000ULL, high, E820_RAM);
}

static void put(struct e820entry *e, uint64_t addr, uint64_t end,
		uint32_t type)
{
	e->addr = addr;
	e->size = end - addr;
	e->type = type;
}

int build_e820_table(struct e820entry *e820,
		     unsigned int lowmem_reserved_base,
		     unsigned int bios_image_base)
{
	struct e820entry tmp;
	unsigned int nr = 0, i, j;

	if (!lowmem_reserved_base)
		lowmem_reserved_base = 0xA0000;
	put(&e820[nr++], 0, lowmem_reserved_base, E820_RAM);
	if (lowmem_reserved_base < 0xA0000)
		put(&e820[nr++], lowmem_reserved_base, 0xA0000, E820_RESERVED);
	put(&e820[nr++], bios_image_base, 0x100000, E820_RESERVED);
	/* ACPI off: acpi_mem_end is RESERVED_MEMBASE, no NVS entry, no IGD */
	put(&e820[nr++], 0xFC000000, 0x100000000ULL, E820_RESERVED);
	for (i = 0; i < memory_map.nr_map; i++)
		e820[nr++] = memory_map.map[i];
	for (j = 0; j < nr - 1; j++)
		for (i = j + 1; i < nr; i++)
			if (e820[j].addr > e820[i].addr) {
				tmp = e820[j];
				e820[j] = e820[i];
				e820[i] = tmp;
			}
	/* patches/0004: the xen-rdm ranges on top */
	return xenrdm_hvm_e820_add(e820, nr);
}
