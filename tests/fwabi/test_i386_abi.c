/* SPDX-License-Identifier: MIT */
/*
 * tests/fwabi/test_i386_abi.c - the i386 module archive called the way
 * hvmloader calls it.
 *
 * This file is compiled with hvmloader's own flags (FW_HVMLOADER_CFLAGS:
 * -m32 -march=i686 -O2 -ffreestanding -nostdinc ..., stack arguments) and
 * linked with $(BUILD)/i386/libxenrdm-fw.a into an ordinary -m32 Linux
 * program (the C library is only used for printf/exit, declared here by
 * hand: -nostdinc leaves no libc header).  It checks results, not just
 * that the calls return: an e820 built from scratch, keys read through
 * the hook into a layout, the ranges added to a table as stock hvmloader
 * builds it, the BAR queries with their 64-bit stack arguments.
 *
 * It fails when the archive does not use hvmloader's ABI.  Proven once by
 * hand: with the archive rebuilt with -mregparm=3 added to
 * FW_CFLAGS_i386 (and nothing else changed), this program died with
 * SIGSEGV in its first call, xenrdm_fw_layout_init(): the callee took
 * its layout pointer from EAX, which held whatever the caller left
 * there, while the caller had pushed the arguments on the stack.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenrdm/firmware.h"

int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int strcmp(const char *a, const char *b);
void exit(int status) __attribute__((noreturn));

static unsigned passed, failed;

static void check(bool ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("  FAIL %s\n", what);
	}
}

/* The module's hooks, as hvmloader's glue provides them. */
static const char *const keys[][2] = {
	{ "hvmloader/rdm/count", "3" },
	{ "hvmloader/rdm/0/start", "0xab000000" },
	{ "hvmloader/rdm/0/size", "0x200000" },
	{ "hvmloader/rdm/1/start", "0x9fff0000" },   /* touches libxl's RDM */
	{ "hvmloader/rdm/1/size", "0x10000" },
	{ "hvmloader/rdm/2/start", "0xfe000000" },   /* hvmloader's area */
	{ "hvmloader/rdm/2/size", "0x1000" },
};

const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	unsigned i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i][0], path))
			return keys[i][1];
	return def;
}

static bool quiet;

void xenrdm_env_log(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	printf("  log: ");
	vprintf(fmt, ap);
	va_end(ap);
}

#define R XENRDM_E820_RAM
#define S XENRDM_E820_RESERVED
#define NVS XENRDM_E820_NVS
#define M 0x100000ULL
#define G4 0x100000000ULL

struct ent { uint64_t s, e; uint32_t t; };

static bool same(const struct xenrdm_e820entry *tab, uint32_t nr,
		 const struct ent *want, uint32_t nr_want, const char *what)
{
	uint32_t i;
	bool ok = nr == nr_want;

	for (i = 0; ok && i < nr; i++)
		ok = tab[i].addr == want[i].s &&
		     tab[i].addr + tab[i].size == want[i].e &&
		     tab[i].type == want[i].t;
	check(ok, what);
	if (!ok) {
		printf("    expected %u entries:\n", nr_want);
		for (i = 0; i < nr_want; i++)
			printf("      %08x:%08x - %08x:%08x %u\n",
			       (unsigned)(want[i].s >> 32), (unsigned)want[i].s,
			       (unsigned)(want[i].e >> 32), (unsigned)want[i].e,
			       want[i].t);
		printf("    got %u entries:\n", nr);
		for (i = 0; i < nr; i++)
			printf("      %08x:%08x - %08x:%08x %u\n",
			       (unsigned)(tab[i].addr >> 32), (unsigned)tab[i].addr,
			       (unsigned)((tab[i].addr + tab[i].size) >> 32),
			       (unsigned)(tab[i].addr + tab[i].size), tab[i].type);
	}
	return ok;
}

static struct xenrdm_fw_layout layout;
static struct xenrdm_e820entry tab[XENRDM_E820MAX];

