/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/main.c - the QEMU test image, a stand-in for
 * hvmloader: build the guest e820 with the firmware module from the
 * xenstore dump in fw_cfg (common/guest_e820.c), then either exit QEMU
 * with the verdict or, when QEMU passed a bzImage as a multiboot module
 * (-initrd), start Linux on that table.
 *
 * The multiboot command line (QEMU -append) may carry what hvm_info
 * would tell hvmloader:  lowmem_end=0x... highmem_end=0x...
 * Without them the module takes both ends from xenstore.
 */
#include <stdint.h>

#include "fmt.h"
#include "guest_e820.h"
#include "io.h"
#include "linux_boot.h"
#include "multiboot.h"
#include "serial.h"
#include "xenrdm/firmware.h"

/* Called by entry.asm with its arguments on the stack: regparm(0) in this
 * -mregparm=3 image (qemu.mk). */
__attribute__((regparm(0)))
void image_main(uint32_t magic, const struct multiboot_info *mbi);

void console_write(const char *s, size_t n)
{
	serial_write(SERIAL_COM1, s, n);
}

static struct xenrdm_e820entry e820[XENRDM_E820MAX];

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

__attribute__((regparm(0)))
void image_main(uint32_t magic, const struct multiboot_info *mbi)
{
	const char *cmdline = "";
	uint64_t lowmem_end, highmem_end;
	uint32_t nr = 0;

	serial_init(SERIAL_COM1);
	con_printf("xenrdm test image: the firmware module under QEMU\n");
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		con_printf("image: not started by a multiboot loader "
			   "(magic 0x%x)\n", magic);
		finish(0);
	}
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		cmdline = (const char *)(uintptr_t)mbi->cmdline;
	lowmem_end = cmdline_hex(cmdline, "lowmem_end");
	highmem_end = cmdline_hex(cmdline, "highmem_end");
	con_printf("image: hvm_info stand-in lowmem_end=0x%llx "
		   "highmem_end=0x%llx (0: from xenstore)\n",
		   (unsigned long long)lowmem_end,
		   (unsigned long long)highmem_end);

	if (guest_e820_run(lowmem_end, highmem_end, e820, XENRDM_E820MAX,
			   &nr) < 0)
		finish(0);

	if ((mbi->flags & MULTIBOOT_INFO_MODS) && mbi->mods_count > 0) {
		const struct multiboot_module *mod =
			(const struct multiboot_module *)(uintptr_t)
				mbi->mods_addr;

		con_printf("XENRDM-RESULT pass (table); starting Linux\n");
		linux_boot((const uint8_t *)(uintptr_t)mod->mod_start,
			   mod->mod_end - mod->mod_start, e820, nr);
		finish(0);   /* linux_boot() returns only on failure */
	}
	finish(1);
}
