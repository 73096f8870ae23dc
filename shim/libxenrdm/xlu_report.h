/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/xlu_report.h - a libxlutil config object whose report stream
 * (libxlutil's messages) is kept in memory, for the parsers that call
 * libxlutil directly (shim/libxenrdm/xl_spec.c, shim/libxenrdm/xl_rdm.c).  Internal to
 * libxenrdm.
 */
#ifndef XENRDM_XLU_REPORT_H
#define XENRDM_XLU_REPORT_H

#include <stdio.h>

#include <libxlutil.h>

struct xlu_report {
	XLU_Config *cfg;
	FILE *stream;
	char *text;
	size_t len;
};

/* NAME is the config's name in libxlutil's messages.  0 or
 * -XENRDM_ERR_NOMEM. */
int xenrdm_xlu_report_open(struct xlu_report *rep, const char *name);
/* What libxlutil said, as one line without trailing blanks; "" if none. */
const char *xenrdm_xlu_report_text(struct xlu_report *rep);
void xenrdm_xlu_report_close(struct xlu_report *rep);

#endif /* XENRDM_XLU_REPORT_H */
