/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the e820 builder and the BAR queries with arbitrary layouts (raw
 * bytes): any layout the builder accepts must give a table that passes
 * xenrdm_memmap_check() (ranges over hvmloader's own area are skipped,
 * as hvmloader does: the table must be the one without them), whose size is exact (cap = nr works, nr - 1
 * fails with NOSPACE) and which never spills past cap; the queries must
 * agree with a brute-force overlap test.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/firmware.h"

static uint64_t take(const uint8_t **d, size_t *n)
{
	uint64_t v = 0;
	size_t k = *n < 8 ? *n : 8;

	memcpy(&v, *d, k);
	*d += k;
	*n -= k;
	return v;
}

/* Keep values mostly in interesting ranges so the builder accepts them. */
static uint64_t shape(uint64_t v, uint64_t lo, uint64_t hi)
{
	if (v & 1)
		return v >> 1;                  /* raw: also invalid values */
	return lo + (v >> 1) % (hi - lo + 1);
}

/* The builder skips a range over hvmloader's own area [0xFC000000,
 * 4 GiB), as hvmloader does (logged): *out is *in without them. */
static void without_area(const struct xenrdm_fw_layout *in,
			 struct xenrdm_fw_layout *out)
{
	uint32_t i;

	*out = *in;
	out->nr_rdm = 0;
	for (i = 0; i < in->nr_rdm; i++)
		if (in->rdm[i].start >= 1ULL << 32 ||
		    in->rdm[i].start + in->rdm[i].size <= 0xFC000000ULL)
			out->rdm[out->nr_rdm++] = in->rdm[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xenrdm_fw_layout l, kept;
	struct xenrdm_e820entry tab[XENRDM_E820MAX + 1], tab2[XENRDM_E820MAX],
		guard;
	uint64_t base, bsize, align, got;
	uint32_t nr = 0, nr2, i, cap;
	int rc;

	if (size < 8)
		return 0;
	xenrdm_fw_layout_init(&l, 0, 0);
	l.lowmem_end = shape(take(&data, &size), 0x100000, 0xFC000000ULL);
	l.highmem_end = shape(take(&data, &size), 1ULL << 32, 1ULL << 40);
	if (take(&data, &size) & 1) {
		l.lowmem_reserved_base = shape(take(&data, &size), 0, 0xA0000);
		l.bios_image_base = shape(take(&data, &size), 0xA0000, 0x100000);
	}
	cap = (uint32_t)take(&data, &size) % (XENRDM_E820MAX + 1);
	l.nr_rdm = 0;
	while (size >= 2 && l.nr_rdm < XENRDM_FW_MAX_RDM) {
		l.rdm[l.nr_rdm].start = shape(take(&data, &size), 0, 1ULL << 33);
		l.rdm[l.nr_rdm].size = shape(take(&data, &size), 1, 1ULL << 30);
		l.nr_rdm++;
	}
	memset(&guard, 0x5A, sizeof(guard));
	tab[cap] = guard;
	rc = xenrdm_e820_build(&l, tab, cap, &nr);
	if (memcmp(&tab[cap], &guard, sizeof(guard)))
		abort();                        /* wrote past cap */
	if (rc == -XENRDM_ERR_LAYOUT)
		return 0;
	if (rc == -XENRDM_ERR_NOSPACE) {
		/* with the full E820MAX it may fit; then it must need > cap */
		if (xenrdm_e820_build(&l, tab, XENRDM_E820MAX, &nr) == 0 &&
		    nr <= cap)
			abort();
		return 0;
	}
	if (rc || nr > cap)
		abort();
	/* skipped ranges: the table is the one without them, which the
	 * checker must accept; go on with that layout */
	without_area(&l, &kept);
	if (kept.nr_rdm != l.nr_rdm) {
		if (xenrdm_e820_build(&kept, tab2, XENRDM_E820MAX, &nr2) ||
		    nr2 != nr || memcmp(tab, tab2, nr * sizeof(*tab)))
			abort();
		l = kept;
	}
	if (xenrdm_memmap_check(&l, tab, nr))
		abort();
	/* exact: nr fits, nr - 1 does not */
	if (xenrdm_e820_build(&l, tab, nr, &nr2) || nr2 != nr)
		abort();
	if (nr && xenrdm_e820_build(&l, tab, nr - 1, &nr2) != -XENRDM_ERR_NOSPACE)
		abort();
	/* touching entries of one type are merged */
	for (i = 1; i < nr; i++)
		if (tab[i].type == tab[i - 1].type &&
		    tab[i - 1].addr + tab[i - 1].size == tab[i].addr)
			abort();

	/* queries against brute force */
	base = l.nr_rdm ? l.rdm[0].start - 0x1000 : 0;
	bsize = 0x2000;
	for (align = 1; align <= (1ULL << 30); align <<= 6) {
		got = xenrdm_rdm_next_free(&l, base, bsize, align);
		if (got == ~0ULL)
			continue;
		if (got < base || (got & (align - 1)) ||
		    !xenrdm_rdm_range_free(&l, got, bsize))
			abort();
		for (i = 0; i < l.nr_rdm; i++)
			if (got < l.rdm[i].start + l.rdm[i].size &&
			    l.rdm[i].start < got + bsize)
				abort();
	}
	return 0;
}
