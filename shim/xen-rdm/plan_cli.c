/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/plan_cli.c - the plan options shared by `plan` and `apply`:
 * parsing (every error names the option and its text, exit 2), the
 * region sources, and computing the plan.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libxlutil.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "host_src.h"
#include "render.h"
#include "xl_view_text.h"
#include "xenrdm/read_file.h"

enum {
	OPT_MEMORY = 0x100, OPT_MMIO, OPT_RDM, OPT_BOUNDARY, OPT_NO_HAP,
	OPT_PCI, OPT_REGION, OPT_REGIONS, OPT_DMAR, OPT_XEN, OPT_JSON,
	OPT_LINUX, OPT_SVG, OPT_HELP, OPT_BIOS, OPT_GFX, OPT_DMESG, OPT_HOST, OPT_SYSFS,
};

/* --memory above this is a unit mistake (bytes or KiB for MiB), not a
 * guest. */
#define MEMORY_PLAUSIBLE (16ULL << 40)

#define PLAN_OPT(name, has_arg, val) { name, has_arg, NULL, val },
static const struct option plan_opts[] = {
	PLAN_CLI_LAYOUT_OPTIONS(PLAN_OPT)
	PLAN_CLI_SOURCE_OPTIONS(PLAN_OPT)
	PLAN_CLI_OUTPUT_OPTIONS(PLAN_OPT)
	{ "quiet",            no_argument,       NULL, 'q' },
	{ "help",             no_argument,       NULL, OPT_HELP },
};
#define NR_PLAN_OPTS (sizeof(plan_opts) / sizeof(plan_opts[0]))

static void plan_cli_usage(FILE *f, const char *cmd)
{
	fprintf(f,
"usage: xen-rdm %s [options]\n"
"guest layout:\n"
"  --memory MiB            guest RAM used for the layout (xl: maxmem or\n"
"                          memory, less videoram); at least 2\n"
"  --mmio-hole MiB         MMIO hole below 4 GiB, 256..3840 (default 256)\n"
"  --rdm STR               xl's rdm=: strategy=host|ignore,policy=strict|relaxed\n"
"                          (default strategy=ignore,policy=relaxed)\n"
"  --rdm-mem-boundary MiB  regions above it move low RAM down (default 2048)\n"
"  --no-hap                shadow paging: no 2 MiB rounding on relocation\n"
"  --bios NAME             the guest's firmware, xl's bios=: seabios, ovmf or\n"
"                          rombios (default seabios, as xl for qemu-xen)\n"
"  --gfx-passthru          xl's gfx_passthru: hvmloader adds the IGD OpRegion\n"
"                          to its area (2 more e820 entries)\n"
"  --pci STR               an assigned device in xl syntax, repeatable:\n"
"                          [SSSS:]BB:DD.F[,rdm_policy=strict|relaxed]\n"
"  -c FILE                 an xl domain config; the options above override it\n"
"host RDM regions (all sources add up):\n"
"  --region START-END[@SBDF] | START+SIZE[@SBDF]   END inclusive, repeatable\n"
"  --regions FILE|-        the same, one a line, '#' comments\n"
"  --dmar FILE             ACPI DMAR (RMRR) or IVRS (IVMD) table, binary\n"
"  --xen                   ask the running hypervisor\n"
"  --dmesg FILE|-          kernel log lines (dmesg, xl dmesg) naming RMRRs/IVMDs\n"
"  --host                  this dom0: the hypervisor, else the DMAR (RMAD, XMAR)\n"
"                          or IVRS table in /sys/firmware/acpi/tables\n"
"  --sysfs DIR             sysfs for --host's tables and the PCI topology of\n"
"                          multi-hop DMAR scopes (default /sys with --host)\n"
"output:\n"
"  --json                  one JSON object\n"
"  --linux                 the guest e820 in Linux's boot log format\n"
"  --svg FILE              also draw the layout as SVG\n"
"  -q, --quiet             print only the verdict, the last line: OK: or FAIL:\n"
"exit status: 0 the plan holds, 1 strict RDM conflict, 2 bad usage or\n"
"input, 3 the environment failed (a hypercall failed)\n", cmd);
}

/*
 * A size in MiB: decimal digits only, and MiB * 2^20 must fit 64 bits.
 * Returns 0 or prints "OPT 'TEXT': why" and returns exit status 2.
 */
