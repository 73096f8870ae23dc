/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/fw_host.h - the firmware module's own functions on the host,
 * with their environment (the two hooks of xenrdm/fw_env.h) passed in as
 * a context, so `plan`, `show`, `e820`, the tests and the fuzzers run the
 * firmware's code without process-global settings.
 *
 * The freestanding module calls xenrdm_env_xs_read()/xenrdm_env_log()
 * without a context (in hvmloader they are xenstore_read() and printf(),
 * at no cost).  On the host each xenrdm_fw_host_*() call below makes ENV
 * the environment of that call only: the library's hooks find it through
 * a per-thread pointer set on entry and restored on return.  So calls are
 * reentrant (a reader or logger may itself call the firmware) and
 * thread-safe (each thread its own environment).
 *
 * A firmware function called directly (not through these) on the host
 * sees an empty xenstore and logs nothing: the library never prints.
 */
#ifndef XENRDM_FW_HOST_H
#define XENRDM_FW_HOST_H

#include "xenrdm/firmware.h"
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

/* The firmware's environment for one call.  A NULL read: every key is
 * missing (an empty xenstore).  A NULL log: messages are discarded. */
struct xenrdm_fw_env {
	xenrdm_fw_host_reader read;
	void *read_opaque;
	xenrdm_fw_host_logger log;
	void *log_opaque;
};

/* Set env's reader to serve reads from an opened dump (xenrdm/xsdump.h);
 * D must outlive the calls that use env.  The logger is left as it is. */
void xenrdm_fw_env_xsdump(struct xenrdm_fw_env *env, struct xenrdm_xsdump *d);

/* The firmware functions of xenrdm/firmware.h, run with env (NULL: empty
 * xenstore, no log).  Same arguments and results. */
int xenrdm_fw_host_read(const struct xenrdm_fw_env *env,
			struct xenrdm_fw_layout *l);
int xenrdm_fw_host_e820_build(const struct xenrdm_fw_env *env,
			      const struct xenrdm_fw_layout *l,
			      struct xenrdm_e820entry *tab, uint32_t cap,
			      uint32_t *nr_out);
int xenrdm_fw_host_e820_add_rdm(const struct xenrdm_fw_env *env,
				const struct xenrdm_fw_layout *l,
				const struct xenrdm_e820entry *in,
				uint32_t nr_in, struct xenrdm_e820entry *out,
				uint32_t cap, uint32_t *nr_out);
void xenrdm_fw_host_e820_print(const struct xenrdm_fw_env *env,
			       const struct xenrdm_e820entry *tab,
			       uint32_t nr);
int xenrdm_fw_host_memmap_check(const struct xenrdm_fw_env *env,
				const struct xenrdm_fw_layout *l,
				const struct xenrdm_e820entry *tab,
				uint32_t nr);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_FW_HOST_H */
