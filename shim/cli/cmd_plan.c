/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/cmd_plan.c - `xen-rdm plan`: the guest layout, each RDM
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
#include "render.h"

/* Short, stable reason names for JSON. */
static const char *reason_code(enum xenrdm_reason r)
{
	switch (r) {
	case XENRDM_REASON_NONE:      return "";
	case XENRDM_REASON_LOWMEM:    return "lowmem";
	case XENRDM_REASON_HIGHMEM:   return "highmem";
	case XENRDM_REASON_HVMLOADER: return "hvmloader";
	}
	return "unknown";
}

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
 * conflict, naming the range inclusively as the kernel does. */
static void plan_messages(const struct xenrdm_plan *plan)
{
	char devs[256];
	size_t i;

	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		if (d->state == XENRDM_STATE_VALID)
			continue;
		devices_text(d, devs, sizeof(devs));
		if (d->state == XENRDM_STATE_INVALID)
			cli_warn("relaxed RDM region [mem 0x%016" PRIx64 "-0x%016"
				 PRIx64 "] (%s) %s: not reserved for the guest",
				 d->start, d->start + d->size - 1, devs,
				 xenrdm_reason_text(d->reason));
		else
			cli_err("strict RDM region [mem 0x%016" PRIx64 "-0x%016"
				PRIx64 "] (%s) conflicts: %s", d->start,
				d->start + d->size - 1, devs,
				xenrdm_reason_text(d->reason));
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
			    int e820_rc, const struct xenrdm_remedies *rem,
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
	json_string(&w, "strategy", pc->cfg.strategy == XENRDM_STRATEGY_HOST ?
		    "host" : "ignore");
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
		json_string(&w, "reason", reason_code(d->reason));
		json_object_end(&w);
	}
	json_array_end(&w);
	host_src_left_out(pc, plan, out, &w);   /* h13: left out, and why */
	if (pc->host_source)
		json_string(&w, "host_source", pc->host_source);
	json_key(&w, "e820");
	e820_out_json_array(out, e820, e820_rc ? 0 : nr);
	render_remedies_json(&w, rem);  /* ux: remedies */
	if (status == XENRDM_EXIT_CONFLICT)
		json_string(&w, "error", "strict RDM conflict");
	else if (e820_rc)
		json_string(&w, "error", xenrdm_strerror(e820_rc));
	json_object_end(&w);
	fputc('\n', out);
}

