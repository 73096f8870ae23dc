/* SPDX-License-Identifier: MIT */
/*
 * tests/hvmloader/harness.c - xen-rdm against upstream: hvmloader's real
 * e820.c, stock and patched, and `xen-rdm plan`'s e820 on the same inputs.
 *
 * For each plan (seeded random ones, the README's examples, plans with no
 * xen-rdm keys) three tables are made:
 *   (a) stock   stock hvmloader's build_e820_table() (hvm_runner linked
 *               with the stock tree's e820.o), the RDM ranges given the way
 *               libxl gives them: as E820_RESERVED entries of memory_map
 *   (b) patched the patched hvmloader (e820.o + the xen-rdm glue + the
 *               module, from the patched tree), memory_map without them,
 *               the RDM ranges as the xen-rdm keys `apply` writes
 *   (c) planner xenrdm_plan_e820(), what `xen-rdm plan` prints
 * memory_map is filled as libxl's domain_construct_memmap() fills it
 * (tools/libs/light/libxl_x86.c:685-778 in Xen 4.17): RAM
 * [GUEST_LOW_MEM_START_DEFAULT = 1 MiB, lowmem_end) (an HVM guest has a
 * device model), each RDM entry whose policy is not INVALID as
 * E820_RESERVED in d_config->rdms order (here: shuffled), no PVH special
 * pages and no ACPI modules (HVM), RAM [4 GiB, highmem_end) when there is
 * any.  hvm_info's low/high_mem_pgend are dom->lowmem_end/highmem_end >> 12
 * (xg_dom_x86.c:617; highmem_end 0 when there is no high RAM).
 *
 * They must agree, up to the differences documented in
 * tests/hvmloader/README.md (each checked here, nothing else allowed):
 *   D1 stock lists libxl's entries as they come (touching or overlapping
 *      RDM ranges separately); (b) and (c) merge touching entries of one
 *      type.  Checked: canonical(a) == (b), entry for entry.
 *   D2 (c) has hvmloader's area [0xFC000000, 4 GiB) as one RESERVED entry;
 *      hvmloader makes it ACPI NVS up to the end of its ACPI tables (and an
 *      IGD OpRegion NVS entry) at boot.  Checked: (c) split as hvmloader
 *      splits it == (b), entry for entry, and the planner's count of boot
 *      entries (xenrdm_e820_boot_entries) == (b)'s count.
 * Anything else fails, printing the seed, the case and the three tables.
 * Also: with no xen-rdm keys (b) == (a) exactly; a plan the planner
 * refuses as too long for its BIOS makes the patched hvmloader stop
 * (BUG), and one it accepts never does.
 *
 * Usage: harness STOCK_RUNNER PATCHED_RUNNER TMPDIR [CASES [SEED]]
 * Prints one line per sub-test and "hvmloader-harness: N passed, N failed".
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "xenrdm/xenrdm.h"
#include "xenrdm/xs.h"
#include "helpers/test_rng.h"

#define PAGE 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 ((uint64_t)0x100000000ULL)
#define MAXE 160
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* hvmloader's fixed points (tools/firmware/hvmloader/config.h). */
#define RESERVED_MEMBASE 0xFC000000ULL
#define ACPI_MEMORY_DYNAMIC_START 0xFC001000ULL
#define RESERVED_MEMORY_DYNAMIC_END 0xFE000000ULL
#define IGD_OPREGION_PAGES 3

/* Debian's libxl loads this SeaBIOS image (debian/rules:
 * --with-system-seabios=); seabios_load() puts it at 1 MiB - length. */
#define SEABIOS_IMAGE "/usr/share/seabios/bios-256k.bin"

struct tab {
	unsigned int n;
	struct xenrdm_e820entry e[MAXE];
};

/* A PCI function of the emulated bus, and what pci_setup() programmed. */
#define MAXDEV 10
#define MAXBARV 48
struct pdev {
	unsigned devfn, vendor, device, class, pin;
	uint64_t size[7];
	unsigned flags[7];              /* 1 I/O, 4 64-bit, 8 prefetchable */
};
struct bars {
	uint64_t pcistart;
	unsigned n;
	struct { unsigned devfn, reg; uint64_t val, size; } v[MAXBARV];
};

/* One case: inputs, the planner's side and what the runners said. */
struct hcase {
	unsigned id;
	const char *what;               /* NULL: random */
	struct xenrdm_config cfg;
	struct xenrdm_pci_dev pci[8];
	struct xenrdm_host_region reg[140];
	enum xenrdm_bios bios;
	bool mutate;                    /* plan for another BIOS (self-test) */
	bool acpi;
	unsigned long acpi_pages;
	unsigned long igd_pgbase;
	bool keys;                      /* patched gets the RDM as keys */
	bool mixed;                     /* ... and every other one from libxl */
	bool libxl_refuses;             /* memory_map too long for libxl */
	int plan_rc;                    /* with cfg.bios */
	bool over;                      /* planner: too long for the BIOS */
	struct xenrdm_plan plan;        /* holds (for over: planned for OVMF) */
	struct xenrdm_fw_layout layout;
	struct tab planner, stock, patched;
	bool bus;                       /* pci_setup() on a bus of: */
	unsigned nr_dev;
	struct pdev dev[MAXDEV];
	struct bars stock_bars, patched_bars;
	char stock_bug[160], patched_bug[160];
	char *patched_log;
};

static unsigned seed = 0x48564d4cu;     /* "HVML" */
static unsigned nr_random = 3000;
static uint64_t seabios_len;
static const char *tmpdir;

