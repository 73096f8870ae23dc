/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_limits.c - the limits, each with a clear error rather
 * than a truncated table:
 *   - the e820 holds XENRDM_E820MAX (128) entries, fixed ones included:
 *     the planner refuses more than 124 merged ranges and any e820 the
 *     guest's BIOS would not keep (SeaBIOS 26 entries at boot), the
 *     firmware reader refuses a count above 124, and the builder returns
 *     NOSPACE for any cap that is too small, never writing past it
 *     (guard entries after the cap stay untouched) - so the 16-entry
 *     scratch table of upstream hvmloader, which more than 8 RMRRs
 *     overflow, gets an error here, not an overrun;
 *   - guests of 2 MiB (and one page less: refused), 1 TiB, and up to
 *     highmem_end = 2^52 - 4 KiB (one page more: RANGE);
 *   - regions at 0, just below 1 MiB, across 4 GiB, at the top of the
 *     physical address space (and one page past it: refused).
 * Every accepted case's e820 passes xenrdm_memmap_check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "helpers/fw_test.h"
#include "xenrdm/xenrdm.h"

#define PAGE 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 0x100000000ULL
#define LIM XENRDM_PADDR_LIMIT
#define GUARD 8

/* n ranges of one page, 2 MiB apart, from base. */
static void layout_n(struct xenrdm_fw_layout *l, uint64_t low, uint64_t high,
		     uint32_t n, uint64_t base)
{
	uint32_t i;

	xenrdm_fw_layout_init(l, low, high);
	for (i = 0; i < n; i++) {
		l->rdm[i].start = base + i * MiB(2);
		l->rdm[i].size = PAGE;
	}
	l->nr_rdm = n;
}

/* Build with every cap from 0 to what is needed + 1: NOSPACE below the
 * need, success from it on, and never a write past the cap. */
static void check_caps(const struct xenrdm_fw_layout *l, uint32_t want_nr)
{
	static struct xenrdm_e820entry tab[XENRDM_E820MAX + 8 + GUARD];
	struct xenrdm_e820entry guard;
	uint32_t cap, nr, g;
	int rc;

	memset(&guard, 0xa5, sizeof(guard));
	for (cap = 0; cap <= want_nr + 1 && cap <= XENRDM_E820MAX + 8; cap++) {
		for (g = 0; g < cap + GUARD; g++)
			tab[g] = guard;
		nr = 0xdead;
		rc = xenrdm_fw_host_e820_build(fwt_env(), l, tab, cap, &nr);
		for (g = cap; g < cap + GUARD; g++)
			if (memcmp(&tab[g], &guard, sizeof(guard)))
				fail_msg("cap %u: entry %u past the cap was "
					 "written", cap, g);
		if (cap < want_nr) {
			if (rc != -XENRDM_ERR_NOSPACE)
				fail_msg("cap %u < %u needed: expected "
					 "NOSPACE, got %d", cap, want_nr, rc);
		} else {
			if (rc || nr != want_nr)
				fail_msg("cap %u: expected 0 and %u entries, got "
					 "%d and %u", cap, want_nr, rc, nr);
			assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), l, tab, nr), 0);
		}
	}
}

static void test_e820_cap(void **state)
{
	static struct xenrdm_fw_layout l;
	static const struct {
		uint64_t high;
		uint32_t n;
		uint32_t want;      /* entries */
	} rows[] = {
		/* 4 fixed entries without high RAM, 5 with it. */
		{ G4,          0,   4 },
		{ G4,          8,  12 },
		{ G4,          9,  13 },    /* > upstream's 16-entry scratch? */
		{ G4,         12,  16 },
		{ G4,         13,  17 },    /* ... this one would overflow it */
		{ G4,        124, 128 },    /* exactly E820MAX */
		{ 2 * G4,      0,   5 },
		{ 2 * G4,    123, 128 },
		{ 2 * G4,    124, 129 },    /* one too many: NOSPACE at 128 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		/* Ranges in the hole above RAM, 2 MiB apart: no merging. */
		layout_n(&l, MiB(2048), rows[i].high, rows[i].n,
			 rows[i].high + MiB(64));
		check_caps(&l, rows[i].want);
	}
}

/* Upstream hvmloader's SeaBIOS/OVMF hand-off table has 16 entries; with
 * 9 RMRRs and the fixed entries (and their holes) it overflows.  Our
 * builder, given a 16-entry table, says NOSPACE for 13+ ranges. */
