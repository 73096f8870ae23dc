/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of firmware/memrange.c, the typed range table under the e820
 * builder.  Every case: a starting table, one operation, the expected
 * table (or -XENRDM_ERR_NOSPACE with the table unchanged).  Pictures: one
 * character per unit of the case's scale, R = RAM, S = reserved,
 * . = nothing, # = the operation's range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../firmware/memrange.h"
#include "helpers/fw_test.h"

#define R XENRDM_E820_RAM
#define S XENRDM_E820_RESERVED
#define G4 0x100000000ULL
#define MAXE 8
#define GUARD 0xA5

enum op { SET, CARVE, FILL };

struct ent { uint64_t s, e; uint32_t t; };

struct mr_case {
	const char *name;
	struct ent before[MAXE];
	uint32_t nr_before;
	enum op op;
	uint64_t s, e;
	uint32_t t;
	uint32_t cap;
	int rc;
	struct ent after[MAXE];
	uint32_t nr_after;
};

static const struct mr_case cases[] = {
	/* ........  +  ##RR  ->  ..RR....  */
	{ "set into empty", {{0}}, 0, SET, 2, 4, R, 4, 0, {{2, 4, R}}, 1 },
	/* RRRRRRRR  +  ..SS....  ->  RRSSRRRR: split in three */
	{ "split RAM", {{0, 8, R}}, 1, SET, 2, 4, S, 4, 0,
	  {{0, 2, R}, {2, 4, S}, {4, 8, R}}, 3 },
	/* same, cap 2: the split needs 3 */
	{ "split RAM, cap too small", {{0, 8, R}}, 1, SET, 2, 4, S, 2,
	  -XENRDM_ERR_NOSPACE, {{0, 8, R}}, 1 },
	/* RRRR....  +  ....RRRR  ->  one RAM entry (touching, merged) */
	{ "touching same type merges", {{0, 4, R}}, 1, SET, 4, 8, R, 1, 0,
	  {{0, 8, R}}, 1 },
	/* RRRR....  +  ....SSSS  ->  stays two (touching, other type) */
	{ "touching other type stays", {{0, 4, R}}, 1, SET, 4, 8, S, 2, 0,
	  {{0, 4, R}, {4, 8, S}}, 2 },
	/* RR..RR..RR  +  .SSSSSSS.. : swallows the middle one */
	{ "overwrite across entries", {{0, 2, R}, {4, 6, R}, {8, 10, R}}, 3,
	  SET, 1, 9, S, 3, 0, {{0, 1, R}, {1, 9, S}, {9, 10, R}}, 3 },
	/* SS..SS  +  .SSSS.  ->  one reserved block (bridging) */
	{ "bridge two of one type", {{0, 2, S}, {4, 6, S}}, 2, SET, 1, 5, S,
	  2, 0, {{0, 6, S}}, 1 },
	/* RRRRRRRR  +  carve ..##....  ->  RR..RRRR */
	{ "carve a hole", {{0, 8, R}}, 1, CARVE, 2, 4, 0, 2, 0,
	  {{0, 2, R}, {4, 8, R}}, 2 },
	/* carve needs a second slot: cap 1 refuses */
	{ "carve, cap too small", {{0, 8, R}}, 1, CARVE, 2, 4, 0, 1,
	  -XENRDM_ERR_NOSPACE, {{0, 8, R}}, 1 },
	/* RRRR  carve ####: entry removed */
	{ "carve whole entry", {{0, 4, R}}, 1, CARVE, 0, 4, 0, 1, 0, {{0}}, 0 },
	/* carve beyond the ends of the table: nothing changes */
	{ "carve outside", {{4, 8, R}}, 1, CARVE, 8, 12, 0, 1, 0,
	  {{4, 8, R}}, 1 },
	/* empty range: no-op, even with a full table */
	{ "empty range", {{0, 4, R}}, 1, SET, 3, 3, S, 1, 0, {{0, 4, R}}, 1 },
	/* ..SS..SS..  fill RRRRRRRRRR -> RRSSRRSSRR: existing entries win */
	{ "fill around reserved", {{2, 4, S}, {6, 8, S}}, 2, FILL, 0, 10, R,
	  5, 0, {{0, 2, R}, {2, 4, S}, {4, 6, R}, {6, 8, S}, {8, 10, R}}, 5 },
	/* fill next to RAM merges */
	{ "fill merges", {{0, 2, R}, {4, 6, S}}, 2, FILL, 2, 4, R, 2, 0,
	  {{0, 4, R}, {4, 6, S}}, 2 },
	/* fill with no room for the second piece: NOSPACE, within cap */
	{ "fill, cap too small", {{2, 4, S}}, 1, FILL, 0, 6, R, 2,
	  -XENRDM_ERR_NOSPACE, {{0, 2, R}, {2, 4, S}}, 2 },
	/* the 4 GiB edge, by the byte:
	 * RAM [4G-2, 4G+2) + reserved [4G-1, 4G+1) -> R S R, 1 byte each side */
	{ "4 GiB edge, +-1 byte", {{G4 - 2, G4 + 2, R}}, 1, SET, G4 - 1,
	  G4 + 1, S, 3, 0,
	  {{G4 - 2, G4 - 1, R}, {G4 - 1, G4 + 1, S}, {G4 + 1, G4 + 2, R}}, 3 },
	/* below and above 4 GiB touching at 4G, same type: merged across */
	{ "merge across 4 GiB", {{G4 - 4096, G4, S}}, 1, SET, G4, G4 + 4096,
	  S, 1, 0, {{G4 - 4096, G4 + 4096, S}}, 1 },
	/* top of the 64-bit space: [2^64-4096, 2^64-1) */
	{ "near 2^64", {{0, 8, R}}, 1, SET, ~0ULL - 4096, ~0ULL, S, 2, 0,
	  {{0, 8, R}, {~0ULL - 4096, ~0ULL, S}}, 2 },
};

