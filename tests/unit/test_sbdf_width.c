/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_sbdf_width.c - the field widths of PCI device text
 * ([SSSS:]BB:DD.F in hex: segment 1..4 digits, bus 1..2, device 1..2 and
 * at most 0x1f, function 1 digit and at most 7), as xenrdm_sbdf_parse()
 * and the @SBDF of xenrdm_region_parse() take it.
 *
 * Two independent checks:
 *   widths  every field padded with leading zeros to 1..max+2 digits,
 *           value kept (0 and the field's largest): a width over the
 *           field's maximum must be refused although the value fits.
 *   oracle  random strings over the grammar's alphabet, compared with a
 *           POSIX extended regular expression of the grammar (seeded:
 *           a failure prints the seed, the text and both answers).
 * Dropping the digit-width check in region_parse.c's hex_field (the value
 * check alone lets "001:00.0" through as bus 1) fails both.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/sources.h"
#include "helpers/test_rng.h"

#define SEED 0x5bdf0015u
#define NR_RANDOM 200000

struct field {
	const char *name;
	unsigned max_digits;
	unsigned max_value;
};

/* In text order: segment, bus, device, function. */
static const struct field fields[4] = {
	{ "segment", 4, 0xffff },
	{ "bus", 2, 0xff },
	{ "device", 2, 0x1f },
	{ "function", 1, 7 },
};

/* value v in exactly w hex digits (leading zeros); buf holds 16. */
static void padded(char *buf, unsigned v, unsigned w)
{
	snprintf(buf, 16, "%0*x", (int)w, v);
}

static int width_bad;

static void expect(const char *text, bool ok, xenrdm_sbdf want)
{
	struct xenrdm_host_region r = { 0 };
	char region[64], err[256] = "";
	xenrdm_sbdf got = 0xdeadbeef;
	int rc = xenrdm_sbdf_parse(text, &got);

	if (ok ? (rc || got != want) : !rc) {
		printf("sbdf '%s': expected %s %#x, got rc %d %#x\n", text,
		       ok ? "accepted as" : "refused", ok ? want : 0, rc,
		       rc ? 0 : got);
		width_bad++;
	}
	snprintf(region, sizeof(region), "0x1000+0x1000@%s", text);
	rc = xenrdm_region_parse(region, &r, err, sizeof(err));
	if (ok ? (rc || !r.has_sbdf || r.sbdf != want) :
		 (!rc || !strstr(err, "bad device"))) {
		printf("region '%s': expected %s, got rc %d sbdf %#x (%s)\n",
		       region, ok ? "accepted" : "'bad device'", rc, r.sbdf,
		       err);
		width_bad++;
	}
}

/*
 * Field k at width w (value 0 and the field's largest), the others at
 * their usual widths; with and without the segment.
 */
static void test_widths(void **state)
{
	unsigned k, w, vi, with_seg, checked = 0;

	(void)state;
	width_bad = 0;
	for (with_seg = 0; with_seg < 2; with_seg++) {
		for (k = with_seg ? 0 : 1; k < 4; k++) {
			for (w = 1; w <= fields[k].max_digits + 2; w++) {
				for (vi = 0; vi < 2; vi++) {
					unsigned v[4] = { 0x12, 0x3a, 0x1c, 5 };
					char f[4][16], text[80];
					unsigned i;

					v[k] = vi ? fields[k].max_value : 0;
					if (!with_seg)
						v[0] = 0;
					for (i = 0; i < 4; i++)
						padded(f[i], v[i], i == k ? w :
						       (i == 0 ? 4 : i == 3 ? 1 : 2));
					if (with_seg)
						snprintf(text, sizeof(text),
							 "%s:%s:%s.%s", f[0],
							 f[1], f[2], f[3]);
					else
						snprintf(text, sizeof(text),
							 "%s:%s.%s", f[1],
							 f[2], f[3]);
					expect(text, w <= fields[k].max_digits,
					       XENRDM_SBDF(v[0], v[1], v[2],
							   v[3]));
					checked++;
				}
			}
		}
	}
	/* The widths one past the maximum, spelled out. */
	expect("0000:000:00.0", false, 0);
	expect("000:00.0", false, 0);
	expect("00:000.0", false, 0);
	expect("00:01f.0", false, 0);
	expect("00:00.00", false, 0);
	expect("00:00.07", false, 0);
	expect("00000:00:00.0", false, 0);
	expect("0ffff:00:00.0", false, 0);
	expect("ffff:ff:1f.7", true, XENRDM_SBDF(0xffff, 0xff, 0x1f, 7));
	expect("0:0.0", true, 0);
	printf("widths: %u texts, %d wrong\n", checked + 10, width_bad);
	if (width_bad)
		fail();
}

