/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/render_map.c - the model both pictures draw (render.h): the
 * segments of the guest physical address space and the RDM regions, from
 * a plan or from the firmware's layout; and the small text helpers the
 * printers share.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

#include "render.h"

static void seg_add(struct render_map *m, uint64_t start, uint64_t end,
		    enum render_seg_kind kind, const char *name)
{
	if (end <= start || m->nr_segs == RENDER_MAX_SEGS)
		return;
	m->segs[m->nr_segs++] = (struct render_seg){ start, end, kind, name };
}

/* The segments, from the ends and the highest region end. */
static void segments(struct render_map *m)
{
	uint64_t hole = m->mmio_start ? m->mmio_start : m->lowmem_end;
	uint64_t top = m->highmem_end > XENRDM_4G ? m->highmem_end : XENRDM_4G;
	uint64_t rdm_top = 0;
	size_t i;

	for (i = 0; i < m->nr_rdms; i++)
		if (m->rdms[i].start + m->rdms[i].size > rdm_top)
			rdm_top = m->rdms[i].start + m->rdms[i].size;
	m->nr_segs = 0;
	seg_add(m, 0, m->lowmem_end, RENDER_SEG_RAM, "low RAM");
	if (hole > m->lowmem_end)
		seg_add(m, m->lowmem_end, hole, RENDER_SEG_UNUSED, "unused");
	seg_add(m, hole > m->lowmem_end ? hole : m->lowmem_end,
		XENRDM_HVMLOADER_AREA, RENDER_SEG_MMIO, "MMIO hole");
	seg_add(m, XENRDM_HVMLOADER_AREA, XENRDM_4G, RENDER_SEG_HVMLOADER,
		"hvmloader");
	seg_add(m, XENRDM_4G, m->highmem_end, RENDER_SEG_RAM, "high RAM");
	seg_add(m, top, rdm_top, RENDER_SEG_UNUSED, "above RAM");
}

int render_map_from_plan(const struct xenrdm_plan *plan,
			 const struct xenrdm_e820entry *tab, uint32_t nr,
			 struct render_map *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if (plan->nr_rdms) {
		out->rdms = calloc(plan->nr_rdms, sizeof(*out->rdms));
		if (!out->rdms)
			return -XENRDM_ERR_NOMEM;
	}
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		out->rdms[i] = (struct render_rdm){
			.start = d->start, .size = d->size, .state = d->state,
			.policy = d->policy, .reason = d->reason,
			.from_plan = true, .host_wide = d->host_wide,
			.nr_devices = d->nr_devices, .devices = d->devices,
		};
	}
	out->nr_rdms = plan->nr_rdms;
	out->lowmem_end = plan->lowmem_end;
	out->highmem_end = plan->highmem_end;
	out->mmio_start = plan->mmio_start;
	out->e820 = tab;
	out->nr_e820 = tab ? nr : 0;
	segments(out);
	return 0;
}

int render_map_from_fw(const struct xenrdm_fw_layout *l,
		       const struct xenrdm_e820entry *tab, uint32_t nr,
		       struct render_map *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if (l->nr_rdm) {
		out->rdms = calloc(l->nr_rdm, sizeof(*out->rdms));
		if (!out->rdms)
			return -XENRDM_ERR_NOMEM;
	}
	for (i = 0; i < l->nr_rdm && i < XENRDM_FW_MAX_RDM; i++)
		out->rdms[i] = (struct render_rdm){
			.start = l->rdm[i].start, .size = l->rdm[i].size,
			.state = XENRDM_STATE_VALID,
		};
	out->nr_rdms = i;
	out->lowmem_end = l->lowmem_end;
	out->highmem_end = l->highmem_end;
	out->e820 = tab;
	out->nr_e820 = tab ? nr : 0;
	segments(out);
	return 0;
}

void render_map_free(struct render_map *m)
{
	free(m->rdms);
	memset(m, 0, sizeof(*m));
}

void render_sbdf(xenrdm_sbdf s, bool short_form, char buf[16])
{
	xenrdm_sbdf_format(s, buf);     /* "SSSS:BB:DD.F" */
	if (short_form && (s >> 16) == 0)
		memmove(buf, buf + 5, strlen(buf + 5) + 1);   /* "BB:DD.F" */
}

const char *render_size(uint64_t bytes, char buf[24])
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned u = 0;
	uint64_t div = 1;

	while (u < 4 && bytes >= div * 1024) {
		div *= 1024;
		u++;
	}
	/* 1 GiB less a page is "1.00 GiB", not "1024.00 MiB". */
	if (u < 4 && bytes % div && (double)bytes / (double)div >= 1023.995) {
		div *= 1024;
		u++;
	}
	if (bytes % div == 0)
		snprintf(buf, 24, "%" PRIu64 " %s", bytes / div, unit[u]);
	else
		snprintf(buf, 24, "%.2f %s", (double)bytes / (double)div,
			 unit[u]);
	return buf;
}

void render_devices(const struct render_rdm *d, char *buf, size_t len)
{
	char one[16], more[24];
	size_t i, used = 0;

	buf[0] = '\0';
	if (!d->from_plan)
		return;
	for (i = 0; i < d->nr_devices; i++) {
		size_t need;

		render_sbdf(d->devices[i], true, one);
		need = strlen(one) + (i ? 1 : 0);
		/* Keep room for ",+N" when more follow. */
		if (used + need + (i + 1 < d->nr_devices ? 6 : 0) >= len) {
			snprintf(more, sizeof(more), "%s+%zu", i ? "," : "",
				 d->nr_devices - i);
			if (used + strlen(more) < len)
				strcat(buf, more);
			return;
		}
		if (i)
			strcat(buf, ",");
		strcat(buf, one);
		used += need;
	}
	if (d->host_wide) {
		const char *hw = d->nr_devices ? ",host" : "host-wide";

		if (used + strlen(hw) < len)
			strcat(buf, hw);
	}
}

const char *render_reason(enum xenrdm_reason r)
{
	switch (r) {
	case XENRDM_REASON_NONE:      return "";
	case XENRDM_REASON_LOWMEM:    return "in low RAM";
	case XENRDM_REASON_HIGHMEM:   return "in high RAM";
	case XENRDM_REASON_HVMLOADER: return "in hvmloader's area";
	}
	return "";
}
