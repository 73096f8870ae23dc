/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/fw_cfg.h - QEMU's firmware configuration device
 * through its legacy I/O ports (selector 0x510, data 0x511), as described
 * in QEMU's docs/specs/fw_cfg.rst: the signature item, and the file
 * directory (item 0x19) whose fields are big-endian.
 */
#ifndef QEMU_COMMON_FW_CFG_H
#define QEMU_COMMON_FW_CFG_H

#include <stdbool.h>
#include <stdint.h>

/* The fw_cfg file names this test uses. */
#define FW_CFG_XENSTORE_DUMP "opt/org.xenrdm/xenstore"
#define FW_CFG_QEMU_E820     "etc/e820"

/* True when item 0 reads "QEMU". */
bool fw_cfg_present(void);

/* Looks NAME up in the file directory: true and its selector and size,
 * or false when there is no such file. */
bool fw_cfg_find(const char *name, uint16_t *select, uint32_t *size);

/* Reads the first LEN bytes of item SELECT into BUF. */
void fw_cfg_read(uint16_t select, void *buf, uint32_t len);

#endif /* QEMU_COMMON_FW_CFG_H */
