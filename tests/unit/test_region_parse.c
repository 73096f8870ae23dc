/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_region_parse.c - the --region syntax, SBDF text,
 * --regions files and xl's rdm=/pci specs (through libxlutil).
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

struct region_case {
	const char *text;
	int rc;
	uint64_t start, size;
	bool has_sbdf;
	xenrdm_sbdf sbdf;
	const char *msg;        /* must appear in the error message */
};

static const struct region_case region_cases[] = {
	{ "0xfe000000-0xfe0fffff", 0, 0xfe000000, 0x100000, false, 0, NULL },
	{ "0xfe000000+0x100000", 0, 0xfe000000, 0x100000, false, 0, NULL },
	{ "4096+4096", 0, 4096, 4096, false, 0, NULL },
	{ "0x1000-0x1fff@01:00.0", 0, 0x1000, 0x1000, true,
	  XENRDM_SBDF(0, 1, 0, 0), NULL },
	{ "0x1000-0x1fff@ffff:ff:1f.7", 0, 0x1000, 0x1000, true,
	  XENRDM_SBDF(0xffff, 0xff, 0x1f, 7), NULL },
	/* ends at exactly 2^52: allowed; one page more: not */
	{ "0xffffffffff000+0x1000", 0, 0xffffffffff000ULL, 0x1000, false, 0,
	  NULL },
	{ "0xffffffffff000+0x2000", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "2^52" },
	{ "0x1000+0", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "size is 0" },
	{ "0x2000-0x1fff", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "before START" },
	{ "0x1000-0x1000", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "page aligned" },
	{ "0x1001+0x1000", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "page aligned" },
	{ "0x1000+0x1001", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "page aligned" },
	{ "0xfffffffffffff000+0x2000", -XENRDM_ERR_INVAL, 0, 0, 0, 0,
	  "wraps" },
	{ "0xfffffffffffff000-0xffffffffffffffff", -XENRDM_ERR_INVAL, 0, 0, 0,
	  0, "wraps" },
	{ "0x10000000000000000+0x1000", -XENRDM_ERR_INVAL, 0, 0, 0, 0,
	  "64 bits" },
	{ "18446744073709551616+4096", -XENRDM_ERR_INVAL, 0, 0, 0, 0,
	  "64 bits" },
	{ "-4096+4096", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "no sign" },
	{ "0x1000+-4096", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "not a number" },
	{ " 0x1000+0x1000", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "not a number" },
	{ "0x+0x1000", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "not a number" },
	{ "0x1000", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "START-END" },
	{ "", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "empty" },
	{ "0x1000+0x1000@", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "bad device" },
	{ "0x1000+0x1000@01:20.0", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "bad device" },
	{ "0x1000+0x1000@01:00.8", -XENRDM_ERR_INVAL, 0, 0, 0, 0, "bad device" },
	{ "0x1000+0x1000@10000:01:00.0", -XENRDM_ERR_INVAL, 0, 0, 0, 0,
	  "bad device" },
};

static void test_region_parse_table(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(region_cases) / sizeof(region_cases[0]); i++) {
		const struct region_case *c = &region_cases[i];
		struct xenrdm_host_region r = { 0 };
		char err[256] = "";
		int rc = xenrdm_region_parse(c->text, &r, err, sizeof(err));

		if (rc != c->rc) {
			printf("'%s': expected rc %d, got %d (%s)\n", c->text,
			       c->rc, rc, err);
			bad++;
		} else if (!rc && (r.start != c->start || r.size != c->size ||
				   r.has_sbdf != c->has_sbdf ||
				   r.sbdf != c->sbdf)) {
			printf("'%s': expected 0x%llx+0x%llx sbdf %d/%#x, got "
			       "0x%llx+0x%llx sbdf %d/%#x\n", c->text,
			       (unsigned long long)c->start,
			       (unsigned long long)c->size, c->has_sbdf,
			       c->sbdf, (unsigned long long)r.start,
			       (unsigned long long)r.size, r.has_sbdf, r.sbdf);
			bad++;
		} else if (rc && (!strstr(err, c->msg) ||
				  !strstr(err, c->text))) {
			printf("'%s': message should name the text and say "
			       "'%s', got: %s\n", c->text, c->msg, err);
			bad++;
		}
	}
	if (bad)
		fail();
}

