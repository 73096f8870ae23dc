/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cli_opt.c - the one option parser every subcommand uses, so
 * that the same mistake gets the same message and exit status everywhere:
 *
 *   xen-rdm CMD: unknown option '--foo' (xen-rdm CMD --help)      exit 2
 *   xen-rdm CMD: option '--svg' needs a value                     exit 2
 *   xen-rdm CMD: unexpected argument 'x' (xen-rdm CMD --help)     exit 2
 *   xen-rdm CMD: --json and --linux exclude each other            exit 2
 *
 * and the usage text goes to stdout on --help only (exit 0), never after
 * an error.  An output file (--svg) is checked before anything is
 * printed: a path that cannot be written is exit 2 with nothing else.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_opt_begin(void)
{
	optind = 0;     /* a full reset: a process may parse twice */
	opterr = 0;     /* the messages are ours */
}

int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, int *longindex)
{
	const char *cmd = argc > 0 ? argv[0] : "xen-rdm";
	char spec[64];
	const char *lead = "";
	int c;

	/* ':' first (after a '+', if any): a missing value is ':', an
	 * unknown option '?'. */
	if (*shortopts == '+') {
		lead = "+";
		shortopts++;
	}
	if (*shortopts == ':')
		shortopts++;
	snprintf(spec, sizeof(spec), "%s:%s", lead, shortopts);
	c = getopt_long(argc, argv, spec, longopts, longindex);
	if (c == '?') {
		if (optopt && optopt < 0x100 && !strchr(argv[optind - 1], '='))
			cli_err("%s: unknown option '-%c' (xen-rdm %s --help)",
				cmd, optopt, cmd);
		else
			cli_err("%s: unknown option '%s' (xen-rdm %s --help)",
				cmd, argv[optind - 1], cmd);
		return CLI_OPT_ERROR;
	}
	if (c == ':') {
		cli_err("%s: option '%s' needs a value", cmd, argv[optind - 1]);
		return CLI_OPT_ERROR;
	}
	return c;
}

int cli_opt_no_operands(int argc, char **argv)
{
	if (optind < argc) {
		cli_err("%s: unexpected argument '%s' (xen-rdm %s --help)",
			argv[0], argv[optind], argv[0]);
		return XENRDM_EXIT_USAGE;
	}
	return 0;
}

int cli_opt_exclusive(const char *cmd, bool a, const char *a_name, bool b,
		      const char *b_name)
{
	if (a && b) {
		cli_err("%s: %s and %s exclude each other", cmd, a_name,
			b_name);
		return XENRDM_EXIT_USAGE;
	}
	return 0;
}

int cli_output_check(const char *opt, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);

	if (fd < 0) {
		cli_err("%s %s: cannot write: %s", opt, path, strerror(errno));
		return XENRDM_EXIT_USAGE;
	}
	close(fd);
	return 0;
}
