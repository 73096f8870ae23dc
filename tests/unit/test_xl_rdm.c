/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_xl_rdm.c - what xl 4.17 makes of rdm=, one row per
 * spelling, against Debian's real libxlutil (the library xl links):
 *   1. xlu_rdm_parse itself: its return value and which fields it wrote
 *      (traced by hand through tools/libs/util/libxlu_pci.c: a valid
 *      policy= jumps to parse_error; an invalid one is "accepted" and
 *      leaves the field alone; "strategy=ignore" is unknown to it);
 *   2. xenrdm_xl_view_parse on a config holding the spelling and two
 *      devices, one with rdm_policy= and one without: the fate, what
 *      libxl gets, whether that differs from the text, and the advice.
 * tests/create/test_xl_rdm_real.sh checks the same rows against the real
 * xl binary (`xl create -n`).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxl.h>

#include "xenrdm/xl_rdm.h"
#include "xl_view_text.h"       /* the command's words (shim/xen-rdm) */

#define S_HOST LIBXL_RDM_RESERVE_STRATEGY_HOST
#define P_STRICT LIBXL_RDM_RESERVE_POLICY_STRICT
#define P_RELAXED LIBXL_RDM_RESERVE_POLICY_RELAXED
#define NO -1           /* the field was not written */

enum { ABSENT = XENRDM_XL_RDM_ABSENT, DROPPED = XENRDM_XL_RDM_DROPPED,
       MANGLED = XENRDM_XL_RDM_MANGLED };
enum { IGN = XENRDM_STRATEGY_IGNORE, HOST = XENRDM_STRATEGY_HOST };

struct row {
	const char *rdm;
	/* xlu_rdm_parse */
	int rc_zero;            /* 1: returned 0 */
	int strategy, policy;   /* written value, or NO */
	/* xl's view, with pci = [ '00:02.0', '00:14.0,rdm_policy=relaxed' ] */
	int fate;
	int xl_strategy;
	int differs, undefined;
	const char *advice;     /* a line the explanation must hold, or NULL */
};

static const struct row rows[] = {
	/* The ones xl drops although they are valid. */
	{ "strategy=host,policy=strict", 0, S_HOST, P_STRICT,
	  DROPPED, IGN, 1, 0, "    rdm = \"strategy=host\"\n" },
	{ "strategy=host,policy=relaxed", 0, S_HOST, P_RELAXED,
	  DROPPED, IGN, 1, 0,
	  "    pci = [ '00:02.0,rdm_policy=relaxed', '00:14.0,rdm_policy=relaxed' ]\n" },
	{ "policy=strict", 0, NO, P_STRICT,
	  DROPPED, IGN, 0, 0, "remove the rdm= line" },
	{ "policy=relaxed", 0, NO, P_RELAXED,
	  DROPPED, IGN, 1, 0, "(no rdm= line: strategy=ignore is the default)" },
	/* stops at the first (valid) policy: strategy never read */
	{ "policy=strict,strategy=host", 0, NO, P_STRICT,
	  DROPPED, IGN, 1, 0, "to get strategy=host,policy=strict" },
	{ "strategy=ignore", 0, NO, NO, DROPPED, IGN, 0, 0, NULL },
	{ "strategy=ignore,policy=strict", 0, NO, NO, DROPPED, IGN, 0, 0, NULL },
	/* Kept, policy uninitialised. */
	{ "strategy=host", 1, S_HOST, NO, MANGLED, HOST, 1, 1,
	  "inherits it, and libxl may refuse to assign it" },
	{ "strategy=host,strategy=host", 1, S_HOST, NO, MANGLED, HOST, 1, 1,
	  NULL },
	/* Not valid as written (xen-rdm refuses the file): xl's view only. */
	{ "strategy=host,policy=bogus", 1, S_HOST, NO, MANGLED, HOST, 0, 1, NULL },
	{ "policy=bogus", 1, NO, NO, MANGLED, IGN, 0, 1, NULL },
	{ "strategy=host,", 0, S_HOST, NO, DROPPED, IGN, 0, 0, NULL },
	{ "", 0, NO, NO, DROPPED, IGN, 0, 0, NULL },
	{ "STRATEGY=host", 0, NO, NO, DROPPED, IGN, 0, 0, NULL },
	{ "strategy=Host", 0, NO, NO, DROPPED, IGN, 0, 0, NULL },
};

