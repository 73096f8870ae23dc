/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_dmar.c - libFuzzer target for the ACPI DMAR / IVRS
 * reader (xenrdm_acpi_table_parse).
 *
 * Input: a table, as /sys/firmware/acpi/tables/DMAR holds it (the seeds
 * are the iasl-compiled tables of tests/acpi and their corrupted
 * variants).  Each input is parsed as given and, since a random mutation
 * almost never keeps the checksum right, once more with the checksum
 * byte fixed, so the fuzzer gets past the header.
 * Read through xenrdm_acpi_table_read() with a warning callback and a PCI
 * topology (bridges with dev < 16 have secondary bus bus + 1, the others
 * are unknown), so skipped structures and multi-hop scopes are reached.
 * The input goes through the read-once path of --dmar first
 * (fuzz_input.h: xenrdm_read_file within the 1 MiB cap, refused exactly
 * when larger).
 * Oracle: an exact-sized heap copy (ASan sees any read past the table);
 * a refused table leaves the list as it was (a region already there
 * untouched); every region added is one the planner accepts (page
 * aligned, non-empty, no wrap, end <= 2^52), a device range stays in one
 * segment; every refusal has a message and every warning a text that
 * starts with the table's name; the skip count equals the warnings.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"
#include "fuzz_input.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_dmar: %s:%d: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

#define ACPI_CHECKSUM_OFF 9
#define ACPI_HEADER_LEN 36

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct xenrdm_host_region sentinel = {
	.start = 0x5000, .size = 0x1000, .has_sbdf = true, .sbdf = 0x1234,
};

static size_t nr_warnings;

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	CHECK(strncmp(msg, "fuzz.aml: ", 10) == 0);
	nr_warnings++;
}

static int topo(void *ctx, uint16_t seg, uint8_t bus, uint8_t dev,
		uint8_t fn, uint8_t *sec)
{
	(void)ctx;
	(void)seg;
	(void)fn;
	if (dev >= 16)
		return -XENRDM_ERR_IO;
	*sec = (uint8_t)(bus + 1);
	return 0;
}

static void parse_one(const uint8_t *tab, size_t len)
{
	static const struct xenrdm_source_opts opts = { warn, NULL, topo, NULL };
	struct xenrdm_region_list list = { 0 };
	char err[512];
	size_t i, skipped = 0;
	int rc;

	CHECK(xenrdm_region_list_add(&list, &sentinel) == 0);
	err[0] = '\0';
	nr_warnings = 0;
	rc = xenrdm_acpi_table_read(tab, len, "fuzz.aml", &opts, &list,
				    &skipped, err, sizeof(err));
	if (!rc)
		CHECK(skipped == nr_warnings);
	CHECK(list.n >= 1);
	CHECK(!memcmp(&list.v[0], &sentinel, sizeof(sentinel)));
	if (rc) {
		CHECK(rc == -XENRDM_ERR_PARSE || rc == -XENRDM_ERR_INVAL ||
		      rc == -XENRDM_ERR_NOMEM);
		CHECK(list.n == 1);
		CHECK(strncmp(err, "fuzz.aml: ", 10) == 0);
	}
	for (i = 1; i < list.n; i++) {
		const struct xenrdm_host_region *r = &list.v[i];

		CHECK(r->size != 0);
		CHECK(((r->start | r->size) & (XENRDM_PAGE_SIZE - 1)) == 0);
		CHECK(r->start + r->size > r->start);
		CHECK(r->start + r->size <= XENRDM_PADDR_LIMIT);
		if (r->has_sbdf && r->sbdf_last > r->sbdf)
			CHECK(r->sbdf_last >> 16 == r->sbdf >> 16);
	}
	xenrdm_region_list_free(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *tab;
	uint8_t sum = 0;
	size_t i, len = 0;
	char *buf;

	/* Read once within the cap, as --dmar does; then an exact-size
	 * copy of what was read, so ASan sees any read past the table. */
	buf = fuzz_read_once(data, size, XENRDM_CAP_ACPI_TABLE, &len);
	if (!buf)
		return 0;
	tab = malloc(len ? len : 1);
	if (!tab) {
		free(buf);
		return 0;
	}
	memcpy(tab, buf, len);
	free(buf);
	parse_one(size ? tab : NULL, size);
	if (size >= ACPI_HEADER_LEN) {
		for (i = 0; i < size; i++)
			sum = (uint8_t)(sum + tab[i]);
		tab[ACPI_CHECKSUM_OFF] = (uint8_t)(tab[ACPI_CHECKSUM_OFF] - sum);
		parse_one(tab, size);
	}
	free(tab);
	return 0;
}
