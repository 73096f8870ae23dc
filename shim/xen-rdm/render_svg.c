/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/render_svg.c - the guest physical address space as an SVG.
 *
 * Vertical axis, address 0 at the top.  The scale is per piece, not
 * linear: the axis is cut at every segment, region, e820 and marker
 * boundary, and each piece between two cuts gets MIN_H pixels plus
 * LOG_K pixels per bit of its size in pages (about log2).  So a 4 KiB region next
 * to gigabytes of RAM keeps MIN_H pixels (more than a label line) while
 * bigger pieces still look bigger; sizes are read from the labels.  The
 * legend says so.
 *
 * Columns: address ticks | segments | e820 (when known) | RDM lanes
 * (overlapping regions side by side) | one label per region, pushed down
 * so labels never overlap, with a leader line to their region.
 * Every region is one <rect class="rdm rdm-STATE"> with a <title> and one
 * <text class="rdm-label">: tests count them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"

#define FONT_W   7.3    /* monospace 12 px advance, roughly */
#define LINE_H   15.0
#define MIN_H    18.0
#define LOG_K    6.0
#define TOP      78.0
#define X_TICK   250.0  /* right edge of the address labels */
#define X_BAR    260.0
#define W_BAR    170.0
#define W_E820   44.0
#define LANE_W   22.0
#define LANE_GAP 4.0

static const char *seg_fill(enum render_seg_kind k)
{
	switch (k) {
	case RENDER_SEG_RAM:       return "#9ad49a";
	case RENDER_SEG_UNUSED:    return "#f2f2f2";
	case RENDER_SEG_MMIO:      return "#cfdcee";
	case RENDER_SEG_HVMLOADER: return "#f5c77e";
	}
	return "#ffffff";
}

static const char *state_fill(enum xenrdm_state s)
{
	switch (s) {
	case XENRDM_STATE_VALID:    return "#2f6fd6";
	case XENRDM_STATE_DROPPED:  return "#e0a800";
	case XENRDM_STATE_CONFLICT: return "#d62f2f";
	}
	return "#000000";
}

static const char *state_class(enum xenrdm_state s)
{
	switch (s) {
	case XENRDM_STATE_VALID:    return "valid";
	case XENRDM_STATE_DROPPED:  return "dropped";
	case XENRDM_STATE_CONFLICT: return "conflict";
	}
	return "unknown";
}

/* Fits the e820 column. */
static const char *e820_short(uint32_t type)
{
	switch (type) {
	case XENRDM_E820_RAM:      return "RAM";
	case XENRDM_E820_RESERVED: return "rsvd";
	case XENRDM_E820_ACPI:     return "ACPI";
	case XENRDM_E820_NVS:      return "NVS";
	}
	return "?";
}

static const char *e820_fill(uint32_t type)
{
	return type == XENRDM_E820_RAM ? "#9ad49a" : "#a0a0a0";
}

