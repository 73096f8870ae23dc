/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/region_parse.c - the --region syntax, --regions files, SBDF
 * text, and the growable region and PCI device lists (xenrdm/sources.h).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

/* Grow *v (elements of elsize) so that n + 1 fit. */
static int list_grow(void **v, size_t *cap, size_t n, size_t elsize)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap < *cap || ncap > SIZE_MAX / elsize)
		return -XENRDM_ERR_NOMEM;
	nv = realloc(*v, ncap * elsize);
	if (!nv)
		return -XENRDM_ERR_NOMEM;
	*v = nv;
	*cap = ncap;
	return 0;
}

int xenrdm_region_list_add(struct xenrdm_region_list *l,
			   const struct xenrdm_host_region *r)
{
	void *v = l->v;
	int rc = list_grow(&v, &l->cap, l->n, sizeof(*l->v));

	l->v = v;
	if (rc)
		return rc;
	l->v[l->n++] = *r;
	return 0;
}

void xenrdm_region_list_free(struct xenrdm_region_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int xenrdm_pci_list_add(struct xenrdm_pci_list *l,
			const struct xenrdm_pci_dev *d)
{
	void *v = l->v;
	int rc = list_grow(&v, &l->cap, l->n, sizeof(*l->v));

	l->v = v;
	if (rc)
		return rc;
	l->v[l->n++] = *d;
	return 0;
}

void xenrdm_pci_list_free(struct xenrdm_pci_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * s[0..len): "0x" and 1..16 hex digits, or decimal digits.  No sign, no
 * blanks (strtoull would take both, and "-1" is 2^64 - 1).
 * Returns 0, -XENRDM_ERR_INVAL (malformed) or -XENRDM_ERR_RANGE.
 */
static int u64_parse(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	int d;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		for (i = 2; i < len; i++) {
			d = hexval(s[i]);
			if (d < 0)
				return -XENRDM_ERR_INVAL;
			if (v >> 60)
				return -XENRDM_ERR_RANGE;
			v = v << 4 | (uint64_t)d;
		}
	} else {
		if (!len)
			return -XENRDM_ERR_INVAL;
		for (i = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -XENRDM_ERR_INVAL;
			d = s[i] - '0';
			if (v > (UINT64_MAX - (uint64_t)d) / 10)
				return -XENRDM_ERR_RANGE;
			v = v * 10 + (uint64_t)d;
		}
	}
	*out = v;
	return 0;
}

/* 1..maxdigits hex digits of s[0..len), value <= max. */
static int hex_field(const char *s, size_t len, size_t maxdigits,
		     unsigned max, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (!len || len > maxdigits)
		return -XENRDM_ERR_INVAL;
	for (i = 0; i < len; i++) {
		int d = hexval(s[i]);

		if (d < 0)
			return -XENRDM_ERR_INVAL;
		v = v << 4 | (unsigned)d;
	}
	if (v > max)
		return -XENRDM_ERR_INVAL;
	*out = v;
	return 0;
}

int xenrdm_sbdf_parse(const char *text, xenrdm_sbdf *out)
{
	const char *c1, *c2, *dot, *bus;
	unsigned seg = 0, b, d, f;

	if (!text)
		return -XENRDM_ERR_INVAL;
	c1 = strchr(text, ':');
	if (!c1)
		return -XENRDM_ERR_INVAL;
	c2 = strchr(c1 + 1, ':');
	if (c2) {
		if (hex_field(text, (size_t)(c1 - text), 4, 0xffff, &seg))
			return -XENRDM_ERR_INVAL;
		bus = c1 + 1;
		c1 = c2;
	} else {
		bus = text;
	}
	dot = strchr(c1 + 1, '.');
	if (!dot ||
	    hex_field(bus, (size_t)(c1 - bus), 2, 0xff, &b) ||
	    hex_field(c1 + 1, (size_t)(dot - c1 - 1), 2, 0x1f, &d) ||
	    hex_field(dot + 1, strlen(dot + 1), 1, 7, &f))
		return -XENRDM_ERR_INVAL;
	*out = XENRDM_SBDF(seg, b, d, f);
	return 0;
}

void xenrdm_sbdf_format(xenrdm_sbdf sbdf, char buf[16])
{
	snprintf(buf, 16, "%04x:%02x:%02x.%x", (unsigned)(sbdf >> 16),
		 (unsigned)(sbdf >> 8) & 0xff, (unsigned)(sbdf >> 3) & 0x1f,
		 (unsigned)sbdf & 7);
}

int xenrdm_region_parse(const char *text, struct xenrdm_host_region *out,
			char *err, size_t errlen)
{
	struct xenrdm_host_region reg = { 0 };
	const char *at, *sep, *first, *second;
	size_t rangelen;
	uint64_t a, b;
	bool inclusive;
	int r;

	if (!text || !*text) {
		snprintf(err, errlen, "region '': empty (expected "
			 "START-END[@SBDF] or START+SIZE[@SBDF])");
		return -XENRDM_ERR_INVAL;
	}
	at = strchr(text, '@');
	rangelen = at ? (size_t)(at - text) : strlen(text);
	if (at) {
		if (xenrdm_sbdf_parse(at + 1, &reg.sbdf)) {
			snprintf(err, errlen, "region '%s': bad device '%s' "
				 "(expected [SSSS:]BB:DD.F in hex)", text, at + 1);
			return -XENRDM_ERR_INVAL;
		}
		reg.has_sbdf = true;
	}
	sep = memchr(text, '-', rangelen);
	inclusive = sep != NULL;
	if (!sep)
		sep = memchr(text, '+', rangelen);
	if (!sep) {
		snprintf(err, errlen, "region '%s': expected START-END or "
			 "START+SIZE", text);
		return -XENRDM_ERR_INVAL;
	}
	first = text;
	second = sep + 1;
	r = u64_parse(first, (size_t)(sep - first), &a);
	if (!r)
		r = u64_parse(second, (size_t)(text + rangelen - second), &b);
	if (r == -XENRDM_ERR_RANGE) {
		snprintf(err, errlen, "region '%s': number does not fit "
			 "64 bits", text);
		return -XENRDM_ERR_INVAL;
	}
	if (r) {
		snprintf(err, errlen, "region '%s': not a number (use 0x hex "
			 "or decimal, no sign)", text);
		return -XENRDM_ERR_INVAL;
	}
	reg.start = a;
	if (inclusive) {
		if (b < a) {
			snprintf(err, errlen, "region '%s': END 0x%llx is "
				 "before START 0x%llx", text,
				 (unsigned long long)b, (unsigned long long)a);
			return -XENRDM_ERR_INVAL;
		}
		if (b == UINT64_MAX) {
			snprintf(err, errlen, "region '%s': end wraps past "
				 "2^64", text);
			return -XENRDM_ERR_INVAL;
		}
		reg.size = b - a + 1;
	} else {
		reg.size = b;
		if (!b) {
			snprintf(err, errlen, "region '%s': size is 0", text);
			return -XENRDM_ERR_INVAL;
		}
		if (a > UINT64_MAX - b) {
			snprintf(err, errlen, "region '%s': end wraps past "
				 "2^64", text);
			return -XENRDM_ERR_INVAL;
		}
	}
	if ((reg.start | reg.size) & (XENRDM_PAGE_SIZE - 1)) {
		snprintf(err, errlen, "region '%s': not page aligned (RDM is "
			 "page granular: START and %s must be multiples of "
			 "0x1000)", text, inclusive ? "END + 1" : "SIZE");
		return -XENRDM_ERR_INVAL;
	}
	if (reg.start + reg.size > XENRDM_PADDR_LIMIT) {
		snprintf(err, errlen, "region '%s': ends above 2^52, the "
			 "architectural address limit", text);
		return -XENRDM_ERR_INVAL;
	}
	*out = reg;
	return 0;
}

int xenrdm_regions_parse(const char *buf, size_t len, const char *name,
			 struct xenrdm_region_list *out,
			 char *err, size_t errlen)
{
	struct xenrdm_host_region reg;
	const char *pos = buf, *stop = buf + len, *nl;
	char *line, *p, *end;
	unsigned long lineno = 0;
	char why[256];
	size_t n;
	int rc = 0;

	line = malloc(len + 1);         /* the longest line fits */
	if (!line) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -XENRDM_ERR_NOMEM;
	}
	for (; pos < stop; pos = nl ? nl + 1 : stop) {
		nl = memchr(pos, '\n', (size_t)(stop - pos));
		n = (size_t)((nl ? nl : stop) - pos);
		lineno++;
		if (memchr(pos, '\0', n)) {
			snprintf(err, errlen, "%s:%lu: contains a NUL byte",
				 name, lineno);
			rc = -XENRDM_ERR_INVAL;
			goto out;
		}
		memcpy(line, pos, n);
		line[n] = '\0';
		p = strchr(line, '#');
		if (p)
			*p = '\0';
		p = line;
		while (isspace((unsigned char)*p))
			p++;
		end = p + strlen(p);
		while (end > p && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (!*p)
			continue;
		rc = xenrdm_region_parse(p, &reg, why, sizeof(why));
		if (rc) {
			snprintf(err, errlen, "%s:%lu: %s", name, lineno, why);
			goto out;
		}
		rc = xenrdm_region_list_add(out, &reg);
		if (rc) {
			snprintf(err, errlen, "%s:%lu: out of memory", name,
				 lineno);
			goto out;
		}
	}
out:
	free(line);
	return rc;
}
