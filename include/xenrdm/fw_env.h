/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/fw_env.h - the one environment header of the firmware module.
 *
 * The module (the firmware/ sources) is freestanding C: no libc, no heap.  All it
 * needs from its host is declared here, so hvmloader, the QEMU test image,
 * the EFI build and the host library each provide the same few symbols:
 *
 *   const char *xenrdm_env_xs_read(const char *path, const char *def);
 *       hvmloader's xenstore_read(): PATH is relative to the domain home;
 *       returns DEF when the key is missing.  The string must stay valid
 *       until the next call.
 *   void xenrdm_env_log(const char *fmt, ...);
 *       printf-style logger.  The module only uses %s %u %x %08x %02u %c
 *       and %%, so a minimal printf (hvmloader's) suffices.
 *   memcpy/memset: only if the compiler emits calls to them.
 *
 * In hvmloader the glue (firmware/hvmloader/xenrdm_hvmloader.c) defines
 * the two hooks over xenstore_read() and vprintf().
 *
 * To replace this header, define XENRDM_FW_ENV_HEADER to a file name
 * (e.g. -DXENRDM_FW_ENV_HEADER='"hvmloader_env.h"'); that file must supply
 * the <stdint.h>/<stddef.h>/<stdbool.h> types and the two hooks above,
 * typically as macros:  #define xenrdm_env_xs_read xenstore_read
 *                       #define xenrdm_env_log printf
 */
#ifndef XENRDM_FW_ENV_H
#define XENRDM_FW_ENV_H

#ifdef XENRDM_FW_ENV_HEADER
#include XENRDM_FW_ENV_HEADER
#else
/* Freestanding headers: available without libc. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

const char *xenrdm_env_xs_read(const char *path, const char *def);
void xenrdm_env_log(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
#endif

#endif /* XENRDM_FW_ENV_H */
