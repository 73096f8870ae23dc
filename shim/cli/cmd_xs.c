/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/cmd_xs.c - xen-rdm apply / show / clear: a domain's RDM keys in
 * xenstore, through libxenrdm's xenrdm/xs.h.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "e820_out.h"
#include "keys_check.h"
#include "render.h"
#include "json.h"
#include "xenrdm/xs.h"

#define OPT_DOMID 0x1000
#define OPT_TIMEOUT 0x1001
#define OPT_BIOS 0x1002
#define OPT_GFX 0x1003

/* --timeout / XENRDM_XS_TIMEOUT: whole seconds a request may take. */
#define TIMEOUT_MAX_S 3600u

/* The environment failed (xenstore) unless the input was bad. */
static int exit_status_of(int rc)
{
	switch (-rc) {
	case 0:                   return XENRDM_EXIT_OK;
	case XENRDM_ERR_CONFLICT: return XENRDM_EXIT_CONFLICT;
	case XENRDM_ERR_INVAL:
	case XENRDM_ERR_NOSPACE:
	case XENRDM_ERR_RANGE:
	case XENRDM_ERR_LAYOUT:   return XENRDM_EXIT_USAGE;
	default:                  return XENRDM_EXIT_ENV;
	}
}

/* Decimal digits only, the whole text, at most max.  0 or -1. */
static int parse_decimal(const char *text, unsigned long max,
			 unsigned long *v_out)
{
	unsigned long v = 0;
	const char *p;

	if (!*text)
		return -1;
	for (p = text; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > max)
			return -1;
	}
	*v_out = v;
	return 0;
}

/* --domid: decimal 1..XENRDM_XS_DOMID_MAX, digits only (no blank, no
 * sign: as --memory).  0 or an exit status. */
static int parse_domid(const char *arg, uint32_t *domid_out)
{
	unsigned long v;

	if (parse_decimal(arg, XENRDM_XS_DOMID_MAX, &v) || v == 0) {
		cli_err("--domid: '%s' is not a guest domain id (1..%u)",
			arg, XENRDM_XS_DOMID_MAX);
		return XENRDM_EXIT_USAGE;
	}
	*domid_out = (uint32_t)v;
	return 0;
}

/* --timeout SEC, or XENRDM_XS_TIMEOUT=SEC: 1..3600.  0 or an exit status. */
static int parse_timeout(const char *what, const char *arg, unsigned *ms_out)
{
	unsigned long v;

	if (parse_decimal(arg, TIMEOUT_MAX_S, &v) || v == 0) {
		cli_err("%s: '%s' is not a timeout in whole seconds (1..%u)",
			what, arg, TIMEOUT_MAX_S);
		return XENRDM_EXIT_USAGE;
	}
	*ms_out = (unsigned)v * 1000u;
	return 0;
}

/* The timeout when no --timeout was given: XENRDM_XS_TIMEOUT, else the
 * library's default.  0 or an exit status. */
static int default_timeout(unsigned *ms_out)
{
	const char *env = getenv("XENRDM_XS_TIMEOUT");

	*ms_out = XENRDM_XS_TIMEOUT_MS_DEFAULT;
	return env ? parse_timeout("XENRDM_XS_TIMEOUT", env, ms_out) : 0;
}

/*
 * The backstop for what the per-request timeout cannot bound: connecting
 * (a daemon that stopped with its backlog full), the xenbus device (a
 * blocked read there cannot be interrupted), a daemon that answers a
 * byte at a time.  The whole exchange with xenstored must end within
 * 3 x the timeout; else one line and exit 3 (the daemon drops the open
 * transaction with the connection: nothing is written).
 */
static char watchdog_msg[768];
static size_t watchdog_len;

static void watchdog_fire(int sig)
{
	(void)sig;
	if (write(STDERR_FILENO, watchdog_msg, watchdog_len) < 0)
		_exit(XENRDM_EXIT_ENV);
	_exit(XENRDM_EXIT_ENV);
}

