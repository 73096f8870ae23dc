/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_acpi.c - xenrdm_acpi_table_parse() on the iasl-compiled
 * tables of tests/acpi (expected regions worked out by hand from the .dsl
 * sources), on their corrupted variants, and on tables built byte by byte
 * here for every malformation and address edge.
 *
 * The compiled tables are read from $XENRDM_ACPI_DIR, else from the
 * directory compiled in by tests/acpi/acpi.mk.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xenrdm/sources.h"
#include "helpers/region_test.h"

#ifndef XENRDM_ACPI_DIR
#define XENRDM_ACPI_DIR "build/acpi"
#endif

#define P52 (1ULL << 52)
#define G4  (1ULL << 32)

#define MAX_WANT 8

/* ---- helpers ---------------------------------------------------------- */

static const char *acpi_dir(void)
{
	const char *d = getenv("XENRDM_ACPI_DIR");

	return d && *d ? d : XENRDM_ACPI_DIR;
}

static uint8_t *read_table(const char *name, size_t *len_out)
{
	char path[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", acpi_dir(), name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (build the tables: make acpi tables, or set XENRDM_ACPI_DIR)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len_out = (size_t)n;
	return buf;
}

static void check_error(const char *name, int rc, int want_rc,
			const char *err, const char *want_msg,
			const struct xenrdm_region_list *l)
{
	if (rc != want_rc)
		fail_msg("%s: expected rc %d, got %d (message: %s)", name,
			 want_rc, rc, err);
	if (!strstr(err, want_msg))
		fail_msg("%s: expected the message to contain \"%s\", got \"%s\"",
			 name, want_msg, err);
	if (l->n != 0)
		fail_msg("%s: %zu regions left in the list after an error",
			 name, l->n);
}

/* ---- the iasl-compiled tables ----------------------------------------- */

struct file_case {
	const char *file;
	int rc;
	const char *msg;                /* on error */
	struct want_region want[MAX_WANT];
	size_t nr_want;
};

static const struct file_case file_cases[] = {
	{ "dmar-laptop.aml", 0, NULL, {
		DEV(0xba776000, 0x1f000, 0, 0, 0x14, 0),
		DEV(0xba776000, 0x1f000, 0, 0, 0x1a, 0),
		DEV(0xba776000, 0x1f000, 0, 0, 0x1d, 0),
		DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0),
	  }, 4 },
	{ "dmar-server.aml", 0, NULL, {
		DEV(0xe8000, 0x1000, 0, 1, 0, 4),
		DEV(0x7b7e8000, 0x10000, 0, 0, 0x1a, 0),
		DEV(0x7b7e8000, 0x10000, 0, 0, 0x1d, 0),
		DEV(0x7b800000, 0x100000, 0, 2, 0, 0),
		DEV(0x7b800000, 0x100000, 0, 2, 0, 2),
		HOST(0x7b900000, 0x10000),
		DEV(0x7ba00000, 0x10000, 0, 0, 0x1c, 0),
		DEV(0x47ff00000, 0x100000, 1, 0x81, 0, 0),
	  }, 8 },
	{ "ivrs-amd.aml", 0, NULL, {
		HOST(0x9d000000, 0x100000),
		DEV(0xcb100000, 0x2000, 0, 3, 0, 0),
		DEV(0xcc000000, 0x1000, 0, 0, 1, 0),
		DEV(0xcc000000, 0x1000, 0, 0, 1, 1),
		DEV(0xcc000000, 0x1000, 0, 0, 1, 2),
	  }, 5 },
	{ "dmar-multihop.aml", -XENRDM_ERR_PARSE,
	  "path of 2 hops from 0000:00:1c.0: the device behind those bridges is only known from the live PCI topology; give the region with --region 0x7c000000-0x7c0fffff@SBDF",
	  { { 0 } }, 0 },
	{ "bad/bad-checksum.aml", -XENRDM_ERR_INVAL, "bad checksum", { { 0 } }, 0 },
	{ "bad/truncated.aml", -XENRDM_ERR_PARSE,
	  "truncated: the DMAR table length is 184 bytes but only 174 were given", { { 0 } }, 0 },
	{ "bad/trailing.aml", -XENRDM_ERR_PARSE,
	  "16 bytes follow the end of the DMAR table", { { 0 } }, 0 },
	{ "bad/short-length.aml", -XENRDM_ERR_PARSE,
	  "table length 40 is shorter than its 48-byte header", { { 0 } }, 0 },
	{ "bad/bad-signature.aml", -XENRDM_ERR_PARSE,
	  "signature \"DMAX\" is neither DMAR nor IVRS", { { 0 } }, 0 },
	{ "bad/struct-overlong.aml", -XENRDM_ERR_PARSE,
	  "RMRR (type 1) at offset 0x68: length 88 runs past the end of the table (80 bytes left)", { { 0 } }, 0 },
	{ "bad/struct-short.aml", -XENRDM_ERR_PARSE,
	  "RMRR (type 1) at offset 0x68: length 16 is below its minimum of 24", { { 0 } }, 0 },
	{ "bad/struct-zero.aml", -XENRDM_ERR_PARSE,
	  "RMRR (type 1) at offset 0x68: length 0 is below its minimum of 24", { { 0 } }, 0 },
	{ "bad/scope-past-struct.aml", -XENRDM_ERR_PARSE,
	  "device scope at offset 0x80: length 26 runs past the end of its structure (24 bytes left)", { { 0 } }, 0 },
	{ "bad/scope-short.aml", -XENRDM_ERR_PARSE,
	  "device scope at offset 0x80: length 4 is not 6 plus 2 bytes per path entry", { { 0 } }, 0 },
	{ "bad/rmrr-limit-below-base.aml", -XENRDM_ERR_INVAL,
	  "limit 0xba775fff is below its base 0xba776000", { { 0 } }, 0 },
	{ "bad/rmrr-unaligned-base.aml", -XENRDM_ERR_INVAL,
	  "base 0xba776800 is not 4 KiB aligned", { { 0 } }, 0 },
	{ "bad/rmrr-unaligned-limit.aml", -XENRDM_ERR_INVAL,
	  "limit 0xba794ffe does not end a 4 KiB page", { { 0 } }, 0 },
};