static void plan_print_text(const struct plan_cli *pc,
			    const struct xenrdm_plan *plan,
			    const struct xenrdm_e820entry *e820, uint32_t nr,
			    int e820_rc, const struct xenrdm_remedies *rem,
			    FILE *out)
{
	const struct xenrdm_config *cfg = &pc->cfg;
	uint64_t lowmem_end0;
	char devs[256], b[16];
	size_t i;

	fprintf(out, "inputs:\n");
	fprintf(out, "  memory            %" PRIu64 " MiB (0x%" PRIx64 ")\n",
		cfg->mem_size >> 20, cfg->mem_size);
	fprintf(out, "  mmio hole         %" PRIu64 " MiB\n", cfg->mmio_size >> 20);
	fprintf(out, "  rdm               strategy=%s,policy=%s\n",
		cfg->strategy == XENRDM_STRATEGY_HOST ? "host" : "ignore",
		xenrdm_policy_name(cfg->policy));
	fprintf(out, "  rdm_mem_boundary  %" PRIu64 " MiB (0x%" PRIx64 ")\n",
		cfg->rdm_mem_boundary >> 20, cfg->rdm_mem_boundary);
	fprintf(out, "  hap               %s\n", cfg->hap ? "yes" : "no");
	fprintf(out, "  pci               %s", pc->pci.n ? "" : "none");
	for (i = 0; i < pc->pci.n; i++) {
		xenrdm_sbdf_format(pc->pci.v[i].sbdf, b);
		fprintf(out, "%s%s rdm_policy=%s", i ? ", " : "", b,
			xenrdm_policy_name(pc->pci.v[i].policy));
	}
	fprintf(out, "\n  host regions      %zu\n", pc->regions.n);

	fprintf(out, "rdm regions: %zu (%zu valid, %zu invalid, %zu conflict)\n",
		plan->nr_rdms, plan->nr_valid, plan->nr_invalid,
		plan->nr_conflict);
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		devices_text(d, devs, sizeof(devs));
		fprintf(out, "  [mem 0x%016" PRIx64 "-0x%016" PRIx64 "] %-7s "
			"%-8s %s\n", d->start, d->start + d->size - 1,
			xenrdm_policy_name(d->policy),
			xenrdm_state_name(d->state), devs);
		/* The reason on its own line keeps the list within 80
		 * columns. */
		if (d->reason)
			fprintf(out, "      %s\n", xenrdm_reason_text(d->reason));
	}
	host_src_left_out(pc, plan, out, NULL); /* h13: left out, and why */
	fprintf(out, "layout:\n");
	fprintf(out, "  lowmem_end   0x%" PRIx64 "\n", plan->lowmem_end);
	fprintf(out, "  highmem_end  0x%" PRIx64 "%s\n", plan->highmem_end,
		plan->highmem_end == XENRDM_4G ? " (no RAM above 4 GiB)" : "");
	fprintf(out, "  mmio_start   0x%" PRIx64 "\n", plan->mmio_start);
	lowmem_end0 = xenrdm_lowmem_end_before_rdm(plan->mem_size,
						   plan->mmio_size);
	if (plan->lowmem_end < lowmem_end0)
		fprintf(out, "  relocated    %" PRIu64 " KiB of low RAM above "
			"4 GiB\n", lowmem_end0 / 1024 - plan->lowmem_end / 1024);
	render_plan_text_map(out, plan);  /* ux: the terminal map */
	fprintf(out, "guest e820%s:\n", plan->nr_conflict ?
		" (not usable: strict conflicts)" : "");
	if (e820_rc)
		fprintf(out, "  cannot build: %s\n", xenrdm_strerror(e820_rc));
	else if (pc->linux_fmt)
		e820_out_linux(out, e820, nr);
	else
		e820_out_hvmloader(out, e820, nr);
	if (rem)
		render_remedies_text(out, plan, rem);  /* ux: remedies */
}

void plan_cli_print(const struct plan_cli *pc, const struct xenrdm_plan *plan,
		    int status, FILE *out)
{
	struct xenrdm_e820entry e820[XENRDM_E820MAX];
	struct xenrdm_remedies rem = { 0 };
	const struct xenrdm_remedies *remp = NULL;
	uint32_t nr = 0;
	int e820_rc, r;

	e820_rc = xenrdm_plan_e820(plan, e820, XENRDM_E820MAX, &nr);
	if (!pc->quiet)
		plan_messages(plan);
	/* The remedies, computed once here (dozens of plans), when the plan
	 * has a conflict or a dropped region. */
	if (plan->nr_conflict || plan->nr_invalid) {
		r = xenrdm_remedies_compute(&pc->cfg, &rem);
		if (r)
			cli_warn("cannot compute remedies: %s",
				 xenrdm_strerror(r));
		else
			remp = &rem;
	}
	if (pc->json)
		plan_print_json(pc, plan, status, e820, nr, e820_rc, remp, out);
	else
		plan_print_text(pc, plan, e820, nr, e820_rc, remp, out);
	xenrdm_remedies_free(&rem);
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
	if (status == XENRDM_EXIT_OK || status == XENRDM_EXIT_CONFLICT)
		plan_cli_print(&pc, &plan, status, stdout);
	/* ux: --svg FILE; a write failure matters only if the plan held. */
	if (pc.svg_path && (status == XENRDM_EXIT_OK ||
			    status == XENRDM_EXIT_CONFLICT)) {
		int svg_status = render_plan_svg(pc.svg_path, &plan);

		if (svg_status && status == XENRDM_EXIT_OK)
			status = svg_status;
	}
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
