/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/dmesg.c - RDM regions from kernel log lines: Linux's `dmesg`
 * and Xen's `xl dmesg`, as printed or pasted (any prefix before the
 * message: timestamps, "(XEN) ", syslog's host and "kernel:").
 *
 * The formats, from the sources that print them:
 *
 * Linux, drivers/iommu/intel/dmar.c, dmar_table_print_dmar_entry()
 * (pr_fmt "DMAR: "):
 *     pr_info("RMRR base: %#016Lx end: %#016Lx\n", base, end)
 *   -> "DMAR: RMRR base: 0x000000ab800000 end: 0x000000af9fffff"
 *   The line names no device: the region is host-wide.
 * Linux, drivers/iommu/intel/iommu.c (up to 5.x), per device of an RMRR:
 *     pr_info("Setting identity map for device %s [0x%Lx - 0x%Lx]\n", ...)
 *   -> "DMAR: Setting identity map for device 0000:00:02.0 [0xab800000 - 0xaf9fffff]"
 *   ("IOMMU: ..." in 3.x).  The line right after "Prepare 0-16MiB unity
 *   mapping for LPC" is Linux's own map for the LPC bridge, no RMRR: it
 *   is ignored.
 *
 * Xen 4.17, xen/drivers/passthrough/vtd/dmar.c, with iommu=verbose
 * (VTDPREFIX "[VT-D]"; printk adds "(XEN) " and any console timestamp):
 *     "[VT-D]found ACPI_DMAR_RMRR:"                    starts an RMRR
 *     "[VT-D] endpoint: 0000:00:14.0"                 its devices (%pp)
 *     "[VT-D] bridge: 0000:00:1c.0 start=0 sec=2 sub=2"
 *     "[VT-D]drivers/passthrough/vtd/dmar.c:614:  RMRR: [ab800000,af9fffff]"
 *         its range (dprintk: debug builds only)
 *     "[VT-D] RMRR [ab800000,af9fffff] not in reserved memory; need ..."
 *         its range (printk: any build, when the range is not reserved)
 *     "[VT-D]...:  Ignore RMRR [...] as no device under its scope is PCI
 *         discoverable!"                              Xen dropped it
 *   The RMRR ends at the next "found ACPI_DMAR_" line or the first line
 *   without "[VT-D]".
 * Xen 4.17, xen/drivers/passthrough/amd/iommu_acpi.c, with iommu=debug:
 *     AMD_IOMMU_DEBUG("IVMD Block: type %#x phys %#lx len %#lx\n", ...)
 *   -> "(XEN) AMD-Vi: IVMD Block: type 0x21 phys 0xab800000 len 0x100000"
 *   widened to pages as Xen does; the line names no device: host-wide.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

#include "diag.h"

#define LINE_MAX_KEPT 1024
#define MAX_BLOCK_DEVS 64
#define PAGE_MASK (XENRDM_PAGE_SIZE - 1)

struct dmesg {
	const char *name;
	const struct xenrdm_source_opts *opts;
	struct xenrdm_region_list *out;
	size_t skipped;
	unsigned long lineno;
	bool after_lpc;                 /* the line before was Linux's LPC map */
	/* Xen's open RMRR block */
	bool in_rmrr;
	unsigned long rmrr_line;
	bool have_range;
	uint64_t start, size;
	size_t nr_devs;
	xenrdm_sbdf devs[MAX_BLOCK_DEVS];
	bool dropped;
};

static void warn(struct dmesg *d, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct dmesg *d, unsigned long line, const char *fmt, ...)
{
	char where[300];
	va_list ap;

	d->skipped++;
	snprintf(where, sizeof(where), "%s:%lu", d->name, line);
	va_start(ap, fmt);
	xenrdm_source_vwarn(d->opts, where, fmt, ap);
	va_end(ap);
}

/* Hex digits, with or without 0x, at *p; advances *p past them. */
static int hex_num(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2]))
		s += 2;
	for (; isxdigit((unsigned char)*s); s++, n++) {
		if (n == 16)
			return -1;
		v = v << 4 | (uint64_t)(isdigit((unsigned char)*s) ? *s - '0' :
					(tolower((unsigned char)*s) - 'a' + 10));
	}
	if (!n)
		return -1;
	*p = s;
	*out = v;
	return 0;
}

/* "lit" at *p: advance past it. */
static int lit(const char **p, const char *l)
{
	size_t n = strlen(l);

	if (strncmp(*p, l, n))
		return -1;
	*p += n;
	return 0;
}