static void test_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]); i++) {
		const struct file_case *c = &file_cases[i];
		struct xenrdm_region_list l = { 0 };
		char err[512] = "";
		size_t len;
		uint8_t *buf = read_table(c->file, &len);
		int rc;

		rc = xenrdm_acpi_table_parse(buf, len, c->file, &l, err,
					     sizeof(err));
		if (c->rc == 0) {
			if (rc)
				fail_msg("%s: expected success, got %d: %s",
					 c->file, rc, err);
			check_regions(c->file, &l, c->want, c->nr_want);
		} else {
			check_error(c->file, rc, c->rc, err, c->msg, &l);
			/* the message starts with the name it was given */
			assert_memory_equal(err, c->file, strlen(c->file));
		}
		xenrdm_region_list_free(&l);
		free(buf);
	}
}

/* ---- tables built byte by byte ---------------------------------------- */

struct tb {
	uint8_t b[16384];
	size_t n;
	size_t mark;                    /* start of the open structure */
	int keep_checksum;              /* don't fix the checksum */
	int keep_length;                /* don't fix the table length */
};

static void put8(struct tb *t, uint64_t v)
{
	assert_true(t->n < sizeof(t->b));
	t->b[t->n++] = (uint8_t)v;
}

static void putn(struct tb *t, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		put8(t, v >> (8 * i));
}

static void set16(struct tb *t, size_t off, uint16_t v)
{
	t->b[off] = (uint8_t)v;
	t->b[off + 1] = (uint8_t)(v >> 8);
}

static void header(struct tb *t, const char *sig)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->b[8] = 1;                    /* revision */
	memcpy(t->b + 10, "XENRDM", 6);
	t->n = 48;                      /* DMAR and IVRS: 36 + 12 */
}

/* A DMAR structure: open it, fill it, close it (which sets its length). */
static void dmar_open(struct tb *t, uint16_t type)
{
	t->mark = t->n;
	putn(t, type, 2);
	putn(t, 0, 2);
}

static void dmar_close(struct tb *t)
{
	set16(t, t->mark + 2, (uint16_t)(t->n - t->mark));
}

static void rmrr(struct tb *t, uint16_t seg, uint64_t base, uint64_t limit)
{
	dmar_open(t, 1);
	putn(t, 0, 2);
	putn(t, seg, 2);
	putn(t, base, 8);
	putn(t, limit, 8);
}

