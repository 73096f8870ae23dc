/* SPDX-License-Identifier: MIT */
/*
 * shim/lib/fw_env_host.c - the firmware hooks for the host library
 * (xenrdm/fw_host.h): a settable reader and a settable logger.  Globals
 * on purpose: the firmware's hooks take no context, as in hvmloader.
 */
#include <stdarg.h>
#include <stdio.h>

#include "xenrdm/fw_env.h"
#include "xenrdm/fw_host.h"

static xenrdm_fw_host_reader host_reader;
static void *host_reader_opaque;
static xenrdm_fw_host_logger host_logger;
static void *host_logger_opaque;

void xenrdm_fw_host_set_reader(xenrdm_fw_host_reader fn, void *opaque)
{
	host_reader = fn;
	host_reader_opaque = opaque;
}

void xenrdm_fw_host_get_reader(xenrdm_fw_host_reader *fn_out,
			       void **opaque_out)
{
	*fn_out = host_reader;
	*opaque_out = host_reader_opaque;
}

void xenrdm_fw_host_set_logger(xenrdm_fw_host_logger fn, void *opaque)
{
	host_logger = fn;
	host_logger_opaque = opaque;
}

void xenrdm_fw_host_get_logger(xenrdm_fw_host_logger *fn_out,
			       void **opaque_out)
{
	*fn_out = host_logger;
	*opaque_out = host_logger_opaque;
}

static const char *xsdump_reader(void *opaque, const char *path,
				 const char *def)
{
	return xenrdm_xsdump_read(opaque, path, def);
}

void xenrdm_fw_host_read_xsdump(struct xenrdm_xsdump *d)
{
	xenrdm_fw_host_set_reader(xsdump_reader, d);
}

const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	if (!host_reader)
		return def;
	return host_reader(host_reader_opaque, path, def);
}

void xenrdm_env_log(const char *fmt, ...)
{
	char text[XENRDM_FW_HOST_LOG_MAX];
	va_list ap;

	if (!host_logger)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	host_logger(host_logger_opaque, text);
}
