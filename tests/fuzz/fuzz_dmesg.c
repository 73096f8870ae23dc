/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_dmesg.c - libFuzzer target for the kernel log reader
 * (xenrdm_dmesg_parse: Linux's and Xen's RMRR/IVMD lines).
 *
 * Input: a log (the seeds are tests/acpi/logs/).  Oracle: an exact-sized
 * heap copy (ASan sees any read past it); the reader never refuses a log
 * (only NOMEM may fail, and then the list is as it was); every region it
 * adds is one the planner accepts (page aligned, non-empty, no wrap, end
 * <= 2^52) and names one device or none; every warning starts with
 * "fuzz.log:LINE: " and their number is the skip count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_dmesg: %s:%d: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nr_warnings;

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	CHECK(strncmp(msg, "fuzz.log:", 9) == 0);
	nr_warnings++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct xenrdm_source_opts opts = { warn, NULL, NULL, NULL };
	struct xenrdm_region_list list = { 0 };
	char *buf = malloc(size ? size : 1), err[256] = "";
	size_t i, skipped = 0;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	nr_warnings = 0;
	rc = xenrdm_dmesg_parse(size ? buf : NULL, size, "fuzz.log", &opts,
				&list, &skipped, err, sizeof(err));
	if (rc) {
		CHECK(rc == -XENRDM_ERR_NOMEM);
		CHECK(list.n == 0);
	} else {
		CHECK(skipped == nr_warnings);
	}
	for (i = 0; i < list.n; i++) {
		const struct xenrdm_host_region *r = &list.v[i];

		CHECK(r->size != 0);
		CHECK(((r->start | r->size) & (XENRDM_PAGE_SIZE - 1)) == 0);
		CHECK(r->start + r->size > r->start);
		CHECK(r->start + r->size <= XENRDM_PADDR_LIMIT);
		CHECK(r->sbdf_last == 0);
		CHECK(r->has_sbdf || r->sbdf == 0);
	}
	xenrdm_region_list_free(&list);
	free(buf);
	return 0;
}