static int mib_parse(const char *opt, const char *text, uint64_t *bytes_out)
{
	uint64_t v = 0;
	const char *p;

	if (!*text) {
		cli_err("%s '': expected a size in MiB", opt);
		return XENRDM_EXIT_USAGE;
	}
	for (p = text; *p; p++) {
		if (*p < '0' || *p > '9') {
			cli_err("%s '%s': not a size in MiB (decimal digits "
				"only%s)", opt, text,
				*text == '-' ? ", no sign" : "");
			return XENRDM_EXIT_USAGE;
		}
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			goto overflow;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v > UINT64_MAX >> 20)
		goto overflow;
	*bytes_out = v << 20;
	return 0;
overflow:
	cli_err("%s '%s': too large (MiB * 2^20 does not fit 64 bits)",
		opt, text);
	return XENRDM_EXIT_USAGE;
}

/* Read PATH once, whole, within CAP (cli.h). */
int plan_cli_input_read(const char *opt, const char *path, size_t cap,
			char **buf_out, size_t *len_out)
{
	char err[256] = "";
	int r = xenrdm_read_file(path, cap, buf_out, len_out, err, sizeof(err));

	if (!r)
		return 0;
	cli_err("%s '%s': %s", opt, path, err[0] ? err : xenrdm_strerror(r));
	return r == -XENRDM_ERR_NOMEM ? XENRDM_EXIT_ENV : XENRDM_EXIT_USAGE;
}

static int regions_file_add(struct plan_cli *pc, const char *path)
{
	char err[512], *buf = NULL;
	size_t len = 0;
	int r;

	r = plan_cli_input_read("--regions", path, XENRDM_CAP_TEXT, &buf,
				&len);
	if (r)
		return r;
	err[0] = '\0';
	r = xenrdm_regions_parse(buf, len, strcmp(path, "-") ? path :
				 "<stdin>", &pc->regions, err, sizeof(err));
	free(buf);
	if (r) {
		cli_err("--regions: %s", err[0] ? err : xenrdm_strerror(r));
		return XENRDM_EXIT_USAGE;
	}
	return 0;
}

/* What the command line set, applied over -c FILE once it is read. */
struct plan_cli_overrides {
	bool mem, mmio, boundary, rdm, pci, no_hap, xen, bios, gfx;
	enum xenrdm_bios bios_type;
	uint64_t mem_size, mmio_size, boundary_bytes;
	enum xenrdm_strategy strategy;
	enum xenrdm_policy policy;
	struct xenrdm_pci_list pci_list;
	const char *cfg_path;
	/* --dmar and --dmesg, read once the options are known (--sysfs) */
	struct { int opt; const char *path; } *srcs;
	size_t nr_srcs;
	const char *sysfs;
	bool host;
};

/* What an option handler returns for an option not in its group. */
#define NOT_THIS_GROUP (-1)

/* --memory MiB: at least what an HVM guest needs, and not so much that
 * it must be bytes or KiB given by mistake. */
static int memory_opt(struct plan_cli_overrides *o, const char *arg)
{
	char size[24];
	int rc;

	rc = mib_parse("--memory", arg, &o->mem_size);
	if (rc)
		return rc;
	if (o->mem_size < XENRDM_MIN_MEM_SIZE) {
		cli_err("--memory '%s': below 2 MiB, the least an HVM "
			"guest needs", arg);
		return XENRDM_EXIT_USAGE;
	}
	if (o->mem_size > MEMORY_PLAUSIBLE) {
		cli_err("--memory '%s': did you mean MiB? %s MiB is %s, "
			"beyond any guest (at most %" PRIu64 " TiB here)",
			arg, arg, render_size(o->mem_size, size),
			(uint64_t)(MEMORY_PLAUSIBLE >> 40));
		return XENRDM_EXIT_USAGE;
	}
	o->mem = true;
	return 0;
}

/* --mmio-hole MiB, within what xl accepts. */
static int mmio_opt(struct plan_cli_overrides *o, const char *arg)
{
	int rc = mib_parse("--mmio-hole", arg, &o->mmio_size);

	if (rc)
		return rc;
	if (o->mmio_size < XENRDM_MIN_MMIO_SIZE ||
	    o->mmio_size > XENRDM_MAX_MMIO_SIZE) {
		cli_err("--mmio-hole '%s': outside 256..3840 MiB, the "
			"range xl accepts", arg);
		return XENRDM_EXIT_USAGE;
	}
	o->mmio = true;
	return 0;
}

