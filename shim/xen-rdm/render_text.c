/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/render_text.c - the terminal map of the guest address space
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

static void mark_add(struct line *l, size_t *n, uint64_t addr,
		     const char *name)
{
	l[*n] = (struct line){ addr, LINE_MARK, *n, name };
	(*n)++;
}

/* The map's lines, sorted by address (at one address: markers, then
 * segments, then regions); *max_seg the largest segment, the bars'
 * scale.  Returns how many. */
static size_t lines_collect(const struct render_map *m, struct line *lines,
			    uint64_t *max_seg)
{
	size_t i, n = 0;

	*max_seg = 1;
	for (i = 0; i < m->nr_segs; i++) {
		lines[n++] = (struct line){ m->segs[i].start, LINE_SEG, i, NULL };
		if (m->segs[i].end - m->segs[i].start > *max_seg)
			*max_seg = m->segs[i].end - m->segs[i].start;
	}
	for (i = 0; i < m->nr_rdms; i++)
		lines[n++] = (struct line){ m->rdms[i].start, LINE_RDM, i, NULL };
	mark_add(lines, &n, m->lowmem_end, "lowmem_end");
	if (m->mmio_start)
		mark_add(lines, &n, m->mmio_start, "mmio_start");
	mark_add(lines, &n, m->highmem_end, "highmem_end");
	qsort(lines, n, sizeof(*lines), line_cmp);
	return n;
}

/* The markers at lines[i]'s address share one line ("lowmem_end,
 * mmio_start").  Returns the index of the last of them. */
static size_t print_marks(FILE *f, const struct line *lines, size_t n,
			  size_t i)
{
	char addr[CLI_ADDR_LEN];

	fprintf(f, "  %*s%s %s", 24, "", cli_addr(lines[i].addr, addr),
		lines[i].mark);
	while (i + 1 < n && lines[i + 1].kind == LINE_MARK &&
	       lines[i + 1].addr == lines[i].addr) {
		i++;
		fprintf(f, ", %s", lines[i].mark);
	}
	fputc('\n', f);
	return i;
}

/* A segment: range, size, name and a bar to scale, at least one column
 * ('#' RAM, '-' no RAM). */
static void print_seg(FILE *f, const struct render_seg *s, int bar_cols,
		      uint64_t max_seg)
{
	char size[24], range[CLI_RANGE_LEN];
	uint64_t sz = s->end - s->start;
	int len = (int)((double)sz * bar_cols / (double)max_seg + 0.5), col;

	if (len < 1)
		len = 1;
	fprintf(f, "  %s  %9s  %-9s ", cli_range(s->start, sz, range),
		render_size(sz, size), s->name);
	for (col = 0; col < len; col++)
		fputc(s->kind == RENDER_SEG_RAM ? '#' : '-', f);
	fputc('\n', f);
}

/* A region's devices and why, on a line of their own under it: why in
 * full, the devices cut to the room left ("+N"). */
static void print_rdm_details_below(FILE *f, const struct render_rdm *d,
				    const char *why)
{
	char devs[COLS];
	int used, room;

	fputs("\n", f);
	used = fprintf(f, "%*s", 8, "");
	room = COLS - 1 - used - 1;
	if (why)
		room -= (int)strlen(why) + 1;
	/* room columns, plus the NUL */
	render_devices(d, devs, room < 1 ? 1 :
		       (size_t)room < sizeof(devs) ? (size_t)room + 1 :
		       sizeof(devs));
	if (why)
		fputs(why, f);
	if (devs[0])
		fprintf(f, "%s%s", why ? " " : "", devs);
}

/* A region: its range, size and fate; its devices and why on the same
 * line when they fit, else on the next. */
