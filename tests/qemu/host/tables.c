/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/host/tables.c - xenrdm-tables, the QEMU runner's host-side
 * helper (tests/qemu/xenrdm_qemu.py): the layout a `xenstore-ls -f` dump
 * gives the firmware module, the e820 the module builds from it on the
 * host, and the invariant checker's verdict (xenrdm_memmap_check(), the
 * one checker the image, the EFI application and the planner use) on
 * every table the runner collected: the planner's, the image's, Linux's,
 * the EFI application's.
 *
 *   xenrdm-tables --keys DUMP --bios NAME [--lowmem-end X]
 *                 [--highmem-end Y] [NAME=TABLE]...
 *
 * TABLE is "START-END:TYPE,..." (hex, END exclusive: the image's
 * XENRDM-E820 marker with commas); an empty TABLE is an empty table.
 * X and Y play hvm_info's part as on the image's command line (0x hex;
 * absent: the dump's lowmem-end/highmem-end).
 *
 * Output, one record a line (parsed by the runner):
 *   log TEXT                  a line the firmware module logged (the key
 *                             reader's skips, the checker's first broken
 *                             rule)
 *   layout LOWMEM_END HIGHMEM_END LOWMEM_RESERVED_BASE BIOS_IMAGE_BASE
 *          NR_RDM NR_SKIPPED  (hex, then decimal)
 *   rdm START END             each range the module kept (hex, END excl.)
 *   e820 n=N START-END:TYPE ...   the module's table on the host
 *   e820 error TEXT           the module refused to build one
 *   check NAME ok | check NAME fail TEXT
 * Exit: 0 all written (whatever the verdicts), 2 bad usage or input.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/firmware.h"
#include "xenrdm/fw_host.h"
#include "xenrdm/read_file.h"
#include "xenrdm/xenrdm.h"
#include "xenrdm/xsdump.h"

static struct xenrdm_fw_layout layout;
static struct xenrdm_e820entry tab[XENRDM_E820MAX];
/* The last message the module logged, for a failed check's verdict. */
static char last_log[XENRDM_FW_HOST_LOG_MAX];

static void logger(void *opaque, const char *text)
{
	const char *p = text;

	(void)opaque;
	while (*p) {
		size_t n = strcspn(p, "\n");

		printf("log %.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
	snprintf(last_log, sizeof(last_log), "%.*s",
		 (int)strcspn(text, "\n"), text);
}

static __attribute__((noreturn)) void usage(const char *why)
{
	fprintf(stderr, "xenrdm-tables: %s\nusage: xenrdm-tables --keys DUMP "
		"--bios NAME [--lowmem-end X] [--highmem-end Y] "
		"[NAME=TABLE]...\n", why);
	exit(2);
}

static uint64_t hex_arg(const char *opt, const char *s)
{
	uint64_t v;

	if (!s || xenrdm_fw_parse_hex(s, &v))
		usage(opt);
	return v;
}

/* One hex number of TABLE at *s, then the character END; -1 if not. */
static int hex_then(const char **s, char end, uint64_t *out)
{
	char *after;

	errno = 0;
	*out = strtoull(*s, &after, 16);
	if (after == *s || errno || *after != end)
		return -1;
	*s = after + 1;
	return 0;
}

/* "a-b:t,a-b:t" into tab; returns the count or -1. */
static int parse_table(const char *s, struct xenrdm_e820entry *t,
		       uint32_t cap)
{
	uint32_t n = 0;

	while (*s) {
		uint64_t a, b, type;
		const char *end = s + strcspn(s, ",");

		if (n == cap || hex_then(&s, '-', &a) ||
		    hex_then(&s, ':', &b) || b < a)
			return -1;
		/* the type: decimal, up to the comma or the end */
		errno = 0;
		type = strtoull(s, NULL, 10);
		if (s == end || errno || type > 0xffffffffu ||
		    strspn(s, "0123456789") != (size_t)(end - s))
			return -1;
		t[n].addr = a;
		t[n].size = b - a;
		t[n].type = (uint32_t)type;
		n++;
		s = *end ? end + 1 : end;
	}
	return (int)n;
}

static void print_table(const struct xenrdm_e820entry *t, uint32_t n)
{
	uint32_t i;

	printf("e820 n=%u", n);
	for (i = 0; i < n; i++)
		printf(" %" PRIx64 "-%" PRIx64 ":%u", t[i].addr,
		       t[i].addr + t[i].size, t[i].type);
	printf("\n");
}

int main(int argc, char **argv)
{
	const char *keys = NULL, *bios_name = NULL;
	uint64_t lowmem_end = 0, highmem_end = 0;
	struct xenrdm_xsdump dump;
	struct xenrdm_fw_env env = { 0 };
	enum xenrdm_bios bios;
	char *buf, err[160];
	size_t len;
	uint32_t i, nr;
	int a, rc;

	for (a = 1; a < argc && !strncmp(argv[a], "--", 2); a += 2) {
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (!strcmp(argv[a], "--keys") && v)
			keys = v;
		else if (!strcmp(argv[a], "--bios") && v)
			bios_name = v;
		else if (!strcmp(argv[a], "--lowmem-end"))
			lowmem_end = hex_arg("--lowmem-end: 0x hex", v);
		else if (!strcmp(argv[a], "--highmem-end"))
			highmem_end = hex_arg("--highmem-end: 0x hex", v);
		else
			usage(argv[a]);
	}
	if (!keys || !bios_name)
		usage("--keys and --bios are required");
	if (xenrdm_bios_parse(bios_name, &bios))
		usage("--bios: seabios, ovmf or rombios");
	if (xenrdm_read_file(keys, XENRDM_CAP_TEXT, &buf, &len, err,
			     sizeof(err)) < 0) {
		fprintf(stderr, "xenrdm-tables: %s: %s\n",
			xenrdm_read_file_name(keys), err);
		return 2;
	}
	if (xenrdm_xsdump_open(&dump, buf, len) < 0) {
		fprintf(stderr, "xenrdm-tables: %s: no /local/domain/<n>/ "
			"line\n", keys);
		return 2;
	}

	/* As the image does: hvm_info's ends, the BIOS's first megabyte,
	 * then the keys. */
	xenrdm_fw_env_xsdump(&env, &dump);
	env.log = logger;
	xenrdm_fw_layout_init(&layout, lowmem_end, highmem_end);
	xenrdm_bios_fw_layout(bios, &layout);
	xenrdm_fw_host_read(&env, &layout); /* logs what it skips or rejects */
	printf("layout %" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64
	       " %u %u\n", layout.lowmem_end, layout.highmem_end,
	       layout.lowmem_reserved_base, layout.bios_image_base,
	       layout.nr_rdm, layout.nr_skipped);
	for (i = 0; i < layout.nr_rdm; i++)
		printf("rdm %" PRIx64 " %" PRIx64 "\n", layout.rdm[i].start,
		       layout.rdm[i].start + layout.rdm[i].size);
	/* A set the reader rejects (a bad count) leaves no RDM, and the
	 * table is built without it, as hvmloader's glue does. */
	if ((rc = xenrdm_fw_host_e820_build(&env, &layout, tab, XENRDM_E820MAX,
					    &nr)) < 0)
		printf("e820 error %s\n", xenrdm_strerror(rc));
	else
		print_table(tab, nr);

	for (; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');
		int n;

		if (!eq)
			usage(argv[a]);
		n = parse_table(eq + 1, tab, XENRDM_E820MAX);
		if (n < 0) {
			printf("check %.*s fail not a table: %s\n",
			       (int)(eq - argv[a]), argv[a], eq + 1);
			continue;
		}
		last_log[0] = '\0';
		if (xenrdm_fw_host_memmap_check(&env, &layout, tab,
						(uint32_t)n) == 0)
			printf("check %.*s ok\n", (int)(eq - argv[a]), argv[a]);
		else
			printf("check %.*s fail %s\n", (int)(eq - argv[a]),
			       argv[a], last_log);
	}
	free(buf);
	return 0;
}
