/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/acpi.c - host RDM regions from an ACPI DMAR (Intel VT-d) or
 * IVRS (AMD-Vi) table in its binary form.
 *
 * The table header is checked strictly (length against the input,
 * checksum): a corrupt header refuses the table.  Inside it, one bad
 * structure never costs the others: a malformed RMRR or IVMD, a device
 * scope that cannot be read or resolved, is skipped with a warning that
 * names its offset, its range and why; the rest of the table is used.
 * Only a structure whose length makes the walk impossible (under 4 bytes,
 * or past the table's end) ends the walk there, with a warning.
 *
 * DMAR (also as RMAD, the signature Xen 4.17's acpi_dmar_zap() writes by
 * reversing the bytes, and XMAR, older Xen's, whose checksum Xen
 * adjusted: both keep the bytes summing to 0): every RMRR gives one
 * region per PCI device in its scope; an RMRR without a PCI scope gives
 * one host-wide region.  A one-entry path names (start bus, dev, fn); a
 * longer path names a device behind bridges, resolved as Xen does
 * (acpi_parse_dev_scope: each hop's bus is the secondary bus of the
 * bridge before it) through the caller's PCI topology; without one the
 * scope is skipped with a warning: a guessed bus would tie the region to
 * the wrong device, silently.
 *
 * IVRS: every IVMD gives its range widened to whole pages (as Xen does):
 * type 0x20 host-wide, 0x21 one device, 0x22 a DeviceID range kept as one
 * region over the range (never expanded), 0x23 (the devices of one
 * IOMMU) host-wide.  The segment is that of the IVHD before the IVMD, or
 * 0 when there is none.
 *
 * Everything is read byte by byte in little-endian order: the buffer may
 * be unaligned and the host need not be little-endian.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xenrdm/sources.h"

#include "diag.h"

#define ACPI_HEADER_LEN      36
#define ACPI_LENGTH_OFF      4
#define ACPI_CHECKSUM_OFF    9

#define DMAR_HEADER_LEN      48
#define DMAR_TYPE_RMRR       1
#define DMAR_RMRR_MIN_LEN    24
#define DMAR_SCOPE_MIN_LEN   6
#define DMAR_SCOPE_PCI_ENDPOINT 1
#define DMAR_SCOPE_PCI_BRIDGE   2

#define IVRS_HEADER_LEN      48
#define IVRS_IVHD_10         0x10
#define IVRS_IVHD_11         0x11
#define IVRS_IVHD_40         0x40
#define IVRS_IVMD_ALL        0x20
#define IVRS_IVMD_ONE        0x21
#define IVRS_IVMD_RANGE      0x22
#define IVRS_IVMD_IOMMU      0x23
#define IVRS_IVMD_LEN        32
#define IVRS_IVHD_10_MIN_LEN 24
#define IVRS_IVHD_11_MIN_LEN 40

#define PAGE_MASK (XENRDM_PAGE_SIZE - 1)

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)rd16(p) | (uint32_t)rd16(p + 2) << 16;
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* The signature as text fit for a message (non-printables as '?'). */
static void sig_text(const uint8_t *p, char out[5])
{
	int i;

	for (i = 0; i < 4; i++)
		out[i] = (char)((p[i] >= 0x20 && p[i] < 0x7f) ? p[i] : '?');
	out[4] = '\0';
}

static const char *dmar_type_name(uint16_t type)
{
	static const char *const names[] = {
		"DRHD", "RMRR", "ATSR", "RHSA", "ANDD", "SATC", "SIDP",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] :
		"remapping structure";
}

/* The fixed part of each remapping structure; unknown types need only
 * their 4-byte header (they are walked over by length). */
static uint16_t dmar_min_len(uint16_t type)
{
	switch (type) {
	case 0: return 16;                      /* DRHD */
	case DMAR_TYPE_RMRR: return DMAR_RMRR_MIN_LEN;
	case 2: return 8;                       /* ATSR */
	case 3: return 20;                      /* RHSA */
	case 4: return 8;                       /* ANDD */
	case 5: return 8;                       /* SATC */
	case 6: return 8;                       /* SIDP */
	default: return 4;
	}
}

