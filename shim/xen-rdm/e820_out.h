/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/e820_out.h - the host-side e820 printers shared by `xen-rdm
 * e820`, `plan` and `show`, so every command prints a table the same way.
 *
 * All three write to F and never fail (write errors show up on the FILE).
 */
#ifndef XENRDM_E820_OUT_H
#define XENRDM_E820_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "xenrdm/firmware.h"
#include "json.h"

/*
 * hvmloader's own log format (tools/firmware/hvmloader/e820.c):
 *   E820 table:
 *    [00]: 00000000:00000000 - 00000000:000a0000: RAM
 *    HOLE: 00000000:000a0000 - 00000000:000e0000
 *    [01]: 00000000:000e0000 - 00000000:00100000: RESERVED
 * Identical to what xenrdm_e820_print() logs inside the guest.
 */
void e820_out_hvmloader(FILE *f, const struct xenrdm_e820entry *tab,
			uint32_t nr);

/*
 * The command's own table (plan, apply, show), in the one range format of
 * every table (cli.h), with the size and the type:
 *     [mem 0x0000000000000000-0x000000000009ffff]    640 KiB  RAM
 */
void e820_out_table(FILE *f, const struct xenrdm_e820entry *tab, uint32_t nr);

/*
 * Linux's boot log format, one line an entry, END inclusive:
 *   BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable
 * Types: usable, reserved, ACPI data, ACPI NVS, unusable, "type N".
 */
void e820_out_linux(FILE *f, const struct xenrdm_e820entry *tab,
		    uint32_t nr);

/*
 * The e820 as the JSON array member KEY of w's open object (the one
 * writer of it: plan, e820, show), integers in decimal:
 *   "e820":[{"start":0,"size":655360,"type":"ram"},...]
 * Types as xenrdm_e820_type_name(): ram, reserved, acpi, nvs, unusable
 * (the builder makes no other; anything else prints as "unknown").
 */
void e820_out_json(struct json_writer *w, const char *key,
		   const struct xenrdm_e820entry *tab, uint32_t nr);


#endif /* XENRDM_E820_OUT_H */
