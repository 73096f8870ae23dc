/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cmd_apply.c - xen-rdm apply: plan, then write the plan's keys
 * for a domain in one xenstore transaction (xenrdm/xs.h); its key write
 * (apply_write_keys) is also create's.  The domain exists already, so with
 * -c the rdm= planned is what xl 4.17 built it with (create's plan_as_xl),
 * and before writing its layout is checked as create checks it
 * (dom_layout_check): not running yet, the plan's low/high RAM ends.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"
#include "xs_cmd.h"
#include "xenrdm/xs.h"

int apply_write_keys(const char *cmd, uint32_t domid, unsigned timeout_ms,
		     const struct xenrdm_plan *plan)
{
	struct xenrdm_xs *xs = NULL;
	char err[512] = "";
	int rc;

	watchdog_arm(cmd, domid, timeout_ms);
	rc = xenrdm_xs_open(&xs, timeout_ms, err, sizeof(err));
	if (!rc) {
		test_hook_install(xs);
		rc = xenrdm_xs_write_plan(xs, domid, plan, err, sizeof(err));
	}
	watchdog_disarm();
	xenrdm_xs_close(xs);
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

enum { OPT_NO_CHECK = OPT_TIMEOUT + 1 };

struct apply_opts {
	struct dom_opts dom;
	bool no_check;          /* --no-layout-check */
};

/* --domid, --timeout and --no-layout-check, the options apply adds to
 * the plan's. */
static int apply_extra(void *ctx, int val, const char *arg)
{
	struct apply_opts *o = ctx;
	int status;

	if (val == OPT_NO_CHECK) {
		o->no_check = true;
		return 0;
	}
	status = dom_opt(&o->dom, val, arg);
	return status == DOM_OPT_NOT_MINE ? XENRDM_EXIT_USAGE : status;
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
"With -c, rdm= is planned as xl 4.17 built the domain from the file (it\n"
"drops or mangles some spellings: see xen-rdm plan -c's warning); --rdm\n"
"plans what you state instead.  A file whose pci= entries get xl's\n"
"uninitialised rdm policy is refused (exit 2) unless --pci replaces them.\n"
"\n"
"  --domid N      the guest domain (1..%u); its xenstore home\n"
"                 /local/domain/N must exist (the toolstack makes it)\n"
"  --timeout SEC  each xenstore request must be answered within SEC s\n"
"                 (default %u, or XENRDM_XS_TIMEOUT)\n"
"  --no-layout-check  go on when the domain's layout cannot be read; a\n"
"                 layout read that differs from the plan still stops\n"
"\n"
"Before writing, the domain's low/high RAM ends are read from the\n"
"hypervisor (its hvm_info page): apply refuses a domain that runs already\n"
"(its firmware may have read the keys: destroy it, `xl create -p` it\n"
"again) or whose ends differ from the plan's.  Without a hypervisor\n"
"(/dev/xen/privcmd missing) there is no domain to check: keys written.\n"
"\n"
"The daemon is found through XENSTORED_PATH, XENSTORED_RUNDIR, or\n"
"/var/run/xenstored/socket.\n"
"exit status: 0 written, 1 strict RDM conflict (nothing written),\n"
"2 bad usage or input, or the domain's layout differs from the plan\n"
"(nothing written), 3 xenstore failed or did not answer, the domain runs\n"
"already, or its layout cannot be read (nothing written)\n",
		(unsigned)XENRDM_XS_MAX_TRIES, XENRDM_XS_DOMID_MAX,
		XENRDM_XS_TIMEOUT_MS_DEFAULT / 1000);
}

int cmd_apply(int argc, char **argv)
{
	static const struct option extra_opts[] = {
		{ "domid", required_argument, NULL, OPT_DOMID },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "no-layout-check", no_argument, NULL, OPT_NO_CHECK },
		{ NULL, 0, NULL, 0 },
	};
	struct apply_opts opts = { 0 };
	struct dom_opts *dom = &opts.dom;
	struct dom_layout_check lc = {
		.cmd = "apply", .before_keys = true,
		.differs = XENRDM_EXIT_USAGE,
	};
	bool readable;
	struct plan_cli pc;
	struct xenrdm_plan plan;
	char why[96], *fail_verdict = NULL;
	int status;

	memset(&plan, 0, sizeof(plan));
	memset(&pc, 0, sizeof(pc));
	if (wants_help(argc, argv)) {
		apply_usage(stdout);
		return XENRDM_EXIT_OK;
	}
	status = plan_cli_parse(&pc, argc, argv, extra_opts, apply_extra,
				&opts);
	if (status)
		goto out;
	status = dom_opts_settle("apply", dom);
	if (status)
		goto out;
	/* The domain exists: its keys must describe what xl built. */
	status = plan_as_xl(&pc, "apply", dom->domid);
	if (status)
		goto out;
	status = plan_cli_compute(&pc, &plan);
	if (status != XENRDM_EXIT_OK && status != XENRDM_EXIT_CONFLICT)
		goto out;
	if (status == XENRDM_EXIT_CONFLICT) {
		plan_cli_print(&pc, &plan, status, stdout);
		if (pc.svg_path)
			render_plan_svg(pc.svg_path, &plan);
		if (!pc.quiet)
			cli_err("apply: strict RDM conflict; nothing written for "
				"domain %" PRIu32, dom->domid);
		if (!pc.json)
			plan_cli_verdict(&pc, &plan, NULL, NULL, stdout);
		status = stdout_check("apply", status);
		goto out;
	}

	/* The verdict when nothing is written, also for the watchdog to
	 * print should the exchange not end. */
	snprintf(why, sizeof(why), "nothing was written for domain %" PRIu32
		 " (see above)", dom->domid);
	fail_verdict = pc.json ? NULL :
		       plan_cli_verdict_text(&pc, &plan, NULL, why);
	/* Keys for a domain that runs, or was built to another layout, would
	 * describe nothing the firmware reads. */
	lc.domid = dom->domid;
	lc.no_check = opts.no_check;
	lc.quiet = pc.quiet || pc.json;
	status = dom_layout_check(&lc, &plan, &readable);
	if (!status) {
		watchdog_stdout_line(fail_verdict);
		status = apply_write_keys("apply", dom->domid,
					  dom->timeout_ms, &plan);
	}
	if (status) {
		if (!pc.json)
			plan_cli_verdict(&pc, &plan, NULL, why, stdout);
		goto out;
	}
	plan_cli_print(&pc, &plan, status, stdout);
	if (!pc.json && !pc.quiet)
		printf("wrote %zu RDM entr%s for domain %" PRIu32 " to "
		       XENRDM_XS_DOMAIN_HOME_FMT "/" XENRDM_XS_DIR "\n",
		       plan.nr_valid, plan.nr_valid == 1 ? "y" : "ies",
		       dom->domid, dom->domid);
	if (pc.svg_path)
		status = render_plan_svg(pc.svg_path, &plan);
	if (!pc.json) {
		char tail[48];

		snprintf(tail, sizeof(tail), "; written for domain %" PRIu32,
			 dom->domid);
		plan_cli_verdict(&pc, &plan, tail, NULL, stdout);
	}
	/* The keys are written; an output that fails still says so. */
	status = stdout_check("apply", status);
out:
	free(fail_verdict);
	xenrdm_plan_free(&plan);
	plan_cli_free(&pc);
	return status;
}
