/* SPDX-License-Identifier: MIT */
/*
 * tests/fwabi/test_glue.c - hvmloader's xen-rdm glue
 * (firmware/hvmloader/xenrdm_hvmloader.c) on the host, as a -m32 program
 * built with hvmloader's flags, over stand-ins for the hvmloader symbols
 * it uses (tests/qemu/image/hvmloader/util.h, defined here): what each
 * patch's call does with and without keys.  The QEMU image runs the same
 * file end to end; this checks the cases a boot does not reach (BAR
 * placement against both reserved sets, RAM relocation, the BIOS limit).
 *
 * usage: test_glue            the checks, "glue: N passed, N failed"
 *        test_glue overflow   the e820 over the BIOS limit: must BUG()
 *                             (exit 3, message on stdout)
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "xenrdm_hvmloader.h"

/* libc, declared by hand (-nostdinc leaves no libc header) */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int strcmp(const char *a, const char *b);
char *strstr(const char *h, const char *n);
long write(int fd, const void *buf, unsigned long n);
void exit(int status) __attribute__((noreturn));

/* To the terminal (printf is hvmloader's here: it goes to out[]). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		write(1, buf, (unsigned long)n < sizeof(buf) ?
			      (unsigned long)n : sizeof(buf) - 1);
}

/* hvmloader's symbols, as the glue uses them */
struct hvm_info_table image_hvm_info;
struct e820map memory_map;

/* What hvmloader printed (NUL-terminated). */
static char out[8192];
static size_t out_len;

int vprintf(const char *fmt, va_list ap)
{
	int n = vsnprintf(out + out_len, sizeof(out) - out_len, fmt, ap);

	if (n > 0)
		out_len += (size_t)n < sizeof(out) - out_len ?
			   (size_t)n : sizeof(out) - out_len - 1;
	return n;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dest;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

static const char *const *keys;

const char *xenstore_read(const char *path, const char *def)
{
	unsigned i;

	for (i = 0; keys && keys[i]; i += 2)
		if (!strcmp(keys[i], path))
			return keys[i + 1];
	return def;
}

bool check_overlap(uint64_t start, uint64_t size,
		   uint64_t reserved_start, uint64_t reserved_size)
{
	return (start + size > reserved_start) &&
	       (start < reserved_start + reserved_size);
}

void __bug(const char *file, int line)
{
	say("%s*** HVMLoader bug at %s:%d\n", out, file, line);
	exit(3);
}

static unsigned passed, failed;

static void check(bool ok, const char *what)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	say("  FAIL %s\n  hvmloader's output so far:\n%s\n", what, out);
}

#define M 0x100000ULL
#define G4 0x100000000ULL

static void boot(const char *const *k, uint32_t low, uint32_t high)
{
	keys = k;
	image_hvm_info.low_mem_pgend = low >> 12;
	image_hvm_info.high_mem_pgend = high;
	memory_map.nr_map = 0;
	out_len = 0;
	out[0] = '\0';
	xenrdm_hvm_read_keys();
}

static void map_add(uint64_t addr, uint64_t size, uint32_t type)
{
	struct e820entry *e = &memory_map.map[memory_map.nr_map++];

	e->addr = addr;
	e->size = size;
	e->type = type;
}

static const char *const no_keys[] = { NULL };
static const char *const two_ranges[] = {
	"hvmloader/rdm/count", "2",
	"hvmloader/rdm/0/start", "0xe0000000",
	"hvmloader/rdm/0/size", "0x100000",
	"hvmloader/rdm/1/start", "0x100002000",
	"hvmloader/rdm/1/size", "0x1000",
	NULL,
};

static const char *const moved_over[] = {
	"hvmloader/rdm/count", "1",
	"hvmloader/rdm/0/start", "0x148000000",
	"hvmloader/rdm/0/size", "0x1000",
	NULL,
};

/* A table as stock build_e820_table() leaves it (SeaBIOS, no ACPI). */
static unsigned stock(struct e820entry *t)
{
	static const struct e820entry s[] = {
		{ 0, 0xA0000, E820_RAM }, { 0xC0000, 0x40000, E820_RESERVED },
		{ M, 0x80000000 - M, E820_RAM },
		{ 0xFC000000, G4 - 0xFC000000, E820_RESERVED },
		{ G4, 0x40000000, E820_RAM },
	};
	unsigned i;

	for (i = 0; i < 5; i++)
		t[i] = s[i];
	return 5;
}

static bool same_e820(const struct e820entry *a, const struct e820entry *b,
		      unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (a[i].addr != b[i].addr || a[i].size != b[i].size ||
		    a[i].type != b[i].type)
			return false;
	return true;
}

