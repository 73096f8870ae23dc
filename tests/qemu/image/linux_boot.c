/* SPDX-License-Identifier: MIT */
/* tests/qemu/image/linux_boot.c - the bzImage loader (see linux_boot.h). */
#include "linux_boot.h"

#include <stddef.h>

#include "fmt.h"
#include "guest_e820.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

/* entry.asm: protocol registers and segments, then jump.  It reads its
 * arguments from the stack (the image's ABI is hvmloader's: cdecl). */
void linux_enter(uint32_t entry, uint32_t boot_params)
	__attribute__((noreturn));

/* The image's own extent (linker/image.ld): the kernel must not land on
 * the code doing the copying. */
extern char __image_start[], __image_end[];

/* Offsets in the bzImage's first sector / the zero page (struct
 * boot_params and its embedded setup header), from boot.rst and
 * zero-page.rst. */
#define BP_E820_ENTRIES     0x1e8   /* u8 */
#define BP_SETUP_SECTS      0x1f1   /* u8 */
#define BP_BOOT_FLAG        0x1fe   /* u16, 0xAA55 */
#define BP_JUMP_LEN         0x201   /* u8: header ends at 0x202 + this */
#define BP_HEADER           0x202   /* "HdrS" */
#define BP_VERSION          0x206   /* u16 */
#define BP_TYPE_OF_LOADER   0x210   /* u8 */
#define BP_LOADFLAGS        0x211   /* u8 */
#define BP_CODE32_START     0x214   /* u32 */
#define BP_RAMDISK_IMAGE    0x218   /* u32 */
#define BP_RAMDISK_SIZE     0x21c   /* u32 */
#define BP_CMD_LINE_PTR     0x228   /* u32 */
#define BP_RELOCATABLE      0x234   /* u8 */
#define BP_CMDLINE_SIZE     0x238   /* u32 */
#define BP_PREF_ADDRESS     0x258   /* u64 */
#define BP_INIT_SIZE        0x260   /* u32 */
#define BP_E820_TABLE       0x2d0   /* 128 x struct boot_e820_entry */
#define BP_E820_MAX         128
#define BP_SIZE             4096

#define SETUP_HDR_MAGIC     0x53726448u /* "HdrS" little-endian */
#define LOADFLAG_LOADED_HIGH 0x01       /* protected-mode code at 1 MiB+ */
#define LOADFLAG_CAN_USE_HEAP 0x80
/* 2.06: cmdline_size exists; 2.10: pref_address and init_size exist. */
#define PROTO_MIN           0x0206
#define PROTO_PREF_ADDRESS  0x020a
#define LOADER_UNDEFINED    0xff        /* "no assigned id" */

static uint8_t boot_params[BP_SIZE] __attribute__((aligned(4096)));
static char cmdline[] = LINUX_CMDLINE;

static uint32_t rd16(const uint8_t *p, uint32_t off)
{
	return (uint32_t)p[off] | (uint32_t)p[off + 1] << 8;
}

static uint32_t rd32(const uint8_t *p, uint32_t off)
{
	return rd16(p, off) | rd16(p, off + 2) << 16;
}

static uint64_t rd64(const uint8_t *p, uint32_t off)
{
	return (uint64_t)rd32(p, off) | (uint64_t)rd32(p, off + 4) << 32;
}

static void wr32(uint8_t *p, uint32_t off, uint32_t v)
{
	p[off] = (uint8_t)v;
	p[off + 1] = (uint8_t)(v >> 8);
	p[off + 2] = (uint8_t)(v >> 16);
	p[off + 3] = (uint8_t)(v >> 24);
}

static void refuse(const char *why)
{
	con_printf("linux: %s\n", why);
	con_printf("XENRDM-RESULT fail: Linux not started: %s\n", why);
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
	return a < b_end && b < a_end;
}

