/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/helpers/fw_test.h - helpers for the firmware module's tests:
 * a fake xenstore (a NULL-terminated key/value table) behind the host
 * reader hook, and a capture of what the module logs, as one environment
 * (fwt_env()) for the xenrdm_fw_host_*() calls.
 */
#ifndef XENRDM_TEST_FW_TEST_H
#define XENRDM_TEST_FW_TEST_H

#include <stdint.h>

#include "xenrdm/firmware.h"
#include "xenrdm/fw_host.h"

struct fwt_kv {
	const char *key;    /* relative to the domain home */
	const char *val;
};

/* Serve reads from kv (until the next call or fwt_reset()). */
void fwt_set_keys(const struct fwt_kv *kv);
/* Clear the log capture and start capturing. */
void fwt_log_start(void);
/* Everything logged since fwt_log_start(). */
const char *fwt_log(void);
/* No keys, no logger. */
void fwt_reset(void);
/* The environment the two above set up, for xenrdm_fw_host_*(). */
const struct xenrdm_fw_env *fwt_env(void);

/* Print a table as "[addr,end) T" lines to stderr (for failure output). */
void fwt_dump(const char *what, const struct xenrdm_e820entry *tab,
	      uint32_t nr);

#endif
