/* SPDX-License-Identifier: MIT */
/*
 * shim/cli/escape.c - nothing read from an input reaches the terminal
 * raw: control bytes are escaped as xenstore-ls escapes them (\t \n \r,
 * \ooo below 010, \xNN otherwise).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Length of the valid UTF-8 sequence at s (n bytes left) encoding a
 * printable code point (>= U+00A0), or 0. */
static size_t utf8_printable(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0xa0)
		return 0;
	return len;
}

static void put_escape(FILE *f, unsigned char c)
{
	switch (c) {
	case '\t': fputs("\\t", f); break;
	case '\n': fputs("\\n", f); break;
	case '\r': fputs("\\r", f); break;
	case '\\': fputs("\\\\", f); break;
	default:
		if (c < 010)
			fprintf(f, "\\%03o", c);
		else
			fprintf(f, "\\x%02x", c);
	}
}

void cli_put_escaped(FILE *f, const char *text, size_t n, enum cli_escape how)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, u;

	while (i < n) {
		unsigned char c = s[i];

		if (c >= ' ' && c <= '~' && (c != '\\' || how == CLI_ESC_TEXT)) {
			fputc(c, f);
			i++;
		} else if (how == CLI_ESC_TEXT && c >= 0x80 &&
			   (u = utf8_printable(s + i, n - i)) != 0) {
			fwrite(s + i, 1, u, f);         /* UTF-8 stays */
			i += u;
		} else {
			put_escape(f, c);
			i++;
		}
	}
}

/* "xen-rdm: [warning: ]<message>\n", the message escaped. */
static void cli_vmsg(const char *prefix, const char *fmt, va_list ap)
{
	char *msg = NULL;
	int n = vasprintf(&msg, fmt, ap);

	fputs(prefix, stderr);
	if (n >= 0 && msg)
		cli_put_escaped(stderr, msg, (size_t)n, CLI_ESC_TEXT);
	else
		fputs("(out of memory formatting a message)", stderr);
	fputc('\n', stderr);
	free(msg);
}

void cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmsg("xen-rdm: ", fmt, ap);
	va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmsg("xen-rdm: warning: ", fmt, ap);
	va_end(ap);
}

/* Lines of text from an input (the firmware reader's log), each line
 * escaped, the newlines kept. */
void cli_put_lines(FILE *f, const char *text)
{
	const char *nl;

	while (*text) {
		nl = strchr(text, '\n');
		cli_put_escaped(f, text, nl ? (size_t)(nl - text) : strlen(text),
				CLI_ESC_TEXT);
		fputc('\n', f);
		if (!nl)
			break;
		text = nl + 1;
	}
}
