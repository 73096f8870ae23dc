/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/render_text.c - the terminal map of the guest address space
 * and the remedies, as text (<= 80 columns) and as JSON.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "remedy_text.h"
#include "render.h"

#define COLS 80

/* One line of the map: a segment, an RDM region or a marker. */
enum line_kind { LINE_MARK, LINE_SEG, LINE_RDM };

struct line {
	uint64_t addr;
	enum line_kind kind;
	size_t idx;             /* segment or region index */
	const char *mark;       /* LINE_MARK: its name */
};

static int line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static unsigned hex_digits(uint64_t v)
{
	unsigned n = 1;

	while (v >>= 4)
		n++;
	return n;
}

static void mark_add(struct line *l, size_t *n, uint64_t addr,
		     const char *name)
{
	l[*n] = (struct line){ addr, LINE_MARK, *n, name };
	(*n)++;
}

void render_text_map(FILE *f, const struct render_map *m)
{
	struct line *lines;
	uint64_t max_seg = 1, top = 0;
	unsigned w;
	size_t i, n = 0;
	int bar_cols, col;
	char size[24], devs[COLS];

	lines = calloc(m->nr_segs + m->nr_rdms + 3, sizeof(*lines));
	if (!lines) {
		fputs("(no memory for the map)\n", f);
		return;
	}
	for (i = 0; i < m->nr_segs; i++) {
		lines[n++] = (struct line){ m->segs[i].start, LINE_SEG, i, NULL };
		if (m->segs[i].end - m->segs[i].start > max_seg)
			max_seg = m->segs[i].end - m->segs[i].start;
		if (m->segs[i].end > top)
			top = m->segs[i].end;
	}
	for (i = 0; i < m->nr_rdms; i++) {
		lines[n++] = (struct line){ m->rdms[i].start, LINE_RDM, i, NULL };
		if (m->rdms[i].start + m->rdms[i].size > top)
			top = m->rdms[i].start + m->rdms[i].size;
	}
	mark_add(lines, &n, m->lowmem_end, "lowmem_end");
	if (m->mmio_start)
		mark_add(lines, &n, m->mmio_start, "mmio_start");
	mark_add(lines, &n, m->highmem_end, "highmem_end");
	qsort(lines, n, sizeof(*lines), line_cmp);

	w = hex_digits(top ? top - 1 : 0);
	if (w < 9)
		w = 9;
	/* "  0x<w>-0x<w>  <size 9>  <name 9> " then the bar. */
	bar_cols = COLS - 1 - (2 + 2 * (w + 2) + 1 + 2 + 9 + 2 + 10);
	if (bar_cols < 4)
		bar_cols = 4;

	fprintf(f, "Guest address map (bars to scale: # RAM, - no RAM):\n");
	for (i = 0; i < n; i++) {
		const struct line *l = &lines[i];

		if (l->kind == LINE_MARK) {
			/* Markers at one address share a line. */
			if (i && lines[i - 1].kind == LINE_MARK &&
			    lines[i - 1].addr == l->addr)
				continue;
			fprintf(f, "  %*s0x%0*" PRIx64 " %s", (int)w + 3, "",
				(int)w, l->addr, l->mark);
			for (col = (int)i + 1; col < (int)n &&
			     lines[col].kind == LINE_MARK &&
			     lines[col].addr == l->addr; col++)
				fprintf(f, ", %s", lines[col].mark);
			fputc('\n', f);
		} else if (l->kind == LINE_SEG) {
			const struct render_seg *s = &m->segs[l->idx];
			uint64_t sz = s->end - s->start;
			int len = (int)((double)sz * bar_cols / (double)max_seg + 0.5);

			if (len < 1)
				len = 1;
			fprintf(f, "  0x%0*" PRIx64 "-0x%0*" PRIx64 "  %9s  %-9s ",
				(int)w, s->start, (int)w, s->end - 1,
				render_size(sz, size), s->name);
			for (col = 0; col < len; col++)
				fputc(s->kind == RENDER_SEG_RAM ? '#' : '-', f);
			fputc('\n', f);
		} else {
			const struct render_rdm *d = &m->rdms[l->idx];
			int used, room;

			used = fprintf(f, "  0x%0*" PRIx64 "-0x%0*" PRIx64 "  %9s"
				       "    RDM %s", (int)w, d->start, (int)w,
				       d->start + d->size - 1,
				       render_size(d->size, size),
				       render_fate(d->state));
			room = COLS - 1 - used - 1;
			if (d->reason != XENRDM_REASON_NONE)
				room -= (int)strlen(render_reason(d->reason)) + 1;
			if (room > 1) {
				/* room columns, plus the NUL */
				render_devices(d, devs, (size_t)room <
					       sizeof(devs) ? (size_t)room + 1 :
					       sizeof(devs));
				if (devs[0])
					fprintf(f, " %s", devs);
			}
			if (d->reason != XENRDM_REASON_NONE)
				fprintf(f, " %s", render_reason(d->reason));
			fputc('\n', f);
		}
	}
	free(lines);
}

