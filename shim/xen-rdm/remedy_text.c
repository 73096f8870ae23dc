/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/remedy_text.c - the words for a remedy (xenrdm/remedy.h gives
 * the data: kind, value, cost, the layout before and after): the xl.cfg
 * key, the value as it is typed there, and one sentence on its effect.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

#include "cli.h"
#include "remedy_text.h"
#include "render.h"

#define MIB ((uint64_t)XENRDM_MIB)

const char *remedy_option(const struct xenrdm_remedy *r)
{
	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:           return "memory";
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY: return "rdm_mem_boundary";
	case XENRDM_REMEDY_MMIO_HOLE:        return "mmio_hole";
	case XENRDM_REMEDY_RDM_POLICY:       return "rdm_policy";
	case XENRDM_REMEDY_RDM:              return "rdm";
	case XENRDM_REMEDY_PCI:              return "pci";
	}
	return "?";
}

/* "SSSS:BB:DD.F SSSS:BB:DD.F ..." */
static char *devices_text(const xenrdm_sbdf *devs, size_t n)
{
	char *s = malloc(n * 13 + 1), one[16];
	size_t i;

	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		xenrdm_sbdf_format(devs[i], one);
		if (i)
			strcat(s, " ");
		strcat(s, one);
	}
	return s;
}

static char *text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *text(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	return r < 0 ? NULL : s;
}

char *remedy_value(const struct xenrdm_remedy *r)
{
	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
	case XENRDM_REMEDY_MMIO_HOLE:
		return text("%" PRIu64, r->mib);
	case XENRDM_REMEDY_RDM:
		if (r->strategy == XENRDM_STRATEGY_IGNORE)
			return strdup("strategy=ignore");
		return text("strategy=host,policy=%s",
			    xenrdm_policy_name(r->policy));
	case XENRDM_REMEDY_RDM_POLICY:
	case XENRDM_REMEDY_PCI:
		return devices_text(r->devices, r->nr_devices);
	}
	return strdup("?");
}

/* Every region the plan does not reserve lies in hvmloader's area, which
 * is never RAM: leaving it out puts no guest RAM at risk. */
static bool problems_in_hvmloader_area(const struct xenrdm_plan *plan)
{
	size_t i, n = 0;

	for (i = 0; i < plan->nr_rdms; i++) {
		if (plan->rdms[i].state == XENRDM_STATE_VALID)
			continue;
		if (plan->rdms[i].reason != XENRDM_REASON_HVMLOADER)
			return false;
		n++;
	}
	return n > 0;
}

/* Ranks, cheapest first: what the guest loses. */
enum remedy_rank {
	RANK_NOTHING,           /* RAM moves above 4 GiB; nothing is lost */
	RANK_HOST_REGIONS,      /* the host's other regions go unreserved */
	RANK_RAM,               /* less RAM */
	RANK_SAFETY,            /* a region left out where RAM may be */
	RANK_DEVICE,            /* a device */
};

static enum remedy_rank rank_of(const struct xenrdm_remedy *r,
				const struct xenrdm_plan *plan)
{
	switch (r->cost) {
	case XENRDM_REMEDY_COST_MOVES_RAM:      return RANK_NOTHING;
	case XENRDM_REMEDY_COST_IGNORES_HOST:   return RANK_HOST_REGIONS;
	case XENRDM_REMEDY_COST_LESS_RAM:       return RANK_RAM;
	case XENRDM_REMEDY_COST_DMA_RISK:
		return problems_in_hvmloader_area(plan) ? RANK_NOTHING :
		       RANK_SAFETY;
	case XENRDM_REMEDY_COST_LOSES_DEVICES:  return RANK_DEVICE;
	}
	return RANK_DEVICE;
}

void remedies_rank(struct xenrdm_remedies *rem, const struct xenrdm_plan *plan)
{
	size_t i, j;

	/* Insertion sort: stable, a handful of entries. */
	for (i = 1; i < rem->n; i++) {
		struct xenrdm_remedy x = rem->v[i];

		for (j = i; j > 0 && rank_of(&rem->v[j - 1], plan) >
		     rank_of(&x, plan); j--)
			rem->v[j] = rem->v[j - 1];
		rem->v[j] = x;
	}
}

