/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/fw_host.h - the firmware module's two hooks (xenrdm/fw_env.h) as
 * libxenrdm provides them on the host, so `plan`, `show`, `e820`, the
 * tests and the fuzzers run the firmware's own code.
 *
 * Both hooks are process-global settings: NOT reentrant and NOT thread
 * safe.  Set them, call the firmware, restore them; never from two threads
 * at once.  xenrdm_fw_host_get_*() let a caller save and restore.
 */
#ifndef XENRDM_FW_HOST_H
#define XENRDM_FW_HOST_H

#include "xenrdm/xsdump.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Answers xenrdm_env_xs_read(): the value of PATH (relative to the domain
 * home) or DEF when missing.  The string must stay valid until the next
 * read. */
typedef const char *(*xenrdm_fw_host_reader)(void *opaque, const char *path,
					     const char *def);
/* Receives each xenrdm_env_log() message, formatted (a line or a few
 * lines, each ending in '\n'; cut at XENRDM_FW_HOST_LOG_MAX - 1 bytes). */
typedef void (*xenrdm_fw_host_logger)(void *opaque, const char *text);

#define XENRDM_FW_HOST_LOG_MAX 512

/* NULL reader (the default): every read returns its default, i.e. the
 * firmware sees an empty xenstore. */
void xenrdm_fw_host_set_reader(xenrdm_fw_host_reader fn, void *opaque);
void xenrdm_fw_host_get_reader(xenrdm_fw_host_reader *fn_out,
			       void **opaque_out);

/* NULL logger (the default): messages are discarded; the library never
 * prints by itself. */
void xenrdm_fw_host_set_logger(xenrdm_fw_host_logger fn, void *opaque);
void xenrdm_fw_host_get_logger(xenrdm_fw_host_logger *fn_out,
			       void **opaque_out);

/* Convenience: serve reads from an opened dump (xenrdm/xsdump.h); D must
 * outlive its use as the reader. */
void xenrdm_fw_host_read_xsdump(struct xenrdm_xsdump *d);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_FW_HOST_H */