static void test_e820_sixteen(void **state)
{
	static struct xenrdm_fw_layout l;
	struct xenrdm_e820entry tab[16 + GUARD];
	uint32_t n, nr;
	int rc;

	(void)state;
	for (n = 0; n <= 20; n++) {
		layout_n(&l, MiB(1024), G4, n, 0xd0000000);
		memset(tab, 0x5a, sizeof(tab));
		rc = xenrdm_fw_host_e820_build(fwt_env(), &l, tab, 16, &nr);
		assert_int_equal(rc, n + 4 <= 16 ? 0 : -XENRDM_ERR_NOSPACE);
		for (nr = 16; nr < 16 + GUARD; nr++)
			assert_int_equal(((uint8_t *)&tab[nr])[0], 0x5a);
	}
}

static void test_fw_read_count(void **state)
{
	static const struct {
		const char *count;
		int want_rc;
		uint32_t want_nr;
	} rows[] = {
		{ "124", 0, 124 },
		{ "125", -XENRDM_ERR_INVAL, 0 },
		{ "128", -XENRDM_ERR_INVAL, 0 },
		{ "4294967295", -XENRDM_ERR_INVAL, 0 },
		{ "4294967296", -XENRDM_ERR_INVAL, 0 },
	};
	static struct fwt_kv kv[2 + 2 * 128 + 1];
	static char names[2 * 128][32], vals[2 * 128][24];
	static struct xenrdm_fw_layout l;
	size_t i, k;
	uint32_t e;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		k = 0;
		kv[k].key = XENRDM_XS_COUNT;
		kv[k++].val = rows[i].count;
		/* Entries present for all 128 indices, so only the count
		 * decides. */
		for (e = 0; e < 128; e++) {
			snprintf(names[2 * e], 32, XENRDM_XS_START_FMT, e);
			snprintf(vals[2 * e], 24, "0x%llx",
				 (unsigned long long)(2 * G4 + e * MiB(2)));
			kv[k].key = names[2 * e];
			kv[k++].val = vals[2 * e];
			snprintf(names[2 * e + 1], 32, XENRDM_XS_SIZE_FMT, e);
			snprintf(vals[2 * e + 1], 24, "0x1000");
			kv[k].key = names[2 * e + 1];
			kv[k++].val = vals[2 * e + 1];
		}
		kv[k].key = NULL;
		fwt_set_keys(kv);
		fwt_log_start();
		xenrdm_fw_layout_init(&l, MiB(2048), G4);
		if (xenrdm_fw_host_read(fwt_env(), &l) != rows[i].want_rc ||
		    l.nr_rdm != rows[i].want_nr)
			fail_msg("count \"%s\": expected rc %d and %u entries, "
				 "got %u entries; log: %s", rows[i].count,
				 rows[i].want_rc, rows[i].want_nr, l.nr_rdm,
				 fwt_log());
		if (rows[i].want_rc && !strstr(fwt_log(), rows[i].count))
			fail_msg("count \"%s\": the log does not name the "
				 "value: %s", rows[i].count, fwt_log());
		fwt_reset();
	}
}

/*
 * The planner's rule 6: the boot e820 (the builder's table with
 * hvmloader's area as ACPI NVS + RESERVED: one entry more) must fit what
 * the BIOS keeps.  Without high RAM the fixed entries at boot are 5 (RAM
 * below 640 KiB, the BIOS area, low RAM, NVS, RESERVED), 6 with it.
 * OVMF keeps 128: 123 ranges fit, 124 do not (122/123 with high RAM);
 * SeaBIOS keeps 26: 21 fit, 22 do not.  125 ranges exceed the ABI.
 */
