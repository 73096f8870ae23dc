/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/diag.h - internal to libxenrdm: the one way a library function
 * hands its caller a message.  The library never prints; a function that
 * fails writes one line, naming the input and the offending value, into
 * the caller's err[0..errlen) buffer (NULL or 0: no message wanted).
 */
#ifndef XENRDM_LIB_DIAG_H
#define XENRDM_LIB_DIAG_H

#include <stddef.h>

__attribute__((visibility("hidden"), format(printf, 3, 4)))
void xenrdm_set_err(char *err, size_t errlen, const char *fmt, ...);

#include <stdarg.h>

struct xenrdm_source_opts;

/* A source reader's warning: "PREFIX: <fmt...>" handed to opts->warn
 * (nothing when opts or its warn is NULL). */
__attribute__((visibility("hidden"), format(printf, 3, 0)))
void xenrdm_source_vwarn(const struct xenrdm_source_opts *opts,
			 const char *prefix, const char *fmt, va_list ap);

#endif /* XENRDM_LIB_DIAG_H */