static void watchdog_arm(const char *cmd, uint32_t domid, unsigned timeout_ms)
{
	struct sigaction sa;
	char daemon[600];
	unsigned s = 3 * timeout_ms / 1000;
	int n;

	xenrdm_xs_daemon(daemon, sizeof(daemon));
	n = snprintf(watchdog_msg, sizeof(watchdog_msg), "xen-rdm: %s: domain "
		     "%" PRIu32 ": %s did not answer: nothing done within %u s "
		     "(3 x --timeout); nothing written\n", cmd, domid,
		     daemon[0] ? daemon : "xenstored", s);
	watchdog_len = n > 0 && (size_t)n < sizeof(watchdog_msg) ?
		       (size_t)n : strlen(watchdog_msg);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = watchdog_fire;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(s ? s : 1);
}

static void watchdog_disarm(void)
{
	alarm(0);
}

/* The test hook (tests/xs): XENRDM_TEST_PAUSE_AFTER_WRITES=N[:MS] makes
 * every write attempt print "xenrdm: test hook: paused after N writes"
 * and sleep MS ms (default 5000) after its N-th write inside the open
 * transaction, so a test can kill the writer or the daemon, or write
 * concurrently, at a known point.  Read here, not in the library. */
static unsigned long test_pause_n, test_pause_ms = 5000;

static void test_pause_hook(void *opaque, unsigned nr_writes)
{
	struct timespec ts = { .tv_sec = (time_t)(test_pause_ms / 1000),
			       .tv_nsec = (long)(test_pause_ms % 1000) * 1000000L };

	(void)opaque;
	if (nr_writes != test_pause_n)
		return;
	fprintf(stderr, "xenrdm: test hook: paused after %lu writes\n",
		test_pause_n);
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void test_hook_install(void)
{
	const char *s = getenv("XENRDM_TEST_PAUSE_AFTER_WRITES");
	char *end;

	if (!s || !*s)
		return;
	test_pause_n = strtoul(s, &end, 10);
	if (*end == ':')
		test_pause_ms = strtoul(end + 1, &end, 10);
	if (*end || !test_pause_n)
		return;
	xenrdm_xs_set_write_hook(test_pause_hook, NULL);
}

/* stdout flushed and without error, else say so: exit 3. */
static int stdout_check(const char *cmd, int status)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_err("%s: cannot write the output: %s", cmd, strerror(errno));
		return XENRDM_EXIT_ENV;
	}
	return status;
}

static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

/* ---- apply ---- */

int apply_write_keys(const char *cmd, uint32_t domid, unsigned timeout_ms,
		     const struct xenrdm_plan *plan)
{
	struct xs_handle *xsh = NULL;
	char err[512] = "";
	int rc;

	test_hook_install();
	watchdog_arm(cmd, domid, timeout_ms);
	rc = xenrdm_xs_open_timeout(&xsh, timeout_ms, err, sizeof(err));
	if (!rc)
		rc = xenrdm_xs_write_plan(xsh, domid, plan, err, sizeof(err));
	watchdog_disarm();
	xenrdm_xs_close(xsh);
	if (rc) {
		cli_err("%s: domain %" PRIu32 ": %s", cmd, domid, err);
		return exit_status_of(rc);
	}
	return XENRDM_EXIT_OK;
}

int apply_timeout(const char *arg, unsigned *ms_out)
{
	return arg ? parse_timeout("--timeout", arg, ms_out) :
		     default_timeout(ms_out);
}

struct apply_ctx {
	uint32_t domid;
	bool has_domid, has_timeout;
	unsigned timeout_ms;
};

static int apply_extra(void *ctx, int val, const char *arg)
{
	struct apply_ctx *a = ctx;
	int status;

	if (val == OPT_TIMEOUT) {
		status = parse_timeout("--timeout", arg, &a->timeout_ms);
		a->has_timeout = !status;
		return status;
	}
	if (val != OPT_DOMID)
		return XENRDM_EXIT_USAGE;
	status = parse_domid(arg, &a->domid);
	if (!status)
		a->has_domid = true;
	return status;
}

