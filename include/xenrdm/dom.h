/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/dom.h - hand a plan to libxenguest's domain builder.
 *
 * A toolstack that builds the domain itself (libxl's libxl__build_hvm()
 * does the same with its own numbers) fills these fields of its
 * struct xc_dom_image from the plan before xc_dom_boot_mem_init():
 *
 *   mmio_start   plan->mmio_start (4 GiB - mmio_size)
 *   mmio_size    plan->mmio_size
 *   lowmem_end   plan->lowmem_end (RAM below 4 GiB, after any RDM
 *                relocation to the boundary)
 *   highmem_end  plan->highmem_end, or 0 when there is no RAM above
 *                4 GiB (libxl's convention; the plan says 4 GiB)
 *
 * Nothing else in *dom is touched.  Returns 0, or (dom untouched)
 *   -XENRDM_ERR_CONFLICT  the plan has a strict conflict
 *   -XENRDM_ERR_LAYOUT    the plan's numbers are inconsistent: mmio_start
 *                         + mmio_size != 4 GiB, lowmem_end > mmio_start or
 *                         below 1 MiB, highmem_end < 4 GiB, or a value not
 *                         page aligned
 * with a message naming the field and value in err[0..errlen) (err may
 * be NULL).
 */
#ifndef XENRDM_DOM_H
#define XENRDM_DOM_H

#include <stddef.h>

#include "xenrdm/xenrdm.h"

#ifdef __cplusplus
extern "C" {
#endif

struct xc_dom_image;

int xenrdm_dom_fill(struct xc_dom_image *dom, const struct xenrdm_plan *plan,
		    char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_DOM_H */
