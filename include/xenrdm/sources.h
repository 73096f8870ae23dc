/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/sources.h - where host RDM regions and guest settings come from:
 * the --region syntax, an ACPI DMAR (and IVRS) table, the running
 * hypervisor, and an xl domain configuration file.
 *
 * Each parser appends to a growable region list and, on error, writes a
 * one-line message naming the input and the offending value into
 * err[0..errlen) (never NULL-terminated past errlen).  Nothing prints.
 */
#ifndef XENRDM_SOURCES_H
#define XENRDM_SOURCES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "xenrdm/xenrdm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A growable array of host regions (heap; host side only). */
struct xenrdm_region_list {
	struct xenrdm_host_region *v;
	size_t n, cap;
};

/* A growable array of PCI devices. */
struct xenrdm_pci_list {
	struct xenrdm_pci_dev *v;
	size_t n, cap;
};

int xenrdm_region_list_add(struct xenrdm_region_list *l,
			   const struct xenrdm_host_region *r);
void xenrdm_region_list_free(struct xenrdm_region_list *l);
int xenrdm_pci_list_add(struct xenrdm_pci_list *l,
			const struct xenrdm_pci_dev *d);
void xenrdm_pci_list_free(struct xenrdm_pci_list *l);

/*
 * One --region argument: START-END[@SBDF] (END inclusive) or
 * START+SIZE[@SBDF]; numbers in C syntax (0x hex or decimal), SBDF as
 * [SSSS:]BB:DD.F in hex.  -XENRDM_ERR_INVAL for malformed text, size 0,
 * END < START, unaligned (RDM is page granular), wrap past 2^64, or
 * above 2^52; the message names the text.
 */
int xenrdm_region_parse(const char *text, struct xenrdm_host_region *out,
			char *err, size_t errlen);

/* A --regions file already in memory (read once, xenrdm_read_file()):
 * one region a line, '#' comments, blank lines; NAME is used in messages
 * ("FILE:LINE: ...").  Regions before a bad line stay appended. */
int xenrdm_regions_parse(const char *buf, size_t len, const char *name,
			 struct xenrdm_region_list *out,
			 char *err, size_t errlen);

/* "[SSSS:]BB:DD.F" in hex. */
int xenrdm_sbdf_parse(const char *text, xenrdm_sbdf *out);
/* Writes "SSSS:BB:DD.F" (12 chars + NUL) into buf[16]. */
void xenrdm_sbdf_format(xenrdm_sbdf sbdf, char buf[16]);

/*
 * How a source reader reports what it skipped, and where it finds the PCI
 * topology.  Every member may be NULL.
 *   warn(ctx, msg): one line per skipped structure or line, naming the
 *       input, its offset (or line), its range and why (no "warning:"
 *       prefix, no newline).
 *   secondary_bus(ctx, seg, bus, dev, fn, &sec): the secondary bus of the
 *       PCI bridge seg:bus:dev.fn, 0 or an -XENRDM_ERR_* when it is not
 *       known (xenrdm_sysfs_secondary_bus() reads a sysfs tree; its ctx
 *       is the sysfs directory, a const char *).
 */
typedef void (*xenrdm_warn_fn)(void *ctx, const char *msg);
typedef int (*xenrdm_secbus_fn)(void *ctx, uint16_t seg, uint8_t bus,
				uint8_t dev, uint8_t fn, uint8_t *sec_out);
struct xenrdm_source_opts {
	xenrdm_warn_fn warn;
	void *warn_ctx;
	xenrdm_secbus_fn secondary_bus;
	void *topo_ctx;
};

