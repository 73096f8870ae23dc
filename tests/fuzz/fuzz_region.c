/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_region.c - libFuzzer target for the --region parser
 * (xenrdm_region_parse) and the --regions file reader
 * (xenrdm_regions_parse), the file read once as --regions reads it
 * (fuzz_input.h: xenrdm_read_file within the 4 MiB cap) and parsed from
 * that buffer.
 *
 * Input: byte 0 picks the entry point (even: one --region argument, the
 * rest up to the first NUL; odd: a --regions file, the rest verbatim).
 * Oracle: whatever is accepted is a region the planner accepts too (page
 * aligned, non-empty, no wrap, end <= 2^52), it survives a round trip
 * through the canonical "0xSTART+0xSIZE@SBDF" text, and every refusal
 * comes with a message.
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
		fprintf(stderr, "fuzz_region: %s:%d: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_region(const struct xenrdm_host_region *r)
{
	struct xenrdm_host_region back;
	char text[80], sbdf[16], err[256];

	CHECK(r->size != 0);
	CHECK(((r->start | r->size) & (XENRDM_PAGE_SIZE - 1)) == 0);
	CHECK(r->start + r->size > r->start);
	CHECK(r->start + r->size <= XENRDM_PADDR_LIMIT);

	if (r->has_sbdf) {
		xenrdm_sbdf_format(r->sbdf, sbdf);
		snprintf(text, sizeof(text), "0x%llx+0x%llx@%s",
			 (unsigned long long)r->start,
			 (unsigned long long)r->size, sbdf);
	} else {
		snprintf(text, sizeof(text), "0x%llx-0x%llx",
			 (unsigned long long)r->start,
			 (unsigned long long)(r->start + r->size - 1));
	}
	err[0] = '\0';
	if (xenrdm_region_parse(text, &back, err, sizeof(err))) {
		fprintf(stderr, "round trip of '%s' refused: %s\n", text, err);
		abort();
	}
	CHECK(back.start == r->start && back.size == r->size);
	CHECK(back.has_sbdf == r->has_sbdf);
	CHECK(!r->has_sbdf || back.sbdf == r->sbdf);
}

static void one_region(const uint8_t *data, size_t size)
{
	struct xenrdm_host_region reg;
	char err[256];
	char *text = malloc(size + 1);
	int rc;

	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	memset(&reg, 0, sizeof(reg));
	rc = xenrdm_region_parse(text, &reg, err, sizeof(err));
	if (rc == 0) {
		check_region(&reg);
	} else {
		CHECK(rc == -XENRDM_ERR_INVAL);
		CHECK(err[0] != '\0');
		CHECK(memchr(err, '\0', sizeof(err)) != NULL);
	}
	free(text);
}

static void regions_file(const uint8_t *data, size_t size)
{
	struct xenrdm_region_list list = { 0 };
	char err[512], *buf;
	size_t i, len = 0;
	int rc;

	/* As --regions: read once within the 4 MiB cap (refused exactly
	 * when larger), then parsed from memory; an empty file has no
	 * region. */
	buf = fuzz_read_once(data, size, XENRDM_CAP_TEXT, &len);
	if (!buf)
		return;
	err[0] = '\0';
	rc = xenrdm_regions_parse(buf, len, "fuzz", &list, err, sizeof(err));
	free(buf);
	if (rc) {
		CHECK(rc == -XENRDM_ERR_INVAL || rc == -XENRDM_ERR_NOMEM);
		CHECK(strncmp(err, "fuzz", 4) == 0);
	}
	/* Even on error, what was appended before it is well formed. */
	for (i = 0; i < list.n; i++)
		check_region(&list.v[i]);
	xenrdm_region_list_free(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		regions_file(data + 1, size - 1);
	} else {
		nul = memchr(data + 1, '\0', size - 1);
		one_region(data + 1, nul ? (size_t)(nul - data - 1) : size - 1);
	}
	return 0;
}
