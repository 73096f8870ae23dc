/* SPDX-License-Identifier: MIT */
/* shim/libxenrdm/plan_internal.h - internal to libxenrdm: the planner's parts. */
#ifndef XENRDM_LIB_PLAN_INTERNAL_H
#define XENRDM_LIB_PLAN_INTERNAL_H

#include <stddef.h>

#include "xenrdm/xenrdm.h"

/* Rule 6: 0, or -XENRDM_ERR_NOSPACE with a message and a remedy in err
 * (plan_bios.c). */
__attribute__((visibility("hidden")))
int plan_fits_bios(const struct xenrdm_plan *plan, char *err, size_t errlen);

#endif /* XENRDM_LIB_PLAN_INTERNAL_H */
