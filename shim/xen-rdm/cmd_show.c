/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cmd_show.c - xen-rdm show: a domain's RDM keys read back in
 * one snapshot, what the firmware's own reader makes of them, the e820
 * it builds, and the verdict on them (OK:, NONE:, FAIL:).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "e820_out.h"
#include "json.h"
#include "keys_check.h"
#include "render.h"
#include "xs_cmd.h"
#include "xenrdm/xs.h"

static void show_usage(FILE *f)
{
	fprintf(f,
"usage: xen-rdm show --domid N [--json | --linux | -q] [--svg FILE]\n"
"                    [--bios NAME] [--gfx-passthru] [--timeout SEC]\n"
"\n"
"Read domain N's RDM keys (/local/domain/N/hvmloader/rdm) back through\n"
"libxenstore, in one snapshot, and print them with their permissions as\n"
"`xenstore-ls -f -p` does, the entries the firmware module accepts\n"
"(its own reader, compiled for the host), and the e820 it builds from them.\n"
"The last line is the verdict: OK: (the firmware reserves the set), NONE:\n"
"(no keys) or FAIL: (it would skip, ignore or refuse a part of them).\n"
"\n"
"  --domid N   the guest domain (1..%u)\n"
"  --json      one JSON object: keys, entries, memory ends, e820, verdict\n"
"  --linux     the e820 as Linux's boot log prints it\n"
"  --svg FILE  also draw the address space the firmware builds as SVG\n"
"  --bios NAME the guest's BIOS (xl's bios=): seabios (default), ovmf or\n"
"              rombios; sets hvmloader's first MB, and a set whose e820\n"
"              the BIOS would not keep is an error\n"
"  --gfx-passthru  xl's gfx_passthru: count the IGD OpRegion's 2 entries\n"
"  --timeout SEC  each xenstore request must be answered within SEC s\n"
"              (default %u, or XENRDM_XS_TIMEOUT)\n"
"  -q, --quiet print only the verdict (and warnings about the keys)\n"
"\n"
"Values are printed escaped as xenstore-ls prints them.\n"
"exit status: 0 OK or NONE, 2 bad usage, or FAIL: the firmware would skip,\n"
"ignore or refuse a part of the set, or the guest's BIOS would not keep\n"
"its e820; 3 xenstore failed or did not answer, or the output cannot be\n"
"written\n",
		XENRDM_XS_DOMID_MAX, XENRDM_XS_TIMEOUT_MS_DEFAULT / 1000);
}

/* A set as show prints it: the keys, what the firmware reads of them,
 * the e820 it builds (rc: the reader's or the builder's error). */
struct show_set {
	const struct dom_opts *o;
	const struct xenrdm_xs_dump *dump;
	const struct xenrdm_fw_layout *layout;
	int read_rc, rc;
	const struct xenrdm_e820entry *tab;
	uint32_t nr;
	const char *fwlog;
	char home[XENRDM_XS_PATH_MAX];  /* /local/domain/N */
	char why[256];          /* show_judge: why the set fails, or "" */
};

static void show_json(const struct show_set *s, const char *verdict)
{
	struct json_writer w;
	uint32_t i;

	json_init(&w, stdout);
	json_object_begin(&w, NULL);
	json_u64(&w, "domid", s->o->domid);
	json_array_begin(&w, "keys");
	for (i = 0; i < s->dump->nr_keys; i++) {
		json_object_begin(&w, NULL);
		json_string(&w, "path", s->dump->key[i].path);
		json_string(&w, "value", s->dump->key[i].value);
		json_string(&w, "perms", s->dump->key[i].perms);
		json_object_end(&w);
	}
	json_array_end(&w);
	if (s->dump->nr_keys && !s->read_rc) {
		json_array_begin(&w, "rdm");
		for (i = 0; i < s->layout->nr_rdm; i++) {
			json_object_begin(&w, NULL);
			json_u64(&w, "start", s->layout->rdm[i].start);
			json_u64(&w, "size", s->layout->rdm[i].size);
			json_object_end(&w);
		}
		json_array_end(&w);
		json_u64(&w, "skipped", s->layout->nr_skipped);
		json_u64(&w, "lowmem_end", s->layout->lowmem_end);
		json_u64(&w, "highmem_end", s->layout->highmem_end);
	}
	if (s->dump->nr_keys && !s->rc)
		e820_out_json(&w, "e820", s->tab, s->nr);
	json_string(&w, "verdict", verdict);
	json_object_end(&w);
	fputc('\n', stdout);
}

