/* SPDX-License-Identifier: MIT */
/*
 * shim/lib/acpi.c - host RDM regions from an ACPI DMAR (Intel VT-d) or
 * IVRS (AMD-Vi) table in its binary form.
 *
 * DMAR: every RMRR (remapping structure type 1) gives one region per PCI
 * device in its scope; an RMRR without a PCI scope gives one host-wide
 * region.  A PCI scope must have exactly one path entry: the device is
 * then (start bus, dev, fn).  A longer path names a device behind bridges
 * whose bus number only the live PCI topology knows, so such a scope is
 * refused with a message that says how to give the region by hand: a
 * guessed bus would tie the region to the wrong device, silently.
 *
 * IVRS: every IVMD gives its range widened to whole pages (as Xen does):
 * type 0x20 host-wide, 0x21 one device, 0x22 every device of a DeviceID
 * range (at most XENRDM_IVMD_MAX_DEVICES).  The segment is that of the
 * IVHD before the IVMD, or 0 when there is none.
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
#define IVRS_IVMD_LEN        32
#define IVRS_IVHD_10_MIN_LEN 24
#define IVRS_IVHD_11_MIN_LEN 40

/* A 0x22 IVMD over more device IDs than this is refused rather than
 * expanded: four full buses is already more than real tables use. */
#define XENRDM_IVMD_MAX_DEVICES 1024

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

/* Where the device scopes of a structure begin, or 0 for none. */
static uint16_t dmar_scope_off(uint16_t type)
{
	switch (type) {
	case 0: return 16;
	case DMAR_TYPE_RMRR: return DMAR_RMRR_MIN_LEN;
	case 2: return 8;
	case 5: return 8;
	case 6: return 8;
	default: return 0;
	}
}

struct dmar_ctx {
	const uint8_t *tab;
	const char *name;
	struct xenrdm_region_list *out;
	char *err;
	size_t errlen;
};

/*
 * Walk the device scopes in [first, end) of the structure at soff.  With
 * rmrr set, append one region per PCI scope of [base, base + size); with
 * no PCI scope at all, one host-wide region.
 */