/* ---- how each BIOS calls build_e820_table() (hvmloader sources) ---- */
static void bios_args(enum xenrdm_bios b, unsigned *base, unsigned *image)
{
	switch (b) {
	case XENRDM_BIOS_SEABIOS:       /* seabios.c: (e820, 0, bios_address) */
		*base = 0;
		*image = (unsigned)(0x100000 - seabios_len);
		break;
	case XENRDM_BIOS_OVMF:          /* ovmf.c: (e820, 0, LOWCHUNK_BEGIN) */
		*base = 0;
		*image = 0xF0000;
		break;
	default:                        /* rombios.c */
		*base = 0x9E000;
		*image = 0xE0000;
		break;
	}
}

/* ---- tables ---- */
static void tab_print(FILE *f, const char *name, const struct tab *t)
{
	unsigned i;

	fprintf(f, "  %s (%u entries):\n", name, t->n);
	for (i = 0; i < t->n; i++)
		fprintf(f, "    [%02u] 0x%09" PRIx64 "-0x%09" PRIx64 " %s\n", i,
			t->e[i].addr, t->e[i].addr + t->e[i].size,
			xenrdm_e820_type_name(t->e[i].type));
}

static bool tab_equal(const struct tab *a, const struct tab *b)
{
	unsigned i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->e[i].addr != b->e[i].addr || a->e[i].size != b->e[i].size ||
		    a->e[i].type != b->e[i].type)
			return false;
	return true;
}

static int ent_cmp(const void *x, const void *y)
{
	const struct xenrdm_e820entry *a = x, *b = y;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return a->size < b->size ? -1 : a->size > b->size;
}

/* D1: sorted, touching or overlapping entries of one type merged.  Entries
 * of different types that overlap are left as they are (and then differ). */
static void canonical(const struct tab *in, struct tab *out)
{
	unsigned i;

	*out = *in;
	qsort(out->e, out->n, sizeof(out->e[0]), ent_cmp);
	for (i = 0; i + 1 < out->n;) {
		struct xenrdm_e820entry *a = &out->e[i], *b = &out->e[i + 1];
		uint64_t end = a->addr + a->size;

		if (a->type == b->type && b->addr <= end) {
			if (b->addr + b->size > end)
				a->size = b->addr + b->size - a->addr;
			memmove(b, b + 1, (out->n - i - 2) * sizeof(*b));
			out->n--;
		} else {
			i++;
		}
	}
}

static void tab_add(struct tab *t, uint64_t s, uint64_t e, uint32_t type)
{
	if (e > s && t->n < MAXE)
		t->e[t->n++] = (struct xenrdm_e820entry){ s, e - s, type };
}

/* D2: the planner's table with hvmloader's area as build_e820_table()
 * makes it at boot: ACPI NVS [0xFC000000, acpi_mem_end) when ACPI is on,
 * the IGD OpRegion's NVS pages when there is one, RESERVED around them
 * (e820.c:184-227), then merged as the patched hvmloader merges. */
static void boot_split(const struct hcase *k, const struct tab *in,
		       struct tab *out)
{
	uint64_t acpi_end = k->acpi ? ACPI_MEMORY_DYNAMIC_START +
				      (k->acpi_pages << 12) : RESERVED_MEMBASE;
	unsigned i;
	struct tab t = { 0 };

	for (i = 0; i < in->n; i++) {
		const struct xenrdm_e820entry *e = &in->e[i];
		uint64_t s = e->addr, end = e->addr + e->size;

		if (e->type != XENRDM_E820_RESERVED || s > RESERVED_MEMBASE ||
		    end < G4) {
			tab_add(&t, s, end, e->type);
			continue;
		}
		tab_add(&t, s, RESERVED_MEMBASE, XENRDM_E820_RESERVED);
		tab_add(&t, RESERVED_MEMBASE, acpi_end, XENRDM_E820_NVS);
		if (k->igd_pgbase) {
			uint64_t igd = (uint64_t)k->igd_pgbase << 12;

			tab_add(&t, acpi_end, igd, XENRDM_E820_RESERVED);
			tab_add(&t, igd, igd + IGD_OPREGION_PAGES * PAGE,
				XENRDM_E820_NVS);
			tab_add(&t, igd + IGD_OPREGION_PAGES * PAGE, end,
				XENRDM_E820_RESERVED);
		} else {
			tab_add(&t, acpi_end, end, XENRDM_E820_RESERVED);
		}
	}
	canonical(&t, out);
}

