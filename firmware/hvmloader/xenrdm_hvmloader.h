/* SPDX-License-Identifier: MIT */
/*
 * firmware/hvmloader/xenrdm_hvmloader.h - the xen-rdm glue inside
 * hvmloader: what the patch series (patches/) calls, and where.
 *
 * The glue and the firmware module are hvmloader objects: built by
 * hvmloader's own Makefile with its CFLAGS (stack arguments, -m32
 * -march=i686 -O2 -ffreestanding -nostdinc ...), against its util.h.
 * Every function is safe to call when xenstore holds no xen-rdm keys:
 * hvmloader then does exactly what stock hvmloader does.
 */
#ifndef XENRDM_HVMLOADER_H
#define XENRDM_HVMLOADER_H

#include "xenrdm/firmware.h"

/*
 * hvmloader.c, main(): after xenbus_setup() and before pci_setup().
 * Reads hvmloader/rdm/ once (the module logs what it skips), with
 * hvm_info's memory ends as the layout's.
 */
void xenrdm_hvm_read_keys(void);

/*
 * pci.c, check_overlap_all(): does [start, start + size) overlap a
 * xen-rdm range?  (That check decides whether pci_mem_start drops to the
 * end of low RAM.)  false for size 0 and when there are no ranges.
 */
bool xenrdm_hvm_overlaps(uint64_t start, uint64_t size);

/*
 * pci.c, pci_setup(), for every memory BAR (below 4 GiB after stock's
 * RMRR loop; above 4 GiB, where stock checks nothing): the
 * lowest base >= BASE, aligned to SIZE (a BAR size: a power of two),
 * whose [base, base + size) is clear of every xen-rdm range and of every
 * RESERVED entry of memory_map (libxl's RDM).  BASE itself when there
 * are no xen-rdm ranges; ~0 when no base is left (pci.c then reports
 * "no space for resource").
 */
uint64_t xenrdm_hvm_bar_base(uint64_t base, uint64_t size);

/*
 * pci.c, pci_setup(), after the RAM relocation loop and
 * adjust_memory_map(): hvm_info's memory ends win over the ones read
 * with the keys; a xen-rdm range inside the RAM just relocated above
 * 4 GiB is reported (it will be carved out of that RAM).  Prints nothing
 * when nothing moved or nothing is wrong.
 */
void xenrdm_hvm_ram_moved(void);

/*
 * seabios.c, ovmf.c, rombios.c, before build_e820_table(): how many
 * entries this BIOS keeps (XENRDM_BIOS_E820_KEEP_*, capped at
 * XENRDM_E820MAX).  Until called: SeaBIOS's, xl's default BIOS.
 */
void xenrdm_hvm_e820_limit(unsigned int keep);

/*
 * e820.c, at the end of build_e820_table(): add the xen-rdm ranges to the
 * NR entries stock hvmloader put in E820 and return the new count.
 * Without xen-rdm ranges, returns NR and leaves E820 alone.  When the
 * table with the ranges would not fit the BIOS's limit, prints the counts
 * and BUG()s: better no boot than a guest with RAM over an RMRR.
 */
struct e820entry;
unsigned int xenrdm_hvm_e820_add(struct e820entry *e820, unsigned int nr);

/* Entries the scratch e820 of seabios.c and ovmf.c holds: all stock
 * build_e820_table() may write (its own 7 at most, plus memory_map's
 * E820MAX), so neither stock nor xen-rdm ever writes past it. */
#define XENRDM_HVM_E820_SCRATCH (7 + 128)

/* The layout as read (for tests and the QEMU image). */
const struct xenrdm_fw_layout *xenrdm_hvm_layout(void);

#endif /* XENRDM_HVMLOADER_H */
