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

#include "fw_view.h"
#include "xenrdm/xenrdm.h"

#define OPT_DOMID 0x1000
#define OPT_TIMEOUT 0x1001

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
/* The line the command prints on stdout when the watchdog fires (apply:
 * its FAIL verdict, as when a request times out); NULL: none.  Kept until
 * watchdog_disarm(). */
void watchdog_stdout_line(const char *line);
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

/* The options of the xenstore commands. */
struct dom_opts {
	uint32_t domid;
	unsigned timeout_ms;
	bool has_domid, has_timeout;
	struct fw_view view;    /* show: --json, --linux, --bios, --gfx-passthru */
	const char *svg_path;   /* show --svg FILE */
	bool quiet;             /* show -q: only the verdict */
};

/* --domid or --timeout (c is OPT_DOMID or OPT_TIMEOUT) into o: 0, an
 * exit status (printed), or DOM_OPT_NOT_MINE for any other c. */
#define DOM_OPT_NOT_MINE FW_VIEW_NOT_MINE
int dom_opt(struct dom_opts *o, int c, const char *arg);
/* After the options of CMD: --domid is required ("CMD: --domid N is
 * required", exit 2); without --timeout, the default.  0 or an exit
 * status. */
int dom_opts_settle(const char *cmd, struct dom_opts *o);

/* show and clear: --domid, --timeout, and (allow_format: show) --json,
 * --linux, --svg, --bios, --gfx-passthru, -q.  0, or an exit status (-1
 * for --help, already printed by usage). */
int parse_dom_opts(int argc, char **argv, bool allow_format,
		   void (*usage)(FILE *), struct dom_opts *o);

#endif /* XENRDM_CLI_XS_CMD_H */
