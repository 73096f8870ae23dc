/* SPDX-License-Identifier: MIT */
/* shim/libxenrdm/diag.c - see diag.h. */
#include <stdarg.h>
#include <stdio.h>

#include "xenrdm/sources.h"

#include "diag.h"

void xenrdm_set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void xenrdm_source_vwarn(const struct xenrdm_source_opts *opts,
			 const char *prefix, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	if (!opts || !opts->warn)
		return;
	n = (size_t)snprintf(msg, sizeof(msg), "%s: ", prefix);
	if (n >= sizeof(msg))
		n = sizeof(msg) - 1;
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	opts->warn(opts->warn_ctx, msg);
}