/* ---- the runners' input ---- */
static void emit_case(FILE *f, const struct hcase *k, bool patched)
{
	static struct xenrdm_xs_keyset ks;
	struct xenrdm_e820entry rdm[140];
	unsigned base, image, n = 0, i;
	const struct xenrdm_plan *p = &k->plan;
	char err[256];
	uint64_t x;

	bios_args(k->bios, &base, &image);
	fprintf(f, "case %u %#x %#x %u\n", k->id, base, image,
		xenrdm_bios_e820_keep(k->bios));
	fprintf(f, "hvm %#" PRIx64 " %#" PRIx64 "\n", p->lowmem_end >> 12,
		p->highmem_end > G4 ? p->highmem_end >> 12 : 0);
	fprintf(f, "acpi %d %lu\nigd %#lx\n", k->acpi, k->acpi_pages,
		k->igd_pgbase);
	/* libxl_x86.c domain_construct_memmap(): low RAM, the RDM entries
	 * (d_config->rdms without INVALID ones), high RAM. */
	fprintf(f, "map 0x100000 %#" PRIx64 " 1\n", p->lowmem_end - MiB(1));
	for (i = 0; i < p->nr_rdms; i++)
		if (p->rdms[i].state == XENRDM_STATE_VALID)
			rdm[n++] = (struct xenrdm_e820entry){ p->rdms[i].start,
				p->rdms[i].size, XENRDM_E820_RESERVED };
	/* libxl's order is not sorted: shuffled, the same way for both
	 * runners (hvmloader's sort is not stable). */
	x = ((uint64_t)seed << 32 | k->id) * 0x9e3779b97f4a7c15ULL + 1;

	for (i = n; i > 1; i--) {
		unsigned j;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		j = (unsigned)(x % i);
		struct xenrdm_e820entry t = rdm[i - 1];

		rdm[i - 1] = rdm[j];
		rdm[j] = t;
	}
	/* Stock: all of them from libxl.  Patched: none (they come as
	 * keys), or for a mixed case every other one from libxl as well:
	 * the e820 is the union (libxl's rdm= keeps working). */
	for (i = 0; i < n; i++)
		if (!patched || !k->keys || (k->mixed && i % 2))
			fprintf(f, "map %#" PRIx64 " %#" PRIx64 " 2\n",
				rdm[i].addr, rdm[i].size);
	if (p->highmem_end > G4)
		fprintf(f, "map %#" PRIx64 " %#" PRIx64 " 1\n", G4,
			p->highmem_end - G4);
	if (patched && k->keys) {
		/* The key set exactly as `apply` writes it. */
		if (xenrdm_xs_keyset_from_layout(7, &k->layout, &ks, err,
						 sizeof(err))) {
			fprintf(stderr, "case %u: key set refused: %s\n", k->id,
				err);
			exit(2);
		}
		for (i = 0; i < ks.nr_keys; i++)
			fprintf(f, "key %s %s\n", ks.key[i].path +
				strlen("/local/domain/7/"), ks.key[i].value);
	}
	if (k->bus) {
		/* libxl (libxl_dm.c, libxl_create.c): no RAM relocation with
		 * qemu-xen; platform/mmio_hole_size when xl's mmio_hole is set. */
		fprintf(f, "key hvmloader/allow-memory-relocate 0\n");
		if (k->cfg.mmio_size != XENRDM_DEFAULT_MMIO_SIZE)
			fprintf(f, "key platform/mmio_hole_size %" PRIu64 "\n",
				k->cfg.mmio_size);
		fprintf(f, "pci 1\n");
		for (i = 0; i < k->nr_dev; i++) {
			const struct pdev *d = &k->dev[i];
			unsigned b;

			fprintf(f, "dev %#x %#x %#x\ndevclass %#x %u\n", d->devfn,
				d->vendor, d->device, d->class, d->pin);
			for (b = 0; b < 7; b++)
				if (d->size[b])
					fprintf(f, "bar %u %#" PRIx64 " %#x\n", b,
						d->size[b], d->flags[b]);
		}
	}
	fprintf(f, "go\n");
}

/* ---- the runners' output ---- */
static int run(const char *runner, struct hcase **cases, unsigned nr,
	       bool patched)
{
	char in[512], out[512], cmd[1600], line[600];
	FILE *f;
	unsigned i, cur = ~0u;

	snprintf(in, sizeof(in), "%s/%s.in", tmpdir, patched ? "patched" : "stock");
	snprintf(out, sizeof(out), "%s/%s.out", tmpdir, patched ? "patched" : "stock");
	f = fopen(in, "w");
	if (!f)
		return -errno;
	for (i = 0; i < nr; i++)
		emit_case(f, cases[i], patched);
	if (fclose(f))
		return -EIO;
	snprintf(cmd, sizeof(cmd), "'%s' < '%s' > '%s'", runner, in, out);
	if (system(cmd) != 0) {
		fprintf(stderr, "harness: %s failed\n", cmd);
		return -EIO;
	}
	f = fopen(out, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		struct hcase *k = cur < nr ? cases[cur] : NULL;
		struct tab *t = k ? (patched ? &k->patched : &k->stock) : NULL;
		unsigned long long a, s;
		unsigned type, id;

		if (sscanf(line, "case %u", &id) == 1) {
			for (cur = 0; cur < nr && cases[cur]->id != id; cur++)
				;
		} else if (t && sscanf(line, "e %llx %llx %u", &a, &s,
					&type) == 3) {
			tab_add(t, a, a + s, type);
		} else if (k && !strncmp(line, "bug ", 4)) {
			char *bug = patched ? k->patched_bug : k->stock_bug;

			size_t len = strlen(line + 4);

			if (len >= sizeof(k->stock_bug))
				len = sizeof(k->stock_bug) - 1;
			memcpy(bug, line + 4, len);
			bug[len] = '\0';
		} else if (k && sscanf(line, "pcistart %llx", &a) == 1) {
			(patched ? &k->patched_bars : &k->stock_bars)->pcistart = a;
		} else if (k && !strncmp(line, "barv ", 5)) {
			struct bars *bv = patched ? &k->patched_bars :
					  &k->stock_bars;
			unsigned devfn, reg;
			unsigned long long v, sz;

			if (sscanf(line, "barv %x %x %llx %llx", &devfn, &reg, &v,
				   &sz) == 4 && bv->n < MAXBARV) {
				bv->v[bv->n].devfn = devfn;
				bv->v[bv->n].reg = reg;
				bv->v[bv->n].val = v;
				bv->v[bv->n].size = sz;
				bv->n++;
			}
		} else if (k && patched && !strncmp(line, "log ", 4)) {
			size_t old = k->patched_log ? strlen(k->patched_log) : 0;
			char *nl = realloc(k->patched_log, old + strlen(line) + 1);

			if (nl) {
				strcpy(nl + old, line + 4);
				k->patched_log = nl;
			}
		}
	}
	fclose(f);
	return 0;
}

/* ---- checks ---- */
struct stats {
	unsigned cases, compared, with_rdm, d1, d2, over, nokeys, igd,
		 noacpi, scratch16, libxl_refused, pci, pci_same,
		 pci_stock_over, pci_high_over, failed;
};

