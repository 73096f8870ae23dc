/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_xs_keys.c - the parts of xenrdm/xs.h that need no
 * daemon: the key set for a layout (paths, values, order, the checks at
 * their edges) and the connection error.  Expected keys are written out
 * from the ABI (xenrdm/xs_abi.h), not taken from the code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/xs.h"

#define K4 0x1000ULL
#define G4 0x100000000ULL
#define LIM (1ULL << 52)

static void layout_set(struct xenrdm_fw_layout *l, uint64_t low,
		       uint64_t high)
{
	memset(l, 0, sizeof(*l));
	l->lowmem_end = low;
	l->highmem_end = high;
}

static void test_keys_example(void **state)
{
	static const char *const want[][2] = {
		{ "/local/domain/7/hvmloader/rdm/count", "2" },
		{ "/local/domain/7/hvmloader/rdm/0/start", "0xa9d3e000" },
		{ "/local/domain/7/hvmloader/rdm/0/size", "0x20000" },
		{ "/local/domain/7/hvmloader/rdm/1/start", "0xab800000" },
		{ "/local/domain/7/hvmloader/rdm/1/size", "0x4200000" },
		{ "/local/domain/7/hvmloader/rdm/lowmem-end", "0xa9c00000" },
		{ "/local/domain/7/hvmloader/rdm/highmem-end", "0x156400000" },
	};
	struct xenrdm_xs_keyset *ks = malloc(sizeof(*ks));
	struct xenrdm_fw_layout l;
	char err[256] = "";
	size_t i;

	(void)state;
	assert_non_null(ks);
	layout_set(&l, 0xa9c00000, 0x156400000ULL);
	l.nr_rdm = 2;
	l.rdm[0].start = 0xa9d3e000; l.rdm[0].size = 0x20000;
	l.rdm[1].start = 0xab800000; l.rdm[1].size = 0x4200000;
	assert_int_equal(xenrdm_xs_keyset_from_layout(7, &l, ks, err,
						      sizeof(err)), 0);
	assert_int_equal(ks->nr_keys, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < ks->nr_keys; i++) {
		if (strcmp(ks->key[i].path, want[i][0]) ||
		    strcmp(ks->key[i].value, want[i][1]))
			fail_msg("key %zu: expected %s = %s, got %s = %s", i,
				 want[i][0], want[i][1], ks->key[i].path,
				 ks->key[i].value);
	}
	free(ks);
}

/* The largest set and the largest domid give the longest path. */
static void test_keys_largest(void **state)
{
	struct xenrdm_xs_keyset *ks = malloc(sizeof(*ks));
	struct xenrdm_fw_layout l;
	char err[256] = "";
	uint32_t i;

	(void)state;
	assert_non_null(ks);
	layout_set(&l, 0x80000000, LIM - K4);
	l.nr_rdm = XENRDM_XS_MAX_COUNT;
	for (i = 0; i < l.nr_rdm; i++) {
		l.rdm[i].start = G4 * (i + 1);
		l.rdm[i].size = K4;
	}
	/* The last one ends exactly at 2^52. */
	l.rdm[123].start = LIM - K4;
	assert_int_equal(xenrdm_xs_keyset_from_layout(32751, &l, ks, err,
						      sizeof(err)), 0);
	assert_int_equal(ks->nr_keys, 3 + 2 * 124);
	assert_string_equal(ks->key[0].value, "124");
	assert_string_equal(ks->key[247].path,
			    "/local/domain/32751/hvmloader/rdm/123/start");
	assert_string_equal(ks->key[247].value, "0xffffffffff000");
	assert_string_equal(ks->key[250].path,
			    "/local/domain/32751/hvmloader/rdm/highmem-end");
	assert_string_equal(ks->key[250].value, "0xffffffffff000");
	free(ks);
}

struct bad_case {
	const char *name;
	uint32_t domid;
	uint64_t low, high;
	uint32_t nr;                    /* entries, all = start/size below */
	uint64_t start, size;
	int want_rc;
	const char *want_err;           /* substring */
};

