/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/main.c - the QEMU test image, a stand-in for
 * hvmloader that runs the xen-rdm glue (firmware/hvmloader/
 * xenrdm_hvmloader.c) in hvmloader's order, over thin stand-ins for
 * hvmloader itself (hvm_standin.c): xenstore from the fw_cfg dump,
 * memory_map_setup(), detect_bios() from hvmloader/bios, the keys read
 * before where pci_setup() would run, the BIOS's e820 limit, then
 * build_e820_table() with the glue's ranges on top.  The table is
 * checked (common/guest_e820.c); then QEMU exits with the verdict or,
 * when QEMU passed a bzImage as a multiboot module (-initrd), Linux
 * starts on that table.  Everything here is built with hvmloader's flags
 * (qemu.mk), like the glue and the module archive.
 *
 * The multiboot command line (QEMU -append) carries what hvm_info tells
 * hvmloader:  lowmem_end=0x... highmem_end=0x...
 * Without them both ends come from xenstore's lowmem-end/highmem-end.
 */
#include <stdint.h>

#include "fmt.h"
#include "guest_e820.h"
#include "io.h"
#include "linux_boot.h"
#include "multiboot.h"
#include "serial.h"
#include "util.h"
#include "xenrdm/firmware.h"
#include "xenrdm_hvmloader.h"

/* Called by entry.asm with its arguments on the stack. */
void image_main(uint32_t magic, const struct multiboot_info *mbi);

void console_write(const char *s, size_t n)
{
	serial_write(SERIAL_COM1, s, n);
}

/* As seabios.c/ovmf.c's scratch table after patches/0005. */
static struct e820entry e820[XENRDM_HVM_E820_SCRATCH];

static __attribute__((noreturn)) void finish(int pass)
{
	con_printf("XENRDM-RESULT %s\n", pass ? "pass" : "fail");
	debug_exit(pass ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL);
	/* Only reached without -device isa-debug-exit. */
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* Finds "KEY=0x..." in the command line; 0 when absent.  A malformed
 * value is reported and also yields 0 (then xenstore's value is used). */
static uint64_t cmdline_hex(const char *cmdline, const char *key)
{
	const char *p = cmdline;

	while (*p) {
		const char *k = key, *v;
		char value[24];
		unsigned n = 0;
		uint64_t out;

		while (*p == ' ')
			p++;
		v = p;
		while (*k && *v == *k) {
			k++;
			v++;
		}
		if (!*k && *v == '=') {
			v++;
			while (v[n] && v[n] != ' ' && n < sizeof(value) - 1) {
				value[n] = v[n];
				n++;
			}
			value[n] = '\0';
			if (xenrdm_fw_parse_hex(value, &out) == 0)
				return out;
			con_printf("image: ignoring %s=%s (not 0x hex)\n", key,
				   value);
			return 0;
		}
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

/* hvm_info's memory ends: the command line's, else xenstore's. */
static uint32_t pgend(uint64_t cmdline_value, const char *key)
{
	uint64_t v = cmdline_value;

	if (!v && xenrdm_fw_parse_hex(xenstore_read(key, "0x0"), &v))
		v = 0;
	return (uint32_t)(v >> 12);
}

void image_main(uint32_t magic, const struct multiboot_info *mbi)
{
	const char *cmdline = "";
	const struct guest_bios *bios;
	struct xenrdm_fw_layout checked;
	uint64_t lowmem_end, highmem_end;
	uint32_t nr;

	serial_init(SERIAL_COM1);
	con_printf("xenrdm test image: hvmloader's xen-rdm glue under QEMU\n");
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		con_printf("image: not started by a multiboot loader "
			   "(magic 0x%x)\n", magic);
		finish(0);
	}
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		cmdline = (const char *)(uintptr_t)mbi->cmdline;
	lowmem_end = cmdline_hex(cmdline, "lowmem_end");
	highmem_end = cmdline_hex(cmdline, "highmem_end");
	if (guest_e820_load() < 0)
		finish(0);

	/* hvmloader.c main(), in its order */
	image_hvm_info.low_mem_pgend = pgend(lowmem_end, XENRDM_XS_LOWMEM_END);
	image_hvm_info.high_mem_pgend = pgend(highmem_end, XENRDM_XS_HIGHMEM_END);
	if (image_hvm_info.high_mem_pgend <= (1u << 20))
		image_hvm_info.high_mem_pgend = 0;      /* no high RAM */
	con_printf("image: hvm_info low_mem_pgend=0x%x high_mem_pgend=0x%x\n",
		   image_hvm_info.low_mem_pgend, image_hvm_info.high_mem_pgend);
	memory_map_setup();
	bios = guest_bios_detect();             /* detect_bios() */
	if (!bios)
		BUG();
	printf("System requested %s\n", bios->key);
	xenrdm_hvm_read_keys();                 /* patches/0002 */
	/* (pci_setup(): no PCI here; then the BIOS's e820_setup) */
	xenrdm_hvm_e820_limit(bios->keep);      /* patches/0005 */
	nr = (uint32_t)build_e820_table(e820, bios->lowmem_reserved_base,
					bios->bios_image_base);

	/* The checker's layout: the glue's, with this BIOS's first MB. */
	checked = *xenrdm_hvm_layout();
	checked.lowmem_reserved_base = bios->lowmem_reserved_base;
	checked.bios_image_base = bios->bios_image_base;
	if (guest_e820_finish(&checked, (const struct xenrdm_e820entry *)e820,
			      nr) < 0)
		finish(0);

	if ((mbi->flags & MULTIBOOT_INFO_MODS) && mbi->mods_count > 0) {
		const struct multiboot_module *mod =
			(const struct multiboot_module *)(uintptr_t)
				mbi->mods_addr;

		con_printf("XENRDM-RESULT pass (table); starting Linux\n");
		linux_boot((const uint8_t *)(uintptr_t)mod->mod_start,
			   mod->mod_end - mod->mod_start,
			   (const struct xenrdm_e820entry *)e820, nr);
		finish(0);   /* linux_boot() returns only on failure */
	}
	finish(1);
}
