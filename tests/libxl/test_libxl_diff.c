/* SPDX-License-Identifier: MIT */
/*
 * tests/libxl/test_libxl_diff.c - the planner (xenrdm_plan_compute) side
 * by side with libxl's own RDM code (libxl_side.c: Debian's Xen 4.17
 * libxl__domain_device_construct_rdm and domain_construct_memmap, compiled
 * from the source package) on random inputs.
 *
 * Both sides see the same stand-in hypervisor (lx_host: RMRR units with
 * their device scopes): libxl through its xc_reserved_device_memory_map
 * calls, the planner through the regions xenrdm_xen_regions() would make
 * of the same answers (XENMEM_RDM_ALL host-wide, then per assigned device).
 * Compared: lowmem_end, highmem_end, the set of RDM ranges, which of them
 * conflict with guest RAM, each range's policy, which are dropped
 * (relaxed) or fail the plan (strict), the reserved ranges of libxl's
 * memory map against the planner's valid ones, and the e820 limits.
 *
 * Every difference must be one of the intended ones (tests/libxl/README.md
 * lists and justifies them), each checked for its exact cause:
 *   [a] strictest policy wins  (libxl: the last device's policy wins)
 *   [b] same start, other size: both kept (libxl keeps the first size)
 *   [c] hvmloader's area [0xFC000000, 4 GiB) is not RDM space
 *   [d] low RAM below 2 MiB refused (hvmloader BUG_ONs)
 *   [e] the e820 must fit what the guest's BIOS keeps
 * anything else fails, printing the seed, the case and both results.
 *
 * XENRDM_LIBXL_SEED / XENRDM_LIBXL_CASES override the seed and the count.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xenrdm/xenrdm.h"
#include "helpers/plan_groups.h"
#include "helpers/test_rng.h"
#include "libxl_side.h"

#define SEED 0x11b71715u
#define NR_CASES 4000u
#define PAGE 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 0x100000000ULL
#define N(a) (sizeof(a) / sizeof((a)[0]))

static unsigned seed = SEED;
static bool known_now;          /* running the known cases, not seeded */

/* ---- one case ---- */
struct kase {
	struct lx_host host;
	struct lx_input lx;
	enum xenrdm_bios bios;
};

/* Devices RMRR scopes name; the first ones are the assignable ones. */
static const uint32_t pool[] = {
	0x00000010,     /* 0000:00:02.0 */
	0x000000a0,     /* 0000:00:14.0 */
	0x00000100,     /* 0000:01:00.0 */
	0x00000101,     /* 0000:01:00.1 */
	0x00018000,     /* 0001:80:00.0 */
	0x000000fa,     /* 0000:00:1f.2, never assigned */
};

static uint64_t pick(const uint64_t *v, size_t n)
{
	return v[test_rnd() % n];
}

static uint64_t rnd_start(const struct kase *k, uint64_t low0, uint64_t high0)
{
	const struct lx_input *in = &k->lx;
	uint64_t near[] = {
		in->rdm_mem_boundary, low0, G4 - in->mmio_size, 0xFC000000,
		G4, high0, MiB(1), MiB(2), 0x80000, 0xA0000, 0xE0000,
		0xF0000000, MiB(2048),
	};
	int64_t off;

	switch (test_rnd() % 5) {
	case 0:         /* below 4 GiB */
		return test_rnd() % G4 & ~(PAGE - 1);
	case 1:         /* below low RAM's end */
		return low0 > MiB(1) ? test_rnd() % low0 & ~(PAGE - 1) : 0;
	case 2:         /* in high RAM or just above it */
		return G4 + (test_rnd() % (high0 - G4 + MiB(64)) & ~(PAGE - 1));
	default:        /* an edge, a few pages or MiB either side */
		off = (int64_t)(test_rnd() % 5) - 2;
		off *= test_rnd() % 2 ? (int64_t)PAGE : (int64_t)MiB(1);
		off += (int64_t)pick(near, N(near));
		return off < 0 ? 0 : (uint64_t)off & ~(PAGE - 1);
	}
}