/* --pci STR, added to the command line's list (which replaces the
 * file's). */
static int pci_opt(struct plan_cli_overrides *o, const char *arg)
{
	struct xenrdm_pci_dev dev;
	char err[512];

	if (xenrdm_pci_spec_parse(arg, &dev, err, sizeof(err))) {
		cli_err("--pci: %s", err);
		return XENRDM_EXIT_USAGE;
	}
	if (xenrdm_pci_list_add(&o->pci_list, &dev)) {
		cli_err("--pci: out of memory");
		return XENRDM_EXIT_ENV;
	}
	o->pci = true;
	return 0;
}

/* The guest's layout: -c FILE and the options that override it (kept in
 * o until the file is read, plan_cli_settle()).  0, an exit status, or
 * NOT_THIS_GROUP. */
static int layout_opt(struct plan_cli_overrides *o, int val, const char *arg)
{
	char err[512];
	int rc;

	switch (val) {
	case OPT_MEMORY:
		return memory_opt(o, arg);
	case OPT_MMIO:
		return mmio_opt(o, arg);
	case OPT_BOUNDARY:
		rc = mib_parse("--rdm-mem-boundary", arg, &o->boundary_bytes);
		if (rc)
			return rc;
		o->boundary = true;
		return 0;
	case OPT_RDM:
		o->strategy = XENRDM_STRATEGY_IGNORE;
		o->policy = XENRDM_POLICY_RELAXED;
		if (xenrdm_rdm_spec_parse(arg, &o->strategy, &o->policy, err,
					  sizeof(err))) {
			cli_err("--rdm: %s", err);
			return XENRDM_EXIT_USAGE;
		}
		o->rdm = true;
		return 0;
	case OPT_NO_HAP:
		o->no_hap = true;
		return 0;
	case OPT_GFX:
		o->gfx = true;
		return 0;
	case OPT_BIOS:
		if (xenrdm_bios_parse(arg, &o->bios_type)) {
			cli_err("--bios '%s': not seabios, ovmf or rombios", arg);
			return XENRDM_EXIT_USAGE;
		}
		o->bios = true;
		return 0;
	case OPT_PCI:
		return pci_opt(o, arg);
	case 'c':
		if (o->cfg_path) {
			cli_err("-c '%s': only one xl config file (already "
				"have '%s')", arg, o->cfg_path);
			return XENRDM_EXIT_USAGE;
		}
		o->cfg_path = arg;
		return 0;
	}
	return NOT_THIS_GROUP;
}

/* --dmar and --dmesg are read once all options are known (--sysfs),
 * in the order given. */
static int source_defer(struct plan_cli_overrides *o, int val,
			const char *path)
{
	void *v = realloc(o->srcs, (o->nr_srcs + 1) * sizeof(*o->srcs));

	if (!v) {
		cli_err("out of memory");
		return XENRDM_EXIT_ENV;
	}
	o->srcs = v;
	o->srcs[o->nr_srcs].opt = val;
	o->srcs[o->nr_srcs++].path = path;
	return 0;
}

/* The host's RDM regions: --region and --regions now, the others once
 * all options are known.  0, an exit status, or NOT_THIS_GROUP. */
static int source_opt(struct plan_cli *pc, struct plan_cli_overrides *o,
		      int val, const char *arg)
{
	struct xenrdm_host_region reg;
	char err[512];

	switch (val) {
	case OPT_REGION:
		if (xenrdm_region_parse(arg, &reg, err, sizeof(err))) {
			cli_err("--region: %s", err);
			return XENRDM_EXIT_USAGE;
		}
		if (xenrdm_region_list_add(&pc->regions, &reg)) {
			cli_err("--region: out of memory");
			return XENRDM_EXIT_ENV;
		}
		return 0;
	case OPT_REGIONS:
		return regions_file_add(pc, arg);
	case OPT_DMAR:
	case OPT_DMESG:
		return source_defer(o, val, arg);
	case OPT_HOST:
		o->host = true;
		return 0;
	case OPT_SYSFS:
		if (!*arg) {
			cli_err("--sysfs '': expected a directory (the live one is /sys)");
			return XENRDM_EXIT_USAGE;
		}
		o->sysfs = arg;
		return 0;
	case OPT_XEN:
		o->xen = true;
		return 0;
	}
	return NOT_THIS_GROUP;
}