static void test_sbdf_roundtrip(void **state)
{
	char buf[16];
	xenrdm_sbdf s;

	(void)state;
	xenrdm_sbdf_format(XENRDM_SBDF(0x12, 0xab, 0x1f, 7), buf);
	assert_string_equal(buf, "0012:ab:1f.7");
	assert_int_equal(xenrdm_sbdf_parse("0012:ab:1f.7", &s), 0);
	assert_int_equal(s, XENRDM_SBDF(0x12, 0xab, 0x1f, 7));
	assert_int_equal(xenrdm_sbdf_parse("00:02.0", &s), 0);
	assert_int_equal(s, XENRDM_SBDF(0, 0, 2, 0));
	assert_int_not_equal(xenrdm_sbdf_parse("00:02", &s), 0);
	assert_int_not_equal(xenrdm_sbdf_parse("00:02.0x", &s), 0);
	assert_int_not_equal(xenrdm_sbdf_parse("g0:02.0", &s), 0);
	assert_int_not_equal(xenrdm_sbdf_parse("1:2:3:4.0", &s), 0);
}

static void test_regions_file(void **state)
{
	const char *text = "# RMRRs of this host\n"
			   "\n"
			   "0xe0000000-0xe0ffffff@00:14.0   # USB\n"
			   "  0xf0000000+0x1000\n"
			   "0x1000+0\n";
	struct xenrdm_region_list l = { 0 };
	char err[256] = "";
	int rc;

	(void)state;
	rc = xenrdm_regions_parse(text, strlen(text), "hostregs", &l, err,
				  sizeof(err));
	assert_int_equal(rc, -XENRDM_ERR_INVAL);
	/* line 5 is the bad one; the two before were appended */
	if (!strstr(err, "hostregs:5:") || !strstr(err, "0x1000+0")) {
		printf("expected 'hostregs:5:' and the text, got: %s\n", err);
		fail();
	}
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].start, 0xe0000000);
	assert_int_equal(l.v[0].size, 0x1000000);
	assert_true(l.v[0].has_sbdf);
	assert_false(l.v[1].has_sbdf);
	xenrdm_region_list_free(&l);
}

static void test_region_list_grows(void **state)
{
	struct xenrdm_region_list l = { 0 };
	struct xenrdm_host_region r = { 0, 0x1000, false, 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		r.start = i * 0x1000;
		assert_int_equal(xenrdm_region_list_add(&l, &r), 0);
	}
	assert_int_equal(l.n, 1000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(l.v[i].start, i * 0x1000);
	xenrdm_region_list_free(&l);
	assert_null(l.v);
}

struct rdm_case {
	const char *text;
	int rc;
	enum xenrdm_strategy strategy;
	enum xenrdm_policy policy;
	const char *msg;
};

static const struct rdm_case rdm_cases[] = {
	{ "strategy=host,policy=strict", 0, XENRDM_STRATEGY_HOST,
	  XENRDM_POLICY_STRICT, NULL },
	/* 4.17's xlu_rdm_parse fails this valid input; we must not */
	{ "policy=strict,strategy=host", 0, XENRDM_STRATEGY_HOST,
	  XENRDM_POLICY_STRICT, NULL },
	{ "strategy=host", 0, XENRDM_STRATEGY_HOST, XENRDM_POLICY_RELAXED, NULL },
	{ "policy=strict", 0, XENRDM_STRATEGY_IGNORE, XENRDM_POLICY_STRICT,
	  NULL },
	{ "strategy=ignore,policy=relaxed", 0, XENRDM_STRATEGY_IGNORE,
	  XENRDM_POLICY_RELAXED, NULL },
	{ "strategy=host,foo=bar", -XENRDM_ERR_INVAL, 0, 0, "unknown key 'foo'" },
	{ "strategy=bogus", -XENRDM_ERR_INVAL, 0, 0, "unknown strategy" },
	/* 4.17's parser accepts an unknown policy silently */
	{ "strategy=host,policy=bogus", -XENRDM_ERR_INVAL, 0, 0,
	  "unknown policy 'bogus'" },
	{ "strategy=host,", -XENRDM_ERR_INVAL, 0, 0, "empty item" },
	{ "strategy", -XENRDM_ERR_INVAL, 0, 0, "not key=value" },
	{ "", -XENRDM_ERR_INVAL, 0, 0, "empty" },
};

static void test_rdm_spec(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(rdm_cases) / sizeof(rdm_cases[0]); i++) {
		const struct rdm_case *c = &rdm_cases[i];
		enum xenrdm_strategy st = XENRDM_STRATEGY_IGNORE;
		enum xenrdm_policy po = XENRDM_POLICY_RELAXED;
		char err[256] = "";
		int rc = xenrdm_rdm_spec_parse(c->text, &st, &po, err,
					       sizeof(err));

		if (rc != c->rc || (!rc && (st != c->strategy ||
					    po != c->policy)) ||
		    (rc && !strstr(err, c->msg))) {
			printf("rdm '%s': expected rc %d strategy %d policy %d "
			       "msg '%s'; got rc %d strategy %d policy %d "
			       "msg '%s'\n", c->text, c->rc, c->strategy,
			       c->policy, c->msg ? c->msg : "", rc, st, po, err);
			bad++;
		}
	}
	if (bad)
		fail();
}