/* Text content; our strings are ASCII but may hold ' & < >. */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* The cut points of the axis and their y. */
struct axis {
	size_t n;
	uint64_t *cut;
	double *y;
};

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* floor(log2(v)) + 1, 0 for 0: log2(v + 1) rounded, without libm. */
static unsigned bit_length(uint64_t v)
{
	unsigned n = 0;

	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static int axis_build(const struct render_map *m, struct axis *ax)
{
	size_t cap = 4 + 2 * m->nr_segs + 2 * m->nr_rdms + 2 * (size_t)m->nr_e820;
	size_t i, n = 0, k;

	ax->cut = malloc(cap * sizeof(*ax->cut));
	ax->y = malloc(cap * sizeof(*ax->y));
	if (!ax->cut || !ax->y)
		return -XENRDM_ERR_NOMEM;
	ax->cut[n++] = 0;
	ax->cut[n++] = m->lowmem_end;
	ax->cut[n++] = m->highmem_end;
	if (m->mmio_start)
		ax->cut[n++] = m->mmio_start;
	for (i = 0; i < m->nr_segs; i++) {
		ax->cut[n++] = m->segs[i].start;
		ax->cut[n++] = m->segs[i].end;
	}
	for (i = 0; i < m->nr_rdms; i++) {
		ax->cut[n++] = m->rdms[i].start;
		ax->cut[n++] = m->rdms[i].start + m->rdms[i].size;
	}
	for (i = 0; i < m->nr_e820; i++) {
		ax->cut[n++] = m->e820[i].addr;
		ax->cut[n++] = m->e820[i].addr + m->e820[i].size;
	}
	qsort(ax->cut, n, sizeof(*ax->cut), u64_cmp);
	for (i = 1, k = 1; i < n; i++)
		if (ax->cut[i] != ax->cut[k - 1])
			ax->cut[k++] = ax->cut[i];
	ax->n = k;
	ax->y[0] = TOP;
	for (i = 1; i < ax->n; i++) {
		uint64_t pages = (ax->cut[i] - ax->cut[i - 1]) >> 12;

		ax->y[i] = ax->y[i - 1] + MIN_H + LOG_K * bit_length(pages);
	}
	return 0;
}

/* y of an address; every address drawn is a cut, the rest interpolate. */
static double axis_y(const struct axis *ax, uint64_t addr)
{
	size_t lo = 0, hi = ax->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ax->cut[mid] < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ax->n && ax->cut[lo] == addr)
		return ax->y[lo];
	if (lo == 0)
		return ax->y[0];
	if (lo == ax->n)
		return ax->y[ax->n - 1];
	return ax->y[lo - 1] + (ax->y[lo] - ax->y[lo - 1]) *
	       ((double)(addr - ax->cut[lo - 1]) /
		(double)(ax->cut[lo] - ax->cut[lo - 1]));
}

static void axis_free(struct axis *ax)
{
	free(ax->cut);
	free(ax->y);
}

/* Where a segment's name goes: the middle of its tallest piece that no
 * region covers (else of the segment), so stripes do not hide it. */
static double seg_label_y(const struct render_map *m, const struct axis *ax,
			  const struct render_seg *s)
{
	double best_h = 0, y = (axis_y(ax, s->start) + axis_y(ax, s->end)) / 2;
	size_t i, j;

	for (i = 1; i < ax->n; i++) {
		uint64_t a = ax->cut[i - 1], b = ax->cut[i];
		bool covered = false;

		if (a < s->start || b > s->end)
			continue;
		for (j = 0; j < m->nr_rdms && !covered; j++)
			covered = m->rdms[j].start < b &&
				  m->rdms[j].start + m->rdms[j].size > a;
		if (!covered && ax->y[i] - ax->y[i - 1] > best_h) {
			best_h = ax->y[i] - ax->y[i - 1];
			y = (ax->y[i] + ax->y[i - 1]) / 2;
		}
	}
	return y;
}

/* The label of a region: range, size, devices, policy, fate, reason. */
static void rdm_label(const struct render_rdm *d, char *buf, size_t len)
{
	char size[24], devs[256], range[CLI_RANGE_LEN];

	render_devices(d, devs, sizeof(devs));
	snprintf(buf, len, "%s %s%s%s%s%s %s%s%s",
		 cli_range(d->start, d->size, range), render_size(d->size, size),
		 devs[0] ? " " : "", devs,
		 d->from_plan ? " " : "",
		 d->from_plan ? xenrdm_policy_name(d->policy) : "",
		 xenrdm_state_name(d->state),
		 d->reason != XENRDM_REASON_NONE ? " " : "",
		 render_reason(d->reason));
}

/* Names of the markers at addr ("lowmem_end ", ...), for tick labels. */
static void tick_label(const struct render_map *m, uint64_t addr,
		       char *buf, size_t len)
{
	char a[CLI_ADDR_LEN];

	snprintf(buf, len, "%s%s%s%s",
		 addr == m->lowmem_end ? "lowmem_end " : "",
		 m->mmio_start && addr == m->mmio_start ? "mmio_start " : "",
		 addr == m->highmem_end ? "highmem_end " : "",
		 cli_addr(addr, a));
}

static void legend_item(FILE *f, double x, double y, const char *fill,
			const char *text)
{
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" "
		   "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>\n",
		x, y - 10, fill);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 20, y);
	xml_text(f, text);
	fputs("</text>\n", f);
}

