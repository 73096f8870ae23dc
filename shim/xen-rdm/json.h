/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/json.h - a tiny streaming JSON writer for the commands' --json
 * output.  Compact (one line, no blanks); the caller adds the final "\n".
 *
 * Every name-taking call is for a member of the current object; pass
 * key NULL for an element of an array or the top-level value.
 * Strings are escaped so that the output always parses: '"', '\\' and
 * every control character (U+0000..U+001F, U+007F) are escaped, and
 * bytes that are not valid UTF-8 become U+FFFD.  Integers are unsigned
 * decimal.  Nesting deeper than JSON_MAX_DEPTH is a caller bug; the
 * writer still emits balanced brackets but may miss commas beyond it.
 */
#ifndef XENRDM_JSON_H
#define XENRDM_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json_writer {
	FILE *f;
	unsigned depth;
	bool has_items[JSON_MAX_DEPTH + 1]; /* per level: comma needed */
};

/* Length of the valid UTF-8 sequence at s[0..len) (len >= 1), or 0 if
 * invalid (overlong forms, surrogates and code points above U+10FFFF
 * included).  Also used by the escaping of shim/xen-rdm/escape.c. */
size_t utf8_seq_len(const unsigned char *s, size_t len);

void json_init(struct json_writer *w, FILE *f);
void json_object_begin(struct json_writer *w, const char *key);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w, const char *key);
void json_array_end(struct json_writer *w);
void json_string(struct json_writer *w, const char *key, const char *value);
/* value[0..len), may hold NUL bytes (escaped as \u0000). */
void json_string_n(struct json_writer *w, const char *key,
		   const char *value, size_t len);
void json_u64(struct json_writer *w, const char *key, uint64_t value);
void json_bool(struct json_writer *w, const char *key, bool value);
void json_null(struct json_writer *w, const char *key);

#endif /* XENRDM_JSON_H */
