/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/env.h - the firmware module's environment
 * (xenrdm/fw_env.h) in the QEMU test programs (hooks: env_hooks.c for
 * the EFI application, hvmloader's glue for the image): the log goes to
 * the program's console, xenstore reads are answered from the
 * `xenstore-ls -f` dump that QEMU hands over through fw_cfg, the way
 * hvmloader's xenstore_read() is answered by xenstored.
 */
#ifndef QEMU_COMMON_ENV_H
#define QEMU_COMMON_ENV_H

#include <stddef.h>

/* Serve xenstore reads from BUF[0..len) (kept, not copied).  Returns 0
 * or the xsdump reader's -XENRDM_ERR_PARSE. */
int env_xs_open(const char *buf, size_t len);

/* PATH (relative to the domain home) from the dump, DEF when missing:
 * what hvmloader's xenstore_read() answers. */
const char *env_xs_read(const char *path, const char *def);

/* The domain home found in the dump ("" before env_xs_open). */
const char *env_xs_home(void);

#endif /* QEMU_COMMON_ENV_H */