static int dmar_scopes(struct dmar_ctx *c, size_t soff, uint16_t type,
		       size_t first, size_t end, uint16_t seg,
		       const struct xenrdm_host_region *rmrr)
{
	size_t off = first;
	unsigned nr_pci = 0;
	int rc;

	while (off < end) {
		const uint8_t *sc = c->tab + off;
		uint8_t stype, slen;

		if (end - off < DMAR_SCOPE_MIN_LEN) {
			xenrdm_set_err(c->err, c->errlen,
				"%s: %s at offset 0x%zx: device scope at offset 0x%zx: only %zu bytes left in the structure, a scope needs %u",
				c->name, dmar_type_name(type), soff, off,
				end - off, DMAR_SCOPE_MIN_LEN);
			return -XENRDM_ERR_PARSE;
		}
		stype = sc[0];
		slen = sc[1];
		if (slen < DMAR_SCOPE_MIN_LEN || (slen - DMAR_SCOPE_MIN_LEN) % 2) {
			xenrdm_set_err(c->err, c->errlen,
				"%s: %s at offset 0x%zx: device scope at offset 0x%zx: length %u is not 6 plus 2 bytes per path entry",
				c->name, dmar_type_name(type), soff, off, slen);
			return -XENRDM_ERR_PARSE;
		}
		if (slen > end - off) {
			xenrdm_set_err(c->err, c->errlen,
				"%s: %s at offset 0x%zx: device scope at offset 0x%zx: length %u runs past the end of its structure (%zu bytes left)",
				c->name, dmar_type_name(type), soff, off, slen,
				end - off);
			return -XENRDM_ERR_PARSE;
		}
		if (rmrr && (stype == DMAR_SCOPE_PCI_ENDPOINT ||
			     stype == DMAR_SCOPE_PCI_BRIDGE)) {
			unsigned hops = (slen - DMAR_SCOPE_MIN_LEN) / 2;
			uint8_t bus = sc[5], dev, fn;
			struct xenrdm_host_region r = *rmrr;

			if (hops == 0) {
				xenrdm_set_err(c->err, c->errlen,
					"%s: RMRR at offset 0x%zx: PCI device scope at offset 0x%zx has an empty path",
					c->name, soff, off);
				return -XENRDM_ERR_PARSE;
			}
			dev = sc[6];
			fn = sc[7];
			if (hops > 1) {
				xenrdm_set_err(c->err, c->errlen,
					"%s: RMRR 0x%" PRIx64 "-0x%" PRIx64 " at offset 0x%zx: PCI device scope at offset 0x%zx has a path of %u hops from %04x:%02x:%02x.%x: the device behind those bridges is only known from the live PCI topology; give the region with --region 0x%" PRIx64 "-0x%" PRIx64 "@SBDF",
					c->name, r.start, r.start + r.size - 1,
					soff, off, hops, seg, bus, dev & 0x1f,
					fn & 7, r.start, r.start + r.size - 1);
				return -XENRDM_ERR_PARSE;
			}
			if (dev > 31 || fn > 7) {
				xenrdm_set_err(c->err, c->errlen,
					"%s: RMRR at offset 0x%zx: PCI device scope at offset 0x%zx: path entry %02x,%02x is not a device (0-1f), function (0-7) pair",
					c->name, soff, off, dev, fn);
				return -XENRDM_ERR_PARSE;
			}
			r.has_sbdf = true;
			r.sbdf = XENRDM_SBDF((uint32_t)seg, bus, dev, fn);
			rc = xenrdm_region_list_add(c->out, &r);
			if (rc)
				return rc;
			nr_pci++;
		}
		off += slen;
	}
	if (rmrr && nr_pci == 0) {
		struct xenrdm_host_region r = *rmrr;

		r.has_sbdf = false;
		r.sbdf = 0;
		return xenrdm_region_list_add(c->out, &r);
	}
	return 0;
}

static int dmar_rmrr(struct dmar_ctx *c, size_t soff, uint16_t slen)
{
	const uint8_t *s = c->tab + soff;
	uint16_t seg = rd16(s + 6);
	uint64_t base = rd64(s + 8), limit = rd64(s + 16);
	struct xenrdm_host_region r = { 0 };

	if (limit < base) {
		xenrdm_set_err(c->err, c->errlen,
			"%s: RMRR at offset 0x%zx: limit 0x%" PRIx64 " is below its base 0x%" PRIx64,
			c->name, soff, limit, base);
		return -XENRDM_ERR_INVAL;
	}
	if (base & PAGE_MASK) {
		xenrdm_set_err(c->err, c->errlen,
			"%s: RMRR at offset 0x%zx: base 0x%" PRIx64 " is not 4 KiB aligned (RDM is page granular)",
			c->name, soff, base);
		return -XENRDM_ERR_INVAL;
	}
	if ((limit & PAGE_MASK) != PAGE_MASK) {
		xenrdm_set_err(c->err, c->errlen,
			"%s: RMRR at offset 0x%zx: limit 0x%" PRIx64 " does not end a 4 KiB page (RDM is page granular)",
			c->name, soff, limit);
		return -XENRDM_ERR_INVAL;
	}
	if (limit >= XENRDM_PADDR_LIMIT) {
		xenrdm_set_err(c->err, c->errlen,
			"%s: RMRR at offset 0x%zx: limit 0x%" PRIx64 " is above the 2^52 physical address limit",
			c->name, soff, limit);
		return -XENRDM_ERR_INVAL;
	}
	r.start = base;
	r.size = limit - base + 1;
	return dmar_scopes(c, soff, DMAR_TYPE_RMRR, soff + DMAR_RMRR_MIN_LEN,
			   soff + slen, seg, &r);
}

static int dmar_parse(const uint8_t *tab, uint32_t tlen, const char *name,
		      struct xenrdm_region_list *out, char *err, size_t errlen)
{
	struct dmar_ctx c = { tab, name, out, err, errlen };
	size_t off = DMAR_HEADER_LEN;
	int rc;

