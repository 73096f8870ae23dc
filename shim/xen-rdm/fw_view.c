/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/fw_view.c - the options and the BIOS check that `show`
 * and `e820` share (fw_view.h).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fw_view.h"

void fw_view_init(struct fw_view *v)
{
	memset(v, 0, sizeof(*v));
	v->bios = XENRDM_BIOS_DEFAULT;
}

int fw_view_opt(struct fw_view *v, const char *cmd, int c, const char *arg)
{
	switch (c) {
	case FW_VIEW_OPT_JSON:
		v->json = true;
		return 0;
	case FW_VIEW_OPT_LINUX:
		v->linux_fmt = true;
		return 0;
	case FW_VIEW_OPT_BIOS:
		if (xenrdm_bios_parse(arg, &v->bios)) {
			cli_err("%s: --bios '%s': not seabios, ovmf or rombios",
				cmd, arg);
			return XENRDM_EXIT_USAGE;
		}
		return 0;
	case FW_VIEW_OPT_GFX:
		v->igd_passthru = true;
		return 0;
	default:
		return FW_VIEW_NOT_MINE;
	}
}

bool fw_view_boot_fits(const struct fw_view *v,
		       const struct xenrdm_fw_layout *l, char *why, size_t len)
{
	uint32_t boot = 0;

	if (xenrdm_bios_e820_fits(l, v->bios, v->igd_passthru, &boot) !=
	    -XENRDM_ERR_NOSPACE)
		return true;
	snprintf(why, len, "this e820 has %" PRIu32 " entries at boot, more "
		 "than %s keeps (%" PRIu32 "): the guest's hvmloader stops",
		 boot, xenrdm_bios_name(v->bios),
		 xenrdm_bios_e820_keep(v->bios));
	return false;
}
