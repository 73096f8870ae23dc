/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/escape.c - nothing read from an input reaches the terminal
 * raw: control bytes are escaped as xenstore-ls escapes them (\t \n \r,
 * \ooo below 010, \xNN otherwise).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

/* Length of the valid UTF-8 sequence at s (n bytes left) encoding a
 * printable code point (>= U+00A0: not a C1 control), or 0. */
static size_t utf8_printable(const unsigned char *s, size_t n)
{
	size_t len = s[0] >= 0x80 ? utf8_seq_len(s, n) : 0;

	/* U+0080..U+009F are 0xc2 0x80..0x9f */
	return len >= 2 && !(s[0] == 0xc2 && s[1] < 0xa0) ? len : 0;
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
