/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/common/env_hooks.c - the module's two hooks
 * (xenrdm/fw_env.h) for the EFI application.  The image does not link
 * this file: it gets them from hvmloader's glue
 * (firmware/hvmloader/xenrdm_hvmloader.c), over its hvmloader stand-ins.
 */
#include <stdarg.h>

#include "env.h"
#include "fmt.h"
#include "xenrdm/fw_env.h"

const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	return env_xs_read(path, def);
}

void xenrdm_env_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	con_vprintf(fmt, ap);
	va_end(ap);
}
