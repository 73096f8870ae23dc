/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/keys_check.c - what the firmware's reader cannot see in a set
 * of keys, said on the host: a key given twice (a dump can hold two
 * lines for one key; the firmware reads the first), an entry index past
 * the 124 the ABI allows, a name that is no key of the ABI.  The reader
 * itself says the rest (bad values, entries past count or without one,
 * entries over guest RAM).  xen-rdm never writes any of these: each is
 * a warning naming key and value, and the command exits 2.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "keys_check.h"
#include "xenrdm/xs_abi.h"

#define DIR_PREFIX XENRDM_XS_DIR "/"

/* Is rel (after "hvmloader/rdm/") a name of the ABI?  *bad_index: an
 * entry name whose index is past XENRDM_XS_MAX_COUNT - 1. */
static bool abi_name(const char *rel, size_t len, bool *bad_index)
{
	size_t n = 0;
	unsigned long idx = 0;

	*bad_index = false;
	if ((len == 5 && !memcmp(rel, "count", 5)) ||
	    (len == 10 && !memcmp(rel, "lowmem-end", 10)) ||
	    (len == 11 && !memcmp(rel, "highmem-end", 11)))
		return true;
	while (n < len && rel[n] >= '0' && rel[n] <= '9' && n < 10)
		idx = idx * 10 + (unsigned long)(rel[n++] - '0');
	if (n == 0 || (n > 1 && rel[0] == '0'))
		return false;
	if (n < len && !(len - n == 6 && !memcmp(rel + n, "/start", 6)) &&
	    !(len - n == 5 && !memcmp(rel + n, "/size", 5)))
		return false;
	*bad_index = idx >= XENRDM_XS_MAX_COUNT;
	return !*bad_index;
}

struct seen {
	const char *rel;
	size_t len;
};

static int seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->rel, y->rel, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Warn about the keys of seen[0..n) (rel, value pairs, in order). */
static unsigned check(struct seen *keys, const char *const *vals,
		      const size_t *vlens, size_t n)
{
	struct seen *sorted;
	unsigned warnings = 0;
	size_t i;
	bool bad_index;

	for (i = 0; i < n; i++) {
		const char *rel = keys[i].rel + strlen(DIR_PREFIX);
		size_t len = keys[i].len - strlen(DIR_PREFIX);

		if (abi_name(rel, len, &bad_index))
			continue;
		cli_warn("%.*s = \"%.*s\" ignored: %s", (int)keys[i].len,
			 keys[i].rel, (int)vlens[i], vals[i], bad_index ?
			 "an entry past the 124 the ABI allows; not read" :
			 "not a key of the RDM ABI; not read");
		warnings++;
	}
	/* A key twice: sorted copies next to each other (stable enough:
	 * which one is named does not matter, both are the same key). */
	if (n < 2)
		return warnings;
	sorted = malloc(n * sizeof(*sorted));
	if (!sorted)
		return warnings;
	memcpy(sorted, keys, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), seen_cmp);
	for (i = 1; i < n; i++)
		if (!seen_cmp(&sorted[i - 1], &sorted[i]) &&
		    (i < 2 || seen_cmp(&sorted[i - 2], &sorted[i]))) {
			cli_warn("%.*s given more than once: the firmware "
				 "reads the first", (int)sorted[i].len,
				 sorted[i].rel);
			warnings++;
		}
	free(sorted);
	return warnings;
}

unsigned keys_check_dump(const char *buf, size_t len, const char *home)
{
	size_t pos = 0, end, n = 0, cap = 0, hl = strlen(home);
	struct seen *keys = NULL, *nk;
	const char **vals = NULL, **nv;
	size_t *vlens = NULL, *nl;
	unsigned warnings = 0;

	while (pos < len) {
		const char *line = buf + pos, *eq, *q;
		size_t l;

		end = pos;
		while (end < len && buf[end] != '\n')
			end++;
		l = end - pos;
		pos = end + 1;
		/* "<home>/hvmloader/rdm/REL = "VALUE"..." */
		if (l <= hl + 1 + strlen(DIR_PREFIX) ||
		    memcmp(line, home, hl) || line[hl] != '/' ||
		    memcmp(line + hl + 1, DIR_PREFIX, strlen(DIR_PREFIX)))
			continue;
		eq = memmem(line, l, " = \"", 4);
		if (!eq)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			nk = realloc(keys, cap * sizeof(*keys));
			nv = realloc(vals, cap * sizeof(*vals));
			nl = realloc(vlens, cap * sizeof(*vlens));
			keys = nk ? nk : keys;
			vals = nv ? nv : vals;
			vlens = nl ? nl : vlens;
			if (!nk || !nv || !nl)
				break;
		}
		keys[n].rel = line + hl + 1;
		keys[n].len = (size_t)(eq - keys[n].rel);
		vals[n] = eq + 4;
		q = line + l;
		while (q > vals[n] && q[-1] != '"')
			q--;
		vlens[n] = q > vals[n] ? (size_t)(q - 1 - vals[n]) : 0;
		n++;
	}
	warnings = check(keys, vals, vlens, n);
	free(keys);
	free(vals);
	free(vlens);
	return warnings;
}

unsigned keys_check_xs(const struct xenrdm_xs_dump *d, const char *home)
{
	size_t hl = strlen(home), n = 0, i;
	struct seen *keys = calloc(d->nr_keys + 1, sizeof(*keys));
	const char **vals = calloc(d->nr_keys + 1, sizeof(*vals));
	size_t *vlens = calloc(d->nr_keys + 1, sizeof(*vlens));
	unsigned warnings = 0;

	if (keys && vals && vlens) {
		for (i = 0; i < d->nr_keys; i++) {
			const char *p = d->key[i].path;

			if (strncmp(p, home, hl) || p[hl] != '/' ||
			    strncmp(p + hl + 1, DIR_PREFIX, strlen(DIR_PREFIX)))
				continue;
			keys[n].rel = p + hl + 1;
			keys[n].len = strlen(keys[n].rel);
			vals[n] = d->key[i].value;
			vlens[n] = strlen(vals[n]);
			n++;
		}
		warnings = check(keys, vals, vlens, n);
	}
	free(keys);
	free(vals);
	free(vlens);
	return warnings;
}

unsigned fw_log_warnings(const char *log)
{
	unsigned n = 0;
	const char *p = log;

	while ((p = strstr(p, "warning: ")) != NULL) {
		n++;
		p += 9;
	}
	return n;
}
