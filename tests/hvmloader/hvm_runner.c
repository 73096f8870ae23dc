/* SPDX-License-Identifier: MIT */
/*
 * tests/hvmloader/hvm_runner.c - hvmloader's real e820.c and pci.c on
 * the host.
 *
 * A 32-bit (-m32) program linked with the objects hvmloader's own
 * Makefile built from Debian's Xen 4.17 source (hvmloader's flags, ABI
 * and headers): e820.o and pci.o, and for the patched runner also the
 * xen-rdm glue (xenrdm_hvmloader.o) and the firmware module
 * (xenrdm/ *.o).  Their printf/vprintf are renamed hvm_printf/hvm_vprintf
 * (objcopy) so they do not meet libc's.  This file is everything else they call: thin
 * stand-ins for what hvmloader gets from the hypervisor and xenstore.
 *
 *   get_mem_mapping_layout  XENMEM_memory_map: the case's memory_map, as
 *                           libxl's domain_construct_memmap() set it
 *   get_hvm_info_table      the hvm_info page: low/high_mem_pgend
 *   xenstore_read           the case's keys (paths relative to the
 *                           domain's home, as hvmloader asks them)
 *   acpi_enabled, acpi_pages_allocated
 *                           hvmloader.c's and util.c's state after the
 *                           ACPI tables were built (igd_opregion_pgbase
 *                           is pci.o's own, set by the case)
 *   pci_read, pci_write     config space of an emulated bus: the devices
 *                           of the case, BARs that answer ~0 with their
 *                           size as hardware does (util.c does port I/O)
 *   outb, cpu_phys_addr, mem_hole_alloc, scratch_start
 *                           the ELCR (ignored), CPUID's physical address
 *                           width (39), the OpRegion's pages (from the
 *                           top of the dynamic area), pci.c's scratch
 *   check_overlap           util.c's, copied (a pure function)
 *   __bug, __assert_failed  BUG()/ASSERT(): back to the case loop
 *   hvm_printf, hvm_vprintf hvmloader's console: "log" lines
 *
 * The sequence per case is hvmloader.c main()'s: memory_map_setup(),
 * [patched: xenrdm_hvm_read_keys(), after xenbus_setup()], pci_setup()
 * (cases with a bus: "pci 1"; libxl's hvmloader/allow-memory-relocate = 0
 * for qemu-xen means RAM is never relocated, so the hypercall page is
 * never called), then the BIOS's e820_setup:
 * [patched: xenrdm_hvm_e820_limit(KEEP)],
 * build_e820_table(e820, lowmem_reserved_base, bios_image_base) with the
 * values seabios.c, ovmf.c and rombios.c pass.  (Without RAM relocation
 * pci_setup() does not touch the e820's inputs, so cases without a bus
 * leave it out.)
 *
 * stdin, one case:
 *   case ID LOWMEM_RESERVED_BASE BIOS_IMAGE_BASE KEEP
 *   hvm LOW_MEM_PGEND HIGH_MEM_PGEND
 *   acpi ENABLED PAGES
 *   igd PGBASE
 *   map ADDR SIZE TYPE                 (memory_map, in libxl's order)
 *   key PATH VALUE                     (xenstore)
 *   pci 1                              (run pci_setup() on this bus:)
 *   dev DEVFN VENDOR DEVICE            (a function)
 *   devclass CLASS PIN                 (of the last dev)
 *   bar IDX SIZE FLAGS                 (of the last dev; IDX 6 = ROM;
 *                                       FLAGS: BAR's low bits, 1 = I/O,
 *                                       4 = 64-bit, 8 = prefetchable)
 *   go
 * stdout: "case ID", "log TEXT" lines, "e ADDR SIZE TYPE" per entry or
 * "bug FILE:LINE", with a bus "pcistart ADDR" and "barv DEVFN REG VALUE
 * SIZE" per BAR (VALUE as programmed, 64 bits), then "done NR".  Numbers
 * in 0x hex.
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
void pci_setup(void);
extern uint32_t pci_mem_start;
extern uint64_t pci_hi_mem_start, pci_hi_mem_end;
extern unsigned long igd_opregion_pgbase;
extern int virtual_vga;         /* enum virtual_vga: an int */
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
	bool pci;
} c;

/* ---- the PCI bus ---- */
struct fn {
	bool present;
	uint8_t cfg[256];
	uint64_t bar_size[7];           /* 0: no BAR */
	uint32_t bar_flags[7];
};
static struct fn bus[256];
static int last_devfn = -1;

static unsigned bar_index(uint32_t reg)
{
	if (reg == 0x30)
		return 6;
	if (reg >= 0x10 && reg < 0x28)
		return (reg - 0x10) / 4;
	return 7;
}

static uint32_t cfg_get(const struct fn *f, uint32_t reg, uint32_t len)
{
	uint32_t v = 0, i;

	for (i = 0; i < len && reg + i < 256; i++)
		v |= (uint32_t)f->cfg[reg + i] << (8 * i);
	return v;
}

static void cfg_set(struct fn *f, uint32_t reg, uint32_t len, uint32_t v)
{
	uint32_t i;

	for (i = 0; i < len && reg + i < 256; i++)
		f->cfg[reg + i] = (uint8_t)(v >> (8 * i));
}

uint32_t pci_read(uint32_t devfn, uint32_t reg, uint32_t len);
uint32_t pci_read(uint32_t devfn, uint32_t reg, uint32_t len)
{
	if (devfn > 255 || !bus[devfn].present)
		return len == 4 ? 0xffffffffu : len == 2 ? 0xffff : 0xff;
	return cfg_get(&bus[devfn], reg, len);
}

