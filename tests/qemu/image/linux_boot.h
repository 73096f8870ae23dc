/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/linux_boot.h - stage two of the test image: start a
 * Linux bzImage by the x86 32-bit boot protocol (Linux's
 * Documentation/arch/x86/boot.rst), handing it the firmware module's e820
 * in the zero page, so a kernel nobody here wrote consumes the table.
 */
#ifndef QEMU_IMAGE_LINUX_BOOT_H
#define QEMU_IMAGE_LINUX_BOOT_H

#include <stdint.h>

#include "xenrdm/firmware.h"

/* The kernel command line: serial console from the first message on, no
 * KASLR so the kernel lands where this loader checked there is RAM, and
 * an immediate reboot (QEMU -no-reboot: exit) when it panics. */
#define LINUX_CMDLINE \
	"console=ttyS0,115200 earlyprintk=serial,ttyS0,115200 panic=-1 nokaslr"

/* Loads the bzImage at [image, image + size) and jumps to it with TAB as
 * its e820.  Returns only on failure, after printing why. */
void linux_boot(const uint8_t *image, uint32_t size,
		const struct xenrdm_e820entry *tab, uint32_t nr);

#endif /* QEMU_IMAGE_LINUX_BOOT_H */