/* A device scope with one path entry per (dev, fn) in path[]. */
static void scope(struct tb *t, uint8_t type, uint8_t bus,
		  const uint8_t *path, int hops)
{
	int i;

	put8(t, type);
	put8(t, 6 + 2 * hops);
	putn(t, 0, 2);
	put8(t, 0);
	put8(t, bus);
	for (i = 0; i < 2 * hops; i++)
		put8(t, path[i]);
}

static void ep(struct tb *t, uint8_t bus, uint8_t dev, uint8_t fn)
{
	uint8_t p[2] = { dev, fn };

	scope(t, 1, bus, p, 1);
}

static void finish(struct tb *t)
{
	uint8_t sum = 0;
	size_t i;

	if (!t->keep_length) {
		t->b[4] = (uint8_t)t->n;
		t->b[5] = (uint8_t)(t->n >> 8);
		t->b[6] = (uint8_t)(t->n >> 16);
		t->b[7] = (uint8_t)(t->n >> 24);
	}
	if (t->keep_checksum)
		return;
	t->b[9] = 0;
	for (i = 0; i < t->n; i++)
		sum = (uint8_t)(sum + t->b[i]);
	t->b[9] = (uint8_t)-sum;
}

static void rmrr_one(struct tb *t, uint64_t base, uint64_t limit)
{
	header(t, "DMAR");
	rmrr(t, 0, base, limit);
	ep(t, 0, 2, 0);
	dmar_close(t);
}

/* IVRS blocks */
static void ivhd(struct tb *t, uint8_t type, uint16_t len, uint16_t seg)
{
	size_t s = t->n, i;

	put8(t, type);
	put8(t, 0);
	putn(t, len, 2);
	putn(t, 0x0002, 2);     /* the IOMMU's own DeviceID */
	putn(t, 0x40, 2);
	putn(t, 0xfd200000, 8);
	putn(t, seg, 2);
	for (i = t->n - s; i < len; i++)
		put8(t, 0);
}

static void ivmd(struct tb *t, uint8_t type, uint16_t devid, uint16_t aux,
		 uint64_t start, uint64_t len)
{
	put8(t, type);
	put8(t, 0x07);
	putn(t, 32, 2);
	putn(t, devid, 2);
	putn(t, aux, 2);
	putn(t, 0, 8);
	putn(t, start, 8);
	putn(t, len, 8);
}

struct byte_case {
	const char *name;
	void (*build)(struct tb *t);
	size_t len_adjust_minus;        /* pass this many bytes fewer */
	int rc;
	const char *msg;
	struct want_region want[4];
	size_t nr_want;
	size_t nr_min;                  /* if set: only the count is checked */
};

/* DMAR: RMRR address edges. */
static void b_page0(struct tb *t) { rmrr_one(t, 0, 0xfff); finish(t); }
static void b_below4g(struct tb *t) { rmrr_one(t, G4 - 0x1000, G4 - 1); finish(t); }
static void b_at4g(struct tb *t) { rmrr_one(t, G4, G4 + 0xfff); finish(t); }
static void b_across4g(struct tb *t) { rmrr_one(t, G4 - 0x1000, G4 + 0xfff); finish(t); }
static void b_top52(struct tb *t) { rmrr_one(t, P52 - 0x1000, P52 - 1); finish(t); }
static void b_past52(struct tb *t) { rmrr_one(t, P52 - 0x1000, P52 + 0xfff); finish(t); }
static void b_wrap64(struct tb *t) { rmrr_one(t, ~0ULL - 0xfff, ~0ULL); finish(t); }
static void b_limit_eq_base(struct tb *t) { rmrr_one(t, 0x1000, 0x1000); finish(t); }
static void b_limit_base_m1(struct tb *t) { rmrr_one(t, 0x2000, 0x1fff); finish(t); }
static void b_base_p1(struct tb *t) { rmrr_one(t, 0x1001, 0x1fff); finish(t); }
static void b_limit_p1(struct tb *t) { rmrr_one(t, 0x1000, 0x2000); finish(t); }

/* DMAR: scopes. */
static void b_no_scope(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	dmar_close(t);
	finish(t);
}