/* Where everything goes, worked out before anything is drawn: the axis,
 * each region's lane and label line, the columns and the picture's size. */
struct svg_layout {
	struct axis ax;
	size_t *lane;           /* per region: its lane, 0 the leftmost */
	double *label_y;        /* per region: its label's line */
	size_t nr_lanes;
	size_t counts[3];       /* regions per state, for the summary line */
	size_t max_label;       /* the longest label, in characters */
	double x_lanes, x_labels;       /* left edges of those columns */
	double bottom;          /* of the map and labels: the legend's top */
	double width, height;
};

/* Each region takes the first lane free at its start (the regions are
 * sorted by start), so overlapping regions stand side by side. */
static int lanes_assign(const struct render_map *m, struct svg_layout *lay)
{
	uint64_t *lane_end = calloc(m->nr_rdms + 1, sizeof(*lane_end));
	size_t i, j;

	if (!lane_end)
		return -XENRDM_ERR_NOMEM;
	for (i = 0; i < m->nr_rdms; i++) {
		for (j = 0; j < lay->nr_lanes &&
			    lane_end[j] > m->rdms[i].start; j++)
			;
		if (j == lay->nr_lanes)
			lay->nr_lanes++;
		lay->lane[i] = j;
		lane_end[j] = m->rdms[i].start + m->rdms[i].size;
	}
	free(lane_end);
	return 0;
}

/* The counts for the summary line, and the longest label: it sets the
 * picture's width (40 characters at least). */
static void regions_measure(const struct render_map *m, struct svg_layout *lay)
{
	char label[512];
	size_t i;

	lay->max_label = 40;
	for (i = 0; i < m->nr_rdms; i++) {
		if (m->rdms[i].state <= XENRDM_STATE_CONFLICT)
			lay->counts[m->rdms[i].state]++;
		rdm_label(&m->rdms[i], label, sizeof(label));
		if (strlen(label) > lay->max_label)
			lay->max_label = strlen(label);
	}
}

/* Labels at their region's middle, pushed down to never overlap. */
static void labels_place(const struct render_map *m, struct svg_layout *lay)
{
	size_t i;

	for (i = 0; i < m->nr_rdms; i++) {
		const struct render_rdm *d = &m->rdms[i];
		double mid = (axis_y(&lay->ax, d->start) +
			      axis_y(&lay->ax, d->start + d->size)) / 2;

		lay->label_y[i] = i && mid < lay->label_y[i - 1] + LINE_H ?
				  lay->label_y[i - 1] + LINE_H : mid;
	}
}

static void svg_layout_free(struct svg_layout *lay)
{
	free(lay->lane);
	free(lay->label_y);
	axis_free(&lay->ax);
}

/* 0 or -XENRDM_ERR_NOMEM; svg_layout_free() after either. */
static int svg_layout_build(const struct render_map *m, struct svg_layout *lay)
{
	memset(lay, 0, sizeof(*lay));
	if (axis_build(m, &lay->ax))
		return -XENRDM_ERR_NOMEM;
	lay->lane = calloc(m->nr_rdms + 1, sizeof(*lay->lane));
	lay->label_y = calloc(m->nr_rdms + 1, sizeof(*lay->label_y));
	if (!lay->lane || !lay->label_y || lanes_assign(m, lay))
		return -XENRDM_ERR_NOMEM;
	regions_measure(m, lay);
	/* Left to right: ticks, segments, e820 (when known), lanes, labels. */
	lay->x_lanes = X_BAR + W_BAR + 10 + (m->nr_e820 ? W_E820 + 10 : 0);
	lay->x_labels = lay->x_lanes +
			(double)(lay->nr_lanes ? lay->nr_lanes : 1) *
			(LANE_W + LANE_GAP) + 30;
	labels_place(m, lay);
	lay->bottom = lay->ax.y[lay->ax.n - 1];
	if (m->nr_rdms && lay->label_y[m->nr_rdms - 1] + 10 > lay->bottom)
		lay->bottom = lay->label_y[m->nr_rdms - 1] + 10;
	lay->width = lay->x_labels + (double)lay->max_label * FONT_W + 20;
	if (lay->width < 900)
		lay->width = 900;
	/* below the map: the legend's 4 rows, its marker row and the
	 * 3 lines that say the scale */
	lay->height = lay->bottom + 30 + 6 * 18 + 3 * LINE_H + 20;
	return 0;
}

