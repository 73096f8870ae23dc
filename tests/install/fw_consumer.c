/* SPDX-License-Identifier: MIT */
/*
 * tests/install/fw_consumer.c - hvmloader's side as a stranger writes it:
 * freestanding i386, the installed firmware.h, the installed archive, and
 * its own two hooks.  Linked with -nostdlib: any symbol the archive needs
 * beyond the hooks (and memcpy/memset) fails the link.
 */
#include <xenrdm/firmware.h>

static struct xenrdm_fw_layout layout;
static struct xenrdm_e820entry e820[XENRDM_E820MAX];

const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	(void)path;
	return def;
}

void xenrdm_env_log(const char *fmt, ...)
{
	(void)fmt;
}

void *memcpy(void *d, const void *s, size_t n)
{
	char *dp = d;
	const char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memset(void *d, int c, size_t n)
{
	char *dp = d;

	while (n--)
		*dp++ = (char)c;
	return d;
}

int _start(void);
int _start(void)
{
	uint32_t nr = 0;

	xenrdm_fw_layout_init(&layout, 0x40000000ULL, XENRDM_FW_4G);
	xenrdm_fw_read(&layout);
	return xenrdm_e820_build(&layout, e820, XENRDM_E820MAX, &nr) ? 1 : (int)nr;
}
