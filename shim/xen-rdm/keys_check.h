/* SPDX-License-Identifier: MIT */
/* shim/xen-rdm/keys_check.h - see keys_check.c. */
#ifndef XENRDM_CLI_KEYS_CHECK_H
#define XENRDM_CLI_KEYS_CHECK_H

#include <stddef.h>

#include "xenrdm/xs.h"

/* Each warns (cli_warn, naming key and value) about keys under
 * HOME/hvmloader/rdm the firmware's reader does not see and returns how
 * many: a key twice, an index past 123, a name outside the ABI. */
unsigned keys_check_dump(const char *buf, size_t len, const char *home);
unsigned keys_check_xs(const struct xenrdm_xs_dump *d, const char *home);
/* Warning lines ("warning: ") in the firmware reader's log. */
unsigned fw_log_warnings(const char *log);

#endif