static void print_rdm(FILE *f, const struct render_rdm *d)
{
	const char *why = d->reason != XENRDM_REASON_NONE ?
			  render_reason(d->reason) : NULL;
	char size[24], devs[COLS], range[CLI_RANGE_LEN];
	int used;

	used = fprintf(f, "  %s  %9s  RDM %s",
		       cli_range(d->start, d->size, range),
		       render_size(d->size, size), xenrdm_state_name(d->state));
	render_devices(d, devs, sizeof(devs));
	if ((devs[0] ? (int)strlen(devs) + 1 : 0) +
	    (why ? (int)strlen(why) + 1 : 0) > COLS - 1 - used) {
		print_rdm_details_below(f, d, why);
	} else {
		if (devs[0])
			fprintf(f, " %s", devs);
		if (why)
			fprintf(f, " %s", why);
	}
	fputc('\n', f);
}

void render_text_map(FILE *f, const struct render_map *m)
{
	struct line *lines;
	uint64_t max_seg;
	size_t i, n;
	int bar_cols;

	lines = calloc(m->nr_segs + m->nr_rdms + 3, sizeof(*lines));
	if (!lines) {
		fputs("(no memory for the map)\n", f);
		return;
	}
	n = lines_collect(m, lines, &max_seg);

	/* "  [mem 0x<16>-0x<16>]  <size 9>  <name 9> " then the bar. */
	bar_cols = COLS - 1 - (2 + 43 + 2 + 9 + 2 + 10);
	if (bar_cols < 4)
		bar_cols = 4;

	fprintf(f, "Guest address map (bars to scale: # RAM, - no RAM):\n");
	for (i = 0; i < n; i++) {
		switch (lines[i].kind) {
		case LINE_MARK:
			i = print_marks(f, lines, n, i);
			break;
		case LINE_SEG:
			print_seg(f, &m->segs[lines[i].idx], bar_cols, max_seg);
			break;
		case LINE_RDM:
			print_rdm(f, &m->rdms[lines[i].idx]);
			break;
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

/* Print text wrapped at COLS: the first line indented by first (0: it
 * continues a line already begun, at column indent), the others by
 * indent. */
static void wrap(FILE *f, const char *text, int first, int indent)
{
	const char *p = text;
	int width = COLS - 1 - indent, pad = first;

	while (*p) {
		int len = (int)strlen(p), cut = len;

		if (len > width) {
			for (cut = width; cut > 0 && p[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = width;
		}
		fprintf(f, "%*s%.*s\n", pad, "", cut, p);
		pad = indent;
		p += cut;
		while (*p == ' ')
			p++;
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
		fprintf(f, "Remedies, cheapest first (each checked by planning "
			   "again; any one suffices):\n");
		for (i = 0; i < r->n; i++) {
			char *change = remedy_change(&r->v[i]);
			char *effect = remedy_effect(&r->v[i], plan);

			fprintf(f, "  %zu. ", i + 1);
			wrap(f, change ? change : "?", 0, 5);
			wrap(f, effect ? effect : "(no memory for the text)",
			     5, 5);
			free(change);
			free(effect);
		}
	}
	if (hvmloader)
		wrap(f, "note: a region in hvmloader's area [mem "
		     "0x00000000fc000000-0x00000000ffffffff] cannot be moved "
		     "out of the way by memory, rdm_mem_boundary or mmio_hole; "
		     "only the device-side changes (rdm_policy, pci, rdm) or a "
		     "host firmware update that moves the RMRR avoid it.", 2, 2);
}

void render_remedies_json(struct json_writer *w, const struct xenrdm_plan *plan,
			  const struct xenrdm_remedies *r)
{
	size_t i;

	json_array_begin(w, "remedies");
	for (i = 0; r && i < r->n; i++) {
		char *value = remedy_value(&r->v[i]);
		char *effect = remedy_effect(&r->v[i], plan);

		json_object_begin(w, NULL);
		json_string(w, "option", remedy_option(&r->v[i]));
		json_string(w, "value", value ? value : "?");
		json_string(w, "cost", remedy_cost(&r->v[i], plan));
		json_string(w, "effect", effect ? effect : "?");
		json_object_end(w);
		free(value);
		free(effect);
	}
	json_array_end(w);
}
