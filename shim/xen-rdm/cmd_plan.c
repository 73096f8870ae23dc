/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/cmd_plan.c - `xen-rdm plan`: the guest layout, each RDM
 * region's fate, and the guest e820 the firmware will build, as text or
 * one JSON object.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "e820_out.h"
#include "host_src.h"
#include "json.h"
#include "remedy_text.h"
#include "render.h"

/* "0000:01:00.0, 0000:02:00.0" or "host-wide" into buf. */
static void devices_text(const struct xenrdm_rdm *d, char *buf, size_t len)
{
	size_t i, used = 0;
	char b[16];

	buf[0] = '\0';
	for (i = 0; i < d->nr_devices && used + 16 < len; i++) {
		xenrdm_sbdf_format(d->devices[i], b);
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", b);
	}
	if (i < d->nr_devices)
		snprintf(buf + used, len - used, ", ...");
	else if (d->host_wide)
		snprintf(buf + used, len - used, "%shost-wide",
			 d->nr_devices ? ", " : "");
}

/* stderr: a warning per relaxed region left out, a message per strict
 * conflict. */
static void plan_messages(const struct xenrdm_plan *plan)
{
	char devs[256], range[CLI_RANGE_LEN];
	size_t i;

	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		if (d->state == XENRDM_STATE_VALID)
			continue;
		devices_text(d, devs, sizeof(devs));
		cli_range(d->start, d->size, range);
		/* hvmloader's area is never RAM: dropping a region there
		 * is no risk, and the plan's note says so (stdout). */
		if (d->state == XENRDM_STATE_DROPPED &&
		    d->reason == XENRDM_REASON_HVMLOADER)
			continue;
		if (d->state == XENRDM_STATE_DROPPED)
			cli_warn("relaxed RDM region %s (%s) %s: dropped, not "
				 "reserved for the guest", range, devs,
				 cli_reason(d->reason));
		else
			cli_err("strict RDM region %s (%s) conflicts: %s", range,
				devs, cli_reason(d->reason));
	}
	if (plan->nr_conflict)
		cli_err("the plan fails: %zu strict RDM region%s conflict%s "
			"with guest memory (the plan's remedies say what "
			"would make it hold)", plan->nr_conflict,
			plan->nr_conflict == 1 ? "" : "s",
			plan->nr_conflict == 1 ? "s" : "");
}

static void plan_print_json(const struct plan_cli *pc,
			    const struct xenrdm_plan *plan, int status,
			    const struct xenrdm_e820entry *e820, uint32_t nr,
			    const char *e820_err,
			    const struct xenrdm_remedies *rem,
			    FILE *out)
{
	struct json_writer w;
	size_t i, k;
	char b[16];

	json_init(&w, out);
	json_object_begin(&w, NULL);
	json_u64(&w, "mem_size", plan->mem_size);
	json_u64(&w, "mmio_start", plan->mmio_start);
	json_u64(&w, "lowmem_end", plan->lowmem_end);
	json_u64(&w, "highmem_end", plan->highmem_end);
	json_u64(&w, "rdm_mem_boundary", plan->rdm_mem_boundary);
	json_bool(&w, "hap", plan->hap);
	json_string(&w, "strategy", xenrdm_strategy_name(pc->cfg.strategy));
	json_string(&w, "policy", xenrdm_policy_name(pc->cfg.policy));
	json_string(&w, "bios", xenrdm_bios_name(plan->bios));
	json_array_begin(&w, "rdms");
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		json_object_begin(&w, NULL);
		json_u64(&w, "start", d->start);
		json_u64(&w, "size", d->size);
		json_string(&w, "policy", xenrdm_policy_name(d->policy));
		json_string(&w, "state", xenrdm_state_name(d->state));
		json_array_begin(&w, "devices");
		for (k = 0; k < d->nr_devices; k++) {
			xenrdm_sbdf_format(d->devices[k], b);
			json_string(&w, NULL, b);
		}
		json_array_end(&w);
		json_bool(&w, "host_wide", d->host_wide);
		json_string(&w, "reason", xenrdm_reason_name(d->reason));
		json_object_end(&w);
	}
	json_array_end(&w);
	host_src_left_out(pc, plan, out, &w);   /* left out, and why */
	if (pc->host_source)
		json_string(&w, "host_source", pc->host_source);
	e820_out_json(&w, "e820", e820, e820_err ? 0 : nr);
	render_remedies_json(&w, plan, rem);
	{
		char *verdict = plan_cli_verdict_text(pc, plan, NULL, NULL);

		json_string(&w, "verdict", verdict ? verdict : "?");
		free(verdict);
	}
	if (status == XENRDM_EXIT_CONFLICT)
		json_string(&w, "error", "strict RDM conflict");
	else if (e820_err)
		json_string(&w, "error", e820_err);
	json_object_end(&w);
	fputc('\n', out);
}

