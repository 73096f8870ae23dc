/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_json.c - libFuzzer target for the commands' JSON writer
 * (shim/xen-rdm/json.c).
 *
 * Input: a little program of writer calls (begin/end object or array,
 * strings with arbitrary bytes, strings with embedded NULs, integers,
 * booleans, null, a small fixed array as a member), used the
 * way json.h says (keys inside objects, none elsewhere, one top-level
 * value, nesting at most JSON_MAX_DEPTH); whatever is still open at the
 * end is closed.
 * Oracle: the output is parsed by a strict RFC 8259 parser written here
 * (independently of json.c: its own table-driven UTF-8 check, escapes,
 * surrogate pairs, number grammar, nothing after the value) and the
 * values it decodes must be exactly the calls made: same structure, same
 * integers, and every string equal to its input with each byte that is
 * not part of a valid UTF-8 sequence replaced by U+FFFD.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_json: %s:%d: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- events: what was written, and what the parser found ---- */
enum ev_kind { EV_OBJ, EV_OBJ_END, EV_ARR, EV_ARR_END, EV_KEY, EV_STR,
	       EV_NUM, EV_TRUE, EV_FALSE, EV_NULL };

struct ev {
	enum ev_kind kind;
	uint64_t num;
	size_t off, len;        /* string bytes in the owning pool */
};

struct evlist {
	struct ev *v;
	size_t n, cap;
	uint8_t *pool;
	size_t pool_n, pool_cap;
};

static void pool_put(struct evlist *l, const uint8_t *b, size_t n)
{
	if (l->pool_n + n > l->pool_cap) {
		l->pool_cap = 2 * (l->pool_n + n) + 64;
		l->pool = realloc(l->pool, l->pool_cap);
		CHECK(l->pool);
	}
	memcpy(l->pool + l->pool_n, b, n);
	l->pool_n += n;
}

static struct ev *ev_add(struct evlist *l, enum ev_kind k)
{
	if (l->n == l->cap) {
		l->cap = 2 * l->cap + 16;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		CHECK(l->v);
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	l->v[l->n].kind = k;
	l->v[l->n].off = l->pool_n;
	return &l->v[l->n++];
}

static void evlist_free(struct evlist *l)
{
	free(l->v);
	free(l->pool);
}

/* ---- UTF-8, from RFC 3629's table of well-formed sequences ---- */
struct utf8_row {
	uint8_t lead_lo, lead_hi, n;
	uint8_t second_lo, second_hi;   /* the next bytes are 80..BF */
};

static const struct utf8_row utf8_rows[] = {
	{ 0x00, 0x7f, 1, 0, 0 },
	{ 0xc2, 0xdf, 2, 0x80, 0xbf },
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf },
	{ 0xe1, 0xec, 3, 0x80, 0xbf },
	{ 0xed, 0xed, 3, 0x80, 0x9f },
	{ 0xee, 0xef, 3, 0x80, 0xbf },
	{ 0xf0, 0xf0, 4, 0x90, 0xbf },
	{ 0xf1, 0xf3, 4, 0x80, 0xbf },
	{ 0xf4, 0xf4, 4, 0x80, 0x8f },
};

/* Length of the well-formed sequence at s[0..len), 0 if none. */
static size_t utf8_valid(const uint8_t *s, size_t len)
{
	size_t r, i;

	for (r = 0; r < sizeof(utf8_rows) / sizeof(utf8_rows[0]); r++) {
		const struct utf8_row *row = &utf8_rows[r];

		if (s[0] < row->lead_lo || s[0] > row->lead_hi)
			continue;
		if (len < row->n)
			return 0;
		if (row->n > 1 && (s[1] < row->second_lo || s[1] > row->second_hi))
			return 0;
		for (i = 2; i < row->n; i++)
			if (s[i] < 0x80 || s[i] > 0xbf)
				return 0;
		return row->n;
	}
	return 0;
}

