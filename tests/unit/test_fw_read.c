/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the firmware's value parsers and key reader
 * (firmware/fw_parse.c, firmware/fw_read.c) against the ABI in
 * xenrdm/xs_abi.h: every malformed value the issue lists, and what the
 * reader keeps, skips, sorts and merges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/firmware.h"
#include "helpers/fw_test.h"

struct hex_case { const char *in; int rc; uint64_t v; };

static const struct hex_case hex_cases[] = {
	{ "0x0", 0, 0 },
	{ "0x1000", 0, 0x1000 },
	{ "0xABCdef", 0, 0xabcdef },
	{ "0xffffffffffffffff", 0, ~0ULL },            /* 16 digits: max */
	{ "0x0000000000000001", 0, 1 },
	{ "0x10000000000000000", -XENRDM_ERR_RANGE, 0 }, /* 17 digits */
	{ "0x00000000000000001", -XENRDM_ERR_RANGE, 0 }, /* 17, even if small */
	{ "", -XENRDM_ERR_INVAL, 0 },
	{ "0x", -XENRDM_ERR_INVAL, 0 },
	{ "0xg", -XENRDM_ERR_INVAL, 0 },
	{ "0x1g", -XENRDM_ERR_INVAL, 0 },
	{ "-0x1", -XENRDM_ERR_INVAL, 0 },
	{ " 0x1", -XENRDM_ERR_INVAL, 0 },              /* leading space */
	{ "0x1 ", -XENRDM_ERR_INVAL, 0 },              /* trailing space */
	{ "4096", -XENRDM_ERR_INVAL, 0 },              /* decimal */
	{ "0X1000", -XENRDM_ERR_INVAL, 0 },            /* ABI says 0x */
	{ "x1000", -XENRDM_ERR_INVAL, 0 },
	{ NULL, -XENRDM_ERR_INVAL, 0 },
};

struct dec_case { const char *in; int rc; uint32_t v; };

static const struct dec_case dec_cases[] = {
	{ "0", 0, 0 },
	{ "124", 0, 124 },
	{ "4294967295", 0, 0xffffffffu },
	{ "4294967296", -XENRDM_ERR_RANGE, 0 },
	{ "99999999999", -XENRDM_ERR_RANGE, 0 },
	{ "-1", -XENRDM_ERR_INVAL, 0 },
	{ "", -XENRDM_ERR_INVAL, 0 },
	{ " 1", -XENRDM_ERR_INVAL, 0 },
	{ "+1", -XENRDM_ERR_INVAL, 0 },
	{ "0x2", -XENRDM_ERR_INVAL, 0 },
	{ "1a", -XENRDM_ERR_INVAL, 0 },
	{ NULL, -XENRDM_ERR_INVAL, 0 },
};