	while (off < tlen) {
		uint16_t type, slen, sc;

		if (tlen - off < 4) {
			xenrdm_set_err(err, errlen,
				"%s: offset 0x%zx: only %zu bytes left, a remapping structure header needs 4",
				name, off, tlen - off);
			return -XENRDM_ERR_PARSE;
		}
		type = rd16(tab + off);
		slen = rd16(tab + off + 2);
		if (slen > tlen - off) {
			xenrdm_set_err(err, errlen,
				"%s: %s (type %u) at offset 0x%zx: length %u runs past the end of the table (%zu bytes left)",
				name, dmar_type_name(type), type, off, slen,
				tlen - off);
			return -XENRDM_ERR_PARSE;
		}
		if (slen < dmar_min_len(type)) {
			xenrdm_set_err(err, errlen,
				"%s: %s (type %u) at offset 0x%zx: length %u is below its minimum of %u",
				name, dmar_type_name(type), type, off, slen,
				dmar_min_len(type));
			return -XENRDM_ERR_PARSE;
		}
		if (type == DMAR_TYPE_RMRR) {
			rc = dmar_rmrr(&c, off, slen);
		} else {
			sc = dmar_scope_off(type);
			rc = sc ? dmar_scopes(&c, off, type, off + sc,
					      off + slen, 0, NULL) : 0;
		}
		if (rc)
			return rc;
		off += slen;
	}
	return 0;
}

static int ivmd_add(const char *name, size_t off, uint8_t type,
		    uint16_t seg, const uint8_t *s,
		    struct xenrdm_region_list *out, char *err, size_t errlen)
{
	uint16_t devid = rd16(s + 4), last = rd16(s + 6);
	uint64_t start = rd64(s + 16), len = rd64(s + 24), end;
	struct xenrdm_host_region r = { 0 };
	unsigned id;
	int rc;

	if (len == 0) {
		xenrdm_set_err(err, errlen, "%s: IVMD at offset 0x%zx: memory length is 0",
			name, off);
		return -XENRDM_ERR_INVAL;
	}
	if (len > XENRDM_PADDR_LIMIT || start > XENRDM_PADDR_LIMIT - len) {
		xenrdm_set_err(err, errlen,
			"%s: IVMD at offset 0x%zx: start 0x%" PRIx64 " + length 0x%" PRIx64 " ends above the 2^52 physical address limit",
			name, off, start, len);
		return -XENRDM_ERR_INVAL;
	}
	/* Whole pages: the start rounded down, the end up. */
	end = (start + len + PAGE_MASK) & ~PAGE_MASK;
	r.start = start & ~PAGE_MASK;
	r.size = end - r.start;

	if (type == IVRS_IVMD_ALL)
		return xenrdm_region_list_add(out, &r);
	if (type == IVRS_IVMD_ONE)
		last = devid;
	if (last < devid) {
		xenrdm_set_err(err, errlen,
			"%s: IVMD at offset 0x%zx: device range %04x..%04x ends before it starts",
			name, off, devid, last);
		return -XENRDM_ERR_INVAL;
	}
	if ((unsigned)last - devid + 1 > XENRDM_IVMD_MAX_DEVICES) {
		xenrdm_set_err(err, errlen,
			"%s: IVMD at offset 0x%zx: device range %04x..%04x covers %u device IDs, more than the %u this tool expands; give the regions with --region",
			name, off, devid, last, (unsigned)last - devid + 1,
			XENRDM_IVMD_MAX_DEVICES);
		return -XENRDM_ERR_INVAL;
	}
	r.has_sbdf = true;
	for (id = devid; id <= last; id++) {
		r.sbdf = (xenrdm_sbdf)seg << 16 | id;
		rc = xenrdm_region_list_add(out, &r);
		if (rc)
			return rc;
	}
	return 0;
}

static int ivrs_parse(const uint8_t *tab, uint32_t tlen, const char *name,
		      struct xenrdm_region_list *out, char *err, size_t errlen)
{
	size_t off = IVRS_HEADER_LEN;
	uint16_t seg = 0;
	int rc;