static void b_ioapic_only(struct tb *t)
{
	uint8_t p[2] = { 0x1f, 0 };

	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	scope(t, 3, 0xf0, p, 1);
	dmar_close(t);
	finish(t);
}

static void b_segment(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0x1234, 0x10000, 0x1ffff);
	ep(t, 0xab, 0x1f, 7);
	dmar_close(t);
	finish(t);
}

/* A segment >= 0x8000: the SBDF packing must not overflow an int. */
static void b_segment_high(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0xffff, 0x10000, 0x1ffff);
	ep(t, 0xff, 0x1f, 7);
	dmar_close(t);
	finish(t);
}

static void b_bridge(struct tb *t)
{
	uint8_t p[2] = { 0x1c, 4 };

	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	scope(t, 2, 0, p, 1);
	dmar_close(t);
	finish(t);
}

static void b_empty_path(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	scope(t, 1, 0, NULL, 0);
	dmar_close(t);
	finish(t);
}

static void b_odd_scope(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 2, 0);
	t->b[t->n - 7] = 7;     /* scope length 7 */
	put8(t, 0);
	dmar_close(t);
	finish(t);
}

static void b_scope_fills(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 2, 0);
	ep(t, 0, 3, 0);
	dmar_close(t);
	finish(t);
}

static void b_scope_plus1(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 2, 0);
	ep(t, 0, 3, 0);
	t->n--;                 /* the RMRR ends one byte before its scope */
	dmar_close(t);
	put8(t, 0);             /* the table keeps its size */
	finish(t);
}

static void b_scope_tail(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 2, 0);
	putn(t, 0, 5);          /* 5 bytes: too few for another scope */
	dmar_close(t);
	finish(t);
}

static void b_bad_devfn(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 0x20, 0);
	dmar_close(t);
	finish(t);
}

static void b_drhd_scope_past(struct tb *t)
{
	header(t, "DMAR");
	dmar_open(t, 0);
	putn(t, 1, 1);
	putn(t, 0, 1);
	putn(t, 0, 2);
	putn(t, 0xfed90000, 8);
	ep(t, 0, 2, 0);
	t->b[t->n - 7] = 10;    /* DRHD scope claims 10 of its 8 bytes */
	dmar_close(t);
	finish(t);
}

/* DMAR: table level. */
static void b_empty_table(struct tb *t) { header(t, "DMAR"); finish(t); }

static void b_unknown_struct(struct tb *t)
{
	header(t, "DMAR");
	dmar_open(t, 0x7f);
	putn(t, 0xdeadbeef, 4);
	dmar_close(t);
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 2, 0);
	dmar_close(t);
	finish(t);
}

static void b_tail3(struct tb *t)
{
	rmrr_one(t, 0x10000, 0x1ffff);
	putn(t, 0, 3);
	finish(t);
}

static void b_len47(struct tb *t)
{
	header(t, "DMAR");
	t->keep_length = 1;
	t->b[4] = 47;
	finish(t);
}

static void b_35bytes(struct tb *t)
{
	b_empty_table(t);
}

static void b_checksum_p1(struct tb *t)
{
	rmrr_one(t, 0x10000, 0x1ffff);
	finish(t);
	t->b[9]++;
}

static void b_wrong_sig(struct tb *t)
{
	header(t, "FACP");
	finish(t);
}

/* IVRS. */
static void b_ivmd_one_seg(struct tb *t)
{
	header(t, "IVRS");
	ivhd(t, 0x10, 24, 0x0002);
	ivmd(t, 0x21, 0xffff, 0, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_ivhd40_seg(struct tb *t)
{
	header(t, "IVRS");
	ivhd(t, 0x10, 24, 1);
	ivhd(t, 0x40, 40, 3);
	ivmd(t, 0x21, 0x0100, 0, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_no_ivhd(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x21, 0x0100, 0, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_unaligned(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x20, 0, 0, 0x1800, 0x1000);
	finish(t);
}

static void b_ivmd_len0(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x20, 0, 0, 0x1000, 0);
	finish(t);
}

static void b_ivmd_wrap(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x20, 0, 0, ~0ULL - 0xfff, 0x2000);
	finish(t);
}

static void b_ivmd_to52(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x20, 0, 0, P52 - 0x1000, 0x1000);
	finish(t);
}

static void b_ivmd_past52(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x20, 0, 0, P52 - 0x1000, 0x1001);
	finish(t);
}

