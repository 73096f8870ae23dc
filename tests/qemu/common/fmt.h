/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/fmt.h - a minimal printf for the QEMU test programs.
 *
 * Conversions: %s %c %u %d %x %X %p %% with the flags '0' and '-', a
 * field width, and the length modifiers l, ll and z.  That covers what
 * xenrdm/fw_env.h says the firmware module uses (%s %u %x %08x %02u %c
 * %%) plus the 64-bit values the test programs print themselves.
 * Anything else is copied through literally, so a bad format shows up in
 * the log instead of corrupting the argument list silently.
 */
#ifndef QEMU_COMMON_FMT_H
#define QEMU_COMMON_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Formats into buf[0..cap) (always NUL-terminated when cap > 0, cut
 * short when too long); returns the length written, excluding the NUL. */
size_t fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap);

/* Where formatted text goes: each program supplies one (COM1 for the
 * image; the EFI console and COM1 for the EFI application). */
void console_write(const char *s, size_t n);

void con_vprintf(const char *fmt, va_list ap);
void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* QEMU_COMMON_FMT_H */
