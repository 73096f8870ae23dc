/* SPDX-License-Identifier: MIT */
/* tests/qemu/common/env.c - the module's hooks (see env.h). */
#include "env.h"

#include <stdarg.h>

#include "fmt.h"
#include "xenrdm/fw_env.h"
#include "xenrdm/xsdump.h"

static struct xenrdm_xsdump xs_dump;

int env_xs_open(const char *buf, size_t len)
{
	return xenrdm_xsdump_open(&xs_dump, buf, len);
}

const char *env_xs_home(void)
{
	return xs_dump.home;
}

const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	return xenrdm_xsdump_read(&xs_dump, path, def);
}

void xenrdm_env_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	con_vprintf(fmt, ap);
	va_end(ap);
}
