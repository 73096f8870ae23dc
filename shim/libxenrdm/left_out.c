/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/left_out.c - the host regions a plan leaves out of the guest's
 * RDM set, and why (xenrdm/sources.h): a range of the host that is not a
 * region of the plan either belongs only to devices that are not
 * assigned, or is host-wide under rdm strategy=ignore.
 */
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

static int region_cmp(const void *a, const void *b)
{
	const struct xenrdm_host_region *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->has_sbdf != y->has_sbdf)
		return x->has_sbdf ? 1 : -1;
	if (x->sbdf != y->sbdf)
		return x->sbdf < y->sbdf ? -1 : 1;
	if (x->sbdf_last != y->sbdf_last)
		return x->sbdf_last < y->sbdf_last ? -1 : 1;
	return 0;
}

/* plan->rdms is sorted by (start, size). */
static bool in_plan(const struct xenrdm_plan *plan, uint64_t start,
		    uint64_t size)
{
	size_t lo = 0, hi = plan->nr_rdms, mid;

	while (lo < hi) {
		const struct xenrdm_rdm *d;

		mid = lo + (hi - lo) / 2;
		d = &plan->rdms[mid];
		if (d->start == start && d->size == size)
			return true;
		if (d->start < start || (d->start == start && d->size < size))
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

int xenrdm_plan_left_out(const struct xenrdm_config *cfg,
			 const struct xenrdm_plan *plan,
			 struct xenrdm_left_out **out, size_t *nr_out)
{
	struct xenrdm_host_region *v;
	struct xenrdm_left_out *l, *e;
	size_t n = cfg->nr_regions, i, j, k, nl = 0;

	*out = NULL;
	*nr_out = 0;
	if (!n)
		return 0;
	if (n > SIZE_MAX / sizeof(*v) || n > SIZE_MAX / sizeof(*l))
		return -XENRDM_ERR_NOMEM;
	v = malloc(n * sizeof(*v));     /* sorted copy: twins adjacent */
	l = calloc(n, sizeof(*l));
	if (!v || !l) {
		free(v);
		free(l);
		return -XENRDM_ERR_NOMEM;
	}
	memcpy(v, cfg->regions, n * sizeof(*v));
	for (i = 0; i < n; i++)         /* as the planner reads them */
		if (!cfg->device_ranges || !v[i].has_sbdf)
			v[i].sbdf_last = 0;
	qsort(v, n, sizeof(*v), region_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n; j++)
			if (v[j].start != v[i].start || v[j].size != v[i].size)
				break;
		if (in_plan(plan, v[i].start, v[i].size))
			continue;
		e = &l[nl++];
		e->start = v[i].start;
		e->size = v[i].size;
		for (k = i; k < j; k++) {
			xenrdm_sbdf last = v[k].sbdf_last > v[k].sbdf ?
					   v[k].sbdf_last : v[k].sbdf;

			if (!v[k].has_sbdf) {
				e->host_wide = true;
				continue;
			}
			if (k > i && v[k - 1].has_sbdf &&
			    v[k - 1].sbdf == v[k].sbdf &&
			    v[k - 1].sbdf_last == v[k].sbdf_last)
				continue;       /* the same device again */
			if (e->nr_named < 4) {
				e->devices[e->nr_named] = v[k].sbdf;
				e->range_last[e->nr_named++] = last;
			}
			e->nr_devices += (size_t)(last - v[k].sbdf) + 1;
		}
	}
	free(v);
	if (!nl) {
		free(l);
		return 0;
	}
	*out = l;
	*nr_out = nl;
	return 0;
}

void xenrdm_left_out_free(struct xenrdm_left_out *l)
{
	free(l);
}
