/* SPDX-License-Identifier: MIT */
/*
 * tests/libxl/libxl_side.h - libxl's own RDM code (Debian's Xen 4.17
 * source, extracted by name at build time, see extract.py), run on one
 * input with thin stand-ins for libxl's context and the two hypercalls.
 * Plain C types only: the driver never sees libxl's headers.
 */
#ifndef XENRDM_TEST_LIBXL_SIDE_H
#define XENRDM_TEST_LIBXL_SIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LX_MAX_RMRR   160
#define LX_MAX_SCOPE  4
#define LX_MAX_PCI    6
/* Most answers to one query: AMD reports a range once per device. */
#define LX_MAX_ANSWER (LX_MAX_RMRR * LX_MAX_SCOPE)
#define LX_MAX_ENTRY  (LX_MAX_ANSWER + LX_MAX_RMRR)
#define LX_E820_CAP   (LX_MAX_ENTRY + 8)

/* libxl's policy values (libxl_rdm_reserve_policy). */
#define LX_POLICY_INVALID (-1)
#define LX_POLICY_STRICT  0
#define LX_POLICY_RELAXED 1

/* The stand-in hypervisor: VT-d RMRR units in ACPI order, each with the
 * PCI devices of its scope (seg<<16 | bus<<8 | devfn). */
struct lx_rmrr {
	uint64_t start_pfn, nr_pages;
	size_t nr_dev;
	uint32_t dev[LX_MAX_SCOPE];
};
struct lx_host {
	size_t nr;
	struct lx_rmrr rmrr[LX_MAX_RMRR];
	bool amd;       /* answer XENMEM_RDM_ALL as AMD-Vi does */
};

/* What Xen's XENMEM_reserved_device_memory_map answers
 * (xen/drivers/passthrough/vtd/dmar.c intel_iommu_get_reserved_device_memory
 * with common/memory.c get_reserved_device_memory): all=true every RMRR
 * once (an RMRR with an empty scope never); else each RMRR whose scope
 * holds sbdf, once.  With h->amd, all=true reports a range once per
 * device of its scope, as amd_iommu_get_reserved_device_memory (iommu_map.c)
 * reports every device's unity maps (only global ones once).  Writes at
 * most cap (start_pfn, nr_pages) pairs, returns how many there are. */
size_t lx_host_query(const struct lx_host *h, bool all, uint32_t sbdf,
		     uint64_t (*out)[2], size_t cap);

struct lx_pci {
	uint32_t sbdf;
	int policy;                     /* LX_POLICY_STRICT/RELAXED */
};

struct lx_input {
	uint64_t mem_size;              /* maxmem - videoram, bytes */
	uint64_t mmio_size;             /* dom->mmio_size */
	uint64_t rdm_mem_boundary;      /* bytes */
	bool hap;
	bool strategy_host;
	int policy;                     /* rdm=policy= */
	size_t nr_pci;
	struct lx_pci pci[LX_MAX_PCI];
};

struct lx_entry {
	uint64_t start, size;
	int policy;                     /* after the call; INVALID: dropped */
};

struct lx_e820 {
	uint64_t addr, size;
	uint32_t type;                  /* 1 RAM, 2 RESERVED, 3 ACPI */
};

struct lx_result {
	int rc_rdm;                     /* libxl__domain_device_construct_rdm */
	int rc_memmap;                  /* domain_construct_memmap (if run) */
	bool memmap_run;
	uint64_t lowmem_end, highmem_end;   /* dom's, after the RDM step */
	size_t nr;
	struct lx_entry e[LX_MAX_ENTRY];    /* d_config->rdms */
	bool failed_at_known;
	uint64_t failed_at;             /* "RDM conflict at 0x..." */
	uint32_t nr_e820;
	struct lx_e820 e820[LX_E820_CAP];   /* xc_domain_set_memory_map's */
	char log[4096];
};

/* Run libxl__build_hvm's layout lines, libxl__domain_device_construct_rdm
 * and, when that succeeds, domain_construct_memmap, as for an HVM guest
 * with a device model.  0, or -1 when a stand-in ran out of room. */
int lx_run(const struct lx_host *h, const struct lx_input *in,
	   struct lx_result *out);

#endif
