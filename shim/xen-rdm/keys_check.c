/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/keys_check.c - what the firmware's reader cannot see in a set
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

/* One key under HOME: its name after HOME/ and its value, as read. */
struct seen {
	const char *rel;
	size_t len;
	const char *val;
	size_t vlen;
};

struct seen_list {
	struct seen *v;
	size_t n, cap;
	bool full;              /* out of memory: the rest not checked */
};

static void seen_add(struct seen_list *l, const char *rel, size_t len,
		     const char *val, size_t vlen)
{
	struct seen *nv;

	if (l->full)
		return;
	if (l->n == l->cap) {
		nv = realloc(l->v, (l->cap ? 2 * l->cap : 64) * sizeof(*nv));
		if (!nv) {
			l->full = true;
			return;
		}
		l->v = nv;
		l->cap = l->cap ? 2 * l->cap : 64;
	}
	l->v[l->n++] = (struct seen){ rel, len, val, vlen };
}

static int seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->rel, y->rel, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Warn about the keys of l (in their order), free l, return how many. */
static unsigned check(struct seen_list *l)
{
	unsigned warnings = 0;
	size_t i;
	bool bad_index;

	for (i = 0; i < l->n; i++) {
		const struct seen *k = &l->v[i];

		if (abi_name(k->rel + strlen(DIR_PREFIX),
			     k->len - strlen(DIR_PREFIX), &bad_index))
			continue;
		cli_warn("%.*s = \"%.*s\" ignored: %s", (int)k->len, k->rel,
			 (int)k->vlen, k->val, bad_index ?
			 "an entry past the 124 the ABI allows; not read" :
			 "not a key of the RDM ABI; not read");
		warnings++;
	}
	/* A key twice: sorted, the copies are neighbours (which of them is
	 * named does not matter: the same key). */
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), seen_cmp);
	for (i = 1; i < l->n; i++)
		if (!seen_cmp(&l->v[i - 1], &l->v[i]) &&
		    (i < 2 || seen_cmp(&l->v[i - 2], &l->v[i]))) {
			cli_warn("%.*s given more than once: the firmware "
				 "reads the first", (int)l->v[i].len,
				 l->v[i].rel);
			warnings++;
		}
	free(l->v);
	return warnings;
}

unsigned keys_check_dump(const char *buf, size_t len, const char *home)
{
	struct seen_list l = { 0 };
	size_t pos = 0, end, hl = strlen(home);

	while (pos < len) {
		const char *line = buf + pos, *eq, *val, *q;
		size_t n;

		end = pos;
		while (end < len && buf[end] != '\n')
			end++;
		n = end - pos;
		pos = end + 1;
		/* "<home>/hvmloader/rdm/REL = "VALUE"..." */
		if (n <= hl + 1 + strlen(DIR_PREFIX) ||
		    memcmp(line, home, hl) || line[hl] != '/' ||
		    memcmp(line + hl + 1, DIR_PREFIX, strlen(DIR_PREFIX)))
			continue;
		eq = memmem(line, n, " = \"", 4);
		if (!eq)
			continue;
		val = eq + 4;
		q = line + n;
		while (q > val && q[-1] != '"')
			q--;
		seen_add(&l, line + hl + 1, (size_t)(eq - (line + hl + 1)), val,
			 q > val ? (size_t)(q - 1 - val) : 0);
	}
	return check(&l);
}

unsigned keys_check_xs(const struct xenrdm_xs_dump *d, const char *home)
{
	struct seen_list l = { 0 };
	size_t hl = strlen(home), i;

	for (i = 0; i < d->nr_keys; i++) {
		const char *p = d->key[i].path;

		if (strncmp(p, home, hl) || p[hl] != '/' ||
		    strncmp(p + hl + 1, DIR_PREFIX, strlen(DIR_PREFIX)))
			continue;
		seen_add(&l, p + hl + 1, strlen(p + hl + 1), d->key[i].value,
			 strlen(d->key[i].value));
	}
	return check(&l);
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
