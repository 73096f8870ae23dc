/* SPDX-License-Identifier: MIT */
/* tests/unit/helpers/region_test.c - see region_test.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "region_test.h"

static void print_region(const char *tag, size_t i, uint64_t start,
			 uint64_t size, int has_sbdf, xenrdm_sbdf sbdf,
			 xenrdm_sbdf last)
{
	if (has_sbdf)
		print_message("  %s[%zu] 0x%llx+0x%llx @%04x:%02x:%02x.%x (last 0x%x)\n",
			      tag, i, (unsigned long long)start,
			      (unsigned long long)size, sbdf >> 16,
			      (sbdf >> 8) & 0xff, (sbdf >> 3) & 0x1f, sbdf & 7,
			      last);
	else
		print_message("  %s[%zu] 0x%llx+0x%llx host-wide\n", tag, i,
			      (unsigned long long)start,
			      (unsigned long long)size);
}

void check_regions(const char *name, const struct xenrdm_region_list *l,
		   const struct want_region *want, size_t nr_want)
{
	size_t i;
	int same = l->n == nr_want;

	for (i = 0; same && i < nr_want; i++)
		same = l->v[i].start == want[i].start &&
		       l->v[i].size == want[i].size &&
		       (int)l->v[i].has_sbdf == want[i].has_sbdf &&
		       (!want[i].has_sbdf || (l->v[i].sbdf == want[i].sbdf &&
					       l->v[i].sbdf_last == want[i].sbdf_last));
	if (same)
		return;
	print_message("%s: regions differ\n expected %zu:\n", name, nr_want);
	for (i = 0; i < nr_want; i++)
		print_region("want", i, want[i].start, want[i].size,
			     want[i].has_sbdf, want[i].sbdf, want[i].sbdf_last);
	print_message(" got %zu:\n", l->n);
	for (i = 0; i < l->n; i++)
		print_region("got", i, l->v[i].start, l->v[i].size,
			     l->v[i].has_sbdf, l->v[i].sbdf, l->v[i].sbdf_last);
	fail();
}
