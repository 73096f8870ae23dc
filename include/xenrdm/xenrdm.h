/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/xenrdm.h - libxenrdm, the host side of xen-rdm: the guest layout
 * planner and what surrounds it.
 *
 * Units: every address and size here is in bytes (the command line and
 * xl.cfg speak MiB; conversion happens at the edge, once).
 * Errors: functions return 0 or -XENRDM_ERR_* (xenrdm/errors.h); see
 * xenrdm_strerror().  Nothing here prints.
 */
#ifndef XENRDM_XENRDM_H
#define XENRDM_XENRDM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenrdm/errors.h"
#include "xenrdm/firmware.h"
#include "xenrdm/xs_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define XENRDM_VERSION "0.1.0"

#define XENRDM_MIB                   (1ULL << 20)
#define XENRDM_4G                    (1ULL << 32)
#define XENRDM_DEFAULT_MMIO_SIZE     (256 * XENRDM_MIB)
#define XENRDM_DEFAULT_MEM_BOUNDARY  (2048 * XENRDM_MIB)
#define XENRDM_MIN_MEM_SIZE          (2 * XENRDM_MIB)
#define XENRDM_MIN_MMIO_SIZE         (256 * XENRDM_MIB)   /* xl's range */
#define XENRDM_MAX_MMIO_SIZE         (3840 * XENRDM_MIB)
#define XENRDM_HAP_ALIGN             (2 * XENRDM_MIB)
#define XENRDM_HVMLOADER_AREA        XENRDM_FW_RESERVED_MEMBASE
/* hvmloader's build_e820_table(): BUG_ON(low_mem_end < MB(2)). */
#define XENRDM_MIN_LOWMEM_END        XENRDM_FW_LOWMEM_MIN  /* one floor with the firmware */

/*
 * The guest's firmware, as xl.cfg's bios= (or firmware=) names it.  It
 * decides hvmloader's first megabyte (each BIOS's e820_setup passes its
 * own bases to build_e820_table) and how many e820 entries the guest
 * keeps.  SeaBIOS is xl's default for qemu-xen, the only device model
 * Debian ships.
 */
enum xenrdm_bios {
	XENRDM_BIOS_SEABIOS = 0,
	XENRDM_BIOS_OVMF = 1,
	XENRDM_BIOS_ROMBIOS = 2,
};
#define XENRDM_BIOS_DEFAULT XENRDM_BIOS_SEABIOS

/*
 * SeaBIOS's image length: hvmloader's seabios_load() puts the image at
 * 1 MiB - length, and seabios_setup_e820() reserves from there.  Debian's
 * libxl loads /usr/share/seabios/bios-256k.bin (debian/rules:
 * --with-system-seabios=/usr/share/seabios/bios-256k.bin; package
 * seabios 1.16.2-1: 262144 bytes), so the BIOS area is [0xC0000, 1 MiB).
 */
#define XENRDM_SEABIOS_IMAGE_SIZE    0x40000ULL

/* Ordered: a larger value is stricter, so "strictest wins" is max(). */
enum xenrdm_policy {
	XENRDM_POLICY_RELAXED = 0,
	XENRDM_POLICY_STRICT = 1,
};

enum xenrdm_strategy {
	XENRDM_STRATEGY_IGNORE = 0,
	XENRDM_STRATEGY_HOST = 1,
};

enum xenrdm_state {
	XENRDM_STATE_VALID = 0,     /* reserved in the guest e820 */
	XENRDM_STATE_DROPPED = 1,   /* relaxed and conflicting: left out */
	XENRDM_STATE_CONFLICT = 2,  /* strict and conflicting: plan fails */
};

enum xenrdm_reason {
	XENRDM_REASON_NONE = 0,
	XENRDM_REASON_LOWMEM,       /* overlaps low RAM, start <= boundary */
	XENRDM_REASON_HIGHMEM,      /* overlaps RAM above 4 GiB */
	XENRDM_REASON_HVMLOADER,    /* overlaps [0xFC000000, 4 GiB) */
};

/* PCI segment:bus:device.function packed as seg<<16 | bus<<8 | dev<<3 | fn. */
typedef uint32_t xenrdm_sbdf;
#define XENRDM_SBDF(s, b, d, f) \
	((xenrdm_sbdf)(((xenrdm_sbdf)(s) & 0xffff) << 16 | ((b) & 0xff) << 8 | \
		       ((d) & 0x1f) << 3 | ((f) & 7)))

/* A host RDM region as a source reports it (DMAR RMRR, XENMEM_RDM_ALL,
 * --region).  A region shared by several devices appears once per device,
 * each with has_sbdf set; a host-wide one with has_sbdf clear.  A range
 * of devices (an IVRS type 22h IVMD) stays one region: sbdf_last above
 * sbdf ties it to every device sbdf..sbdf_last (same segment), and the
 * planner matches assigned devices in the range without expanding it
 * (only with the config's device_ranges set); sbdf_last <= sbdf (e.g. 0)
 * means the one device sbdf. */
