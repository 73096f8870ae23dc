/* SPDX-License-Identifier: MIT */
/*
 * tests/acpi/acpi_dump.c - print what xenrdm_acpi_table_read() (or, with
 * --dmesg, xenrdm_dmesg_parse()) makes of a file, one line each, for the
 * tests that compare it with an independent reading (iasl -d):
 *   region 0xSTART 0xSIZE host
 *   region 0xSTART 0xSIZE SSSS:BB:DD.F[-SSSS:BB:DD.F]
 *   warning MESSAGE
 * Exit 0, or 2 with "error MESSAGE" when the input is refused.
 *   acpi_dump [--sysfs DIR] [--dmesg] FILE
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/read_file.h"
#include "xenrdm/sources.h"

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	printf("warning %s\n", msg);
}

int main(int argc, char **argv)
{
	struct xenrdm_source_opts o = { warn, NULL, NULL, NULL };
	struct xenrdm_region_list l = { 0 };
	const char *path = NULL;
	char err[512] = "", *buf, a[16], b[16];
	size_t len, i;
	int dmesg = 0, r;

	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--sysfs") && i + 1 < (size_t)argc) {
			o.secondary_bus = xenrdm_sysfs_secondary_bus;
			o.topo_ctx = argv[++i];
		} else if (!strcmp(argv[i], "--dmesg")) {
			dmesg = 1;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		fprintf(stderr, "usage: acpi_dump [--sysfs DIR] [--dmesg] FILE\n");
		return 2;
	}
	r = xenrdm_read_file(path, dmesg ? XENRDM_CAP_TEXT : XENRDM_CAP_ACPI_TABLE,
			     &buf, &len, err, sizeof(err));
	if (r) {
		printf("error %s: %s\n", path, err);
		return 2;
	}
	r = dmesg ? xenrdm_dmesg_parse(buf, len, path, &o, &l, NULL, err, sizeof(err)) :
	    xenrdm_acpi_table_read(buf, len, path, &o, &l, NULL, err, sizeof(err));
	free(buf);
	if (r) {
		printf("error %s\n", err);
		return 2;
	}
	for (i = 0; i < l.n; i++) {
		const struct xenrdm_host_region *g = &l.v[i];

		printf("region 0x%" PRIx64 " 0x%" PRIx64 " ", g->start, g->size);
		if (!g->has_sbdf) {
			printf("host\n");
			continue;
		}
		xenrdm_sbdf_format(g->sbdf, a);
		if (g->sbdf_last > g->sbdf) {
			xenrdm_sbdf_format(g->sbdf_last, b);
			printf("%s-%s\n", a, b);
		} else {
			printf("%s\n", a);
		}
	}
	xenrdm_region_list_free(&l);
	return 0;
}
