/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_plan.c - the planner's rules, one table row per case.
 * Every expected value is worked out by hand from the rules (comments
 * give the arithmetic), never copied from the planner's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/xenrdm.h"

#define KiB4 0x1000ULL
#define MiB(x) ((uint64_t)(x) << 20)
#define GiB(x) ((uint64_t)(x) << 30)
#define G4 0x100000000ULL
#define MMIO0 0xF0000000ULL             /* default mmio_start */
#define BND 0x80000000ULL               /* default boundary, 2048 MiB */
#define LIM (1ULL << 52)

#define D1 XENRDM_SBDF(0, 1, 0, 0)
#define D2 XENRDM_SBDF(0, 2, 0, 0)
#define D3 XENRDM_SBDF(1, 3, 0x1f, 7)

#define S XENRDM_POLICY_STRICT
#define R XENRDM_POLICY_RELAXED
#define VALID XENRDM_STATE_VALID
#define DROPPED XENRDM_STATE_DROPPED
#define CONFLICT XENRDM_STATE_CONFLICT
#define NONE XENRDM_REASON_NONE
#define LOW XENRDM_REASON_LOWMEM
#define HIGH XENRDM_REASON_HIGHMEM
#define HVML XENRDM_REASON_HVMLOADER

/* Host regions: a device-tied one and a host-wide one. */
#define RD(s, sz, d) { (s), (sz), true, (d) }
#define RH(s, sz) { (s), (sz), false, 0 }

struct want_rdm {
	uint64_t start, size;
	enum xenrdm_policy policy;
	enum xenrdm_state state;
	enum xenrdm_reason reason;
	bool host_wide;
	size_t nr_dev;
	xenrdm_sbdf dev[3];
};

struct plan_case {
	const char *name;
	uint64_t mem;
	uint64_t mmio;          /* 0: default */
	int64_t boundary;       /* -1: default */
	bool no_hap;
	int strategy;           /* XENRDM_STRATEGY_* */
	int policy;             /* global rdm policy */
	struct xenrdm_host_region reg[6];
	size_t nr_reg;
	struct xenrdm_pci_dev pci[4];
	size_t nr_pci;
	int rc;                 /* 0 or -XENRDM_ERR_* */
	uint64_t low, high;     /* checked when rc is 0 or CONFLICT */
	struct want_rdm rdm[6];
	size_t nr_rdm;
};

#define HOST .strategy = XENRDM_STRATEGY_HOST
#define DEF .boundary = -1

