/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/serial.h - polled 16550 UART on COM1 (0x3f8), the
 * port QEMU's -serial connects first.  No interrupts, no FIFO tuning:
 * the test reads the log after the fact.
 */
#ifndef QEMU_COMMON_SERIAL_H
#define QEMU_COMMON_SERIAL_H

#include <stddef.h>

void serial_init(void);
/* Writes N bytes, "\n" as "\r\n" so a terminal shows lines too. */
void serial_write(const char *s, size_t n);

#endif /* QEMU_COMMON_SERIAL_H */
