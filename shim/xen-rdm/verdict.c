/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/verdict.c - the last line of `plan`, `apply` and `create`:
 * whether the passthrough works, in one line that does not scroll away.
 *
 *   OK: 00:02.0, 00:14.0 can be passed through; 2 ranges reserved; low
 *       RAM ends at 2.65 GiB (1.10 GiB moved above 4 GiB)
 *   FAIL: 00:02.0 cannot be passed through: [mem ...] overlaps low RAM
 *       and starts at or below rdm_mem_boundary; cheapest remedy:
 *       rdm_mem_boundary = 2700 (costs nothing)
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "remedy_text.h"
#include "render.h"

/* Append to a growing string; on failure *s becomes NULL for good. */
static void add(char **s, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add(char **s, size_t *len, const char *fmt, ...)
{
	va_list ap;
	char *more;
	int n;

	if (!*s)
		return;
	va_start(ap, fmt);
	n = vasprintf(&more, fmt, ap);
	va_end(ap);
	if (n < 0) {
		free(*s);
		*s = NULL;
		return;
	}
	{
		char *grown = realloc(*s, *len + (size_t)n + 1);

		if (!grown) {
			free(*s);
			free(more);
			*s = NULL;
			return;
		}
		memcpy(grown + *len, more, (size_t)n + 1);
		*s = grown;
		*len += (size_t)n;
	}
	free(more);
}

/* "00:02.0, 00:14.0": the devices the plan is for, or of the regions in
 * state (all devices when any is false). */
static void devices_of(char **s, size_t *len, const struct plan_cli *pc,
		       const struct xenrdm_plan *plan, bool conflicts_only)
{
	size_t i, k, n = 0;
	char b[16];

	for (i = 0; i < pc->pci.n; i++) {
		xenrdm_sbdf sbdf = pc->pci.v[i].sbdf;
		bool hit = !conflicts_only;

		for (k = 0; conflicts_only && k < plan->nr_rdms; k++) {
			const struct xenrdm_rdm *d = &plan->rdms[k];
			size_t j;

			if (d->state != XENRDM_STATE_CONFLICT)
				continue;
			for (j = 0; j < d->nr_devices; j++)
				if (d->devices[j] == sbdf)
					hit = true;
		}
		if (!hit)
			continue;
		render_sbdf(sbdf, true, b);
		add(s, len, "%s%s", n++ ? ", " : "", b);
	}
	if (!n)
		add(s, len, conflicts_only ? "the guest" : "no device");
}

char *plan_cli_verdict_text(const struct plan_cli *pc,
			    const struct xenrdm_plan *plan, const char *tail,
			    const char *fail)
{
	uint64_t low0 = xenrdm_lowmem_end_before_rdm(plan->mem_size,
						     plan->mmio_size);
	char *s = strdup(""), a[24], b[24], range[CLI_RANGE_LEN];
	size_t len = 0, i;

	if (plan->nr_conflict) {
		const struct xenrdm_rdm *d = NULL;

		add(&s, &len, "FAIL: ");
		devices_of(&s, &len, pc, plan, true);
		for (i = 0; i < plan->nr_rdms && !d; i++)
			if (plan->rdms[i].state == XENRDM_STATE_CONFLICT)
				d = &plan->rdms[i];
		add(&s, &len, " cannot be passed through: ");
		if (plan->nr_conflict == 1 && d)
			add(&s, &len, "its region %s lies %s",
			    cli_range(d->start, d->size, range),
			    render_reason(d->reason));  /* "in low RAM" */
		else
			add(&s, &len, "%zu strict RDM regions conflict with "
			    "guest memory", plan->nr_conflict);
		if (pc->rem.n) {
			char *change = remedy_change(&pc->rem.v[0]);

			add(&s, &len, "; cheapest remedy: %s (%s)",
			    change ? change : "?",
			    remedy_cost(&pc->rem.v[0], plan));
			free(change);
		} else {
			add(&s, &len, "; no single xl.cfg change fixes it");
		}
		return s;
	}
	if (fail) {
		add(&s, &len, "FAIL: the plan holds, but %s", fail);
		return s;
	}
	add(&s, &len, "OK: ");
	devices_of(&s, &len, pc, plan, false);
	add(&s, &len, pc->pci.n ? " can be passed through; " :
	    " to pass through; ");
	add(&s, &len, "%zu range%s reserved", plan->nr_valid,
	    plan->nr_valid == 1 ? "" : "s");
	if (plan->nr_dropped)
		add(&s, &len, ", %zu relaxed dropped", plan->nr_dropped);
	add(&s, &len, "; low RAM ends at %s", render_size(plan->lowmem_end, a));
	if (plan->lowmem_end < low0)
		add(&s, &len, " (%s moved above 4 GiB)",
		    render_size(low0 - plan->lowmem_end, b));
	if (tail)
		add(&s, &len, "%s", tail);
	return s;
}

void plan_cli_verdict(const struct plan_cli *pc, const struct xenrdm_plan *plan,
		      const char *tail, const char *fail, FILE *out)
{
	char *s = plan_cli_verdict_text(pc, plan, tail, fail);

	fprintf(out, "%s\n", s ? s : (plan->nr_conflict || fail) ?
		"FAIL: (no memory for the verdict)" :
		"OK: (no memory for the verdict)");
	free(s);
}
