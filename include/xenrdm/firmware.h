/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/firmware.h - the xen-rdm firmware module: read the RDM keys from
 * xenstore, build the guest e820 with reserved holes, check it, print it,
 * and answer hvmloader's PCI BAR allocator.
 *
 * Freestanding (see xenrdm/fw_env.h).  Every function works only on
 * caller-supplied storage; nothing is allocated, nothing global is written.
 * Errors are returned as -XENRDM_ERR_* (xenrdm/errors.h).
 *
 * Inside hvmloader the module is called through one glue file and a small
 * patch series (firmware/hvmloader/: xenrdm_hvmloader.c, patches/), built
 * with hvmloader's own flags and ABI (stack arguments, no -mregparm):
 * the keys are read before pci_setup() places the BARs, and
 * xenrdm_e820_add_rdm() adds the ranges to the table stock
 * build_e820_table() made.  The planner builds the same table from
 * scratch with xenrdm_e820_build(), through the same function.
 */
#ifndef XENRDM_FIRMWARE_H
#define XENRDM_FIRMWARE_H

#include "xenrdm/fw_env.h"
#include "xenrdm/errors.h"
#include "xenrdm/xs_abi.h"

/* e820 types, as in the PC BIOS standard and hvmloader's e820.h. */
#define XENRDM_E820_RAM       1
#define XENRDM_E820_RESERVED  2
#define XENRDM_E820_ACPI      3
#define XENRDM_E820_NVS       4
#define XENRDM_E820_UNUSABLE  5

/* Same layout as hvmloader's and Linux's struct e820entry (20 bytes). */
struct xenrdm_e820entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

/* One RDM range, half-open [start, start + size). */
struct xenrdm_range {
	uint64_t start;
	uint64_t size;
};

/* Fixed points of hvmloader's map. */
#define XENRDM_FW_LOWMEM_RESERVED_BASE 0xA0000ULL  /* hvmloader default */
#define XENRDM_FW_BIOS_IMAGE_BASE      0xE0000ULL  /* ROMBIOS's */
#define XENRDM_FW_RAM_1M               0x100000ULL
/* hvmloader's e820.c: BUG_ON(low_mem_end < MB(2)).  The planner refuses,
 * the key reader ignores and the host-side builder (xenrdm_e820_build)
 * refuses a lowmem_end below it: one floor everywhere. */
#define XENRDM_FW_LOWMEM_MIN           0x200000ULL
#define XENRDM_FW_RESERVED_MEMBASE     0xFC000000ULL /* hvmloader's area */
#define XENRDM_FW_4G                   0x100000000ULL
#define XENRDM_FW_MAX_RDM              XENRDM_XS_MAX_COUNT

/*
 * How many e820 entries hvmloader may hand each BIOS: what the BIOS keeps,
 * less what it adds itself.  hvmloader's table never holds more when
 * xen-rdm ranges are in it (the patched hvmloader refuses to boot rather
 * than give the guest RAM over an RMRR).
 *
 * SeaBIOS (Debian's seabios 1.16.2, bios-256k.bin, CONFIG_XEN): its e820
 * is e820_list[BUILD_MAX_E820] with BUILD_MAX_E820 32 (src/config.h;
 * src/e820map.c insert_e820() drops an entry past that: "warn_noalloc").
 * src/fw/xen.c xen_ramsize_preinit() adds hvmloader's entries one by one
 * with e820_add() (merging touching same-type ones); SeaBIOS then adds,
 * under Xen (qemu_preinit() takes the Xen branch; pciinit.c's Q35 and IGD
 * BDSM entries need QEMU's fw_cfg, absent under Xen):
 *   src/post.c bda_init(): the EBDA, RESERVED [ebda, 0xA0000): splits
 *     hvmloader's RAM [0, 0xA0000)                                     +1
 *   src/malloc.c malloc_preinit(): e820_remove([0xA0000, 0xF0000)) and
 *     RESERVED [0xF0000, 1 MiB) only trim hvmloader's BIOS entry          0
 *   src/malloc.c malloc_preinit(): ZoneHigh, RESERVED at the top of the
 *     highest RAM entry below 4 GiB (BUILD_MAX_HIGHTABLE, 16 MiB)        +1
 *   src/malloc.c malloc_prepboot(): the low-memory end merges with the
 *     EBDA entry (0); the unused part of ZoneHigh given back as RAM
 *     (+2 at worst, when it lies inside ZoneHigh)                         +2
 *   src/pmm.c: a permanent PMM allocation that misses ZoneHigh, RESERVED
 *     inside RAM (counted once; option ROMs rarely make one)             +2
 *   = 6, so 32 - 6 = 26.
 * OVMF (edk2 OvmfPkg/XenPlatformPei/Xen.c): with hvmloader's info present
 * XenGetE820Map() returns hvmloader's table by pointer, with no bound;
 * XenPublishRamRegions() turns each entry into a HOB and adds only the
 * first MB (RAM [0, 0xA0000), reserved [0xA0000, 1 MiB)) and the LAPIC
 * I/O range itself, outside any table.  Its own array (mE820Entries[128],
 * the path without hvmloader) and hvmloader's E820MAX are 128.
 * ROMBIOS (tools/firmware/rombios/config.h): the table sits at
 * E820_PHYSICAL_ADDRESS + E820_OFFSET = 0xEA108 below SMBIOS at 0xEB000:
 * room for 191 entries; int 15h/e820 serves it as is, adding none.
 * Bounded by hvmloader's E820MAX, 128.
 */
