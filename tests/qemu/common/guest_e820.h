/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/guest_e820.h - what the QEMU test image and the EFI
 * application both do: fetch the xenstore dump from fw_cfg, run the
 * firmware module on it (the EFI application: layout init, read, build
 * from scratch; the image: hvmloader's flow through the glue), print and
 * check the table, make sure every RAM byte of the result is RAM in QEMU's own
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

/*
 * The two halves of guest_e820_run(), for the image, which builds its
 * table the way hvmloader does (through the glue) in between:
 * guest_e820_load() fetches the dump (served by xenrdm_env_xs_read()
 * from then on) and QEMU's RAM map; guest_e820_finish() prints the table
 * and the marker lines, runs the checker against L and checks the RAM
 * is QEMU's.  Each returns 0, or prints "XENRDM-RESULT fail: ..." and
 * returns -1.
 */
int guest_e820_load(void);
int guest_e820_finish(const struct xenrdm_fw_layout *l,
		      const struct xenrdm_e820entry *tab, uint32_t nr);

/*
 * hvmloader.c's detect_bios(): the BIOS xenstore's hvmloader/bios names
 * (rombios when absent, as hvmloader), with what its seabios.c, ovmf.c
 * or rombios.c passes to build_e820_table() (seabios.c: 1 MiB less
 * Debian's 256 KiB image) and the e820 limit it tells the glue.  NULL
 * for a name hvmloader does not know.
 */
struct guest_bios {
	const char *key;
	unsigned int lowmem_reserved_base, bios_image_base, keep;
};
const struct guest_bios *guest_bios_detect(void);

/* Is [start, end) RAM in TAB?  (Used to check where Linux goes.) */
int guest_e820_is_ram(const struct xenrdm_e820entry *tab, uint32_t nr,
		      uint64_t start, uint64_t end);

#endif /* QEMU_COMMON_GUEST_E820_H */