static void gen_case(struct kase *k)
{
	static const uint64_t mems[] = {
		MiB(2), MiB(4), MiB(16), MiB(512), MiB(2048), MiB(3072),
		0xF0000000, MiB(4096), MiB(6144), MiB(16384),
	};
	static const uint64_t sizes[] = {
		PAGE, 2 * PAGE, 16 * PAGE, MiB(1), MiB(2), MiB(64) + PAGE,
	};
	struct lx_input *in = &k->lx;
	uint64_t low0, high0, mmio_start;
	size_t i, j, n;

	memset(k, 0, sizeof(*k));
	in->mem_size = test_rnd() % 2 ? pick(mems, N(mems)) :
		       MiB(2) + (test_rnd() % MiB(16384) & ~(PAGE - 1));
	in->mmio_size = MiB(256) * (1 + test_rnd() % 15);
	switch (test_rnd() % 4) {
	case 0: in->rdm_mem_boundary = MiB(test_rnd() % 4097); break;
	case 1: in->rdm_mem_boundary = test_rnd() % 2 ? 0 : MiB(1); break;
	default: in->rdm_mem_boundary = MiB(2048); break;
	}
	in->hap = test_rnd() % 4 != 0;
	in->strategy_host = test_rnd() % 2;
	in->policy = test_rnd() % 2 ? LX_POLICY_STRICT : LX_POLICY_RELAXED;
	k->bios = (enum xenrdm_bios)(test_rnd() % 3);
	k->host.amd = test_rnd() % 3 == 0;
	/* assigned: distinct devices from the pool's first five */
	n = test_rnd() % 5;
	for (i = 0, j = test_rnd() % 5; i < n; i++, j = (j + 1) % 5) {
		in->pci[i].sbdf = pool[j];
		in->pci[i].policy = test_rnd() % 3 ? LX_POLICY_STRICT :
				    LX_POLICY_RELAXED;
	}
	in->nr_pci = n;

	mmio_start = G4 - in->mmio_size;
	low0 = in->mem_size < mmio_start ? in->mem_size : mmio_start;
	high0 = G4 + (in->mem_size - low0);
	if (test_rnd() % 32 == 0) {
		/* many RMRRs: spread above high RAM, most apart */
		n = 20 + test_rnd() % 131;
		for (i = 0; i < n; i++) {
			struct lx_rmrr *r = &k->host.rmrr[i];

			r->start_pfn = ((1ULL << 40) + i * MiB(4) +
					(test_rnd() % 4 == 0 ? MiB(2) : 0)) >> 12;
			r->nr_pages = 1 + test_rnd() % 512;
			r->nr_dev = 1;
			r->dev[0] = pool[test_rnd() % N(pool)];
		}
		k->host.nr = n;
		return;
	}
	n = test_rnd() % 11;
	for (i = 0; i < n; i++) {
		struct lx_rmrr *r = &k->host.rmrr[i];
		uint64_t start, size;

		if (i && test_rnd() % 6 == 0) {
			/* another unit at the same start: same or other size */
			*r = k->host.rmrr[test_rnd() % i];
			if (test_rnd() % 2)
				r->nr_pages = pick(sizes, N(sizes)) >> 12;
		} else {
			start = rnd_start(k, low0, high0);
			size = pick(sizes, N(sizes));
			if (start + size > (1ULL << 52))
				start = (1ULL << 52) - size;
			r->start_pfn = start >> 12;
			r->nr_pages = size >> 12;
		}
		r->nr_dev = 1 + test_rnd() % LX_MAX_SCOPE;
		for (j = 0; j < r->nr_dev; j++)
			r->dev[j] = pool[test_rnd() % N(pool)];
	}
	k->host.nr = n;
}

/* ---- the planner's side: regions as xenrdm_xen_regions() makes them */
static struct xenrdm_host_region
	regions[LX_MAX_ANSWER + LX_MAX_RMRR * LX_MAX_PCI];
static struct xenrdm_pci_dev pcis[LX_MAX_PCI];

static enum xenrdm_policy to_policy(int lx_policy)
{
	return lx_policy == LX_POLICY_STRICT ? XENRDM_POLICY_STRICT :
	       XENRDM_POLICY_RELAXED;
}

static void planner_config(const struct kase *k, struct xenrdm_config *c)
{
	static uint64_t got[LX_MAX_ANSWER][2];
	size_t i, j, n, nr = 0;

	xenrdm_config_init(c);
	c->mem_size = k->lx.mem_size;
	c->mmio_size = k->lx.mmio_size;
	c->rdm_mem_boundary = k->lx.rdm_mem_boundary;
	c->hap = k->lx.hap;
	c->strategy = k->lx.strategy_host ? XENRDM_STRATEGY_HOST :
		      XENRDM_STRATEGY_IGNORE;
	c->policy = to_policy(k->lx.policy);
	c->bios = k->bios;
	n = lx_host_query(&k->host, true, 0, got, LX_MAX_ANSWER);
	for (i = 0; i < n; i++)
		regions[nr++] = (struct xenrdm_host_region){
			got[i][0] << 12, got[i][1] << 12, false, 0, 0 };
	for (j = 0; j < k->lx.nr_pci; j++) {
		pcis[j].sbdf = k->lx.pci[j].sbdf;
		pcis[j].policy = to_policy(k->lx.pci[j].policy);
		n = lx_host_query(&k->host, false, pcis[j].sbdf, got,
				  LX_MAX_ANSWER);
		for (i = 0; i < n; i++)
			regions[nr++] = (struct xenrdm_host_region){
				got[i][0] << 12, got[i][1] << 12, true,
				pcis[j].sbdf, 0 };
	}
	c->pci = pcis;
	c->nr_pci = k->lx.nr_pci;
	c->regions = regions;
	c->nr_regions = nr;
}

/* ---- printing a case ---- */
static void print_case(unsigned c, const struct kase *k)
{
	const struct lx_input *in = &k->lx;
	size_t i, j;

	if (known_now)
		printf("known case %u: ", c);
	else
		printf("seed %#x case %u: ", seed, c);
	printf("mem 0x%llx mmio 0x%llx boundary 0x%llx "
	       "hap %d strategy %s policy %s bios %s%s\n",
	       (unsigned long long)in->mem_size,
	       (unsigned long long)in->mmio_size,
	       (unsigned long long)in->rdm_mem_boundary, in->hap,
	       in->strategy_host ? "host" : "ignore",
	       in->policy == LX_POLICY_STRICT ? "strict" : "relaxed",
	       xenrdm_bios_name(k->bios), k->host.amd ? " (AMD-Vi)" : "");
	for (i = 0; i < in->nr_pci; i++)
		printf("  pci %04x:%02x:%02x.%x rdm_policy=%s\n",
		       in->pci[i].sbdf >> 16, in->pci[i].sbdf >> 8 & 0xff,
		       in->pci[i].sbdf >> 3 & 0x1f, in->pci[i].sbdf & 7,
		       in->pci[i].policy == LX_POLICY_STRICT ? "strict" :
		       "relaxed");
	for (i = 0; i < k->host.nr && i < 24; i++) {
		const struct lx_rmrr *r = &k->host.rmrr[i];

		printf("  rmrr [0x%llx, 0x%llx) scope",
		       (unsigned long long)(r->start_pfn << 12),
		       (unsigned long long)((r->start_pfn + r->nr_pages) << 12));
		for (j = 0; j < r->nr_dev; j++)
			printf(" %04x:%02x:%02x.%x", r->dev[j] >> 16,
			       r->dev[j] >> 8 & 0xff, r->dev[j] >> 3 & 0x1f,
			       r->dev[j] & 7);
		printf("\n");
	}
	if (k->host.nr > 24)
		printf("  ... %zu RMRRs in all\n", k->host.nr);
}

