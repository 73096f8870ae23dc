/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cli.h - what the xen-rdm subcommands share.
 *
 * Exit statuses (documented in xen-rdm(1)):
 *   0  success, the plan holds
 *   1  a strict RDM conflict: nothing was written
 *   2  bad usage or bad input (the message names the option/file and text)
 *   3  the environment failed: xenstore unreachable, transaction retries
 *      exhausted, a write refused
 */
#ifndef XENRDM_CLI_H
#define XENRDM_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "xenrdm/xenrdm.h"
#include "xenrdm/sources.h"
#include "xenrdm/xl_rdm.h"
#include "xenrdm/remedy.h"

#define XENRDM_EXIT_OK        0
#define XENRDM_EXIT_CONFLICT  1
#define XENRDM_EXIT_USAGE     2
#define XENRDM_EXIT_ENV       3

/* "xen-rdm: <message>\n" on stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "xen-rdm: warning: <message>\n" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Both escape the message's control bytes (and bytes that are not
 * printable UTF-8) as xenstore-ls does: input echoed in a message never
 * reaches the terminal raw (shim/xen-rdm/escape.c). */

/* Write text[0..n) with control bytes escaped as xenstore-ls does (\t \n
 * \r, \ooo below 010, \xNN else).  CLI_ESC_XS: exactly xenstore-ls's
 * escaping (also \\ and every byte above '~'); CLI_ESC_TEXT: backslash
 * and printable UTF-8 kept. */
enum cli_escape { CLI_ESC_XS, CLI_ESC_TEXT };
void cli_put_escaped(FILE *f, const char *text, size_t n, enum cli_escape how);
/* Each line of text escaped, the newlines kept. */
void cli_put_lines(FILE *f, const char *text);

/*
 * The one option parser of every subcommand (shim/xen-rdm/cli_opt.c).
 * cli_opt_begin() before the loop; cli_getopt() is getopt_long() with
 * the CLI's messages: it returns the option, -1 at the end, or
 * CLI_OPT_ERROR after printing "CMD: unknown option 'X' (xen-rdm CMD
 * --help)" or "CMD: option 'X' needs a value" (the caller exits 2).
 * shortopts without the leading ':' (a leading '+' is kept).
 * argv[0] is the subcommand's name.
 */
#define CLI_OPT_ERROR (-2)
struct option;
void cli_opt_begin(void);
int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, int *longindex);
/* After the loop: an operand left is "unexpected argument" (exit 2). */
int cli_opt_no_operands(int argc, char **argv);
/* Two options that exclude each other: the message and exit 2, or 0. */
int cli_opt_exclusive(const char *cmd, bool a, const char *a_name, bool b,
		      const char *b_name);
/* An output file given with OPT: can it be written (created, not
 * truncated)?  0, or the message "OPT PATH: cannot write: why" and 2.
 * Called before anything is printed. */
int cli_output_check(const char *opt, const char *path);

/*
 * One format for every range, address and fate (shim/xen-rdm/fmt.c):
 * "[mem 0x<16 hex>-0x<16 hex>]" with END inclusive, "0x<16 hex>", and
 * "valid", "dropped" (relaxed, left out), "conflict" (strict).
 */
#define CLI_RANGE_LEN 48
#define CLI_ADDR_LEN  24
const char *cli_range(uint64_t start, uint64_t size, char buf[CLI_RANGE_LEN]);
const char *cli_addr(uint64_t addr, char buf[CLI_ADDR_LEN]);
/* Why a region is not valid, in words: "overlaps RAM above 4 GiB". */
const char *cli_reason(enum xenrdm_reason r);

