/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/xs_cmd.h - what the xenstore commands (apply, show, clear;
 * create's key write) share: --domid and --timeout, the exit status of a
 * xenstore error, the watchdog, the test hook, the output check.
 */
#ifndef XENRDM_CLI_XS_CMD_H
#define XENRDM_CLI_XS_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "xenrdm/xenrdm.h"

#define OPT_DOMID 0x1000
#define OPT_TIMEOUT 0x1001
#define OPT_BIOS 0x1002
#define OPT_GFX 0x1003

/* The exit status of a library error: the environment failed (xenstore)
 * unless the input was bad. */
int exit_status_of(int rc);
/* --domid: decimal 1..XENRDM_XS_DOMID_MAX.  0 or an exit status. */
int parse_domid(const char *arg, uint32_t *domid_out);
/* --timeout SEC (WHAT names the option or variable): 1..3600 whole
 * seconds into *ms_out.  0 or an exit status. */
int parse_timeout(const char *what, const char *arg, unsigned *ms_out);
/* XENRDM_XS_TIMEOUT, else the library's default.  0 or an exit status. */
int default_timeout(unsigned *ms_out);
/* The whole exchange with xenstored within 3 x the timeout, else one
 * line naming the daemon and exit 3. */
void watchdog_arm(const char *cmd, uint32_t domid, unsigned timeout_ms);
void watchdog_disarm(void);
/* The test build (-DXENRDM_TEST_HOOKS, tests/xs/xs.mk): installs the
 * pause of XENRDM_TEST_PAUSE_AFTER_WRITES on the handle it writes
 * through.  The product's does nothing. */
struct xenrdm_xs;
void test_hook_install(struct xenrdm_xs *xs);
/* stdout flushed and without error, else say so: exit 3. */
int stdout_check(const char *cmd, int status);
/* --help or -h before any "--". */
bool wants_help(int argc, char **argv);

struct dom_opts {
	uint32_t domid;
	unsigned timeout_ms;
	bool has_domid, has_timeout, json, linux_fmt;
	const char *svg_path;   /* show --svg FILE */
	enum xenrdm_bios bios;  /* show --bios: the guest's first MB, limit */
	bool igd_passthru;      /* show --gfx-passthru: the OpRegion's 2 */
};

/* show and clear: --domid, --timeout, and (allow_format: show) --json,
 * --linux, --svg, --bios, --gfx-passthru.  0, or an exit status (-1 for
 * --help, already printed by usage). */
int parse_dom_opts(int argc, char **argv, bool allow_format,
		   void (*usage)(FILE *), struct dom_opts *o);

#endif /* XENRDM_CLI_XS_CMD_H */
