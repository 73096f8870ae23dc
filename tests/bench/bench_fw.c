/* SPDX-License-Identifier: MIT */
/*
 * tests/bench/bench_fw.c - one run of the firmware's e820 builder, for
 * callgrind to count (tests/bench/bench_fw.sh): `bench_fw N REPEAT` builds
 * the e820 of a 6 GiB guest with N RDM entries (0..XENRDM_FW_MAX_RDM)
 * REPEAT times, then checks the last table, so a broken build is not
 * timed as a fast one.
 */
#include <stdio.h>
#include <stdlib.h>

#include "xenrdm/firmware.h"

/* Silent hooks: the benchmark measures the builder, not a logger. */
const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	(void)path;
	return def;
}

void xenrdm_env_log(const char *fmt, ...)
{
	(void)fmt;
}

int main(int argc, char **argv)
{
	static struct xenrdm_fw_layout l;
	/* 124 separate holes need 4 + 1 + 2 * 124 entries: more than E820MAX,
	 * so the bench gives the builder the room (its cap is the caller's). */
	static struct xenrdm_e820entry tab[2 * XENRDM_FW_MAX_RDM + 8];
	unsigned long n, repeat, i;
	uint32_t nr = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_fw N REPEAT\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	repeat = strtoul(argv[2], NULL, 10);
	if (n > XENRDM_FW_MAX_RDM || repeat == 0) {
		fprintf(stderr, "bench_fw: N must be 0..%u, REPEAT > 0\n",
			(unsigned)XENRDM_FW_MAX_RDM);
		return 2;
	}
	xenrdm_fw_layout_init(&l, 0xC0000000ULL, 0x200000000ULL);
	/* N 1 MiB holes, 16 MiB apart: half carve low RAM, half high RAM,
	 * so every one splits a RAM entry (the most work per entry). */
	for (i = 0; i < n; i++) {
		uint64_t base = i < n / 2 ? 0x10000000ULL : 0x100000000ULL;

		l.rdm[i].start = base + (i < n / 2 ? i : i - n / 2) * 0x1000000ULL;
		l.rdm[i].size = 0x100000ULL;
	}
	l.nr_rdm = (uint32_t)n;
	for (i = 0; i < repeat; i++)
		if (xenrdm_e820_build(&l, tab, sizeof(tab) / sizeof(tab[0]), &nr)) {
			fprintf(stderr, "bench_fw: build failed for N=%lu\n", n);
			return 1;
		}
	if (xenrdm_memmap_check(&l, tab, nr)) {
		fprintf(stderr, "bench_fw: memmap_check failed for N=%lu\n", n);
		return 1;
	}
	return 0;
}
