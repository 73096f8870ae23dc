/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/multiboot.h - the parts of the Multiboot (v1)
 * information structure the test image reads: the command line and the
 * module list (QEMU's -initrd files become modules).
 */
#ifndef QEMU_IMAGE_MULTIBOOT_H
#define QEMU_IMAGE_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u
#define MULTIBOOT_INFO_CMDLINE     (1u << 2)
#define MULTIBOOT_INFO_MODS        (1u << 3)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;
	uint32_t mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	/* syms, mmap, drives, ... follow; not used */
};

struct multiboot_module {
	uint32_t mod_start;
	uint32_t mod_end;       /* exclusive */
	uint32_t string;
	uint32_t reserved;
};

#endif /* QEMU_IMAGE_MULTIBOOT_H */