static const struct plan_case cases[] = {
	/* Rule 2: the start values, mem_size around mmio_start. */
	{ "no regions, 1 GiB", .mem = GiB(1), DEF, .low = GiB(1), .high = G4 },
	{ "mem = mmio_start - 4K", .mem = MMIO0 - KiB4, DEF,
	  .low = MMIO0 - KiB4, .high = G4 },
	{ "mem = mmio_start", .mem = MMIO0, DEF, .low = MMIO0, .high = G4 },
	{ "mem = mmio_start + 4K", .mem = MMIO0 + KiB4, DEF,
	  .low = MMIO0, .high = G4 + KiB4 },
	{ "mem = 4 GiB: 256 MiB above 4G", .mem = G4, DEF,
	  .low = MMIO0, .high = G4 + MiB(256) },
	{ "mmio hole 3840 MiB (max)", .mem = GiB(1), .mmio = MiB(3840), DEF,
	  .low = MiB(256), .high = G4 + GiB(1) - MiB(256) },
	{ "mem 2 MiB (min)", .mem = MiB(2), DEF, .low = MiB(2), .high = G4 },
	{ "device without regions", .mem = GiB(1), DEF,
	  .pci = { { D3, S } }, .nr_pci = 1, .low = GiB(1), .high = G4 },

	/* Rule 1: which regions are in the set. */
	{ "strategy ignore drops host-wide", .mem = GiB(1), DEF,
	  .reg = { RH(0xF1000000, KiB4) }, .nr_reg = 1,
	  .low = GiB(1), .high = G4 },
	{ "strategy ignore drops unassigned device's", .mem = GiB(1), DEF,
	  .reg = { RD(0xF1000000, KiB4, D2) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .low = GiB(1), .high = G4 },
	{ "strategy host keeps host-wide, global policy", .mem = GiB(1), DEF,
	  HOST, .policy = R, .reg = { RH(0xF1000000, KiB4) }, .nr_reg = 1,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, R, VALID, NONE, true, 0, { 0 } } },
	  .nr_rdm = 1 },
	{ "strategy host: unassigned device's is host-wide", .mem = GiB(1),
	  DEF, HOST, .policy = S, .reg = { RD(0xF1000000, KiB4, D2) },
	  .nr_reg = 1, .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, S, VALID, NONE, true, 0, { 0 } } },
	  .nr_rdm = 1 },
	{ "every region of a device (seed: only the first)", .mem = GiB(1),
	  DEF, .reg = { RD(0xF1000000, KiB4, D1), RD(0xF2000000, KiB4, D1),
			RD(0xF3000000, MiB(1), D1) }, .nr_reg = 3,
	  .pci = { { D1, S } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, S, VALID, NONE, false, 1, { D1 } },
		   { 0xF2000000, KiB4, S, VALID, NONE, false, 1, { D1 } },
		   { 0xF3000000, MiB(1), S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 3 },
	{ "shared range: one region, strictest wins, devices sorted",
	  .mem = GiB(1), DEF,
	  .reg = { RD(0xF1000000, KiB4, D2), RD(0xF1000000, KiB4, D1) },
	  .nr_reg = 2, .pci = { { D2, R }, { D1, S } }, .nr_pci = 2,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, S, VALID, NONE, false, 2, { D1, D2 } } },
	  .nr_rdm = 1 },
	{ "shared range, both relaxed: stays relaxed", .mem = GiB(1), DEF,
	  .reg = { RD(0xF1000000, KiB4, D1), RD(0xF1000000, KiB4, D2) },
	  .nr_reg = 2, .pci = { { D1, R }, { D2, R } }, .nr_pci = 2,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, R, VALID, NONE, false, 2, { D1, D2 } } },
	  .nr_rdm = 1 },
	{ "shared range: the strict device sorts last", .mem = GiB(1), DEF,
	  .reg = { RD(0xF1000000, KiB4, D1), RD(0xF1000000, KiB4, D2) },
	  .nr_reg = 2, .pci = { { D1, R }, { D2, S } }, .nr_pci = 2,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, S, VALID, NONE, false, 2, { D1, D2 } } },
	  .nr_rdm = 1 },
	{ "host-wide relaxed + device strict: strict", .mem = GiB(1), DEF,
	  HOST, .policy = R,
	  .reg = { RD(0xF1000000, KiB4, D2), RH(0xF1000000, KiB4) },
	  .nr_reg = 2, .pci = { { D2, S } }, .nr_pci = 1,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, S, VALID, NONE, true, 1, { D2 } } },
	  .nr_rdm = 1 },
	{ "same range twice for one device: listed once", .mem = GiB(1), DEF,
	  .reg = { RD(0xF1000000, KiB4, D1), RD(0xF1000000, KiB4, D1) },
	  .nr_reg = 2, .pci = { { D1, R } }, .nr_pci = 1,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, R, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "host-wide strict + device relaxed: strict", .mem = GiB(1), DEF,
	  HOST, .policy = S,
	  .reg = { RH(0xF1000000, KiB4), RD(0xF1000000, KiB4, D2) },
	  .nr_reg = 2, .pci = { { D2, R } }, .nr_pci = 1,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xF1000000, KiB4, S, VALID, NONE, true, 1, { D2 } } },
	  .nr_rdm = 1 },
	{ "@SBDF with strategy host: one region, device relaxed + global "
	  "strict", .mem = GiB(1), DEF, HOST, .policy = S,
	  .reg = { RD(0xFC000000, KiB4, D2) }, .nr_reg = 1,
	  .pci = { { D2, R } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xFC000000, KiB4, S, CONFLICT, HVML, true, 1, { D2 } } },
	  .nr_rdm = 1 },
	{ "overlapping, different ranges: judged each (relaxed fails)",
	  .mem = GiB(1), DEF,
	  .reg = { RD(0xFB000000, MiB(16), D1), RD(0xFB800000, MiB(16), D2) },
	  .nr_reg = 2, .pci = { { D1, S }, { D2, R } }, .nr_pci = 2,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xFB000000, MiB(16), S, VALID, NONE, false, 1, { D1 } },
		   { 0xFB800000, MiB(16), R, DROPPED, HVML, false, 1, { D2 } } },
	  .nr_rdm = 2 },
	{ "overlapping, different ranges: strict fails, relaxed stays",
	  .mem = GiB(1), DEF,
	  .reg = { RD(0xFB000000, MiB(16), D2), RD(0xFB800000, MiB(16), D1) },
	  .nr_reg = 2, .pci = { { D1, S }, { D2, R } }, .nr_pci = 2,
	  .rc = -XENRDM_ERR_CONFLICT, .low = GiB(1), .high = G4,
	  .rdm = { { 0xFB000000, MiB(16), R, VALID, NONE, false, 1, { D2 } },
		   { 0xFB800000, MiB(16), S, CONFLICT, HVML, false, 1, { D1 } } },
	  .nr_rdm = 2 },

	/* Rule 3: relocation.  mem 4G: low0 0xF0000000, high0 4G+256M. */
	{ "relocate, HAP: 0xC0100000 rounds to 0xC0000000", .mem = G4, DEF,
	  .reg = { RD(0xC0100000, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = 0xC0000000, .high = G4 + MiB(256) + 0x30000000,
	  .rdm = { { 0xC0100000, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "relocate, no HAP: exact start", .mem = G4, DEF, .no_hap = true,
	  .reg = { RD(0xC0100000, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = 0xC0100000, .high = G4 + MiB(256) + 0x2FF00000,
	  .rdm = { { 0xC0100000, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "start = boundary: not moved, low RAM conflict", .mem = G4, DEF,
	  .reg = { RD(BND, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = MMIO0, .high = G4 + MiB(256),
	  .rdm = { { BND, KiB4, S, CONFLICT, LOW, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "start = boundary + 4K: moved (HAP rounds to boundary)", .mem = G4,
	  DEF, .reg = { RD(BND + KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = BND, .high = G4 + MiB(256) + (MMIO0 - BND),
	  .rdm = { { BND + KiB4, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "start = boundary + 4K, no HAP", .mem = G4, DEF, .no_hap = true,
	  .reg = { RD(BND + KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = BND + KiB4, .high = G4 + MiB(256) + (MMIO0 - BND - KiB4),
	  .rdm = { { BND + KiB4, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "relaxed region relocates too", .mem = G4, DEF,
	  .reg = { RD(0xC0000000, MiB(1), D2) }, .nr_reg = 1,
	  .pci = { { D2, R } }, .nr_pci = 1,
	  .low = 0xC0000000, .high = G4 + MiB(256) + 0x30000000,
	  .rdm = { { 0xC0000000, MiB(1), R, VALID, NONE, false, 1, { D2 } } },
	  .nr_rdm = 1 },
	{ "lowest start wins among several", .mem = G4, DEF, .no_hap = true,
	  .reg = { RD(0xD0000000, KiB4, D1), RD(0xC0201000, KiB4, D2),
		   RD(0xE0000000, KiB4, D1) }, .nr_reg = 3,
	  .pci = { { D1, S }, { D2, S } }, .nr_pci = 2,
	  .low = 0xC0201000, .high = G4 + MiB(256) + (MMIO0 - 0xC0201000),
	  .rdm = { { 0xC0201000, KiB4, S, VALID, NONE, false, 1, { D2 } },
		   { 0xD0000000, KiB4, S, VALID, NONE, false, 1, { D1 } },
		   { 0xE0000000, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 3 },
	{ "boundary in bytes: 1024 MiB (seed: KiB as bytes)", .mem = GiB(2),
	  .boundary = (int64_t)MiB(1024), .no_hap = true,
	  .reg = { RD(0x50000000, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = 0x50000000, .high = G4 + GiB(2) - 0x50000000,
	  .rdm = { { 0x50000000, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "region ends exactly at low0: moved", .mem = GiB(1),
	  .boundary = (int64_t)MiB(512),
	  .reg = { RD(GiB(1) - KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = GiB(1) - MiB(2), .high = G4 + MiB(2),
	  .rdm = { { GiB(1) - KiB4, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "region starts exactly at low0: untouched", .mem = GiB(1),
	  .boundary = (int64_t)MiB(512),
	  .reg = { RD(GiB(1), KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { GiB(1), KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	/* hvmloader's build_e820_table: BUG_ON(low_mem_end < MB(2)). */
	{ "boundary 0, no HAP: low RAM down to 2 MiB", .mem = GiB(1),
	  .boundary = 0, .no_hap = true,
	  .reg = { RD(MiB(2), KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = MiB(2), .high = G4 + GiB(1) - MiB(2),
	  .rdm = { { MiB(2), KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "boundary 0, no HAP: low RAM 2 MiB - 4 KiB refused", .mem = GiB(1),
	  .boundary = 0, .no_hap = true,
	  .reg = { RD(MiB(2) - KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_LAYOUT },
	{ "boundary 0, no HAP: low RAM 1 MiB refused", .mem = GiB(1),
	  .boundary = 0, .no_hap = true,
	  .reg = { RD(MiB(1), KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_LAYOUT },
	{ "boundary 0, HAP: would leave < 2 MiB", .mem = GiB(1),
	  .boundary = 0, .reg = { RD(MiB(2) - KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_LAYOUT },

	/* Rule 4: conflicts.  mem 8G: low 0xF0000000, high 4G + 4.25G. */
	{ "below boundary, relaxed: invalid", .mem = GiB(1), DEF,
	  .reg = { RD(0x10000000, KiB4, D2) }, .nr_reg = 1,
	  .pci = { { D2, R } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { 0x10000000, KiB4, R, DROPPED, LOW, false, 1, { D2 } } },
	  .nr_rdm = 1 },
	{ "legacy area 0xE0000 overlaps low RAM", .mem = GiB(1), DEF,
	  .reg = { RD(0xE0000, MiB(1) - 0xE0000, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xE0000, 0x20000, S, CONFLICT, LOW, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "high RAM, last page", .mem = GiB(8), DEF,
	  .reg = { RD(G4 + GiB(8) - MiB(3840) - KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = MMIO0, .high = G4 + GiB(8) - MiB(3840),
	  .rdm = { { G4 + GiB(8) - MiB(3840) - KiB4, KiB4, S, CONFLICT, HIGH,
		     false, 1, { D1 } } }, .nr_rdm = 1 },
	{ "starts at highmem_end: valid", .mem = GiB(8), DEF,
	  .reg = { RD(G4 + GiB(8) - MiB(3840), KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = MMIO0, .high = G4 + GiB(8) - MiB(3840),
	  .rdm = { { G4 + GiB(8) - MiB(3840), KiB4, S, VALID, NONE, false, 1,
		     { D1 } } }, .nr_rdm = 1 },
	{ "at 4G without high RAM: valid", .mem = GiB(1), DEF,
	  .reg = { RD(G4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { G4, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "at 4G with high RAM: conflict", .mem = G4, DEF,
	  .reg = { RD(G4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = MMIO0, .high = G4 + MiB(256),
	  .rdm = { { G4, KiB4, S, CONFLICT, HIGH, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	/*
	 * Across 4 GiB without high RAM: the region overlaps hvmloader's
	 * area, not RAM, and must be reported as such.
	 *   0xFC000000      4G
	 *   |--hvmloader---|            (no high RAM)
	 *              [RDM]
	 */
	{ "across 4G without high RAM: hvmloader's area", .mem = GiB(1), DEF,
	  .reg = { RD(G4 - KiB4, 2 * KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = GiB(1), .high = G4,
	  .rdm = { { G4 - KiB4, 2 * KiB4, S, CONFLICT, HVML, false, 1,
		     { D1 } } }, .nr_rdm = 1 },
	/* The same with high RAM: RAM comes first in the reasons. */
	{ "across 4G with high RAM: highmem", .mem = G4, DEF,
	  .reg = { RD(G4 - KiB4, 2 * KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = MMIO0, .high = G4 + MiB(256),
	  .rdm = { { G4 - KiB4, 2 * KiB4, S, CONFLICT, HIGH, false, 1,
		     { D1 } } }, .nr_rdm = 1 },
	{ "ends at 0xFC000000: valid", .mem = GiB(1), DEF,
	  .reg = { RD(0xFBFFF000, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { 0xFBFFF000, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "one page into hvmloader's area: conflict", .mem = GiB(1), DEF,
	  .reg = { RD(0xFBFFF000, 2 * KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_CONFLICT,
	  .low = GiB(1), .high = G4,
	  .rdm = { { 0xFBFFF000, 2 * KiB4, S, CONFLICT, HVML, false, 1,
		     { D1 } } }, .nr_rdm = 1 },
	{ "last page below 4G: hvmloader's area", .mem = GiB(1), DEF,
	  .reg = { RD(G4 - KiB4, KiB4, D2) }, .nr_reg = 1,
	  .pci = { { D2, R } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { G4 - KiB4, KiB4, R, DROPPED, HVML, false, 1, { D2 } } },
	  .nr_rdm = 1 },
	{ "in the MMIO hole: valid", .mem = GiB(8), DEF,
	  .reg = { RD(MMIO0, MiB(16), D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1,
	  .low = MMIO0, .high = G4 + GiB(8) - MiB(3840),
	  .rdm = { { MMIO0, MiB(16), S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },
	{ "region ending at 2^52: valid", .mem = GiB(1), DEF,
	  .reg = { RD(LIM - KiB4, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .low = GiB(1), .high = G4,
	  .rdm = { { LIM - KiB4, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },

	/* highmem_end stays below 2^52: mem < 2^52 - 0x10000000. */
	{ "highmem_end = 2^52 - 4K", .mem = LIM - 0x10000000 - KiB4, DEF,
	  .low = MMIO0, .high = LIM - KiB4 },
	{ "highmem_end = 2^52", .mem = LIM - 0x10000000, DEF,
	  .rc = -XENRDM_ERR_RANGE },
	{ "mem 2^64 - 1 does not wrap", .mem = UINT64_MAX, DEF,
	  .rc = -XENRDM_ERR_RANGE },
	{ "relocation pushes highmem_end to 2^52",
	  .mem = LIM - 0x10000000 - MiB(2), DEF,
	  .reg = { RD(0xEFE01000, KiB4, D1) }, .nr_reg = 1,
	  .pci = { { D1, S } }, .nr_pci = 1, .rc = -XENRDM_ERR_RANGE },
	{ "same without HAP stays below", .mem = LIM - 0x10000000 - MiB(2),
	  DEF, .no_hap = true, .reg = { RD(0xEFE01000, KiB4, D1) },
	  .nr_reg = 1, .pci = { { D1, S } }, .nr_pci = 1,
	  .low = 0xEFE01000, .high = LIM - KiB4,
	  .rdm = { { 0xEFE01000, KiB4, S, VALID, NONE, false, 1, { D1 } } },
	  .nr_rdm = 1 },

	/* Bad input. */
	{ "mem 2 MiB - 4K", .mem = MiB(2) - KiB4, DEF, .rc = -XENRDM_ERR_INVAL },
	{ "mmio 255 MiB", .mem = GiB(1), .mmio = MiB(255), DEF,
	  .rc = -XENRDM_ERR_INVAL },
	{ "mmio 3841 MiB", .mem = GiB(1), .mmio = MiB(3841), DEF,
	  .rc = -XENRDM_ERR_INVAL },
	{ "mmio not page aligned", .mem = GiB(1), .mmio = MiB(256) + 1, DEF,
	  .rc = -XENRDM_ERR_INVAL },
	{ "region size 0", .mem = GiB(1), DEF, .reg = { RH(MMIO0, 0) },
	  .nr_reg = 1, .rc = -XENRDM_ERR_INVAL },
	{ "region start unaligned", .mem = GiB(1), DEF,
	  .reg = { RH(MMIO0 + 1, KiB4) }, .nr_reg = 1, .rc = -XENRDM_ERR_INVAL },
	{ "region size unaligned", .mem = GiB(1), DEF,
	  .reg = { RH(MMIO0, KiB4 + 1) }, .nr_reg = 1, .rc = -XENRDM_ERR_INVAL },
	{ "region wraps 2^64", .mem = GiB(1), DEF,
	  .reg = { RH(0 - KiB4, 2 * KiB4) }, .nr_reg = 1,
	  .rc = -XENRDM_ERR_INVAL },
	{ "region past 2^52", .mem = GiB(1), DEF,
	  .reg = { RH(LIM - KiB4, 2 * KiB4) }, .nr_reg = 1,
	  .rc = -XENRDM_ERR_INVAL },
	{ "duplicate device", .mem = GiB(1), DEF,
	  .pci = { { D1, S }, { D2, S }, { D1, R } }, .nr_pci = 3,
	  .rc = -XENRDM_ERR_INVAL },
	{ "global policy 2 (seed: policy in a bool)", .mem = GiB(1), DEF,
	  .policy = 2, .rc = -XENRDM_ERR_INVAL },
	{ "device policy 2", .mem = GiB(1), DEF,
	  .pci = { { D1, (enum xenrdm_policy)2 } }, .nr_pci = 1,
	  .rc = -XENRDM_ERR_INVAL },
	{ "strategy 2", .mem = GiB(1), DEF, .strategy = 2,
	  .rc = -XENRDM_ERR_INVAL },
};

static void config_from_case(const struct plan_case *c,
			     struct xenrdm_config *cfg)
{
	xenrdm_config_init(cfg);
	cfg->mem_size = c->mem;
	if (c->mmio)
		cfg->mmio_size = c->mmio;
	if (c->boundary >= 0)
		cfg->rdm_mem_boundary = (uint64_t)c->boundary;
	cfg->hap = !c->no_hap;
	cfg->strategy = (enum xenrdm_strategy)c->strategy;
	cfg->policy = (enum xenrdm_policy)c->policy;
	cfg->regions = c->reg;
	cfg->nr_regions = c->nr_reg;
	cfg->pci = c->pci;
	cfg->nr_pci = c->nr_pci;
}

#define EXPECT(cond, ...) do { if (!(cond)) { \
	printf("  %s: ", c->name); printf(__VA_ARGS__); printf("\n"); \
	bad++; } } while (0)

static int check_case(const struct plan_case *c)
{
	struct xenrdm_config cfg;
	struct xenrdm_plan p;
	char err[512];
	size_t i, k;
	int bad = 0, rc;

	config_from_case(c, &cfg);
	strcpy(err, "stale");
	rc = xenrdm_plan_compute(&cfg, &p, err, sizeof(err));
	EXPECT(rc == c->rc, "rc: expected %d (%s), got %d (%s)", c->rc,
	       xenrdm_strerror(c->rc), rc, xenrdm_strerror(rc));
	if (rc != c->rc)
		goto out;
	if (rc && rc != -XENRDM_ERR_CONFLICT) {
		EXPECT(!p.rdms && !p.nr_rdms, "plan not zeroed on error");
		/* The planner says why (the command prints it as is). */
		EXPECT(strlen(err) > 20 && !strchr(err, '\n'),
		       "refusal without a one-line message: '%s'", err);
		goto out;
	}
	EXPECT(err[0] == '\0', "message on success: '%s'", err);
	EXPECT(p.lowmem_end == c->low, "lowmem_end: expected 0x%llx, got "
	       "0x%llx", (unsigned long long)c->low,
	       (unsigned long long)p.lowmem_end);
	EXPECT(p.highmem_end == c->high, "highmem_end: expected 0x%llx, got "
	       "0x%llx", (unsigned long long)c->high,
	       (unsigned long long)p.highmem_end);
	EXPECT(p.mmio_start == G4 - cfg.mmio_size, "mmio_start 0x%llx",
	       (unsigned long long)p.mmio_start);
	EXPECT(p.nr_rdms == c->nr_rdm, "nr_rdms: expected %zu, got %zu",
	       c->nr_rdm, p.nr_rdms);
	for (i = 0; i < c->nr_rdm && i < p.nr_rdms; i++) {
		const struct want_rdm *w = &c->rdm[i];
		const struct xenrdm_rdm *g = &p.rdms[i];

		EXPECT(g->start == w->start && g->size == w->size,
		       "rdm[%zu]: expected 0x%llx+0x%llx, got 0x%llx+0x%llx",
		       i, (unsigned long long)w->start,
		       (unsigned long long)w->size,
		       (unsigned long long)g->start,
		       (unsigned long long)g->size);
		EXPECT(g->policy == w->policy && g->state == w->state &&
		       g->reason == w->reason && g->host_wide == w->host_wide,
		       "rdm[%zu]: expected %s/%s/reason %d/host_wide %d, got "
		       "%s/%s/reason %d/host_wide %d", i,
		       xenrdm_policy_name(w->policy),
		       xenrdm_state_name(w->state), w->reason, w->host_wide,
		       xenrdm_policy_name(g->policy),
		       xenrdm_state_name(g->state), g->reason, g->host_wide);
		EXPECT(g->nr_devices == w->nr_dev, "rdm[%zu]: expected %zu "
		       "devices, got %zu", i, w->nr_dev, g->nr_devices);
		for (k = 0; k < w->nr_dev && k < g->nr_devices; k++)
			EXPECT(g->devices[k] == w->dev[k], "rdm[%zu] device %zu:"
			       " expected %#x, got %#x", i, k, w->dev[k],
			       g->devices[k]);
	}
	k = 0;
	for (i = 0; i < c->nr_rdm; i++)
		k += c->rdm[i].state == VALID;
	EXPECT(p.nr_valid == k, "nr_valid: expected %zu, got %zu", k,
	       p.nr_valid);
out:
	xenrdm_plan_free(&p);
	return bad;
}

static void test_plan_table(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad += check_case(&cases[i]) ? 1 : 0;
	if (bad) {
		printf("%d of %zu planner cases failed\n", bad,
		       sizeof(cases) / sizeof(cases[0]));
		fail();
	}
}

/* Seed defect: more regions than the firmware's table never overflows
 * anything on the host; each keeps its own fate. */
static void test_plan_many_regions(void **state)
{
	enum { N = 3000 };
	struct xenrdm_host_region *reg = calloc(N, sizeof(*reg));
	struct xenrdm_pci_dev pci[2] = { { D1, S }, { D2, R } };
	struct xenrdm_config cfg;
	struct xenrdm_plan p;
	size_t i;
	int rc;

	(void)state;
	assert_non_null(reg);
	for (i = 0; i < N; i++) {
		/* Regions in the MMIO hole, shared by both devices in
		 * pairs: N/2 distinct ranges, each touching the next, so
		 * they merge into one and the e820 fits (rule 6). */
		reg[i].start = 0xF0000000ULL + (i / 2) * 2 * KiB4;
		reg[i].size = 2 * KiB4;
		reg[i].has_sbdf = true;
		reg[i].sbdf = (i & 1) ? D2 : D1;
	}
	xenrdm_config_init(&cfg);
	cfg.mem_size = GiB(1);
	cfg.regions = reg;
	cfg.nr_regions = N;
	cfg.pci = pci;
	cfg.nr_pci = 2;
	rc = xenrdm_plan_compute(&cfg, &p, NULL, 0);
	/* 0xF0000000 + 2*4K*k reaches 0xFC000000 at k = 0xC000000/0x2000
	 * = 6144 > N/2: all inside the MMIO hole, all valid. */
	assert_int_equal(rc, 0);
	assert_int_equal(p.nr_rdms, N / 2);
	assert_int_equal(p.nr_valid, N / 2);
	for (i = 0; i < p.nr_rdms; i++) {
		assert_int_equal(p.rdms[i].nr_devices, 2);
		assert_int_equal(p.rdms[i].policy, S);
	}
	xenrdm_plan_free(&p);
	free(reg);
}

static void test_plan_free_zeroed(void **state)
{
	struct xenrdm_plan p;

	(void)state;
	memset(&p, 0, sizeof(p));
	xenrdm_plan_free(&p);   /* twice is harmless */
	xenrdm_plan_free(&p);
	xenrdm_plan_free(NULL);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(xenrdm_policy_name(S), "strict");
	assert_string_equal(xenrdm_policy_name(R), "relaxed");
	assert_string_equal(xenrdm_policy_name((enum xenrdm_policy)7), "unknown");
	assert_string_equal(xenrdm_state_name(DROPPED), "dropped");
	assert_string_equal(xenrdm_state_name(CONFLICT), "conflict");
	assert_string_equal(xenrdm_reason_name(XENRDM_REASON_HVMLOADER),
			    "hvmloader");
	assert_string_equal(xenrdm_reason_name((enum xenrdm_reason)9),
			    "unknown");
	assert_string_equal(xenrdm_e820_type_name(XENRDM_E820_NVS), "nvs");
	assert_string_equal(xenrdm_e820_type_name(0), "unknown");
	assert_string_equal(xenrdm_strerror(-XENRDM_ERR_CONFLICT),
			    xenrdm_strerror(XENRDM_ERR_CONFLICT));
	assert_string_equal(xenrdm_strerror(-9999), "unknown error");
	assert_string_equal(xenrdm_strerror(-2147483647 - 1), "unknown error");
	assert_string_equal(xenrdm_strerror(0), "success");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_table),
		cmocka_unit_test(test_plan_many_regions),
		cmocka_unit_test(test_plan_free_zeroed),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