static void b_ivmd_range_rev(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x22, 0x0010, 0x000f, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_range_cap(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x22, 0x0100, 0x0100 + 1023, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_range_cap1(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x22, 0x0100, 0x0100 + 1024, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_short(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x21, 0x0100, 0, 0x10000, 0x1000);
	set16(t, 48 + 2, 31);
	t->n--;
	finish(t);
}

static void b_ivhd11_short(struct tb *t)
{
	header(t, "IVRS");
	ivhd(t, 0x11, 39, 0);
	finish(t);
}

static void b_ivrs_past(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x20, 0, 0, 0x10000, 0x1000);
	set16(t, 48 + 2, 33);
	finish(t);
}

static const struct byte_case byte_cases[] = {
	{ "rmrr page 0", b_page0, 0, 0, NULL, { DEV(0, 0x1000, 0, 0, 2, 0) }, 1, 0 },
	{ "rmrr last page below 4G", b_below4g, 0, 0, NULL,
	  { DEV(G4 - 0x1000, 0x1000, 0, 0, 2, 0) }, 1, 0 },
	{ "rmrr first page at 4G", b_at4g, 0, 0, NULL,
	  { DEV(G4, 0x1000, 0, 0, 2, 0) }, 1, 0 },
	{ "rmrr across 4G", b_across4g, 0, 0, NULL,
	  { DEV(G4 - 0x1000, 0x2000, 0, 0, 2, 0) }, 1, 0 },
	{ "rmrr last page below 2^52", b_top52, 0, 0, NULL,
	  { DEV(P52 - 0x1000, 0x1000, 0, 0, 2, 0) }, 1, 0 },
	{ "rmrr past 2^52", b_past52, 0, -XENRDM_ERR_INVAL,
	  "limit 0x10000000000fff is above the 2^52", { { 0 } }, 0, 0 },
	{ "rmrr ending at 2^64", b_wrap64, 0, -XENRDM_ERR_INVAL,
	  "limit 0xffffffffffffffff is above the 2^52", { { 0 } }, 0, 0 },
	{ "rmrr limit == base", b_limit_eq_base, 0, -XENRDM_ERR_INVAL,
	  "limit 0x1000 does not end a 4 KiB page", { { 0 } }, 0, 0 },
	{ "rmrr limit == base - 1", b_limit_base_m1, 0, -XENRDM_ERR_INVAL,
	  "limit 0x1fff is below its base 0x2000", { { 0 } }, 0, 0 },
	{ "rmrr base + 1 byte", b_base_p1, 0, -XENRDM_ERR_INVAL,
	  "base 0x1001 is not 4 KiB aligned", { { 0 } }, 0, 0 },
	{ "rmrr limit + 1 byte", b_limit_p1, 0, -XENRDM_ERR_INVAL,
	  "limit 0x2000 does not end a 4 KiB page", { { 0 } }, 0, 0 },
	{ "rmrr without scope is host-wide", b_no_scope, 0, 0, NULL,
	  { HOST(0x10000, 0x10000) }, 1, 0 },
	{ "rmrr with only an IOAPIC scope is host-wide", b_ioapic_only, 0, 0,
	  NULL, { HOST(0x10000, 0x10000) }, 1, 0 },
	{ "rmrr segment, bus, dev 1f, fn 7", b_segment, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0x1234, 0xab, 0x1f, 7) }, 1, 0 },
	{ "rmrr segment ffff, bus ff", b_segment_high, 0, 0, NULL,
	  { { 0x10000, 0x10000, 1, 0xffffffffu } }, 1, 0 },
	{ "rmrr bridge scope ties to the bridge", b_bridge, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 0, 0x1c, 4) }, 1, 0 },
	{ "scope with an empty path", b_empty_path, 0, -XENRDM_ERR_PARSE,
	  "has an empty path", { { 0 } }, 0, 0 },
	{ "scope of odd length", b_odd_scope, 0, -XENRDM_ERR_PARSE,
	  "length 7 is not 6 plus 2 bytes per path entry", { { 0 } }, 0, 0 },
	{ "scopes fill the rmrr exactly", b_scope_fills, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0), DEV(0x10000, 0x10000, 0, 0, 3, 0) },
	  2, 0 },
	{ "scope one byte past the rmrr", b_scope_plus1, 0, -XENRDM_ERR_PARSE,
	  "RMRR at offset 0x30: device scope at offset 0x50: length 8 runs past the end of its structure (7 bytes left)",
	  { { 0 } }, 0, 0 },
	{ "5 bytes after the last scope", b_scope_tail, 0, -XENRDM_ERR_PARSE,
	  "only 5 bytes left in the structure, a scope needs 6", { { 0 } }, 0, 0 },
	{ "path entry dev 0x20", b_bad_devfn, 0, -XENRDM_ERR_PARSE,
	  "path entry 20,00 is not a device", { { 0 } }, 0, 0 },
	{ "DRHD scope past its structure", b_drhd_scope_past, 0,
	  -XENRDM_ERR_PARSE, "DRHD at offset 0x30: device scope at offset 0x40: length 10 runs past",
	  { { 0 } }, 0, 0 },
	{ "header only", b_empty_table, 0, 0, NULL, { { 0 } }, 0, 0 },
	{ "unknown structure type is walked over", b_unknown_struct, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
	{ "3 bytes after the last structure", b_tail3, 0, -XENRDM_ERR_PARSE,
	  "only 3 bytes left, a remapping structure header needs 4", { { 0 } }, 0, 0 },
	{ "table length 47", b_len47, 0, -XENRDM_ERR_PARSE,
	  "table length 47 is shorter than its 48-byte header", { { 0 } }, 0, 0 },
	{ "35 bytes", b_35bytes, 48 - 35, -XENRDM_ERR_PARSE,
	  "truncated: 35 bytes, an ACPI table header needs 36", { { 0 } }, 0, 0 },
	{ "table one byte short", b_empty_table, 1, -XENRDM_ERR_PARSE,
	  "truncated: the DMAR table length is 48 bytes but only 47 were given",
	  { { 0 } }, 0, 0 },
	{ "checksum off by one", b_checksum_p1, 0, -XENRDM_ERR_INVAL,
	  "bad checksum: the DMAR table's bytes sum to 0x01, not 0", { { 0 } }, 0, 0 },
	{ "FACP signature", b_wrong_sig, 0, -XENRDM_ERR_PARSE,
	  "signature \"FACP\" is neither DMAR nor IVRS", { { 0 } }, 0, 0 },
	{ "ivmd 21h DeviceID ffff, segment of the IVHD", b_ivmd_one_seg, 0, 0,
	  NULL, { DEV(0x10000, 0x1000, 2, 0xff, 0x1f, 7) }, 1, 0 },
	{ "ivmd 21h after two IVHDs: the last one's segment", b_ivmd_ivhd40_seg,
	  0, 0, NULL, { DEV(0x10000, 0x1000, 3, 1, 0, 0) }, 1, 0 },
	{ "ivmd 21h without IVHD: segment 0", b_ivmd_no_ivhd, 0, 0, NULL,
	  { DEV(0x10000, 0x1000, 0, 1, 0, 0) }, 1, 0 },
	{ "ivmd unaligned is widened to pages", b_ivmd_unaligned, 0, 0, NULL,
	  { HOST(0x1000, 0x2000) }, 1, 0 },
	{ "ivmd length 0", b_ivmd_len0, 0, -XENRDM_ERR_INVAL,
	  "memory length is 0", { { 0 } }, 0, 0 },
	{ "ivmd wrapping 2^64", b_ivmd_wrap, 0, -XENRDM_ERR_INVAL,
	  "ends above the 2^52", { { 0 } }, 0, 0 },
	{ "ivmd ending at 2^52", b_ivmd_to52, 0, 0, NULL,
	  { HOST(P52 - 0x1000, 0x1000) }, 1, 0 },
	{ "ivmd ending 1 byte past 2^52", b_ivmd_past52, 0, -XENRDM_ERR_INVAL,
	  "ends above the 2^52", { { 0 } }, 0, 0 },
	{ "ivmd 22h range reversed", b_ivmd_range_rev, 0, -XENRDM_ERR_INVAL,
	  "device range 0010..000f ends before it starts", { { 0 } }, 0, 0 },
	{ "ivmd 22h range of 1024 devices", b_ivmd_range_cap, 0, 0, NULL,
	  { DEV(0x10000, 0x1000, 0, 1, 0, 0) }, 0, 1024 },
	{ "ivmd 22h range of 1025 devices", b_ivmd_range_cap1, 0,
	  -XENRDM_ERR_INVAL, "covers 1025 device IDs, more than the 1024",
	  { { 0 } }, 0, 0 },
	{ "ivmd block of 31 bytes", b_ivmd_short, 0, -XENRDM_ERR_PARSE,
	  "type 0x21 at offset 0x30: length 31 is below its minimum of 32",
	  { { 0 } }, 0, 0 },
	{ "ivhd 11h of 39 bytes", b_ivhd11_short, 0, -XENRDM_ERR_PARSE,
	  "type 0x11 at offset 0x30: length 39 is below its minimum of 40",
	  { { 0 } }, 0, 0 },
	{ "ivrs block past the table", b_ivrs_past, 0, -XENRDM_ERR_PARSE,
	  "type 0x20 at offset 0x30: length 33 runs past the end of the table (32 bytes left)",
	  { { 0 } }, 0, 0 },
};

