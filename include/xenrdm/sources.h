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

/* A --regions file: one region a line, '#' comments, blank lines; NAME is
 * used in messages ("FILE:LINE: ...").  "-" reading is the caller's. */
int xenrdm_regions_file_parse(FILE *f, const char *name,
			      struct xenrdm_region_list *out,
			      char *err, size_t errlen);

/* "[SSSS:]BB:DD.F" in hex. */
int xenrdm_sbdf_parse(const char *text, xenrdm_sbdf *out);
/* Writes "SSSS:BB:DD.F" (12 chars + NUL) into buf[16]. */
void xenrdm_sbdf_format(xenrdm_sbdf sbdf, char buf[16]);

/*
 * An ACPI DMAR table in binary form (as /sys/firmware/acpi/tables/DMAR):
 * every RMRR becomes one region per PCI device in its scope; an RMRR with
 * no PCI scope (none, or only IOAPIC/HPET/ACPI-namespace scopes) becomes
 * one host-wide region.  A PCI scope must have a one-entry path (start
 * bus, dev, fn); a bridge scope ties the region to the bridge itself.  A
 * multi-hop path names a device whose bus only the live PCI topology
 * knows: the table is refused (-XENRDM_ERR_PARSE) and the message says
 * to give that region with --region.
 * An IVRS table's IVMDs are accepted too (the signature picks), widened
 * to whole pages: 20h host-wide, 21h its DeviceID, 22h every DeviceID of
 * its range (at most 1024); the segment is that of the IVHD before it.
 * On error nothing is appended.
 *   -XENRDM_ERR_PARSE  truncated, trailing bytes, a length below its
 *                      minimum or past its container, unknown signature
 *   -XENRDM_ERR_INVAL  a bad checksum (the message says so), an RMRR whose
 *                      limit < base, unaligned, or above 2^52; an IVMD
 *                      empty, past 2^52, or with a bad device range
 */
int xenrdm_acpi_table_parse(const void *buf, size_t len, const char *name,
			    struct xenrdm_region_list *out,
			    char *err, size_t errlen);

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