#define XENRDM_BIOS_E820_KEEP_SEABIOS  26
#define XENRDM_BIOS_E820_KEEP_OVMF     128
#define XENRDM_BIOS_E820_KEEP_ROMBIOS  128

/*
 * Everything the e820 is built from.  The host (planner) fills it directly;
 * the guest fills it with xenrdm_fw_layout_init() + xenrdm_fw_read().
 */
struct xenrdm_fw_layout {
	uint64_t lowmem_end;            /* RAM [1 MiB, lowmem_end) */
	uint64_t highmem_end;           /* RAM [4 GiB, highmem_end); 4G: none */
	uint64_t lowmem_reserved_base;  /* RAM [0, this); 0 means 0xA0000,
					 * as in build_e820_table() */
	uint64_t bios_image_base;       /* reserved [this, 1 MiB) */
	uint32_t nr_rdm;                /* valid entries in rdm[] */
	uint32_t nr_skipped;            /* entries rejected by the reader */
	struct xenrdm_range rdm[XENRDM_FW_MAX_RDM]; /* sorted, merged */
};

/*
 * Set the defaults: the two fixed bases above, the given memory ends (the
 * guest passes hvm_info's; 0 for "unknown, take them from xenstore") and
 * no RDM.  Never fails.
 */
void xenrdm_fw_layout_init(struct xenrdm_fw_layout *l,
			   uint64_t lowmem_end, uint64_t highmem_end);

/*
 * Parse a value as the ABI demands.
 * xenrdm_fw_parse_hex: "0x" then 1..16 hex digits, nothing else.
 * xenrdm_fw_parse_dec: 1..10 decimal digits, value <= 0xffffffff.
 * Returns 0, or -XENRDM_ERR_INVAL (malformed, NULL, empty) or
 * -XENRDM_ERR_RANGE (does not fit).  *out is written only on success.
 */
int xenrdm_fw_parse_hex(const char *s, uint64_t *out);
int xenrdm_fw_parse_dec(const char *s, uint32_t *out);

/*
 * Read the hvmloader/rdm keys through xenrdm_env_xs_read() into l->rdm.
 * count: missing -> no RDM, returns 0.  Malformed or > XENRDM_XS_MAX_COUNT
 * -> no RDM is read, logged, returns -XENRDM_ERR_INVAL.
 * Each entry must be: both keys present, 0x hex, page aligned, size > 0,
 * start + size neither wrapping nor above XENRDM_PADDR_LIMIT; a bad entry
 * is skipped with a log line naming key and value (l->nr_skipped counts).
 * The kept entries are sorted and overlapping/adjacent ones merged.
 * lowmem-end/highmem-end: when present and valid they are cross-checked
 * with the values already in *l (a difference is logged; the values from
 * hvm_info win); when *l has 0 there, the xenstore value is used.
 * Returns 0 when the set was read (possibly with skipped entries).
 */
int xenrdm_fw_read(struct xenrdm_fw_layout *l);

/*
 * Add the layout's RDM ranges, as RESERVED, to an e820 someone else built
 * (in hvmloader: the table stock build_e820_table() made, with its first
 * MB, ACPI NVS, IGD OpRegion NVS and libxl's memory_map entries), writing
 * the result to out[0..cap) (out must not overlap in).
 *
 * Only l->rdm[0..nr_rdm) is used (not the layout's ends or first MB: in
 * holds those).  A range is skipped, with a log line naming it and why,
 * when it is empty or ends past 2^52, or overlaps hvmloader's own area
 * [XENRDM_FW_RESERVED_MEMBASE, 4 GiB) or any ACPI or NVS entry of in.  Every other range goes in as RESERVED,
 * carving the RAM under it.  out is in's entries plus those ranges,
 * sorted, without empty entries, overlaps resolved (any type wins over
 * RAM, the higher type number over a lower one) and touching entries of
 * one type merged.  (hvmloader's glue does not call it at all when
 * xenstore holds no ranges: its table then stays exactly stock's.)
 *
 * Returns the number of ranges skipped (>= 0), or
 *   -XENRDM_ERR_NOSPACE  the result needs more than cap entries (out is
 *                        never written past cap, *nr_out is unset; a cap
 *                        that holds the result never fails),
 *   -XENRDM_ERR_LAYOUT   nr_rdm > XENRDM_FW_MAX_RDM (nothing written).
 * Logs how many ranges went in (hvmloader prints the table next).
 */
