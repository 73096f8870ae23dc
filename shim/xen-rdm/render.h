/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/render.h - pictures of the guest physical address space and
 * the remedies printers, for `plan` and `show`.
 *
 * One model (struct render_map, render_map.c) is built from a plan or
 * from what the firmware reads (a xenrdm_fw_layout); the text map
 * (render_text.c) and the SVG (render_svg.c) both draw it, so the two
 * pictures cannot disagree.
 *
 * The segments drawn, from 0 up:
 *   low RAM      [0, lowmem_end)
 *   unused       [lowmem_end, mmio_start)       RAM moved above 4 GiB
 *   MMIO hole    [mmio_start, 0xFC000000)       (show: from lowmem_end)
 *   hvmloader    [0xFC000000, 4 GiB)
 *   high RAM     [4 GiB, highmem_end)           if any
 *   above RAM    [max(4 GiB, highmem_end), highest RDM end)   if any
 * and every RDM region, coloured by its fate.
 */
#ifndef XENRDM_RENDER_H
#define XENRDM_RENDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "xenrdm/xenrdm.h"
#include "xenrdm/remedy.h"
#include "json.h"

enum render_seg_kind {
	RENDER_SEG_RAM,
	RENDER_SEG_UNUSED,
	RENDER_SEG_MMIO,
	RENDER_SEG_HVMLOADER,
};

struct render_seg {
	uint64_t start, end;            /* [start, end) */
	enum render_seg_kind kind;
	const char *name;
};

#define RENDER_MAX_SEGS 6

struct render_rdm {
	uint64_t start, size;
	enum xenrdm_state state;
	enum xenrdm_policy policy;
	enum xenrdm_reason reason;
	bool from_plan;                 /* policy/devices known */
	bool host_wide;
	size_t nr_devices;
	const xenrdm_sbdf *devices;     /* borrowed from the plan */
};

struct render_map {
	uint64_t lowmem_end, highmem_end;
	uint64_t mmio_start;            /* 0 when unknown (show) */
	size_t nr_segs;
	struct render_seg segs[RENDER_MAX_SEGS];
	size_t nr_rdms;
	struct render_rdm *rdms;        /* owned, sorted by start */
	/* The guest e820, when known (drawn as its own column). */
	uint32_t nr_e820;
	const struct xenrdm_e820entry *e820; /* borrowed */
};

/* From a plan (borrowed: keep it alive while the map is used), with its
 * e820 if tab is not NULL.  0 or -XENRDM_ERR_NOMEM. */
int render_map_from_plan(const struct xenrdm_plan *plan,
			 const struct xenrdm_e820entry *tab, uint32_t nr,
			 struct render_map *out);
/* From what the firmware reads (every region valid, no devices). */
int render_map_from_fw(const struct xenrdm_fw_layout *l,
		       const struct xenrdm_e820entry *tab, uint32_t nr,
		       struct render_map *out);
void render_map_free(struct render_map *m);

/* Helpers shared by the printers. */
/* "SSSS:BB:DD.F", or "BB:DD.F" when the segment is 0 and short. */
void render_sbdf(xenrdm_sbdf s, bool short_form, char buf[16]);
/* "4 KiB", "72 MiB", "2.68 GiB": exact when a whole unit. */
const char *render_size(uint64_t bytes, char buf[24]);
/* "00:02.0,00:14.0" into buf[len] ("+N" when it does not fit);
 * "host-wide" for a region without devices that came from strategy=host. */
void render_devices(const struct render_rdm *d, char *buf, size_t len);
/* The fate's word: xenrdm_state_name(), the same in text, JSON and SVG. */
/* Short reason: "in low RAM", "in high RAM", "in hvmloader's area". */
const char *render_reason(enum xenrdm_reason r);

/* The terminal map: one line per range, <= 80 columns. */
void render_text_map(FILE *f, const struct render_map *m);

/* The SVG picture (render_svg.c).  render_svg_write() writes it to PATH
 * and returns 0, or prints "xen-rdm: --svg PATH: ..." and returns
 * XENRDM_EXIT_USAGE (2). */
void render_svg(FILE *f, const struct render_map *m);
int render_svg_write(const char *path, const struct render_map *m);

/* The plan-level conveniences the commands call.  plan_svg/fw_svg
 * return an exit status (0, or 2 after printing, or 3 out of memory). */
void render_plan_text_map(FILE *f, const struct xenrdm_plan *plan);
int render_plan_svg(const char *path, const struct xenrdm_plan *plan);
int render_fw_svg(const char *path, const struct xenrdm_fw_layout *l,
		  const struct xenrdm_e820entry *tab, uint32_t nr);

/* Remedies (computed once by the command, xenrdm_remedies_compute()):
 * the human list (with the hvmloader-area note when a problem region lies
 * there), and the "remedies" JSON array member (r may be NULL: empty). */
void render_remedies_text(FILE *f, const struct xenrdm_plan *plan,
			  const struct xenrdm_remedies *r);
void render_remedies_json(struct json_writer *w, const struct xenrdm_plan *plan,
			  const struct xenrdm_remedies *r);

#endif /* XENRDM_RENDER_H */