/* The document, its title, the summary line and the column headings. */
static void svg_head(FILE *f, const struct render_map *m,
		     const struct svg_layout *lay)
{
	char addr[CLI_ADDR_LEN];

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		   "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		   "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\">\n",
		lay->width, lay->height, lay->width, lay->height);
	fputs("<title>xen-rdm: guest physical address space</title>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" "
		   "fill=\"#ffffff\"/>\n", lay->width, lay->height);
	fputs("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">"
	      "Guest physical address space (0 at the top)</text>\n", f);
	fprintf(f, "<text x=\"10\" y=\"42\">lowmem_end %s",
		cli_addr(m->lowmem_end, addr));
	fprintf(f, "  highmem_end %s", cli_addr(m->highmem_end, addr));
	if (m->mmio_start)
		fprintf(f, "  mmio_start %s", cli_addr(m->mmio_start, addr));
	fprintf(f, "  RDM: %zu valid, %zu dropped, %zu conflict</text>\n",
		lay->counts[XENRDM_STATE_VALID],
		lay->counts[XENRDM_STATE_DROPPED],
		lay->counts[XENRDM_STATE_CONFLICT]);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		   "address space</text>\n", X_BAR + W_BAR / 2, TOP - 8);
	if (m->nr_e820)
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
			   "e820</text>\n", X_BAR + W_BAR + 10 + W_E820 / 2,
			TOP - 8);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">RDM regions</text>\n",
		lay->x_lanes, TOP - 8);
}

/* A segment, with its name and size. */
static void svg_segment(FILE *f, const struct render_map *m,
			const struct axis *ax, const struct render_seg *s)
{
	double y0 = axis_y(ax, s->start), y1 = axis_y(ax, s->end);
	char size[24], range[CLI_RANGE_LEN];

	fprintf(f, "<rect class=\"seg\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		   "height=\"%.1f\" fill=\"%s\" stroke=\"#555\" "
		   "stroke-width=\"0.6\"><title>", X_BAR, y0, W_BAR,
		y1 - y0, seg_fill(s->kind));
	fprintf(f, "%s %s</title></rect>\n", s->name,
		cli_range(s->start, s->end - s->start, range));
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		   "%s %s</text>\n", X_BAR + W_BAR / 2,
		seg_label_y(m, ax, s) + 4, s->name,
		render_size(s->end - s->start, size));
}

/* An entry of the e820 the guest gets; its type written in when it is
 * tall enough. */
static void svg_e820_entry(FILE *f, const struct axis *ax,
			   const struct xenrdm_e820entry *e)
{
	double y0 = axis_y(ax, e->addr);
	double y1 = axis_y(ax, e->addr + e->size);
	char range[CLI_RANGE_LEN];

	fprintf(f, "<rect class=\"e820\" x=\"%.1f\" y=\"%.1f\" "
		   "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		   "stroke=\"#333\" stroke-width=\"0.5\"><title>%s "
		   "%s</title></rect>\n",
		X_BAR + W_BAR + 10, y0, W_E820, y1 - y0,
		e820_fill(e->type), xenrdm_e820_type_name(e->type),
		cli_range(e->addr, e->size, range));
	if (y1 - y0 >= 14)
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
			   "text-anchor=\"middle\" font-size=\"10\">"
			   "%s</text>\n", X_BAR + W_BAR + 10 + W_E820 / 2,
			(y0 + y1) / 2 + 4, e820_short(e->type));
}

/* Ticks go at the markers and the segment boundaries, not at every cut:
 * region ends are in the region labels already. */
static bool is_tick(const struct render_map *m, uint64_t a)
{
	bool tick = a == m->lowmem_end || a == m->highmem_end ||
		    (m->mmio_start && a == m->mmio_start);
	size_t j;

	for (j = 0; j < m->nr_segs && !tick; j++)
		tick = a == m->segs[j].start || a == m->segs[j].end;
	return tick;
}