static const char *lx_policy_name(int p)
{
	return p == LX_POLICY_STRICT ? "strict" :
	       p == LX_POLICY_RELAXED ? "relaxed" : "INVALID(dropped)";
}

static void print_libxl(const struct lx_result *r, const struct lx_result *rx)
{
	size_t i;

	printf("  libxl: construct_rdm rc %d, lowmem_end 0x%llx highmem_end "
	       "0x%llx", r->rc_rdm, (unsigned long long)r->lowmem_end,
	       (unsigned long long)r->highmem_end);
	if (r->failed_at_known)
		printf(", fails at 0x%llx", (unsigned long long)r->failed_at);
	if (r->memmap_run)
		printf(", construct_memmap rc %d", r->rc_memmap);
	printf("\n");
	for (i = 0; i < r->nr && i < 24; i++)
		printf("    rdm [0x%llx, 0x%llx) %s%s\n",
		       (unsigned long long)r->e[i].start,
		       (unsigned long long)(r->e[i].start + r->e[i].size),
		       lx_policy_name(r->e[i].policy),
		       rx->e[i].policy == LX_POLICY_INVALID ?
		       ", conflicts with RAM" : "");
	for (i = 0; i < r->nr_e820 && i < 24; i++)
		printf("    memmap [0x%llx, 0x%llx) type %u\n",
		       (unsigned long long)r->e820[i].addr,
		       (unsigned long long)(r->e820[i].addr + r->e820[i].size),
		       r->e820[i].type);
	if (r->log[0])
		printf("  libxl log:\n%s", r->log);
}

static void print_plan(const char *what, int rc, const struct xenrdm_plan *p)
{
	size_t i;

	printf("  %s: rc %d (%s)", what, rc, xenrdm_strerror(rc));
	if (rc && rc != -XENRDM_ERR_CONFLICT) {
		printf("\n");
		return;
	}
	printf(", lowmem_end 0x%llx highmem_end 0x%llx\n",
	       (unsigned long long)p->lowmem_end,
	       (unsigned long long)p->highmem_end);
	for (i = 0; i < p->nr_rdms && i < 24; i++)
		printf("    rdm [0x%llx, 0x%llx) %s %s %s\n",
		       (unsigned long long)p->rdms[i].start,
		       (unsigned long long)(p->rdms[i].start + p->rdms[i].size),
		       xenrdm_policy_name(p->rdms[i].policy),
		       xenrdm_state_name(p->rdms[i].state),
		       xenrdm_reason_name(p->rdms[i].reason));
}

/* ---- comparison ---- */
struct stats {
	unsigned cases, agree, conflict_both, relocated, with_rdm;
	unsigned diff[5];               /* [a]..[e]: cases showing each */
	unsigned failed;
};

struct cmp {
	const struct kase *k;
	const struct lx_result *lx;     /* the configured policies */
	const struct lx_result *lxr;    /* every policy relaxed: all checked */
	const struct xenrdm_plan *p;
	int rc;
	bool diff[5];
	char why[512];
};

static bool fail_with(struct cmp *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bool fail_with(struct cmp *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->why, sizeof(m->why), fmt, ap);
	va_end(ap);
	return false;
}

static const struct xenrdm_rdm *plan_find(const struct xenrdm_plan *p,
					  uint64_t start, uint64_t size)
{
	size_t i;

	for (i = 0; i < p->nr_rdms; i++)
		if (p->rdms[i].start == start && p->rdms[i].size == size)
			return &p->rdms[i];
	return NULL;
}

/* libxl's entry for (start, size), or -1. */
static long lx_find(const struct lx_result *r, uint64_t start, uint64_t size)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		if (r->e[i].start == start && r->e[i].size == size)
			return (long)i;
	return -1;
}

static bool lx_has_start(const struct lx_result *r, uint64_t start)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		if (r->e[i].start == start)
			return true;
	return false;
}

/* The strictest planner policy among ranges starting at start. */
static enum xenrdm_policy plan_max_policy(const struct xenrdm_plan *p,
					  uint64_t start)
{
	enum xenrdm_policy m = XENRDM_POLICY_RELAXED;
	size_t i;

	for (i = 0; i < p->nr_rdms; i++)
		if (p->rdms[i].start == start && p->rdms[i].policy > m)
			m = p->rdms[i].policy;
	return m;
}

static bool ram_conflict(const struct xenrdm_rdm *d)
{
	return d->reason == XENRDM_REASON_LOWMEM ||
	       d->reason == XENRDM_REASON_HIGHMEM;
}

/* libxl's effective policy for entry i: INVALID means it conflicted and
 * was relaxed. */
