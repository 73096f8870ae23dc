/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/io.h - x86 port I/O for the QEMU test programs (the
 * 32-bit multiboot image and the 64-bit EFI application): the same
 * instructions work in both, so fw_cfg and the serial port share code.
 */
#ifndef QEMU_COMMON_IO_H
#define QEMU_COMMON_IO_H

#include <stdint.h>

static inline void io_out8(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void io_out16(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t io_in8(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,
 * iosize=0x04): writing V ends QEMU with exit status (V << 1) | 1, so a
 * status the test runner sees can only come from this write. */
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10    /* QEMU exits 33 */
#define DEBUG_EXIT_FAIL 0x11    /* QEMU exits 35 */

static inline void debug_exit(uint8_t v)
{
	io_out8(DEBUG_EXIT_PORT, v);
}

/* QEMU's isa-debugcon (-debugcon file:LOG): every byte written to the
 * port lands in LOG, no UART, no firmware in between. */
#define DEBUGCON_PORT 0xe9

#endif /* QEMU_COMMON_IO_H */