/* Address ticks, each with its address and the markers there. */
static void svg_ticks(FILE *f, const struct render_map *m,
		      const struct axis *ax)
{
	char label[512];
	size_t i;

	for (i = 0; i < ax->n; i++) {
		if (!is_tick(m, ax->cut[i]))
			continue;
		tick_label(m, ax->cut[i], label, sizeof(label));
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#555\" stroke-width=\"0.6\"/>\n",
			X_TICK, ax->y[i], X_BAR, ax->y[i]);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s"
			   "</text>\n", X_TICK - 4, ax->y[i] + 4, label);
	}
}

/* A dashed line across the map at addr, up to the lanes. */
static void marker_line(FILE *f, const struct svg_layout *lay, uint64_t addr)
{
	fprintf(f, "<line class=\"marker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		   "y2=\"%.1f\" stroke=\"#000\" stroke-width=\"1.5\" "
		   "stroke-dasharray=\"6,3\"/>\n", X_TICK + 2,
		axis_y(&lay->ax, addr), lay->x_lanes - 4,
		axis_y(&lay->ax, addr));
}

/* Region i: a stripe over the segments, the shape in its lane, the
 * leader line and the label. */
static void svg_region(FILE *f, const struct render_map *m, size_t i,
		       const struct svg_layout *lay)
{
	const struct render_rdm *d = &m->rdms[i];
	double y0 = axis_y(&lay->ax, d->start);
	double y1 = axis_y(&lay->ax, d->start + d->size);
	double x = lay->x_lanes + (double)lay->lane[i] * (LANE_W + LANE_GAP);
	const char *fill = state_fill(d->state);
	char label[512];

	rdm_label(d, label, sizeof(label));
	fprintf(f, "<rect class=\"rdm-stripe\" x=\"%.1f\" y=\"%.1f\" "
		   "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		   "fill-opacity=\"0.35\"/>\n", X_BAR, y0,
		x - X_BAR, y1 - y0, fill);
	fprintf(f, "<rect class=\"rdm rdm-%s\" id=\"rdm-%zu\" x=\"%.1f\" "
		   "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		   "stroke=\"#222\" stroke-width=\"0.6\"><title>",
		state_class(d->state), i, x, y0, LANE_W, y1 - y0, fill);
	xml_text(f, label);
	fputs("</title></rect>\n", f);
	fprintf(f, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		   "fill=\"none\" stroke=\"%s\" stroke-width=\"0.8\"/>\n",
		x + LANE_W, (y0 + y1) / 2, lay->x_labels - 12, lay->label_y[i],
		lay->x_labels - 4, lay->label_y[i], fill);
	fprintf(f, "<text class=\"rdm-label\" x=\"%.1f\" y=\"%.1f\" "
		   "fill=\"%s\">", lay->x_labels, lay->label_y[i] + 4,
		d->state == XENRDM_STATE_VALID ? "#123a7a" : fill);
	xml_text(f, label);
	fputs("</text>\n", f);
}

