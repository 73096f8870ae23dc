/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/xs_abi.h - the xenstore ABI between the xen-rdm shim (host) and
 * the xen-rdm firmware module (guest, inside hvmloader).
 *
 * Every key is relative to the domain's home, /local/domain/<domid>/.
 *
 *   hvmloader/rdm/count        decimal N, 0..XENRDM_XS_MAX_COUNT
 *   hvmloader/rdm/<i>/start    "0x" hex bytes, 4 KiB aligned      (0 <= i < N)
 *   hvmloader/rdm/<i>/size     "0x" hex bytes, 4 KiB aligned, > 0
 *   hvmloader/rdm/lowmem-end   "0x" hex bytes: end of RAM below 4 GiB
 *   hvmloader/rdm/highmem-end  "0x" hex bytes: end of RAM above 4 GiB
 *                              (exactly 4 GiB when there is none)
 *
 * Only RDM regions the shim found valid are written, sorted by start and
 * already merged where they touch.  The shim writes the whole set in one
 * transaction; domain 0 owns every key and the guest may only read them.
 * A missing count means "no RDM".  The firmware re-validates every value
 * and never trusts ordering, alignment or non-overlap.
 *
 * This header is freestanding: it only defines constants.
 */
#ifndef XENRDM_XS_ABI_H
#define XENRDM_XS_ABI_H

#define XENRDM_XS_DIR            "hvmloader/rdm"
#define XENRDM_XS_COUNT          XENRDM_XS_DIR "/count"
#define XENRDM_XS_LOWMEM_END     XENRDM_XS_DIR "/lowmem-end"
#define XENRDM_XS_HIGHMEM_END    XENRDM_XS_DIR "/highmem-end"
/* printf formats for the per-entry keys; the argument is the index i. */
#define XENRDM_XS_ENTRY_DIR_FMT  XENRDM_XS_DIR "/%u"
#define XENRDM_XS_START_FMT      XENRDM_XS_DIR "/%u/start"
#define XENRDM_XS_SIZE_FMT       XENRDM_XS_DIR "/%u/size"
/* Leaf names, for code that builds paths piece by piece. */
#define XENRDM_XS_LEAF_START     "start"
#define XENRDM_XS_LEAF_SIZE      "size"

/* The domain home, for host code: printf format with the domid. */
#define XENRDM_XS_DOMAIN_HOME_FMT "/local/domain/%u"

/* Hard limits, shared by writer and reader (see xenrdm/firmware.h). */
#define XENRDM_E820MAX           128     /* entries in the guest e820 */
#define XENRDM_XS_MAX_COUNT      124     /* E820MAX less the 4 fixed entries */
#define XENRDM_PAGE_SIZE         0x1000ULL
#define XENRDM_PADDR_LIMIT       (1ULL << 52) /* architectural maximum */

#endif /* XENRDM_XS_ABI_H */
