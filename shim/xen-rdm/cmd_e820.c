/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cmd_e820.c - `xen-rdm e820 --keys FILE`: run the firmware
 * module's own reader and builder on a `xenstore-ls -f` dump and print
 * the e820 the guest would get.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "e820_out.h"
#include "fw_view.h"
#include "keys_check.h"
#include "xenrdm/fw_host.h"
#include "xenrdm/read_file.h"

enum { OPT_LOWMEM = 256, OPT_HIGHMEM, OPT_HVMLOADER };

static void e820_usage(FILE *f)
{
	fprintf(f,
"usage: xen-rdm e820 --keys FILE [--json|--linux|--hvmloader] [--lowmem-end X]\n"
"                    [--highmem-end Y] [--bios NAME]\n"
"\n"
"Read a `xenstore-ls -f [-p] /local/domain/<id>` dump (FILE, or - for\n"
"stdin), run the firmware module's key reader and e820 builder on it and\n"
"print the e820 the guest gets: as plan and show print it (default), in\n"
"hvmloader's own log format (--hvmloader, to compare with a guest's serial\n"
"log), in Linux's BIOS-e820 format (--linux) or as JSON (--json).\n"
"\n"
"  --keys FILE       the dump (required)\n"
"  --lowmem-end X    end of RAM below 4 GiB, as hvm_info would give it;\n"
"                    default: hvmloader/rdm/lowmem-end from the dump\n"
"  --highmem-end Y   end of RAM above 4 GiB (4 GiB: none); default:\n"
"                    hvmloader/rdm/highmem-end from the dump\n"
"  --bios NAME       the guest's BIOS (xl's bios=): seabios (default), ovmf\n"
"                    or rombios; sets hvmloader's first MB, and a set whose\n"
"                    e820 the BIOS would not keep is exit 2\n"
"  --gfx-passthru    xl's gfx_passthru: count the IGD OpRegion's 2 entries\n"
"  --json, --linux, --hvmloader   output format\n"
"\n"
"X and Y are bytes, 0x hex or decimal.  Entries the firmware skips are\n"
"reported on stderr as warnings; the table printed is still what it\n"
"would build, but the exit status is then 2.\n"
"Exit: 0 printed, 2 bad usage or input (unreadable dump, no memory ends,\n"
"a layout the firmware rejects, a count or entry the firmware skips).\n");
}

/* Bytes, 0x hex or decimal, the whole text. */
static int parse_bytes(const char *opt, const char *text, uint64_t *v_out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (text[0] < '0' || text[0] > '9')   /* no blank, sign, empty */
		goto bad;
	v = strtoull(text, &end, 0);
	if (errno || *end)
		goto bad;
	*v_out = v;
	return 0;
bad:
	cli_err("%s: '%s' is not a byte count (0x hex or decimal)", opt, text);
	return XENRDM_EXIT_USAGE;
}

/* The whole of FILE ("-": stdin), read once within the cap. */
static int slurp(const char *path, char **buf_out, size_t *len_out)
{
	char err[256] = "";
	int r = xenrdm_read_file(path, XENRDM_CAP_TEXT, buf_out, len_out,
				 err, sizeof(err));

	if (!r)
		return 0;
	cli_err("--keys %s: %s", path, err[0] ? err : xenrdm_strerror(r));
	return r == -XENRDM_ERR_NOMEM ? XENRDM_EXIT_ENV : XENRDM_EXIT_USAGE;
}

/* The firmware's log lines echo values from the dump: escaped; its
 * warnings counted.  Its warnings, notes and errors are shown, its
 * summary ("N of N ranges reserved") is not: nothing on stderr when all
 * is well. */
static void to_stderr(void *opaque, const char *text)
{
	unsigned *warnings = opaque, n = fw_log_warnings(text);

	*warnings += n;
	if (n || strstr(text, "note: ") || strstr(text, "bad "))
		cli_put_lines(stderr, text);
}

/* What the command line asks for. */
struct e820_args {
	const char *keys;
	uint64_t lowmem_end, highmem_end;       /* 0: from the dump */
	struct fw_view view;    /* --json, --linux, --bios, --gfx-passthru */
	bool hvmloader_fmt;
};