int main(void)
{
	/* As stock hvmloader builds it for SeaBIOS: first MB, memory_map
	 * (low RAM to 0x9fff0000... no: to 0xa0000000, one libxl RDM entry,
	 * high RAM), ACPI NVS, reserved to 4 GiB. */
	static const struct xenrdm_e820entry stock[] = {
		{ 0, 0xA0000, R },
		{ 0xC0000, 0x40000, S },
		{ M, 0xA0000000 - M, R },
		{ 0xA0000000, 0x10000, S },
		{ 0xFC000000, 0xA000, NVS },
		{ 0xFC00A000, G4 - 0xFC00A000, S },
		{ G4, 0x40000000, R },
	};
	static const struct ent want_added[] = {
		{ 0, 0xA0000, R }, { 0xC0000, M, S },
		{ M, 0x9FFF0000, R }, { 0x9FFF0000, 0xA0010000, S },
		{ 0xAB000000, 0xAB200000, S },
		{ 0xFC000000, 0xFC00A000, NVS }, { 0xFC00A000, G4, S },
		{ G4, G4 + 0x40000000, R },
	};
	static const struct ent want_built[] = {
		{ 0, 0xA0000, R }, { 0xC0000, M, S },
		{ M, 0x9FFF0000, R }, { 0x9FFF0000, 0xA0000000, S },
		{ 0xAB000000, 0xAB200000, S },
		{ 0xFC000000, G4, S }, { G4, G4 + 0x40000000, R },
	};
	uint64_t v = 0;
	uint32_t nr = 0;
	int rc;

	printf("== fwabi: the i386 archive from a caller with hvmloader's flags\n");
	xenrdm_fw_layout_init(&layout, 0xA0000000, G4 + 0x40000000);
	check(layout.lowmem_end == 0xA0000000 &&
	      layout.highmem_end == G4 + 0x40000000 && layout.nr_rdm == 0,
	      "xenrdm_fw_layout_init: two 64-bit stack arguments");

	rc = xenrdm_fw_read(&layout);
	check(rc == 0 && layout.nr_rdm == 3 &&
	      layout.rdm[0].start == 0x9FFF0000 && layout.rdm[0].size == 0x10000 &&
	      layout.rdm[1].start == 0xAB000000 && layout.rdm[1].size == 0x200000 &&
	      layout.rdm[2].start == 0xFE000000,
	      "xenrdm_fw_read: the keys through the hook, sorted");

	rc = xenrdm_e820_add_rdm(&layout, stock, 7, tab, XENRDM_BIOS_E820_KEEP_SEABIOS,
				 &nr);
	check(rc == 1, "xenrdm_e820_add_rdm: one range skipped (hvmloader's area)");
	same(tab, nr, want_added, 8, "xenrdm_e820_add_rdm: the table");
	rc = xenrdm_e820_add_rdm(&layout, stock, 7, tab, 7, &nr);
	check(rc == -XENRDM_ERR_NOSPACE, "xenrdm_e820_add_rdm: cap 7 < 8 refused");

	/* From scratch, for SeaBIOS's first MB; the range in hvmloader's
	 * area is skipped here too (same function). */
	layout.lowmem_reserved_base = 0;
	layout.bios_image_base = 0xC0000;
	quiet = true;
	rc = xenrdm_e820_build(&layout, tab, XENRDM_E820MAX, &nr);
	quiet = false;
	check(rc == 0, "xenrdm_e820_build: rc 0");
	same(tab, nr, want_built, 7, "xenrdm_e820_build: the table");

	check(xenrdm_rdm_next_free(&layout, 0xAB000000, 0x100000, 0x100000) ==
	      0xAB200000, "xenrdm_rdm_next_free: three 64-bit stack arguments");
	check(!xenrdm_rdm_range_free(&layout, 0xAB1FF000, 0x2000) &&
	      xenrdm_rdm_range_free(&layout, 0xAB200000, 0x1000),
	      "xenrdm_rdm_range_free");
	check(xenrdm_fw_parse_hex("0x123456789abcdef0", &v) == 0 &&
	      v == 0x123456789abcdef0ULL, "xenrdm_fw_parse_hex: 64-bit result");

	printf("fwabi: %u passed, %u failed\n", passed, failed);
	exit(failed ? 1 : 0);
}