/*
 * An ACPI DMAR or IVRS table in binary form (as
 * /sys/firmware/acpi/tables/DMAR).  The signature picks: DMAR, or RMAD
 * (Xen 4.17 reverses DMAR's bytes so that dom0 leaves VT-d alone) or XMAR
 * (older Xen; checksum adjusted): all three read as DMAR and must sum to
 * 0; IVRS.
 *
 * DMAR: every RMRR becomes one region per PCI device in its scope; an
 * RMRR with no PCI scope (none, or only IOAPIC/HPET/ACPI-namespace
 * scopes) one host-wide region.  A one-entry path names (start bus, dev,
 * fn); a bridge scope ties the region to the bridge itself; a multi-hop
 * path is resolved through opts->secondary_bus as Xen does (skipped with
 * a warning without one).
 * IVRS: every IVMD widened to whole pages: 20h and 23h host-wide, 21h its
 * DeviceID, 22h one region over its DeviceID range (sbdf..sbdf_last,
 * never expanded); the segment is that of the IVHD before it.
 *
 * Only a corrupt header refuses the table (nothing appended):
 *   -XENRDM_ERR_PARSE  truncated, trailing bytes, a length below the
 *                      header, unknown signature
 *   -XENRDM_ERR_INVAL  a bad checksum (the message says so)
 *   -XENRDM_ERR_NOMEM
 * Anything malformed inside (an RMRR whose limit < base, unaligned or
 * past 2^52; an IVMD empty, past 2^52 or with a reversed device range; a
 * structure or scope of a bad length; a scope that cannot be resolved) is
 * skipped with one opts->warn line, and *skipped (may be NULL) counts
 * them; the rest is used.
 */
int xenrdm_acpi_table_read(const void *buf, size_t len, const char *name,
			   const struct xenrdm_source_opts *opts,
			   struct xenrdm_region_list *out, size_t *skipped,
			   char *err, size_t errlen);

/* The same without options: no warnings, no topology. */
int xenrdm_acpi_table_parse(const void *buf, size_t len, const char *name,
			    struct xenrdm_region_list *out,
			    char *err, size_t errlen);

/*
 * A secondary_bus for xenrdm_source_opts, from a sysfs tree: ctx is its
 * directory (a const char *, e.g. "/sys").  The bridge is
 * DIR/bus/pci/devices/SSSS:BB:DD.F; its secondary bus is the name of its
 * pci_bus/SSSS:NN entry, else byte 0x19 of its config file (what Xen
 * reads).  -XENRDM_ERR_IO when neither is there.
 */
int xenrdm_sysfs_secondary_bus(void *ctx, uint16_t seg, uint8_t bus,
			       uint8_t dev, uint8_t fn, uint8_t *sec_out);

/*
 * Kernel log lines as regions (`dmesg`, `xl dmesg`, or a paste of them),
 * from buf[0..len).  Recognised, with their devices where the log names
 * them (the formats are in README.md, "Kernel log lines"):
 *   Linux:  "DMAR: RMRR base: 0x... end: 0x..."            host-wide
 *           "DMAR: Setting identity map for device SBDF [0x... - 0x...]"
 *           (also with "IOMMU:" as older kernels print it)
 *   Xen:    "[VT-D]found ACPI_DMAR_RMRR:" then " endpoint: SBDF" /
 *           " bridge: SBDF ..." lines, then the range from
 *           "[VT-D]...dmar.c:NNN:  RMRR: [base,end]" (debug builds) or
 *           "[VT-D] RMRR [base,end] not in reserved memory; ..."
 *           "AMD-Vi: IVMD Block: type 0x.. phys 0x... len 0x..." host-wide
 * Every other line is ignored.  A recognised line that is malformed (a
 * range that is not page granular, ...) is skipped with an opts->warn
 * line naming NAME:LINE; *skipped counts them.  Returns 0, or
 * -XENRDM_ERR_NOMEM (nothing appended).
 */
int xenrdm_dmesg_parse(const char *buf, size_t len, const char *name,
		       const struct xenrdm_source_opts *opts,
		       struct xenrdm_region_list *out, size_t *skipped,
		       char *err, size_t errlen);

/*
 * The host regions a plan leaves out of the guest's RDM set: distinct
 * ranges (start, size) of cfg->regions that are not among plan->rdms.
 * host_wide: some source gave the range without a device (it would come
 * in with rdm strategy=host); devices[0..nr_named): the first devices it
 * belongs to (up to 4; range_last[i] > devices[i]: the range
 * devices[i]..range_last[i]); nr_devices counts them all (a range as its
 * width).
 * xenrdm_left_out_free() releases the array.  O(n log n).
 */