/* The relaxed regions dropped from a plan that holds: a note, not
 * remedies (nothing fails). */
static void plan_dropped_note(const struct xenrdm_plan *plan, FILE *out)
{
	char devs[256], range[CLI_RANGE_LEN];
	size_t i;

	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		if (d->state != XENRDM_STATE_DROPPED)
			continue;
		devices_text(d, devs, sizeof(devs));
		fprintf(out, "note: %s (%s) is dropped:\n      ",
			cli_range(d->start, d->size, range), devs);
		if (d->reason == XENRDM_REASON_HVMLOADER)
			fprintf(out, "it lies in hvmloader's area, which is "
				"never RAM; nothing to do\n");
		else
			fprintf(out, "not reserved, the guest may place RAM "
				"there, where the device does\n      DMA; with "
				"rdm_policy=strict the plan lists the ways to "
				"reserve it\n");
	}
}

/* "  pci  00:02.0 rdm_policy=strict, ...": one line while it fits 80
 * columns, then one device a line. */
static void print_pci_list(const struct plan_cli *pc, FILE *out)
{
	char b[16];
	size_t i;
	int col;

	fprintf(out, "  pci               %s", pc->pci.n ? "" : "none");
	for (i = 0, col = 20; i < pc->pci.n; i++) {
		char dev[48];
		int len;

		xenrdm_sbdf_format(pc->pci.v[i].sbdf, b);
		len = snprintf(dev, sizeof(dev), "%s rdm_policy=%s", b,
			       xenrdm_policy_name(pc->pci.v[i].policy));
		if (i && col + 2 + len > 79) {
			fprintf(out, ",\n%20s", "");
			col = 20;
		} else if (i) {
			fputs(", ", out);
			col += 2;
		}
		fputs(dev, out);
		col += len;
	}
	fputc('\n', out);
}

/* What the plan was made from. */
static void print_inputs(const struct plan_cli *pc, FILE *out)
{
	const struct xenrdm_config *cfg = &pc->cfg;

	fprintf(out, "inputs:\n");
	fprintf(out, "  memory            %" PRIu64 " MiB", cfg->mem_size >> 20);
	if (pc->videoram)
		fprintf(out, " (%s = %" PRIu64 " less %" PRIu64 " MiB of video "
			"RAM)", pc->xl_memory_key, pc->xl_memory, pc->videoram);
	fputc('\n', out);
	fprintf(out, "  mmio hole         %" PRIu64 " MiB\n", cfg->mmio_size >> 20);
	fprintf(out, "  rdm               strategy=%s,policy=%s\n",
		xenrdm_strategy_name(cfg->strategy),
		xenrdm_policy_name(cfg->policy));
	fprintf(out, "  rdm_mem_boundary  %" PRIu64 " MiB\n",
		cfg->rdm_mem_boundary >> 20);
	fprintf(out, "  hap               %s\n", cfg->hap ? "yes" : "no");
	print_pci_list(pc, out);
	fprintf(out, "  host regions      %zu\n", pc->regions.n);
}

/* Every RDM region with its policy, fate and devices. */
static void print_regions(const struct plan_cli *pc,
			  const struct xenrdm_plan *plan, FILE *out)
{
	char devs[256], range[CLI_RANGE_LEN];
	size_t i;

	fprintf(out, "rdm regions: %zu (%zu valid, %zu dropped, %zu conflict)\n",
		plan->nr_rdms, plan->nr_valid, plan->nr_dropped,
		plan->nr_conflict);
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		devices_text(d, devs, sizeof(devs));
		fprintf(out, "  %s %-7s %-8s %s\n",
			cli_range(d->start, d->size, range),
			xenrdm_policy_name(d->policy), xenrdm_state_name(d->state), devs);
		/* The reason on its own line keeps the list within 80
		 * columns. */
		if (d->reason)
			fprintf(out, "      %s\n", cli_reason(d->reason));
	}
	host_src_left_out(pc, plan, out, NULL);
}

