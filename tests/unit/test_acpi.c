/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_acpi.c - xenrdm_acpi_table_read() on the iasl-compiled
 * tables of tests/acpi (expected regions worked out by hand from the .dsl
 * sources), on their corrupted variants, and on tables built byte by byte
 * here for every malformation and address edge.  A corrupt header refuses
 * the table; a bad structure inside is skipped with a warning (SKIP: the
 * expected message is that warning's) and the rest is read.
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

/* rc of a case whose table is read (rc 0) with at least one structure
 * skipped: msg is in the first warning. */
#define SKIP 1

/* The warnings of one read, kept for the checks. */
static char warnings[4096];
static size_t nr_warnings;

static void warn_keep(void *ctx, const char *msg)
{
	size_t n = strlen(warnings);

	(void)ctx;
	nr_warnings++;
	snprintf(warnings + n, sizeof(warnings) - n, "%s\n", msg);
}

/* A PCI topology for multi-hop scopes: bridge 00:1c.0 -> bus 2,
 * 02:00.0 -> bus 3; every other bridge is unknown. */
static int topo(void *ctx, uint16_t seg, uint8_t bus, uint8_t dev,
		uint8_t fn, uint8_t *sec)
{
	(void)ctx;
	if (seg == 0 && bus == 0 && dev == 0x1c && fn == 0) {
		*sec = 2;
		return 0;
	}
	if (seg == 0 && bus == 2 && dev == 0 && fn == 0) {
		*sec = 3;
		return 0;
	}
	return -XENRDM_ERR_IO;
}

static const struct xenrdm_source_opts opts = { warn_keep, NULL, topo, NULL };

/* Read with opts; for SKIP cases check the warning; else none. */
static int read_checked(const char *name, const void *buf, size_t len,
			struct xenrdm_region_list *l, char *err, size_t errlen,
			int want_rc, const char *msg)
{
	size_t skipped = 99;
	int rc;

	warnings[0] = '\0';
	nr_warnings = 0;
	rc = xenrdm_acpi_table_read(buf, len, name, &opts, l, &skipped, err,
				    errlen);
	if (rc)
		return rc;
	if (skipped != nr_warnings)
		fail_msg("%s: %zu skipped but %zu warnings", name, skipped,
			 nr_warnings);
	if (want_rc == SKIP) {
		if (!nr_warnings || !strstr(warnings, msg))
			fail_msg("%s: expected a warning containing \"%s\", got \"%s\"",
				 name, msg, warnings);
		if (strncmp(warnings, name, strlen(name)))
			fail_msg("%s: the warning does not start with the name: %s",
				 name, warnings);
	} else if (nr_warnings) {
		fail_msg("%s: unexpected warnings: %s", name, warnings);
	}
	return 0;
}

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
		/* 22h over 00:01.0..00:01.2: one region, not three */
		RANGE(0xcc000000, 0x1000, XENRDM_SBDF(0, 0, 1, 0),
		      XENRDM_SBDF(0, 0, 1, 2)),
	  }, 3 },
	/* the test topology: 00:1c.0's secondary bus is 2 */
	{ "dmar-multihop.aml", 0, NULL,
	  { DEV(0x7c000000, 0x100000, 0, 2, 0, 0) }, 1 },
	{ "bad/bad-checksum.aml", -XENRDM_ERR_INVAL, "bad checksum", { { 0 } }, 0 },
	{ "bad/truncated.aml", -XENRDM_ERR_PARSE,
	  "truncated: the DMAR table length is 184 bytes but only 174 were given", { { 0 } }, 0 },
	{ "bad/trailing.aml", -XENRDM_ERR_PARSE,
	  "16 bytes follow the end of the DMAR table", { { 0 } }, 0 },
	{ "bad/short-length.aml", -XENRDM_ERR_PARSE,
	  "table length 40 is shorter than its 48-byte header", { { 0 } }, 0 },
	{ "bad/bad-signature.aml", -XENRDM_ERR_PARSE,
	  "signature \"DMAX\" is neither DMAR (nor RMAD or XMAR, as Xen renames it) nor IVRS", { { 0 } }, 0 },
	{ "bad/struct-overlong.aml", SKIP,
	  "RMRR (type 0x01) at offset 0x68: length 88 runs past the end of the table; it and the rest of the table (80 bytes) skipped", { { 0 } }, 0 },
	{ "bad/struct-short.aml", SKIP,
	  "RMRR (type 1) at offset 0x68 skipped: length 16 is below its minimum of 24", { { 0 } }, 0 },
	{ "bad/struct-zero.aml", SKIP,
	  "RMRR (type 0x01) at offset 0x68: length 0 is below 4, so the walk cannot go on", { { 0 } }, 0 },
	{ "bad/scope-past-struct.aml", SKIP,
	  "RMRR [mem 0x00000000ba776000-0x00000000ba794fff] at offset 0x68: device scope at offset 0x80 has length 26 (past the end of its RMRR)", { DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0) }, 1 },
	{ "bad/scope-short.aml", SKIP,
	  "device scope at offset 0x80 has length 4 (below 6)", { DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0) }, 1 },
	{ "bad/rmrr-limit-below-base.aml", SKIP,
	  "RMRR [mem 0x00000000ba776000-0x00000000ba775fff] at offset 0x68 skipped: its limit is below its base", { DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0) }, 1 },
	{ "bad/rmrr-unaligned-base.aml", SKIP,
	  "RMRR [mem 0x00000000ba776800-0x00000000ba794fff] at offset 0x68 skipped: its base is not 4 KiB aligned", { DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0) }, 1 },
	{ "bad/rmrr-unaligned-limit.aml", SKIP,
	  "RMRR [mem 0x00000000ba776000-0x00000000ba794ffe] at offset 0x68 skipped: its limit does not end a 4 KiB page", { DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0) }, 1 },
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

		rc = read_checked(c->file, buf, len, &l, err, sizeof(err),
				  c->rc, c->msg);
		if (c->rc == 0 || c->rc == SKIP) {
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
	size_t unused;
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

/* Xen's renamed copies of a DMAR. */
static void b_rmad(struct tb *t)
{
	rmrr_one(t, 0x10000, 0x1ffff);
	finish(t);
	memcpy(t->b, "RMAD", 4);        /* the same bytes: the sum holds */
}

static void b_xmar(struct tb *t)
{
	rmrr_one(t, 0x10000, 0x1ffff);
	finish(t);
	t->b[0] = 'X';
	t->b[9] = (uint8_t)(t->b[9] - ('X' - 'D'));
}

static void b_xmar_badsum(struct tb *t)
{
	rmrr_one(t, 0x10000, 0x1ffff);
	finish(t);
	t->b[0] = 'X';
}

/* 00:1c.0 -> bus 2, 02:00.0 -> bus 3, device 03:00.1 */
static void b_multihop3(struct tb *t)
{
	uint8_t p[6] = { 0x1c, 0, 0, 0, 0, 1 };

	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	scope(t, 1, 0, p, 3);
	dmar_close(t);
	finish(t);
}

static void b_multihop_unknown(struct tb *t)
{
	uint8_t p[4] = { 0x1d, 0, 0, 0 };

	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	scope(t, 1, 0, p, 2);
	dmar_close(t);
	finish(t);
}

/* A real laptop: an RMRR of 0x0-0x0 among valid ones. */
static void b_bad_between(struct tb *t)
{
	header(t, "DMAR");
	rmrr(t, 0, 0x10000, 0x1ffff);
	ep(t, 0, 2, 0);
	dmar_close(t);
	rmrr(t, 0, 0, 0);
	ep(t, 0, 0x1f, 0);
	dmar_close(t);
	rmrr(t, 0, 0x30000, 0x30fff);
	ep(t, 0, 0x14, 0);
	dmar_close(t);
	finish(t);
}

static void b_ivmd_range_all(struct tb *t)
{
	header(t, "IVRS");
	ivhd(t, 0x10, 24, 5);
	ivmd(t, 0x22, 0x0000, 0xffff, 0x10000, 0x1000);
	finish(t);
}

static void b_ivmd_iommu(struct tb *t)
{
	header(t, "IVRS");
	ivmd(t, 0x23, 0x0002, 0x40, 0x10000, 0x1000);
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
	{ "rmrr past 2^52", b_past52, 0, SKIP,
	  "RMRR [mem 0x000ffffffffff000-0x0010000000000fff] at offset 0x30 skipped: it ends above the 2^52",
	  { { 0 } }, 0, 0 },
	{ "rmrr ending at 2^64", b_wrap64, 0, SKIP,
	  "skipped: it ends above the 2^52",
	  { { 0 } }, 0, 0 },
	{ "rmrr limit == base", b_limit_eq_base, 0, SKIP,
	  "RMRR [mem 0x0000000000001000-0x0000000000001000] at offset 0x30 skipped: its limit does not end a 4 KiB page",
	  { { 0 } }, 0, 0 },
	{ "rmrr limit == base - 1", b_limit_base_m1, 0, SKIP,
	  "RMRR [mem 0x0000000000002000-0x0000000000001fff] at offset 0x30 skipped: its limit is below its base",
	  { { 0 } }, 0, 0 },
	{ "rmrr base + 1 byte", b_base_p1, 0, SKIP,
	  "skipped: its base is not 4 KiB aligned",
	  { { 0 } }, 0, 0 },
	{ "rmrr limit + 1 byte", b_limit_p1, 0, SKIP,
	  "skipped: its limit does not end a 4 KiB page",
	  { { 0 } }, 0, 0 },
	{ "rmrr without scope is host-wide", b_no_scope, 0, 0, NULL,
	  { HOST(0x10000, 0x10000) }, 1, 0 },
	{ "rmrr with only an IOAPIC scope is host-wide", b_ioapic_only, 0, 0,
	  NULL, { HOST(0x10000, 0x10000) }, 1, 0 },
	{ "rmrr segment, bus, dev 1f, fn 7", b_segment, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0x1234, 0xab, 0x1f, 7) }, 1, 0 },
	{ "rmrr segment ffff, bus ff", b_segment_high, 0, 0, NULL,
	  { { 0x10000, 0x10000, 1, 0xffffffffu, 0 } }, 1, 0 },
	{ "rmrr bridge scope ties to the bridge", b_bridge, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 0, 0x1c, 4) }, 1, 0 },
	{ "scope with an empty path", b_empty_path, 0, SKIP,
	  "PCI device scope at offset 0x48 skipped: its path is empty",
	  { { 0 } }, 0, 0 },
	{ "scope of odd length", b_odd_scope, 0, SKIP,
	  "length 7 is not 6 plus 2 bytes per path entry",
	  { { 0 } }, 0, 0 },
	{ "scopes fill the rmrr exactly", b_scope_fills, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0), DEV(0x10000, 0x10000, 0, 0, 3, 0) },
	  2, 0 },
	{ "scope one byte past the rmrr", b_scope_plus1, 0, SKIP,
	  "RMRR [mem 0x0000000000010000-0x000000000001ffff] at offset 0x30: device scope at offset 0x50 has length 8 (past the end of its RMRR)",
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
	{ "5 bytes after the last scope", b_scope_tail, 0, SKIP,
	  "5 bytes at offset 0x50 are too few for a device scope (6); ignored",
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
	{ "path entry dev 0x20", b_bad_devfn, 0, SKIP,
	  "path entry 0 (20,00) is not a device (0-1f), function (0-7) pair",
	  { { 0 } }, 0, 0 },
	{ "DRHD scope past its structure", b_drhd_scope_past, 0, 0,
	  NULL,
	  { { 0 } }, 0, 0 },
	{ "header only", b_empty_table, 0, 0, NULL, { { 0 } }, 0, 0 },
	{ "unknown structure type is walked over", b_unknown_struct, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
	{ "3 bytes after the last structure", b_tail3, 0, SKIP,
	  "3 bytes at offset 0x50 are too few for a remapping structure; ignored",
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
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
	  "signature \"FACP\" is neither DMAR",
	  { { 0 } }, 0, 0 },
	{ "ivmd 21h DeviceID ffff, segment of the IVHD", b_ivmd_one_seg, 0, 0,
	  NULL, { DEV(0x10000, 0x1000, 2, 0xff, 0x1f, 7) }, 1, 0 },
	{ "ivmd 21h after two IVHDs: the last one's segment", b_ivmd_ivhd40_seg,
	  0, 0, NULL, { DEV(0x10000, 0x1000, 3, 1, 0, 0) }, 1, 0 },
	{ "ivmd 21h without IVHD: segment 0", b_ivmd_no_ivhd, 0, 0, NULL,
	  { DEV(0x10000, 0x1000, 0, 1, 0, 0) }, 1, 0 },
	{ "ivmd unaligned is widened to pages", b_ivmd_unaligned, 0, 0, NULL,
	  { HOST(0x1000, 0x2000) }, 1, 0 },
	{ "ivmd length 0", b_ivmd_len0, 0, SKIP,
	  "IVMD type 0x20 at offset 0x30 (start 0x1000) skipped: its memory length is 0",
	  { { 0 } }, 0, 0 },
	{ "ivmd wrapping 2^64", b_ivmd_wrap, 0, SKIP,
	  "skipped: it ends above the 2^52",
	  { { 0 } }, 0, 0 },
	{ "ivmd ending at 2^52", b_ivmd_to52, 0, 0, NULL,
	  { HOST(P52 - 0x1000, 0x1000) }, 1, 0 },
	{ "ivmd ending 1 byte past 2^52", b_ivmd_past52, 0, SKIP,
	  "skipped: it ends above the 2^52",
	  { { 0 } }, 0, 0 },
	{ "ivmd 22h range reversed", b_ivmd_range_rev, 0, SKIP,
	  "IVMD type 0x22 at offset 0x30 ([mem 0x0000000000010000-0x0000000000010fff]) skipped: its device range 0010..000f ends before it starts",
	  { { 0 } }, 0, 0 },
	{ "ivmd 22h range of 1024 devices", b_ivmd_range_cap, 0, 0,
	  NULL,
	  { RANGE(0x10000, 0x1000, 0x0100, 0x04ff) }, 1, 0 },
	{ "ivmd 22h range of 1025 devices", b_ivmd_range_cap1, 0, 0,
	  NULL,
	  { RANGE(0x10000, 0x1000, 0x0100, 0x0500) }, 1, 0 },
	{ "ivmd block of 31 bytes", b_ivmd_short, 0, SKIP,
	  "IVRS block type 0x21 at offset 0x30 skipped: length 31 is below its minimum of 32",
	  { { 0 } }, 0, 0 },
	{ "ivhd 11h of 39 bytes", b_ivhd11_short, 0, SKIP,
	  "IVRS block type 0x11 at offset 0x30 skipped: length 39 is below its minimum of 40",
	  { { 0 } }, 0, 0 },
	{ "ivrs block past the table", b_ivrs_past, 0, SKIP,
	  "IVRS block (type 0x20) at offset 0x30: length 33 runs past the end of the table; it and the rest of the table (32 bytes) skipped",
	  { { 0 } }, 0, 0 },
	{ "RMAD: Xen 4.17's renamed DMAR", b_rmad, 0, 0, NULL, { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
	{ "XMAR: older Xen's renamed DMAR", b_xmar, 0, 0, NULL, { DEV(0x10000, 0x10000, 0, 0, 2, 0) }, 1, 0 },
	{ "XMAR with DMAR's checksum", b_xmar_badsum, 0, -XENRDM_ERR_INVAL,
	  "bad checksum: the XMAR table's bytes sum to 0x14", { { 0 } }, 0, 0 },
	{ "multi-hop scope through two bridges", b_multihop3, 0, 0, NULL,
	  { DEV(0x10000, 0x10000, 0, 3, 0, 1) }, 1, 0 },
	{ "multi-hop scope, bridge unknown", b_multihop_unknown, 0, SKIP,
	  "hop 1, bridge 0000:00:1d.0, is not in the PCI topology", { { 0 } }, 0, 0 },
	{ "one bad RMRR between two good ones", b_bad_between, 0, SKIP,
	  "RMRR [mem 0x0000000000000000-0x0000000000000000] at offset 0x50 skipped: its limit does not end a 4 KiB page",
	  { DEV(0x10000, 0x10000, 0, 0, 2, 0), DEV(0x30000, 0x1000, 0, 0, 0x14, 0) }, 2, 0 },
	{ "ivmd 22h over every DeviceID", b_ivmd_range_all, 0, 0, NULL,
	  { RANGE(0x10000, 0x1000, 0x50000, 0x5ffff) }, 1, 0 },
	{ "ivmd 23h (one IOMMU's devices) is host-wide", b_ivmd_iommu, 0, 0, NULL,
	  { HOST(0x10000, 0x1000) }, 1, 0 },
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
		rc = read_checked(c->name, t.b, t.n - c->len_adjust_minus, &l,
				  err, sizeof(err), c->rc, c->msg);
		if (c->rc == 0 || c->rc == SKIP) {
			if (rc)
				fail_msg("%s: expected success, got %d: %s",
					 c->name, rc, err);
			check_regions(c->name, &l, c->want, c->nr_want);
		} else {
			check_error(c->name, rc, c->rc, err, c->msg, &l);
		}
		xenrdm_region_list_free(&l);
	}
}

/* A refused table leaves what the list already held untouched; a table
 * with a skipped structure appends the rest. */
static void test_refused_leaves_list(void **state)
{
	static struct tb good, bad;
	struct xenrdm_region_list l = { 0 };
	char err[256];
	size_t skipped = 0;

	(void)state;
	b_scope_fills(&good);
	assert_int_equal(xenrdm_acpi_table_parse(good.b, good.n, "good", &l,
						 err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	b_checksum_p1(&bad);
	assert_int_equal(xenrdm_acpi_table_parse(bad.b, bad.n, "bad", &l, err,
						 sizeof(err)),
			 -XENRDM_ERR_INVAL);
	assert_int_equal(l.n, 2);
	/* one good scope, then a bad one: the good one stays */
	header(&bad, "DMAR");
	rmrr(&bad, 0, 0x10000, 0x1ffff);
	ep(&bad, 0, 2, 0);
	ep(&bad, 0, 0x20, 0);
	dmar_close(&bad);
	finish(&bad);
	assert_int_equal(xenrdm_acpi_table_read(bad.b, bad.n, "bad", NULL, &l,
						&skipped, err, sizeof(err)), 0);
	assert_int_equal(skipped, 1);
	assert_int_equal(l.n, 3);
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
		cmocka_unit_test(test_refused_leaves_list),
		cmocka_unit_test(test_small_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