static const struct bad_case bad_cases[] = {
	{ "domid 0", 0, 0x80000000, G4, 0, 0, 0, -XENRDM_ERR_INVAL,
	  "domid 0 out of range" },
	{ "domid 32752 (DOMID_FIRST_RESERVED)", 32752, 0x80000000, G4, 0, 0,
	  0, -XENRDM_ERR_INVAL, "domid 32752 out of range" },
	{ "125 entries", 7, 0x80000000, G4, 125, 0xa0000000, K4,
	  -XENRDM_ERR_NOSPACE, "125 RDM entries" },
	{ "start off by one byte", 7, 0x80000000, G4, 1, 0xa0000001, K4,
	  -XENRDM_ERR_INVAL, "0/start = \"0xa0000001\" ignored: not 4 KiB" },
	{ "size off by one byte", 7, 0x80000000, G4, 1, 0xa0000000, K4 + 1,
	  -XENRDM_ERR_INVAL, "0/size = \"0x1001\" ignored: not 4 KiB" },
	{ "size 0", 7, 0x80000000, G4, 1, 0xa0000000, 0, -XENRDM_ERR_INVAL,
	  "0/size = \"0x0\" ignored: size 0" },
	{ "wraps past 2^64", 7, 0x80000000, G4, 1, 0xfffffffffffff000ULL,
	  0x2000, -XENRDM_ERR_INVAL, "start+size past 2^52" },
	{ "ends one page past 2^52", 7, 0x80000000, G4, 1, LIM, K4,
	  -XENRDM_ERR_INVAL, "start+size past 2^52" },
	{ "lowmem-end one page past 0xfc000000", 7, 0xFC001000, G4, 0, 0, 0,
	  -XENRDM_ERR_INVAL, "lowmem-end = \"0xfc001000\" ignored" },
	{ "lowmem-end one page below 2 MiB (hvmloader BUG_ONs)", 7, 0x1FF000,
	  G4, 0, 0, 0, -XENRDM_ERR_INVAL, "lowmem-end = \"0x1ff000\" ignored" },
	{ "lowmem-end unaligned", 7, 0x80000001, G4, 0, 0, 0,
	  -XENRDM_ERR_INVAL, "lowmem-end = \"0x80000001\" ignored" },
	{ "highmem-end one page below 4 GiB", 7, 0x80000000, G4 - K4, 0, 0,
	  0, -XENRDM_ERR_INVAL, "highmem-end = \"0xfffff000\" ignored" },
	{ "highmem-end one page past 2^52", 7, 0x80000000, LIM + K4, 0, 0,
	  0, -XENRDM_ERR_INVAL, "highmem-end = \"0x10000000001000\" ignored" },
	/* The edges that hold. */
	{ "lowmem-end exactly 0xfc000000", 7, 0xFC000000, G4, 0, 0, 0, 0, "" },
	{ "lowmem-end exactly 2 MiB", 7, 0x200000, G4, 0, 0, 0, 0, "" },
	{ "highmem-end exactly 2^52 (RAM up to its last page)", 7, 0x80000000,
	  LIM, 0, 0, 0, 0, "" },
	{ "one entry ending exactly at 4 GiB", 7, 0x80000000, G4, 1,
	  G4 - K4, K4, 0, "" },
	{ "124 entries", 7, 0x80000000, G4, 124, 0xa0000000, K4, 0, "" },
};

static void test_keys_checks(void **state)
{
	struct xenrdm_xs_keyset *ks = malloc(sizeof(*ks));
	struct xenrdm_fw_layout l;
	size_t i, failed = 0;
	uint32_t j;

	(void)state;
	assert_non_null(ks);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		char err[256] = "";
		int rc;

		layout_set(&l, c->low, c->high);
		l.nr_rdm = c->nr;
		for (j = 0; j < c->nr && j < XENRDM_FW_MAX_RDM; j++) {
			l.rdm[j].start = c->start;
			l.rdm[j].size = c->size;
		}
		rc = xenrdm_xs_keyset_from_layout(c->domid, &l, ks, err,
						  sizeof(err));
		if (rc != c->want_rc || !strstr(err, c->want_err)) {
			printf("FAIL %s: expected rc %d and a message with "
			       "'%s', got rc %d '%s'\n", c->name, c->want_rc,
			       c->want_err, rc, err);
			failed++;
		}
	}
	free(ks);
	assert_int_equal(failed, 0);
}

/* No daemon at XENSTORED_PATH: an error naming it, nothing printed. */
static void test_open_no_daemon(void **state)
{
	struct xenrdm_xs *xs = (struct xenrdm_xs *)&xs;
	char err[512] = "";
	int rc;

	(void)state;
	setenv("XENSTORED_PATH", "/nonexistent/xen-rdm-test/socket", 1);
	rc = xenrdm_xs_open(&xs, XENRDM_XS_TIMEOUT_MS_DEFAULT, err, sizeof(err));
	unsetenv("XENSTORED_PATH");
	assert_int_equal(rc, -XENRDM_ERR_XENSTORE);
	assert_null(xs);
	if (!strstr(err, "XENSTORED_PATH=/nonexistent/xen-rdm-test/socket"))
		fail_msg("expected the message to name XENSTORED_PATH, got '%s'",
			 err);
	/* A NULL err is allowed. */
	setenv("XENSTORED_PATH", "/nonexistent/xen-rdm-test/socket", 1);
	assert_int_equal(xenrdm_xs_open(&xs, 0, NULL, 0), -XENRDM_ERR_XENSTORE);
	unsetenv("XENSTORED_PATH");
}

/* Adopting needs a handle; closing NULL is nothing. */
static void test_adopt_null(void **state)
{
	struct xenrdm_xs *xs = (struct xenrdm_xs *)&xs;
	char err[256] = "";

	(void)state;
	assert_int_equal(xenrdm_xs_adopt(&xs, NULL, err, sizeof(err)),
			 -XENRDM_ERR_INVAL);
	assert_null(xs);
	if (!strstr(err, "NULL"))
		fail_msg("expected the message to say NULL, got '%s'", err);
	xenrdm_xs_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_example),
		cmocka_unit_test(test_keys_largest),
		cmocka_unit_test(test_keys_checks),
		cmocka_unit_test(test_open_no_daemon),
		cmocka_unit_test(test_adopt_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