static void case_print(const struct hcase *k)
{
	const struct xenrdm_config *c = &k->cfg;
	size_t i;

	fprintf(stderr, "seed %#x case %u%s%s: bios %s mem %#" PRIx64 " mmio %#"
		PRIx64 " boundary %#" PRIx64 " hap %d strategy %d policy %d acpi %d "
		"pages %lu igd %#lx%s\n", seed, k->id, k->what ? " " : "",
		k->what ? k->what : "", xenrdm_bios_name(k->bios), c->mem_size,
		c->mmio_size, c->rdm_mem_boundary, c->hap, c->strategy,
		c->policy, k->acpi, k->acpi_pages, k->igd_pgbase,
		k->keys ? "" : " (no xen-rdm keys)");
	for (i = 0; i < c->nr_pci; i++)
		fprintf(stderr, "  pci %#x %s\n", c->pci[i].sbdf,
			xenrdm_policy_name(c->pci[i].policy));
	for (i = 0; i < c->nr_regions; i++)
		fprintf(stderr, "  region %#" PRIx64 "+%#" PRIx64 "%s%#x\n",
			c->regions[i].start, c->regions[i].size,
			c->regions[i].has_sbdf ? " @" : " host ",
			c->regions[i].sbdf);
}

static bool quiet;
static void bars_print(const char *name, const struct bars *bv);

static bool fail(struct stats *st, const struct hcase *k, const char *why)
{
	struct tab t;

	if (quiet) {
		st->failed++;
		return false;
	}
	fprintf(stderr, "FAIL: %s\n", why);
	case_print(k);
	tab_print(stderr, "(a) stock hvmloader, RDM in memory_map", &k->stock);
	if (k->stock_bug[0])
		fprintf(stderr, "  (a) BUG at %s", k->stock_bug);
	tab_print(stderr, "(b) patched hvmloader, RDM as xen-rdm keys",
		  &k->patched);
	if (k->patched_bug[0])
		fprintf(stderr, "  (b) BUG at %s", k->patched_bug);
	tab_print(stderr, "(c) xen-rdm plan's e820", &k->planner);
	boot_split(k, &k->planner, &t);
	tab_print(stderr, "(c) split as hvmloader splits its area (D2)", &t);
	if (k->bus) {
		bars_print("(a) stock pci_setup()", &k->stock_bars);
		bars_print("(b) patched pci_setup()", &k->patched_bars);
	}
	if (k->patched_log)
		fprintf(stderr, "  patched hvmloader's log:\n%s", k->patched_log);
	st->failed++;
	return false;
}

/* A memory BAR (or ROM) programmed at an address: [*start, +size). */
static bool bar_mem(const struct bars *bv, unsigned i, uint64_t *start)
{
	uint64_t v = bv->v[i].val;

	if (bv->v[i].reg == 0x30)
		*start = v & ~0x7ffULL;
	else if (v & 1)
		return false;                   /* I/O */
	else
		*start = v & ~0xfULL;
	return *start != 0;                     /* 0: not placed */
}

/* The first memory BAR of bv over a valid RDM range of the plan; only
 * BARs below 4 GiB (pci.c's mem_resource) when low. */
static int bar_over_rdm(const struct hcase *k, const struct bars *bv,
			bool low)
{
	unsigned i, j;
	uint64_t s;

	for (i = 0; i < bv->n; i++) {
		if (!bar_mem(bv, i, &s) || (low && s >= G4))
			continue;
		for (j = 0; j < k->plan.nr_rdms; j++) {
			const struct xenrdm_rdm *d = &k->plan.rdms[j];

			if (d->state == XENRDM_STATE_VALID &&
			    s < d->start + d->size && d->start < s + bv->v[i].size)
				return (int)i;
		}
	}
	return -1;
}

static bool bars_equal(const struct bars *a, const struct bars *b)
{
	unsigned i;

	if (a->pcistart != b->pcistart || a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->v[i].devfn != b->v[i].devfn || a->v[i].reg != b->v[i].reg ||
		    a->v[i].val != b->v[i].val)
			return false;
	return true;
}

static void bars_print(const char *name, const struct bars *bv)
{
	unsigned i;

	fprintf(stderr, "  %s: pci_mem_start %#" PRIx64 "\n", name,
		bv->pcistart);
	for (i = 0; i < bv->n; i++)
		fprintf(stderr, "    %02x:%x bar %02x size %#" PRIx64 ": %#" PRIx64
			"\n", bv->v[i].devfn >> 3, bv->v[i].devfn & 7,
			bv->v[i].reg, bv->v[i].size, bv->v[i].val);
}

/* pci.c's BAR placement: stock (RDM in memory_map) against patched (RDM
 * as keys).  Patched never puts a memory BAR on a range (below 4 GiB or,
 * unlike stock, above it);
 * where stock does not either, they place every BAR the same. */
static bool check_bars(struct stats *st, const struct hcase *k)
{
	int bad;

	if (!k->bus)
		return true;
	st->pci++;
	if (!k->keys) {
		if (!bars_equal(&k->stock_bars, &k->patched_bars))
			return fail(st, k, "pci.c, no xen-rdm keys: patched "
				    "BARs != stock BARs");
		return true;
	}
	if (bar_over_rdm(k, &k->patched_bars, false) >= 0)
		return fail(st, k, "pci.c: the patched hvmloader puts a memory "
			    "BAR on an RDM range");
	if (bar_over_rdm(k, &k->stock_bars, true) >= 0) {
		st->pci_stock_over++;   /* upstream's loop misses it */
		return true;
	}
	/* Above 4 GiB stock pci.c checks no range at all: a 64-bit BAR
	 * relocated high may land on one; the patched moves it.  Counted. */
	bad = bar_over_rdm(k, &k->stock_bars, false);
	if (bad >= 0) {
		st->pci_high_over++;
		return true;
	}
	if (!bars_equal(&k->stock_bars, &k->patched_bars))
		return fail(st, k, "pci.c: stock places every BAR clear of the "
			    "ranges, the patched hvmloader elsewhere");
	st->pci_same++;
	return true;
}

