/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_differential.c - the two halves against each other.
 *
 * For thousands of random plans (fixed seed, printed on failure with the
 * case number and inputs), the e820 the planner predicts
 * (xenrdm_plan_e820) must be identical, entry for entry, to the one the
 * firmware module builds after reading the keys exactly as `apply`
 * writes them (xenrdm_xs_keyset_from_layout renders the key set; the
 * values reach xenrdm_fw_read through the host environment's reader), by two
 * routes:
 *   direct  the key set served as a path -> value table;
 *   dump    the key set printed as `xenstore-ls -f -p` prints it and read
 *           back through the xenstore-ls dump reader (xsdump), as the
 *           QEMU image and `xen-rdm e820 --keys` do.
 * Each route runs twice: with no memory ends from hvm_info (the guest
 * takes them from xenstore) and with hvm_info's ends equal to the plan's
 * (no difference may be logged).  The firmware must read every entry
 * (none skipped, no warning); every plan the planner accepts fits what
 * its BIOS keeps, so the firmware builds it (the planner refuses longer
 * ones itself, NOSPACE, counted).  The BIOS is random: the firmware gets
 * the same first megabyte as hvmloader passes for it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/fw_host.h"
#include "xenrdm/xenrdm.h"
#include "xenrdm/xs.h"
#include "xenrdm/xsdump.h"
#include "helpers/fw_test.h"
#include "helpers/test_rng.h"

/* Defaults; XENRDM_DIFF_SEED / XENRDM_DIFF_CASES override them for a
 * longer run by hand. */
#define SEED 0xd1ff2024u
#define NR_CASES 5000u

static unsigned seed = SEED, nr_cases = NR_CASES;
#define MAX_REG 160
#define MAX_PCI 6
#define PAGE 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 0x100000000ULL

/* ---- one random configuration ---- */
struct gen {
	struct xenrdm_config cfg;
	struct xenrdm_pci_dev pci[MAX_PCI];
	struct xenrdm_host_region reg[MAX_REG];
};

static const uint64_t edges[] = {
	0, 0x9f000, 0xa0000, 0xe0000, 0xff000, MiB(1), MiB(2), MiB(512),
	MiB(2048) - PAGE, MiB(2048), MiB(2048) + PAGE, 0xc0000000,
	0xdffff000, 0xeffff000, 0xf0000000, 0xfbfff000, 0xfc000000,
	0xfed90000, 0xfffff000, G4, G4 + PAGE, 2 * G4, 1ULL << 40,
	(1ULL << 52) - MiB(4), (1ULL << 52) - PAGE,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rnd_addr(void)
{
	switch (test_rnd() % 4) {
	case 0:     /* anywhere below 2^40, page aligned */
		return test_rnd() % (1ULL << 40) & ~(PAGE - 1);
	case 1:     /* below 4 GiB */
		return test_rnd() % G4 & ~(PAGE - 1);
	case 2:     /* the MMIO hole and hvmloader's area */
		return 0xe0000000ULL + (test_rnd() % 0x20000000ULL & ~(PAGE - 1));
	default:
		return edges[test_rnd() % N(edges)] + (test_rnd() % 3) * PAGE;
	}
}

static uint64_t rnd_size(void)
{
	switch (test_rnd() % 4) {
	case 0: return PAGE;
	case 1: return (1 + test_rnd() % 64) * PAGE;
	case 2: return (1 + test_rnd() % 64) * MiB(1);
	default: return (1 + test_rnd() % 4) * (test_rnd() % 2 ? G4 : MiB(256));
	}
}

static void gen_case(struct gen *g)
{
	static const uint64_t mems[] = {
		MiB(2), MiB(16), MiB(1024), MiB(2048), MiB(3840), MiB(4096),
		MiB(8192), 1ULL << 40, 0xf0000000,
	};
	size_t i, n;

	xenrdm_config_init(&g->cfg);
	g->cfg.mem_size = test_rnd() % 2 ? mems[test_rnd() % N(mems)] :
			  MiB(2) + (test_rnd() % (1ULL << 38) & ~(PAGE - 1));
	g->cfg.mmio_size = MiB(256) * (1 + test_rnd() % 15);
	switch (test_rnd() % 4) {
	case 0: g->cfg.rdm_mem_boundary = MiB(test_rnd() % 4096); break;
	case 1: g->cfg.rdm_mem_boundary = 0; break;
	default: break;     /* 2048 MiB */
	}
	g->cfg.hap = test_rnd() % 4 != 0;
	g->cfg.strategy = test_rnd() % 2 ? XENRDM_STRATEGY_HOST :
			  XENRDM_STRATEGY_IGNORE;
	g->cfg.policy = test_rnd() % 2 ? XENRDM_POLICY_STRICT :
			XENRDM_POLICY_RELAXED;
	/* OVMF keeps 128 entries, so many-range tables still fit it. */
	g->cfg.bios = (enum xenrdm_bios)(test_rnd() % 3);
	n = test_rnd() % (MAX_PCI + 1);
	for (i = 0; i < n; i++) {
		g->pci[i].sbdf = XENRDM_SBDF(0, 0, i + 1, 0);
		g->pci[i].policy = test_rnd() % 3 ? XENRDM_POLICY_RELAXED :
				   XENRDM_POLICY_STRICT;
	}
	g->cfg.pci = g->pci;
	g->cfg.nr_pci = n;
	/* Mostly a few regions; sometimes enough to overflow the table. */
	n = test_rnd() % 8 ? test_rnd() % 12 : 100 + test_rnd() % (MAX_REG - 100);
	for (i = 0; i < n; i++) {
		struct xenrdm_host_region *r = &g->reg[i];

		if (n > 12) {   /* many: spread above 4 GiB, apart */
			r->start = 2 * G4 + (test_rnd() % 4096) * 2 * MiB(1);
			r->size = PAGE * (1 + test_rnd() % 16);
		} else {
			r->start = rnd_addr();
			r->size = rnd_size();
		}
		if (r->start + r->size > XENRDM_PADDR_LIMIT)
			r->start = XENRDM_PADDR_LIMIT - r->size;
		r->has_sbdf = test_rnd() % 3 != 0;
		r->sbdf = XENRDM_SBDF(0, 0, 1 + test_rnd() % (MAX_PCI + 1), 0);
	}
	g->cfg.regions = g->reg;
	g->cfg.nr_regions = n;
}

static void print_case(unsigned c, const struct gen *g)
{
	size_t i;

	fprintf(stderr, "seed %#x case %u: mem 0x%llx mmio 0x%llx boundary "
		"0x%llx hap %d strategy %d policy %d\n", seed, c,
		(unsigned long long)g->cfg.mem_size,
		(unsigned long long)g->cfg.mmio_size,
		(unsigned long long)g->cfg.rdm_mem_boundary, g->cfg.hap,
		g->cfg.strategy, g->cfg.policy);
	for (i = 0; i < g->cfg.nr_pci; i++)
		fprintf(stderr, "  pci %#x policy %d\n", g->pci[i].sbdf,
			g->pci[i].policy);
	for (i = 0; i < g->cfg.nr_regions && i < 20; i++)
		fprintf(stderr, "  region 0x%llx+0x%llx%s %#x\n",
			(unsigned long long)g->reg[i].start,
			(unsigned long long)g->reg[i].size,
			g->reg[i].has_sbdf ? " @" : " host", g->reg[i].sbdf);
}

static void dump_tab(const char *what, const struct xenrdm_e820entry *t,
		     uint32_t nr)
{
	uint32_t i;

	fprintf(stderr, "  %s (%u entries):\n", what, nr);
	for (i = 0; i < nr && i < 40; i++)
		fprintf(stderr, "    [0x%llx, 0x%llx) type %u\n",
			(unsigned long long)t[i].addr,
			(unsigned long long)(t[i].addr + t[i].size), t[i].type);
}

/* ---- serving the key set to the firmware ---- */
struct served {
	const struct xenrdm_xs_keyset *ks;
	size_t home_len;        /* "/local/domain/<id>/" */
};

static const char *keyset_reader(void *opaque, const char *path,
				 const char *def)
{
	const struct served *s = opaque;
	uint32_t i;

	for (i = 0; i < s->ks->nr_keys; i++)
		if (!strcmp(s->ks->key[i].path + s->home_len, path))
			return s->ks->key[i].value;
	return def;
}

/* The key set as `xenstore-ls -f -p /local/domain/<id>` prints it: the
 * directories too (empty values), each with its permissions. */
static size_t render_dump(const struct xenrdm_xs_keyset *ks, char *buf,
			  size_t cap)
{
	size_t len = 0;
	uint32_t i;

	len += (size_t)snprintf(buf + len, cap - len,
				"/local/domain/%u/hvmloader = \"\"  (n0,r%u)\n"
				"/local/domain/%u/hvmloader/rdm = \"\"  (n0,r%u)\n",
				ks->domid, ks->domid, ks->domid, ks->domid);
	for (i = 0; i < ks->nr_keys && len < cap; i++) {
		const char *leaf = strrchr(ks->key[i].path, '/');

		if (!strcmp(leaf, "/" XENRDM_XS_LEAF_START)) {
			len += (size_t)snprintf(buf + len, cap - len,
				"%.*s = \"\"  (n0,r%u)\n",
				(int)(leaf - ks->key[i].path),
				ks->key[i].path, ks->domid);
		}
		len += (size_t)snprintf(buf + len, cap - len,
					"%s = \"%s\"  (n0,r%u)\n",
					ks->key[i].path, ks->key[i].value,
					ks->domid);
	}
	assert_true(len < cap);
	return len;
}

struct stats {
	unsigned compared, nospace, conflict, refused, with_rdm, high;
};

/* Read and build as the firmware, and compare with the planner's. */
static void firmware_side(unsigned c, const struct gen *g,
			  const struct xenrdm_plan *plan, int want_rc,
			  const struct xenrdm_e820entry *want, uint32_t want_nr,
			  const struct xenrdm_xs_keyset *ks, bool via_dump,
			  bool from_hvm_info)
{
	static struct xenrdm_fw_layout l;
	static struct xenrdm_xsdump d;
	static char dump[32768];
	struct xenrdm_e820entry got[XENRDM_E820MAX];
	struct served s = { ks, 0 };
	struct xenrdm_fw_env env;
	char home[32];
	uint32_t nr = 0;
	int rc;

	snprintf(home, sizeof(home), "/local/domain/%u/", ks->domid);
	s.home_len = strlen(home);
	if (via_dump) {
		size_t len = render_dump(ks, dump, sizeof(dump));

		assert_int_equal(xenrdm_xsdump_open(&d, dump, len), 0);
	}
	fwt_log_start();
	env = *fwt_env();       /* its logger: the capture */
	if (via_dump) {
		xenrdm_fw_env_xsdump(&env, &d);
	} else {
		env.read = keyset_reader;
		env.read_opaque = &s;
	}
	xenrdm_fw_layout_init(&l, from_hvm_info ? plan->lowmem_end : 0,
			      from_hvm_info ? plan->highmem_end : 0);
	/* hvmloader passes the BIOS's first MB to build_e820_table. */
	assert_int_equal(xenrdm_bios_fw_layout(plan->bios, &l), 0);
	rc = xenrdm_fw_host_read(&env, &l);
	if (!rc)
		rc = xenrdm_fw_host_e820_build(&env, &l, got, XENRDM_E820MAX,
					       &nr);

	if (rc != want_rc || l.nr_skipped || strstr(fwt_log(), "warning") ||
	    strstr(fwt_log(), "differ") ||
	    (!rc && (nr != want_nr ||
		     memcmp(got, want, nr * sizeof(got[0]))))) {
		print_case(c, g);
		fprintf(stderr, "route %s, memory ends %s\n",
			via_dump ? "xenstore-ls dump" : "direct",
			from_hvm_info ? "from hvm_info" : "from xenstore");
		fprintf(stderr, "planner: rc %d; firmware: rc %d, %u skipped\n",
			want_rc, rc, l.nr_skipped);
		dump_tab("planner's e820", want, want_nr);
		if (!rc)
			dump_tab("firmware's e820", got, nr);
		fprintf(stderr, "firmware log:\n%s", fwt_log());
		fail_msg("the halves disagree");
	}
}

static void test_differential(void **state)
{
	static struct gen g;
	static struct xenrdm_xs_keyset ks;
	static struct xenrdm_fw_layout layout;
	struct xenrdm_e820entry want[XENRDM_E820MAX];
	struct stats st = { 0 };
	struct xenrdm_plan plan;
	char err[256];
	uint32_t want_nr = 0;
	unsigned c;
	int rc, want_rc;

	(void)state;
	if (getenv("XENRDM_DIFF_SEED"))
		seed = (unsigned)strtoul(getenv("XENRDM_DIFF_SEED"), NULL, 0);
	if (getenv("XENRDM_DIFF_CASES"))
		nr_cases = (unsigned)strtoul(getenv("XENRDM_DIFF_CASES"), NULL, 0);
	test_rng_seed(seed ? seed : SEED);
	for (c = 0; c < nr_cases; c++) {
		uint32_t domid = 1 + (uint32_t)(test_rnd() % XENRDM_XS_DOMID_MAX);

		gen_case(&g);
		rc = xenrdm_plan_compute(&g.cfg, &plan, NULL, 0);
		if (rc == -XENRDM_ERR_CONFLICT) {
			st.conflict++;
			xenrdm_plan_free(&plan);
			continue;
		}
		if (rc == -XENRDM_ERR_NOSPACE) {
			/* More ranges than the ABI carries, or an e820 the
			 * BIOS would not keep: the planner refuses (rule 6). */
			st.nospace++;
			continue;
		}
		if (rc) {
			st.refused++;
			continue;
		}
		want_rc = xenrdm_plan_e820(&plan, want, XENRDM_E820MAX,
					   &want_nr, NULL, 0);
		assert_int_equal(xenrdm_plan_fw_layout(&plan, &layout, NULL, 0), 0);
		err[0] = '\0';
		rc = xenrdm_xs_keyset_from_layout(domid, &layout, &ks, err,
						  sizeof(err));
		if (rc) {
			print_case(c, &g);
			fail_msg("the key set for a plan that holds is refused: "
				 "%s", err);
		}
		/* An accepted plan's e820 fits what its BIOS keeps, so the
		 * firmware builds it within E820MAX. */
		assert_int_equal(want_rc, 0);
		firmware_side(c, &g, &plan, want_rc, want, want_nr, &ks,
			      false, false);
		firmware_side(c, &g, &plan, want_rc, want, want_nr, &ks,
			      false, true);
		firmware_side(c, &g, &plan, want_rc, want, want_nr, &ks,
			      true, false);
		firmware_side(c, &g, &plan, want_rc, want, want_nr, &ks,
			      true, true);
		st.compared++;
		st.with_rdm += layout.nr_rdm > 0;
		st.high += plan.highmem_end > G4;
		xenrdm_plan_free(&plan);
	}
	printf("differential: seed %#x, %u cases: %u plans compared by 4 routes "
	       "(%u with RDM, %u with high RAM), %u refused by the planner as "
	       "too long for the BIOS (NOSPACE), %u strict conflicts, %u "
	       "refused inputs\n", seed,
	       nr_cases, st.compared, st.with_rdm, st.high, st.nospace,
	       st.conflict, st.refused);
	/* The generator must reach the interesting cases. */
	assert_true(st.compared > nr_cases / 2);
	assert_true(st.with_rdm > nr_cases / 4);
	assert_true(st.nospace > 10);
	assert_true(st.high > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_differential),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
