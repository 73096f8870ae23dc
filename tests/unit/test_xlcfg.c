/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_xlcfg.c - xenrdm_xlcfg_read() on the xl domain
 * configuration files of tests/xlcfg: what each sets (expected values
 * worked out from the files by hand, in MiB * 2^20), and one malformed
 * value per bad-*.cfg with the message that must name file, key, value.
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

#ifndef XENRDM_XLCFG_DIR
#define XENRDM_XLCFG_DIR "tests/xlcfg"
#endif

#define MIB(x) ((uint64_t)(x) << 20)
/* What the caller had before: each field must stay unless the file sets it. */
#define SENTINEL_MEM      0x5a5a000ULL
#define SENTINEL_MMIO     0x6b6b000ULL
#define SENTINEL_BOUNDARY 0x7c7c000ULL

static const char *cfg_dir(void)
{
	const char *d = getenv("XENRDM_XLCFG_DIR");

	return d && *d ? d : XENRDM_XLCFG_DIR;
}

static void sentinel(struct xenrdm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mem_size = SENTINEL_MEM;
	cfg->mmio_size = SENTINEL_MMIO;
	cfg->rdm_mem_boundary = SENTINEL_BOUNDARY;
	cfg->hap = true;
	cfg->strategy = XENRDM_STRATEGY_IGNORE;
	cfg->policy = XENRDM_POLICY_RELAXED;
}

struct want_pci {
	xenrdm_sbdf sbdf;
	enum xenrdm_policy policy;
};

struct good_case {
	const char *file;
	unsigned mask;
	uint64_t mem, mmio, boundary;
	bool hap;
	enum xenrdm_strategy strategy;
	enum xenrdm_policy policy;
	struct want_pci pci[4];
	size_t nr_pci;
};

#define ALL_SET (XENRDM_XLCFG_MEM | XENRDM_XLCFG_MMIO | XENRDM_XLCFG_HAP | \
		 XENRDM_XLCFG_RDM | XENRDM_XLCFG_BOUNDARY | XENRDM_XLCFG_PCI)

static const struct good_case good_cases[] = {
	/* maxmem 8192 less stdvga's videoram 16 */
	{ "gpu-passthrough.cfg", ALL_SET, MIB(8176), MIB(2048), MIB(2048),
	  true, XENRDM_STRATEGY_HOST, XENRDM_POLICY_STRICT,
	  { { XENRDM_SBDF(0, 1, 0, 0), XENRDM_POLICY_STRICT },
	    { XENRDM_SBDF(0, 1, 0, 1), XENRDM_POLICY_RELAXED },
	    { XENRDM_SBDF(0, 0, 0x14, 0), XENRDM_POLICY_STRICT } }, 3 },
	/* maxmem 4096 (not memory 2048) less cirrus's default 8 */
	{ "maxmem.cfg", XENRDM_XLCFG_MEM, MIB(4088), SENTINEL_MMIO,
	  SENTINEL_BOUNDARY, true, XENRDM_STRATEGY_IGNORE,
	  XENRDM_POLICY_RELAXED, { { 0, 0 } }, 0 },
	/* memory 1024 less videoram 32 */
	{ "memory-only.cfg",
	  XENRDM_XLCFG_MEM | XENRDM_XLCFG_HAP | XENRDM_XLCFG_BOUNDARY,
	  MIB(992), SENTINEL_MMIO, MIB(1024), false, XENRDM_STRATEGY_IGNORE,
	  XENRDM_POLICY_RELAXED, { { 0, 0 } }, 0 },
	/* vga none: no video RAM; smallest MMIO hole */
	{ "vga-none.cfg",
	  XENRDM_XLCFG_MEM | XENRDM_XLCFG_MMIO | XENRDM_XLCFG_PCI,
	  MIB(4096), MIB(256), SENTINEL_BOUNDARY, true,
	  XENRDM_STRATEGY_IGNORE, XENRDM_POLICY_RELAXED,
	  { { XENRDM_SBDF(0, 2, 0, 0), XENRDM_POLICY_STRICT } }, 1 },
	/* 10 - 8 = the 2 MiB minimum; the largest MMIO hole */
	{ "edge-min.cfg", XENRDM_XLCFG_MEM | XENRDM_XLCFG_MMIO, MIB(2),
	  MIB(3840), SENTINEL_BOUNDARY, true, XENRDM_STRATEGY_IGNORE,
	  XENRDM_POLICY_RELAXED, { { 0, 0 } }, 0 },
	{ "minimal.cfg", 0, SENTINEL_MEM, SENTINEL_MMIO, SENTINEL_BOUNDARY,
	  true, XENRDM_STRATEGY_IGNORE, XENRDM_POLICY_RELAXED,
	  { { 0, 0 } }, 0 },
};

static void check_u64(const char *file, const char *what, uint64_t want,
		      uint64_t got)
{
	if (want != got)
		fail_msg("%s: %s: expected 0x%llx, got 0x%llx", file, what,
			 (unsigned long long)want, (unsigned long long)got);
}