static enum xenrdm_policy lx_entry_policy(const struct lx_result *r, size_t i)
{
	return r->e[i].policy == LX_POLICY_STRICT ? XENRDM_POLICY_STRICT :
	       XENRDM_POLICY_RELAXED;
}

/* Is [start, start+size) among libxl's memory map RESERVED entries? */
static bool lx_reserved(const struct lx_result *r, uint64_t start,
			uint64_t size)
{
	uint32_t i;

	for (i = 0; i < r->nr_e820; i++)
		if (r->e820[i].type == 2 && r->e820[i].addr == start &&
		    r->e820[i].size == size)
			return true;
	return false;
}

/*
 * What the planner must hold, from the hypercall answers alone: every
 * reported (start, size) once (host-wide ones only with strategy=host),
 * tied to the assigned devices that reported it, with the strictest
 * policy of its sources.  Returns that policy, -1 when nothing reported
 * it; *host_wide and devs[0..*nr_devs) (in pci order) say who did.
 */
static int expected_sources(const struct kase *k, uint64_t start,
			    uint64_t size, bool *host_wide, uint32_t *devs,
			    size_t *nr_devs)
{
	static uint64_t got[LX_MAX_ANSWER][2];
	size_t i, j, n;
	int pol = -1;

	*host_wide = false;
	*nr_devs = 0;
	if (k->lx.strategy_host) {
		n = lx_host_query(&k->host, true, 0, got, LX_MAX_ANSWER);
		for (i = 0; i < n; i++)
			if (got[i][0] << 12 == start && got[i][1] << 12 == size) {
				pol = to_policy(k->lx.policy);
				*host_wide = true;
			}
	}
	for (j = 0; j < k->lx.nr_pci; j++) {
		bool hit = false;

		n = lx_host_query(&k->host, false, k->lx.pci[j].sbdf, got,
				  LX_MAX_ANSWER);
		for (i = 0; i < n; i++)
			hit |= got[i][0] << 12 == start &&
			       got[i][1] << 12 == size;
		if (!hit)
			continue;
		devs[(*nr_devs)++] = k->lx.pci[j].sbdf;
		if ((int)to_policy(k->lx.pci[j].policy) > pol)
			pol = to_policy(k->lx.pci[j].policy);
	}
	return pol;
}

/* d's devices are exactly devs[0..n) (d's are sorted, unique). */
static bool same_devices(const struct xenrdm_rdm *d, const uint32_t *devs,
			 size_t n)
{
	size_t i, j;

	if (d->nr_devices != n)
		return false;
	for (i = 0; i < n; i++) {
		for (j = 0; j < n && d->devices[j] != devs[i]; j++)
			;
		if (j == n || (i && d->devices[i] <= d->devices[i - 1]))
			return false;
	}
	return true;
}

/* Every reported range is in the plan, tied to the devices that
 * reported it, with its strictest policy, and a state that follows from
 * its reason and policy; [c] exactly when the range lies in hvmloader's
 * area and not in RAM. */
static bool check_ranges(struct cmp *m)
{
	const struct xenrdm_plan *p = m->p;
	static uint64_t got[LX_MAX_ANSWER][2];
	size_t i, j, n;

	for (i = 0; i < p->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &p->rdms[i];
		uint32_t devs[LX_MAX_PCI];
		size_t nr_devs;
		bool host_wide;
		int pol = expected_sources(m->k, d->start, d->size,
					   &host_wide, devs, &nr_devs);
		enum xenrdm_state st = d->reason == XENRDM_REASON_NONE ?
			XENRDM_STATE_VALID : d->policy == XENRDM_POLICY_STRICT ?
			XENRDM_STATE_CONFLICT : XENRDM_STATE_DROPPED;
		bool area = d->start < G4 &&
			    d->start + d->size > XENRDM_HVMLOADER_AREA;

		if (pol < 0)
			return fail_with(m, "planner's range [0x%llx, +0x%llx) "
					 "was never reported",
					 (unsigned long long)d->start,
					 (unsigned long long)d->size);
		if (d->host_wide != host_wide ||
		    !same_devices(d, devs, nr_devs))
			return fail_with(m, "planner's range [0x%llx, +0x%llx) "
					 "has %zu devices%s; %zu assigned "
					 "devices%s reported it",
					 (unsigned long long)d->start,
					 (unsigned long long)d->size,
					 d->nr_devices,
					 d->host_wide ? " and is host-wide" : "",
					 nr_devs,
					 host_wide ? " and XENMEM_RDM_ALL" : "");
		if ((int)d->policy != pol)
			return fail_with(m, "planner's range [0x%llx, +0x%llx) "
					 "is %s, the strictest of its sources "
					 "%s", (unsigned long long)d->start,
					 (unsigned long long)d->size,
					 xenrdm_policy_name(d->policy),
					 xenrdm_policy_name(pol));
		if (d->state != st)
			return fail_with(m, "planner's range [0x%llx, +0x%llx) "
					 "is %s", (unsigned long long)d->start,
					 (unsigned long long)d->size,
					 xenrdm_state_name(d->state));
		if (!ram_conflict(d) &&
		    (d->reason == XENRDM_REASON_HVMLOADER) != area)
			return fail_with(m, "planner's range [0x%llx, +0x%llx):"
					 " %s", (unsigned long long)d->start,
					 (unsigned long long)d->size,
					 xenrdm_reason_name(d->reason));
	}
	/* ... and nothing reported is missing: count the distinct ones */
	for (j = 0; j <= m->k->lx.nr_pci; j++) {
		bool all = j == m->k->lx.nr_pci;

		if (all && !m->k->lx.strategy_host)
			continue;
		n = lx_host_query(&m->k->host, all,
				  all ? 0 : m->k->lx.pci[j].sbdf, got,
				  LX_MAX_ANSWER);
		for (i = 0; i < n; i++)
			if (!plan_find(p, got[i][0] << 12, got[i][1] << 12))
				return fail_with(m, "reported range [0x%llx, "
						 "+0x%llx) missing from the plan",
						 (unsigned long long)(got[i][0] << 12),
						 (unsigned long long)(got[i][1] << 12));
	}
	return true;
}