/* What is printed.  0, an exit status, or NOT_THIS_GROUP. */
static int output_opt(struct plan_cli *pc, int val, const char *arg)
{
	switch (val) {
	case OPT_JSON:
		pc->json = true;
		return 0;
	case OPT_LINUX:
		pc->linux_fmt = true;
		return 0;
	case OPT_SVG:
		if (!*arg) {
			cli_err("--svg '': expected a file name");
			return XENRDM_EXIT_USAGE;
		}
		pc->svg_path = arg;
		return 0;
	case 'q':
		pc->quiet = true;
		return 0;
	}
	return NOT_THIS_GROUP;
}

/* One plan option: 0, an exit status, or NOT_THIS_GROUP (not a plan
 * option: the caller's extra_opts). */
static int plan_opt(struct plan_cli *pc, struct plan_cli_overrides *o,
		    int val, const char *arg)
{
	int rc = layout_opt(o, val, arg);

	if (rc == NOT_THIS_GROUP)
		rc = source_opt(pc, o, val, arg);
	if (rc == NOT_THIS_GROUP)
		rc = output_opt(pc, val, arg);
	return rc;
}

/* -c PATH: read once, whole; the layout settings (xenrdm_xlcfg_parse) and
 * what xl 4.17 reads of rdm= and pci= (xenrdm_xl_view_parse, into
 * pc->xl) from the same bytes.  0 or an error with the message in err. */
static const char *cfg_alias_path, *cfg_alias_name;

void plan_cli_config_name(const char *path, const char *name)
{
	cfg_alias_path = path;
	cfg_alias_name = name;
}

/* The name messages give the -c file. */
static const char *plan_cli_cfg_name(const char *path)
{
	if (cfg_alias_path && !strcmp(path, cfg_alias_path))
		return cfg_alias_name;
	return xenrdm_read_file_name(path);
}

/* The file's maxmem (else memory), to say how much video RAM libxl
 * subtracts (the file parsed cleanly already: reports go nowhere). */
static void plan_cli_xl_memory(struct plan_cli *pc, const char *buf,
			       size_t len, const char *name)
{
	FILE *sink = fopen("/dev/null", "w");
	XLU_Config *c;
	long v;

	pc->xl_memory_key = NULL;
	pc->videoram = 0;
	if (!sink)
		return;
	c = xlu_cfg_init(sink, name);
	if (c && len <= INT32_MAX && !xlu_cfg_readdata(c, buf, (int)len)) {
		if (!xlu_cfg_get_long(c, "maxmem", &v, 1))
			pc->xl_memory_key = "maxmem";
		else if (!xlu_cfg_get_long(c, "memory", &v, 1))
			pc->xl_memory_key = "memory";
		if (pc->xl_memory_key && v > 0 &&
		    (uint64_t)v > pc->cfg.mem_size >> 20) {
			pc->xl_memory = (uint64_t)v;
			pc->videoram = (uint64_t)v - (pc->cfg.mem_size >> 20);
		}
	}
	if (c)
		xlu_cfg_destroy(c);
	fclose(sink);
}

static int plan_cli_xlcfg(struct plan_cli *pc, const char *path,
			  unsigned *set_mask, char *err, size_t errlen)
{
	const char *name = plan_cli_cfg_name(path);
	char why[256] = "", *buf = NULL;
	size_t len = 0;
	int r;

	r = xenrdm_read_file(path, XENRDM_CAP_TEXT, &buf, &len, why,
			     sizeof(why));
	if (r) {
		snprintf(err, errlen, "%s: %s", name,
			 why[0] ? why : xenrdm_strerror(r));
		return r;
	}
	r = xenrdm_xlcfg_parse(buf, len, name, &pc->cfg, &pc->pci, set_mask,
			       err, errlen);
	if (!r)
		r = xenrdm_xl_view_parse(buf, len, name, &pc->xl, err, errlen);
	if (!r && (*set_mask & XENRDM_XLCFG_MEM))
		plan_cli_xl_memory(pc, buf, len, name);
	free(buf);
	return r;
}