static bool check_case(struct stats *st, const struct hcase *k)
{
	struct tab ca, cc;
	uint32_t boot;

	st->cases++;
	/* libxl's domain_construct_memmap() refuses a memory_map of E820MAX
	 * entries or more ("Too many entries in the memory map"): upstream
	 * cannot even start such a guest, so there is no stock table to
	 * compare; with keys, (b) and (c) still must agree. */
	if (k->libxl_refuses && !k->keys)
		return true;
	if (!check_bars(st, k))
		return false;
	st->libxl_refused += k->libxl_refuses;
	if (k->stock_bug[0] && !k->over && !k->libxl_refuses)
		return fail(st, k, "stock hvmloader stopped (BUG)");
	if (!k->keys) {
		st->nokeys++;
		if (!tab_equal(&k->stock, &k->patched) ||
		    strcmp(k->stock_bug, k->patched_bug))
			return fail(st, k, "no xen-rdm keys: patched != stock");
		return true;
	}
	if (k->over) {
		/* The planner refused: the patched hvmloader must refuse too.
		 * (The planner counts ACPI NVS, as with acpi=1, xl's default;
		 * without ACPI hvmloader's table has one entry fewer.) */
		st->over++;
		if (!strstr(k->patched_bug, "xenrdm_hvmloader.c") && k->acpi)
			return fail(st, k, "the planner refuses this plan as "
				    "too long for its BIOS, the patched "
				    "hvmloader did not stop");
		return true;
	}
	if (k->patched_bug[0])
		return fail(st, k, "patched hvmloader stopped (BUG) on a plan "
			    "the planner accepts");
	if (k->patched_log && strstr(k->patched_log, "skip"))
		return fail(st, k, "patched hvmloader skipped a range");
	st->compared++;
	st->with_rdm += k->layout.nr_rdm > 0;
	st->igd += k->igd_pgbase != 0;
	st->noacpi += !k->acpi;
	st->scratch16 += k->stock.n > 16;
	canonical(&k->stock, &ca);
	if (!k->libxl_refuses && !tab_equal(&ca, &k->stock))
		st->d1++;
	if (!k->libxl_refuses && !tab_equal(&ca, &k->patched))
		return fail(st, k, "canonical(a) != (b)");
	boot_split(k, &k->planner, &cc);
	if (!tab_equal(&cc, &k->planner))
		st->d2++;
	if (!tab_equal(&cc, &k->patched))
		return fail(st, k, "(c) split at boot != (b)");
	if (k->acpi) {
		/* The planner counts the IGD OpRegion's 2 with gfx_passthru. */
		if (xenrdm_e820_boot_entries(&k->layout, &boot) ||
		    boot + (k->igd_pgbase ? 2 : 0) != k->patched.n)
			return fail(st, k, "the planner's count of boot entries "
				    "differs from the patched hvmloader's");
	}
	if (k->patched.n > xenrdm_bios_e820_keep(k->bios))
		return fail(st, k, "more entries than the BIOS keeps");
	return true;
}

/* ---- cases ---- */
static void plan_case(struct hcase *k)
{
	struct xenrdm_e820entry e[XENRDM_E820MAX];
	uint32_t n = 0, i;
	struct xenrdm_config c = k->cfg;

	k->cfg.bios = k->bios;
	/* xl's gfx_passthru: pci.c then allocates the IGD OpRegion. */
	k->cfg.igd_passthru = k->igd_pgbase != 0;
	c.igd_passthru = k->cfg.igd_passthru;
	/* The self-test plans for the wrong BIOS: the checks must fail. */
	c.bios = k->mutate ? (enum xenrdm_bios)((k->bios + 1) % 3) : k->bios;
	k->plan_rc = xenrdm_plan_compute(&c, &k->plan, NULL, 0);
	if (k->plan_rc == -XENRDM_ERR_NOSPACE) {
		/* Too long for this BIOS: the same plan for OVMF (128), so
		 * the patched hvmloader can be asked with this BIOS's limit. */
		c.bios = XENRDM_BIOS_OVMF;
		if (xenrdm_plan_compute(&c, &k->plan, NULL, 0) == 0) {
			k->over = true;
			k->plan.bios = k->bios;
		} else {
			k->plan_rc = -1;
			return;
		}
	} else if (k->plan_rc) {
		if (k->plan_rc == -XENRDM_ERR_CONFLICT)
			xenrdm_plan_free(&k->plan);
		return;
	}
	if (xenrdm_plan_fw_layout(&k->plan, &k->layout, NULL, 0) ||
	    xenrdm_plan_e820(&k->plan, e, XENRDM_E820MAX, &n, NULL, 0)) {
		if (!k->over) {
			fprintf(stderr, "case %u: the planner's own e820 fails\n",
				k->id);
			exit(2);
		}
	}
	for (i = 0; i < n; i++)
		tab_add(&k->planner, e[i].addr, e[i].addr + e[i].size,
			e[i].type);
	/* libxl: e820_entries = 1 (low RAM) + RDM + high RAM >= E820MAX:
	 * ERROR_INVAL (libxl_x86.c:717). */
	k->libxl_refuses = 1 + k->plan.nr_valid + (k->plan.highmem_end > G4) >=
			   XENRDM_E820MAX;
}

static uint64_t rnd_addr(void)
{
	static const uint64_t edges[] = {
		MiB(2), MiB(2048), MiB(2048) + PAGE, 0xa9d3e000, 0xc0000000,
		0xdffff000, 0xefe00000, 0xf0000000, 0xfbfff000, 0xfbff0000,
		G4, G4 + PAGE, 2 * G4, 1ULL << 40,
	};

	switch (test_rnd() % 4) {
	case 0:     /* below 4 GiB */
		return test_rnd() % G4 & ~(PAGE - 1);
	case 1:     /* the MMIO hole */
		return 0xd0000000ULL + (test_rnd() % 0x2c000000ULL & ~(PAGE - 1));
	case 2:     /* above 4 GiB */
		return G4 + (test_rnd() % (1ULL << 36) & ~(PAGE - 1));
	default:
		return edges[test_rnd() % N(edges)] - PAGE * (test_rnd() % 3);
	}
}