struct xenrdm_host_region {
	uint64_t start;
	uint64_t size;
	bool has_sbdf;
	xenrdm_sbdf sbdf;
	xenrdm_sbdf sbdf_last;
};

/* An assigned PCI device (xl's pci=[...]). */
struct xenrdm_pci_dev {
	xenrdm_sbdf sbdf;
	enum xenrdm_policy policy;      /* rdm_policy=, default strict */
};

/* The planner's input.  Pointers are borrowed for the call only. */
struct xenrdm_config {
	uint64_t mem_size;              /* guest RAM for the layout */
	uint64_t mmio_size;             /* MMIO hole below 4 GiB */
	uint64_t rdm_mem_boundary;      /* bytes */
	bool hap;
	enum xenrdm_strategy strategy;  /* rdm=strategy= */
	enum xenrdm_policy policy;      /* rdm=policy= */
	const struct xenrdm_pci_dev *pci;
	size_t nr_pci;
	const struct xenrdm_host_region *regions;
	size_t nr_regions;
	enum xenrdm_bios bios;          /* bios=, default SeaBIOS */
	bool igd_passthru;              /* gfx_passthru: hvmloader adds the
					 * IGD OpRegion, 2 e820 entries more */
	/* Honour the regions' sbdf_last (device ranges).  Off after
	 * xenrdm_config_init(), so that callers written before the field
	 * existed, which may leave it uninitialised, plan as before. */
	bool device_ranges;
};

/* One region of the guest's RDM set, after de-duplication. */
struct xenrdm_rdm {
	uint64_t start;
	uint64_t size;
	enum xenrdm_policy policy;      /* strictest of its sources */
	enum xenrdm_state state;
	enum xenrdm_reason reason;      /* why it conflicts, else NONE */
	bool host_wide;                 /* came in through strategy=host */
	size_t nr_devices;              /* assigned devices only */
	xenrdm_sbdf *devices;           /* sorted, unique; owned by the plan */
};

struct xenrdm_plan {
	uint64_t mem_size;
	uint64_t mmio_start;            /* 4 GiB - mmio_size */
	uint64_t mmio_size;
	uint64_t rdm_mem_boundary;
	bool hap;
	uint64_t lowmem_end;
	uint64_t highmem_end;           /* 4 GiB when there is no high RAM */
	size_t nr_rdms;
	struct xenrdm_rdm *rdms;        /* sorted by (start, size) */
	size_t nr_valid, nr_dropped, nr_conflict;
	xenrdm_sbdf *dev_storage;       /* backing store of every devices[] */
	enum xenrdm_bios bios;          /* the guest's BIOS (first MB, limit) */
	bool igd_passthru;              /* as in the config */
};

/* Defaults: 256 MiB MMIO hole, 2048 MiB boundary, HAP on, strategy
 * ignore, policy relaxed, SeaBIOS, no devices, no regions, mem_size 0
 * (must be set by the caller). */
void xenrdm_config_init(struct xenrdm_config *cfg);

/*
 * Compute the plan (the contract in README.md, "The planner's rules").
 * On return 0 or -XENRDM_ERR_CONFLICT, *plan_out is filled and must be
 * released with xenrdm_plan_free(); on -XENRDM_ERR_CONFLICT the plan
 * shows which regions conflict and why.  Other errors leave *plan_out
 * zeroed and say in err[0..errlen) (one line) which input is refused and
 * what would help:
 *   -XENRDM_ERR_INVAL  mem_size < 2 MiB, MMIO hole outside 256..3840 MiB
 *                      or not page aligned, a region empty, unaligned,
 *                      wrapping or above 2^52, a duplicate pci device, an
 *                      enum value outside its enum
 *   -XENRDM_ERR_RANGE  highmem_end would reach 2^52 (before or after
 *                      relocation)
 *   -XENRDM_ERR_LAYOUT relocation would leave lowmem_end below 2 MiB
 *                      (hvmloader BUG_ONs; only with a small
 *                      rdm_mem_boundary)
 *   -XENRDM_ERR_NOSPACE the guest e820 would not fit: more than
 *                      XENRDM_FW_MAX_RDM valid ranges after merging, or
 *                      more entries at boot than cfg->bios keeps
 *                      (xenrdm_bios_e820_keep()); the message says how
 *                      many entries the e820 needs and the BIOS keeps, how
 *                      many ranges to drop, which devices or strategy=host
 *                      bring them, a BIOS that keeps more
 *   -XENRDM_ERR_NOMEM
 * err may be NULL (no message wanted); it is empty on 0 and CONFLICT.
 * O(n log n) in regions + devices.  Independent of input order.
 */
int xenrdm_plan_compute(const struct xenrdm_config *cfg,
			struct xenrdm_plan *plan_out,
			char *err, size_t errlen);

/* Where low RAM ends before rule 3 relocates it under an RDM region:
 * min(mem_size, 4 GiB - mmio_size), as libxl computes it. */
