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
 * Oracle: an exact-sized heap copy (ASan sees any read past the table);
 * the result is all or nothing (a refused table leaves the list as it
 * was, a region already there untouched); every region added is one the
 * planner accepts (page aligned, non-empty, no wrap, end <= 2^52); every
 * refusal has a message that starts with the table's name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

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

static void parse_one(const uint8_t *tab, size_t len)
{
	struct xenrdm_region_list list = { 0 };
	char err[512];
	size_t i;
	int rc;

	CHECK(xenrdm_region_list_add(&list, &sentinel) == 0);
	err[0] = '\0';
	rc = xenrdm_acpi_table_parse(tab, len, "fuzz.aml", &list, err,
				     sizeof(err));
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
	}
	xenrdm_region_list_free(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *tab = malloc(size ? size : 1);
	uint8_t sum = 0;
	size_t i;

	if (!tab)
		return 0;
	memcpy(tab, data, size);
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