/* The memory ends, and how much low RAM moved above 4 GiB. */
static void print_layout(const struct xenrdm_plan *plan, FILE *out)
{
	char a[CLI_ADDR_LEN], sz[24];
	uint64_t lowmem_end0;

	fprintf(out, "layout:\n");
	fprintf(out, "  lowmem_end   %s (low RAM: %s)\n",
		cli_addr(plan->lowmem_end, a), render_size(plan->lowmem_end, sz));
	fprintf(out, "  highmem_end  %s%s\n", cli_addr(plan->highmem_end, a),
		plan->highmem_end == XENRDM_4G ? " (no RAM above 4 GiB)" : "");
	fprintf(out, "  mmio_start   %s\n", cli_addr(plan->mmio_start, a));
	lowmem_end0 = xenrdm_lowmem_end_before_rdm(plan->mem_size,
						   plan->mmio_size);
	if (plan->lowmem_end < lowmem_end0)
		fprintf(out, "  relocated    %s of low RAM above 4 GiB\n",
			render_size(lowmem_end0 - plan->lowmem_end, sz));
}

static void plan_print_text(const struct plan_cli *pc,
			    const struct xenrdm_plan *plan,
			    const struct xenrdm_e820entry *e820, uint32_t nr,
			    const char *e820_err, FILE *out)
{
	print_inputs(pc, out);
	print_regions(pc, plan, out);
	print_layout(plan, out);
	render_plan_text_map(out, plan);
	fprintf(out, "guest e820%s:\n", plan->nr_conflict ?
		" (not usable: strict conflicts)" : "");
	if (e820_err)
		fprintf(out, "  cannot build: %s\n", e820_err);
	else if (pc->linux_fmt)
		e820_out_linux(out, e820, nr);
	else
		e820_out_table(out, e820, nr);
	if (plan->nr_conflict)
		render_remedies_text(out, plan, &pc->rem);
	else
		plan_dropped_note(plan, out);
}

void plan_cli_print(struct plan_cli *pc, const struct xenrdm_plan *plan,
		    int status, FILE *out)
{
	struct xenrdm_e820entry e820[XENRDM_E820MAX];
	char e820_why[512];
	const char *e820_err = NULL;    /* the e820 built */
	uint32_t nr = 0;
	int r;

	r = xenrdm_plan_e820(plan, e820, XENRDM_E820MAX, &nr, e820_why,
			     sizeof(e820_why));
	if (r)
		e820_err = e820_why[0] ? e820_why : xenrdm_strerror(r);
	if (!pc->quiet)
		plan_messages(plan);
	/* The remedies, computed once here (dozens of plans), when the plan
	 * fails; a plan that holds gets none (its dropped regions a note). */
	xenrdm_remedies_free(&pc->rem);
	if (plan->nr_conflict) {
		char err[512];

		r = xenrdm_remedies_compute(&pc->cfg, &pc->rem, err,
					    sizeof(err));
		if (r)
			cli_warn("cannot compute remedies: %s",
				 err[0] ? err : xenrdm_strerror(r));
		else
			remedies_rank(&pc->rem, plan);
	}
	if (pc->quiet)
		return;
	if (pc->json)
		plan_print_json(pc, plan, status, e820, nr, e820_err,
				&pc->rem, out);
	else
		plan_print_text(pc, plan, e820, nr, e820_err, out);
}

int cmd_plan(int argc, char **argv)
{
	struct plan_cli pc;
	struct xenrdm_plan plan;
	int status;

	memset(&plan, 0, sizeof(plan));
	status = plan_cli_parse(&pc, argc, argv, NULL, NULL, NULL);
	if (status || pc.help)
		goto out;
	status = plan_cli_compute(&pc, &plan);
	if (status != XENRDM_EXIT_OK && status != XENRDM_EXIT_CONFLICT)
		goto out;
	plan_cli_print(&pc, &plan, status, stdout);
	if (pc.svg_path) {
		int svg_status = render_plan_svg(pc.svg_path, &plan);

		if (svg_status && status == XENRDM_EXIT_OK)
			status = svg_status;
	}
	if (!pc.json)
		plan_cli_verdict(&pc, &plan, NULL, NULL, stdout);
	if (fflush(stdout) || ferror(stdout)) {
		cli_err("plan: cannot write the output");
		if (status == XENRDM_EXIT_OK)
			status = XENRDM_EXIT_ENV;
	}
out:
	xenrdm_plan_free(&plan);
	plan_cli_free(&pc);
	return status;
}