/* An SBDF as Linux and Xen print it: SSSS:BB:DD.F; advances *p. */
static int sbdf_at(const char **p, xenrdm_sbdf *out)
{
	char buf[16];
	size_t n = 0;

	while (n < sizeof(buf) - 1 && (isxdigit((unsigned char)(*p)[n]) ||
				       (*p)[n] == ':' || (*p)[n] == '.'))
		n++;
	memcpy(buf, *p, n);
	buf[n] = '\0';
	if (n != 12 || xenrdm_sbdf_parse(buf, out))
		return -1;
	*p += n;
	return 0;
}

/* [base, end] inclusive, page granular, below 2^52; else a warning. */
static int range_ok(struct dmesg *d, uint64_t base, uint64_t end,
		    const char *what)
{
	const char *why = NULL;

	if (end < base)
		why = "its end is below its base";
	else if ((base & PAGE_MASK) || (end & PAGE_MASK) != PAGE_MASK)
		why = "it is not page granular (RDM is reserved in 4 KiB pages)";
	else if (end >= XENRDM_PADDR_LIMIT)
		why = "it ends above the 2^52 physical address limit";
	if (!why)
		return 1;
	warn(d, d->lineno, "%s [mem 0x%016" PRIx64 "-0x%016" PRIx64 "] skipped: %s", what,
	     base, end, why);
	return 0;
}

static int add(struct dmesg *d, uint64_t start, uint64_t size, bool has_sbdf,
	       xenrdm_sbdf sbdf)
{
	struct xenrdm_host_region r = { start, size, has_sbdf,
					has_sbdf ? sbdf : 0, 0 };

	return xenrdm_region_list_add(d->out, &r);
}

/* Xen's RMRR block is complete: its regions. */
static int block_end(struct dmesg *d)
{
	size_t i;
	int rc = 0;

	if (!d->in_rmrr)
		return 0;
	d->in_rmrr = false;
	if (d->dropped)
		return 0;
	if (!d->have_range) {
		warn(d, d->rmrr_line, "Xen's RMRR here (%zu device%s) gives no range: Xen prints it with iommu=verbose in debug builds, or when it is not in reserved memory; use --xen or --dmar",
		     d->nr_devs, d->nr_devs == 1 ? "" : "s");
		return 0;
	}
	if (!d->nr_devs)
		return add(d, d->start, d->size, false, 0);
	for (i = 0; i < d->nr_devs && !rc; i++)
		rc = add(d, d->start, d->size, true, d->devs[i]);
	return rc;
}

/* "[base,end]" as Xen prints an RMRR (hex, no 0x) at p: the block's range. */
static void xen_range(struct dmesg *d, const char *p)
{
	uint64_t base, end;

	if (lit(&p, "[") || hex_num(&p, &base) || lit(&p, ",") ||
	    hex_num(&p, &end) || lit(&p, "]")) {
		warn(d, d->lineno, "Xen's RMRR range not readable; skipped");
		return;
	}
	if (!range_ok(d, base, end, "Xen's RMRR")) {
		d->dropped = true;
		return;
	}
	if (d->have_range && (d->start != base || d->size != end - base + 1)) {
		warn(d, d->lineno, "Xen's RMRR range [mem 0x%016" PRIx64 "-0x%016" PRIx64 "] differs from the one before in the same RMRR; the RMRR is skipped",
		     base, end);
		d->dropped = true;
		return;
	}
	d->have_range = true;
	d->start = base;
	d->size = end - base + 1;
}

static int xen_vtd_line(struct dmesg *d, const char *v)
{
	const char *p;
	xenrdm_sbdf sbdf;
	int rc;

	if (strstr(v, "found ACPI_DMAR_")) {
		rc = block_end(d);
		if (!rc && strstr(v, "found ACPI_DMAR_RMRR:")) {
			d->in_rmrr = true;
			d->rmrr_line = d->lineno;
			d->have_range = d->dropped = false;
			d->nr_devs = 0;
		}
		return rc;
	}
	if (!d->in_rmrr)
		return 0;
	if ((p = strstr(v, " endpoint: ")) || (p = strstr(v, " bridge: "))) {
		p = strchr(p + 1, ' ') + 1;
		if (sbdf_at(&p, &sbdf)) {
			warn(d, d->lineno, "device not readable; skipped");
			return 0;
		}
		if (d->nr_devs == MAX_BLOCK_DEVS) {
			warn(d, d->lineno, "more than %u devices in one RMRR; this one skipped",
			     MAX_BLOCK_DEVS);
			return 0;
		}
		d->devs[d->nr_devs++] = sbdf;
	} else if ((p = strstr(v, "Ignore RMRR ["))) {
		d->dropped = true;      /* Xen itself does not use it */
	} else if ((p = strstr(v, " RMRR: ["))) {
		xen_range(d, p + 7);
	} else if ((p = strstr(v, " RMRR [")) && strstr(p, "not in reserved memory")) {
		xen_range(d, p + 6);
	}
	return 0;
}

