/* SPDX-License-Identifier: MIT */
/*
 * tests/xen-stub/test_xen_source.c - xenrdm_xen_regions().
 *
 * XEN_STUB_MODE=real: this machine as it is (no hypervisor): the exact
 * message and -XENRDM_ERR_NOXEN.
 * XEN_STUB_MODE=stub (run with xc_stub.so preloaded): the protocol, from
 * the calls the stub records: a probe with nr=0, then the real call with
 * the count Xen gave, host-wide and for every device; pfn/pages -> bytes
 * at the 4 GiB, 2^52 and 2^64 edges; errors from the hypervisor.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "xenrdm/sources.h"
#include "../unit/helpers/region_test.h"

#define NOXEN_MSG "no Xen hypervisor: /dev/xen/privcmd missing; give the regions with --region or --dmar"

static char dir[] = "/tmp/xenrdm-xcstub-XXXXXX";
static char regions_path[64], log_path[64];


/* ---- helpers ---------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The stub's record of the calls, as one string. */
static char *read_log(void)
{
	static char buf[16384];
	FILE *f = fopen(log_path, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static int setup(void **state)
{
	(void)state;
	unlink(log_path);
	unsetenv("XC_STUB_OPEN_ERRNO");
	unsetenv("XC_STUB_MAP_ERRNO");
	unsetenv("XC_STUB_UNDERCOUNT");
	setenv("XC_STUB_REGIONS", regions_path, 1);
	setenv("XC_STUB_LOG", log_path, 1);
	return 0;
}


static void check_log(const char *want)
{
	const char *got = read_log();

	if (strcmp(got, want))
		fail_msg("the calls differ:\n--- expected\n%s--- got\n%s", want, got);
}

static int run(const struct xenrdm_pci_dev *pci, size_t nr_pci,
	       struct xenrdm_region_list *l, char *err, size_t errlen)
{
	err[0] = '\0';
	return xenrdm_xen_regions(pci, nr_pci, l, err, errlen);
}

/* ---- no hypervisor, for real ------------------------------------------ */

static void test_real_no_hypervisor(void **state)
{
	struct xenrdm_pci_dev pci = { XENRDM_SBDF(0, 1, 0, 0), XENRDM_POLICY_STRICT };
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	if (access("/dev/xen/privcmd", F_OK) == 0)
		skip();         /* a Xen host: not this test's subject */
	assert_int_equal(run(&pci, 1, &l, err, sizeof(err)), -XENRDM_ERR_NOXEN);
	assert_string_equal(err, NOXEN_MSG);
	assert_int_equal(l.n, 0);
}

/* ---- the protocol, against the stub ----------------------------------- */

/* A laptop: USB RMRR shared by three controllers, the IGD's, and one
 * whose scope is empty (only XENMEM_RDM_ALL reports it). */
static const char laptop[] =
	"# pfn      pages  devices\n"
	"0xba776    0x1f   0000:00:14.0 0000:00:1a.0 0000:00:1d.0\n"
	"0xbc000    0x2200 0000:00:02.0\n"
	"0xbf000    0x10\n";

static void test_hostwide_and_every_device(void **state)
{
	const struct xenrdm_pci_dev pci[] = {
		{ XENRDM_SBDF(0, 0, 0x14, 0), XENRDM_POLICY_STRICT },
		{ XENRDM_SBDF(0, 0, 0x02, 0), XENRDM_POLICY_RELAXED },
		{ XENRDM_SBDF(0, 3, 0, 0), XENRDM_POLICY_STRICT },
	};
	const struct want_region want[] = {
		HOST(0xba776000, 0x1f000),
		HOST(0xbc000000, 0x2200000),
		HOST(0xbf000000, 0x10000),
		DEV(0xba776000, 0x1f000, 0, 0, 0x14, 0),
		DEV(0xbc000000, 0x2200000, 0, 0, 0x02, 0),
	};
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	write_file(regions_path, laptop);
	assert_int_equal(run(pci, 3, &l, err, sizeof(err)), 0);
	check_regions(__func__, &l, want, 5);
	/* Probe (nr 0, ENOBUFS with the count), then the real call; a
	 * device without RMRR answers the probe with 0 and no error. */
	check_log("open\n"
		  "map flags=1 sbdf=0000:00:00.0 nr_in=0 rc=-1 errno=ENOBUFS nr_out=3\n"
		  "map flags=1 sbdf=0000:00:00.0 nr_in=3 rc=0 errno=0 nr_out=3\n"
		  "map flags=0 sbdf=0000:00:14.0 nr_in=0 rc=-1 errno=ENOBUFS nr_out=1\n"
		  "map flags=0 sbdf=0000:00:14.0 nr_in=1 rc=0 errno=0 nr_out=1\n"
		  "map flags=0 sbdf=0000:00:02.0 nr_in=0 rc=-1 errno=ENOBUFS nr_out=1\n"
		  "map flags=0 sbdf=0000:00:02.0 nr_in=1 rc=0 errno=0 nr_out=1\n"
		  "map flags=0 sbdf=0000:03:00.0 nr_in=0 rc=0 errno=0 nr_out=0\n"
		  "close\n");
	xenrdm_region_list_free(&l);
}

/* Every region of a device, not only the first; segment and devfn passed
 * through. */
static void test_all_regions_of_a_device(void **state)
{
	const struct xenrdm_pci_dev pci[] = {
		{ XENRDM_SBDF(0x12, 0x81, 0x1f, 7), XENRDM_POLICY_STRICT },
	};
	const struct want_region want[] = {
		HOST(0x1000, 0x1000), HOST(0x3000, 0x2000), HOST(0x100000000, 0x1000),
		DEV(0x1000, 0x1000, 0x12, 0x81, 0x1f, 7),
		DEV(0x3000, 0x2000, 0x12, 0x81, 0x1f, 7),
		DEV(0x100000000, 0x1000, 0x12, 0x81, 0x1f, 7),
	};
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	write_file(regions_path, "1 1 0012:81:1f.7\n3 2 0012:81:1f.7\n"
				 "0x100000 1 0012:81:1f.7 0000:00:02.0\n");
	assert_int_equal(run(pci, 1, &l, err, sizeof(err)), 0);
	check_regions(__func__, &l, want, 6);
	if (!strstr(read_log(), "map flags=0 sbdf=0012:81:1f.7 nr_in=3 rc=0 errno=0 nr_out=3\n"))
		fail_msg("device 0012:81:1f.7 not asked with a 3-entry buffer:\n%s", read_log());
	xenrdm_region_list_free(&l);
}

static void test_no_rmrr_at_all(void **state)
{
	const struct xenrdm_pci_dev pci = { XENRDM_SBDF(0, 1, 0, 0), XENRDM_POLICY_STRICT };
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	write_file(regions_path, "# none\n");
	assert_int_equal(run(&pci, 1, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 0);
	check_log("open\n"
		  "map flags=1 sbdf=0000:00:00.0 nr_in=0 rc=0 errno=0 nr_out=0\n"
		  "map flags=0 sbdf=0000:01:00.0 nr_in=0 rc=0 errno=0 nr_out=0\n"
		  "close\n");
}

/* A count that grows between probe and call: asked again, all kept. */
static void test_count_grows(void **state)
{
	const struct want_region want[] = {
		HOST(0x1000, 0x1000), HOST(0x2000, 0x1000), HOST(0x3000, 0x1000),
	};
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	write_file(regions_path, "1 1\n2 1\n3 1\n");
	setenv("XC_STUB_UNDERCOUNT", "1", 1);
	assert_int_equal(run(NULL, 0, &l, err, sizeof(err)), 0);
	check_regions(__func__, &l, want, 3);
	check_log("open\n"
		  "map flags=1 sbdf=0000:00:00.0 nr_in=0 rc=-1 errno=ENOBUFS nr_out=2\n"
		  "map flags=1 sbdf=0000:00:00.0 nr_in=2 rc=-1 errno=ENOBUFS nr_out=3\n"
		  "map flags=1 sbdf=0000:00:00.0 nr_in=3 rc=0 errno=0 nr_out=3\n"
		  "close\n");
	xenrdm_region_list_free(&l);
}

static void test_many_entries(void **state)
{
	struct xenrdm_region_list l = { 0 };
	char err[256], *text = malloc(600 * 24), *p = text;
	size_t i;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < 600; i++)
		p += sprintf(p, "0x%zx 1\n", 0x1000 + 2 * i);
	write_file(regions_path, text);
	free(text);
	assert_int_equal(run(NULL, 0, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 600);
	assert_int_equal(l.v[599].start, (uint64_t)(0x1000 + 2 * 599) << 12);
	xenrdm_region_list_free(&l);
}

/* pfn/pages -> bytes at the edges. */
struct edge_case {
	const char *line;
	int rc;
	uint64_t start, size;
	const char *msg;
};

static const struct edge_case edge_cases[] = {
	{ "0xfffff 1\n", 0, 0xfffff000, 0x1000, NULL },         /* below 4G */
	{ "0x100000 1\n", 0, 0x100000000, 0x1000, NULL },       /* at 4G */
	{ "0xfffff 2\n", 0, 0xfffff000, 0x2000, NULL },         /* across */
	{ "0xffffffffff 1\n", 0, 0xffffffffff000, 0x1000, NULL }, /* to 2^52 */
	{ "0xffffffffff 2\n", -XENRDM_ERR_IO, 0, 0,
	  "entry 0 (pfn 0xffffffffff, 2 pages) is empty or ends above the 2^52" },
	{ "0x10000000000 1\n", -XENRDM_ERR_IO, 0, 0,
	  "entry 0 (pfn 0x10000000000, 1 pages) is empty or ends above" },
	{ "0xffffffffffffffff 1\n", -XENRDM_ERR_IO, 0, 0,
	  "(pfn 0xffffffffffffffff, 1 pages)" },                /* 2^64 wrap */
	{ "0x1000 0xffffffffffffffff\n", -XENRDM_ERR_IO, 0, 0,
	  "(pfn 0x1000, 18446744073709551615 pages)" },
	{ "0x1000 0\n", -XENRDM_ERR_IO, 0, 0,
	  "entry 0 (pfn 0x1000, 0 pages) is empty" },
};

static void test_edges(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(edge_cases) / sizeof(edge_cases[0]); i++) {
		const struct edge_case *c = &edge_cases[i];
		struct xenrdm_region_list l = { 0 };
		char err[256];
		int rc;

		write_file(regions_path, c->line);
		rc = run(NULL, 0, &l, err, sizeof(err));
		if (rc != c->rc)
			fail_msg("%s: expected rc %d, got %d (%s)", c->line,
				 c->rc, rc, err);
		if (rc == 0) {
			const struct want_region w = HOST(c->start, c->size);

			check_regions(__func__, &l, &w, 1);
		} else {
			if (!strstr(err, c->msg))
				fail_msg("%s: expected \"%s\" in \"%s\"", c->line,
					 c->msg, err);
			assert_int_equal(l.n, 0);
		}
		xenrdm_region_list_free(&l);
	}
}

static void test_hypercall_fails(void **state)
{
	const struct xenrdm_pci_dev pci = { XENRDM_SBDF(0, 1, 0, 0), XENRDM_POLICY_STRICT };
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	write_file(regions_path, laptop);
	setenv("XC_STUB_MAP_ERRNO", "1", 1);     /* EPERM */
	assert_int_equal(run(&pci, 1, &l, err, sizeof(err)), -XENRDM_ERR_IO);
	assert_string_equal(err, "reserved device memory map of all devices (XENMEM_RDM_ALL): Operation not permitted");
	assert_int_equal(l.n, 0);
	/* the handle is closed on the error path too */
	if (!strstr(read_log(), "close\n"))
		fail_msg("no close after the failure:\n%s", read_log());
}

/* A bad entry after a good one: what this call appended is taken back,
 * what the list held before stays. */
static void test_fails_late_all_or_nothing(void **state)
{
	const struct xenrdm_pci_dev pci[] = {
		{ XENRDM_SBDF(0, 0, 0x14, 0), XENRDM_POLICY_STRICT },
	};
	const struct xenrdm_host_region keep = { 0x42000, 0x1000, false, 0, 0 };
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	assert_int_equal(xenrdm_region_list_add(&l, &keep), 0);
	write_file(regions_path, "0x1 1\n0x10000000000 1 0000:00:14.0\n");
	assert_int_equal(run(pci, 1, &l, err, sizeof(err)), -XENRDM_ERR_IO);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].start, 0x42000);
	xenrdm_region_list_free(&l);
}