uint64_t xenrdm_lowmem_end_before_rdm(uint64_t mem_size, uint64_t mmio_size);

void xenrdm_plan_free(struct xenrdm_plan *plan);

/*
 * The firmware module's input for this plan: both memory ends, the first
 * megabyte of plan->bios and the valid regions, merged.  Returns 0 or
 *   -XENRDM_ERR_NOSPACE  more than XENRDM_FW_MAX_RDM merged entries remain
 *                        (message: how many, and the limit)
 *   -XENRDM_ERR_INVAL    plan->bios outside its enum (message names it)
 * err may be NULL; it is empty on 0.
 */
int xenrdm_plan_fw_layout(const struct xenrdm_plan *plan,
			  struct xenrdm_fw_layout *layout_out,
			  char *err, size_t errlen);

/*
 * The guest e820 for this plan, built by the firmware module's own
 * xenrdm_e820_build() with plan->bios's first megabyte.  Returns 0 and
 * *nr_out, or the errors of xenrdm_plan_fw_layout() and
 *   -XENRDM_ERR_NOSPACE  the table needs more than cap entries
 *   -XENRDM_ERR_LAYOUT   the builder refused the layout
 * (the message is the builder's own log line: "xen-rdm: e820: needs more
 * than 3 entries", "xen-rdm: bad layout: lowmem_end = ... (must be ...)")
 *   -XENRDM_ERR_NOMEM
 * A plan from xenrdm_plan_compute() that returned 0 never fails here.
 * err may be NULL; it is empty on 0.
 */
int xenrdm_plan_e820(const struct xenrdm_plan *plan,
		     struct xenrdm_e820entry *tab, uint32_t cap,
		     uint32_t *nr_out, char *err, size_t errlen);

/*
 * The first megabyte each BIOS asks hvmloader for, as its e820_setup
 * calls build_e820_table(e820, lowmem_reserved_base, bios_image_base):
 *   SeaBIOS  0 (hvmloader: 0xA0000), 1 MiB - image (0xC0000, 256 KiB)
 *   OVMF     0 (hvmloader: 0xA0000), LOWCHUNK_BEGIN 0xF0000
 *   ROMBIOS  0x9E000,                0xE0000
 * Sets l->lowmem_reserved_base (hvmloader's value after its 0 -> 0xA0000)
 * and l->bios_image_base; nothing else.  -XENRDM_ERR_INVAL for a value
 * outside the enum (l untouched).
 */
int xenrdm_bios_fw_layout(enum xenrdm_bios bios,
			  struct xenrdm_fw_layout *l);

/* How many e820 entries the guest keeps with this BIOS (the table
 * hvmloader hands over, its own entries included); 0 for a value
 * outside the enum. */
uint32_t xenrdm_bios_e820_keep(enum xenrdm_bios bios);

/* Entries the e820 of this layout has at boot in the patched hvmloader
 * (xenrdm_e820_build()'s table with hvmloader's area split as hvmloader
 * splits it: ACPI NVS then RESERVED; with IGD passthrough the planner adds
 * the OpRegion's 2).  -XENRDM_ERR_* from the builder. */
int xenrdm_e820_boot_entries(const struct xenrdm_fw_layout *l,
			     uint32_t *nr_out);

/* Does the e820 of layout l (its first MB as it is) fit what BIOS keeps?
 * Counts as xenrdm_e820_boot_entries(), plus the IGD OpRegion's 2 entries
 * when igd_passthru.  0, -XENRDM_ERR_NOSPACE when it has more entries at
 * boot than the BIOS keeps (the patched hvmloader then stops), or the
 * builder's error; *boot_out is the count when it could be made. */
int xenrdm_bios_e820_fits(const struct xenrdm_fw_layout *l,
			  enum xenrdm_bios bios, bool igd_passthru,
			  uint32_t *boot_out);

/* "seabios", "ovmf", "rombios" (xl's names); NULL outside the enum. */
const char *xenrdm_bios_name(enum xenrdm_bios bios);

/* xl's names, case-insensitive as libxl_bios_type_from_string.  0 or
 * -XENRDM_ERR_INVAL (*out untouched). */
int xenrdm_bios_parse(const char *s, enum xenrdm_bios *out);

/* Text for an error code (either sign); never NULL. */
const char *xenrdm_strerror(int err);

/* Stable names (JSON, logs; the command writes the sentences):
 * "ignore"/"host", "strict"/"relaxed", "valid"/"dropped"/"conflict", ""/"lowmem"/
 * "highmem"/"hvmloader", "ram"/"reserved"/"acpi"/"nvs"/"unusable";
 * "unknown" outside the enum. */
const char *xenrdm_strategy_name(enum xenrdm_strategy s);
const char *xenrdm_policy_name(enum xenrdm_policy p);
const char *xenrdm_state_name(enum xenrdm_state s);
const char *xenrdm_reason_name(enum xenrdm_reason r);
const char *xenrdm_e820_type_name(uint32_t type);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_XENRDM_H */