/* Everything but [d] and [e], on a plan the planner returned. */
static bool compare_plan(struct cmp *m)
{
	const struct lx_result *lx = m->lx, *lxr = m->lxr;
	const struct xenrdm_plan *p = m->p;
	uint64_t lx_high = lx->highmem_end ? lx->highmem_end : G4;
	bool lx_failed = lx->rc_rdm != 0;
	size_t i;
	uint32_t k;

	if (!check_ranges(m))
		return false;
	if (p->lowmem_end != lx->lowmem_end || p->highmem_end != lx_high)
		return fail_with(m, "lowmem_end/highmem_end: libxl 0x%llx/"
				 "0x%llx, planner 0x%llx/0x%llx",
				 (unsigned long long)lx->lowmem_end,
				 (unsigned long long)lx_high,
				 (unsigned long long)p->lowmem_end,
				 (unsigned long long)p->highmem_end);
	/* The range set: libxl's ranges are all the planner's; a planner
	 * range libxl lacks was folded into an entry of the same start. */
	for (i = 0; i < lx->nr; i++)
		if (!plan_find(p, lx->e[i].start, lx->e[i].size))
			return fail_with(m, "libxl's range [0x%llx, +0x%llx) "
					 "missing from the plan",
					 (unsigned long long)lx->e[i].start,
					 (unsigned long long)lx->e[i].size);
	for (i = 0; i < p->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &p->rdms[i];

		if (lx_find(lx, d->start, d->size) >= 0)
			continue;
		if (!lx_has_start(lx, d->start))
			return fail_with(m, "planner's range [0x%llx, +0x%llx)"
					 " unknown to libxl",
					 (unsigned long long)d->start,
					 (unsigned long long)d->size);
		m->diff[1] = true;                              /* [b] */
	}
	/* Conflict with guest RAM, and policies, range by range. */
	for (i = 0; i < lx->nr; i++) {
		const struct xenrdm_rdm *d = plan_find(p, lx->e[i].start,
						       lx->e[i].size);
		bool lx_conflict = lxr->e[i].policy == LX_POLICY_INVALID;
		enum xenrdm_policy lp = lx_entry_policy(lx, i);

		if (lx_conflict != ram_conflict(d))
			return fail_with(m, "range [0x%llx, +0x%llx): libxl "
					 "%s, planner says %s",
					 (unsigned long long)d->start,
					 (unsigned long long)d->size,
					 lx_conflict ? "conflicts with RAM" :
					 "no RAM conflict",
					 xenrdm_reason_name(d->reason));
		if (d->reason == XENRDM_REASON_HVMLOADER)
			m->diff[2] = true;                      /* [c] */
		if (lp > plan_max_policy(p, d->start))
			return fail_with(m, "range [0x%llx, +0x%llx): libxl "
					 "strict, every planner range there "
					 "relaxed", (unsigned long long)d->start,
					 (unsigned long long)d->size);
		if (lp < d->policy)
			m->diff[0] = true;                      /* [a] */
		else if (lp > d->policy)
			m->diff[1] = true;      /* policy of a same-start range */
	}
	/* The outcome: libxl fails on a strict conflict; the planner's must
	 * be there too unless [b] moved the policy. */
	if (lx_failed) {
		long at = -1;
		size_t sizes = 0;

		if (!lx->failed_at_known)
			return fail_with(m, "libxl failed (rc %d) without an "
					 "RDM conflict", lx->rc_rdm);
		for (i = 0; i < p->nr_rdms; i++) {
			sizes += p->rdms[i].start == lx->failed_at;
			if (p->rdms[i].start == lx->failed_at &&
			    p->rdms[i].state == XENRDM_STATE_CONFLICT)
				at = (long)i;
		}
		/* [b] there: libxl's entry took a strict policy from a
		 * range of the same start and another size */
		if (at < 0 && sizes < 2)
			return fail_with(m, "libxl fails at 0x%llx, the planner "
					 "has no strict conflict there",
					 (unsigned long long)lx->failed_at);
	}
	for (i = 0; i < p->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &p->rdms[i];
		long e = lx_find(lx, d->start, d->size);

		if (d->state != XENRDM_STATE_CONFLICT || lx_failed)
			continue;
		/* libxl succeeded: each planner conflict explained */
		if (d->reason == XENRDM_REASON_HVMLOADER)
			continue;                               /* [c] */
		if (e < 0)
			continue;                               /* [b] */
		if (lx_entry_policy(lx, (size_t)e) == XENRDM_POLICY_RELAXED)
			continue;                               /* [a] */
		return fail_with(m, "planner: strict conflict at [0x%llx, "
				 "+0x%llx), libxl accepted it strict",
				 (unsigned long long)d->start,
				 (unsigned long long)d->size);
	}
	if (lx_failed)
		return true;
	if (m->rc == -XENRDM_ERR_CONFLICT && !m->diff[0] && !m->diff[1] &&
	    !m->diff[2])
		return fail_with(m, "planner conflict, libxl accepted");
	/* libxl's memory map: low RAM, its reserved ranges, high RAM. */
	if (!lx->memmap_run || lx->rc_memmap)
		return true;            /* judged with [e] */
	for (k = 0; k < lx->nr_e820; k++) {
		const struct lx_e820 *x = &lx->e820[k];

		if (x->type == 1 && !((x->addr == MiB(1) &&
				       x->addr + x->size == p->lowmem_end) ||
				      (x->addr == G4 &&
				       x->addr + x->size == p->highmem_end)))
			return fail_with(m, "libxl's memory map has RAM "
					 "[0x%llx, 0x%llx)",
					 (unsigned long long)x->addr,
					 (unsigned long long)(x->addr + x->size));
		if (x->type == 2) {
			const struct xenrdm_rdm *d = plan_find(p, x->addr,
							       x->size);

			if (!d)
				return fail_with(m, "libxl reserves [0x%llx, "
						 "+0x%llx), no planner range",
						 (unsigned long long)x->addr,
						 (unsigned long long)x->size);
			if (d->state != XENRDM_STATE_VALID &&
			    d->reason != XENRDM_REASON_HVMLOADER)
				return fail_with(m, "libxl reserves [0x%llx, "
						 "+0x%llx), the planner drops it",
						 (unsigned long long)x->addr,
						 (unsigned long long)x->size);
		}
	}
	for (i = 0; i < p->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &p->rdms[i];

		if (d->state == XENRDM_STATE_VALID &&
		    !lx_reserved(lx, d->start, d->size) &&
		    lx_find(lx, d->start, d->size) >= 0)
			return fail_with(m, "planner keeps [0x%llx, +0x%llx), "
					 "libxl's memory map lacks it",
					 (unsigned long long)d->start,
					 (unsigned long long)d->size);
	}
	return true;
}