void linux_boot(const uint8_t *image, uint32_t size,
		const struct xenrdm_e820entry *tab, uint32_t nr)
{
	uint32_t setup_sects, version, hdr_end, pm_off, pm_size, footprint;
	uint64_t load;

	if (size < 0x1000 || rd16(image, BP_BOOT_FLAG) != 0xAA55 ||
	    rd32(image, BP_HEADER) != SETUP_HDR_MAGIC)
		return refuse("the module is not a bzImage (no 0xAA55/HdrS)");
	version = rd16(image, BP_VERSION);
	if (version < PROTO_MIN) {
		con_printf("linux: boot protocol %u.%02u\n", version >> 8,
			   version & 0xff);
		return refuse("boot protocol older than 2.06");
	}
	if (!(image[BP_LOADFLAGS] & LOADFLAG_LOADED_HIGH))
		return refuse("a zImage (not loaded high) is not supported");
	setup_sects = image[BP_SETUP_SECTS] ? image[BP_SETUP_SECTS] : 4;
	pm_off = (setup_sects + 1) * 512;
	hdr_end = BP_HEADER + image[BP_JUMP_LEN];
	if (pm_off >= size || hdr_end > pm_off || hdr_end > BP_E820_TABLE)
		return refuse("setup header sizes are inconsistent");
	pm_size = size - pm_off;
	if (nr > BP_E820_MAX)
		return refuse("more e820 entries than the zero page holds");

	/*
	 * Where the protected-mode kernel goes: a relocatable kernel is put
	 * at its preferred address, where it runs without moving itself;
	 * otherwise at code32_start (1 MiB).  From there it needs init_size
	 * bytes (2.10+) of RAM, which must be RAM in the table it is about
	 * to get and must not cover this image.
	 */
	load = rd32(image, BP_CODE32_START);
	footprint = pm_size;
	if (version >= PROTO_PREF_ADDRESS) {
		if (image[BP_RELOCATABLE])
			load = rd64(image, BP_PREF_ADDRESS);
		if (rd32(image, BP_INIT_SIZE) > footprint)
			footprint = rd32(image, BP_INIT_SIZE);
	}
	con_printf("linux: protocol %u.%02u, %u bytes at 0x%llx, needs "
		   "[0x%llx, 0x%llx)\n", version >> 8, version & 0xff,
		   pm_size, (unsigned long long)load,
		   (unsigned long long)load,
		   (unsigned long long)(load + footprint));
	if (load + footprint > 0xffffffffULL)
		return refuse("kernel would not fit below 4 GiB");
	if (!guest_e820_is_ram(tab, nr, load, load + footprint))
		return refuse("the kernel's memory is not RAM in the e820");
	if (overlaps(load, load + footprint, (uintptr_t)__image_start,
		     (uintptr_t)__image_end))
		return refuse("the kernel's memory covers the test image");

	/* The zero page: the kernel's own setup header, then our fields. */
	memset(boot_params, 0, sizeof(boot_params));
	memcpy(boot_params + BP_SETUP_SECTS, image + BP_SETUP_SECTS,
	       hdr_end - BP_SETUP_SECTS);
	boot_params[BP_TYPE_OF_LOADER] = LOADER_UNDEFINED;
	boot_params[BP_LOADFLAGS] &= (uint8_t)~LOADFLAG_CAN_USE_HEAP;
	wr32(boot_params, BP_CODE32_START, (uint32_t)load);
	wr32(boot_params, BP_RAMDISK_IMAGE, 0);
	wr32(boot_params, BP_RAMDISK_SIZE, 0);
	if (sizeof(cmdline) > rd32(image, BP_CMDLINE_SIZE) + 1)
		return refuse("command line longer than the kernel accepts");
	wr32(boot_params, BP_CMD_LINE_PTR, (uint32_t)(uintptr_t)cmdline);
	memcpy(boot_params + BP_E820_TABLE, tab,
	       nr * sizeof(struct xenrdm_e820entry));
	boot_params[BP_E820_ENTRIES] = (uint8_t)nr;

	memmove((void *)(uintptr_t)load, image + pm_off, pm_size);
	con_printf("XENRDM-LINUX entry=0x%llx boot_params=%p cmdline=\"%s\"\n",
		   (unsigned long long)load, (void *)boot_params, cmdline);
	linux_enter((uint32_t)load, (uint32_t)(uintptr_t)boot_params);
}
