/* SPDX-License-Identifier: MIT */
/* xen-rdm: dispatch to the subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} cmds[] = {
	{ "plan",  cmd_plan,  "compute the guest layout and its e820" },
	{ "apply", cmd_apply, "plan, then write the RDM keys for a domain" },
	{ "show",  cmd_show,  "read a domain's RDM keys back and build its e820" },
	{ "clear", cmd_clear, "remove a domain's RDM keys" },
	{ "e820",  cmd_e820,  "the firmware's e820 from a xenstore-ls -f dump" },
	{ "create", cmd_create, "plan, xl create -p, apply, check, xl unpause" },
};

/* cli_err, cli_warn: shim/xen-rdm/escape.c */

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: xen-rdm COMMAND [options]   (xen-rdm help COMMAND)\n\n"
		   "commands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-6s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\nplan, apply, create and show end with a verdict, OK: or FAIL: (-q: only\n"
		   "it); show says NONE: for a domain without keys\n"
		   "exit status: 0 ok, 1 strict RDM conflict, 2 bad usage or input,\n"
		   "3 environment failure (xenstore, hypervisor); create also 4-6\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return XENRDM_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    (!strcmp(argv[1], "help") && argc == 2)) {
		usage(stdout);
		return XENRDM_EXIT_OK;
	}
	/* xen-rdm help CMD: CMD --help */
	if (!strcmp(argv[1], "help")) {
		char *help_argv[] = { argv[2], "--help", NULL };

		if (argc > 3) {
			cli_err("help: one command at most (xen-rdm help CMD)");
			return XENRDM_EXIT_USAGE;
		}
		for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (!strcmp(argv[2], cmds[i].name))
				return cmds[i].fn(2, help_argv);
		cli_err("help: unknown command '%s' (try: xen-rdm --help)",
			argv[2]);
		return XENRDM_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("xen-rdm %s\n", XENRDM_VERSION);
		return XENRDM_EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	cli_err("unknown command '%s' (try: xen-rdm --help)", argv[1]);
	return XENRDM_EXIT_USAGE;
}
