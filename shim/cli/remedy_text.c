/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/remedy_text.c - the words for a remedy (xenrdm/remedy.h gives
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

#include "remedy_text.h"

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

/* "N MiB" when whole MiB, else "N KiB" (RDM is page granular). */
static const char *size_text(uint64_t bytes, char buf[32])
{
	if (bytes % MIB == 0)
		snprintf(buf, 32, "%" PRIu64 " MiB", bytes / MIB);
	else
		snprintf(buf, 32, "%" PRIu64 " KiB", bytes >> 10);
	return buf;
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

char *remedy_effect(const struct xenrdm_remedy *r)
{
	const struct xenrdm_remedy_layout *was = &r->before, *now = &r->after;
	size_t nr_devs = r->nr_devices;
	char a[32], b[32];

	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:
		return text("give the guest %" PRIu64 " MiB of RAM instead of %s "
			    "(%s less); low RAM then ends at 0x%" PRIx64
			    " (in xl.cfg add any videoram to this value)",
			    r->mib, size_text(was->mem_size, a),
			    size_text(was->mem_size - now->mem_size, b),
			    now->lowmem_end);
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
		return text("lowmem_end moves from 0x%" PRIx64 " down to 0x%" PRIx64
			    " below the region; %s of RAM moves above 4 GiB "
			    "(highmem_end 0x%" PRIx64 "), no RAM is lost",
			    was->lowmem_end, now->lowmem_end,
			    size_text(now->highmem_end - was->highmem_end, a),
			    now->highmem_end);
	case XENRDM_REMEDY_MMIO_HOLE:
		return text("the MMIO hole grows from %" PRIu64 " to %" PRIu64
			    " MiB (mmio_start 0x%" PRIx64 "), so low RAM ends at 0x%"
			    PRIx64 "; %s of RAM moves above 4 GiB (highmem_end 0x%"
			    PRIx64 "), no RAM is lost",
			    was->mmio_size / MIB, r->mib, now->mmio_start,
			    now->lowmem_end,
			    size_text(now->highmem_end - was->highmem_end, a),
			    now->highmem_end);
	case XENRDM_REMEDY_RDM_POLICY:
		return text("set rdm_policy=relaxed on %s: %zu region%s then "
			    "left out of the guest's memory map; WARNING: the "
			    "guest may then place RAM where the device does DMA, "
			    "and that RAM can be silently corrupted",
			    nr_devs > 1 ? "these devices" : "this device",
			    now->nr_dropped, now->nr_dropped == 1 ? " is" :
			    "s are");
	case XENRDM_REMEDY_PCI:
		return text("do not pass %s through to this guest: %s region%s "
			    "then need%s no reservation; the guest loses the "
			    "device%s",
			    nr_devs > 1 ? "these devices" : "this device",
			    nr_devs > 1 ? "their" : "its",
			    nr_devs > 1 ? "s" : "", nr_devs > 1 ? "" : "s",
			    nr_devs > 1 ? "s" : "");
	case XENRDM_REMEDY_RDM:
		if (r->strategy == XENRDM_STRATEGY_IGNORE)
			return strdup("reserve only the regions of the assigned "
				      "devices and ignore the host's other RMRRs "
				      "(safe as long as no device they belong to "
				      "is passed through)");
		return text("host-wide regions become relaxed and those "
			    "that conflict are left out of the guest's "
			    "memory map (%zu dropped); WARNING: the guest "
			    "may then place RAM where a device does DMA",
			    now->nr_dropped);
	}
	return strdup("?");
}
