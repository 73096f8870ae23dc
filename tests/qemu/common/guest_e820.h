/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/guest_e820.h - what the QEMU test image and the EFI
 * application both do: fetch the xenstore dump from fw_cfg, run the
 * firmware module on it unchanged (layout init, read, build, print,
 * check), make sure every RAM byte of the result is RAM in QEMU's own
 * map (fw_cfg etc/e820), and print the machine-readable lines the test
 * runner parses:
 *
 *   XENRDM-LAYOUT lowmem_end=0x... highmem_end=0x... nr_rdm=N nr_skipped=N
 *   XENRDM-E820 n=N START-END:TYPE ...      (hex, END exclusive)
 *   XENRDM-RESULT pass | XENRDM-RESULT fail: <why>
 */
#ifndef QEMU_COMMON_GUEST_E820_H
#define QEMU_COMMON_GUEST_E820_H

#include <stdint.h>

#include "xenrdm/firmware.h"

/*
 * LOWMEM_END/HIGHMEM_END play hvm_info's part (0: take xenstore's).
 * On success returns 0 with the table in tab[0..*nr); on failure prints
 * "XENRDM-RESULT fail: ..." and returns -1.  The caller prints "pass",
 * because only it knows when its own work (e.g. the Linux boot) is done.
 */
int guest_e820_run(uint64_t lowmem_end, uint64_t highmem_end,
		   struct xenrdm_e820entry *tab, uint32_t cap, uint32_t *nr);

/* Is [start, end) RAM in TAB?  (Used to check where Linux goes.) */
int guest_e820_is_ram(const struct xenrdm_e820entry *tab, uint32_t nr,
		      uint64_t start, uint64_t end);

#endif /* QEMU_COMMON_GUEST_E820_H */
