/* SPDX-License-Identifier: MIT */
/*
 * tests/hvmloader/hvm_runner.c - hvmloader's real e820.c on the host.
 *
 * A 32-bit (-m32) program linked with the objects hvmloader's own
 * Makefile built from Debian's Xen 4.17 source (hvmloader's flags, ABI
 * and headers): e820.o, and for the patched runner also the xen-rdm glue
 * (xenrdm_hvmloader.o) and the firmware module (xenrdm/ *.o).  Their
 * printf/vprintf are renamed hvm_printf/hvm_vprintf (objcopy) so they do
 * not meet libc's.  This file is everything else they call: thin
 * stand-ins for what hvmloader gets from the hypervisor and xenstore.
 *
 *   get_mem_mapping_layout  XENMEM_memory_map: the case's memory_map, as
 *                           libxl's domain_construct_memmap() set it
 *   get_hvm_info_table      the hvm_info page: low/high_mem_pgend
 *   xenstore_read           the case's keys (paths relative to the
 *                           domain's home, as hvmloader asks them)
 *   acpi_enabled, acpi_pages_allocated, igd_opregion_pgbase
 *                           hvmloader.c's, util.c's and pci.c's state
 *                           after ACPI tables were built
 *   check_overlap           util.c's, copied (a pure function)
 *   __bug, __assert_failed  BUG()/ASSERT(): back to the case loop
 *   hvm_printf, hvm_vprintf hvmloader's console: "log" lines
 *
 * The sequence per case is hvmloader.c main()'s: memory_map_setup(),
 * [patched: xenrdm_hvm_read_keys(), after xenbus_setup()], then the
 * BIOS's e820_setup: [patched: xenrdm_hvm_e820_limit(KEEP)],
 * build_e820_table(e820, lowmem_reserved_base, bios_image_base) with the
 * values seabios.c, ovmf.c and rombios.c pass.  (pci_setup() runs in
 * between in hvmloader; without RAM relocation it does not touch the
 * e820 inputs.)
 *
 * stdin, one case:
 *   case ID LOWMEM_RESERVED_BASE BIOS_IMAGE_BASE KEEP
 *   hvm LOW_MEM_PGEND HIGH_MEM_PGEND
 *   acpi ENABLED PAGES
 *   igd PGBASE
 *   map ADDR SIZE TYPE                 (memory_map, in libxl's order)
 *   key PATH VALUE                     (xenstore)
 *   go
 * stdout: "case ID", "log TEXT" lines, "e ADDR SIZE TYPE" per entry or
 * "bug FILE:LINE", then "done NR".  Numbers in 0x hex.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hvm/hvm_info_table.h"

/* hvmloader's e820.h, the same layout. */
struct e820entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));
#define E820MAX 128

/* From the hvmloader objects. */
int build_e820_table(struct e820entry *e820, unsigned int lowmem_reserved_base,
		     unsigned int bios_image_base);
void memory_map_setup(void);
#ifdef PATCHED
void xenrdm_hvm_read_keys(void);
void xenrdm_hvm_e820_limit(unsigned int keep);
#endif

/* ---- the case ---- */
#define MAX_KEYS 512
static struct {
	struct e820entry map[E820MAX];
	unsigned int nr_map;
	struct hvm_info_table hvm;
	char path[MAX_KEYS][128];
	char value[MAX_KEYS][128];
	unsigned int nr_keys;
	unsigned long acpi_pages;
} c;

static jmp_buf bug_jmp;
static char bug_where[128];

/* ---- stand-ins ---- */
bool acpi_enabled;
unsigned long igd_opregion_pgbase;

unsigned long acpi_pages_allocated(void);
unsigned long acpi_pages_allocated(void)
{
	return c.acpi_pages;
}

struct hvm_info_table *get_hvm_info_table(void);
struct hvm_info_table *get_hvm_info_table(void)
{
	return &c.hvm;
}

int get_mem_mapping_layout(struct e820entry entries[], unsigned int *max_entries);
int get_mem_mapping_layout(struct e820entry entries[], unsigned int *max_entries)
{
	/* XENMEM_memory_map returns what xc_domain_set_memory_map() set. */
	if (*max_entries < c.nr_map)
		return -1;
	memcpy(entries, c.map, c.nr_map * sizeof(entries[0]));
	*max_entries = c.nr_map;
	return 0;
}

const char *xenstore_read(const char *path, const char *default_resp);
const char *xenstore_read(const char *path, const char *default_resp)
{
	unsigned int i;

	for (i = 0; i < c.nr_keys; i++)
		if (!strcmp(c.path[i], path))
			return c.value[i];
	return default_resp;
}