/*
 * [e], counted from the rules, not built: the boot e820 holds the BIOS's
 * first MB (2 entries; ROMBIOS 3), low RAM, hvmloader's area as ACPI NVS +
 * RESERVED, high RAM if any, and the valid ranges merged where they
 * overlap or touch (a group from 4 GiB joins hvmloader's RESERVED).
 */
static bool e820_too_big(const struct xenrdm_plan *p, enum xenrdm_bios bios)
{
	size_t boot, groups = plan_valid_groups(p, &boot);
	size_t fixed = (bios == XENRDM_BIOS_ROMBIOS ? 3 : 2) + 1 + 2 +
		       (p->highmem_end > G4);

	return groups > XENRDM_FW_MAX_RDM ||
	       fixed + boot > xenrdm_bios_e820_keep(bios);
}

/* libxl's reserved entries merged: what the ABI would have to carry. */
static size_t lx_merged_valid(const struct lx_result *rx)
{
	uint64_t end = 0;
	size_t i, n = 0;

	/* entries above 4 GiB in "many" cases come sorted by start */
	for (i = 0; i < rx->nr; i++) {
		if (rx->e[i].policy == LX_POLICY_INVALID)
			continue;
		if (!n || rx->e[i].start > end)
			n++;
		if (rx->e[i].start + rx->e[i].size > end)
			end = rx->e[i].start + rx->e[i].size;
	}
	return n;
}

/* Runs one case; false on an unexplained difference (printed).  The
 * intended differences it showed go to *diffs (bit i: [a] + i). */