static uint64_t rnd_size(void)
{
	switch (test_rnd() % 4) {
	case 0: return PAGE;
	case 1: return (1 + test_rnd() % 64) * PAGE;
	case 2: return (1 + test_rnd() % 64) * MiB(1);
	default: return MiB(64) << (test_rnd() % 4);
	}
}

static void gen_case(struct hcase *k)
{
	static const uint64_t mems[] = {
		MiB(2), MiB(16), MiB(1024), MiB(2048), MiB(3840), MiB(4096),
		MiB(8192), MiB(65536),
	};
	struct xenrdm_config *c = &k->cfg;
	size_t i, n;

	xenrdm_config_init(c);
	c->mem_size = test_rnd() % 2 ? mems[test_rnd() % N(mems)] :
		      MiB(2) + (test_rnd() % (1ULL << 37) & ~(PAGE - 1));
	c->mmio_size = MiB(256) * (1 + test_rnd() % 8);
	if (test_rnd() % 3 == 0)
		c->rdm_mem_boundary = MiB(test_rnd() % 4096);
	c->hap = test_rnd() % 4 != 0;
	c->strategy = test_rnd() % 3 ? XENRDM_STRATEGY_HOST :
		      XENRDM_STRATEGY_IGNORE;
	c->policy = test_rnd() % 2 ? XENRDM_POLICY_STRICT :
		    XENRDM_POLICY_RELAXED;
	n = test_rnd() % 5;
	for (i = 0; i < n; i++) {
		k->pci[i].sbdf = XENRDM_SBDF(0, 0, i + 1, 0);
		k->pci[i].policy = test_rnd() % 3 ? XENRDM_POLICY_RELAXED :
				   XENRDM_POLICY_STRICT;
	}
	c->pci = k->pci;
	c->nr_pci = n;
	/* Mostly a few regions, sometimes enough to pass a BIOS's limit. */
	n = test_rnd() % 6 ? test_rnd() % 10 : 15 + test_rnd() % 120;
	for (i = 0; i < n; i++) {
		struct xenrdm_host_region *r = &k->reg[i];

		if (n > 10) {   /* many: apart, in the hole or above 4 GiB */
			r->start = (test_rnd() % 2 ? 0xe0000000ULL : 2 * G4) +
				   (test_rnd() % 128) * MiB(2);
			r->size = PAGE * (1 + test_rnd() % 600);
		} else {
			r->start = rnd_addr();
			r->size = rnd_size();
		}
		r->has_sbdf = test_rnd() % 3 != 0;
		r->sbdf = XENRDM_SBDF(0, 0, 1 + test_rnd() % 5, 0);
	}
	c->regions = k->reg;
	c->nr_regions = n;
	k->bios = (enum xenrdm_bios)(test_rnd() % 3);
	/* hvmloader: platform/acpi defaults to 1; its tables take a few
	 * pages from 0xFC001000 (acpi_mem_end stays below 0xFC100000). */
	k->acpi = test_rnd() % 10 != 0;
	k->acpi_pages = 1 + test_rnd() % 0xfe;
	/* With IGD passthrough pci.c allocates the OpRegion from the top of
	 * the dynamic area (mem_hole_alloc, downwards from 0xFE000000). */
	k->igd_pgbase = test_rnd() % 8 == 0 ?
			(RESERVED_MEMORY_DYNAMIC_END >> 12) - IGD_OPREGION_PAGES : 0;
	k->keys = true;
}

/* QEMU's i440fx bus as Xen's qemu-xen shows it to hvmloader (host
 * bridge, PIIX3 ISA/IDE/ACPI, Cirrus VGA, the Xen platform device), then
 * 1..4 passed-through functions with random BARs: 32-bit memory (4 KiB ..
 * 256 MiB), 64-bit memory (4 KiB .. 4 GiB: above 1 GiB pci.c puts them
 * above 4 GiB), I/O, an expansion ROM. */
static void gen_bus(struct hcase *k)
{
	static const struct pdev fixed[] = {
		{ 0x00, 0x8086, 0x1237, 0x0600, 0, { 0 }, { 0 } },
		{ 0x08, 0x8086, 0x7000, 0x0601, 0, { 0 }, { 0 } },
		{ 0x09, 0x8086, 0x7010, 0x0101, 0, { 0, 0, 0, 0, 0x10 },
		  { 0, 0, 0, 0, 1 } },
		{ 0x0b, 0x8086, 0x7113, 0x0680, 1, { 0 }, { 0 } },
		{ 0x10, 0x1013, 0x00b8, 0x0300, 0, { 0x2000000, 0x1000, 0, 0,
		  0, 0, 0x10000 }, { 8, 0 } },
		{ 0x18, 0x5853, 0x0001, 0xff80, 1, { 0x100, 0x1000000 },
		  { 1, 8 } },
	};
	unsigned i, n = 1 + (unsigned)(test_rnd() % 4);

	k->bus = true;
	k->nr_dev = 0;
	for (i = 0; i < N(fixed); i++)
		k->dev[k->nr_dev++] = fixed[i];
	for (i = 0; i < n; i++) {
		struct pdev *d = &k->dev[k->nr_dev++];
		unsigned b = 0, nb = 1 + (unsigned)(test_rnd() % 3);

		memset(d, 0, sizeof(*d));
		d->devfn = (4 + i) << 3;
		d->vendor = 0x10de;
		d->device = 0x1000 + i;
		d->class = 0x0200;
		d->pin = 1;
		while (nb-- && b < 6) {
			switch (test_rnd() % 4) {
			case 0:         /* 32-bit memory */
				d->size[b] = 1ULL << (12 + test_rnd() % 17);
				d->flags[b] = test_rnd() % 2 ? 8 : 0;
				b++;
				break;
			case 1:         /* 64-bit memory, two registers */
				if (b > 4)
					break;
				d->size[b] = 1ULL << (12 + test_rnd() % 21);
				d->flags[b] = 4 | 8;
				b += 2;
				break;
			case 2:         /* I/O */
				d->size[b] = 1ULL << (5 + test_rnd() % 4);
				d->flags[b] = 1;
				b++;
				break;
			default:        /* an expansion ROM */
				d->size[6] = 1ULL << (11 + test_rnd() % 8);
				break;
			}
		}
	}
}

