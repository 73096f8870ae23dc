/* SPDX-License-Identifier: MIT */
/* shim/xen-rdm/json.c - the JSON writer declared in json.h. */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void json_init(struct json_writer *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

/* json.h */
size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static void json_quote(FILE *f, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	fputc('"', f);
	while (i < len) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			i++;
		} else if (c == '\n') {
			fputs("\\n", f);
			i++;
		} else if (c == '\t') {
			fputs("\\t", f);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(f, "\\u%04x", c);
			i++;
		} else if ((n = utf8_seq_len(s + i, len - i)) != 0) {
			fwrite(s + i, 1, n, f);
			i += n;
		} else {
			fputs("\\ufffd", f);
			i++;
		}
	}
	fputc('"', f);
}

/* Comma and key before a value at the current level. */
static void json_member(struct json_writer *w, const char *key)
{
	unsigned lvl = w->depth < JSON_MAX_DEPTH ? w->depth : JSON_MAX_DEPTH;

	if (w->has_items[lvl])
		fputc(',', w->f);
	w->has_items[lvl] = true;
	if (key) {
		json_quote(w->f, key, strlen(key));
		fputc(':', w->f);
	}
}

static void json_open(struct json_writer *w, const char *key, char c)
{
	json_member(w, key);
	fputc(c, w->f);
	w->depth++;
	if (w->depth <= JSON_MAX_DEPTH)
		w->has_items[w->depth] = false;
}

static void json_close(struct json_writer *w, char c)
{
	fputc(c, w->f);
	if (w->depth)
		w->depth--;
}

void json_object_begin(struct json_writer *w, const char *key)
{
	json_open(w, key, '{');
}

void json_object_end(struct json_writer *w)
{
	json_close(w, '}');
}

void json_array_begin(struct json_writer *w, const char *key)
{
	json_open(w, key, '[');
}

void json_array_end(struct json_writer *w)
{
	json_close(w, ']');
}

void json_string_n(struct json_writer *w, const char *key,
		   const char *value, size_t len)
{
	json_member(w, key);
	json_quote(w->f, value, len);
}

void json_string(struct json_writer *w, const char *key, const char *value)
{
	if (!value) {
		json_null(w, key);
		return;
	}
	json_string_n(w, key, value, strlen(value));
}

void json_u64(struct json_writer *w, const char *key, uint64_t value)
{
	json_member(w, key);
	fprintf(w->f, "%" PRIu64, value);
}

void json_bool(struct json_writer *w, const char *key, bool value)
{
	json_member(w, key);
	fputs(value ? "true" : "false", w->f);
}

void json_null(struct json_writer *w, const char *key)
{
	json_member(w, key);
	fputs("null", w->f);
}
