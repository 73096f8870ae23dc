/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/dom_layout.h - the memory layout of a domain the toolstack has
 * built, read back through libxenctrl, to check it against a plan before
 * the guest runs.
 *
 * Xen 4.17's libxenctrl has no call that reads another domain's e820:
 * XENMEM_memory_map answers for the calling domain only (xen/arch/x86/
 * mm.c: current->domain) and xc_get_machine_memory_map is the host's.  What
 * hvmloader lays its e820 out from is the hvm_info table libxenguest writes
 * into the guest at HVM_INFO_PADDR (0x9f800; xg_dom_x86.c build_hvm_info:
 * low_mem_pgend = lowmem_end >> 12, high_mem_pgend = highmem_end >> 12,
 * the values libxl computed after its RDM relocation).  It is read here
 * through a read-only foreign mapping of that page, signature and checksum
 * checked as hvmloader checks them.  The domain must not have run (paused
 * since `xl create -p`): hvmloader changes the table as it goes.
 */
#ifndef XENRDM_DOM_LAYOUT_H
#define XENRDM_DOM_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct xenrdm_dom_layout {
	bool hvm, paused;
	uint64_t lowmem_end;    /* low_mem_pgend << 12 */
	uint64_t highmem_end;   /* high_mem_pgend << 12; 0: no RAM above 4 GiB */
	uint32_t nr_vcpus;
};

/*
 * Read domain domid's layout.  0, or (message in err)
 *   -XENRDM_ERR_NOXEN  no hypervisor (/dev/xen/privcmd missing)
 *   -XENRDM_ERR_IO     the hypervisor interface, the domain or its page
 *                      could not be read (errno named)
 *   -XENRDM_ERR_INVAL  no such domain, or not an HVM guest (layout not
 *                      filled)
 *   -XENRDM_ERR_PARSE  the page holds no valid hvm_info table
 */
int xenrdm_dom_layout_read(uint32_t domid, struct xenrdm_dom_layout *out,
			   char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_DOM_LAYOUT_H */