/* Say when xl 4.17 ignores or mangles the file's rdm= (xenrdm/xl_rdm.h)
 * and how to write what it means; `create` and `apply` plan what xl
 * builds and say so themselves (plan_as_xl), `plan` plans the text as
 * written. */
static void plan_cli_xl_warn(const struct plan_cli *pc, const char *cmd,
			     const char *path, bool rdm_override)
{
	const char *name = plan_cli_cfg_name(path);
	char text[4096], *line, *nl;

	if (!xl_view_explain(&pc->xl, name, text, sizeof(text)))
		return;
	for (line = text; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		cli_warn("%s", line);
	}
	if (rdm_override)
		cli_warn("%s: --rdm overrides its rdm= for this plan", name);
	else if (pc->xl.xl_strategy != pc->xl.want_strategy &&
		 !strcmp(cmd, "plan"))
		cli_warn("%s: planned as written; the domain xl 4.17 builds "
			 "from it has strategy=%s (xen-rdm create and apply "
			 "plan that; --rdm strategy=%s plans it here)", name,
			 xenrdm_strategy_name(pc->xl.xl_strategy),
			 xenrdm_strategy_name(pc->xl.xl_strategy));
}

/* The command line over the -c file: each layout option given replaces
 * the file's setting (--pci the file's whole list). */
static void overrides_apply(struct plan_cli *pc, struct plan_cli_overrides *o)
{
	if (o->mem) {
		pc->cfg.mem_size = o->mem_size;
		pc->videoram = 0;       /* --memory is the layout's size */
	}
	if (o->mmio)
		pc->cfg.mmio_size = o->mmio_size;
	if (o->boundary)
		pc->cfg.rdm_mem_boundary = o->boundary_bytes;
	if (o->rdm) {
		pc->cfg.strategy = o->strategy;
		pc->cfg.policy = o->policy;
	}
	if (o->no_hap)
		pc->cfg.hap = false;
	if (o->bios)
		pc->cfg.bios = o->bios_type;
	if (o->gfx)
		pc->cfg.igd_passthru = true;
	if (o->pci) {
		xenrdm_pci_list_free(&pc->pci);
		pc->pci = o->pci_list;
		memset(&o->pci_list, 0, sizeof(o->pci_list));
	}
}

/* The -c file first, then everything the command line set. */
static int plan_cli_settle(struct plan_cli *pc, struct plan_cli_overrides *o,
			   const char *cmd)
{
	char err[512];
	unsigned set_mask = 0;
	bool have_mem = false;
	size_t i;
	int r;

	for (i = 0; i < o->nr_srcs; i++) {
		r = o->srcs[i].opt == OPT_DMAR ?
		    host_src_dmar(pc, o->srcs[i].path, o->sysfs) :
		    host_src_dmesg(pc, o->srcs[i].path);
		if (r)
			return r;
	}
	if (o->cfg_path) {
		err[0] = '\0';
		r = plan_cli_xlcfg(pc, o->cfg_path, &set_mask, err,
				   sizeof(err));
		if (r) {
			/* The reader's message names the file already. */
			if (err[0])
				cli_err("-c: %s", err);
			else
				cli_err("-c '%s': %s", o->cfg_path,
					xenrdm_strerror(r));
			return r == -XENRDM_ERR_NOMEM ? XENRDM_EXIT_ENV :
			       XENRDM_EXIT_USAGE;
		}
		have_mem = set_mask & XENRDM_XLCFG_MEM;
		pc->cfg_name = plan_cli_cfg_name(o->cfg_path);
		plan_cli_xl_warn(pc, cmd, o->cfg_path, o->rdm);
	}
	overrides_apply(pc, o);
	if (!have_mem && !o->mem) {
		cli_err("no guest memory size: give --memory MiB (or memory= "
			"in the file given with -c)");
		return XENRDM_EXIT_USAGE;
	}
	if (o->xen) {
		err[0] = '\0';
		r = xenrdm_xen_regions(pc->pci.v, pc->pci.n, &pc->regions,
				       err, sizeof(err));
		if (r) {
			cli_err("--xen: %s", err[0] ? err : xenrdm_strerror(r));
			/* No hypervisor is bad usage (use --region or --dmar):
			 * exit 2; a failing one is exit 3. */
			return r == -XENRDM_ERR_INVAL || r == -XENRDM_ERR_PARSE ||
			       r == -XENRDM_ERR_NOXEN ?
			       XENRDM_EXIT_USAGE : XENRDM_EXIT_ENV;
		}
	}
	if (o->host)
		return host_src_live(pc, o->sysfs);
	return 0;
}

