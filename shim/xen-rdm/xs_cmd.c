/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/xs_cmd.c - what the xenstore commands share (xs_cmd.h).
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
#include "xs_cmd.h"
#include "xenrdm/xs.h"

/* --timeout / XENRDM_XS_TIMEOUT: whole seconds a request may take. */
#define TIMEOUT_MAX_S 3600u

/* The environment failed (xenstore) unless the input was bad. */
int exit_status_of(int rc)
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
int parse_domid(const char *arg, uint32_t *domid_out)
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
int parse_timeout(const char *what, const char *arg, unsigned *ms_out)
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
int default_timeout(unsigned *ms_out)
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
static char watchdog_msg[768], watchdog_out[768];
static size_t watchdog_len, watchdog_out_len;

static void watchdog_fire(int sig)
{
	(void)sig;
	/* Nothing of the command's stdout is buffered here: it prints
	 * after the exchange.  write() only: a signal handler. */
	if (write(STDERR_FILENO, watchdog_msg, watchdog_len) < 0 ||
	    write(STDOUT_FILENO, watchdog_out, watchdog_out_len) < 0)
		_exit(XENRDM_EXIT_ENV);
	_exit(XENRDM_EXIT_ENV);
}

void watchdog_stdout_line(const char *line)
{
	int n = line ? snprintf(watchdog_out, sizeof(watchdog_out), "%s\n",
				line) : 0;

	/* Cut to the buffer (the verdict is one line, far shorter). */
	watchdog_out_len = n <= 0 ? 0 : (size_t)n < sizeof(watchdog_out) ?
			   (size_t)n : sizeof(watchdog_out) - 1;
}

void watchdog_arm(const char *cmd, uint32_t domid, unsigned timeout_ms)
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

void watchdog_disarm(void)
{
	alarm(0);
	watchdog_out_len = 0;
}

#ifdef XENRDM_TEST_HOOKS
/*
 * The test hook, compiled only into the test build of the command
 * (tests/xs/xs.mk: this file with -DXENRDM_TEST_HOOKS; `make` and `make
 * install` never build it): XENRDM_TEST_PAUSE_AFTER_WRITES=N[:MS] makes
 * every write attempt print "xenrdm: test hook: paused after N writes"
 * and sleep MS ms (default 5000) after its N-th write inside the open
 * transaction, so a test can kill the writer or the daemon, or write
 * concurrently, at a known point.  The product has no such variable:
 * whoever sets a toolstack's environment cannot stall its xenstore
 * writes.
 */
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

void test_hook_install(struct xenrdm_xs *xs)
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
	xenrdm_xs_set_write_hook(xs, test_pause_hook, NULL);
}
#else
/* The product: no hook, nothing read from the environment. */
void test_hook_install(struct xenrdm_xs *xs)
{
	(void)xs;
}
#endif

/* stdout flushed and without error, else say so: exit 3. */
int stdout_check(const char *cmd, int status)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_err("%s: cannot write the output: %s", cmd, strerror(errno));
		return XENRDM_EXIT_ENV;
	}
	return status;
}

bool wants_help(int argc, char **argv)
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

int dom_opt(struct dom_opts *o, int c, const char *arg)
{
	int status;

	switch (c) {
	case OPT_DOMID:
		status = parse_domid(arg, &o->domid);
		if (!status)
			o->has_domid = true;
		return status;
	case OPT_TIMEOUT:
		status = parse_timeout("--timeout", arg, &o->timeout_ms);
		if (!status)
			o->has_timeout = true;
		return status;
	default:
		return DOM_OPT_NOT_MINE;
	}
}

int dom_opts_settle(const char *cmd, struct dom_opts *o)
{
	if (!o->has_domid) {
		cli_err("%s: --domid N is required (xen-rdm %s --help)", cmd,
			cmd);
		return XENRDM_EXIT_USAGE;
	}
	return o->has_timeout ? 0 : default_timeout(&o->timeout_ms);
}

enum { OPT_SVG = OPT_TIMEOUT + 1 };

/* show's options besides --domid and --timeout: the firmware's view,
 * --svg and -q.  0, an exit status, or DOM_OPT_NOT_MINE. */
static int show_opt(struct dom_opts *o, const char *cmd, int c,
		    const char *arg)
{
	switch (c) {
	case OPT_SVG:
		o->svg_path = arg;
		return 0;
	case 'q':
		o->quiet = true;
		return 0;
	default:
		return fw_view_opt(&o->view, cmd, c, arg);
	}
}

int parse_dom_opts(int argc, char **argv, bool allow_format,
		   void (*usage)(FILE *), struct dom_opts *o)
{
	static const struct option opts[] = {
		{ "domid", required_argument, NULL, OPT_DOMID },
		FW_VIEW_OPTIONS(FW_VIEW_OPTION)
		{ "svg", required_argument, NULL, OPT_SVG },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, status;

	memset(o, 0, sizeof(*o));
	fw_view_init(&o->view);
	cli_opt_begin();
	while ((c = cli_getopt(argc, argv, allow_format ? "hq" : "h", opts,
			       NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return -1;
		}
		if (c == CLI_OPT_ERROR)
			return XENRDM_EXIT_USAGE;
		status = dom_opt(o, c, optarg);
		if (status == DOM_OPT_NOT_MINE && allow_format)
			status = show_opt(o, argv[0], c, optarg);
		if (status == DOM_OPT_NOT_MINE) {       /* clear --json */
			cli_err("%s: unknown option '%s' (xen-rdm %s --help)",
				argv[0], argv[optind - 1], argv[0]);
			return XENRDM_EXIT_USAGE;
		}
		if (status)
			return status;
	}
	if (cli_opt_no_operands(argc, argv))
		return XENRDM_EXIT_USAGE;
	if (!o->has_domid)      /* said before the formats, as always */
		return dom_opts_settle(argv[0], o);
	if (cli_opt_exclusive(argv[0], o->view.json, "--json",
			      o->view.linux_fmt, "--linux") ||
	    cli_opt_exclusive(argv[0], o->view.json, "--json", o->quiet, "-q"))
		return XENRDM_EXIT_USAGE;
	return dom_opts_settle(argv[0], o);
}