/* The README's worked example (remedy 2) and the demo's real host. */
static void example_cases(struct hcase *k, unsigned *nr)
{
	static const struct {
		const char *what;
		uint64_t mem, boundary;
		struct xenrdm_host_region reg[4];
		unsigned nr_reg;
		xenrdm_sbdf pci[3];
		enum xenrdm_policy policy[3];
		unsigned nr_pci;
	} ex[] = {
		{ "README laptop, rdm_mem_boundary 1958", MiB(4096), MiB(1958),
		  { { 0x7b800000, 0x4800000, true, XENRDM_SBDF(0, 0, 2, 0), 0 },
		    { 0x7a6e9000, 0x20000, true, XENRDM_SBDF(0, 0, 0x14, 0), 0 },
		    { 0x7a6e9000, 0x20000, true, XENRDM_SBDF(0, 0, 0x1a, 0), 0 } },
		  3, { XENRDM_SBDF(0, 0, 2, 0), XENRDM_SBDF(0, 0, 0x14, 0),
		       XENRDM_SBDF(0, 0, 0x1a, 0) }, { 1, 1, 1 }, 3 },
		{ "README demo (make demo)", MiB(4096), MiB(2048),
		  { { 0xab800000, 0x4200000, true, XENRDM_SBDF(0, 0, 2, 0), 0 },
		    { 0xa9d3e000, 0x20000, true, XENRDM_SBDF(0, 0, 0x14, 0), 0 },
		    { 0xfd000000, 0x1000, true, XENRDM_SBDF(0, 0, 0x1f, 3), 0 } },
		  3, { XENRDM_SBDF(0, 0, 2, 0), XENRDM_SBDF(0, 0, 0x14, 0),
		       XENRDM_SBDF(0, 0, 0x1f, 3) }, { 1, 1, 0 }, 3 },
	};
	unsigned i, b, j;

	for (i = 0; i < N(ex); i++)
		for (b = 0; b < 3; b++) {
			struct hcase *c = &k[(*nr)++];

			xenrdm_config_init(&c->cfg);
			c->what = ex[i].what;
			c->cfg.mem_size = ex[i].mem;
			c->cfg.rdm_mem_boundary = ex[i].boundary;
			memcpy(c->reg, ex[i].reg, sizeof(ex[i].reg));
			c->cfg.regions = c->reg;
			c->cfg.nr_regions = ex[i].nr_reg;
			for (j = 0; j < ex[i].nr_pci; j++) {
				c->pci[j].sbdf = ex[i].pci[j];
				c->pci[j].policy = ex[i].policy[j];
			}
			c->cfg.pci = c->pci;
			c->cfg.nr_pci = ex[i].nr_pci;
			c->bios = (enum xenrdm_bios)b;
			c->acpi = true;
			c->acpi_pages = 12;
			c->keys = true;
		}
}

/* Plan every case, run the plans that hold (or are too long only for
 * their BIOS) through both runners, check them.  Returns the failures. */
static unsigned batch(const char *stock, const char *patched,
		      struct hcase *cases, unsigned nr, struct stats *st,
		      unsigned *planned)
{
	struct hcase **v = calloc(nr ? nr : 1, sizeof(*v));
	unsigned i, m = 0, failed = st->failed;

	if (!v)
		exit(3);
	for (i = 0; i < nr; i++) {
		cases[i].id = i;
		plan_case(&cases[i]);
		if (cases[i].plan_rc == 0 || cases[i].over)
			v[m++] = &cases[i];
	}
	*planned += m;
	if (run(stock, v, m, false) || run(patched, v, m, true))
		st->failed++;
	else
		for (i = 0; i < m; i++)
			if (!check_case(st, v[i]) && st->failed - failed >= 3)
				break;
	for (i = 0; i < nr; i++) {
		if (cases[i].plan_rc == 0 || cases[i].over)
			xenrdm_plan_free(&cases[i].plan);
		free(cases[i].patched_log);
	}
	free(v);
	return st->failed - failed;
}

static void sub_result(const char *name, unsigned failed, unsigned planned,
		       unsigned *pass, unsigned *failn)
{
	printf("  %-5s %s: %u plans\n", failed ? "FAIL" : "ok", name, planned);
	*(failed ? failn : pass) += 1;
}

#define BATCH 1000