static bool compare(unsigned c, struct kase *k, struct stats *st,
		    unsigned *diffs)
{
	static struct lx_result lx, lxr;
	struct xenrdm_config cfg;
	struct xenrdm_plan plan, plan2;
	struct lx_input relaxed;
	struct cmp m;
	char why[512];
	size_t i;
	bool ok = true;
	int rc, rc2 = 0;

	memset(&m, 0, sizeof(m));
	*diffs = 0;
	if (lx_run(&k->host, &k->lx, &lx)) {
		printf("seed %#x case %u: the libxl stand-ins ran out of room\n",
		       seed, c);
		return false;
	}
	relaxed = k->lx;
	relaxed.policy = LX_POLICY_RELAXED;
	for (i = 0; i < relaxed.nr_pci; i++)
		relaxed.pci[i].policy = LX_POLICY_RELAXED;
	lx_run(&k->host, &relaxed, &lxr);
	planner_config(k, &cfg);
	rc = xenrdm_plan_compute(&cfg, &plan, why, sizeof(why));
	memset(&plan2, 0, sizeof(plan2));
	m.k = k;
	m.lx = &lx;
	m.lxr = &lxr;
	m.p = &plan;
	m.rc = rc;

	if (lxr.rc_rdm != 0) {
		ok = fail_with(&m, "libxl failed with every policy relaxed "
			       "(rc %d)", lxr.rc_rdm);
	} else if (lx.lowmem_end < XENRDM_MIN_LOWMEM_END ||
		   rc == -XENRDM_ERR_LAYOUT) {
		/* [d]: both must see it */
		if (rc != -XENRDM_ERR_LAYOUT)
			ok = fail_with(&m, "libxl's low RAM ends at 0x%llx, "
				       "below 2 MiB (hvmloader BUG_ONs); the "
				       "planner did not refuse it",
				       (unsigned long long)lx.lowmem_end);
		else if (lx.lowmem_end >= XENRDM_MIN_LOWMEM_END)
			ok = fail_with(&m, "planner refused low RAM below 2 "
				       "MiB; libxl's ends at 0x%llx",
				       (unsigned long long)lx.lowmem_end);
		else if (!strstr(why, "below 2 MiB, where hvmloader stops"))
			/* Its rule 3 must say so itself: a refusal that comes
			 * from elsewhere (the e820 builder under rule 6) is
			 * the rule missing, not the rule holding. */
			ok = fail_with(&m, "low RAM below 2 MiB refused, but "
				       "not by the 2 MiB rule: \"%s\"", why);
		else
			m.diff[3] = true;
	} else if (rc == 0 || rc == -XENRDM_ERR_CONFLICT ||
		   rc == -XENRDM_ERR_NOSPACE) {
		const struct xenrdm_plan *cmp_plan = &plan;
		int cmp_rc = rc;

		if (rc == -XENRDM_ERR_NOSPACE) {
			/* [e]: the same input with a BIOS that keeps 128 */
			cfg.bios = XENRDM_BIOS_OVMF;
			cmp_rc = rc2 = xenrdm_plan_compute(&cfg, &plan2, NULL, 0);
			cmp_plan = &plan2;
			if (cmp_rc == -XENRDM_ERR_NOSPACE) {
				/* beyond the ABI's 124: libxl's valid
				 * entries, merged, say so too */
				if (lx_merged_valid(&lxr) <= XENRDM_FW_MAX_RDM &&
				    lx_merged_valid(&lxr) + 6 <= 128)
					ok = fail_with(&m, "planner: no room in "
						       "any e820; libxl's "
						       "ranges merge to %zu",
						       lx_merged_valid(&lxr));
				else
					m.diff[4] = true;
				cmp_plan = NULL;
			} else if (cmp_rc == 0 || cmp_rc == -XENRDM_ERR_CONFLICT) {
				if (!e820_too_big(&plan2, k->bios))
					ok = fail_with(&m, "planner: no room for "
						       "%s's e820, but it fits",
						       xenrdm_bios_name(k->bios));
				else
					m.diff[4] = true;
			} else {
				ok = fail_with(&m, "planner with OVMF: rc %d",
					       cmp_rc);
				cmp_plan = NULL;
			}
		}
		/* [e] both ways: an accepted plan's e820 fits its BIOS */
		if (ok && rc != -XENRDM_ERR_NOSPACE &&
		    e820_too_big(&plan, k->bios))
			ok = fail_with(&m, "planner accepted an e820 over what "
				       "%s keeps", xenrdm_bios_name(k->bios));
		if (ok && cmp_plan) {
			m.p = cmp_plan;
			m.rc = cmp_rc;
			ok = compare_plan(&m);
		}
		if (ok && lx.memmap_run && lx.rc_memmap &&
		    rc != -XENRDM_ERR_NOSPACE)
			ok = fail_with(&m, "libxl's memory map has too many "
				       "entries (rc %d); the planner fits it",
				       lx.rc_memmap);
		if (ok && rc == -XENRDM_ERR_CONFLICT && lx.rc_rdm)
			st->conflict_both++;
	} else {
		ok = fail_with(&m, "planner rc %d (%s)", rc,
			       xenrdm_strerror(rc));
	}

	if (!ok) {
		print_case(c, k);
		printf("  DIFFERENCE: %s\n", m.why);
		print_libxl(&lx, &lxr);
		print_plan("planner", rc, &plan);
		if (rc == -XENRDM_ERR_NOSPACE)
			print_plan("planner with OVMF", rc2, &plan2);
	} else {
		bool any = false;

		for (i = 0; i < 5; i++) {
			st->diff[i] += m.diff[i];
			any |= m.diff[i];
			*diffs |= (unsigned)m.diff[i] << i;
		}
		st->agree += !any;
	}
	st->relocated += lx.lowmem_end < k->lx.mem_size &&
			 lx.lowmem_end < G4 - k->lx.mmio_size;
	st->with_rdm += lx.nr > 0;
	xenrdm_plan_free(&plan);
	xenrdm_plan_free(&plan2);
	return ok;
}

/*
 * Known cases first: each must show exactly the differences listed
 * (none: the two agree).  The first is a reported case: libxl hands hvmloader
 * a low RAM end of 0x180000, where hvmloader's build_e820_table() stops.
 */
#define D_A 1u
#define D_B 2u
#define D_C 4u
#define D_D 8u
#define D_E 16u
struct known {
	const char *what;
	uint64_t mem, boundary;
	bool hap, host;
	int policy;
	struct lx_pci pci[2];
	size_t nr_pci;
	struct lx_rmrr rmrr[2];
	size_t nr_rmrr;
	enum xenrdm_bios bios;
	unsigned diffs;
};