static void apply_usage(FILE *f)
{
	fprintf(f,
"usage: xen-rdm apply --domid N [plan options]\n"
"\n"
"Compute the plan exactly as `xen-rdm plan` does (same options: see\n"
"xen-rdm plan --help) and write its valid RDM entries for domain N to\n"
"/local/domain/N/hvmloader/rdm in one xenstore transaction, replacing any\n"
"earlier set.  Every key is owned by domain 0 and read-only for the guest\n"
"(n0,rN).  A transaction conflict is retried %u times with a short backoff.\n"
"\n"
"  --domid N      the guest domain (1..%u); its xenstore home\n"
"                 /local/domain/N must exist (the toolstack makes it)\n"
"  --timeout SEC  each xenstore request must be answered within SEC s\n"
"                 (default %u, or XENRDM_XS_TIMEOUT)\n"
"\n"
"The daemon is found through XENSTORED_PATH, XENSTORED_RUNDIR, or\n"
"/var/run/xenstored/socket.\n"
"exit status: 0 written, 1 strict RDM conflict (nothing written),\n"
"2 bad usage or input, 3 xenstore failed or did not answer (nothing\n"
"written)\n",
		(unsigned)XENRDM_XS_MAX_TRIES, XENRDM_XS_DOMID_MAX,
		XENRDM_XS_TIMEOUT_MS_DEFAULT / 1000);
}

int cmd_apply(int argc, char **argv)
{
	static const struct option extra_opts[] = {
		{ "domid", required_argument, NULL, OPT_DOMID },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ NULL, 0, NULL, 0 },
	};
	struct apply_ctx ctx = { 0 };
	struct plan_cli pc;
	struct xenrdm_plan plan;
	int status;

	memset(&plan, 0, sizeof(plan));
	memset(&pc, 0, sizeof(pc));
	if (wants_help(argc, argv)) {
		apply_usage(stdout);
		return XENRDM_EXIT_OK;
	}
	status = plan_cli_parse(&pc, argc, argv, extra_opts, apply_extra, &ctx);
	if (status)
		goto out;
	if (!ctx.has_domid) {
		cli_err("apply: --domid N is required (xen-rdm apply --help)");
		status = XENRDM_EXIT_USAGE;
		goto out;
	}
	if (!ctx.has_timeout) {
		status = default_timeout(&ctx.timeout_ms);
		if (status)
			goto out;
	}
	status = plan_cli_compute(&pc, &plan);
	if (status != XENRDM_EXIT_OK && status != XENRDM_EXIT_CONFLICT)
		goto out;
	/* The SVG file can be written, or nothing is done. */
	if (pc.svg_path) {
		int svg_status = cli_output_check("--svg", pc.svg_path);

		if (svg_status) {
			status = svg_status;
			goto out;
		}
	}
	if (status == XENRDM_EXIT_CONFLICT) {
		plan_cli_print(&pc, &plan, status, stdout);
		if (pc.svg_path)
			render_plan_svg(pc.svg_path, &plan);
		if (!pc.quiet)
			cli_err("apply: strict RDM conflict; nothing written for "
				"domain %" PRIu32, ctx.domid);
		if (!pc.json)
			plan_cli_verdict(&pc, &plan, NULL, NULL, stdout);
		status = stdout_check("apply", status);
		goto out;
	}

	status = apply_write_keys("apply", ctx.domid, ctx.timeout_ms, &plan);
	if (status) {
		char why[96];

		snprintf(why, sizeof(why), "nothing was written for domain %"
			 PRIu32 " (see above)", ctx.domid);
		if (!pc.json)
			plan_cli_verdict(&pc, &plan, NULL, why, stdout);
		goto out;
	}
	plan_cli_print(&pc, &plan, status, stdout);
	if (!pc.json && !pc.quiet)
		printf("wrote %zu RDM entr%s for domain %" PRIu32 " to "
		       XENRDM_XS_DOMAIN_HOME_FMT "/" XENRDM_XS_DIR "\n",
		       plan.nr_valid, plan.nr_valid == 1 ? "y" : "ies",
		       ctx.domid, ctx.domid);
	if (pc.svg_path)
		status = render_plan_svg(pc.svg_path, &plan);
	if (!pc.json) {
		char tail[48];

		snprintf(tail, sizeof(tail), "; written for domain %" PRIu32,
			 ctx.domid);
		plan_cli_verdict(&pc, &plan, tail, NULL, stdout);
	}
	/* The keys are written; an output that fails still says so. */
	status = stdout_check("apply", status);