int xenrdm_e820_add_rdm(const struct xenrdm_fw_layout *l,
			const struct xenrdm_e820entry *in, uint32_t nr_in,
			struct xenrdm_e820entry *out, uint32_t cap,
			uint32_t *nr_out);

/*
 * Build the guest e820 from the layout alone (the planner on the host,
 * tests): the fixed entries stock build_e820_table() makes, then
 * xenrdm_e820_add_rdm() with every l->rdm range:
 *   RAM      [0, lowmem_reserved_base)   (0 taken as 0xA0000)
 *   RESERVED [lowmem_reserved_base, 0xA0000)    (only if base < 0xA0000)
 *   RESERVED [bios_image_base, 1 MiB)
 *   RAM      [1 MiB, lowmem_end)                (libxl's memory_map)
 *   RESERVED [0xFC000000, 4 GiB)
 *   RAM      [4 GiB, highmem_end)               (only if above 4 GiB)
 * The one difference from hvmloader: hvmloader splits [0xFC000000, 4 GiB)
 * into ACPI NVS [0xFC000000, end of its ACPI tables) (plus an IGD
 * OpRegion NVS entry with IGD passthrough) and RESERVED up to 4 GiB,
 * whose sizes are known only at boot; here it is one RESERVED entry.
 * The result is always sorted and merged.
 * Returns 0 and *nr_out, or
 *   -XENRDM_ERR_NOSPACE  the table would need more than cap entries (tab
 *                        is never written past cap; its content is then
 *                        unspecified and *nr_out unset; a cap that holds
 *                        the result never fails),
 *   -XENRDM_ERR_LAYOUT   lowmem_end < 2 MiB or > 0xFC000000, highmem_end
 *                        < 4 GiB or > XENRDM_PADDR_LIMIT,
 *                        lowmem_reserved_base > 0xA0000, bios_image_base
 *                        outside [0xA0000, 1 MiB], nr_rdm > 124, an rdm
 *                        entry empty, wrapping or ending above 2^52
 *                        (logged, naming the field).
 * A range that xenrdm_e820_add_rdm() skips is logged, not an error here.
 */
int xenrdm_e820_build(const struct xenrdm_fw_layout *l,
		      struct xenrdm_e820entry *tab, uint32_t cap,
		      uint32_t *nr_out);

/* Print in hvmloader's format: "E820 table:", " HOLE: ..." and
 * " [00]: 00000000:00000000 - 00000000:000a0000: RAM" lines (one log call
 * per line; types RAM RESERVED ACPI NVS, any other prints "UNKNOWN"
 * without hvmloader's number). */
void xenrdm_e820_print(const struct xenrdm_e820entry *tab, uint32_t nr);

/*
 * The one invariant checker, used by unit tests, fuzzers, the planner and
 * the QEMU image: tab is sorted, entries do not overlap, none is empty or
 * wraps, no RAM byte lies inside any l->rdm range, every l->rdm byte is
 * RESERVED, and the RAM total equals the layout's RAM
 * (lowmem_reserved_base (0: 0xA0000) + (lowmem_end - 1 MiB) +
 * (highmem_end - 4 GiB))
 * less the RAM the RDM ranges cover; every RAM entry lies in the layout's
 * RAM.  l may be NULL to check only the structural rules.  Returns 0, or
 * -XENRDM_ERR_LAYOUT after logging the first broken rule with the entry
 * index.  Lives in firmware/extra/ (libxenrdm-fw-extra.a), not in the
 * module archive: hvmloader does not need it at boot.
 */
int xenrdm_memmap_check(const struct xenrdm_fw_layout *l,
			const struct xenrdm_e820entry *tab, uint32_t nr);

/* RAM bytes in tab. */
uint64_t xenrdm_e820_ram_total(const struct xenrdm_e820entry *tab,
			       uint32_t nr);

/* For hvmloader's PCI BAR allocator: is [base, base+size) clear of every
 * RDM range?  An empty range, or one reaching 2^64 - 1, is never free.
 * l must be valid (as xenrdm_fw_read() or the planner leave it). */
bool xenrdm_rdm_range_free(const struct xenrdm_fw_layout *l,
			   uint64_t base, uint64_t size);

/* The lowest base >= from, aligned to align (a power of two, or 0/1 for
 * none), with [base, base+size) clear of RDM.  Returns ~0ULL when there
 * is none below 2^64. */
uint64_t xenrdm_rdm_next_free(const struct xenrdm_fw_layout *l,
			      uint64_t from, uint64_t size, uint64_t align);

#endif /* XENRDM_FIRMWARE_H */