struct xenrdm_left_out {
	uint64_t start, size;
	bool host_wide;
	size_t nr_devices, nr_named;
	xenrdm_sbdf devices[4];
	xenrdm_sbdf range_last[4];
};
int xenrdm_plan_left_out(const struct xenrdm_config *cfg,
			 const struct xenrdm_plan *plan,
			 struct xenrdm_left_out **out, size_t *nr_out);
void xenrdm_left_out_free(struct xenrdm_left_out *l);

/*
 * The running hypervisor via xc_reserved_device_memory_map(): host-wide
 * (XENMEM_RDM_ALL, has_sbdf clear) and then per device in pci[0..nr_pci)
 * (has_sbdf set), each first probed with an empty buffer (ENOBUFS gives
 * the count).  On error nothing is appended.  Nothing is printed.
 *   -XENRDM_ERR_NOXEN  no /dev/xen/privcmd; the message is exactly
 *       "no Xen hypervisor: /dev/xen/privcmd missing; give the regions
 *        with --region or --dmar"
 *   -XENRDM_ERR_IO     opening or a hypercall failed (errno named in the
 *                      message), or an entry was empty or past 2^52
 *   -XENRDM_ERR_NOMEM
 */
int xenrdm_xen_regions(const struct xenrdm_pci_dev *pci, size_t nr_pci,
		       struct xenrdm_region_list *out, char *err, size_t errlen);

/*
 * An xl domain configuration file, read with libxlutil.  Fills what the
 * file sets: cfg->mem_size (maxmem, else memory, less videoram: libxl's
 * default for the card, cirrus 8, stdvga 16, qxl 128, none 0 MiB),
 * mmio_size (mmio_hole, 256..3840), hap (0/1), strategy/policy (rdm=),
 * rdm_mem_boundary, and appends pci=[...] devices (with rdm_policy=) to
 * *pci.  type/builder, when given, must be "hvm".
 * set_mask reports which fields were set (XENRDM_XLCFG_* bits), so that
 * command-line options can override the file.  On error neither *cfg,
 * *pci nor *set_mask change; the message names file, key and value.
 * PATH is read once, whole (xenrdm_read_file: a file, pipe, FIFO,
 * /dev/stdin or "-"), at most XENRDM_CAP_TEXT bytes, and that buffer is
 * what libxlutil parses (xlu_cfg_readdata).
 *   -XENRDM_ERR_IO (cannot open or read, a directory) /
 *   -XENRDM_ERR_TOOBIG (over the cap) / -XENRDM_ERR_PARSE (syntax, with
 *   the line; a NUL byte) / -XENRDM_ERR_INVAL (a value) / -XENRDM_ERR_NOMEM
 * xenrdm_xlcfg_parse: the same on text already in memory, NAME for the
 * messages (what xenrdm_xlcfg_read runs on the bytes it read).
 */
#define XENRDM_XLCFG_MEM       (1u << 0)
#define XENRDM_XLCFG_MMIO      (1u << 1)
#define XENRDM_XLCFG_HAP       (1u << 2)
#define XENRDM_XLCFG_RDM       (1u << 3)
#define XENRDM_XLCFG_BOUNDARY  (1u << 4)
#define XENRDM_XLCFG_PCI       (1u << 5)
int xenrdm_xlcfg_read(const char *path, struct xenrdm_config *cfg,
		      struct xenrdm_pci_list *pci, unsigned *set_mask,
		      char *err, size_t errlen);
int xenrdm_xlcfg_parse(const char *buf, size_t len, const char *name,
		       struct xenrdm_config *cfg, struct xenrdm_pci_list *pci,
		       unsigned *set_mask, char *err, size_t errlen);

/* xl's rdm="strategy=host,policy=strict" (via xlu_rdm_parse) and one
 * pci spec "[SSSS:]BB:DD.F[,rdm_policy=strict|relaxed][,...]" (via
 * xlu_pci_parse_spec_string).  -XENRDM_ERR_INVAL naming the text. */
int xenrdm_rdm_spec_parse(const char *text, enum xenrdm_strategy *strategy,
			  enum xenrdm_policy *policy, char *err, size_t errlen);
int xenrdm_pci_spec_parse(const char *text, struct xenrdm_pci_dev *out,
			  char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_SOURCES_H */
