/* SPDX-License-Identifier: MIT */
/*
 * firmware/hvmloader/xenrdm_hvmloader.c - the xen-rdm glue inside
 * hvmloader (see xenrdm_hvmloader.h for who calls what, and where).
 *
 * Uses from hvmloader (util.h): printf, vprintf, xenstore_read, BUG,
 * memcpy, hvm_info's low_mem_pgend and high_mem_pgend, memory_map and
 * struct e820entry.  The QEMU test image provides the same few symbols
 * (tests/qemu/image/hvmloader/util.h), so it runs this very file.
 */
#include <stdarg.h>

#include "util.h"
#include "xenrdm_hvmloader.h"

/* hvmloader's struct e820entry and the module's are one layout. */
_Static_assert(sizeof(struct e820entry) == sizeof(struct xenrdm_e820entry) &&
	       offsetof(struct e820entry, addr) ==
			offsetof(struct xenrdm_e820entry, addr) &&
	       offsetof(struct e820entry, size) ==
			offsetof(struct xenrdm_e820entry, size) &&
	       offsetof(struct e820entry, type) ==
			offsetof(struct xenrdm_e820entry, type),
	       "struct e820entry is not struct xenrdm_e820entry");
_Static_assert(XENRDM_HVM_E820_SCRATCH >= 7 + E820MAX, "scratch size");

#define GIB4 0x100000000ULL

static struct xenrdm_fw_layout layout;
static unsigned int e820_keep = XENRDM_BIOS_E820_KEEP_SEABIOS;
static struct xenrdm_e820entry e820_out[XENRDM_E820MAX];

/* The module's two hooks (xenrdm/fw_env.h). */
const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	return xenstore_read(path, def);
}

void xenrdm_env_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static uint64_t hvm_lowmem_end(void)
{
	return (uint64_t)hvm_info->low_mem_pgend << 12;
}

static uint64_t hvm_highmem_end(void)
{
	return hvm_info->high_mem_pgend ?
		(uint64_t)hvm_info->high_mem_pgend << 12 : GIB4;
}

void xenrdm_hvm_read_keys(void)
{
	xenrdm_fw_layout_init(&layout, hvm_lowmem_end(), hvm_highmem_end());
	xenrdm_fw_read(&layout);        /* logs what it skips */
}

const struct xenrdm_fw_layout *xenrdm_hvm_layout(void)
{
	return &layout;
}

bool xenrdm_hvm_overlaps(uint64_t start, uint64_t size)
{
	return size && !xenrdm_rdm_range_free(&layout, start, size);
}

uint64_t xenrdm_hvm_bar_base(uint64_t base, uint64_t size)
{
	const struct e820entry *e;
	uint64_t before;
	unsigned int i;

	if (!layout.nr_rdm)
		return base;
	/* Each round moves base up past what it overlapped (next_free()
	 * aligns it), until neither set moves it. */
	do {
		before = base;
		base = xenrdm_rdm_next_free(&layout, base, size, size);
		for (i = 0; i < memory_map.nr_map && base != ~0ULL; i++) {
			e = &memory_map.map[i];
			if (e->type == E820_RESERVED &&
			    check_overlap(base, size, e->addr, e->size))
				base = e->addr + e->size;
		}
	} while (base != before);
	return base;
}

void xenrdm_hvm_ram_moved(void)
{
	uint64_t moved_from = layout.highmem_end;
	uint32_t i;

	layout.lowmem_end = hvm_lowmem_end();
	layout.highmem_end = hvm_highmem_end();
	/* RAM moved to [moved_from, highmem_end): nothing when equal. */
	for (i = 0; i < layout.nr_rdm; i++)
		if (layout.rdm[i].start < layout.highmem_end &&
		    moved_from < layout.rdm[i].start + layout.rdm[i].size)
			printf("xen-rdm: warning: rdm %u lies in the RAM relocated"
			       " above 4 GiB; that RAM is lost to the guest\n", i);
}

void xenrdm_hvm_e820_limit(unsigned int keep)
{
	e820_keep = keep < XENRDM_E820MAX ? keep : XENRDM_E820MAX;
}

unsigned int xenrdm_hvm_e820_add(struct e820entry *e820, unsigned int nr)
{
	uint32_t n;
	int rc;

	if (!layout.nr_rdm)
		return nr;
	xenrdm_hvm_ram_moved();
	rc = xenrdm_e820_add_rdm(&layout, (const struct xenrdm_e820entry *)e820,
				 nr, e820_out, e820_keep, &n);
	if (rc < 0) {
		/* The module said why; NOSPACE: more than e820_keep. */
		printf("xen-rdm: no e820 for the BIOS (keeps %u) with the %u"
		       " ranges: not booting\n", e820_keep, layout.nr_rdm);
		BUG();
	}
	memcpy(e820, e820_out, n * sizeof(*e820));
	return n;
}