static void test_bytes(void **state)
{
	static struct tb t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(byte_cases) / sizeof(byte_cases[0]); i++) {
		const struct byte_case *c = &byte_cases[i];
		struct xenrdm_region_list l = { 0 };
		char err[512] = "";
		int rc;

		c->build(&t);
		rc = xenrdm_acpi_table_parse(t.b, t.n - c->len_adjust_minus,
					     c->name, &l, err, sizeof(err));
		if (c->rc == 0) {
			if (rc)
				fail_msg("%s: expected success, got %d: %s",
					 c->name, rc, err);
			if (c->nr_min) {
				if (l.n != c->nr_min)
					fail_msg("%s: expected %zu regions, got %zu",
						 c->name, c->nr_min, l.n);
				/* first and last of the expansion */
				check_regions(c->name, &(struct xenrdm_region_list){
					l.v, 1, 1 }, c->want, 1);
				if (l.v[l.n - 1].sbdf != 0x0100 + c->nr_min - 1)
					fail_msg("%s: last device 0x%x, expected 0x%zx",
						 c->name, l.v[l.n - 1].sbdf,
						 0x0100 + c->nr_min - 1);
			} else {
				check_regions(c->name, &l, c->want, c->nr_want);
			}
		} else {
			check_error(c->name, rc, c->rc, err, c->msg, &l);
		}
		xenrdm_region_list_free(&l);
	}
}