/* The legend below the map, with the scale said plainly. */
static void svg_legend(FILE *f, const struct render_map *m, double bottom)
{
	double y = bottom + 34;

	legend_item(f, 10, y, seg_fill(RENDER_SEG_RAM), "guest RAM (low and high)");
	legend_item(f, 300, y, state_fill(XENRDM_STATE_VALID),
		    "RDM valid: reserved in the guest e820");
	y += 18;
	legend_item(f, 10, y, seg_fill(RENDER_SEG_MMIO), "MMIO hole");
	legend_item(f, 300, y, state_fill(XENRDM_STATE_DROPPED),
		    "RDM dropped: relaxed, not shown to the guest");
	y += 18;
	legend_item(f, 10, y, seg_fill(RENDER_SEG_HVMLOADER),
		    "hvmloader's area");
	legend_item(f, 300, y, state_fill(XENRDM_STATE_CONFLICT),
		    "RDM conflict: strict, the plan fails");
	y += 18;
	legend_item(f, 10, y, seg_fill(RENDER_SEG_UNUSED), "no RAM");
	if (m->nr_e820)
		legend_item(f, 300, y, e820_fill(XENRDM_E820_RESERVED),
			    "e820 reserved (RAM green)");
	y += 18;
	fprintf(f, "<line x1=\"10\" y1=\"%.1f\" x2=\"40\" y2=\"%.1f\" "
		   "stroke=\"#000\" stroke-width=\"1.5\" "
		   "stroke-dasharray=\"6,3\"/>\n", y - 4, y - 4);
	fprintf(f, "<text x=\"50\" y=\"%.1f\">lowmem_end, highmem_end</text>\n", y);
	y += 26;
	fprintf(f, "<text class=\"scale\" x=\"10\" y=\"%.1f\">Scale: per "
		   "segment, not linear. The axis is cut at every boundary "
		   "drawn; each piece is</text>\n", y);
	fprintf(f, "<text class=\"scale\" x=\"10\" y=\"%.1f\">%.0f px + %.0f "
		   "px x ceil(log2(size / 4 KiB + 1)) high, so a 4 KiB region "
		   "stays visible next to</text>\n", y + LINE_H, MIN_H, LOG_K);
	fprintf(f, "<text class=\"scale\" x=\"10\" y=\"%.1f\">gigabytes of "
		   "RAM. Read sizes from the labels, not from the "
		   "heights.</text>\n", y + 2 * LINE_H);
}

void render_svg(FILE *f, const struct render_map *m)
{
	struct svg_layout lay;
	size_t i;

	if (svg_layout_build(m, &lay)) {
		fputs("<?xml version=\"1.0\"?>"
		      "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", f);
		svg_layout_free(&lay);
		return;
	}
	svg_head(f, m, &lay);
	for (i = 0; i < m->nr_segs; i++)
		svg_segment(f, m, &lay.ax, &m->segs[i]);
	for (i = 0; i < m->nr_e820; i++)
		svg_e820_entry(f, &lay.ax, &m->e820[i]);
	svg_ticks(f, m, &lay.ax);
	/* lowmem_end and highmem_end across the map */
	marker_line(f, &lay, m->lowmem_end);
	marker_line(f, &lay, m->highmem_end);
	for (i = 0; i < m->nr_rdms; i++)
		svg_region(f, m, i, &lay);
	svg_legend(f, m, lay.bottom);
	fputs("</svg>\n", f);
	svg_layout_free(&lay);
}

int render_svg_write(const char *path, const struct render_map *m)
{
	FILE *f;
	int r;

	f = fopen(path, "w");
	if (!f) {
		cli_err("--svg %s: cannot write: %s", path, strerror(errno));
		return XENRDM_EXIT_USAGE;
	}
	render_svg(f, m);
	r = ferror(f);
	if (fclose(f) || r) {
		cli_err("--svg %s: write failed: %s", path, strerror(errno));
		return XENRDM_EXIT_USAGE;
	}
	return 0;
}

int render_plan_svg(const char *path, const struct xenrdm_plan *plan)
{
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	struct render_map m;
	uint32_t nr = 0;
	int rc;

	/* A failing plan has no e820 to show: draw without it. */
	if (plan->nr_conflict ||
	    xenrdm_plan_e820(plan, tab, XENRDM_E820MAX, &nr, NULL, 0))
		nr = 0;
	if (render_map_from_plan(plan, nr ? tab : NULL, nr, &m)) {
		cli_err("--svg %s: out of memory", path);
		return XENRDM_EXIT_ENV;
	}
	rc = render_svg_write(path, &m);
	render_map_free(&m);
	return rc;
}

int render_fw_svg(const char *path, const struct xenrdm_fw_layout *l,
		  const struct xenrdm_e820entry *tab, uint32_t nr)
{
	struct render_map m;
	int rc;

	if (render_map_from_fw(l, tab, nr, &m)) {
		cli_err("--svg %s: out of memory", path);
		return XENRDM_EXIT_ENV;
	}
	rc = render_svg_write(path, &m);
	render_map_free(&m);
	return rc;
}