/* 0, an exit status, or -1 after --help's text. */
static int e820_parse(int argc, char **argv, struct e820_args *a)
{
	static const struct option opts[] = {
		{ "keys", required_argument, NULL, 'k' },
		FW_VIEW_OPTIONS(FW_VIEW_OPTION)
		{ "hvmloader", no_argument, NULL, OPT_HVMLOADER },
		{ "lowmem-end", required_argument, NULL, OPT_LOWMEM },
		{ "highmem-end", required_argument, NULL, OPT_HIGHMEM },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	memset(a, 0, sizeof(*a));
	fw_view_init(&a->view);
	cli_opt_begin();
	while ((c = cli_getopt(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': a->keys = optarg; break;
		case OPT_HVMLOADER: a->hvmloader_fmt = true; break;
		case OPT_LOWMEM:
			rc = parse_bytes("--lowmem-end", optarg,
					 &a->lowmem_end);
			if (rc)
				return rc;
			break;
		case OPT_HIGHMEM:
			rc = parse_bytes("--highmem-end", optarg,
					 &a->highmem_end);
			if (rc)
				return rc;
			break;
		case 'h':
			e820_usage(stdout);
			return -1;
		default:
			rc = fw_view_opt(&a->view, "e820", c, optarg);
			if (rc == FW_VIEW_NOT_MINE)     /* CLI_OPT_ERROR: said */
				return XENRDM_EXIT_USAGE;
			if (rc)
				return rc;
		}
	}
	if (cli_opt_no_operands(argc, argv))
		return XENRDM_EXIT_USAGE;
	if (!a->keys) {
		cli_err("e820: --keys FILE is required (xen-rdm e820 --help)");
		return XENRDM_EXIT_USAGE;
	}
	if (cli_opt_exclusive("e820", a->view.json, "--json",
			      a->view.linux_fmt, "--linux") ||
	    cli_opt_exclusive("e820", a->view.json, "--json",
			      a->hvmloader_fmt, "--hvmloader") ||
	    cli_opt_exclusive("e820", a->view.linux_fmt, "--linux",
			      a->hvmloader_fmt, "--hvmloader"))
		return XENRDM_EXIT_USAGE;
	return 0;
}

/* The table in the format asked for. */
static void e820_print(const struct e820_args *a,
		       const struct xenrdm_e820entry *tab, uint32_t nr)
{
	if (a->view.json) {
		struct json_writer w;

		json_init(&w, stdout);
		json_object_begin(&w, NULL);
		e820_out_json(&w, "e820", tab, nr);
		json_object_end(&w);
		fputc('\n', stdout);
	} else if (a->view.linux_fmt) {
		e820_out_linux(stdout, tab, nr);
	} else if (a->hvmloader_fmt) {
		e820_out_hvmloader(stdout, tab, nr);
	} else {
		e820_out_table(stdout, tab, nr);
	}
}

/* The set's verdict once the table is printed: 0, or 2 with the reason. */
static int e820_checks(const struct e820_args *a,
		       const struct xenrdm_fw_layout *l, int read_rc,
		       unsigned warnings)
{
	char why[160];

	/*
	 * The shim never writes a key the firmware rejects, so a rejected
	 * count or entry means another writer or damage: the table above is
	 * what the guest would get, but the exit status says it is not the
	 * set that was meant.
	 */
	if (read_rc || l->nr_skipped) {
		if (read_rc)
			cli_err("--keys %s: the firmware rejected %s: no RDM "
				"is reserved in the table above", a->keys,
				XENRDM_XS_COUNT);
		else
			cli_err("--keys %s: the firmware skipped %" PRIu32
				" entr%s (warnings above): the table above "
				"lacks %s", a->keys, l->nr_skipped,
				l->nr_skipped == 1 ? "y" : "ies",
				l->nr_skipped == 1 ? "it" : "them");
		return XENRDM_EXIT_USAGE;
	}
	/* The patched hvmloader stops rather than hand the BIOS more than
	 * it keeps. */
	if (!fw_view_boot_fits(&a->view, l, why, sizeof(why))) {
		cli_err("--keys %s: %s", a->keys, why);
		return XENRDM_EXIT_USAGE;
	}
	if (warnings) {
		cli_err("--keys %s: %u warning%s above: not a set xen-rdm "
			"writes (damage, or another writer)", a->keys, warnings,
			warnings == 1 ? "" : "s");
		return XENRDM_EXIT_USAGE;
	}
	return XENRDM_EXIT_OK;
}

int cmd_e820(int argc, char **argv)
{
	static struct xenrdm_fw_layout layout;  /* ~2 KiB */
	static struct xenrdm_xsdump dump;
	struct xenrdm_fw_env env = { 0 };
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct e820_args a;
	const char *keys;
	char *buf = NULL;
	size_t len = 0;
	uint32_t nr = 0;
	unsigned warnings = 0;
	int r, rc, read_rc;

	rc = e820_parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? XENRDM_EXIT_OK : rc;
	keys = a.keys;
	rc = slurp(keys, &buf, &len);
	if (rc)
		return rc;

	rc = XENRDM_EXIT_USAGE;
	if (xenrdm_xsdump_open(&dump, buf, len)) {
		cli_err("--keys %s: no \"/local/domain/<id>/... = \" line; "
			"not a xenstore-ls -f dump", keys);
		goto out;
	}
	/* What the firmware's reader cannot see: a key twice, an index past
	 * 123, a name outside the ABI. */
	warnings = keys_check_dump(buf, len, dump.home);
	xenrdm_fw_env_xsdump(&env, &dump);
	env.log = to_stderr;
	env.log_opaque = &warnings;
	xenrdm_fw_layout_init(&layout, a.lowmem_end, a.highmem_end);
	/* hvmloader's first MB for the guest's BIOS. */
	xenrdm_bios_fw_layout(a.view.bios, &layout);
	/* What it skips, it logs. */
	read_rc = xenrdm_fw_host_read(&env, &layout);
	if (!layout.lowmem_end || !layout.highmem_end) {
		cli_err("--keys %s: no %s in %s; give --%s",
			keys, !layout.lowmem_end ? XENRDM_XS_LOWMEM_END
						 : XENRDM_XS_HIGHMEM_END,
			dump.home, !layout.lowmem_end ? "lowmem-end"
						      : "highmem-end");
		goto out;
	}
	r = xenrdm_fw_host_e820_build(&env, &layout, tab, XENRDM_E820MAX, &nr);
	if (r) {
		cli_err("--keys %s: the firmware cannot build this e820 (%s)",
			keys, r == -XENRDM_ERR_NOSPACE ? "more than 128 entries"
						      : "bad layout, see above");
		goto out;
	}
	e820_print(&a, tab, nr);
	if (fflush(stdout) || ferror(stdout)) {
		cli_err("e820: cannot write the output: %s", strerror(errno));
		rc = XENRDM_EXIT_ENV;
		goto out;
	}
	rc = e820_checks(&a, &layout, read_rc, warnings);
out:
	free(buf);
	return rc;
}
