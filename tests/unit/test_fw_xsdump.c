/* SPDX-License-Identifier: MIT */
/* Unit tests of the xenstore-ls -f [-p] dump reader (firmware/extra). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/xsdump.h"

/* As `xenstore-ls -f -p /local/domain/7` prints it (perms padded). */
static const char dump[] =
	"/local/domain/7/vm = \"/vm/0b1c\"                                (n0,r7)\n"
	"/local/domain/7/name = \"guest \\\"a\\\"\"\n"
	"/local/domain/7/hvmloader/rdm/count = \"2\"                       (n0,r7)\n"
	"/local/domain/7/hvmloader/rdm/0/start = \"0xab000000\"            (n0,r7)\n"
	"/local/domain/7/hvmloader/rdm/10/start = \"0x1000\"\n"
	"/local/domain/7/esc = \"a\\tb\\\\c\\x41\\101\"\n"
	"/local/domain/7/quote = \"say \"hi\"\"   (n0)\n"
	"/local/domain/7/nul = \"a\\000b\"\n"
	"/local/domain/7/badesc = \"a\\q\"\n"
	"/local/domain/7/open = \"no end\n"
	"/local/domain/7/empty = \"\"";   /* no final newline */

struct rd_case { const char *path; const char *want; };
static const struct rd_case rd_cases[] = {
	{ "hvmloader/rdm/count", "2" },
	{ "hvmloader/rdm/0/start", "0xab000000" },
	{ "hvmloader/rdm/1/start", "DEF" },           /* missing */
	{ "hvmloader/rdm/10/start", "0x1000" },       /* not "1" + "0/..." */
	{ "hvmloader/rdm", "DEF" },                   /* prefix only */
	{ "esc", "a\tb\\cAA" },
	{ "quote", "say \"hi\"" },                    /* last quote ends it */
	{ "nul", "DEF" },                             /* decoded NUL */
	{ "badesc", "DEF" },
	{ "open", "DEF" },                            /* no closing quote */
	{ "empty", "" },
	{ "name", "guest \"a\"" },
};

static void test_read(void **state)
{
	struct xenrdm_xsdump d;
	size_t i;
	int failed = 0;

	(void)state;
	assert_int_equal(xenrdm_xsdump_open(&d, dump, sizeof(dump) - 1), 0);
	assert_string_equal(d.home, "/local/domain/7");
	for (i = 0; i < sizeof(rd_cases) / sizeof(rd_cases[0]); i++) {
		const char *got = xenrdm_xsdump_read(&d, rd_cases[i].path, "DEF");

		if (!got || strcmp(got, rd_cases[i].want)) {
			fprintf(stderr, "FAIL read %s: want \"%s\" got \"%s\"\n",
				rd_cases[i].path, rd_cases[i].want,
				got ? got : "(null)");
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_open_bad(void **state)
{
	struct xenrdm_xsdump d;
	static const char not_dump[] = "hvmloader/rdm/count = \"2\"\n";
	static const char no_domid[] = "/local/domain/x/a = \"1\"\n";

	(void)state;
	assert_int_equal(xenrdm_xsdump_open(&d, not_dump, sizeof(not_dump) - 1),
			 -XENRDM_ERR_PARSE);
	assert_string_equal(xenrdm_xsdump_read(&d, "hvmloader/rdm/count", "D"), "D");
	assert_int_equal(xenrdm_xsdump_open(&d, no_domid, sizeof(no_domid) - 1),
			 -XENRDM_ERR_PARSE);
	assert_int_equal(xenrdm_xsdump_open(&d, NULL, 5), -XENRDM_ERR_PARSE);
	/* the length is honoured: the line past len is not seen */
	assert_int_equal(xenrdm_xsdump_open(&d, dump, 10), -XENRDM_ERR_PARSE);
}

/* A value of XENRDM_XSDUMP_VALUE_MAX - 1 bytes fits; one more does not. */
static void test_long_value(void **state)
{
	static char buf[1024];
	struct xenrdm_xsdump d;
	int n;

	(void)state;
	n = snprintf(buf, sizeof(buf), "/local/domain/1/k = \"%0*d\"\n",
		     XENRDM_XSDUMP_VALUE_MAX - 1, 0);
	assert_int_equal(xenrdm_xsdump_open(&d, buf, (size_t)n), 0);
	assert_int_equal(strlen(xenrdm_xsdump_read(&d, "k", "D")),
			 XENRDM_XSDUMP_VALUE_MAX - 1);
	n = snprintf(buf, sizeof(buf), "/local/domain/1/k = \"%0*d\"\n",
		     XENRDM_XSDUMP_VALUE_MAX, 0);
	assert_int_equal(xenrdm_xsdump_open(&d, buf, (size_t)n), 0);
	assert_string_equal(xenrdm_xsdump_read(&d, "k", "D"), "D");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_open_bad),
		cmocka_unit_test(test_long_value),
	};

	return cmocka_run_group_tests_name("fw_xsdump", tests, NULL, NULL);
}