int plan_cli_parse(struct plan_cli *pc, int argc, char **argv,
		   const struct option *extra_opts, plan_cli_extra_fn extra,
		   void *ctx)
{
	struct plan_cli_overrides o;
	struct option *opts = NULL;
	size_t nr_extra = 0, i;
	const char *cmd = argc > 0 ? argv[0] : "plan";
	int rc = 0, c;

	memset(pc, 0, sizeof(*pc));
	memset(&o, 0, sizeof(o));
	xenrdm_config_init(&pc->cfg);
	pc->cfg.device_ranges = true;   /* our sources set sbdf_last */

	while (extra_opts && extra_opts[nr_extra].name)
		nr_extra++;
	opts = calloc(NR_PLAN_OPTS + nr_extra + 1, sizeof(*opts));
	if (!opts) {
		cli_err("out of memory");
		return XENRDM_EXIT_ENV;
	}
	memcpy(opts, plan_opts, sizeof(plan_opts));
	for (i = 0; i < nr_extra; i++)
		opts[NR_PLAN_OPTS + i] = extra_opts[i];

	cli_opt_begin();
	while ((c = cli_getopt(argc, argv, "c:qh", opts, NULL)) != -1) {
		if (c == CLI_OPT_ERROR) {
			rc = XENRDM_EXIT_USAGE;
			goto out;
		}
		if (c == OPT_HELP || c == 'h') {
			plan_cli_usage(stdout, cmd);
			pc->help = true;
			rc = 0;
			goto out;
		}
		rc = plan_opt(pc, &o, c, optarg);
		if (rc == NOT_THIS_GROUP) {
			rc = extra ? extra(ctx, c, optarg) : XENRDM_EXIT_USAGE;
			if (!extra)
				cli_err("%s: unhandled option", cmd);
		}
		if (rc)
			goto out;
	}
	rc = cli_opt_no_operands(argc, argv);
	if (!rc)
		rc = cli_opt_exclusive(cmd, pc->json, "--json", pc->linux_fmt,
				       "--linux");
	if (!rc)
		rc = cli_opt_exclusive(cmd, pc->json, "--json", pc->quiet,
				       "-q");
	if (rc)
		goto out;
	pc->rdm_override = o.rdm;
	pc->pci_override = o.pci;
	rc = plan_cli_settle(pc, &o, cmd);
out:
	xenrdm_pci_list_free(&o.pci_list);
	free(o.srcs);
	free(opts);
	return rc;
}

int plan_cli_compute(struct plan_cli *pc, struct xenrdm_plan *plan_out)
{
	char err[1024];
	int r;

	pc->cfg.pci = pc->pci.v;
	pc->cfg.nr_pci = pc->pci.n;
	pc->cfg.regions = pc->regions.v;
	pc->cfg.nr_regions = pc->regions.n;
	/* The planner refuses what cannot boot and says why, naming the
	 * input and the way out; the command prints its words. */
	r = xenrdm_plan_compute(&pc->cfg, plan_out, err, sizeof(err));
	if (r && r != -XENRDM_ERR_CONFLICT) {
		cli_err("%s", err[0] ? err : xenrdm_strerror(r));
		return r == -XENRDM_ERR_NOMEM ? XENRDM_EXIT_ENV :
		       XENRDM_EXIT_USAGE;
	}
	/* The SVG file can be written, or nothing is printed. */
	if (pc->svg_path) {
		int status = cli_output_check("--svg", pc->svg_path);

		if (status) {
			xenrdm_plan_free(plan_out);
			return status;
		}
	}
	return r ? XENRDM_EXIT_CONFLICT : XENRDM_EXIT_OK;
}

void plan_cli_free(struct plan_cli *pc)
{
	xenrdm_remedies_free(&pc->rem);
	xenrdm_xl_view_free(&pc->xl);
	xenrdm_pci_list_free(&pc->pci);
	xenrdm_region_list_free(&pc->regions);
	memset(pc, 0, sizeof(*pc));
}