/* What a string should decode to: bad bytes become U+FFFD, one each. */
static void expect_string(struct evlist *l, enum ev_kind k,
			  const uint8_t *s, size_t len)
{
	static const uint8_t fffd[3] = { 0xef, 0xbf, 0xbd };
	struct ev *e = ev_add(l, k);
	size_t i = 0, n;

	while (i < len) {
		n = utf8_valid(s + i, len - i);
		if (n) {
			pool_put(l, s + i, n);
			i += n;
		} else {
			pool_put(l, fffd, 3);
			i++;
		}
	}
	e->len = l->pool_n - e->off;
}

/* ---- the strict parser ---- */
struct parser {
	const uint8_t *s;
	size_t len, pos;
	struct evlist *out;
	unsigned depth;
};

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
				   p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

static bool hex4(struct parser *p, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	if (p->len - p->pos < 4)
		return false;
	for (i = 0; i < 4; i++) {
		uint8_t c = p->s[p->pos++];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

static void put_cp(struct evlist *l, uint32_t cp)
{
	uint8_t b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (uint8_t)cp; n = 1;
	} else if (cp < 0x800) {
		b[0] = (uint8_t)(0xc0 | cp >> 6);
		b[1] = (uint8_t)(0x80 | (cp & 0x3f)); n = 2;
	} else if (cp < 0x10000) {
		b[0] = (uint8_t)(0xe0 | cp >> 12);
		b[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (uint8_t)(0x80 | (cp & 0x3f)); n = 3;
	} else {
		b[0] = (uint8_t)(0xf0 | cp >> 18);
		b[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (uint8_t)(0x80 | (cp & 0x3f)); n = 4;
	}
	pool_put(l, b, n);
}

static bool parse_string(struct parser *p, enum ev_kind k)
{
	uint32_t cp, lo;
	size_t n, idx;

	if (p->pos >= p->len || p->s[p->pos] != '"')
		return false;
	p->pos++;
	ev_add(p->out, k);
	idx = p->out->n - 1;
	for (;;) {
		uint8_t c;

		if (p->pos >= p->len)
			return false;
		c = p->s[p->pos];
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20)
			return false;   /* raw control character */
		if (c != '\\') {
			n = utf8_valid(p->s + p->pos, p->len - p->pos);
			if (!n)
				return false;
			pool_put(p->out, p->s + p->pos, n);
			p->pos += n;
			continue;
		}
		if (++p->pos >= p->len)
			return false;
		c = p->s[p->pos++];
		switch (c) {
		case '"': case '\\': case '/':
			pool_put(p->out, &c, 1);
			break;
		case 'b': put_cp(p->out, 8); break;
		case 'f': put_cp(p->out, 12); break;
		case 'n': put_cp(p->out, 10); break;
		case 'r': put_cp(p->out, 13); break;
		case 't': put_cp(p->out, 9); break;
		case 'u':
			if (!hex4(p, &cp))
				return false;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return false;   /* lone low surrogate */
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (p->len - p->pos < 2 || p->s[p->pos] != '\\' ||
				    p->s[p->pos + 1] != 'u')
					return false;
				p->pos += 2;
				if (!hex4(p, &lo) || lo < 0xdc00 || lo > 0xdfff)
					return false;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			put_cp(p->out, cp);
			break;
		default:
			return false;
		}
	}
	/* By index: p->out->v may have moved. */
	p->out->v[idx].len = p->out->pool_n - p->out->v[idx].off;
	return true;
}

static bool parse_value(struct parser *p);

static bool parse_number(struct parser *p)
{
	uint64_t v = 0;
	bool integer = true, overflow = false;
	struct ev *e;

	if (p->s[p->pos] == '-') {
		integer = false;
		p->pos++;
	}
	if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
		return false;
	if (p->s[p->pos] == '0') {
		p->pos++;
	} else {
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
			unsigned d = (unsigned)(p->s[p->pos++] - '0');

			if (v > (UINT64_MAX - d) / 10)
				overflow = true;
			v = v * 10 + d;
		}
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		integer = false;
		if (++p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
			return false;
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		integer = false;
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
			return false;
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
	}
	/* The writer only writes unsigned integers that fit 64 bits. */
	if (!integer || overflow)
		return false;
	e = ev_add(p->out, EV_NUM);
	e->num = v;
	return true;
}

static bool parse_literal(struct parser *p, const char *word, enum ev_kind k)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n))
		return false;
	p->pos += n;
	ev_add(p->out, k);
	return true;
}

