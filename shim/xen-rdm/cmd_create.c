/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cmd_create.c - xen-rdm create: the xl workflow as one command.
 *
 *   1. read CONFIG once; the bytes xl parses are CONFIG plus the KEY=VALUE
 *      arguments, joined as xl 4.17 joins them (create_domain():
 *      "\n%s\n" after the file);
 *   2. plan from those bytes with the plan's own code (plan_cli_parse,
 *      -c), using the rdm= setting xl 4.17 actually hands libxl
 *      (xenrdm/xl_rdm.h); a strict conflict or bad input stops here, before
 *      any domain exists;
 *   3. `xl create -p` on the same bytes (a sealed copy in memory, given to
 *      xl as /dev/fd/N) with the user's xl options;
 *   4. `xl domid NAME`;
 *   5. write the plan's keys with apply's code (apply_write_keys), in a
 *      child process so that apply's watchdog exit cannot leave the
 *      paused domain behind;
 *   6. read the built domain's low/high RAM ends (xenrdm/dom_layout.h) and
 *      refuse when they differ from the plan (dom_layout_check, also
 *      apply's);
 *   7. `xl unpause`, then check the domain runs (xl 4.17's unpause exits 0
 *      whatever libxl says).
 * Any failure after step 3 destroys the paused domain (`xl destroy DOMID`)
 * and says why.  Exit status: see create_usage().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "xenrdm/dom_layout.h"
#include "xenrdm/read_file.h"
#include "xenrdm/xs.h"

#define CREATE_EXIT_XL      4   /* xl create -p failed: nothing of ours */
#define CREATE_EXIT_LAYOUT  5   /* built layout differs: destroyed */
#define CREATE_EXIT_LEFT    6   /* a failure, and the domain is left */

enum {
	OPT_SRC = 0x200,        /* host sources, handed to the plan */
	OPT_TIMEOUT = 0x300, OPT_NO_CHECK, OPT_REFUSED = 0x400,
};

/* The plan's options (cli.h): its host sources are passed on to the
 * plan; its layout and output options are refused, since the layout
 * comes from CONFIG as xl reads it. */
#define PASSED_ON(name, has_arg, plan_val) { name, has_arg, NULL, OPT_SRC },
#define REFUSED(name, has_arg, plan_val)   { name, has_arg, NULL, OPT_REFUSED },
static const struct option create_opts[] = {
	PLAN_CLI_SOURCE_OPTIONS(PASSED_ON)
	{ "timeout",         required_argument, NULL, OPT_TIMEOUT },
	{ "no-layout-check", no_argument,       NULL, OPT_NO_CHECK },
	{ "quiet",           no_argument,       NULL, 'q' },
	{ "help",            no_argument,       NULL, 'h' },
	PLAN_CLI_LAYOUT_OPTIONS(REFUSED)
	PLAN_CLI_OUTPUT_OPTIONS(REFUSED)
	{ NULL, 0, NULL, 0 },
};

/* "  --region, --regions, ...": the host sources passed on, from the table. */
static void usage_sources(FILE *f)
{
	const struct option *o;
	const char *sep = "  ";

	for (o = create_opts; o->name; o++) {
		if (o->val != OPT_SRC)
			continue;
		fprintf(f, "%s--%s", sep, o->name);
		sep = ", ";
	}
	fputc('\n', f);
}

static void create_usage(FILE *f)
{
	fputs(
"usage: xen-rdm create [options] CONFIG [xl create options] [KEY=VALUE...]\n"
"\n"
"Plan the guest of the xl domain config CONFIG as xl 4.17 will build it,\n"
"then `xl create -p` it, write the plan's RDM keys for the new domain (as\n"
"`xen-rdm apply`), check the built domain's low/high RAM ends against the\n"
"plan, and `xl unpause` it.  On any failure once the domain exists it is\n"
"destroyed (`xl destroy`) and the reason printed.  Everything after CONFIG\n"
"goes to `xl create`; KEY=VALUE settings are planned too, as xl applies\n"
"them.  The guest needs the patched hvmloader (firmware = \"...\" in CONFIG).\n"
"\n"
"options (before CONFIG):\n", f);
	usage_sources(f);
	fprintf(f,
"                     the host's RDM regions, as for `xen-rdm plan`\n"
"  --timeout SEC      each xenstore request within SEC s (as apply)\n"
"  --no-layout-check  go on when the built layout cannot be read (no\n"
"                     hypervisor interface); a layout read that differs\n"
"                     from the plan still stops\n"
"  -q, --quiet        print only the last line\n"
"The layout options of `plan` (--memory, --pci, --rdm, ...) are refused:\n"
"the layout comes from CONFIG (and KEY=VALUE), which is what xl reads.\n"
"xl options refused: -f, -n, -c, -V, -A, -F (they name another config, do\n"
"nothing, or keep xl in the foreground).  xl is run from PATH.\n"
"\n"
"exit status: 0 created, keys written, layout checked, unpaused\n"
"  1 strict RDM conflict: no domain created\n"
"  2 bad usage or input (or xl 4.17 would mishandle rdm=): no domain created\n"
"  3 the environment failed (xl domid/unpause, xenstore, reading the\n"
"    layout): the domain was destroyed\n"
"  %d `xl create -p` failed (xl's message above): no domain of ours\n"
"  %d the built domain's layout differs from the plan: destroyed\n"
"  %d a failure, and destroying the domain failed too: it is left paused\n"
"    (its id is printed; `xl destroy` it)\n",
		CREATE_EXIT_XL, CREATE_EXIT_LAYOUT, CREATE_EXIT_LEFT);
}

/* ---- processes ---- */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static void signals_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* The status of a child: its exit code, 128+N for signal N. */
static int child_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* Run xl ARGV (argv[0] "xl", found on PATH).  With out, its stdout is
 * kept there (NUL-terminated, at most outlen - 1 bytes).  Returns its
 * exit status, 127 when it cannot be run (message printed). */
static int run_xl(char *const argv[], char *out, size_t outlen)
{
	int fds[2] = { -1, -1 };
	size_t have = 0;
	pid_t pid;
	ssize_t n;

	if (out && pipe(fds)) {
		cli_err("create: pipe: %s", strerror(errno));
		return 127;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		cli_err("create: fork: %s", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		if (out) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "xen-rdm: create: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (out) {
		close(fds[1]);
		out[0] = '\0';
		for (;;) {
			char sink[256];

			n = read(fds[0], have + 1 < outlen ? out + have : sink,
				 have + 1 < outlen ? outlen - 1 - have :
				 sizeof(sink));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			if (have + 1 < outlen)
				have += (size_t)n;
		}
		out[have] = '\0';
		close(fds[0]);
	}
	return child_wait(pid);
}

/* The xl command as a line, for messages. */
static void argv_line(char *const argv[], char *buf, size_t len)
{
	size_t at = 0;
	int i, n;

	buf[0] = '\0';
	for (i = 0; argv[i] && at < len; i++) {
		n = snprintf(buf + at, len - at, "%s%s", i ? " " : "", argv[i]);
		if (n < 0)
			break;
		at += (size_t)n;
	}
}

/* A sealed copy of buf[0..len) in memory, inherited by xl.  fd or -1. */
static int memfd_of(const char *name, const char *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;
	int fd;

	fd = memfd_create(name, MFD_ALLOW_SEALING);
	if (fd < 0)
		return -1;
	while (done < len) {
		n = write(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE |
	      F_SEAL_SEAL);
	return fd;
}

/* ---- arguments ---- */

struct create_args {
	const char *config;
	char **plan_argv;       /* "create", source options, -c /dev/fd/N */
	int plan_argc;
	char **xl_opts;         /* xl create options after CONFIG */
	int nr_xl_opts;
	char **kv;              /* KEY=VALUE after CONFIG */
	int nr_kv;
	const char *timeout;
	bool quiet, no_check, help;
};

static void create_args_free(struct create_args *a)
{
	int i;

	for (i = 0; a->plan_argv && i < a->plan_argc; i++)
		free(a->plan_argv[i]);
	free(a->plan_argv);
	free(a->xl_opts);
	free(a->kv);
}

/* An xl create option after CONFIG: one xl 4.17 takes (xl_vmcontrol.c
 * main_create "AFVcdef:inpq") and that keeps the workflow: it must
 * return with the domain paused, from CONFIG. */
static int xl_opt_check(const char *arg)
{
	static const char *const ok_long[] = {
		"--quiet", "--ignore-global-affinity-masks",
	};
	const char *p;
	size_t i;

	if (arg[1] == '-') {
		for (i = 0; i < sizeof(ok_long) / sizeof(ok_long[0]); i++)
			if (!strcmp(arg, ok_long[i]))
				return 0;
		cli_err("create: xl option '%s' is not one create passes on "
			"(--quiet, --ignore-global-affinity-masks, -q, -d, -e, "
			"-i, -p)", arg);
		return XENRDM_EXIT_USAGE;
	}
	for (p = arg + 1; *p; p++) {
		if (strchr("qdeip", *p))
			continue;
		cli_err("create: xl option '-%c' (in '%s') %s", *p, arg,
			*p == 'f' ? "names another config: give it as CONFIG" :
			*p == 'n' ? "is a dry run: use xen-rdm plan -c CONFIG" :
			strchr("cFVA", *p) ? "keeps xl in the foreground (console,"
			" VNC viewer or -F): attach after create" :
			"is not an xl create option");
		return XENRDM_EXIT_USAGE;
	}
	return 0;
}

static int create_nomem(void)
{
	cli_err("create: out of memory");
	return XENRDM_EXIT_ENV;
}

/* A host source option, handed on to the plan as "--NAME[=VALUE]". */
static int source_pass_on(struct create_args *a, const struct option *o,
			  const char *value)
{
	char **slot = &a->plan_argv[a->plan_argc];

	if (o->has_arg ? asprintf(slot, "--%s=%s", o->name, value) < 0 :
	    asprintf(slot, "--%s", o->name) < 0) {
		*slot = NULL;
		return create_nomem();
	}
	a->plan_argc++;
	return 0;
}

/* create's options, before CONFIG ('+': getopt stops at CONFIG, so xl's
 * options after it stay xl's). */
static int create_options(struct create_args *a, int argc, char **argv)
{
	int c, idx, r;

	cli_opt_begin();
	for (;;) {
		const struct option *o;

		idx = 0;
		c = cli_getopt(argc, argv, "+qhc:", create_opts, &idx);
		if (c == -1)
			return 0;
		o = &create_opts[idx];
		switch (c) {
		case OPT_SRC:
			r = source_pass_on(a, o, optarg);
			if (r)
				return r;
			break;
		case OPT_TIMEOUT:
			a->timeout = optarg;
			break;
		case OPT_NO_CHECK:
			a->no_check = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'h':
			a->help = true;
			return 0;
		case OPT_REFUSED:
		case 'c':
			cli_err("create: '%s%s': the layout comes from CONFIG "
				"as xl reads it; set it there, or as KEY=VALUE "
				"after CONFIG (xl and the plan both see that)",
				c == 'c' ? "-" : "--", c == 'c' ? "c" : o->name);
			return XENRDM_EXIT_USAGE;
		default:        /* CLI_OPT_ERROR: said */
			return XENRDM_EXIT_USAGE;
		}
	}
}

/* CONFIG, then what goes to xl: its options and KEY=VALUE settings. */
static int create_operands(struct create_args *a, int argc, char **argv)
{
	int i;

	if (optind >= argc) {
		cli_err("create: no CONFIG (xen-rdm create [options] CONFIG "
			"[xl options] [KEY=VALUE...])");
		return XENRDM_EXIT_USAGE;
	}
	a->config = argv[optind];
	for (i = optind + 1; i < argc; i++) {
		const char *s = argv[i];

		if (s[0] == '-' && s[1]) {
			int r = xl_opt_check(s);

			if (r)
				return r;
			a->xl_opts[a->nr_xl_opts++] = argv[i];
		} else if (strchr(s, '=')) {
			a->kv[a->nr_kv++] = argv[i];
		} else {
			cli_err("create: '%s': a second config? xl takes one "
				"CONFIG, then options and KEY=VALUE", s);
			return XENRDM_EXIT_USAGE;
		}
	}
	return 0;
}

static int create_parse(struct create_args *a, int argc, char **argv)
{
	int r;

	memset(a, 0, sizeof(*a));
	/* "create", the sources, "-c" and the config's path */
	a->plan_argv = calloc((size_t)argc + 3, sizeof(char *));
	a->xl_opts = calloc((size_t)argc, sizeof(char *));
	a->kv = calloc((size_t)argc, sizeof(char *));
	if (!a->plan_argv || !a->xl_opts || !a->kv)
		return create_nomem();
	if (!(a->plan_argv[a->plan_argc++] = strdup("create")))
		return create_nomem();
	r = create_options(a, argc, argv);
	if (r || a->help)
		return r;
	return create_operands(a, argc, argv);
}

/* CONFIG, then "\n" KEY=VALUE lines "\n", as xl 4.17 joins them. */
static int config_text(const struct create_args *a, char **file_out,
		       size_t *file_len, char **all_out, size_t *all_len)
{
	size_t len, extra = 0;
	char *all, *p;
	int r, i;

	r = plan_cli_input_read("create", a->config, XENRDM_CAP_TEXT,
				file_out, file_len);
	if (r)
		return r;
	len = *file_len;
	for (i = 0; i < a->nr_kv; i++)
		extra += strlen(a->kv[i]) + 1;
	all = malloc(len + extra + 3);
	if (!all)
		return create_nomem();
	memcpy(all, *file_out, len);
	p = all + len;
	if (a->nr_kv) {
		*p++ = '\n';
		for (i = 0; i < a->nr_kv; i++)
			p += sprintf(p, "%s\n", a->kv[i]);
		*p++ = '\n';
	}
	*all_out = all;
	*all_len = (size_t)(p - all);
	return 0;
}

/* ---- the workflow ---- */

struct domain {
	uint32_t domid;
	bool exists;            /* ours to destroy on failure */
	bool by_name;           /* its id unknown: destroy by its name */
	const char *name;
};

/* Destroy our paused domain: 0, or CREATE_EXIT_LEFT (said so). */
static int domain_destroy(const struct domain *d)
{
	char id[16];
	char *argv[] = { "xl", "destroy", id, NULL };
	int st;

	if (!d->exists)
		return 0;
	snprintf(id, sizeof(id), "%" PRIu32, d->domid);
	if (d->by_name)         /* just made by xl create: the name is ours */
		argv[2] = (char *)d->name;
	st = run_xl(argv, NULL, 0);
	if (st) {
		cli_err("create: `xl destroy %s` failed (exit %d): domain %s "
			"(%s) is LEFT PAUSED; destroy it by hand", argv[2], st,
			d->by_name ? "?" : id, d->name);
		return CREATE_EXIT_LEFT;
	}
	fprintf(stderr, "xen-rdm: create: destroyed domain %s (%s)\n",
		d->by_name ? "?" : id, d->name);
	return 0;
}

/* apply's code, in a child: its watchdog may exit the process. */
static int write_keys(uint32_t domid, unsigned timeout_ms,
		      const struct xenrdm_plan *plan)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		cli_err("create: fork: %s", strerror(errno));
		return XENRDM_EXIT_ENV;
	}
	if (pid == 0)
		_exit(apply_write_keys("create", domid, timeout_ms, plan));
	return child_wait(pid);
}

/* The plan as libxl sees it: highmem_end 0 when there is no high RAM. */
static uint64_t plan_high(const struct xenrdm_plan *plan)
{
	return plan->highmem_end > (1ULL << 32) ? plan->highmem_end : 0;
}

/* The layout cannot be read: a note and 0 with --no-layout-check, else
 * the message and exit status st. */
static int layout_unread(const struct dom_layout_check *lc, const char *err,
			 int st)
{
	if (lc->no_check) {
		fprintf(stderr, "xen-rdm: note: %s: the built layout cannot be "
			"read (%s); not checked (--no-layout-check)\n", lc->cmd,
			err);
		return 0;
	}
	cli_err("%s: domain %" PRIu32 ": the built layout cannot be read: %s "
		"(--no-layout-check goes on without it)", lc->cmd, lc->domid,
		err);
	return st;
}

/* create's step 6, also apply's (cli.h). */
int dom_layout_check(const struct dom_layout_check *lc,
		     const struct xenrdm_plan *plan, bool *readable)
{
	struct xenrdm_dom_layout got;
	char err[512] = "";
	int r;

	*readable = false;
	r = xenrdm_dom_layout_read(lc->domid, &got, err, sizeof(err));
	if (r == -XENRDM_ERR_NOXEN && lc->before_keys)
		return 0;       /* no hypervisor: no domain to check */
	if (r == -XENRDM_ERR_NOXEN || r == -XENRDM_ERR_IO ||
	    (r && lc->before_keys))
		return layout_unread(lc, err, r == -XENRDM_ERR_INVAL ?
				     XENRDM_EXIT_USAGE : XENRDM_EXIT_ENV);
	if (r) {
		cli_err("%s: domain %" PRIu32 ": %s", lc->cmd, lc->domid, err);
		return r == -XENRDM_ERR_INVAL ? XENRDM_EXIT_USAGE :
		       XENRDM_EXIT_ENV;
	}
	*readable = true;
	if (!got.paused) {
		cli_err("%s: domain %" PRIu32 " is running already: its "
			"firmware may have read the keys %s", lc->cmd,
			lc->domid, lc->before_keys ? "already; nothing written "
			"(destroy it and create it paused: xl create -p)" :
			"before they were written");
		return XENRDM_EXIT_ENV;
	}
	if (got.lowmem_end != plan->lowmem_end ||
	    got.highmem_end != plan_high(plan)) {
		char a[CLI_ADDR_LEN], b[CLI_ADDR_LEN], c[CLI_ADDR_LEN],
		     e[CLI_ADDR_LEN];

		cli_err("%s: domain %" PRIu32 " as built: low RAM ends at "
			"%s, high RAM at %s; the plan: %s, %s (0: none above "
			"4 GiB); the keys would describe another layout%s",
			lc->cmd, lc->domid, cli_addr(got.lowmem_end, a),
			cli_addr(got.highmem_end, b),
			cli_addr(plan->lowmem_end, c),
			cli_addr(plan_high(plan), e),
			lc->before_keys ? "; nothing written" : "");
		return lc->differs;
	}
	if (!lc->quiet) {
		char a[CLI_ADDR_LEN], b[CLI_ADDR_LEN];

		printf("domain %" PRIu32 " as built: low RAM ends at %s, high "
		       "RAM at %s: as planned\n", lc->domid,
		       cli_addr(got.lowmem_end, a), cli_addr(got.highmem_end, b));
	}
	return 0;
}

/* Steps 4-7 for a domain xl made.  0 or an exit status. */
static int create_finish(struct domain *d, const struct create_args *a,
			 unsigned timeout_ms, const struct xenrdm_plan *plan)
{
	char out[64], id[16], *end;
	char *domid_argv[] = { "xl", "domid", (char *)d->name, NULL };
	char *unpause_argv[] = { "xl", "unpause", id, NULL };
	struct xenrdm_dom_layout after;
	struct dom_layout_check lc = {
		.cmd = "create", .no_check = a->no_check, .quiet = a->quiet,
		.differs = CREATE_EXIT_LAYOUT,
	};
	unsigned long v;
	bool readable;
	int st;

	st = run_xl(domid_argv, out, sizeof(out));
	errno = 0;
	v = strtoul(out, &end, 10);
	if (st || end == out || (*end && *end != '\n') || errno ||
	    v == 0 || v > XENRDM_XS_DOMID_MAX) {
		cli_err("create: `xl domid %s` %s: cannot find the new domain",
			d->name, st ? "failed" : "answered no domain id");
		d->exists = d->by_name = true;
		return XENRDM_EXIT_ENV;
	}
	d->domid = (uint32_t)v;
	d->exists = true;
	if (!a->quiet)
		printf("xl created domain %" PRIu32 " (%s), paused\n", d->domid,
		       d->name);
	if (interrupted)
		return XENRDM_EXIT_ENV;

	st = write_keys(d->domid, timeout_ms, plan);
	if (st)
		return st == XENRDM_EXIT_CONFLICT ? XENRDM_EXIT_ENV : st;
	if (!a->quiet)
		printf("wrote %zu RDM entr%s for domain %" PRIu32 " to "
		       XENRDM_XS_DOMAIN_HOME_FMT "/" XENRDM_XS_DIR "\n",
		       plan->nr_valid, plan->nr_valid == 1 ? "y" : "ies",
		       d->domid, d->domid);
	if (interrupted)
		return XENRDM_EXIT_ENV;

	lc.domid = d->domid;
	st = dom_layout_check(&lc, plan, &readable);
	if (st || interrupted)
		return st ? st : XENRDM_EXIT_ENV;

	snprintf(id, sizeof(id), "%" PRIu32, d->domid);
	st = run_xl(unpause_argv, NULL, 0);
	if (st) {
		cli_err("create: `xl unpause %s` failed (exit %d)", id, st);
		return XENRDM_EXIT_ENV;
	}
	/* xl 4.17's unpause ignores libxl's answer: ask the hypervisor. */
	if (readable &&
	    !xenrdm_dom_layout_read(d->domid, &after, NULL, 0) && after.paused) {
		cli_err("create: domain %s is still paused after `xl unpause`",
			id);
		return XENRDM_EXIT_ENV;
	}
	return 0;
}

/* Plan what xl builds: its rdm= strategy, libxl's global policy (cli.h;
 * also apply's). */
int plan_as_xl(struct plan_cli *pc, const char *cmd, uint32_t domid)
{
	const struct xenrdm_xl_view *v = &pc->xl;
	size_t n = v->nr_implicit;

	if (!pc->cfg_name)
		return 0;
	if (v->undefined && !pc->pci_override) {
		if (!domid)
			cli_err("%s: %s: xl 4.17 would give %zu pci= entr%s an "
				"uninitialised rdm policy (see above); add "
				"rdm_policy= to %s; no domain created", cmd,
				pc->cfg_name, n, n == 1 ? "y" : "ies",
				n == 1 ? "it" : "each");
		else
			cli_err("%s: %s: xl 4.17 gives %zu pci= entr%s an "
				"uninitialised rdm policy (see above): what "
				"libxl built for %s is undefined; add rdm_policy= "
				"to %s, destroy domain %" PRIu32 " and create it "
				"again; nothing written for domain %" PRIu32, cmd,
				pc->cfg_name, n, n == 1 ? "y" : "ies",
				n == 1 ? "it" : "them", n == 1 ? "it" : "each",
				domid, domid);
		return XENRDM_EXIT_USAGE;
	}
	if (pc->rdm_override)
		return 0;
	if (v->fate != XENRDM_XL_RDM_ABSENT &&
	    pc->cfg.strategy != v->xl_strategy)
		fprintf(stderr, "xen-rdm: note: %s: planning what xl 4.17 "
			"builds: strategy=%s (rdm = \"%s\" as written says "
			"strategy=%s)\n", cmd,
			xenrdm_strategy_name(v->xl_strategy), v->rdm,
			xenrdm_strategy_name(pc->cfg.strategy));
	pc->cfg.strategy = v->xl_strategy;
	pc->cfg.policy = v->xl_policy;
	return 0;
}

/* One run of create, from the arguments to the verdict. */
struct create_run {
	struct create_args a;
	unsigned timeout_ms;
	/* sealed copies of the config in memory: the plan's (CONFIG and the
	 * KEY=VALUE lines, as xl joins them) and xl's (CONFIG alone: xl
	 * appends the rest itself); -1 until made */
	int plan_fd, xl_fd;
	char plan_path[32], xl_path[32];        /* their /dev/fd/N */
	struct plan_cli pc;
	struct xenrdm_plan plan;
	struct domain d;
};

/* The copies the plan and xl read from now on: both see the very bytes
 * read once here, whatever happens to CONFIG meanwhile. */
static int config_copies(struct create_run *run)
{
	char *file = NULL, *all = NULL;
	size_t file_len = 0, all_len = 0;
	int status;

	status = config_text(&run->a, &file, &file_len, &all, &all_len);
	if (!status) {
		run->plan_fd = memfd_of("xen-rdm-plan", all, all_len);
		run->xl_fd = memfd_of("xen-rdm-xl", file, file_len);
		if (run->plan_fd < 0 || run->xl_fd < 0) {
			cli_err("create: memfd: %s", strerror(errno));
			status = XENRDM_EXIT_ENV;
		}
	}
	free(file);
	free(all);
	if (status)
		return status;
	snprintf(run->plan_path, sizeof(run->plan_path), "/dev/fd/%d",
		 run->plan_fd);
	snprintf(run->xl_path, sizeof(run->xl_path), "/dev/fd/%d",
		 run->xl_fd);
	return 0;
}

/* Step 2: plan from the plan's copy with plan's own code (-c), as xl
 * 4.17 reads it; print the plan.  A strict conflict (the verdict
 * printed) or bad input stops here, before any domain exists. */
static int create_plan(struct create_run *run)
{
	struct create_args *a = &run->a;
	int status;

	a->plan_argv[a->plan_argc++] = strdup("-c");
	a->plan_argv[a->plan_argc++] = strdup(run->plan_path);
	if (!a->plan_argv[a->plan_argc - 1] || !a->plan_argv[a->plan_argc - 2])
		return create_nomem();
	plan_cli_config_name(run->plan_path, a->config);
	status = plan_cli_parse(&run->pc, a->plan_argc, a->plan_argv, NULL,
				NULL, NULL);
	if (status)
		return status;
	if (!run->pc.xl.name) {
		cli_err("create: %s: no name= (xl needs one to create the "
			"domain); no domain created", a->config);
		return XENRDM_EXIT_USAGE;
	}
	run->d.name = run->pc.xl.name;
	status = plan_as_xl(&run->pc, "create", 0);
	if (status)
		return status;
	run->pc.quiet = a->quiet;
	status = plan_cli_compute(&run->pc, &run->plan);
	if (status == XENRDM_EXIT_CONFLICT) {
		plan_cli_print(&run->pc, &run->plan, status, stdout);
		if (!a->quiet)
			cli_err("create: strict RDM conflict; no domain created");
		plan_cli_verdict(&run->pc, &run->plan, NULL, NULL, stdout);
		return status;
	}
	if (status)
		return status;
	plan_cli_print(&run->pc, &run->plan, status, stdout);
	return 0;
}

/* Step 3: `xl create -p` on xl's copy, with the user's xl options and
 * KEY=VALUE settings.  0, or an exit status (the verdict printed when xl
 * failed). */
static int xl_create_paused(struct create_run *run)
{
	const struct create_args *a = &run->a;
	char **argv, line[1024];
	int i, n = 0, st;

	argv = calloc((size_t)(a->nr_xl_opts + a->nr_kv) + 5, sizeof(char *));
	if (!argv)
		return create_nomem();
	argv[n++] = "xl";
	argv[n++] = "create";
	argv[n++] = "-p";
	argv[n++] = run->xl_path;
	for (i = 0; i < a->nr_xl_opts; i++)
		argv[n++] = a->xl_opts[i];
	for (i = 0; i < a->nr_kv; i++)
		argv[n++] = a->kv[i];
	/* From here a signal must not leave a paused domain behind. */
	signals_catch();
	argv_line(argv, line, sizeof(line));
	if (!a->quiet)
		printf("running: %s   (%s = %s)\n", line, run->xl_path,
		       a->config);
	st = run_xl(argv, NULL, 0);
	free(argv);
	if (st) {
		cli_err("create: `xl create -p` failed (exit %d); no domain "
			"of ours to destroy", st);
		plan_cli_verdict(&run->pc, &run->plan, NULL, "`xl create -p` "
				 "failed; no domain was created", stdout);
		return CREATE_EXIT_XL;
	}
	return 0;
}

/* Steps 4-7 (create_finish); on any failure the domain is destroyed.
 * Prints the verdict either way. */
static int finish_or_destroy(struct create_run *run)
{
	char tail[1024];
	int status, st;

	status = create_finish(&run->d, &run->a, run->timeout_ms, &run->plan);
	if (status) {
		if (interrupted)
			cli_err("create: interrupted (signal %d)",
				(int)interrupted);
		st = domain_destroy(&run->d);
		if (st)
			status = st;
		plan_cli_verdict(&run->pc, &run->plan, NULL, st ?
				 "creating the domain failed and it could not "
				 "be destroyed (see above)" :
				 "creating the domain failed; it was destroyed "
				 "(see above)", stdout);
		return status;
	}
	snprintf(tail, sizeof(tail), "; domain %" PRIu32 " (%s) runs",
		 run->d.domid, run->d.name);
	plan_cli_verdict(&run->pc, &run->plan, tail, NULL, stdout);
	if (fflush(stdout) || ferror(stdout))
		return XENRDM_EXIT_ENV;
	return 0;
}

int cmd_create(int argc, char **argv)
{
	struct create_run run;
	int status;

	memset(&run, 0, sizeof(run));
	run.plan_fd = run.xl_fd = -1;
	status = create_parse(&run.a, argc, argv);
	if (!status && run.a.help)
		create_usage(stdout);
	else if (!status) {
		status = apply_timeout(run.a.timeout, &run.timeout_ms);
		if (!status)
			status = config_copies(&run);
		if (!status)
			status = create_plan(&run);
		if (!status)
			status = xl_create_paused(&run);
		if (!status)
			status = finish_or_destroy(&run);
	}
	if (run.plan_fd >= 0)
		close(run.plan_fd);
	if (run.xl_fd >= 0)
		close(run.xl_fd);
	xenrdm_plan_free(&run.plan);
	plan_cli_free(&run.pc);
	create_args_free(&run.a);
	return status;
}