/* What one table's walk needs. */
struct walk {
	const uint8_t *tab;
	const char *name;
	const struct xenrdm_source_opts *opts;
	struct xenrdm_region_list *out;
	size_t skipped;
};

static void skip(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One warning: "NAME: <text>", handed to the caller's callback. */
static void skip(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	w->skipped++;
	va_start(ap, fmt);
	xenrdm_source_vwarn(w->opts, w->name, fmt, ap);
	va_end(ap);
}

/*
 * A PCI scope's device: one path entry names (bus, dev, fn); with more,
 * each bridge on the way gives the next bus (its secondary bus).
 * Returns 1 with *sbdf set, or 0 after a warning (the scope is skipped).
 */
static int scope_device(struct walk *w, size_t soff, size_t off,
			const char *range, uint16_t seg, const uint8_t *sc,
			unsigned hops, xenrdm_sbdf *sbdf)
{
	const struct xenrdm_source_opts *o = w->opts;
	uint8_t bus = sc[5], dev, fn, sec;
	char b[16];
	unsigned h;

	for (h = 0; h < hops; h++)
		if (sc[6 + 2 * h] > 31 || sc[7 + 2 * h] > 7) {
			skip(w, "RMRR %s at offset 0x%zx: PCI device scope at offset 0x%zx skipped: path entry %u (%02x,%02x) is not a device (0-1f), function (0-7) pair",
			     range, soff, off, h, sc[6 + 2 * h], sc[7 + 2 * h]);
			return 0;
		}
	if (hops > 1 && (!o || !o->secondary_bus)) {
		xenrdm_sbdf_format(XENRDM_SBDF((uint32_t)seg, bus, sc[6], sc[7]),
				   b);
		skip(w, "RMRR %s at offset 0x%zx: PCI device scope at offset 0x%zx skipped: a path of %u hops from %s names a device behind bridges, known only from the PCI topology (give --sysfs DIR on the host, or the region with --region %.*s@SBDF)",
		     range, soff, off, hops, b, (int)strlen(range) - 6,
		     range + 5);        /* "[mem A-B]": A-B */
		return 0;
	}
	for (h = 0; h + 1 < hops; h++) {
		dev = sc[6 + 2 * h];
		fn = sc[7 + 2 * h];
		if (o->secondary_bus(o->topo_ctx, seg, bus, dev, fn, &sec)) {
			xenrdm_sbdf_format(XENRDM_SBDF((uint32_t)seg, bus, dev,
						       fn), b);
			skip(w, "RMRR %s at offset 0x%zx: PCI device scope at offset 0x%zx skipped: hop %u, bridge %s, is not in the PCI topology (give the region with --region %.*s@SBDF)",
			     range, soff, off, h + 1, b,
			     (int)strlen(range) - 6, range + 5);
			return 0;
		}
		bus = sec;
	}
	dev = sc[6 + 2 * (hops - 1)];
	fn = sc[7 + 2 * (hops - 1)];
	*sbdf = XENRDM_SBDF((uint32_t)seg, bus, dev, fn);
	return 1;
}

/*
 * The device scopes of the RMRR at soff, in [first, end): one region per
 * PCI scope; with no PCI scope at all, one host-wide region.  A scope that
 * cannot be read ends the walk of this RMRR's scopes (with a warning);
 * the regions of the scopes before it stay.
 */
static int rmrr_scopes(struct walk *w, size_t soff, size_t first, size_t end,
		       uint16_t seg, const struct xenrdm_host_region *rmrr,
		       const char *range)
{
	size_t off = first;
	unsigned nr_pci = 0;
	int rc;

	while (off < end) {
		const uint8_t *sc = w->tab + off;
		uint8_t stype, slen;
		struct xenrdm_host_region r = *rmrr;
		unsigned hops;

		if (end - off < DMAR_SCOPE_MIN_LEN) {
			skip(w, "RMRR %s at offset 0x%zx: %zu bytes at offset 0x%zx are too few for a device scope (6); ignored",
			     range, soff, end - off, off);
			nr_pci++;
			break;
		}
		stype = sc[0];
		slen = sc[1];
		if (slen < DMAR_SCOPE_MIN_LEN || slen > end - off) {
			skip(w, "RMRR %s at offset 0x%zx: device scope at offset 0x%zx has length %u (%s); it and the RMRR's later scopes skipped",
			     range, soff, off, slen,
			     slen < DMAR_SCOPE_MIN_LEN ? "below 6" :
			     "past the end of its RMRR");
			nr_pci++;
			break;
		}
		off += slen;
		if (stype != DMAR_SCOPE_PCI_ENDPOINT &&
		    stype != DMAR_SCOPE_PCI_BRIDGE)
			continue;
		nr_pci++;
		if ((slen - DMAR_SCOPE_MIN_LEN) % 2) {
			skip(w, "RMRR %s at offset 0x%zx: PCI device scope at offset 0x%zx skipped: length %u is not 6 plus 2 bytes per path entry",
			     range, soff, off - slen, slen);
			continue;
		}
		hops = (slen - DMAR_SCOPE_MIN_LEN) / 2;
		if (hops == 0) {
			skip(w, "RMRR %s at offset 0x%zx: PCI device scope at offset 0x%zx skipped: its path is empty",
			     range, soff, off - slen);
			continue;
		}
		if (!scope_device(w, soff, off - slen, range, seg, sc, hops,
				  &r.sbdf))
			continue;
		r.has_sbdf = true;
		rc = xenrdm_region_list_add(w->out, &r);
		if (rc)
			return rc;
	}
	if (nr_pci == 0)
		return xenrdm_region_list_add(w->out, rmrr);
	return 0;
}

static int dmar_rmrr(struct walk *w, size_t soff, uint16_t slen)
{
	const uint8_t *s = w->tab + soff;
	uint16_t seg = rd16(s + 6);
	uint64_t base = rd64(s + 8), limit = rd64(s + 16);
	struct xenrdm_host_region r = { 0 };
	const char *why = NULL;
	char range[48];

	snprintf(range, sizeof(range), "[mem 0x%016" PRIx64 "-0x%016" PRIx64 "]",
		 base, limit);
	if (limit < base)
		why = "its limit is below its base";
	else if (base & PAGE_MASK)
		why = "its base is not 4 KiB aligned (RDM is page granular)";
	else if ((limit & PAGE_MASK) != PAGE_MASK)
		why = "its limit does not end a 4 KiB page (RDM is page granular)";
	else if (limit >= XENRDM_PADDR_LIMIT)
		why = "it ends above the 2^52 physical address limit";
	if (why) {
		skip(w, "RMRR %s at offset 0x%zx skipped: %s (a firmware bug; give the region with --region if its device needs it)",
		     range, soff, why);
		return 0;
	}
	r.start = base;
	r.size = limit - base + 1;
	return rmrr_scopes(w, soff, soff + DMAR_RMRR_MIN_LEN, soff + slen, seg,
			   &r, range);
}

/*
 * The walk over a table's structures: each is (type, length) at off.
 * Returns the length to advance by, or 0 to end the walk (a warning says
 * why).
 */
static size_t struct_len(struct walk *w, size_t off, uint32_t tlen,
			 const char *what, unsigned type, uint16_t slen)
{
	if (slen < 4 || slen > tlen - off) {
		skip(w, "%s (type 0x%02x) at offset 0x%zx: length %u %s; it and the rest of the table (%zu bytes) skipped",
		     what, type, off, slen,
		     slen < 4 ? "is below 4, so the walk cannot go on" :
		     "runs past the end of the table", (size_t)(tlen - off));
		return 0;
	}
	return slen;
}

static int dmar_parse(struct walk *w, uint32_t tlen)
{
	size_t off = DMAR_HEADER_LEN, slen;
	uint16_t type;
	int rc;

	while (off < tlen) {
		if (tlen - off < 4) {
			skip(w, "%zu bytes at offset 0x%zx are too few for a remapping structure; ignored",
			     (size_t)(tlen - off), off);
			break;
		}
		type = rd16(w->tab + off);
		slen = struct_len(w, off, tlen, dmar_type_name(type), type,
				  rd16(w->tab + off + 2));
		if (!slen)
			break;
		if (slen < dmar_min_len(type)) {
			skip(w, "%s (type %u) at offset 0x%zx skipped: length %zu is below its minimum of %u",
			     dmar_type_name(type), type, off, slen,
			     dmar_min_len(type));
		} else if (type == DMAR_TYPE_RMRR) {
			rc = dmar_rmrr(w, off, (uint16_t)slen);
			if (rc)
				return rc;
		}
		off += slen;
	}
	return 0;
}

static int ivmd_add(struct walk *w, size_t off, uint8_t type, uint16_t seg)
{
	const uint8_t *s = w->tab + off;
	uint16_t devid = rd16(s + 4), last = rd16(s + 6);
	uint64_t start = rd64(s + 16), len = rd64(s + 24), end;
	struct xenrdm_host_region r = { 0 };

	if (len == 0) {
		skip(w, "IVMD type 0x%02x at offset 0x%zx (start 0x%" PRIx64 ") skipped: its memory length is 0",
		     type, off, start);
		return 0;
	}
	if (len > XENRDM_PADDR_LIMIT || start > XENRDM_PADDR_LIMIT - len) {
		skip(w, "IVMD type 0x%02x at offset 0x%zx (start 0x%" PRIx64 " length 0x%" PRIx64 ") skipped: it ends above the 2^52 physical address limit",
		     type, off, start, len);
		return 0;
	}
	/* Whole pages: the start rounded down, the end up. */
	end = (start + len + PAGE_MASK) & ~PAGE_MASK;
	r.start = start & ~PAGE_MASK;
	r.size = end - r.start;

	if (type == IVRS_IVMD_ALL || type == IVRS_IVMD_IOMMU)
		return xenrdm_region_list_add(w->out, &r);
	if (type == IVRS_IVMD_ONE)
		last = devid;
	if (last < devid) {
		skip(w, "IVMD type 0x22 at offset 0x%zx ([mem 0x%016" PRIx64 "-0x%016" PRIx64 "]) skipped: its device range %04x..%04x ends before it starts",
		     off, r.start, r.start + r.size - 1, devid, last);
		return 0;
	}
	r.has_sbdf = true;
	r.sbdf = (xenrdm_sbdf)seg << 16 | devid;
	r.sbdf_last = last > devid ? (xenrdm_sbdf)seg << 16 | last : 0;
	return xenrdm_region_list_add(w->out, &r);
}

static int ivrs_parse(struct walk *w, uint32_t tlen)
{
	size_t off = IVRS_HEADER_LEN, slen;
	uint16_t seg = 0, min;
	uint8_t type;
	int rc;

	while (off < tlen) {
		if (tlen - off < 4) {
			skip(w, "%zu bytes at offset 0x%zx are too few for an IVRS block; ignored",
			     (size_t)(tlen - off), off);
			break;
		}
		type = w->tab[off];
		slen = struct_len(w, off, tlen, "IVRS block", type,
				  rd16(w->tab + off + 2));
		if (!slen)
			break;
		min = 4;
		if (type == IVRS_IVHD_10)
			min = IVRS_IVHD_10_MIN_LEN;
		else if (type == IVRS_IVHD_11 || type == IVRS_IVHD_40)
			min = IVRS_IVHD_11_MIN_LEN;
		else if (type >= IVRS_IVMD_ALL && type <= IVRS_IVMD_IOMMU)
			min = IVRS_IVMD_LEN;
		if (slen < min) {
			skip(w, "IVRS block type 0x%02x at offset 0x%zx skipped: length %zu is below its minimum of %u",
			     type, off, slen, min);
		} else if (min == IVRS_IVHD_10_MIN_LEN ||
			   min == IVRS_IVHD_11_MIN_LEN) {
			seg = rd16(w->tab + off + 16);
		} else if (min == IVRS_IVMD_LEN) {
			rc = ivmd_add(w, off, type, seg);
			if (rc)
				return rc;
		}
		off += slen;
	}
	return 0;
}

/* DMAR under its own name or the two Xen gives it; IVRS. */
static int acpi_kind(const uint8_t *tab)
{
	if (!memcmp(tab, "DMAR", 4) || !memcmp(tab, "RMAD", 4) ||
	    !memcmp(tab, "XMAR", 4))
		return 'D';
	if (!memcmp(tab, "IVRS", 4))
		return 'I';
	return 0;
}

int xenrdm_acpi_table_read(const void *buf, size_t len, const char *name,
			   const struct xenrdm_source_opts *opts,
			   struct xenrdm_region_list *out, size_t *skipped,
			   char *err, size_t errlen)
{
	const uint8_t *tab = buf;
	struct walk w = { tab, name, opts, out, 0 };
	size_t n0 = out ? out->n : 0, i;
	uint32_t tlen;
	uint8_t sum = 0;
	char sig[5];
	int kind, rc;

	if (!name)
		w.name = name = "ACPI table";
	if (skipped)
		*skipped = 0;
	if (!out || (!buf && len)) {
		xenrdm_set_err(err, errlen, "%s: no table or no output list given", name);
		return -XENRDM_ERR_INVAL;
	}
	if (len < ACPI_HEADER_LEN) {
		xenrdm_set_err(err, errlen,
			"%s: truncated: %zu bytes, an ACPI table header needs %u",
			name, len, ACPI_HEADER_LEN);
		return -XENRDM_ERR_PARSE;
	}
	sig_text(tab, sig);
	kind = acpi_kind(tab);
	if (!kind) {
		xenrdm_set_err(err, errlen,
			"%s: signature \"%s\" is neither DMAR (nor RMAD or XMAR, as Xen renames it) nor IVRS",
			name, sig);
		return -XENRDM_ERR_PARSE;
	}
	tlen = rd32(tab + ACPI_LENGTH_OFF);
	if (tlen < DMAR_HEADER_LEN) {     /* IVRS's is 48 bytes too */
		xenrdm_set_err(err, errlen,
			"%s: %s table length %" PRIu32 " is shorter than its %u-byte header",
			name, sig, tlen, DMAR_HEADER_LEN);
		return -XENRDM_ERR_PARSE;
	}
	if (tlen > len) {
		xenrdm_set_err(err, errlen,
			"%s: truncated: the %s table length is %" PRIu32 " bytes but only %zu were given",
			name, sig, tlen, len);
		return -XENRDM_ERR_PARSE;
	}
	if (tlen < len) {
		xenrdm_set_err(err, errlen,
			"%s: %zu bytes follow the end of the %s table (its length is %" PRIu32 ", the input %zu bytes)",
			name, len - tlen, sig, tlen, len);
		return -XENRDM_ERR_PARSE;
	}
	/* DMAR, and Xen's renamed copies: RMAD has DMAR's bytes reversed
	 * (the sum unchanged), XMAR's checksum was lowered by 'X' - 'D':
	 * every one sums to 0. */
	for (i = 0; i < tlen; i++)
		sum = (uint8_t)(sum + tab[i]);
	if (sum) {
		xenrdm_set_err(err, errlen,
			"%s: bad checksum: the %s table's bytes sum to 0x%02x, not 0 (checksum byte 0x%02x, 0x%02x would be right); refusing a corrupt table",
			name, sig, sum, tab[ACPI_CHECKSUM_OFF],
			(uint8_t)(tab[ACPI_CHECKSUM_OFF] - sum));
		return -XENRDM_ERR_INVAL;
	}
	rc = kind == 'D' ? dmar_parse(&w, tlen) : ivrs_parse(&w, tlen);
	if (rc) {
		xenrdm_set_err(err, errlen, "%s: %s", name,
			       rc == -XENRDM_ERR_NOMEM ? "out of memory" :
			       xenrdm_strerror(rc));
		out->n = n0;    /* nothing of a table that failed */
		return rc;
	}
	if (skipped)
		*skipped = w.skipped;
	return 0;
}

int xenrdm_acpi_table_parse(const void *buf, size_t len, const char *name,
			    struct xenrdm_region_list *out,
			    char *err, size_t errlen)
{
	return xenrdm_acpi_table_read(buf, len, name, NULL, out, NULL, err,
				      errlen);
}