static bool parse_container(struct parser *p, bool object)
{
	char close = object ? '}' : ']';

	if (++p->depth > 2 * JSON_MAX_DEPTH)
		return false;
	p->pos++;
	ev_add(p->out, object ? EV_OBJ : EV_ARR);
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		goto done;
	}
	for (;;) {
		skip_ws(p);
		if (object) {
			if (!parse_string(p, EV_KEY))
				return false;
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return false;
			p->pos++;
		}
		if (!parse_value(p))
			return false;
		skip_ws(p);
		if (p->pos >= p->len)
			return false;
		if (p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->s[p->pos] != close)
			return false;
		p->pos++;
		break;
	}
done:
	ev_add(p->out, object ? EV_OBJ_END : EV_ARR_END);
	p->depth--;
	return true;
}

static bool parse_value(struct parser *p)
{
	skip_ws(p);
	if (p->pos >= p->len)
		return false;
	switch (p->s[p->pos]) {
	case '{': return parse_container(p, true);
	case '[': return parse_container(p, false);
	case '"': return parse_string(p, EV_STR);
	case 't': return parse_literal(p, "true", EV_TRUE);
	case 'f': return parse_literal(p, "false", EV_FALSE);
	case 'n': return parse_literal(p, "null", EV_NULL);
	default:  return parse_number(p);
	}
}

/* ---- the program ---- */
struct input {
	const uint8_t *d;
	size_t n, pos;
};

static bool in_byte(struct input *in, uint8_t *b)
{
	if (in->pos >= in->n)
		return false;
	*b = in->d[in->pos++];
	return true;
}

/* A length byte, then that many bytes (as many as there are). */
static const uint8_t *in_bytes(struct input *in, size_t *len)
{
	uint8_t n = 0;
	const uint8_t *b;

	in_byte(in, &n);
	if (n > in->n - in->pos)
		n = (uint8_t)(in->n - in->pos);
	b = in->d + in->pos;
	in->pos += n;
	*len = n;
	return b;
}

static void dump_failure(const char *what, const char *out, size_t len)
{
	fprintf(stderr, "fuzz_json: %s\noutput (%zu bytes): %.*s\n", what, len,
		(int)(len > 2000 ? 2000 : len), out);
	abort();
}