static void load(struct xenrdm_e820entry *tab, const struct ent *e, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		tab[i].addr = e[i].s;
		tab[i].size = e[i].e - e[i].s;
		tab[i].type = e[i].t;
	}
}

static void test_table(void **state)
{
	size_t c;
	int failed = 0;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct mr_case *tc = &cases[c];
		/* cap entries, then guard bytes that must stay untouched */
		unsigned char store[sizeof(struct xenrdm_e820entry) * (MAXE + 2)];
		struct xenrdm_e820entry *tab = (struct xenrdm_e820entry *)store;
		struct xenrdm_e820entry want[MAXE];
		struct memrange mr;
		size_t used = sizeof(*tab) * tc->cap, k;
		int rc;

		memset(store, GUARD, sizeof(store));
		load(tab, tc->before, tc->nr_before);
		memrange_init(&mr, tab, tc->cap);
		mr.nr = tc->nr_before;
		rc = tc->op == SET ? memrange_set(&mr, tc->s, tc->e, tc->t) :
		     tc->op == CARVE ? memrange_carve(&mr, tc->s, tc->e) :
		     memrange_fill(&mr, tc->s, tc->e, tc->t);
		load(want, tc->after, tc->nr_after);
		for (k = used; k < sizeof(store); k++)
			if (store[k] != GUARD)
				break;
		if (rc != tc->rc || mr.nr != tc->nr_after ||
		    memcmp(tab, want, sizeof(*tab) * tc->nr_after) ||
		    k != sizeof(store)) {
			fprintf(stderr, "FAIL %s: rc %d (want %d)%s\n", tc->name,
				rc, tc->rc, k != sizeof(store) ?
				", wrote past cap" : "");
			fwt_dump("expected", want, tc->nr_after);
			fwt_dump("got", tab, mr.nr);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* memrange_each visits every entry once, in order. */
static void test_each(void **state)
{
	struct xenrdm_e820entry tab[3], *e;
	struct memrange mr;
	uint64_t last = 0;
	int n = 0;

	(void)state;
	memrange_init(&mr, tab, 3);
	assert_int_equal(memrange_set(&mr, 0x3000, 0x4000, S), 0);
	assert_int_equal(memrange_set(&mr, 0x1000, 0x2000, R), 0);
	memrange_each(&mr, e) {
		assert_true(e->addr >= last);
		last = memrange_entry_end(e);
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(last, 0x4000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_each),
	};

	return cmocka_run_group_tests_name("fw_memrange", tests, NULL, NULL);
}
