/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cmd_clear.c - xen-rdm clear: remove a domain's RDM keys in one
 * xenstore transaction.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"
#include "xs_cmd.h"
#include "xenrdm/xs.h"

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

int cmd_clear(int argc, char **argv)
{
	struct xenrdm_xs *xs = NULL;
	struct dom_opts o;
	char err[512] = "";
	int status, rc;

	status = parse_dom_opts(argc, argv, false, clear_usage, &o);
	if (status)
		return status < 0 ? XENRDM_EXIT_OK : status;
	watchdog_arm("clear", o.domid, o.timeout_ms);
	rc = xenrdm_xs_open(&xs, o.timeout_ms, err, sizeof(err));
	if (!rc)
		rc = xenrdm_xs_clear(xs, o.domid, err, sizeof(err));
	watchdog_disarm();
	if (rc) {
		cli_err("clear: domain %" PRIu32 ": %s", o.domid, err);
		status = exit_status_of(rc);
	} else {
		printf("cleared the RDM keys of domain %" PRIu32 "\n", o.domid);
		status = stdout_check("clear", status);
	}
	xenrdm_xs_close(xs);
	return status;
}
