/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/host_src.c - --dmar, --dmesg and --host (see host_src.h).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <inttypes.h>

#include "host_src.h"
#include "json.h"
#include "xenrdm/read_file.h"

/* Warnings beyond this many per input are counted, not printed. */
#define MAX_WARNINGS 20

struct warn_ctx {
	size_t printed, total;
};

static void warn_cb(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;

	if (w->printed++ < MAX_WARNINGS)
		cli_warn("%s", msg);
	w->total++;
}

static void warn_tail(const struct warn_ctx *w, const char *what)
{
	if (w->total > MAX_WARNINGS)
		cli_warn("%s: %zu more skipped (%zu in all; the first %u shown)",
			 what, w->total - MAX_WARNINGS, w->total,
			 (unsigned)MAX_WARNINGS);
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "xen-rdm: note: <message>" on stderr: which source --host used. */
static void note(const char *fmt, ...)
{
	va_list ap;

	fputs("xen-rdm: note: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int table_add(struct plan_cli *pc, const char *opt, const char *path,
		     const char *sysfs)
{
	struct warn_ctx w = { 0, 0 };
	struct xenrdm_source_opts so = {
		warn_cb, &w, sysfs ? xenrdm_sysfs_secondary_bus : NULL,
		(void *)sysfs,
	};
	char err[512] = "", *buf = NULL;
	size_t len = 0;
	int r;

	r = plan_cli_input_read(opt, path, XENRDM_CAP_ACPI_TABLE, &buf, &len);
	if (r)
		return r;
	r = xenrdm_acpi_table_read(buf, len, path, &so, &pc->regions, NULL,
				   err, sizeof(err));
	free(buf);
	if (r) {
		cli_err("%s '%s': %s", opt, path, err[0] ? err :
			xenrdm_strerror(r));
		return r == -XENRDM_ERR_NOMEM ? XENRDM_EXIT_ENV :
		       XENRDM_EXIT_USAGE;
	}
	warn_tail(&w, path);
	return 0;
}

int host_src_dmar(struct plan_cli *pc, const char *path, const char *sysfs)
{
	/* This host's own table: its own topology, unless told otherwise. */
	if (!sysfs && !strncmp(path, "/sys/firmware/acpi/tables/", 26))
		sysfs = "/sys";
	return table_add(pc, "--dmar", path, sysfs);
}

int host_src_dmesg(struct plan_cli *pc, const char *path)
{
	struct warn_ctx w = { 0, 0 };
	struct xenrdm_source_opts so = { warn_cb, &w, NULL, NULL };
	const char *name = xenrdm_read_file_name(path);
	char err[512] = "", *buf = NULL;
	size_t len = 0;
	int r;

	r = plan_cli_input_read("--dmesg", path, XENRDM_CAP_TEXT, &buf, &len);
	if (r)
		return r;
	r = xenrdm_dmesg_parse(buf, len, name, &so, &pc->regions, NULL, err,
			       sizeof(err));
	free(buf);
	if (r) {
		cli_err("--dmesg: %s", err[0] ? err : xenrdm_strerror(r));
		return XENRDM_EXIT_ENV;         /* only NOMEM */
	}
	warn_tail(&w, name);
	return 0;
}

int host_src_live(struct plan_cli *pc, const char *sysfs)
{
	/* Xen 4.17 renames DMAR to RMAD, older Xen to XMAR; bare metal
	 * (or a dom0 of a Xen that left it) keeps DMAR; AMD has IVRS. */
	static const char *const tables[][2] = {
		{ "RMAD", "the DMAR table as Xen 4.17 renames it" },
		{ "XMAR", "the DMAR table as older Xen renames it" },
		{ "DMAR", "the DMAR table" },
		{ "IVRS", "the IVRS table" },
	};
	const char *root = sysfs ? sysfs : "/sys";
	static char path[4096];
	char err[512] = "";
	size_t i;
	int r;

	r = xenrdm_xen_regions(pc->pci.v, pc->pci.n, &pc->regions, err,
			       sizeof(err));
	if (!r) {
		pc->host_source = "xen";
		note("--host: regions from the hypervisor (as --xen)");
		return 0;
	}
	if (r != -XENRDM_ERR_NOXEN) {
		cli_err("--host: %s", err[0] ? err : xenrdm_strerror(r));
		return r == -XENRDM_ERR_INVAL || r == -XENRDM_ERR_PARSE ?
		       XENRDM_EXIT_USAGE : XENRDM_EXIT_ENV;
	}
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(path, sizeof(path), "%s/firmware/acpi/tables/%s",
			 root, tables[i][0]);
		if (access(path, F_OK))
			continue;
		r = table_add(pc, "--host", path, root);
		if (r)
			return r;
		pc->host_source = path;
		note("--host: no hypervisor; regions from %s (%s), PCI topology from %s",
			 path, tables[i][1], root);
		return 0;
	}
	cli_err("--host: no Xen hypervisor (/dev/xen/privcmd missing) and no RMAD, XMAR, DMAR or IVRS table in %s/firmware/acpi/tables; give the regions with --region, --dmar or --dmesg",
		root);
	return XENRDM_EXIT_USAGE;
}

/* "0000:00:14.0" or "0000:00:00.0-0000:0f:1f.7" for entry i of l. */
static void left_dev_text(const struct xenrdm_left_out *l, size_t i,
			  char *buf, size_t len)
{
	char a[16], b[16];

	xenrdm_sbdf_format(l->devices[i], a);
	if (l->range_last[i] > l->devices[i]) {
		xenrdm_sbdf_format(l->range_last[i], b);
		snprintf(buf, len, "%s-%s", a, b);
	} else {
		snprintf(buf, len, "%s", a);
	}
}

/* At most this many regions are named on the text line. */
#define LEFT_OUT_NAMED 4

void host_src_left_out(const struct plan_cli *pc,
		       const struct xenrdm_plan *plan, FILE *out,
		       struct json_writer *w)
{
	struct xenrdm_left_out *l = NULL;
	size_t n = 0, i, k;
	char d[40];

	if (xenrdm_plan_left_out(&pc->cfg, plan, &l, &n)) {
		if (!w)
			fprintf(out, "left out: (no memory to work it out)\n");
		return;
	}
	if (w) {
		json_array_begin(w, "left_out");
		for (i = 0; i < n; i++) {
			json_object_begin(w, NULL);
			json_u64(w, "start", l[i].start);
			json_u64(w, "size", l[i].size);
			json_array_begin(w, "devices");
			for (k = 0; k < l[i].nr_named; k++) {
				left_dev_text(&l[i], k, d, sizeof(d));
				json_string(w, NULL, d);
			}
			json_array_end(w);
			json_u64(w, "nr_devices", l[i].nr_devices);
			json_bool(w, "host_wide", l[i].host_wide);
			json_string(w, "why", l[i].nr_devices && l[i].host_wide ?
				    "not_assigned,strategy_ignore" :
				    l[i].nr_devices ? "not_assigned" :
				    "strategy_ignore");
			json_object_end(w);
		}
		json_array_end(w);
		xenrdm_left_out_free(l);
		return;
	}
	if (!pc->regions.n) {
		xenrdm_left_out_free(l);
		return;
	}
	if (!n) {
		fprintf(out, "left out: none (every host region is in the guest's RDM set)\n");
		return;
	}
	fprintf(out, "left out: %zu host region%s not in the guest's RDM set:", n,
		n == 1 ? "" : "s");
	for (i = 0; i < n && i < LEFT_OUT_NAMED; i++) {
		char range[CLI_RANGE_LEN];

		fprintf(out, "%s %s", i ? ";" : "",
			cli_range(l[i].start, l[i].size, range));
		for (k = 0; k < l[i].nr_named; k++) {
			left_dev_text(&l[i], k, d, sizeof(d));
			fprintf(out, "%s%s", k ? ", " : " ", d);
		}
		if (l[i].nr_devices > l[i].nr_named)
			fprintf(out, " (%zu devices)", l[i].nr_devices);
		fprintf(out, " (%s%s%s)",
			l[i].nr_devices ? "no device of theirs assigned" : "",
			l[i].nr_devices && l[i].host_wide ? "; " : "",
			l[i].host_wide ? "host-wide, rdm strategy=ignore" : "");
	}
	if (n > LEFT_OUT_NAMED)
		fprintf(out, "; and %zu more", n - LEFT_OUT_NAMED);
	fprintf(out, "; rdm=\"strategy=host\" or @SBDF brings them in\n");
	xenrdm_left_out_free(l);
}
