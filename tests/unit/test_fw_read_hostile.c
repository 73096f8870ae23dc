/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_fw_read_hostile.c - the firmware key reader on the
 * sets once accepted quietly: each gets a warning
 * naming key and value, and is handled safely (xenrdm-xenstore(7)):
 *   a bad lowmem-end/highmem-end (unaligned, 0x0, below 2 MiB, out of
 *   range) is ignored, hvm_info's value or none is used;
 *   an entry after the last (index count) and entries with no count
 *   are not read;
 *   a set covering all RAM from 1 MiB to lowmem-end is kept (reserved
 *   wins) and said.
 * Every old-code run of these sets logged nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/firmware.h"
#include "helpers/fw_test.h"

#define C "hvmloader/rdm/count"
#define S0 "hvmloader/rdm/0/start"
#define Z0 "hvmloader/rdm/0/size"
#define S1 "hvmloader/rdm/1/start"
#define Z1 "hvmloader/rdm/1/size"
#define LO "hvmloader/rdm/lowmem-end"
#define HI "hvmloader/rdm/highmem-end"

struct hcase {
	const char *name;
	struct fwt_kv keys[8];
	uint64_t hvm_low, hvm_high;     /* as hvm_info gives them; 0: none */
	uint64_t want_low, want_high;
	uint32_t nr_rdm;
	const char *log;                /* must be logged */
};

static const struct hcase cases[] = {
	{ "unaligned lowmem-end ignored", {{ LO, "0xc0000001" }}, 0, 0,
	  0, 0, 0, "warning: hvmloader/rdm/lowmem-end = \"0xc0000001\" ignored: not 0x hex, 4 KiB aligned, in range" },
	{ "unaligned lowmem-end, hvm_info wins", {{ LO, "0xc0000001" }},
	  0xc0000000, 0x100000000, 0xc0000000, 0x100000000, 0,
	  "lowmem-end = \"0xc0000001\" ignored" },
	{ "unaligned highmem-end ignored", {{ HI, "0x180000001" }}, 0, 0,
	  0, 0, 0, "highmem-end = \"0x180000001\" ignored" },
	{ "lowmem-end 0x0 is not absent", {{ LO, "0x0" }}, 0, 0, 0, 0, 0,
	  "lowmem-end = \"0x0\" ignored" },
	{ "lowmem-end below 2 MiB", {{ LO, "0x1ff000" }}, 0, 0, 0, 0, 0,
	  "lowmem-end = \"0x1ff000\" ignored" },
	{ "lowmem-end 2 MiB kept", {{ LO, "0x200000" }}, 0, 0, 0x200000, 0, 0,
	  NULL },
	{ "lowmem-end above 0xfc000000", {{ LO, "0xfc001000" }}, 0, 0, 0, 0,
	  0, "lowmem-end = \"0xfc001000\" ignored" },
	{ "highmem-end below 4 GiB", {{ HI, "0xfffff000" }}, 0, 0, 0, 0, 0,
	  "highmem-end = \"0xfffff000\" ignored" },
	{ "an entry past count", {{ C, "1" }, { S0, "0xa0000000" },
	  { Z0, "0x1000" }, { S1, "0xa1000000" }, { Z1, "0x1000" }},
	  0x80000000, 0x100000000, 0x80000000, 0x100000000, 1,
	  "warning: hvmloader/rdm/1/start = \"0xa1000000\" ignored: past count" },
	{ "only a size past count", {{ C, "0" }, { Z0, "0x1000" }},
	  0x80000000, 0x100000000, 0x80000000, 0x100000000, 0,
	  "hvmloader/rdm/0/size = \"0x1000\" ignored: past count" },
	{ "entries with no count", {{ S0, "0xa0000000" }, { Z0, "0x1000" }},
	  0x80000000, 0x100000000, 0x80000000, 0x100000000, 0,
	  "warning: hvmloader/rdm/0/start = \"0xa0000000\" ignored: no count" },
	{ "reserved over all low RAM: kept, said", {{ C, "1" },
	  { S0, "0x100000" }, { Z0, "0x7ff00000" }}, 0x80000000, 0x100000000,
	  0x80000000, 0x100000000, 1,
	  "warning: RDM covers all RAM from 1 MiB to lowmem-end 80000000" },
};

static void test_hostile_sets(void **state)
{
	static struct xenrdm_fw_layout l;
	size_t c;
	int failed = 0;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct hcase *tc = &cases[c];
		int rc;

		fwt_set_keys(tc->keys);
		fwt_log_start();
		xenrdm_fw_layout_init(&l, tc->hvm_low, tc->hvm_high);
		rc = xenrdm_fw_host_read(fwt_env(), &l);
		if (rc || l.lowmem_end != tc->want_low ||
		    l.highmem_end != tc->want_high || l.nr_rdm != tc->nr_rdm ||
		    (tc->log ? !strstr(fwt_log(), tc->log) :
			       strstr(fwt_log(), "warning") != NULL)) {
			fprintf(stderr, "FAIL %s: want low %#llx high %#llx nr %u log \"%s\"; got rc %d low %#llx high %#llx nr %u log:\n%s\n",
				tc->name, (unsigned long long)tc->want_low,
				(unsigned long long)tc->want_high, tc->nr_rdm,
				tc->log ? tc->log : "(no warning)", rc,
				(unsigned long long)l.lowmem_end,
				(unsigned long long)l.highmem_end, l.nr_rdm,
				fwt_log());
			failed++;
		}
		fwt_reset();
	}
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_sets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
