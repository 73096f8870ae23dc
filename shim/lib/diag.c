/* SPDX-License-Identifier: MIT */
/* shim/lib/diag.c - see diag.h. */
#include <stdarg.h>
#include <stdio.h>

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