static void test_stub_open_enoent(void **state)
{
	struct xenrdm_region_list l = { 0 };
	char err[256];

	(void)state;
	setenv("XC_STUB_OPEN_ERRNO", "2", 1);    /* ENOENT */
	assert_int_equal(run(NULL, 0, &l, err, sizeof(err)), -XENRDM_ERR_NOXEN);
	assert_string_equal(err, NOXEN_MSG);
	check_log("open\n");
}

int main(void)
{
	const char *mode = getenv("XEN_STUB_MODE");
	const struct CMUnitTest real_tests[] = {
		cmocka_unit_test(test_real_no_hypervisor),
	};
	const struct CMUnitTest stub_tests[] = {
		cmocka_unit_test_setup(test_hostwide_and_every_device, setup),
		cmocka_unit_test_setup(test_all_regions_of_a_device, setup),
		cmocka_unit_test_setup(test_no_rmrr_at_all, setup),
		cmocka_unit_test_setup(test_count_grows, setup),
		cmocka_unit_test_setup(test_many_entries, setup),
		cmocka_unit_test_setup(test_edges, setup),
		cmocka_unit_test_setup(test_hypercall_fails, setup),
		cmocka_unit_test_setup(test_fails_late_all_or_nothing, setup),
		cmocka_unit_test_setup(test_stub_open_enoent, setup),
	};
	int rc;

	if (!mode || strcmp(mode, "real") == 0)
		return cmocka_run_group_tests(real_tests, NULL, NULL);
	if (strcmp(mode, "stub")) {
		fprintf(stderr, "XEN_STUB_MODE must be real or stub, not '%s'\n", mode);
		return 2;
	}
	if (!mkdtemp(dir)) {
		perror(dir);
		return 2;
	}
	snprintf(regions_path, sizeof(regions_path), "%s/regions", dir);
	snprintf(log_path, sizeof(log_path), "%s/log", dir);
	rc = cmocka_run_group_tests(stub_tests, NULL, NULL);
	unlink(regions_path);
	unlink(log_path);
	rmdir(dir);
	return rc;
}