/* The grammar, written once as a regular expression. */
static int oracle(regex_t *re, const char *text, xenrdm_sbdf *out)
{
	regmatch_t m[6];
	unsigned seg = 0, bus, dev, fn;

	if (regexec(re, text, 6, m, 0))
		return -1;
	if (m[2].rm_so >= 0)
		seg = (unsigned)strtoul(text + m[2].rm_so, NULL, 16);
	bus = (unsigned)strtoul(text + m[3].rm_so, NULL, 16);
	dev = (unsigned)strtoul(text + m[4].rm_so, NULL, 16);
	fn = (unsigned)strtoul(text + m[5].rm_so, NULL, 16);
	if (dev > 0x1f)
		return -1;
	*out = XENRDM_SBDF(seg, bus, dev, fn);
	return 0;
}

static void test_random_vs_regex(void **state)
{
	static const char alpha[] = "0000111fffF7:..:x8 -";
	regex_t re;
	unsigned n, accepted = 0, bad = 0;

	(void)state;
	assert_int_equal(regcomp(&re, "^(([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):"
				 "([0-9a-fA-F]{1,2})\\.([0-7])$",
				 REG_EXTENDED), 0);
	test_rng_seed(SEED);
	for (n = 0; n < NR_RANDOM && bad < 5; n++) {
		char text[20];
		size_t len, i;
		xenrdm_sbdf want = 0, got = 0;
		int rw, rg;

		if (test_rnd() % 2) {
			/* near the grammar: digit runs of 1..6 around the
			 * separators */
			unsigned parts = 3 + test_rnd() % 2, p;

			len = 0;
			for (p = 0; p < parts; p++) {
				unsigned d = test_rnd() % 4 ?
					     1 + test_rnd() % 2 :
					     1 + test_rnd() % 6;
				const char *digits = p + 1 == parts ?
					"0123456789" : "0123456789abcdefABCDEF";

				while (d-- && len < sizeof(text) - 2)
					text[len++] = digits[test_rnd() %
							     strlen(digits)];
				if (p + 1 < parts)
					text[len++] = p + 2 == parts ? '.' : ':';
			}
			text[len] = '\0';
		} else {
			len = 1 + test_rnd() % 14;
			for (i = 0; i < len; i++)
				text[i] = alpha[test_rnd() % (sizeof(alpha) - 1)];
			text[len] = '\0';
		}
		rw = oracle(&re, text, &want);
		rg = xenrdm_sbdf_parse(text, &got) ? -1 : 0;
		accepted += rw == 0;
		if (rw != rg || (!rw && want != got)) {
			printf("seed %#x case %u: '%s': regex %s %#x, parser "
			       "%s %#x\n", SEED, n, text,
			       rw ? "refuses" : "accepts", want,
			       rg ? "refuses" : "accepts", got);
			bad++;
		}
	}
	regfree(&re);
	printf("random: seed %#x, %u texts, %u valid by the regex, %u "
	       "disagreements\n", SEED, n, accepted, bad);
	if (bad)
		fail();
	/* the generator must reach both answers */
	assert_true(accepted > NR_RANDOM / 50);
	assert_true(accepted < NR_RANDOM / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_random_vs_regex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