int main(int argc, char **argv)
{
	struct hcase *cases;
	struct stats st = { 0 };
	struct stat sb;
	unsigned i, nr, done, f, planned, pass = 0, failn = 0, nokeys_cases;
	struct timespec t0, t1;

	if (argc < 4) {
		fprintf(stderr, "usage: harness STOCK_RUNNER PATCHED_RUNNER "
			"TMPDIR [CASES [SEED]]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tmpdir = argv[3];
	if (argc > 4)
		nr_random = (unsigned)strtoul(argv[4], NULL, 0);
	if (argc > 5)
		seed = (unsigned)strtoul(argv[5], NULL, 0);
	if (stat(SEABIOS_IMAGE, &sb)) {
		fprintf(stderr, "harness: %s: %s (Debian's seabios package; "
			"libxl loads it for bios=seabios)\n", SEABIOS_IMAGE,
			strerror(errno));
		return 2;
	}
	seabios_len = (uint64_t)sb.st_size;
	printf("hvmloader harness: seed %#x; SeaBIOS image %s is %" PRIu64
	       " bytes, so seabios.c reserves from %#" PRIx64 "\n", seed,
	       SEABIOS_IMAGE, seabios_len, 0x100000 - seabios_len);

	cases = calloc(BATCH, sizeof(*cases));
	if (!cases)
		return 3;

	/* 1. The README's examples, each BIOS. */
	nr = 0;
	example_cases(cases, &nr);
	planned = 0;
	f = batch(argv[1], argv[2], cases, nr, &st, &planned);
	sub_result("README examples", f, planned, &pass, &failn);

	/* 2. Random plans, in batches. */
	test_rng_seed(seed);
	planned = 0;
	f = 0;
	for (done = 0; done < nr_random && f == 0; done += nr) {
		nr = nr_random - done < BATCH ? nr_random - done : BATCH;
		memset(cases, 0, sizeof(*cases) * nr);
		for (i = 0; i < nr; i++)
			gen_case(&cases[i]);
		f += batch(argv[1], argv[2], cases, nr, &st, &planned);
	}
	sub_result("random plans", f, planned, &pass, &failn);

	/* 3. No xen-rdm keys: patched == stock exactly, with libxl's own RDM
	 * entries in memory_map (rdm= in xl.cfg) and without any. */
	test_rng_seed(seed ^ 0x5a5a5a5a);
	nr = nr_random / 4 < BATCH ? nr_random / 4 + 1 : BATCH;
	memset(cases, 0, sizeof(*cases) * nr);
	for (i = 0; i < nr; i++) {
		gen_case(&cases[i]);
		cases[i].keys = false;
		if (i % 2)
			cases[i].cfg.nr_regions = 0;
	}
	planned = 0;
	f = batch(argv[1], argv[2], cases, nr, &st, &planned);
	sub_result("no xen-rdm keys", f, planned, &pass, &failn);
	nokeys_cases = nr;

	/* 4. libxl's RDM entries (rdm= in xl.cfg) and the xen-rdm keys
	 * together: every other range also in memory_map. */
	test_rng_seed(seed ^ 0x3c3c3c3c);
	nr = nr_random / 4 < BATCH ? nr_random / 4 + 1 : BATCH;
	memset(cases, 0, sizeof(*cases) * nr);
	for (i = 0; i < nr; i++) {
		gen_case(&cases[i]);
		cases[i].mixed = true;
	}
	planned = 0;
	f = batch(argv[1], argv[2], cases, nr, &st, &planned);
	sub_result("libxl's RDM and xen-rdm keys together", f, planned, &pass,
		   &failn);

	/* 5. pci.c's BAR placement on a random bus, with and without keys. */
	test_rng_seed(seed ^ 0x0c0c0c0c);
	planned = 0;
	f = 0;
	for (done = 0; done < nr_random / 3 + 1 && f == 0; done += nr) {
		nr = nr_random / 3 + 1 - done < BATCH ?
		     nr_random / 3 + 1 - done : BATCH;
		memset(cases, 0, sizeof(*cases) * nr);
		for (i = 0; i < nr; i++) {
			gen_case(&cases[i]);
			gen_bus(&cases[i]);
			cases[i].keys = i % 4 != 0;
		}
		f += batch(argv[1], argv[2], cases, nr, &st, &planned);
	}
	sub_result("pci.c BAR placement", f, planned, &pass, &failn);

	/* 6. The checks can fail: the README's examples planned for the
	 * wrong BIOS (SeaBIOS's 0xC0000 against OVMF's 0xF0000, ...) must
	 * each be caught. */
	nr = 0;
	memset(cases, 0, sizeof(*cases) * 6);
	example_cases(cases, &nr);
	for (i = 0; i < nr; i++)
		cases[i].mutate = true;
	quiet = true;
	planned = 0;
	{
		struct stats mst = { 0 };
		unsigned caught;

		for (i = 0; i < nr; i++) {
			struct stats one = { 0 };

			f = batch(argv[1], argv[2], &cases[i], 1, &one,
				  &planned);
			mst.failed += f != 0;
		}
		caught = mst.failed;
		quiet = false;
		printf("  %-5s self-test: %u of %u plans made for the wrong "
		       "BIOS caught\n", caught == nr ? "ok" : "FAIL", caught,
		       nr);
		*(caught == nr ? &pass : &failn) += 1;
	}
	free(cases);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("pci.c: %u buses (BARs placed the same by stock and patched "
	       "in %u with keys; stock put a BAR below 4 GiB on an RDM range in "
	       "%u, the patched never; stock put a 64-bit BAR above 4 GiB on "
	       "a range in %u, the patched never)\n", st.pci, st.pci_same,
	       st.pci_stock_over, st.pci_high_over);
	printf("compared %u plans with RDM keys (%u with RDM ranges; %u where "
	       "stock lists entries unmerged (D1), %u where hvmloader splits "
	       "the planner's area (D2); %u with the IGD OpRegion, %u without "
	       "ACPI; %u whose stock table exceeds the 16-entry scratch of "
	       "stock seabios.c/ovmf.c, %u that libxl itself refuses), %u too "
	       "long for their BIOS (patched "
	       "hvmloader stops), %u without keys; %u failures; %.1f s\n",
	       st.compared, st.with_rdm, st.d1, st.d2, st.igd, st.noacpi,
	       st.scratch16, st.libxl_refused, st.over, st.nokeys, st.failed,
	       (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* The generator must reach what it is meant to. */
	if (st.compared < nr_random / 3 || st.d1 < 10 || st.d2 < 10 ||
	    st.over < 5 || st.nokeys < nokeys_cases / 8) {
		printf("  FAIL  generator too tame\n");
		failn++;
	}
	printf("hvmloader-harness: %u passed, %u failed\n", pass, failn);
	return failn ? 1 : 0;
}