static int linux_rmrr(struct dmesg *d, const char *p)
{
	uint64_t base, end;

	if (hex_num(&p, &base) || lit(&p, " end: ") || hex_num(&p, &end)) {
		warn(d, d->lineno, "Linux's RMRR line not readable; skipped");
		return 0;
	}
	if (!range_ok(d, base, end, "RMRR"))
		return 0;
	return add(d, base, end - base + 1, false, 0);
}

static int linux_identity(struct dmesg *d, const char *p)
{
	uint64_t base, end;
	xenrdm_sbdf sbdf;

	if (sbdf_at(&p, &sbdf)) {
		warn(d, d->lineno, "identity map for a device that is not a PCI SSSS:BB:DD.F; skipped");
		return 0;
	}
	if (lit(&p, " [") || hex_num(&p, &base) || lit(&p, " - ") ||
	    hex_num(&p, &end) || lit(&p, "]")) {
		warn(d, d->lineno, "identity map range not readable; skipped");
		return 0;
	}
	if (!range_ok(d, base, end, "RMRR"))
		return 0;
	return add(d, base, end - base + 1, true, sbdf);
}

static int amd_ivmd(struct dmesg *d, const char *p)
{
	uint64_t type, start, len, end;

	if (hex_num(&p, &type) || lit(&p, " phys ") || hex_num(&p, &start) ||
	    lit(&p, " len ") || hex_num(&p, &len)) {
		warn(d, d->lineno, "Xen's IVMD line not readable; skipped");
		return 0;
	}
	if (!len || len > XENRDM_PADDR_LIMIT || start > XENRDM_PADDR_LIMIT - len) {
		warn(d, d->lineno, "IVMD at 0x%" PRIx64 " length 0x%" PRIx64 " skipped: empty or ending above 2^52",
		     start, len);
		return 0;
	}
	end = (start + len + PAGE_MASK) & ~PAGE_MASK;
	return add(d, start & ~PAGE_MASK, end - (start & ~PAGE_MASK), false, 0);
}

static int one_line(struct dmesg *d, const char *l)
{
	const char *p;
	bool lpc = d->after_lpc;
	int rc;

	d->after_lpc = false;
	p = strstr(l, "[VT-D]");
	if (p)
		return xen_vtd_line(d, p + 6);
	rc = block_end(d);
	if (rc)
		return rc;
	if ((p = strstr(l, "RMRR base: ")) && (strstr(l, "DMAR:") || strstr(l, "dmar:")))
		return linux_rmrr(d, p + 11);
	if ((p = strstr(l, "identity map for ")) && (p = strstr(p, "device ")) &&
	    (strstr(l, "DMAR:") || strstr(l, "IOMMU:"))) {
		if (lpc)
			return 0;       /* Linux's LPC map, not an RMRR */
		return linux_identity(d, p + 7);
	}
	if (strstr(l, "Prepare 0-16MiB unity mapping for LPC")) {
		d->after_lpc = true;
		return 0;
	}
	if ((p = strstr(l, "AMD-Vi: IVMD Block: type ")))
		return amd_ivmd(d, p + strlen("AMD-Vi: IVMD Block: type "));
	return 0;
}

int xenrdm_dmesg_parse(const char *buf, size_t len, const char *name,
		       const struct xenrdm_source_opts *opts,
		       struct xenrdm_region_list *out, size_t *skipped,
		       char *err, size_t errlen)
{
	struct dmesg d;
	char line[LINE_MAX_KEPT];
	size_t pos = 0, n0, n, i;
	const char *nl;
	int rc = 0;

	if (skipped)
		*skipped = 0;
	if (!name)
		name = "log";
	if (!out || (!buf && len)) {
		xenrdm_set_err(err, errlen, "%s: no log or no output list given", name);
		return -XENRDM_ERR_INVAL;
	}
	memset(&d, 0, sizeof(d));
	d.name = name;
	d.opts = opts;
	d.out = out;
	n0 = out->n;
	while (pos < len && !rc) {
		nl = memchr(buf + pos, '\n', len - pos);
		n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		d.lineno++;
		/* Only the first LINE_MAX_KEPT - 1 bytes matter; NULs and
		 * control bytes become blanks. */
		for (i = 0; i < n && i < sizeof(line) - 1; i++) {
			unsigned char c = (unsigned char)buf[pos + i];

			line[i] = (char)(c < 0x20 || c == 0x7f ? ' ' : c);
		}
		line[i] = '\0';
		rc = one_line(&d, line);
		pos += n + (nl ? 1 : 0);
	}
	if (!rc)
		rc = block_end(&d);
	if (rc) {
		out->n = n0;
		xenrdm_set_err(err, errlen, "%s: out of memory", name);
		return rc;
	}
	if (skipped)
		*skipped = d.skipped;
	return 0;
}