/* An error leaves what the list already held untouched; success appends. */
static void test_appends_all_or_nothing(void **state)
{
	static struct tb good, bad;
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	b_scope_fills(&good);
	assert_int_equal(xenrdm_acpi_table_parse(good.b, good.n, "good", &l,
						 err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	/* one good scope, then a bad one: nothing of it may stay */
	header(&bad, "DMAR");
	rmrr(&bad, 0, 0x10000, 0x1ffff);
	ep(&bad, 0, 2, 0);
	ep(&bad, 0, 0x20, 0);
	dmar_close(&bad);
	finish(&bad);
	assert_int_equal(xenrdm_acpi_table_parse(bad.b, bad.n, "bad", &l, err,
						 sizeof(err)),
			 -XENRDM_ERR_PARSE);
	assert_int_equal(l.n, 2);
	assert_int_equal(xenrdm_acpi_table_parse(good.b, good.n, "good", &l,
						 err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	xenrdm_region_list_free(&l);
}

/* A tiny error buffer is never overrun and stays NUL-terminated. */
static void test_small_err_buffer(void **state)
{
	static struct tb t;
	struct xenrdm_region_list l = { 0 };
	char err[8 + 4];

	(void)state;
	memset(err, 'X', sizeof(err));
	b_checksum_p1(&t);
	assert_int_equal(xenrdm_acpi_table_parse(t.b, t.n, "name", &l, err, 8),
			 -XENRDM_ERR_INVAL);
	assert_int_equal(err[7], '\0');
	assert_int_equal(err[8], 'X');
	assert_int_equal(xenrdm_acpi_table_parse(t.b, t.n, "name", &l, NULL, 0),
			 -XENRDM_ERR_INVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_appends_all_or_nothing),
		cmocka_unit_test(test_small_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
