/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/serial.h - polled 16550 UART for the test image's
 * log: COM1 (0x3f8), the port QEMU's first -serial connects, where
 * Linux's console=ttyS0 continues.  No interrupts: the test reads the
 * log after the fact.
 */
#ifndef QEMU_COMMON_SERIAL_H
#define QEMU_COMMON_SERIAL_H

#include <stddef.h>

#include <stdint.h>

#define SERIAL_COM1 0x3f8

void serial_init(uint16_t port);
/* Writes N bytes, "\n" as "\r\n" so a terminal shows lines too. */
void serial_write(uint16_t port, const char *s, size_t n);

#endif /* QEMU_COMMON_SERIAL_H */