const char *remedy_cost(const struct xenrdm_remedy *r,
			const struct xenrdm_plan *plan)
{
	switch (rank_of(r, plan)) {
	case RANK_NOTHING:      return "costs nothing";
	case RANK_HOST_REGIONS: return "costs the host's other regions";
	case RANK_RAM:          return "costs RAM";
	case RANK_SAFETY:       return "risks guest RAM";
	case RANK_DEVICE:
		return r->nr_devices > 1 ? "costs the devices" :
		       "costs the device";
	}
	return "?";
}

char *remedy_change(const struct xenrdm_remedy *r)
{
	char *value = remedy_value(r), *line = NULL;

	if (!value)
		return NULL;
	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
	case XENRDM_REMEDY_MMIO_HOLE:
		line = text("%s = %s", remedy_option(r), value);
		break;
	case XENRDM_REMEDY_RDM:
		line = text("rdm = \"%s\"", value);
		break;
	case XENRDM_REMEDY_RDM_POLICY:
		line = text("rdm_policy=relaxed in pci = [...] for %s", value);
		break;
	case XENRDM_REMEDY_PCI:
		line = text("remove %s from pci = [...]", value);
		break;
	}
	free(value);
	return line;
}

char *remedy_effect(const struct xenrdm_remedy *r,
		    const struct xenrdm_plan *plan)
{
	const struct xenrdm_remedy_layout *was = &r->before, *now = &r->after;
	size_t nr_devs = r->nr_devices;
	char a[24], b[24], e[24], c[CLI_ADDR_LEN], d[CLI_ADDR_LEN];

	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:
		return text("%s: the guest gets %" PRIu64 " MiB of RAM instead "
			    "of %s (%s less); low RAM then ends at %s (in "
			    "xl.cfg add any videoram to this value)",
			    remedy_cost(r, plan), r->mib,
			    render_size(was->mem_size, a),
			    render_size(was->mem_size - now->mem_size, b),
			    cli_addr(now->lowmem_end, c));
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
		return text("%s: low RAM ends at %s instead of %s, below the "
			    "region; %s of RAM moves above 4 GiB, none is lost "
			    "(a 32-bit guest without PAE cannot use it)",
			    remedy_cost(r, plan), cli_addr(now->lowmem_end, c),
			    cli_addr(was->lowmem_end, d),
			    render_size(now->highmem_end - was->highmem_end, a));
	case XENRDM_REMEDY_MMIO_HOLE:
		return text("%s: the MMIO hole grows from %s to %s, so low RAM "
			    "ends at %s; %s of RAM moves above 4 GiB, none is "
			    "lost (a 32-bit guest without PAE cannot use it)",
			    remedy_cost(r, plan), render_size(was->mmio_size, a),
			    render_size(now->mmio_size, b),
			    cli_addr(now->lowmem_end, c),
			    render_size(now->highmem_end - was->highmem_end, e));
	case XENRDM_REMEDY_RDM_POLICY:
	case XENRDM_REMEDY_RDM:
		if (problems_in_hvmloader_area(plan))
			return text("%s: %zu region%s then left out of the "
				    "guest's memory map; %s in hvmloader's "
				    "area, which is never RAM, so no guest RAM "
				    "is at risk", remedy_cost(r, plan),
				    now->nr_dropped, now->nr_dropped == 1 ?
				    " is" : "s are", now->nr_dropped == 1 ?
				    "it lies" : "they lie");
		if (r->kind == XENRDM_REMEDY_RDM &&
		    r->strategy == XENRDM_STRATEGY_IGNORE)
			return text("%s: only the assigned devices' regions "
				    "are reserved, the host's other RMRRs are "
				    "ignored (safe as long as no device they "
				    "belong to is passed through)",
				    remedy_cost(r, plan));
		return text("%s: %zu region%s then left out of the guest's "
			    "memory map; the guest may place RAM where %s "
			    "DMA, and that RAM can be silently corrupted",
			    remedy_cost(r, plan), now->nr_dropped,
			    now->nr_dropped == 1 ? " is" : "s are",
			    r->kind == XENRDM_REMEDY_RDM ? "a device does" :
			    nr_devs > 1 ? "the devices do" : "the device does");
	case XENRDM_REMEDY_PCI:
		return text("%s: the guest does not get %s; %s region%s then "
			    "need%s no reservation",
			    remedy_cost(r, plan),
			    nr_devs > 1 ? "these devices" : "this device",
			    nr_devs > 1 ? "their" : "its",
			    nr_devs > 1 ? "s" : "", nr_devs > 1 ? "" : "s");
	}
	return strdup("?");
}