	while (off < tlen) {
		uint8_t type;
		uint16_t slen, min = 4;

		if (tlen - off < 4) {
			xenrdm_set_err(err, errlen,
				"%s: offset 0x%zx: only %zu bytes left, an IVRS block header needs 4",
				name, off, tlen - off);
			return -XENRDM_ERR_PARSE;
		}
		type = tab[off];
		slen = rd16(tab + off + 2);
		if (type == IVRS_IVHD_10)
			min = IVRS_IVHD_10_MIN_LEN;
		else if (type == IVRS_IVHD_11 || type == IVRS_IVHD_40)
			min = IVRS_IVHD_11_MIN_LEN;
		else if (type >= IVRS_IVMD_ALL && type <= IVRS_IVMD_RANGE)
			min = IVRS_IVMD_LEN;
		if (slen > tlen - off) {
			xenrdm_set_err(err, errlen,
				"%s: IVRS block type 0x%02x at offset 0x%zx: length %u runs past the end of the table (%zu bytes left)",
				name, type, off, slen, tlen - off);
			return -XENRDM_ERR_PARSE;
		}
		if (slen < min) {
			xenrdm_set_err(err, errlen,
				"%s: IVRS block type 0x%02x at offset 0x%zx: length %u is below its minimum of %u",
				name, type, off, slen, min);
			return -XENRDM_ERR_PARSE;
		}
		if (min == IVRS_IVHD_10_MIN_LEN || min == IVRS_IVHD_11_MIN_LEN) {
			seg = rd16(tab + off + 16);
		} else if (min == IVRS_IVMD_LEN) {
			rc = ivmd_add(name, off, type, seg, tab + off, out,
				      err, errlen);
			if (rc)
				return rc;
		}
		off += slen;
	}
	return 0;
}

int xenrdm_acpi_table_parse(const void *buf, size_t len, const char *name,
			    struct xenrdm_region_list *out,
			    char *err, size_t errlen)
{
	const uint8_t *tab = buf;
	size_t n0 = out ? out->n : 0, i;
	uint32_t tlen, hdr_len;
	uint8_t sum = 0;
	char sig[5];
	int rc;

	if (!name)
		name = "ACPI table";
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
	if (!memcmp(tab, "DMAR", 4)) {
		hdr_len = DMAR_HEADER_LEN;
	} else if (!memcmp(tab, "IVRS", 4)) {
		hdr_len = IVRS_HEADER_LEN;
	} else {
		xenrdm_set_err(err, errlen,
			"%s: signature \"%s\" is neither DMAR nor IVRS", name, sig);
		return -XENRDM_ERR_PARSE;
	}
	tlen = rd32(tab + ACPI_LENGTH_OFF);
	if (tlen < hdr_len) {
		xenrdm_set_err(err, errlen,
			"%s: %s table length %" PRIu32 " is shorter than its %" PRIu32 "-byte header",
			name, sig, tlen, hdr_len);
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
	for (i = 0; i < tlen; i++)
		sum = (uint8_t)(sum + tab[i]);
	if (sum) {
		xenrdm_set_err(err, errlen,
			"%s: bad checksum: the %s table's bytes sum to 0x%02x, not 0 (checksum byte 0x%02x, 0x%02x would be right); refusing a corrupt table",
			name, sig, sum, tab[ACPI_CHECKSUM_OFF],
			(uint8_t)(tab[ACPI_CHECKSUM_OFF] - sum));
		return -XENRDM_ERR_INVAL;
	}
	if (!memcmp(tab, "DMAR", 4))
		rc = dmar_parse(tab, tlen, name, out, err, errlen);
	else
		rc = ivrs_parse(tab, tlen, name, out, err, errlen);
	if (rc == -XENRDM_ERR_NOMEM)
		xenrdm_set_err(err, errlen, "%s: out of memory", name);
	if (rc)
		out->n = n0;   /* all or nothing */
	return rc;
}