out:
	xenrdm_plan_free(&plan);
	plan_cli_free(&pc);
	return status;
}

/* ---- show / clear ---- */

struct dom_opts {
	uint32_t domid;
	unsigned timeout_ms;
	bool has_domid, has_timeout, json, linux_fmt;
	const char *svg_path;   /* ux: show --svg FILE */
	enum xenrdm_bios bios;  /* show --bios: the guest's first MB, limit */
	bool igd_passthru;      /* show --gfx-passthru: the OpRegion's 2 */
};

/* --domid, and --json/--linux when allowed.  0, or an exit status
 * (-1 for --help, already printed). */
static int parse_dom_opts(int argc, char **argv, bool allow_format,
			  void (*usage)(FILE *), struct dom_opts *o)
{
	static const struct option opts[] = {
		{ "domid", required_argument, NULL, OPT_DOMID },
		{ "json", no_argument, NULL, 'j' },
		{ "linux", no_argument, NULL, 'l' },
		{ "svg", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "bios", required_argument, NULL, OPT_BIOS },
		{ "gfx-passthru", no_argument, NULL, OPT_GFX },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, status;

	memset(o, 0, sizeof(*o));
	o->bios = XENRDM_BIOS_DEFAULT;
	cli_opt_begin();
	while ((c = cli_getopt(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_DOMID:
			status = parse_domid(optarg, &o->domid);
			if (status)
				return status;
			o->has_domid = true;
			break;
		case OPT_TIMEOUT:
			status = parse_timeout("--timeout", optarg,
					       &o->timeout_ms);
			if (status)
				return status;
			o->has_timeout = true;
			break;
		case 'j':
		case 'l':
			if (!allow_format)
				goto unknown;
			if (c == 'j')
				o->json = true;
			else
				o->linux_fmt = true;
			break;
		case OPT_GFX:
			if (!allow_format)
				goto unknown;
			o->igd_passthru = true;
			break;
		case OPT_BIOS:
			if (!allow_format)
				goto unknown;
			if (xenrdm_bios_parse(optarg, &o->bios)) {
				cli_err("%s: --bios '%s': not seabios, ovmf or "
					"rombios", argv[0], optarg);
				return XENRDM_EXIT_USAGE;
			}
			break;
		case 's':       /* ux: show --svg FILE */
			if (!allow_format)
				goto unknown;
			o->svg_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		case CLI_OPT_ERROR:
			return XENRDM_EXIT_USAGE;
		default:
		unknown:
			cli_err("%s: unknown option '%s' (xen-rdm %s --help)",
				argv[0], argv[optind - 1], argv[0]);
			return XENRDM_EXIT_USAGE;
		}
	}
	if (cli_opt_no_operands(argc, argv))
		return XENRDM_EXIT_USAGE;
	if (!o->has_domid) {
		cli_err("%s: --domid N is required (xen-rdm %s --help)",
			argv[0], argv[0]);
		return XENRDM_EXIT_USAGE;
	}
	if (cli_opt_exclusive(argv[0], o->json, "--json", o->linux_fmt,
			      "--linux"))
		return XENRDM_EXIT_USAGE;
	return o->has_timeout ? 0 : default_timeout(&o->timeout_ms);
}

static void show_usage(FILE *f)
{
	fprintf(f,
"usage: xen-rdm show --domid N [--json | --linux] [--svg FILE] [--bios NAME]\n"
"                    [--timeout SEC]\n"
"\n"
"Read domain N's RDM keys (/local/domain/N/hvmloader/rdm) back through\n"
"libxenstore, in one snapshot, and print them with their permissions as\n"
"`xenstore-ls -f -p` does, the entries the firmware module accepts\n"
"(its own reader, compiled for the host), and the e820 it builds from them.\n"
"\n"
"  --domid N   the guest domain (1..%u)\n"
"  --json      one JSON object: keys, entries, memory ends, e820\n"
"  --linux     the e820 as Linux's boot log prints it\n"
"  --svg FILE  also draw the address space the firmware builds as SVG\n"
"  --bios NAME the guest's BIOS (xl's bios=): seabios (default), ovmf or\n"
"              rombios; sets hvmloader's first MB, and a set whose e820\n"
"              the BIOS would not keep is an error\n"
"  --gfx-passthru  xl's gfx_passthru: count the IGD OpRegion's 2 entries\n"
"  --timeout SEC  each xenstore request must be answered within SEC s\n"
"              (default %u, or XENRDM_XS_TIMEOUT)\n"
"\n"
"Values are printed escaped as xenstore-ls prints them.\n"
"exit status: 0 ok (also when no set is written), 2 bad usage, the set\n"
"cannot be read by the firmware or its e820 cannot be built, 3 xenstore\n"
"failed or did not answer, or the output cannot be written\n",
		XENRDM_XS_DOMID_MAX, XENRDM_XS_TIMEOUT_MS_DEFAULT / 1000);
}

static void clear_usage(FILE *f)
{
	fprintf(f,
"usage: xen-rdm clear --domid N [--timeout SEC]\n"
"\n"
"Remove domain N's RDM keys (/local/domain/N/hvmloader/rdm) in one xenstore\n"
"transaction, and /local/domain/N/hvmloader when nothing else is in it.\n"
"No set written is not an error.\n"
"\n"
"  --domid N      the guest domain (1..%u)\n"
"  --timeout SEC  each xenstore request must be answered within SEC s\n"
"                 (default %u, or XENRDM_XS_TIMEOUT)\n"
"\n"
"exit status: 0 removed, 2 bad usage, 3 xenstore failed or did not answer\n",
		XENRDM_XS_DOMID_MAX, XENRDM_XS_TIMEOUT_MS_DEFAULT / 1000);
}

/* Print the layout's entries and e820 (human) or add them (JSON). */
static int show_print(const struct dom_opts *o,
		      const struct xenrdm_xs_dump *dump,
		      const struct xenrdm_fw_layout *layout, int read_rc,
		      const char *fwlog)
{
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	uint32_t nr = 0, i;
	int rc = read_rc;

	if (!rc && dump->nr_keys)
		rc = xenrdm_e820_build(layout, tab, XENRDM_E820MAX, &nr);

	if (o->json) {
		struct json_writer w;

		json_init(&w, stdout);
		json_object_begin(&w, NULL);
		json_u64(&w, "domid", o->domid);
		json_array_begin(&w, "keys");
		for (i = 0; i < dump->nr_keys; i++) {
			json_object_begin(&w, NULL);
			json_string(&w, "path", dump->key[i].path);
			json_string(&w, "value", dump->key[i].value);
			json_string(&w, "perms", dump->key[i].perms);
			json_object_end(&w);
		}
		json_array_end(&w);
		if (dump->nr_keys && !read_rc) {
			json_array_begin(&w, "rdm");
			for (i = 0; i < layout->nr_rdm; i++) {
				json_object_begin(&w, NULL);
				json_u64(&w, "start", layout->rdm[i].start);
				json_u64(&w, "size", layout->rdm[i].size);
				json_object_end(&w);
			}
			json_array_end(&w);
			json_u64(&w, "skipped", layout->nr_skipped);
			json_u64(&w, "lowmem_end", layout->lowmem_end);
			json_u64(&w, "highmem_end", layout->highmem_end);
		}
		if (dump->nr_keys && !rc)
			e820_out_json(&w, "e820", tab, nr);
		json_object_end(&w);
		fputc('\n', stdout);
	} else if (!dump->nr_keys) {
		printf("domain %" PRIu32 ": no RDM keys under "
		       XENRDM_XS_DOMAIN_HOME_FMT "/" XENRDM_XS_DIR "\n",
		       o->domid, o->domid);
	} else {
		/* As xenstore-ls -f -p prints them, escaped as it does. */
		for (i = 0; i < dump->nr_keys; i++) {
			const struct xenrdm_xs_key *k = &dump->key[i];

			cli_put_escaped(stdout, k->path, strlen(k->path),
					CLI_ESC_XS);
			fputs(" = \"", stdout);
			cli_put_escaped(stdout, k->value, strlen(k->value),
					CLI_ESC_XS);
			fputs("\"   (", stdout);
			cli_put_escaped(stdout, k->perms, strlen(k->perms),
					CLI_ESC_XS);
			fputs(")\n", stdout);
		}
		if (fwlog[0]) {
			fputs("firmware reader:\n", stdout);
			cli_put_lines(stdout, fwlog);
		}
		if (!read_rc) {
			printf("RDM entries the firmware reads: %" PRIu32
			       " (%" PRIu32 " skipped)\n", layout->nr_rdm,
			       layout->nr_skipped);
			char range[CLI_RANGE_LEN], a[CLI_ADDR_LEN];

			for (i = 0; i < layout->nr_rdm; i++)
				printf("  [%02" PRIu32 "] %s\n", i,
				       cli_range(layout->rdm[i].start,
						 layout->rdm[i].size, range));
			printf("lowmem-end %s, ", cli_addr(layout->lowmem_end, a));
			printf("highmem-end %s\n",
			       cli_addr(layout->highmem_end, a));
		}
		if (!rc) {
			printf("guest e820:\n");
			if (o->linux_fmt)
				e820_out_linux(stdout, tab, nr);
			else
				e820_out_table(stdout, tab, nr);
		}
	}
	if (rc && dump->nr_keys) {
		cli_err("show: domain %" PRIu32 ": %s: %s", o->domid,
			read_rc ? "the firmware rejects the set"
				: "no e820 can be built from the set",
			xenrdm_strerror(rc));
		return XENRDM_EXIT_USAGE;
	}
	/* ux: --svg FILE, from what the firmware reads. */
	if (o->svg_path && dump->nr_keys) {
		int svg_status = render_fw_svg(o->svg_path, layout, tab, nr);

		if (svg_status)
			return svg_status;
	}
	/* The patched hvmloader stops (BUG) rather than hand the BIOS a
	 * table it would cut short: say so. */
	if (dump->nr_keys && !rc) {
		uint32_t boot = 0;

		if (xenrdm_bios_e820_fits(layout, o->bios, o->igd_passthru,
					  &boot) == -XENRDM_ERR_NOSPACE) {
			cli_err("show: domain %" PRIu32 ": this e820 has %" PRIu32
				" entries at boot, more than %s keeps (%" PRIu32
				"): the guest's hvmloader stops", o->domid, boot,
				xenrdm_bios_name(o->bios),
				xenrdm_bios_e820_keep(o->bios));
			return XENRDM_EXIT_USAGE;
		}
	}
	/* xen-rdm never writes an entry the firmware skips: one that is
	 * skipped was written by someone else, or damaged. */
	if (dump->nr_keys && !layout->nr_skipped) {
		char home[XENRDM_XS_PATH_MAX];
		unsigned warnings;

		snprintf(home, sizeof(home), XENRDM_XS_DOMAIN_HOME_FMT,
			 o->domid);
		fflush(stdout);
		warnings = keys_check_xs(dump, home) + fw_log_warnings(fwlog);
		if (warnings) {
			cli_err("show: domain %" PRIu32 ": %u warning%s (the "
				"firmware reader's lines above, or here): not "
				"a set xen-rdm writes (damage, or another "
				"writer)", o->domid, warnings,
				warnings == 1 ? "" : "s");
			return XENRDM_EXIT_USAGE;
		}
	}
	if (dump->nr_keys && layout->nr_skipped) {
		cli_err("show: domain %" PRIu32 ": the firmware skips %" PRIu32
			" entr%s of the set (see its reader's lines above); "
			"the e820 shown lacks %s", o->domid, layout->nr_skipped,
			layout->nr_skipped == 1 ? "y" : "ies",
			layout->nr_skipped == 1 ? "it" : "them");
		return XENRDM_EXIT_USAGE;
	}
	return XENRDM_EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
	struct xenrdm_xs_dump *dump = NULL;
	struct xenrdm_fw_layout layout;
	struct xs_handle *xsh = NULL;
	struct dom_opts o;
	char err[512] = "", fwlog[2048] = "";
	int status, rc, read_rc = 0;

	status = parse_dom_opts(argc, argv, true, show_usage, &o);
	if (status)
		return status < 0 ? XENRDM_EXIT_OK : status;
	/* The SVG file can be written, or nothing is printed. */
	if (o.svg_path) {
		status = cli_output_check("--svg", o.svg_path);
		if (status)
			return status;
	}
	dump = calloc(1, sizeof(*dump));
	if (!dump) {
		cli_err("show: out of memory");
		status = XENRDM_EXIT_ENV;
		goto out;
	}
	watchdog_arm("show", o.domid, o.timeout_ms);
	rc = xenrdm_xs_open_timeout(&xsh, o.timeout_ms, err, sizeof(err));
	if (!rc)
		rc = xenrdm_xs_read_keys(xsh, o.domid, dump, err, sizeof(err));
	watchdog_disarm();
	/* The firmware reads the very keys shown: one snapshot. */
	if (!rc && dump->nr_keys)
		read_rc = xenrdm_xs_dump_layout(dump, o.domid, &layout,
						fwlog, sizeof(fwlog),
						err, sizeof(err));
	/* hvmloader's first MB for the guest's BIOS. */
	xenrdm_bios_fw_layout(o.bios, &layout);
	if (rc || (read_rc && read_rc != -XENRDM_ERR_INVAL)) {
		cli_err("show: domain %" PRIu32 ": %s", o.domid, err);
		status = exit_status_of(rc ? rc : read_rc);
		goto out;
	}
	status = show_print(&o, dump, &layout, read_rc, fwlog);
	status = stdout_check("show", status);
out:
	xenrdm_xs_close(xsh);
	free(dump);
	return status;
}

int cmd_clear(int argc, char **argv)
{
	struct xs_handle *xsh = NULL;
	struct dom_opts o;
	char err[512] = "";
	int status, rc;

	status = parse_dom_opts(argc, argv, false, clear_usage, &o);
	if (status)
		return status < 0 ? XENRDM_EXIT_OK : status;
	watchdog_arm("clear", o.domid, o.timeout_ms);
	rc = xenrdm_xs_open_timeout(&xsh, o.timeout_ms, err, sizeof(err));
	if (!rc)
		rc = xenrdm_xs_clear(xsh, o.domid, err, sizeof(err));
	watchdog_disarm();
	if (rc) {
		cli_err("clear: domain %" PRIu32 ": %s", o.domid, err);
		status = exit_status_of(rc);
	} else {
		printf("cleared the RDM keys of domain %" PRIu32 "\n", o.domid);
		status = stdout_check("clear", status);
	}
	xenrdm_xs_close(xsh);
	return status;
}