struct pci_case {
	const char *text;
	int rc;
	xenrdm_sbdf sbdf;
	enum xenrdm_policy policy;
};

static const struct pci_case pci_cases[] = {
	{ "01:00.0", 0, XENRDM_SBDF(0, 1, 0, 0), XENRDM_POLICY_STRICT },
	{ "0000:01:00.0,rdm_policy=relaxed", 0, XENRDM_SBDF(0, 1, 0, 0),
	  XENRDM_POLICY_RELAXED },
	{ "0001:ff:1f.7,rdm_policy=strict,permissive=1", 0,
	  XENRDM_SBDF(1, 0xff, 0x1f, 7), XENRDM_POLICY_STRICT },
	{ "01:00.0@4", 0, XENRDM_SBDF(0, 1, 0, 0), XENRDM_POLICY_STRICT },
	{ "01:00.0,rdm_policy=bogus", -XENRDM_ERR_INVAL, 0, 0 },
	{ "01:00.0,foo=1", -XENRDM_ERR_INVAL, 0, 0 },
	{ "01:20.0", -XENRDM_ERR_INVAL, 0, 0 },
	{ "zz:00.0", -XENRDM_ERR_INVAL, 0, 0 },
	{ "name=gpu", -XENRDM_ERR_INVAL, 0, 0 },
	{ "", -XENRDM_ERR_INVAL, 0, 0 },
};

static void test_pci_spec(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(pci_cases) / sizeof(pci_cases[0]); i++) {
		const struct pci_case *c = &pci_cases[i];
		struct xenrdm_pci_dev d = { 0, 0 };
		char err[256] = "";
		int rc = xenrdm_pci_spec_parse(c->text, &d, err, sizeof(err));

		if (rc != c->rc || (!rc && (d.sbdf != c->sbdf ||
					    d.policy != c->policy)) ||
		    (rc && !strstr(err, c->text))) {
			printf("pci '%s': expected rc %d %#x %d; got rc %d "
			       "%#x %d (%s)\n", c->text, c->rc, c->sbdf,
			       c->policy, rc, d.sbdf, d.policy, err);
			bad++;
		}
	}
	if (bad)
		fail();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_parse_table),
		cmocka_unit_test(test_sbdf_roundtrip),
		cmocka_unit_test(test_regions_file),
		cmocka_unit_test(test_region_list_grows),
		cmocka_unit_test(test_rdm_spec),
		cmocka_unit_test(test_pci_spec),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