/* Close the innermost open object or array, and expect its end event. */
static void close_level(struct json_writer *w, struct evlist *want,
			bool is_object)
{
	if (is_object)
		json_object_end(w);
	else
		json_array_end(w);
	ev_add(want, is_object ? EV_OBJ_END : EV_ARR_END);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct evlist want = { 0 }, got = { 0 };
	struct json_writer w;
	bool is_object[JSON_MAX_DEPTH + 1];
	unsigned depth = 0;
	bool top_done = false;
	char *buf = NULL, *key = NULL;
	size_t buflen = 0, i;
	struct parser p;
	FILE *f;
	uint8_t op;

	f = open_memstream(&buf, &buflen);
	if (!f)
		return 0;
	json_init(&w, f);
	while (!top_done && in_byte(&in, &op)) {
		const uint8_t *b;
		size_t blen;
		uint64_t v = 0;
		uint8_t x;

		/* Inside an object every value needs a key: a C string. */
		free(key);
		key = NULL;
		if (depth && is_object[depth - 1] && op % 10 != 2) {
			b = in_bytes(&in, &blen);
			key = strndup((const char *)b, blen);
			CHECK(key);
			expect_string(&want, EV_KEY, (const uint8_t *)key,
				      strlen(key));
		}
		switch (op % 10) {
		case 0:
		case 1:
			if (depth == JSON_MAX_DEPTH) {
				json_null(&w, key);
				ev_add(&want, EV_NULL);
				break;
			}
			if (op % 10 == 0)
				json_object_begin(&w, key);
			else
				json_array_begin(&w, key);
			ev_add(&want, op % 10 == 0 ? EV_OBJ : EV_ARR);
			is_object[depth++] = op % 10 == 0;
			continue;
		case 2:
			if (!depth)
				continue;
			depth--;
			close_level(&w, &want, is_object[depth]);
			break;
		case 3: {
			char *s;

			b = in_bytes(&in, &blen);
			s = strndup((const char *)b, blen);
			CHECK(s);
			if (blen && b[0] == 0xff) {
				json_string(&w, key, NULL);    /* NULL is null */
				ev_add(&want, EV_NULL);
			} else {
				json_string(&w, key, s);
				expect_string(&want, EV_STR, (const uint8_t *)s,
					      strlen(s));
			}
			free(s);
			break;
		}
		case 4:
			b = in_bytes(&in, &blen);
			json_string_n(&w, key, (const char *)b, blen);
			expect_string(&want, EV_STR, b, blen);
			break;
		case 5:
			for (i = 0; i < 8 && in_byte(&in, &x); i++)
				v = v << 8 | x;
			json_u64(&w, key, v);
			ev_add(&want, EV_NUM)->num = v;
			break;
		case 6:
			x = 0;
			in_byte(&in, &x);
			json_bool(&w, key, x & 1);
			ev_add(&want, (x & 1) ? EV_TRUE : EV_FALSE);
			break;
		case 7:
			json_null(&w, key);
			ev_add(&want, EV_NULL);
			break;
		case 8:
			/* A member that is an array (as e820_out_json); it
			 * opens a level, so not at the deepest one (json.h). */
			if (depth == JSON_MAX_DEPTH) {
				json_null(&w, key);
				ev_add(&want, EV_NULL);
				break;
			}
			json_array_begin(&w, key);
			json_u64(&w, NULL, 1);
			json_string(&w, NULL, "x");
			json_array_end(&w);
			ev_add(&want, EV_ARR);
			ev_add(&want, EV_NUM)->num = 1;
			pool_put(&want, (const uint8_t *)"x", 1);
			ev_add(&want, EV_STR)->len = 1;
			want.v[want.n - 1].off = want.pool_n - 1;
			ev_add(&want, EV_ARR_END);
			break;
		case 9:
			/* Any bytes, NULs included, as a member value. */
			b = in_bytes(&in, &blen);
			json_string_n(&w, key, (const char *)b, blen);
			expect_string(&want, EV_STR, b, blen);
			break;
		}
		if (!depth)
			top_done = true;
	}
	free(key);
	while (depth) {
		depth--;
		close_level(&w, &want, is_object[depth]);
	}
	CHECK(fclose(f) == 0);
	if (!want.n) {      /* nothing written at all */
		CHECK(buflen == 0);
		goto out;
	}

	memset(&p, 0, sizeof(p));
	p.s = (const uint8_t *)buf;
	p.len = buflen;
	p.out = &got;
	if (!parse_value(&p))
		dump_failure("not valid JSON", buf, buflen);
	skip_ws(&p);
	if (p.pos != p.len)
		dump_failure("bytes after the value", buf, buflen);
	if (got.n != want.n)
		dump_failure("different number of values", buf, buflen);
	for (i = 0; i < want.n; i++) {
		const struct ev *a = &want.v[i], *b = &got.v[i];

		if (a->kind != b->kind || a->num != b->num || a->len != b->len ||
		    (a->len && memcmp(want.pool + a->off, got.pool + b->off,
				      a->len))) {
			fprintf(stderr, "value %zu: expected kind %d num %llu "
				"len %zu, got kind %d num %llu len %zu\n", i,
				a->kind, (unsigned long long)a->num, a->len,
				b->kind, (unsigned long long)b->num, b->len);
			dump_failure("decoded values differ from the calls",
				     buf, buflen);
		}
	}
out:
	evlist_free(&want);
	evlist_free(&got);
	free(buf);
	return 0;
}