void render_plan_text_map(FILE *f, const struct xenrdm_plan *plan)
{
	struct render_map m;

	if (render_map_from_plan(plan, NULL, 0, &m)) {
		fputs("(no memory for the map)\n", f);
		return;
	}
	render_text_map(f, &m);
	render_map_free(&m);
}

/* Print text wrapped at COLS, every line indented by indent. */
static void wrap(FILE *f, const char *text, int indent)
{
	const char *p = text;
	int width = COLS - 1 - indent;

	while (*p) {
		int len = (int)strlen(p), cut = len;

		if (len > width) {
			for (cut = width; cut > 0 && p[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = width;
		}
		fprintf(f, "%*s%.*s\n", indent, "", cut, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

/* The change as it reads in xl.cfg. */
static void remedy_head(FILE *f, size_t nr, const struct xenrdm_remedy *r,
			const char *value)
{
	switch (r->kind) {
	case XENRDM_REMEDY_MEMORY:
	case XENRDM_REMEDY_RDM_MEM_BOUNDARY:
	case XENRDM_REMEDY_MMIO_HOLE:
		fprintf(f, "  %zu. %s = %s\n", nr, remedy_option(r), value);
		break;
	case XENRDM_REMEDY_RDM:
		fprintf(f, "  %zu. rdm = \"%s\"\n", nr, value);
		break;
	case XENRDM_REMEDY_RDM_POLICY:
		fprintf(f, "  %zu. rdm_policy=relaxed in pci = [...] for:\n", nr);
		wrap(f, value, 5);
		break;
	case XENRDM_REMEDY_PCI:
		fprintf(f, "  %zu. remove from pci = [...]:\n", nr);
		wrap(f, value, 5);
		break;
	}
}

void render_remedies_text(FILE *f, const struct xenrdm_plan *plan,
			  const struct xenrdm_remedies *r)
{
	bool hvmloader = false;
	size_t i;

	for (i = 0; i < plan->nr_rdms; i++)
		if (plan->rdms[i].state != XENRDM_STATE_VALID &&
		    plan->rdms[i].reason == XENRDM_REASON_HVMLOADER)
			hvmloader = true;
	if (r->n == 0) {
		fprintf(f, "Remedies: no single xl.cfg change makes this plan hold.\n");
	} else {
		fprintf(f, "Remedies (each checked by planning again; any one "
			   "suffices):\n");
		for (i = 0; i < r->n; i++) {
			char *value = remedy_value(&r->v[i]);
			char *effect = remedy_effect(&r->v[i]);

			remedy_head(f, i + 1, &r->v[i], value ? value : "?");
			wrap(f, effect ? effect : "(no memory for the text)", 5);
			free(value);
			free(effect);
		}
	}
	if (hvmloader)
		wrap(f, "note: a region in hvmloader's area [0xfc000000, 4 GiB) "
		     "cannot be moved out of the way by memory, "
		     "rdm_mem_boundary or mmio_hole; only the device-side "
		     "changes (rdm_policy, pci, rdm) or a host firmware update "
		     "that moves the RMRR avoid it.", 2);
}

void render_remedies_json(struct json_writer *w,
			  const struct xenrdm_remedies *r)
{
	size_t i;

	json_array_begin(w, "remedies");
	for (i = 0; r && i < r->n; i++) {
		char *value = remedy_value(&r->v[i]);
		char *effect = remedy_effect(&r->v[i]);

		json_object_begin(w, NULL);
		json_string(w, "option", remedy_option(&r->v[i]));
		json_string(w, "value", value ? value : "?");
		json_string(w, "effect", effect ? effect : "?");
		json_object_end(w);
		free(value);
		free(effect);
	}
	json_array_end(w);
}
