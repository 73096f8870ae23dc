/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/xsdump.h - serve xenstore reads from a `xenstore-ls -f` dump.
 *
 * Freestanding, caller storage, used by the QEMU test image (the dump
 * arrives through fw_cfg) and by `xen-rdm e820 --keys FILE` on the host.
 * Understands the lines `xenstore-ls -f [-p]` prints:
 *     /local/domain/7/hvmloader/rdm/count = "2"
 *     /local/domain/7/hvmloader/rdm/count = "2"  (n0,r7)
 * Values are C-escaped by xenstore-ls; \\ \" \n \t \xHH are decoded.
 * The domain home is the "/local/domain/<n>" prefix of the first such line.
 */
#ifndef XENRDM_XSDUMP_H
#define XENRDM_XSDUMP_H

#include "xenrdm/fw_env.h"
#include "xenrdm/errors.h"

#define XENRDM_XSDUMP_VALUE_MAX 256

struct xenrdm_xsdump {
	const char *buf;        /* the dump, not NUL-terminated necessarily */
	size_t len;
	char home[32];          /* "/local/domain/<n>" */
	char value[XENRDM_XSDUMP_VALUE_MAX]; /* last value returned */
};

/* Returns 0, or -XENRDM_ERR_PARSE when no "/local/domain/<n>/" line is
 * found (home then stays empty and reads return their default). */
int xenrdm_xsdump_open(struct xenrdm_xsdump *d, const char *buf, size_t len);

/* Value of <home>/<relpath>, decoded into d->value; DEF when missing,
 * malformed or longer than XENRDM_XSDUMP_VALUE_MAX - 1. */
const char *xenrdm_xsdump_read(struct xenrdm_xsdump *d, const char *relpath,
			       const char *def);

#endif /* XENRDM_XSDUMP_H */
