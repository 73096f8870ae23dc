/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_dmesg.c - xenrdm_dmesg_parse(): each log format the
 * reader knows (Linux's dmar.c and iommu.c lines, Xen 4.17's [VT-D] RMRR
 * blocks and AMD-Vi IVMD lines) with the prefixes they come with, the
 * edges of each (ranges not page granular, blocks without a range or
 * with two different ones, an RMRR Xen ignores, Linux's LPC map), and
 * lines that merely look alike.  Expected regions in order; the number of
 * warnings and the first one's text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "xenrdm/sources.h"
#include "helpers/region_test.h"

static char first_warning[512];
static size_t nr_warnings;

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	if (!nr_warnings++)
		snprintf(first_warning, sizeof(first_warning), "%s", msg);
}

struct dmesg_case {
	const char *name;
	const char *log;
	struct want_region want[4];
	size_t nr_want;
	size_t nr_warn;
	const char *warn;               /* in the first warning */
};

#define D(b, d, f) XENRDM_SBDF(0, b, d, f)

static const struct dmesg_case cases[] = {
	{ "linux RMRR line, 14 digits as %#016Lx prints them",
	  "[    0.098140] DMAR: RMRR base: 0x000000a9d3e000 end: 0x000000a9d5dfff\n",
	  { HOST(0xa9d3e000, 0x20000) }, 1, 0, NULL },
	{ "linux 3.x: 16 digits, lowercase prefix, syslog prefix, CRLF",
	  "Nov 30 04:40:00 host kernel: dmar: RMRR base: 0x00000000ab800000 end: 0x00000000af9fffff\r\n",
	  { HOST(0xab800000, 0x4200000) }, 1, 0, NULL },
	{ "linux RMRR [mem 0x0000000000000000-0x0000000000000000] skipped",
	  "x\n[0.1] DMAR: RMRR base: 0x00000000000000 end: 0x00000000000000\n",
	  { { 0 } }, 0, 1, "log:2: RMRR [mem 0x0000000000000000-0x0000000000000000] skipped: it is not page granular" },
	{ "linux RMRR end below base",
	  "DMAR: RMRR base: 0x2000 end: 0x0fff\n",
	  { { 0 } }, 0, 1, "its end is below its base" },
	{ "linux RMRR past 2^52",
	  "DMAR: RMRR base: 0xffffffffff000 end: 0x10000000000fff\n",
	  { { 0 } }, 0, 1, "above the 2^52" },
	{ "linux RMRR line without DMAR: is not one",
	  "foo: RMRR base: 0x1000 end: 0x1fff\n",
	  { { 0 } }, 0, 0, NULL },
	{ "linux identity map, 5.x and 3.x prefixes",
	  "[ 0.5] DMAR: Setting identity map for device 0000:00:02.0 [0xab800000 - 0xaf9fffff]\n"
	  "[ 0.5] IOMMU: Setting identity map for device 0000:00:1a.0 [0xdacd5000 - 0xdacebfff]\n",
	  { DEV(0xab800000, 0x4200000, 0, 0, 2, 0), DEV(0xdacd5000, 0x17000, 0, 0, 0x1a, 0) },
	  2, 0, NULL },
	{ "linux LPC map after its Prepare line is no RMRR",
	  "DMAR: Prepare 0-16MiB unity mapping for LPC\n"
	  "DMAR: Setting identity map for device 0000:00:1f.0 [0x0 - 0xffffff]\n"
	  "DMAR: Setting identity map for device 0000:00:1f.0 [0x0 - 0xffffff]\n",
	  { DEV(0, 0x1000000, 0, 0, 0x1f, 0) }, 1, 0, NULL },
	{ "linux identity map for an ACPI device",
	  "DMAR: Setting identity map for device INT33C2:00 [0x1000 - 0x1fff]\n",
	  { { 0 } }, 0, 1, "identity map for a device that is not a PCI SSSS:BB:DD.F" },
	{ "xen debug build: endpoint lines, then the range",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n"
	  "(XEN) [VT-D] endpoint: 0000:00:14.0\n"
	  "(XEN) [VT-D] endpoint: 0000:00:1a.0\n"
	  "(XEN) [VT-D]drivers/passthrough/vtd/dmar.c:614:  RMRR: [a9d3e000,a9d5dfff]\n",
	  { DEV(0xa9d3e000, 0x20000, 0, 0, 0x14, 0), DEV(0xa9d3e000, 0x20000, 0, 0, 0x1a, 0) },
	  2, 0, NULL },
	{ "xen release build: the not-in-reserved line first, console timestamps",
	  "(XEN) [2026-11-30 04:40:00.123] [VT-D]found ACPI_DMAR_RMRR:\n"
	  "(XEN) [2026-11-30 04:40:00.123] [VT-D] RMRR [ab800000,af9fffff] not in reserved memory; need \"iommu_inclusive_mapping=1\"?\n"
	  "(XEN) [2026-11-30 04:40:00.124] [VT-D] endpoint: 0000:00:02.0\n"
	  "(XEN) [    1.234567] Intel VT-d iommu 0 supported page sizes: 4kB\n",
	  { DEV(0xab800000, 0x4200000, 0, 0, 2, 0) }, 1, 0, NULL },
	{ "xen bridge scope and a block ended by the next found line",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n"
	  "(XEN) [VT-D] bridge: 0001:00:1c.0 start=0 sec=2 sub=2\n"
	  "(XEN) [VT-D]dmar.c:614:  RMRR: [7c000000,7c0fffff]\n"
	  "(XEN) [VT-D]found ACPI_DMAR_ATSR:\n"
	  "(XEN) [VT-D] endpoint: 0000:00:03.0\n",
	  { { 0x7c000000, 0x100000, 1, XENRDM_SBDF(1, 0, 0x1c, 0), 0 } }, 1, 0, NULL },
	{ "xen RMRR without devices is host-wide",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n"
	  "(XEN) [VT-D]dmar.c:614:  RMRR: [e8000,e8fff]\n",
	  { HOST(0xe8000, 0x1000) }, 1, 0, NULL },
	{ "xen block without a range",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n(XEN) [VT-D] endpoint: 0000:00:1f.3\n",
	  { { 0 } }, 0, 1, "log:1: Xen's RMRR here (1 device) gives no range" },
	{ "xen block with two different ranges",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n"
	  "(XEN) [VT-D] RMRR [1000,1fff] not in reserved memory; need x\n"
	  "(XEN) [VT-D] endpoint: 0000:00:14.0\n"
	  "(XEN) [VT-D]dmar.c:614:  RMRR: [2000,2fff]\n",
	  { { 0 } }, 0, 1, "differs from the one before in the same RMRR" },
	{ "xen ignores an RMRR: so do we",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n"
	  "(XEN) [VT-D] endpoint: 0000:05:00.0\n"
	  "(XEN) [VT-D]dmar.c:580:  Non-existent device (0000:05:00.0) is reported in RMRR [1000, 1fff]'s scope!\n"
	  "(XEN) [VT-D]dmar.c:595:  Ignore RMRR [1000,1fff] as no device under its scope is PCI discoverable!\n",
	  { { 0 } }, 0, 0, NULL },
	{ "xen RMRR not page granular",
	  "(XEN) [VT-D]found ACPI_DMAR_RMRR:\n(XEN) [VT-D] endpoint: 0000:00:14.0\n"
	  "(XEN) [VT-D]dmar.c:614:  RMRR: [0,0]\n",
	  { { 0 } }, 0, 1, "Xen's RMRR [mem 0x0000000000000000-0x0000000000000000] skipped: it is not page granular" },
	{ "xen AMD IVMD line widened to pages, %#lx of 0",
	  "(XEN) AMD-Vi: IVMD Block: type 0x21 phys 0x9d000800 len 0x1000\n"
	  "(XEN) AMD-Vi: IVMD Block: type 0x20 phys 0 len 0x800\n",
	  { HOST(0x9d000000, 0x2000), HOST(0, 0x1000) }, 2, 0, NULL },
	{ "xen AMD IVMD of length 0",
	  "(XEN) AMD-Vi: IVMD Block: type 0x20 phys 0x1000 len 0\n",
	  { { 0 } }, 0, 1, "IVMD at 0x1000 length 0x0 skipped" },
	{ "a NUL byte and no final newline",
	  "DMAR: RMRR base: 0x1000 end: 0x1fff\n\0\nDMAR: RMRR base: 0x3000 end: 0x3fff",
	  { HOST(0x1000, 0x1000), HOST(0x3000, 0x1000) }, 2, 0, NULL },
};

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dmesg_case *c = &cases[i];
		struct xenrdm_source_opts o = { warn, NULL, NULL, NULL };
		struct xenrdm_region_list l = { 0 };
		size_t len = strlen(c->log), skipped = 99;
		char err[128] = "";

		/* the NUL case: its length reaches past the NUL */
		if (strstr(c->name, "NUL byte"))
			len = sizeof("DMAR: RMRR base: 0x1000 end: 0x1fff\n\0\nDMAR: RMRR base: 0x3000 end: 0x3fff") - 1;
		nr_warnings = 0;
		first_warning[0] = '\0';
		assert_int_equal(xenrdm_dmesg_parse(c->log, len, "log", &o, &l,
						    &skipped, err, sizeof(err)), 0);
		check_regions(c->name, &l, c->want, c->nr_want);
		if (nr_warnings != c->nr_warn || skipped != nr_warnings)
			fail_msg("%s: %zu warnings (%zu skipped), want %zu: %s",
				 c->name, nr_warnings, skipped, c->nr_warn,
				 first_warning);
		if (c->warn && !strstr(first_warning, c->warn))
			fail_msg("%s: warning \"%s\" lacks \"%s\"", c->name,
				 first_warning, c->warn);
		xenrdm_region_list_free(&l);
	}
}

/* A line of 5000 bytes: only its first 1023 are looked at, no overrun. */
static void test_long_line(void **state)
{
	static char log[6000];
	struct xenrdm_region_list l = { 0 };
	const char *rmrr = "DMAR: RMRR base: 0x1000 end: 0x1fff\n";

	(void)state;
	memset(log, 'x', 5000);
	log[5000] = '\n';
	memcpy(log + 5001, rmrr, strlen(rmrr));
	assert_int_equal(xenrdm_dmesg_parse(log, 5001 + strlen(rmrr), "log",
					    NULL, &l, NULL, NULL, 0), 0);
	assert_int_equal(l.n, 1);
	xenrdm_region_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_long_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