int main(int argc, char **argv)
{
	struct e820entry t[XENRDM_HVM_E820_SCRATCH], s[8];
	unsigned nr;

	(void)argv;
	if (argc > 1) {
		/* 2 ranges in RAM each split it: 5 + 4 entries > keep 8 */
		static const char *const k[] = {
			"hvmloader/rdm/count", "2",
			"hvmloader/rdm/0/start", "0x10000000",
			"hvmloader/rdm/0/size", "0x1000",
			"hvmloader/rdm/1/start", "0x20000000",
			"hvmloader/rdm/1/size", "0x1000",
			NULL,
		};
		boot(k, 0x80000000, (uint32_t)((G4 + 0x40000000) >> 12));
		xenrdm_hvm_e820_limit(8);
		nr = stock(t);
		xenrdm_hvm_e820_add(t, nr);
		say("%stest_glue: no BUG() over the limit\n", out);
		return 1;
	}

	say("== glue: hvmloader's xen-rdm glue, hvmloader's flags, -m32\n");
	/* No keys: every call leaves hvmloader's own result alone. */
	boot(no_keys, 0x80000000, (uint32_t)((G4 + 0x40000000) >> 12));
	check(!xenrdm_hvm_overlaps(0xE0000000, M), "no keys: nothing overlaps");
	map_add(0xE0000000, M, E820_RESERVED);
	check(xenrdm_hvm_bar_base(0xE0000000, M) == 0xE0000000,
	      "no keys: BAR base unchanged (stock's loop alone decides)");
	nr = stock(t);
	stock(s);
	check(xenrdm_hvm_e820_add(t, nr) == nr && same_e820(t, s, nr),
	      "no keys: the e820 is stock's, entry for entry");
	image_hvm_info.low_mem_pgend -= 0x100;
	image_hvm_info.high_mem_pgend += 0x100;
	xenrdm_hvm_ram_moved();
	check(out_len == 0, "no keys: RAM relocation prints nothing");

	/* Two ranges: one in the MMIO hole, one above 4 GiB. */
	boot(two_ranges, 0x80000000, (uint32_t)((G4 + 0x40000000) >> 12));
	check(xenrdm_hvm_layout()->nr_rdm == 2, "keys read: 2 ranges");
	check(xenrdm_hvm_overlaps(0xDFFFF000, 0x2000) &&
	      !xenrdm_hvm_overlaps(0xDFF00000, M) &&
	      !xenrdm_hvm_overlaps(0xE0000000, 0),
	      "check_overlap_all's question: overlap, touch, empty");
	/* memory_map's reserved entry right after the xen-rdm range: a BAR
	 * moved past one set must not land in the other. */
	map_add(0xE0100000, 0x200000, E820_RESERVED);
	check(xenrdm_hvm_bar_base(0xE0000000, 0x200000) == 0xE0400000,
	      "BAR: past the xen-rdm range and libxl's reserved entry, aligned");
	check(xenrdm_hvm_bar_base(0xD8000000, 0x10000000) == 0xF0000000,
	      "BAR: a 256 MiB BAR over the range goes to the next 256 MiB");
	check(xenrdm_hvm_bar_base(0xD0000000, 0x10000000) == 0xD0000000,
	      "BAR: a BAR ending where the range starts stays");

	/* RAM relocation: nothing moved, nothing said; moved clear of the
	 * ranges, nothing said; hvm_info's ends win. */
	out_len = 0;
	xenrdm_hvm_ram_moved();
	check(out_len == 0, "relocation: nothing moved, nothing printed");
	image_hvm_info.low_mem_pgend = 0x70000;
	image_hvm_info.high_mem_pgend += 0x10000;
	xenrdm_hvm_ram_moved();
	check(out_len == 0, "relocation: RAM moved clear of the ranges, "
	      "nothing printed");
	check(xenrdm_hvm_layout()->lowmem_end == 0x70000000ULL &&
	      xenrdm_hvm_layout()->highmem_end ==
		      G4 + 0x40000000 + 0x10000000,
	      "relocation: hvm_info's ends win");

	/* A range where the relocated RAM lands (above the old high end). */
	boot(moved_over, 0x80000000, (uint32_t)((G4 + 0x40000000) >> 12));
	image_hvm_info.low_mem_pgend = 0x70000;
	image_hvm_info.high_mem_pgend += 0x10000;
	xenrdm_hvm_ram_moved();
	check(strstr(out, "warning: rdm 0 lies in the RAM relocated") != NULL,
	      "relocation: a range in the moved RAM is reported");

	/* The e820: stock's table plus the ranges. */
	boot(two_ranges, 0x80000000, (uint32_t)((G4 + 0x40000000) >> 12));
	xenrdm_hvm_e820_limit(XENRDM_BIOS_E820_KEEP_SEABIOS);
	nr = stock(t);
	nr = xenrdm_hvm_e820_add(t, nr);
	{
		static const struct e820entry want[] = {
			{ 0, 0xA0000, E820_RAM },
			{ 0xC0000, 0x40000, E820_RESERVED },
			{ M, 0x80000000 - M, E820_RAM },
			{ 0xE0000000, M, E820_RESERVED },
			{ 0xFC000000, G4 - 0xFC000000, E820_RESERVED },
			{ G4, 0x2000, E820_RAM },
			{ G4 + 0x2000, 0x1000, E820_RESERVED },
			{ G4 + 0x3000, 0x40000000 - 0x3000, E820_RAM },
		};
		check(nr == 8 && same_e820(t, want, 8),
		      "e820: stock's plus the two ranges, RAM carved");
	}

	say("glue: %u passed, %u failed\n", passed, failed);
	return failed != 0;
}
