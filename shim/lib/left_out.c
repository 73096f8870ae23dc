/* SPDX-License-Identifier: MIT */
/*
 * shim/lib/left_out.c - the host regions a plan leaves out of the guest's
 * RDM set, and why (xenrdm/sources.h): a range of the host that is not a
 * region of the plan either belongs only to devices that are not
 * assigned, or is host-wide under rdm strategy=ignore.
 */
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

static const struct xenrdm_host_region *sort_base;

static int idx_cmp(const void *a, const void *b)
{
	const struct xenrdm_host_region *x = &sort_base[*(const size_t *)a];
	const struct xenrdm_host_region *y = &sort_base[*(const size_t *)b];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->has_sbdf != y->has_sbdf)
		return x->has_sbdf ? 1 : -1;
	if (x->sbdf != y->sbdf)
		return x->sbdf < y->sbdf ? -1 : 1;
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
	struct xenrdm_left_out *l = NULL, *e;
	size_t *idx = NULL, n = cfg->nr_regions, i, j, k, nl = 0;

	*out = NULL;
	*nr_out = 0;
	if (!n)
		return 0;
	if (n > SIZE_MAX / sizeof(*idx) || n > SIZE_MAX / sizeof(*l))
		return -XENRDM_ERR_NOMEM;
	idx = malloc(n * sizeof(*idx));
	l = calloc(n, sizeof(*l));
	if (!idx || !l) {
		free(idx);
		free(l);
		return -XENRDM_ERR_NOMEM;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_base = cfg->regions;       /* not reentrant: qsort has no ctx */
	qsort(idx, n, sizeof(*idx), idx_cmp);
	for (i = 0; i < n; i = j) {
		const struct xenrdm_host_region *r = &cfg->regions[idx[i]];

		for (j = i + 1; j < n; j++) {
			const struct xenrdm_host_region *q = &cfg->regions[idx[j]];

			if (q->start != r->start || q->size != r->size)
				break;
		}
		if (in_plan(plan, r->start, r->size))
			continue;
		e = &l[nl++];
		e->start = r->start;
		e->size = r->size;
		for (k = i; k < j; k++) {
			const struct xenrdm_host_region *q = &cfg->regions[idx[k]];
			xenrdm_sbdf last = q->sbdf_last > q->sbdf ?
					   q->sbdf_last : q->sbdf;

			if (!q->has_sbdf) {
				e->host_wide = true;
				continue;
			}
			/* sorted: a duplicate follows its twin */
			if (k > i && cfg->regions[idx[k - 1]].has_sbdf &&
			    cfg->regions[idx[k - 1]].sbdf == q->sbdf &&
			    cfg->regions[idx[k - 1]].sbdf_last == q->sbdf_last)
				continue;
			if (e->nr_named < 4) {
				e->devices[e->nr_named] = q->sbdf;
				e->range_last[e->nr_named++] = last;
			}
			e->nr_devices += (size_t)(last - q->sbdf) + 1;
		}
	}
	free(idx);
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