/* Subcommands: argv[0] is the subcommand name; return an exit status. */
int cmd_plan(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_clear(int argc, char **argv);
int cmd_e820(int argc, char **argv);
int cmd_create(int argc, char **argv);  /* shim/xen-rdm/cmd_create.c */

/* apply's xenstore step (shim/xen-rdm/cmd_apply.c), also `create`'s: write
 * plan's keys for domid in one transaction, under apply's watchdog
 * (which exits 3 when xenstored does not answer within 3 x timeout_ms).
 * Returns an exit status, the message printed. */
struct xenrdm_plan;
int apply_write_keys(const char *cmd, uint32_t domid, unsigned timeout_ms,
		     const struct xenrdm_plan *plan);
/* --timeout SEC (arg), or with arg NULL the default (XENRDM_XS_TIMEOUT
 * or the library's): 0 and *ms_out, or exit status 2 (printed). */
int apply_timeout(const char *arg, unsigned *ms_out);

/*
 * The plan options, shared by `plan` and `apply` (shim/xen-rdm/plan_cli.c).
 * plan_cli_parse() consumes every plan option in argv; options it does
 * not know are an error unless listed in extra_opts (getopt_long entries
 * the caller handles: for each one it calls extra(ctx, val, optarg),
 * which returns 0 or an exit status).
 */
struct option;

/*
 * The plan's long options, one list per group, as X(name, has_arg,
 * value).  The values are plan_cli.c's own OPT_* enumerators: only
 * plan_cli.c uses the third argument.  plan_cli.c builds its getopt
 * table from the three lists; `create` passes the sources on to the plan
 * and refuses the layout and output options (its layout is CONFIG's).
 * So an option is added in one place (and in the usage text), and every
 * command that takes it, or refuses it, follows.  The order is getopt's:
 * it settles an abbreviation that fits several entries alike.
 * has_arg is <getopt.h>'s.
 */
#define PLAN_CLI_LAYOUT_OPTIONS(X) \
	X("memory",           required_argument, OPT_MEMORY)   \
	X("mmio-hole",        required_argument, OPT_MMIO)     \
	X("rdm",              required_argument, OPT_RDM)      \
	X("rdm-mem-boundary", required_argument, OPT_BOUNDARY) \
	X("no-hap",           no_argument,       OPT_NO_HAP)   \
	X("bios",             required_argument, OPT_BIOS)     \
	X("gfx-passthru",     no_argument,       OPT_GFX)      \
	X("pci",              required_argument, OPT_PCI)
/* the host's RDM regions: every source adds up */
#define PLAN_CLI_SOURCE_OPTIONS(X) \
	X("region",           required_argument, OPT_REGION)   \
	X("regions",          required_argument, OPT_REGIONS)  \
	X("dmar",             required_argument, OPT_DMAR)     \
	X("xen",              no_argument,       OPT_XEN)      \
	X("dmesg",            required_argument, OPT_DMESG)    \
	X("host",             no_argument,       OPT_HOST)     \
	X("sysfs",            required_argument, OPT_SYSFS)
/* what plan prints besides its text (-q and --help are each command's) */
#define PLAN_CLI_OUTPUT_OPTIONS(X) \
	X("json",             no_argument,       OPT_JSON)     \
	X("linux",            no_argument,       OPT_LINUX)    \
	X("svg",              required_argument, OPT_SVG)

struct plan_cli {
	struct xenrdm_config cfg;       /* filled from defaults, -c, options */
	struct xenrdm_pci_list pci;     /* owned */
	struct xenrdm_region_list regions; /* owned; every source appended */
	bool json;
	bool linux_fmt;                 /* --linux: e820 in Linux's format */
	const char *svg_path;           /* --svg FILE, or NULL */
	bool quiet;
	bool help;                      /* --help was printed: exit 0 */
	const char *host_source;        /* --host: "xen" or the table read */
	struct xenrdm_xl_view xl;       /* -c: what xl 4.17 reads (owned) */
	const char *cfg_name;           /* -c: the file as messages name it,
					 * else NULL */
	bool rdm_override;              /* --rdm was given */
	bool pci_override;              /* --pci was given */
	/* plan_cli_print: the remedies of a failing plan, cheapest first
	 * (owned; n is 0 for a plan that holds) */
	struct xenrdm_remedies rem;
	/* -c: the file's maxmem (else memory) and the video RAM libxl
	 * subtracts from it, in MiB; videoram 0 when none */
	const char *xl_memory_key;      /* "maxmem" or "memory" */
	uint64_t xl_memory, videoram;
};

typedef int (*plan_cli_extra_fn)(void *ctx, int val, const char *arg);

/* Returns 0 or an exit status (message already printed).  Defaults,
 * then -c FILE, then the other options (they override the file; --pci
 * replaces the file's pci list).  On --help it prints the plan options
 * to stdout, sets pc->help and returns 0: the caller then exits 0. */
int plan_cli_parse(struct plan_cli *pc, int argc, char **argv,
		   const struct option *extra_opts, plan_cli_extra_fn extra,
		   void *ctx);
/* Compute the plan: 0 (holds), 1 (strict conflict; plan filled, messages
 * not yet printed) or 2 (bad input, or an --svg file that cannot be
 * written: printed, nothing else). */
int plan_cli_compute(struct plan_cli *pc, struct xenrdm_plan *plan_out);
/* Print the plan as `xen-rdm plan` does (human, or --json; nothing with
 * -q), with status the result of plan_cli_compute.  Also writes, on
 * stderr, one warning per relaxed region left out and one message per
 * strict conflict (not with -q).  Computes the remedies of a failing
 * plan into pc->rem. */
void plan_cli_print(struct plan_cli *pc, const struct xenrdm_plan *plan,
		    int status, FILE *out);
/* The verdict, the last line of plan, apply and create (not with
 * --json: the object has it as "verdict"):
 *   OK: 00:02.0, 00:14.0 can be passed through; 2 ranges reserved; low
 *   RAM ends at 2.65 GiB (1.10 GiB moved above 4 GiB)
 *   FAIL: 00:02.0 cannot be passed through: ...; cheapest remedy: ...
 * tail, when not NULL, ends an OK line ("; written for domain 7"); fail,
 * when not NULL, is the reason of a FAIL line for a plan that holds (the
 * step after it failed). */
void plan_cli_verdict(const struct plan_cli *pc, const struct xenrdm_plan *plan,
		      const char *tail, const char *fail, FILE *out);
/* The verdict's text, without the newline (allocated; NULL: no memory). */
char *plan_cli_verdict_text(const struct plan_cli *pc,
			    const struct xenrdm_plan *plan, const char *tail,
			    const char *fail);
void plan_cli_free(struct plan_cli *pc);
/* Messages about the -c file PATH call it NAME instead (`create` plans
 * from a copy in memory, /dev/fd/N, of the file it names). */
void plan_cli_config_name(const char *path, const char *name);
/* Read PATH ("-": standard input) once, whole, within CAP
 * (xenrdm/read_file.h).  0, or the message "OPT 'PATH': why" printed and
 * the exit status (3 when out of memory, else 2). */
int plan_cli_input_read(const char *opt, const char *path, size_t cap,
			char **buf_out, size_t *len_out);

/* create's rdm= step (shim/xen-rdm/cmd_create.c), also `apply -c`'s: plan
 * what xl 4.17 builds from the -c file (pc->xl: its rdm= strategy and
 * libxl's global policy), with a note on stderr when that differs from
 * the text; --rdm (pc->rdm_override) is planned instead, as the user
 * states it.  A file that hands a pci= entry xl's uninitialised policy
 * is refused (what libxl does with that device is undefined), unless
 * --pci replaced the file's list: domid 0 before xl runs (create), else
 * the domain xl built (apply).  0, or exit status 2 (printed).  Without
 * -c nothing changes. */
int plan_as_xl(struct plan_cli *pc, const char *cmd, uint32_t domid);

/* create's layout step (shim/xen-rdm/cmd_create.c), also apply's: read
 * the domain's low/high RAM ends (xenrdm/dom_layout.h) and refuse when it
 * runs already or they differ from the plan's, naming both layouts;
 * "domain N as built: ... as planned" on stdout unless quiet.  A layout
 * that cannot be read stops (exit 3; 2 for no such HVM domain) unless
 * no_check, which says so in one note. */
struct dom_layout_check {
	const char *cmd;        /* the messages' prefix: "create", "apply" */
	uint32_t domid;
	bool no_check;          /* --no-layout-check */
	bool quiet;
	/* apply: the keys are not written yet; no hypervisor means no
	 * domain to check (0, silent), and no_check covers every read
	 * failure (create: only an unreadable hypervisor interface) */
	bool before_keys;
	int differs;            /* the exit status when the ends differ */
};
/* 0, or an exit status (printed); *readable: the layout was read. */
int dom_layout_check(const struct dom_layout_check *lc,
		     const struct xenrdm_plan *plan, bool *readable);

#endif /* XENRDM_CLI_H */
