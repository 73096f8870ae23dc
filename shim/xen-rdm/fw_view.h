/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/fw_view.h - what `show` and `e820` share: both print the
 * firmware's view of a key set (from xenstore, or from a dump), so both
 * take the same options for it and say the same when the guest's BIOS
 * would not keep its e820.
 */
#ifndef XENRDM_CLI_FW_VIEW_H
#define XENRDM_CLI_FW_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "xenrdm/firmware.h"
#include "xenrdm/xenrdm.h"

/*
 * The options, as X(name, has_arg, value) for a getopt table (has_arg is
 * <getopt.h>'s); each command adds its own around them.
 */
enum {
	FW_VIEW_OPT_JSON = 0x2000, FW_VIEW_OPT_LINUX, FW_VIEW_OPT_BIOS,
	FW_VIEW_OPT_GFX,
};
#define FW_VIEW_OPTIONS(X) \
	X("json",         no_argument,       FW_VIEW_OPT_JSON)  \
	X("linux",        no_argument,       FW_VIEW_OPT_LINUX) \
	X("bios",         required_argument, FW_VIEW_OPT_BIOS)  \
	X("gfx-passthru", no_argument,       FW_VIEW_OPT_GFX)
#define FW_VIEW_OPTION(name, has_arg, val) { name, has_arg, NULL, val },

struct fw_view {
	bool json;              /* --json: one object */
	bool linux_fmt;         /* --linux: the e820 as Linux logs it */
	enum xenrdm_bios bios;  /* --bios: hvmloader's first MB, the limit */
	bool igd_passthru;      /* --gfx-passthru: the OpRegion's 2 entries */
};

/* No option given: the command's table, seabios, no IGD. */
void fw_view_init(struct fw_view *v);

/* Option c of FW_VIEW_OPTIONS with its argument, for command cmd: 0, or
 * exit status 2 with the message printed ("CMD: --bios 'x': not ...");
 * FW_VIEW_NOT_MINE for any other c. */
#define FW_VIEW_NOT_MINE (-1)
int fw_view_opt(struct fw_view *v, const char *cmd, int c, const char *arg);

/* Does the guest's BIOS keep the e820 the firmware builds from l?  If
 * not (the patched hvmloader stops rather than hand it a table cut
 * short): false, and why[0..len) says "this e820 has N entries at boot,
 * more than seabios keeps (26): the guest's hvmloader stops". */
bool fw_view_boot_fits(const struct fw_view *v,
		       const struct xenrdm_fw_layout *l, char *why, size_t len);

#endif /* XENRDM_CLI_FW_VIEW_H */