static void test_probe(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct xenrdm_xlu_rdm p;

		assert_int_equal(xenrdm_xlu_rdm_probe(r->rdm, &p), 0);
		if ((p.rc == 0) != r->rc_zero ||
		    p.strategy_written != (r->strategy != NO) ||
		    (p.strategy_written && p.strategy != r->strategy) ||
		    p.policy_written != (r->policy != NO) ||
		    (p.policy_written && p.policy != r->policy)) {
			print_error("rdm \"%s\": expected rc %s, strategy %d, "
				    "policy %d; got rc %d, strategy %d, policy "
				    "%d (-1: not written)\n", r->rdm,
				    r->rc_zero ? "0" : "!= 0", r->strategy,
				    r->policy, p.rc,
				    p.strategy_written ? p.strategy : NO,
				    p.policy_written ? p.policy : NO);
			fail();
		}
	}
}

static void test_view(void **state)
{
	char cfg[512], err[256], text[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct xenrdm_xl_view v;
		int n;

		n = snprintf(cfg, sizeof(cfg), "name = \"g\"\nrdm = \"%s\"\n"
			     "pci = [ '00:02.0', '00:14.0,rdm_policy=relaxed' ]\n",
			     r->rdm);
		assert_int_equal(xenrdm_xl_view_parse(cfg, (size_t)n, "g.cfg",
						      &v, err, sizeof(err)), 0);
		xl_view_explain(&v, "g.cfg", text, sizeof(text));
		if ((int)v.fate != r->fate || (int)v.xl_strategy != r->xl_strategy ||
		    v.differs != r->differs || v.undefined != r->undefined ||
		    (r->advice && !strstr(text, r->advice))) {
			print_error("rdm \"%s\": expected fate %d, xl strategy "
				    "%d, differs %d, undefined %d, advice '%s'; "
				    "got %d, %d, %d, %d, explanation:\n%s\n",
				    r->rdm, r->fate, r->xl_strategy, r->differs,
				    r->undefined, r->advice ? r->advice : "-",
				    v.fate, v.xl_strategy, v.differs,
				    v.undefined, text);
			fail();
		}
		assert_string_equal(v.name, "g");
		assert_int_equal(v.nr_pci, 2);
		assert_int_equal(v.nr_implicit, 1);
		assert_true(v.pci[1].explicit_policy);
		assert_int_equal(v.pci[1].policy, XENRDM_POLICY_RELAXED);
		xenrdm_xl_view_free(&v);
	}
}

/* Without rdm= nothing is said; with every device explicit, a kept
 * "strategy=host" is defined for the devices. */
static void test_view_edges(void **state)
{
	static const char none[] = "name = \"a\"\npci = [ '00:02.0' ]\n";
	static const char expl[] = "rdm = \"strategy=host\"\n"
				   "pci = [ '00:02.0,rdm_policy=strict' ]\n";
	struct xenrdm_xl_view v;
	char err[256], text[1024];

	(void)state;
	assert_int_equal(xenrdm_xl_view_parse(none, sizeof(none) - 1, "a.cfg",
					      &v, err, sizeof(err)), 0);
	assert_int_equal(v.fate, XENRDM_XL_RDM_ABSENT);
	assert_false(v.differs);
	assert_int_equal(xl_view_explain(&v, "a.cfg", text,
						sizeof(text)), 0);
	xenrdm_xl_view_free(&v);

	assert_int_equal(xenrdm_xl_view_parse(expl, sizeof(expl) - 1, "b.cfg",
					      &v, err, sizeof(err)), 0);
	assert_int_equal(v.fate, XENRDM_XL_RDM_MANGLED);
	assert_false(v.undefined);
	assert_false(v.differs);
	assert_null(v.name);
	xl_view_explain(&v, "b.cfg", text, sizeof(text));
	assert_non_null(strstr(text, "relaxed (anything but strict)"));
	xenrdm_xl_view_free(&v);
}

/* A spec libxlutil 4.17 misreads (a BDF without function: it advances by
 * an uninitialised count) is refused before it reaches libxlutil. */
static void test_view_bad_pci(void **state)
{
	static const char bad[] = "pci = [ '00:02.0', '01:01' ]\n";
	struct xenrdm_xl_view v;
	char err[256] = "";

	(void)state;
	assert_int_equal(xenrdm_xl_view_parse(bad, sizeof(bad) - 1, "c.cfg",
					      &v, err, sizeof(err)),
			 -XENRDM_ERR_INVAL);
	assert_non_null(strstr(err, "c.cfg: pci[1]: pci '01:01'"));
	assert_int_equal(v.nr_pci, 0);      /* freed, zeroed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_view_edges),
		cmocka_unit_test(test_view_bad_pci),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