#define DEV_A 0x10u     /* 0000:00:02.0 */
#define DEV_B 0xa0u     /* 0000:00:14.0 */
#define S LX_POLICY_STRICT
#define R LX_POLICY_RELAXED
static const struct known known[] = {
	{ "reported: --memory 4096 --region 0x180000-0x180fff@00:02.0 "
	  "--pci 00:02.0 --rdm-mem-boundary 1 --no-hap", MiB(4096), MiB(1),
	  false, false, R, { { DEV_A, S } }, 1,
	  { { 0x180, 1, 1, { DEV_A } } }, 1, XENRDM_BIOS_SEABIOS, D_D },
	{ "the same with HAP (libxl does not round at or below 2 MiB)",
	  MiB(4096), MiB(1), true, false, R, { { DEV_A, S } }, 1,
	  { { 0x180, 1, 1, { DEV_A } } }, 1, XENRDM_BIOS_SEABIOS, D_D },
	{ "one RMRR, two devices, strict then relaxed, in low RAM",
	  MiB(4096), MiB(2048), true, false, R,
	  { { DEV_A, S }, { DEV_B, R } }, 2,
	  { { 0x10000, 16, 2, { DEV_A, DEV_B } } }, 1, XENRDM_BIOS_SEABIOS,
	  D_A },
	{ "two RMRRs at one start, 4 KiB and 2 MiB, in the MMIO hole",
	  MiB(2048), MiB(2048), true, false, R,
	  { { DEV_A, R }, { DEV_B, R } }, 2,
	  { { 0xE0000, 1, 1, { DEV_A } }, { 0xE0000, 512, 1, { DEV_B } } },
	  2, XENRDM_BIOS_SEABIOS, D_B },
	{ "an RMRR in hvmloader's area, relaxed", MiB(2048), MiB(2048), true,
	  false, R, { { DEV_A, R } }, 1, { { 0xFD000, 1, 1, { DEV_A } } }, 1,
	  XENRDM_BIOS_SEABIOS, D_C },
	{ "an RMRR above the boundary: low RAM relocated below it, 2 MiB "
	  "aligned", MiB(4096), MiB(2048), true, true, S, { { DEV_A, S } }, 1,
	  { { 0xDF123, 4, 1, { DEV_A } } }, 1, XENRDM_BIOS_SEABIOS, 0 },
	{ "the same without HAP: relocated to the RMRR's start", MiB(4096),
	  MiB(2048), false, true, S, { { DEV_A, S } }, 1,
	  { { 0xDF123, 4, 1, { DEV_A } } }, 1, XENRDM_BIOS_SEABIOS, 0 },
	{ "a strict RMRR over high RAM: both refuse", MiB(8192), MiB(2048),
	  true, false, R, { { DEV_A, S } }, 1,
	  { { 0x140000, 1, 1, { DEV_A } } }, 1, XENRDM_BIOS_SEABIOS, 0 },
};
#undef S
#undef R

static unsigned run_known(struct stats *st)
{
	static struct kase k;
	unsigned i, bad = 0, diffs;
	size_t j;

	for (i = 0; i < N(known); i++) {
		const struct known *w = &known[i];

		memset(&k, 0, sizeof(k));
		k.lx.mem_size = w->mem;
		k.lx.mmio_size = MiB(256);
		k.lx.rdm_mem_boundary = w->boundary;
		k.lx.hap = w->hap;
		k.lx.strategy_host = w->host;
		k.lx.policy = w->policy;
		k.lx.nr_pci = w->nr_pci;
		for (j = 0; j < w->nr_pci; j++)
			k.lx.pci[j] = w->pci[j];
		k.host.nr = w->nr_rmrr;
		for (j = 0; j < w->nr_rmrr; j++)
			k.host.rmrr[j] = w->rmrr[j];
		k.bios = w->bios;
		if (!compare(i, &k, st, &diffs)) {
			printf("known case %u (%s): unexplained\n", i, w->what);
			bad++;
		} else if (diffs != w->diffs) {
			print_case(i, &k);
			printf("known case %u (%s): differences %#x, expected "
			       "%#x ([a]=1 [b]=2 [c]=4 [d]=8 [e]=16)\n", i,
			       w->what, diffs, w->diffs);
			bad++;
		} else {
			printf("known case %u: %s: %s\n", i, w->what,
			       diffs ? "the intended difference" : "agree");
		}
	}
	return bad;
}

int main(void)
{
	static struct kase k;
	struct stats st = { 0 };
	unsigned nr_cases = NR_CASES, c;
	struct timespec t0, t1;
	double secs;

	if (getenv("XENRDM_LIBXL_SEED"))
		seed = (unsigned)strtoul(getenv("XENRDM_LIBXL_SEED"), NULL, 0);
	if (getenv("XENRDM_LIBXL_CASES"))
		nr_cases = (unsigned)strtoul(getenv("XENRDM_LIBXL_CASES"),
					     NULL, 0);
	known_now = true;
	if (run_known(&st))
		return 1;
	known_now = false;
	memset(&st, 0, sizeof(st));
	test_rng_seed(seed);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (c = 0; c < nr_cases && st.failed < 3; c++) {
		unsigned diffs;

		gen_case(&k);
		st.cases++;
		if (!compare(c, &k, &st, &diffs))
			st.failed++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("libxl vs planner: seed %#x, %u cases in %.2f s: %u identical, "
	       "%u with only intended differences ([a] policy %u, [b] same "
	       "start %u, [c] hvmloader area %u, [d] low RAM < 2 MiB %u, [e] "
	       "e820 room %u), %u unexplained; %u with RDM, %u relocated, "
	       "%u strict conflicts on both sides\n", seed, st.cases, secs,
	       st.agree, st.cases - st.agree - st.failed, st.diff[0],
	       st.diff[1], st.diff[2], st.diff[3], st.diff[4], st.failed,
	       st.with_rdm, st.relocated, st.conflict_both);
	if (st.failed)
		return 1;
	/* The generator must reach every path, or it tests nothing. */
	if (st.with_rdm < st.cases / 2 || st.relocated < st.cases / 20 ||
	    st.conflict_both < st.cases / 50 || st.agree < st.cases / 4) {
		printf("generator too tame\n");
		return 1;
	}
	for (c = 0; c < 5; c++)
		if (!st.diff[c]) {
			printf("intended difference [%c] never reached\n",
			       'a' + c);
			return 1;
		}
	return 0;
}