/* As xenstore-ls -f -p prints the keys, then the firmware's reading. */
static void show_text(const struct show_set *s)
{
	char range[CLI_RANGE_LEN], a[CLI_ADDR_LEN];
	uint32_t i;

	/* Escaped as xenstore-ls does. */
	for (i = 0; i < s->dump->nr_keys; i++) {
		const struct xenrdm_xs_key *k = &s->dump->key[i];

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
	if (s->fwlog[0]) {
		fputs("firmware reader:\n", stdout);
		cli_put_lines(stdout, s->fwlog);
	}
	if (!s->read_rc) {
		printf("RDM entries the firmware reads: %" PRIu32
		       " (%" PRIu32 " skipped)\n", s->layout->nr_rdm,
		       s->layout->nr_skipped);
		for (i = 0; i < s->layout->nr_rdm; i++)
			printf("  [%02" PRIu32 "] %s\n", i,
			       cli_range(s->layout->rdm[i].start,
					 s->layout->rdm[i].size, range));
		printf("lowmem-end %s, ",
		       cli_addr(s->layout->lowmem_end, a));
		printf("highmem-end %s\n",
		       cli_addr(s->layout->highmem_end, a));
	}
	if (!s->rc) {
		printf("guest e820:\n");
		if (s->o->view.linux_fmt)
			e820_out_linux(stdout, s->tab, s->nr);
		else
			e820_out_table(stdout, s->tab, s->nr);
	}
}

/* The set fails: MSG on stderr (not with -q: the verdict says it), WHY
 * for the verdict.  Exit status 2. */
static int set_fails(struct show_set *s, const char *msg, const char *why)
{
	if (!s->o->quiet)
		cli_err("show: domain %" PRIu32 ": %s", s->o->domid, msg);
	snprintf(s->why, sizeof(s->why), "%s", why);
	return XENRDM_EXIT_USAGE;
}

/* What makes the set not one xen-rdm writes, or not one that boots: 0,
 * or 2 with the reason on stderr and in s->why.  A set that is not
 * there is none of these (the verdict says NONE). */
static int show_judge(struct show_set *s)
{
	const struct xenrdm_fw_layout *l = s->layout;
	char msg[256], why[256];
	unsigned warnings;

	if (!s->dump->nr_keys)
		return XENRDM_EXIT_OK;
	fflush(stdout);         /* what is said after what it is about */
	if (s->rc) {
		snprintf(msg, sizeof(msg), "%s: %s", s->read_rc ?
			 "the firmware rejects the set" :
			 "no e820 can be built from the set",
			 xenrdm_strerror(s->rc));
		/* The reader refuses only a bad count; the guest then gets
		 * no RDM at all. */
		return set_fails(s, msg, s->read_rc ? "the firmware rejects "
				 XENRDM_XS_COUNT ": it reserves no range" : msg);
	}
	/* The patched hvmloader stops (BUG) rather than hand the BIOS a
	 * table it would cut short: say so. */
	if (!fw_view_boot_fits(&s->o->view, l, why, sizeof(why)))
		return set_fails(s, why, why);
	/* xen-rdm never writes an entry the firmware skips: one that is
	 * skipped was written by someone else, or damaged. */
	if (l->nr_skipped) {
		snprintf(msg, sizeof(msg), "the firmware skips %" PRIu32
			 " entr%s of the set (see its reader's lines above); "
			 "the e820 shown lacks %s", l->nr_skipped,
			 l->nr_skipped == 1 ? "y" : "ies",
			 l->nr_skipped == 1 ? "it" : "them");
		snprintf(why, sizeof(why), "the firmware skips %" PRIu32
			 " entr%s of the set: the guest's e820 lacks %s",
			 l->nr_skipped, l->nr_skipped == 1 ? "y" : "ies",
			 l->nr_skipped == 1 ? "it" : "them");
		return set_fails(s, msg, why);
	}
	warnings = keys_check_xs(s->dump, s->home) + fw_log_warnings(s->fwlog);
	if (!warnings)
		return XENRDM_EXIT_OK;
	snprintf(msg, sizeof(msg), "%u warning%s (the firmware reader's lines "
		 "above, or here): not a set xen-rdm writes (damage, or another "
		 "writer)", warnings, warnings == 1 ? "" : "s");
	snprintf(why, sizeof(why), "%u warning%s about its keys: not a set "
		 "xen-rdm writes (damage, or another writer)", warnings,
		 warnings == 1 ? "" : "s");
	return set_fails(s, msg, why);
}

/*
 * The last line: what the guest's firmware makes of the keys, with the
 * exit status's word (OK and NONE: 0, FAIL: 2).
 *   OK: domain 7: the firmware reserves 2 ranges; low RAM ends at 2.65 GiB
 *       (1.35 GiB above 4 GiB)
 *   NONE: domain 7: no RDM keys under /local/domain/7/hvmloader/rdm; the
 *       firmware reserves no range
 *   FAIL: domain 7: the firmware skips 1 entry of the set: the guest's
 *       e820 lacks it
 */
static void show_verdict(const struct show_set *s, char *buf, size_t len)
{
	const struct xenrdm_fw_layout *l = s->layout;
	char low[24], high[24] = "";
	uint32_t domid = s->o->domid;

	if (s->why[0]) {
		snprintf(buf, len, "FAIL: domain %" PRIu32 ": %s", domid,
			 s->why);
		return;
	}
	if (!s->dump->nr_keys) {
		snprintf(buf, len, "NONE: domain %" PRIu32 ": no RDM keys under "
			 "%s/" XENRDM_XS_DIR "; the firmware reserves no range",
			 domid, s->home);
		return;
	}
	if (l->highmem_end > XENRDM_FW_4G)
		render_size(l->highmem_end - XENRDM_FW_4G, high);
	snprintf(buf, len, "OK: domain %" PRIu32 ": the firmware reserves %"
		 PRIu32 " range%s; low RAM ends at %s%s%s%s", domid, l->nr_rdm,
		 l->nr_rdm == 1 ? "" : "s", render_size(l->lowmem_end, low),
		 high[0] ? " (" : "", high, high[0] ? " above 4 GiB)" : "");
}

/* Print the keys, the layout's entries and e820, the verdict (human:
 * -q only the verdict) or one object (JSON); and --svg.  The exit
 * status. */
static int show_print(const struct dom_opts *o,
		      const struct xenrdm_xs_dump *dump,
		      const struct xenrdm_fw_layout *layout, int read_rc,
		      const char *fwlog)
{
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct show_set set = { o, dump, layout, read_rc, read_rc, tab, 0,
				fwlog, "", "" };
	char verdict[384];
	int status, svg_status = 0;

	snprintf(set.home, sizeof(set.home), XENRDM_XS_DOMAIN_HOME_FMT,
		 o->domid);
	if (!set.rc && dump->nr_keys)
		set.rc = xenrdm_e820_build(layout, tab, XENRDM_E820MAX,
					   &set.nr);
	if (dump->nr_keys && !o->view.json && !o->quiet)
		show_text(&set);
	status = show_judge(&set);
	/* --svg FILE, from what the firmware reads. */
	if (o->svg_path && dump->nr_keys && !set.rc)
		svg_status = render_fw_svg(o->svg_path, layout, tab, set.nr);
	show_verdict(&set, verdict, sizeof(verdict));
	if (o->view.json)
		show_json(&set, verdict);
	else
		printf("%s\n", verdict);
	return status ? status : svg_status;
}

int cmd_show(int argc, char **argv)
{
	struct xenrdm_xs_dump *dump = NULL;
	struct xenrdm_fw_layout layout;
	struct xenrdm_xs *xs = NULL;
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
	rc = xenrdm_xs_open(&xs, o.timeout_ms, err, sizeof(err));
	if (!rc)
		rc = xenrdm_xs_read_keys(xs, o.domid, dump, err, sizeof(err));
	watchdog_disarm();
	/* The firmware reads the very keys shown: one snapshot. */
	if (!rc && dump->nr_keys)
		read_rc = xenrdm_xs_dump_layout(dump, o.domid, &layout,
						fwlog, sizeof(fwlog),
						err, sizeof(err));
	/* hvmloader's first MB for the guest's BIOS. */
	xenrdm_bios_fw_layout(o.view.bios, &layout);
	if (rc || (read_rc && read_rc != -XENRDM_ERR_INVAL)) {
		cli_err("show: domain %" PRIu32 ": %s", o.domid, err);
		status = exit_status_of(rc ? rc : read_rc);
		goto out;
	}
	status = show_print(&o, dump, &layout, read_rc, fwlog);
	status = stdout_check("show", status);
out:
	xenrdm_xs_close(xs);
	free(dump);
	return status;
}
