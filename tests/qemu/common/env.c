/* SPDX-License-Identifier: MIT */
/* tests/qemu/common/env.c - the xenstore dump behind the module's reads
 * (see env.h). */
#include "env.h"

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

const char *env_xs_read(const char *path, const char *def)
{
	return xenrdm_xsdump_read(&xs_dump, path, def);
}