static void test_plan_ranges(void **state)
{
	static const struct {
		enum xenrdm_bios bios;
		uint64_t mem;
		uint32_t fit;
	} rows[] = {
		{ XENRDM_BIOS_OVMF, MiB(2048), 123 },
		{ XENRDM_BIOS_OVMF, MiB(8192), 122 },
		{ XENRDM_BIOS_SEABIOS, MiB(2048), 21 },
		{ XENRDM_BIOS_SEABIOS, MiB(8192), 20 },
		{ XENRDM_BIOS_ROMBIOS, MiB(2048), 122 },
	};
	struct xenrdm_host_region r[XENRDM_FW_MAX_RDM + 1];
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct xenrdm_config cfg;
	struct xenrdm_plan plan;
	char err[1024];
	uint32_t nr, boot;
	size_t i;

	(void)state;
	assert_non_null(l);
	for (i = 0; i <= XENRDM_FW_MAX_RDM; i++) {
		r[i].start = 0x400000000ULL + i * MiB(2);
		r[i].size = PAGE;
		r[i].has_sbdf = false;
		r[i].sbdf = 0;
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		xenrdm_config_init(&cfg);
		cfg.strategy = XENRDM_STRATEGY_HOST;
		cfg.regions = r;
		cfg.bios = rows[i].bios;
		cfg.mem_size = rows[i].mem;
		cfg.nr_regions = rows[i].fit;
		assert_int_equal(xenrdm_plan_compute(&cfg, &plan, NULL, 0), 0);
		assert_int_equal(xenrdm_plan_e820(&plan, tab, XENRDM_E820MAX,
						  &nr, NULL, 0), 0);
		assert_int_equal(xenrdm_plan_fw_layout(&plan, l, NULL, 0), 0);
		assert_int_equal(xenrdm_fw_host_memmap_check(fwt_env(), l, tab, nr), 0);
		assert_int_equal(xenrdm_e820_boot_entries(l, &boot), 0);
		assert_int_equal(boot, nr + 1);
		assert_int_equal(boot, xenrdm_bios_e820_keep(rows[i].bios));
		xenrdm_plan_free(&plan);
		cfg.nr_regions = rows[i].fit + 1;
		assert_int_equal(xenrdm_plan_compute(&cfg, &plan, err,
							 sizeof(err)),
				 -XENRDM_ERR_NOSPACE);
		assert_non_null(strstr(err, "keeps"));
		assert_non_null(strstr(err, "rdm strategy=host"));
	}
	/* 125 ranges: more than the ABI carries, whatever the BIOS. */
	cfg.bios = XENRDM_BIOS_OVMF;
	cfg.mem_size = MiB(2048);
	cfg.nr_regions = XENRDM_FW_MAX_RDM + 1;
	assert_int_equal(xenrdm_plan_compute(&cfg, &plan, err, sizeof(err)),
			 -XENRDM_ERR_NOSPACE);
	assert_non_null(strstr(err, "at most 124"));
	free(l);
}