static void test_parse_hex(void **state)
{
	size_t i;
	int failed = 0;

	(void)state;
	for (i = 0; i < sizeof(hex_cases) / sizeof(hex_cases[0]); i++) {
		uint64_t v = 0x5a5a;   /* must stay on failure */
		int rc = xenrdm_fw_parse_hex(hex_cases[i].in, &v);
		uint64_t want = hex_cases[i].rc ? 0x5a5a : hex_cases[i].v;

		if (rc != hex_cases[i].rc || v != want) {
			fprintf(stderr, "FAIL parse_hex(\"%s\"): want rc %d v %#llx, got rc %d v %#llx\n",
				hex_cases[i].in ? hex_cases[i].in : "(null)",
				hex_cases[i].rc, (unsigned long long)want, rc,
				(unsigned long long)v);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_parse_dec(void **state)
{
	size_t i;
	int failed = 0;

	(void)state;
	for (i = 0; i < sizeof(dec_cases) / sizeof(dec_cases[0]); i++) {
		uint32_t v = 77;
		int rc = xenrdm_fw_parse_dec(dec_cases[i].in, &v);
		uint32_t want = dec_cases[i].rc ? 77 : dec_cases[i].v;

		if (rc != dec_cases[i].rc || v != want) {
			fprintf(stderr, "FAIL parse_dec(\"%s\"): want rc %d v %u, got rc %d v %u\n",
				dec_cases[i].in ? dec_cases[i].in : "(null)",
				dec_cases[i].rc, want, rc, v);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

#define MAXR 4
struct read_case {
	const char *name;
	struct fwt_kv keys[12];
	int rc;
	struct xenrdm_range want[MAXR];
	uint32_t nr_want;
	uint32_t skipped;
	const char *log;        /* must appear in the log, or NULL */
};

#define C "hvmloader/rdm/count"
#define S0 "hvmloader/rdm/0/start"
#define Z0 "hvmloader/rdm/0/size"
#define S1 "hvmloader/rdm/1/start"
#define Z1 "hvmloader/rdm/1/size"
#define S2 "hvmloader/rdm/2/start"
#define Z2 "hvmloader/rdm/2/size"

static const struct read_case read_cases[] = {
	{ "no count: no RDM", {{ S0, "0x1000" }, { Z0, "0x1000" }}, 0,
	  {{0}}, 0, 0, NULL },
	{ "count 0", {{ C, "0" }}, 0, {{0}}, 0, 0, NULL },
	{ "one entry", {{ C, "1" }, { S0, "0xab000000" }, { Z0, "0x200000" }},
	  0, {{ 0xab000000, 0x200000 }}, 1, 0, NULL },
	{ "count -1", {{ C, "-1" }}, -XENRDM_ERR_INVAL, {{0}}, 0, 0,
	  "hvmloader/rdm/count = \"-1\"" },
	{ "count 4294967296", {{ C, "4294967296" }}, -XENRDM_ERR_INVAL, {{0}},
	  0, 0, "\"4294967296\"" },
	{ "count 125 (> 124)", {{ C, "125" }}, -XENRDM_ERR_INVAL, {{0}}, 0, 0,
	  "0..124" },
	{ "count empty", {{ C, "" }}, -XENRDM_ERR_INVAL, {{0}}, 0, 0,
	  "count = \"\"" },
	{ "count larger than entries", {{ C, "2" }, { S0, "0x1000" },
	  { Z0, "0x1000" }}, 0, {{ 0x1000, 0x1000 }}, 1, 1,
	  "hvmloader/rdm/1/start = \"\" ignored: missing" },
	{ "start 0xg", {{ C, "1" }, { S0, "0xg" }, { Z0, "0x1000" }}, 0,
	  {{0}}, 0, 1, "hvmloader/rdm/0/start = \"0xg\"" },
	{ "start 0x", {{ C, "1" }, { S0, "0x" }, { Z0, "0x1000" }}, 0,
	  {{0}}, 0, 1, "= \"0x\"" },
	{ "start empty", {{ C, "1" }, { S0, "" }, { Z0, "0x1000" }}, 0,
	  {{0}}, 0, 1, "start = \"\"" },
	{ "start 17 digits", {{ C, "1" }, { S0, "0x10000000000000000" },
	  { Z0, "0x1000" }}, 0, {{0}}, 0, 1, "0x10000000000000000" },
	{ "start negative", {{ C, "1" }, { S0, "-0x1000" }, { Z0, "0x1000" }},
	  0, {{0}}, 0, 1, "-0x1000" },
	{ "start leading space", {{ C, "1" }, { S0, " 0x1000" },
	  { Z0, "0x1000" }}, 0, {{0}}, 0, 1, "\" 0x1000\"" },
	{ "start decimal", {{ C, "1" }, { S0, "4096" }, { Z0, "0x1000" }}, 0,
	  {{0}}, 0, 1, "\"4096\"" },
	{ "start unaligned by 1", {{ C, "1" }, { S0, "0x1001" },
	  { Z0, "0x1000" }}, 0, {{0}}, 0, 1, "not 4 KiB aligned" },
	{ "size unaligned", {{ C, "1" }, { S0, "0x1000" }, { Z0, "0xfff" }},
	  0, {{0}}, 0, 1, "0/size = \"0xfff\"" },
	{ "size zero", {{ C, "1" }, { S0, "0x1000" }, { Z0, "0x0" }}, 0,
	  {{0}}, 0, 1, "0/size = \"0x0\"" },
	{ "wraps past 2^64", {{ C, "1" }, { S0, "0xfffffffffffff000" },
	  { Z0, "0x2000" }}, 0, {{0}}, 0, 1, "past 2^52" },
	{ "ends at 2^52: kept", {{ C, "1" }, { S0, "0xffffffffff000" },
	  { Z0, "0x1000" }}, 0, {{ 0xffffffffff000, 0x1000 }}, 1, 0, NULL },
	{ "ends 4 KiB past 2^52", {{ C, "1" }, { S0, "0xffffffffff000" },
	  { Z0, "0x2000" }}, 0, {{0}}, 0, 1, "past 2^52" },
	/* unsorted, overlapping, touching: sorted and merged
	 *   2: [0x5000,0x6000)  0: [0x1000,0x3000)  1: [0x2000,0x4000)
	 *   .1111.....  ..2222....  -> one [1000,4000) touching? no: 4000..5000 gap */
	{ "unsorted and overlapping", {{ C, "3" }, { S0, "0x5000" },
	  { Z0, "0x1000" }, { S1, "0x1000" }, { Z1, "0x2000" },
	  { S2, "0x2000" }, { Z2, "0x2000" }}, 0,
	  {{ 0x1000, 0x3000 }, { 0x5000, 0x1000 }}, 2, 0, NULL },
	/* touching: [0xfffff000, 4G) and [4G, 4G+4K) merge across 4 GiB */
	{ "touching across 4 GiB", {{ C, "2" }, { S0, "0x100000000" },
	  { Z0, "0x1000" }, { S1, "0xfffff000" }, { Z1, "0x1000" }}, 0,
	  {{ 0xfffff000, 0x2000 }}, 1, 0, NULL },
	/* a good and a bad one: the good one stays */
	{ "one bad of two", {{ C, "2" }, { S0, "0x1000" }, { Z0, "0x1000" },
	  { S1, "0x3001" }, { Z1, "0x1000" }}, 0, {{ 0x1000, 0x1000 }}, 1, 1,
	  "1/start = \"0x3001\"" },
};

static void test_read_table(void **state)
{
	static struct xenrdm_fw_layout l;
	size_t c;
	int failed = 0;

	(void)state;
	for (c = 0; c < sizeof(read_cases) / sizeof(read_cases[0]); c++) {
		const struct read_case *tc = &read_cases[c];
		uint32_t i;
		int rc, bad;

		fwt_set_keys(tc->keys);
		fwt_log_start();
		xenrdm_fw_layout_init(&l, 0x80000000, 0x100000000);
		rc = xenrdm_fw_host_read(fwt_env(), &l);
		bad = rc != tc->rc || l.nr_rdm != tc->nr_want ||
		      l.nr_skipped != tc->skipped ||
		      (tc->log && !strstr(fwt_log(), tc->log));
		for (i = 0; !bad && i < tc->nr_want; i++)
			bad = l.rdm[i].start != tc->want[i].start ||
			      l.rdm[i].size != tc->want[i].size;
		if (bad) {
			fprintf(stderr, "FAIL %s: want rc %d nr %u skipped %u log \"%s\"; got rc %d nr %u skipped %u log:\n%s",
				tc->name, tc->rc, tc->nr_want, tc->skipped,
				tc->log ? tc->log : "", rc, l.nr_rdm,
				l.nr_skipped, fwt_log());
			for (i = 0; i < l.nr_rdm; i++)
				fprintf(stderr, "  got [%#llx +%#llx)\n",
					(unsigned long long)l.rdm[i].start,
					(unsigned long long)l.rdm[i].size);
			failed++;
		}
		fwt_reset();
	}
	assert_int_equal(failed, 0);
}

/* lowmem-end/highmem-end: used when unknown, cross-checked otherwise. */
static void test_read_ends(void **state)
{
	static struct xenrdm_fw_layout l;
	static const struct fwt_kv keys[] = {
		{ "hvmloader/rdm/lowmem-end", "0xc0000000" },
		{ "hvmloader/rdm/highmem-end", "0x140000000" },
		{ NULL, NULL },
	};
	static const struct fwt_kv bad[] = {
		{ "hvmloader/rdm/lowmem-end", "3221225472" },
		{ NULL, NULL },
	};

	(void)state;
	fwt_set_keys(keys);
	fwt_log_start();
	xenrdm_fw_layout_init(&l, 0, 0);
	assert_int_equal(xenrdm_fw_host_read(fwt_env(), &l), 0);
	assert_int_equal(l.lowmem_end, 0xc0000000ULL);
	assert_int_equal(l.highmem_end, 0x140000000ULL);
	assert_string_equal(fwt_log(), "");

	/* hvm_info says otherwise: hvm_info wins, the difference is logged */
	xenrdm_fw_layout_init(&l, 0xb0000000, 0x140000000);
	assert_int_equal(xenrdm_fw_host_read(fwt_env(), &l), 0);
	assert_int_equal(l.lowmem_end, 0xb0000000ULL);
	assert_non_null(strstr(fwt_log(), "lowmem-end = 00000000:c0000000"));
	assert_null(strstr(fwt_log(), "highmem-end"));

	fwt_set_keys(bad);
	fwt_log_start();
	xenrdm_fw_layout_init(&l, 0, 0);
	assert_int_equal(xenrdm_fw_host_read(fwt_env(), &l), 0);
	assert_int_equal(l.lowmem_end, 0);
	assert_non_null(strstr(fwt_log(), "lowmem-end = \"3221225472\""));
	fwt_reset();
}

/* 124 entries, written in reverse order, not touching: all kept, sorted. */
static void test_read_max(void **state)
{
	static struct xenrdm_fw_layout l;
	static struct fwt_kv keys[2 * 124 + 2];
	static char names[2 * 124][32], vals[2 * 124][24];
	uint32_t i;

	(void)state;
	keys[0].key = "hvmloader/rdm/count";
	keys[0].val = "124";
	for (i = 0; i < 124; i++) {
		snprintf(names[2 * i], 32, "hvmloader/rdm/%u/start", i);
		snprintf(vals[2 * i], 24, "0x%x", (124 - i) * 0x2000);
		snprintf(names[2 * i + 1], 32, "hvmloader/rdm/%u/size", i);
		snprintf(vals[2 * i + 1], 24, "0x1000");
		keys[1 + 2 * i].key = names[2 * i];
		keys[1 + 2 * i].val = vals[2 * i];
		keys[2 + 2 * i].key = names[2 * i + 1];
		keys[2 + 2 * i].val = vals[2 * i + 1];
	}
	fwt_set_keys(keys);
	xenrdm_fw_layout_init(&l, 0x80000000, 0x100000000);
	assert_int_equal(xenrdm_fw_host_read(fwt_env(), &l), 0);
	assert_int_equal(l.nr_rdm, 124);
	for (i = 0; i < 124; i++)
		assert_int_equal(l.rdm[i].start, (i + 1) * 0x2000ULL);
	fwt_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_hex),
		cmocka_unit_test(test_parse_dec),
		cmocka_unit_test(test_read_table),
		cmocka_unit_test(test_read_ends),
		cmocka_unit_test(test_read_max),
	};

	return cmocka_run_group_tests_name("fw_read", tests, NULL, NULL);
}
