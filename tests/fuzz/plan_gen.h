/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/plan_gen.h - turns fuzzer bytes into a planner configuration
 * (shared by fuzz_plan.c and fuzz_remedy.c; one translation unit each,
 * hence static).  Values come from a table of edges (0, just below
 * 1 MiB, the boundary, 4 GiB +- a page, hvmloader's area, 2^52) plus a few
 * pages, or from raw input bytes.
 */
#ifndef XENRDM_FUZZ_PLAN_GEN_H
#define XENRDM_FUZZ_PLAN_GEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/xenrdm.h"

#define MAX_PCI 8
#define MAX_REG 64
#define MiB(x) ((uint64_t)(x) << 20)
#define G4 0x100000000ULL
#define PAGE XENRDM_PAGE_SIZE

static struct xenrdm_config cfg;
static struct xenrdm_pci_dev pci[MAX_PCI];
static struct xenrdm_host_region reg[MAX_REG];

static void dump_config(void)
{
	size_t i;

	fprintf(stderr, "config: mem 0x%llx mmio 0x%llx boundary 0x%llx "
		"hap %d strategy %d policy %d\n",
		(unsigned long long)cfg.mem_size,
		(unsigned long long)cfg.mmio_size,
		(unsigned long long)cfg.rdm_mem_boundary, cfg.hap,
		cfg.strategy, cfg.policy);
	for (i = 0; i < cfg.nr_pci; i++)
		fprintf(stderr, "  pci %#x policy %d\n", cfg.pci[i].sbdf,
			cfg.pci[i].policy);
	for (i = 0; i < cfg.nr_regions; i++)
		fprintf(stderr, "  region 0x%llx+0x%llx%s%#x\n",
			(unsigned long long)cfg.regions[i].start,
			(unsigned long long)cfg.regions[i].size,
			cfg.regions[i].has_sbdf ? " @" : " host ",
			cfg.regions[i].sbdf);
}

/* An oracle failure: the target's file and line, the condition, the
 * configuration that broke it, then abort() for libFuzzer. */
#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
		dump_config(); \
		abort(); \
	} \
} while (0)

/* ---- input ---- */
struct input {
	const uint8_t *d;
	size_t n, pos;
};

static uint8_t in_u8(struct input *in)
{
	return in->pos < in->n ? in->d[in->pos++] : 0;
}

static uint64_t in_u64(struct input *in)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | in_u8(in);
	return v;
}

static const uint64_t edge_addr[] = {
	0, PAGE, 0x9f000, 0xa0000, 0xdf000, 0xe0000, 0xff000, MiB(1),
	MiB(2), MiB(1024) - PAGE, MiB(2048) - PAGE, MiB(2048), MiB(2048) + PAGE,
	MiB(2050), 0xbfe00000, 0xc0000000, 0xdffff000, 0xeffff000,
	0xf0000000, 0xfbfff000, 0xfc000000, 0xfec00000, 0xfffff000,
	G4 - MiB(2), G4, G4 + PAGE, G4 + MiB(2), 2 * G4, 1ULL << 40,
	XENRDM_PADDR_LIMIT - MiB(2), XENRDM_PADDR_LIMIT - PAGE,
	XENRDM_PADDR_LIMIT,
};
static const uint64_t edge_size[] = {
	PAGE, 2 * PAGE, 0x10000, MiB(1), MiB(2), MiB(2) + PAGE, MiB(8),
	MiB(64), MiB(256), 0x4000000, G4, 0, 0x800,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* An address: an edge plus a few pages, or raw (page aligned, < 2^53). */
static uint64_t gen_addr(struct input *in)
{
	uint8_t sel = in_u8(in);

	if (sel < 200)
		return edge_addr[sel % N(edge_addr)] +
		       (uint64_t)(in_u8(in) % 8) * PAGE;
	if (sel < 250)
		return edge_addr[sel % N(edge_addr)] -
		       (uint64_t)(in_u8(in) % 4) * PAGE;
	if (sel < 254)
		return in_u64(in) & ((1ULL << 53) - 1) & ~(PAGE - 1);
	return in_u64(in);         /* unaligned, anything */
}

static uint64_t gen_size(struct input *in)
{
	uint8_t sel = in_u8(in);

	if (sel < 240)
		return edge_size[sel % N(edge_size)];
	if (sel < 254)
		return (in_u64(in) & ((1ULL << 44) - 1) & ~(PAGE - 1));
	return in_u64(in);
}

static uint64_t gen_mem(struct input *in)
{
	static const uint64_t mem[] = {
		MiB(2), MiB(2) + PAGE, MiB(2) - PAGE, MiB(16), MiB(1024),
		MiB(2048), MiB(3840), 0xf0000000, 0xf0001000, G4, MiB(8192),
		1ULL << 40, XENRDM_PADDR_LIMIT - G4 + 0xf0000000 - PAGE,
		XENRDM_PADDR_LIMIT - G4 + 0xf0000000, XENRDM_PADDR_LIMIT,
	};
	uint8_t sel = in_u8(in);

	if (sel < 240)
		return mem[sel % N(mem)];
	return in_u64(in) & ((1ULL << 53) - 1) & ~(PAGE - 1);
}

static uint64_t gen_mmio(struct input *in)
{
	static const uint64_t mmio[] = {
		MiB(256), MiB(512), MiB(1024), MiB(2048), MiB(3840),
		MiB(256) - PAGE, MiB(3840) + PAGE, MiB(256) + PAGE,
	};
	uint8_t sel = in_u8(in);

	if (sel < 250)
		return mmio[sel % N(mmio)];
	return in_u64(in) & 0x1ffffffffULL;
}

static uint64_t gen_boundary(struct input *in)
{
	static const uint64_t b[] = {
		MiB(2048), 0, MiB(1), MiB(512), MiB(3072), G4,
		0xdffff000, MiB(2048) - PAGE,
	};
	uint8_t sel = in_u8(in);

	if (sel < 250)
		return b[sel % N(b)];
	return in_u64(in);
}

static void gen_config(struct input *in)
{
	uint8_t flags = in_u8(in);
	size_t i, n;

	xenrdm_config_init(&cfg);
	cfg.hap = !(flags & 1);
	cfg.strategy = (flags & 2) ? XENRDM_STRATEGY_HOST :
		       XENRDM_STRATEGY_IGNORE;
	cfg.policy = (flags & 4) ? XENRDM_POLICY_STRICT : XENRDM_POLICY_RELAXED;
	cfg.bios = (enum xenrdm_bios)((flags >> 3) % 3);
	cfg.mem_size = gen_mem(in);
	cfg.mmio_size = gen_mmio(in);
	cfg.rdm_mem_boundary = gen_boundary(in);
	n = in_u8(in) % (MAX_PCI + 1);
	for (i = 0; i < n; i++) {
		uint8_t b = in_u8(in);

		pci[i].sbdf = XENRDM_SBDF(0, 0, b & 0xf, 0);
		pci[i].policy = (b & 0x80) ? XENRDM_POLICY_RELAXED :
				XENRDM_POLICY_STRICT;
	}
	cfg.pci = pci;
	cfg.nr_pci = n;
	for (n = 0; n < MAX_REG && in->pos < in->n; n++) {
		uint8_t b = in_u8(in);

		reg[n].start = gen_addr(in);
		reg[n].size = gen_size(in);
		reg[n].has_sbdf = !(b & 0x80);
		reg[n].sbdf = reg[n].has_sbdf ? XENRDM_SBDF(0, 0, b & 0xf, 0) : 0;
	}
	cfg.regions = reg;
	cfg.nr_regions = n;
}

#endif