/* A BAR keeps only the address bits its size decodes, and its flags; the
 * upper half of a 64-bit BAR likewise. */
void pci_write(uint32_t devfn, uint32_t reg, uint32_t len, uint32_t val);
void pci_write(uint32_t devfn, uint32_t reg, uint32_t len, uint32_t val)
{
	struct fn *f;
	unsigned b;

	if (devfn > 255 || !bus[devfn].present)
		return;
	f = &bus[devfn];
	b = bar_index(reg & ~3u);
	if (len == 4 && b < 7 && !(reg & 3)) {
		uint64_t mask;

		if (f->bar_size[b]) {
			mask = ~(f->bar_size[b] - 1);
			if (b == 6)
				val = (val & (uint32_t)mask & ~0x7feu) | (val & 1);
			else
				val = (val & (uint32_t)mask) | f->bar_flags[b];
		} else if (b > 0 && b < 6 && (f->bar_flags[b - 1] & 4) &&
			   f->bar_size[b - 1]) {
			mask = ~(f->bar_size[b - 1] - 1);
			val &= (uint32_t)(mask >> 32);
		} else {
			val = 0;        /* no BAR here */
		}
	}
	cfg_set(f, reg, len, val);
}

void outb(uint16_t addr, uint8_t val);
void outb(uint16_t addr, uint8_t val)
{
	(void)addr;
	(void)val;
}

unsigned int cpu_phys_addr(void);
unsigned int cpu_phys_addr(void)
{
	return 39;
}

/* util.c allocates downwards from RESERVED_MEMORY_DYNAMIC_END. */
uint64_t mem_hole_alloc(uint32_t nr_mfns);
uint64_t mem_hole_alloc(uint32_t nr_mfns)
{
	return (0xFE000000u >> 12) - nr_mfns;
}

static uint8_t scratch[1 << 16] __attribute__((aligned(16)));
unsigned long scratch_start = 0;

static jmp_buf bug_jmp;
static char bug_where[128];

/* ---- stand-ins ---- */
bool acpi_enabled;

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

/* What pci_setup() programmed. */
static void print_bars(void)
{
	unsigned devfn, b;

	printf("pcistart 0x%x\n", pci_mem_start);
	for (devfn = 0; devfn < 256; devfn++)
		for (b = 0; b < 7; b++) {
			const struct fn *f = &bus[devfn];
			uint32_t reg = b == 6 ? 0x30 : 0x10 + 4 * b;
			uint64_t v;

			if (!f->present || !f->bar_size[b])
				continue;
			v = cfg_get(f, reg, 4);
			if (f->bar_flags[b] & 4)
				v |= (uint64_t)cfg_get(f, reg + 4, 4) << 32;
			printf("barv 0x%x 0x%x 0x%llx 0x%llx\n", devfn, reg,
			       (unsigned long long)v,
			       (unsigned long long)f->bar_size[b]);
		}
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
	static char line[512], a[128], b[128], d[128], e[128], g[128];
	static unsigned int base, bios, keep;
	static unsigned long long id;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	while (fgets(line, sizeof(line), stdin)) {
		int n = sscanf(line, "%127s %127s %127s %127s %127s", a, b, d,
			       e, g);

		if (n >= 5 && !strcmp(a, "case")) {
			memset(&c, 0, sizeof(c));
			memset(bus, 0, sizeof(bus));
			last_devfn = -1;
			igd_opregion_pgbase = 0;
			id = num(b);
			base = (unsigned int)num(d);
			bios = (unsigned int)num(e);
			keep = (unsigned int)num(g);
		} else if (n >= 3 && !strcmp(a, "hvm")) {
			c.hvm.low_mem_pgend = (uint32_t)num(b);
			c.hvm.high_mem_pgend = (uint32_t)num(d);
		} else if (n >= 3 && !strcmp(a, "acpi")) {
			acpi_enabled = num(b) != 0;
			c.acpi_pages = (unsigned long)num(d);
		} else if (n >= 2 && !strcmp(a, "pci")) {
			c.pci = num(b) != 0;
		} else if (n >= 4 && !strcmp(a, "dev")) {
			int devfn = (int)num(b) & 255;
			struct fn *f = &bus[devfn];

			f->present = true;
			cfg_set(f, 0x00, 2, (uint32_t)num(d));
			cfg_set(f, 0x02, 2, (uint32_t)num(e));
			last_devfn = devfn;
		} else if (n >= 3 && !strcmp(a, "devclass") && last_devfn >= 0) {
			cfg_set(&bus[last_devfn], 0x0a, 2, (uint32_t)num(b));
			cfg_set(&bus[last_devfn], 0x3d, 1, (uint32_t)num(d));
		} else if (n >= 4 && !strcmp(a, "bar") && last_devfn >= 0) {
			struct fn *f = &bus[last_devfn];
			unsigned idx = (unsigned)num(b) % 7;

			f->bar_size[idx] = num(d);
			f->bar_flags[idx] = (uint32_t)num(e);
			cfg_set(f, idx == 6 ? 0x30 : 0x10 + 4 * idx, 4,
				idx == 6 ? 0 : f->bar_flags[idx]);
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
#endif
				if (c.pci) {
					pci_mem_start = 0xF0000000u;
					pci_hi_mem_start = pci_hi_mem_end = 0;
					virtual_vga = 0;
					scratch_start = (unsigned long)scratch;
					pci_setup();
					print_bars();
				}
#ifdef PATCHED
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