/* util.c's check_overlap(), as it is there. */
bool check_overlap(uint64_t start, uint64_t size,
		   uint64_t reserved_start, uint64_t reserved_size);
bool check_overlap(uint64_t start, uint64_t size,
		   uint64_t reserved_start, uint64_t reserved_size)
{
	return (start + size > reserved_start) &&
	       (start < reserved_start + reserved_size);
}

void __bug(const char *file, int line) __attribute__((noreturn));
void __bug(const char *file, int line)
{
	snprintf(bug_where, sizeof(bug_where), "%s:%d", file, line);
	longjmp(bug_jmp, 1);
}

void __assert_failed(const char *assertion, const char *file, int line)
	__attribute__((noreturn));
void __assert_failed(const char *assertion, const char *file, int line)
{
	snprintf(bug_where, sizeof(bug_where), "%s:%d(%s)", file, line,
		 assertion);
	longjmp(bug_jmp, 1);
}

/* hvmloader's console: each line as "log TEXT". */
static char log_line[512];
static size_t log_len;

int hvm_vprintf(const char *fmt, va_list ap);
int hvm_vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	const char *p;

	for (p = buf; *p; p++) {
		if (*p == '\n' || log_len == sizeof(log_line) - 1) {
			log_line[log_len] = '\0';
			printf("log %s\n", log_line);
			log_len = 0;
			if (*p == '\n')
				continue;
		}
		log_line[log_len++] = *p;
	}
	return n;
}

int hvm_printf(const char *fmt, ...);
int hvm_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hvm_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* ---- the loop ---- */
static unsigned long long num(const char *s)
{
	return strtoull(s, NULL, 0);
}

int main(void)
{
	/* build_e820_table() writes its 7 at most plus memory_map's. */
	static struct e820entry e820[7 + E820MAX];
	/* static: kept across the longjmp of a BUG(). */
	static char line[512], a[128], b[128], d[128], e[128];
	static unsigned int base, bios, keep;
	static unsigned long long id;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	while (fgets(line, sizeof(line), stdin)) {
		int n = sscanf(line, "%127s %127s %127s %127s %127s", a, b, d,
			       e, e + 64);

		if (n >= 5 && !strcmp(a, "case")) {
			memset(&c, 0, sizeof(c));
			id = num(b);
			base = (unsigned int)num(d);
			bios = (unsigned int)num(e);
			keep = (unsigned int)num(e + 64);
		} else if (n >= 3 && !strcmp(a, "hvm")) {
			c.hvm.low_mem_pgend = (uint32_t)num(b);
			c.hvm.high_mem_pgend = (uint32_t)num(d);
		} else if (n >= 3 && !strcmp(a, "acpi")) {
			acpi_enabled = num(b) != 0;
			c.acpi_pages = (unsigned long)num(d);
		} else if (n >= 2 && !strcmp(a, "igd")) {
			igd_opregion_pgbase = (unsigned long)num(b);
		} else if (n >= 4 && !strcmp(a, "map") && c.nr_map < E820MAX) {
			c.map[c.nr_map].addr = num(b);
			c.map[c.nr_map].size = num(d);
			c.map[c.nr_map].type = (uint32_t)num(e);
			c.nr_map++;
		} else if (n >= 3 && !strcmp(a, "key") && c.nr_keys < MAX_KEYS) {
			snprintf(c.path[c.nr_keys], sizeof(c.path[0]), "%s", b);
			snprintf(c.value[c.nr_keys], sizeof(c.value[0]), "%s", d);
			c.nr_keys++;
		} else if (n >= 1 && !strcmp(a, "go")) {
			volatile int nr = 0;
			int i;

			printf("case %llu\n", id);
			log_len = 0;
			if (!setjmp(bug_jmp)) {
				memory_map_setup();
#ifdef PATCHED
				xenrdm_hvm_read_keys();
				xenrdm_hvm_e820_limit(keep);
#else
				(void)keep;
#endif
				nr = build_e820_table(e820, base, bios);
				for (i = 0; i < nr; i++)
					printf("e 0x%llx 0x%llx %u\n",
					       (unsigned long long)e820[i].addr,
					       (unsigned long long)e820[i].size,
					       e820[i].type);
			} else {
				printf("bug %s\n", bug_where);
			}
			printf("done %d\n", nr);
		}
	}
	fflush(stdout);
	return 0;
}
