/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/hvmloader/util.h - the few pieces of hvmloader's
 * util.h, e820.h and hvm_info that the xen-rdm glue
 * (firmware/hvmloader/xenrdm_hvmloader.c) uses, so the QEMU image
 * compiles and runs that very file.  Same names, types and layouts as
 * Xen 4.17's tools/firmware/hvmloader; defined in hvm_standin.c.
 */
#ifndef QEMU_IMAGE_HVMLOADER_UTIL_H
#define QEMU_IMAGE_HVMLOADER_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* e820.h */
#define E820_RAM          1
#define E820_RESERVED     2
#define E820_ACPI         3
#define E820_NVS          4

struct e820entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

#define E820MAX 128

struct e820map {
	unsigned int nr_map;
	struct e820entry map[E820MAX];
};

/* xen/hvm/hvm_info_table.h: the fields hvmloader's e820/pci code reads. */
struct hvm_info_table {
	uint32_t low_mem_pgend;
	uint32_t reserved_mem_pgstart;
	uint32_t high_mem_pgend;
};
extern struct hvm_info_table image_hvm_info;
#define hvm_info (&image_hvm_info)

extern struct e820map memory_map;

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
void *memcpy(void *dest, const void *src, size_t n);
const char *xenstore_read(const char *path, const char *default_resp);
bool check_overlap(uint64_t start, uint64_t size,
		   uint64_t reserved_start, uint64_t reserved_size);
void __bug(const char *file, int line) __attribute__((noreturn));
#define BUG() __bug(__FILE__, __LINE__)

/* e820.c's build_e820_table() as the patch series leaves it (stock's
 * entries with ACPI off, then the glue); hvm_standin.c. */
int build_e820_table(struct e820entry *e820,
		     unsigned int lowmem_reserved_base,
		     unsigned int bios_image_base);
/* e820.c's memory_map_setup(), filled as libxl's domain_construct_memmap()
 * fills it for an HVM guest without rdm=: low RAM from 1 MiB, high RAM. */
void memory_map_setup(void);

#endif /* QEMU_IMAGE_HVMLOADER_UTIL_H */