static void test_good(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
		const struct good_case *c = &good_cases[i];
		struct xenrdm_config cfg;
		struct xenrdm_pci_list pci = { 0 };
		char path[512], err[512] = "";
		unsigned mask = 0xdead;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", cfg_dir(), c->file);
		sentinel(&cfg);
		rc = xenrdm_xlcfg_read(path, &cfg, &pci, &mask, err, sizeof(err));
		if (rc)
			fail_msg("%s: expected success, got %d: %s", c->file, rc, err);
		check_u64(c->file, "set mask", c->mask, mask);
		check_u64(c->file, "mem_size", c->mem, cfg.mem_size);
		check_u64(c->file, "mmio_size", c->mmio, cfg.mmio_size);
		check_u64(c->file, "rdm_mem_boundary", c->boundary,
			  cfg.rdm_mem_boundary);
		check_u64(c->file, "hap", c->hap, cfg.hap);
		check_u64(c->file, "strategy", c->strategy, cfg.strategy);
		check_u64(c->file, "policy", c->policy, cfg.policy);
		check_u64(c->file, "number of pci devices", c->nr_pci, pci.n);
		for (j = 0; j < pci.n; j++) {
			check_u64(c->file, "pci sbdf", c->pci[j].sbdf,
				  pci.v[j].sbdf);
			check_u64(c->file, "pci rdm_policy", c->pci[j].policy,
				  pci.v[j].policy);
		}
		xenrdm_pci_list_free(&pci);
	}
}

struct bad_case {
	const char *file;
	int rc;
	const char *msg;        /* after "<path>: " */
};

static const struct bad_case bad_cases[] = {
	{ "bad-memory-text.cfg", -XENRDM_ERR_INVAL,
	  "memory = \"lots\": not a whole number of MiB" },
	{ "bad-memory-small.cfg", -XENRDM_ERR_INVAL,
	  "memory = 9 less videoram 8 MiB (cirrus) leaves 1 MiB of guest RAM; an HVM guest needs at least 2" },
	{ "bad-memory-huge.cfg", -XENRDM_ERR_INVAL,
	  "memory = 99999999999999999999: does not fit in a long" },
	{ "bad-memory-52.cfg", -XENRDM_ERR_INVAL,
	  "memory = 4294967297: out of range (1 to 4294967296 MiB)" },
	{ "bad-maxmem.cfg", -XENRDM_ERR_INVAL,
	  "maxmem = 2048 is below memory = 4096" },
	{ "bad-mmio-low.cfg", -XENRDM_ERR_INVAL,
	  "mmio_hole = 255: out of range (256 to 3840 MiB)" },
	{ "bad-mmio-high.cfg", -XENRDM_ERR_INVAL,
	  "mmio_hole = 3841: out of range (256 to 3840 MiB)" },
	{ "bad-hap.cfg", -XENRDM_ERR_INVAL, "hap = 2: out of range (0 to 1)" },
	{ "bad-rdm-key.cfg", -XENRDM_ERR_INVAL,
	  "rdm = \"strategy=host,polcy=strict\": " },
	{ "bad-pci.cfg", -XENRDM_ERR_INVAL, "pci[1] = '01:00.9': " },
	{ "bad-pci-dup.cfg", -XENRDM_ERR_INVAL,
	  "pci[1] = '0000:01:00.0,rdm_policy=relaxed': the device is already pci[0]" },
	{ "bad-pci-string.cfg", -XENRDM_ERR_INVAL, "pci: expected a list" },
	{ "bad-videoram.cfg", -XENRDM_ERR_INVAL,
	  "videoram = 8: stdvga needs at least 16 MiB" },
	{ "bad-type.cfg", -XENRDM_ERR_INVAL,
	  "type = \"pv\": xen-rdm lays out HVM guests only" },
	{ "bad-boundary.cfg", -XENRDM_ERR_INVAL,
	  "rdm_mem_boundary = \"2G\": not a whole number of MiB" },
	{ "bad-syntax.cfg", -XENRDM_ERR_PARSE, "not a valid xl config: " },
	{ "does-not-exist.cfg", -XENRDM_ERR_IO,
	  "cannot open: No such file or directory" },
};

static void test_bad(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct xenrdm_config cfg;
		struct xenrdm_pci_list pci = { 0 };
		char path[512], want[1024], err[512] = "";
		unsigned mask = 0xdead;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", cfg_dir(), c->file);
		snprintf(want, sizeof(want), "%s: %s", path, c->msg);
		sentinel(&cfg);
		rc = xenrdm_xlcfg_read(path, &cfg, &pci, &mask, err, sizeof(err));
		if (rc != c->rc)
			fail_msg("%s: expected rc %d, got %d (%s)", c->file,
				 c->rc, rc, err);
		if (strncmp(err, want, strlen(want)))
			fail_msg("%s: expected a message starting \"%s\", got \"%s\"",
				 c->file, want, err);
		/* nothing half-read: the caller's values stand */
		check_u64(c->file, "mem_size after error", SENTINEL_MEM,
			  cfg.mem_size);
		check_u64(c->file, "mask after error", 0xdead, mask);
		check_u64(c->file, "pci devices after error", 0, pci.n);
		xenrdm_pci_list_free(&pci);
	}
}

/* The syntax error names its line (libxlutil's own report). */
static void test_syntax_line(void **state)
{
	struct xenrdm_config cfg;
	struct xenrdm_pci_list pci = { 0 };
	char path[512], err[512] = "";
	unsigned mask;

	(void)state;
	snprintf(path, sizeof(path), "%s/bad-syntax.cfg", cfg_dir());
	sentinel(&cfg);
	assert_int_equal(xenrdm_xlcfg_read(path, &cfg, &pci, &mask, err,
					   sizeof(err)), -XENRDM_ERR_PARSE);
	if (!strstr(err, "bad-syntax.cfg:3:"))
		fail_msg("expected the line (bad-syntax.cfg:3:) in \"%s\"", err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_syntax_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