/* Guest sizes and regions at the edges, each with its expected fate. */
static void test_sizes_and_edges(void **state)
{
	/* lowmem_end for a guest of 4 GiB or more with the default hole. */
	const uint64_t low = 0xf0000000ULL;
	const uint64_t mem_max = LIM - PAGE - G4 + low; /* high = 2^52-4K */
	static const struct {
		const char *what;
		uint64_t mem;
		uint64_t start, size;       /* size 0: no region */
		enum xenrdm_policy policy;
		int want_rc;
		enum xenrdm_state want_state;
		enum xenrdm_reason want_reason;
	} rows[] = {
#define R XENRDM_POLICY_RELAXED
#define S XENRDM_POLICY_STRICT
#define V XENRDM_STATE_VALID
#define I XENRDM_STATE_DROPPED
#define C XENRDM_STATE_CONFLICT
		{ "2 MiB guest", MiB(2), 0, 0, S, 0, V, 0 },
		{ "2 MiB - 4 KiB guest", MiB(2) - PAGE, 0, 0, S,
		  -XENRDM_ERR_INVAL, V, 0 },
		{ "2 MiB - 1 byte guest", MiB(2) - 1, 0, 0, S,
		  -XENRDM_ERR_INVAL, V, 0 },
		{ "1 TiB guest", 1ULL << 40, 0, 0, S, 0, V, 0 },
		{ "guest up to 2^52 - 4 KiB", 0, 0, 0, S, 0, V, 0 },
		{ "guest one page past 2^52", 1, 0, 0, S,
		  -XENRDM_ERR_RANGE, V, 0 },
		{ "guest of 2^52", LIM, 0, 0, S, -XENRDM_ERR_RANGE, V, 0 },
		{ "guest of 2^64 - 4 KiB", ~0ULL - PAGE + 1, 0, 0, S,
		  -XENRDM_ERR_RANGE, V, 0 },
		{ "region at 0, strict", MiB(1024), 0, PAGE, S,
		  -XENRDM_ERR_CONFLICT, C, XENRDM_REASON_LOWMEM },
		{ "region at 0, relaxed", MiB(1024), 0, PAGE, R, 0, I,
		  XENRDM_REASON_LOWMEM },
		{ "region just below 1 MiB", MiB(1024), MiB(1) - PAGE, PAGE, S,
		  -XENRDM_ERR_CONFLICT, C, XENRDM_REASON_LOWMEM },
		{ "region just below 1 MiB, 2 MiB guest", MiB(2),
		  MiB(1) - PAGE, PAGE, R, 0, I, XENRDM_REASON_LOWMEM },
		{ "region across 4 GiB, no high RAM", MiB(1024), G4 - PAGE,
		  2 * PAGE, S, -XENRDM_ERR_CONFLICT, C,
		  XENRDM_REASON_HVMLOADER },
		{ "region across 4 GiB, high RAM", 1ULL << 40, G4 - PAGE,
		  2 * PAGE, S, -XENRDM_ERR_CONFLICT, C,
		  XENRDM_REASON_HIGHMEM },
		{ "region at the top, 1 TiB guest", 1ULL << 40, LIM - PAGE,
		  PAGE, S, 0, V, 0 },
		{ "region at the top, largest guest", 0, LIM - MiB(2),
		  MiB(2), R, 0, I, XENRDM_REASON_HIGHMEM },
		{ "region one page past the top", 1ULL << 40, LIM, PAGE, S,
		  -XENRDM_ERR_INVAL, V, 0 },
		{ "region ending 1 byte past the top", 1ULL << 40,
		  LIM - PAGE, PAGE + 1, S, -XENRDM_ERR_INVAL, V, 0 },
		{ "region wrapping 2^64", 1ULL << 40, ~0ULL - PAGE + 1,
		  2 * PAGE, S, -XENRDM_ERR_INVAL, V, 0 },
#undef R
#undef S
#undef V
#undef I
#undef C
	};
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct xenrdm_host_region reg;
	struct xenrdm_pci_dev dev;
	struct xenrdm_config cfg;
	struct xenrdm_plan plan;
	uint32_t nr;
	size_t i;
	int rc;

	(void)state;
	assert_non_null(l);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		xenrdm_config_init(&cfg);
		/* 0 and 1 stand for the largest guest and one page more. */
		cfg.mem_size = rows[i].mem == 0 ? mem_max :
			       rows[i].mem == 1 ? mem_max + PAGE : rows[i].mem;
		dev.sbdf = XENRDM_SBDF(0, 0, 2, 0);
		dev.policy = rows[i].policy;
		reg.start = rows[i].start;
		reg.size = rows[i].size;
		reg.has_sbdf = true;
		reg.sbdf = dev.sbdf;
		cfg.pci = &dev;
		cfg.nr_pci = 1;
		cfg.regions = &reg;
		cfg.nr_regions = rows[i].size ? 1 : 0;
		rc = xenrdm_plan_compute(&cfg, &plan, NULL, 0);
		if (rc != rows[i].want_rc)
			fail_msg("%s: expected rc %d, got %d", rows[i].what,
				 rows[i].want_rc, rc);
		if (rc && rc != -XENRDM_ERR_CONFLICT)
			continue;
		assert_int_equal(plan.lowmem_end + (plan.highmem_end - G4),
				 cfg.mem_size);
		if (rows[i].size) {
			assert_int_equal(plan.nr_rdms, 1);
			if (plan.rdms[0].state != rows[i].want_state ||
			    plan.rdms[0].reason != rows[i].want_reason)
				fail_msg("%s: expected state %d reason %d, got "
					 "%d %d", rows[i].what,
					 rows[i].want_state, rows[i].want_reason,
					 plan.rdms[0].state, plan.rdms[0].reason);
		}
		if (!rc) {
			if (xenrdm_plan_e820(&plan, tab, XENRDM_E820MAX, &nr, NULL, 0))
				fail_msg("%s: no e820", rows[i].what);
			assert_int_equal(xenrdm_plan_fw_layout(&plan, l, NULL, 0), 0);
			if (xenrdm_fw_host_memmap_check(fwt_env(), l, tab, nr))
				fail_msg("%s: e820 fails memmap_check",
					 rows[i].what);
			/* The top of RAM is the last RAM entry's end. */
			if (plan.highmem_end > G4) {
				uint32_t k = nr;

				while (k && tab[k - 1].type != XENRDM_E820_RAM)
					k--;
				assert_true(k > 0);
				assert_int_equal(tab[k - 1].addr +
						 tab[k - 1].size,
						 plan.highmem_end);
			}
		}
		xenrdm_plan_free(&plan);
	}
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e820_cap),
		cmocka_unit_test(test_e820_sixteen),
		cmocka_unit_test(test_fw_read_count),
		cmocka_unit_test(test_plan_ranges),
		cmocka_unit_test(test_sizes_and_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
