/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/xen_source.c - host RDM regions from the running hypervisor,
 * through libxenctrl's xc_reserved_device_memory_map().
 *
 * The protocol is libxl's: ask with an empty buffer; Xen answers ENOBUFS
 * and the number of entries it has, then the real call fills a buffer of
 * that size.  Done once host-wide (XENMEM_RDM_ALL: every region, tied to
 * no device) and once per assigned device (its own regions, all of them).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenctrl.h>

#include "xenrdm/sources.h"

#include "diag.h"

#define PRIVCMD_PATH "/dev/xen/privcmd"
#define NOXEN_MSG \
	"no Xen hypervisor: " PRIVCMD_PATH " missing; give the regions with --region or --dmar"

/* The count can change between the two calls (a device hot-plugged in
 * between): ask again a few times, then give up. */
#define RDM_MAP_TRIES 4

#define PFN_SHIFT 12

/* A libxenctrl logger that prints nothing and keeps the last error, so
 * that a failure can be reported in our own message. */
struct quiet_logger {
	xentoollog_logger vtable;       /* first: libxenctrl sees only this */
	char last[160];
};

static void quiet_vmessage(xentoollog_logger *logger, xentoollog_level level,
			   int errnoval, const char *context,
			   const char *format, va_list al)
	__attribute__((format(printf, 5, 0)));

static void quiet_vmessage(xentoollog_logger *logger, xentoollog_level level,
			   int errnoval, const char *context,
			   const char *format, va_list al)
{
	struct quiet_logger *q = (struct quiet_logger *)logger;

	(void)errnoval;
	(void)context;
	if (level >= XTL_ERROR)
		vsnprintf(q->last, sizeof(q->last), format, al);
}

static void quiet_destroy(xentoollog_logger *logger)
{
	(void)logger;
}

static void what_text(bool has_sbdf, xenrdm_sbdf sbdf, char buf[40])
{
	char b[16];

	if (has_sbdf) {
		xenrdm_sbdf_format(sbdf, b);
		snprintf(buf, 40, "device %s", b);
	} else
		snprintf(buf, 40, "all devices (XENMEM_RDM_ALL)");
}

/* One xc_reserved_device_memory_map() query, its entries appended. */
static int rdm_query(xc_interface *xch, bool has_sbdf, xenrdm_sbdf sbdf,
		     struct xenrdm_region_list *out, char *err, size_t errlen)
{
	uint32_t flags = has_sbdf ? 0 : XENMEM_RDM_ALL;
	uint16_t seg = has_sbdf ? (uint16_t)(sbdf >> 16) : 0;
	uint8_t bus = has_sbdf ? (uint8_t)(sbdf >> 8) : 0;
	uint8_t devfn = has_sbdf ? (uint8_t)sbdf : 0;
	struct xen_reserved_device_memory *ents = NULL, *grown;
	uint32_t nr = 0, asked = 0, i;
	char what[40];
	int r, rc, tries;

	what_text(has_sbdf, sbdf, what);
	r = xc_reserved_device_memory_map(xch, flags, seg, bus, devfn, NULL, &nr);
	if (r == 0) {
		rc = 0;                 /* no entry at all */
		goto out;
	}
	for (tries = 0; tries < RDM_MAP_TRIES; tries++) {
		if (errno != ENOBUFS) {
			xenrdm_set_err(err, errlen,
				"reserved device memory map of %s: %s",
				what, strerror(errno));
			rc = -XENRDM_ERR_IO;
			goto out;
		}
		if (nr == 0 || nr > (uint32_t)-1 / sizeof(*ents)) {
			xenrdm_set_err(err, errlen,
				"reserved device memory map of %s: the hypervisor asked for a buffer of %" PRIu32 " entries",
				what, nr);
			rc = -XENRDM_ERR_IO;
			goto out;
		}
		grown = realloc(ents, nr * sizeof(*ents));
		if (!grown) {
			xenrdm_set_err(err, errlen, "out of memory for %" PRIu32 " reserved device memory entries", nr);
			rc = -XENRDM_ERR_NOMEM;
			goto out;
		}
		ents = grown;
		asked = nr;
		r = xc_reserved_device_memory_map(xch, flags, seg, bus, devfn,
						  ents, &nr);
		if (r == 0)
			break;
	}
	if (r != 0) {
		xenrdm_set_err(err, errlen,
			"reserved device memory map of %s: the entry count kept changing (%d tries)",
			what, RDM_MAP_TRIES);
		rc = -XENRDM_ERR_IO;
		goto out;
	}
	if (nr > asked) {
		xenrdm_set_err(err, errlen,
			"reserved device memory map of %s: %" PRIu32 " entries reported into a buffer of %" PRIu32,
			what, nr, asked);
		rc = -XENRDM_ERR_IO;
		goto out;
	}
	for (i = 0; i < nr; i++) {
		uint64_t pfn = ents[i].start_pfn, pages = ents[i].nr_pages;
		const uint64_t limit_pfn = XENRDM_PADDR_LIMIT >> PFN_SHIFT;
		struct xenrdm_host_region reg = { 0 };

		if (pages == 0 || pfn >= limit_pfn || pages > limit_pfn - pfn) {
			xenrdm_set_err(err, errlen,
				"reserved device memory map of %s: entry %" PRIu32 " (pfn 0x%" PRIx64 ", %" PRIu64 " pages) is empty or ends above the 2^52 physical address limit",
				what, i, pfn, pages);
			rc = -XENRDM_ERR_IO;
			goto out;
		}
		reg.start = pfn << PFN_SHIFT;
		reg.size = pages << PFN_SHIFT;
		reg.has_sbdf = has_sbdf;
		reg.sbdf = has_sbdf ? sbdf : 0;
		rc = xenrdm_region_list_add(out, &reg);
		if (rc) {
			xenrdm_set_err(err, errlen, "out of memory for the reserved device memory regions");
			goto out;
		}
	}
	rc = 0;
out:
	free(ents);
	return rc;
}

int xenrdm_xen_regions(const struct xenrdm_pci_dev *pci, size_t nr_pci,
		       struct xenrdm_region_list *out, char *err, size_t errlen)
{
	struct quiet_logger logger = {
		.vtable = { .vmessage = quiet_vmessage,
			    .destroy = quiet_destroy },
	};
	xc_interface *xch;
	size_t n0, i;
	int rc, saved;

	if (!out || (!pci && nr_pci)) {
		xenrdm_set_err(err, errlen, "--xen: no output list or no device list given");
		return -XENRDM_ERR_INVAL;
	}
	n0 = out->n;
	xch = xc_interface_open(&logger.vtable, &logger.vtable, 0);
	if (!xch) {
		saved = errno;
		if (saved == ENOENT || access(PRIVCMD_PATH, F_OK) != 0) {
			xenrdm_set_err(err, errlen, "%s", NOXEN_MSG);
			return -XENRDM_ERR_NOXEN;
		}
		xenrdm_set_err(err, errlen,
			"cannot open the hypervisor interface " PRIVCMD_PATH ": %s%s%s%s",
			strerror(saved), logger.last[0] ? " (libxenctrl: " : "",
			logger.last, logger.last[0] ? ")" : "");
		return -XENRDM_ERR_IO;
	}
	rc = rdm_query(xch, false, 0, out, err, errlen);
	for (i = 0; !rc && i < nr_pci; i++)
		rc = rdm_query(xch, true, pci[i].sbdf, out, err, errlen);
	xc_interface_close(xch);
	if (rc)
		out->n = n0;
	return rc;
}
