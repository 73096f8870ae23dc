/* SPDX-License-Identifier: MIT */
/*
 * firmware/extra/xsdump.c - serve xenstore reads from a `xenstore-ls -f
 * [-p]` dump (xenrdm/xsdump.h).  Freestanding: the QEMU test image gets
 * the dump through fw_cfg and has no libc.
 *
 * A line is  PATH = "VALUE"  optionally followed by blanks and "(perms)"
 * (-p).  xenstore-ls escapes \ and non-printable bytes (\t \n \r \\,
 * \NNN octal, \xHH) but not '"', so the value ends at the line's LAST
 * quote: the perms never contain one.
 */
#include "xenrdm/xsdump.h"

#define HOME_PREFIX "/local/domain/"

static size_t line_end(const struct xenrdm_xsdump *d, size_t pos)
{
	while (pos < d->len && d->buf[pos] != '\n')
		pos++;
	return pos;
}

/* Does buf[pos..end) start with the NUL-terminated s?  Returns the
 * position after it, or 0 when it does not (pos + 0 never matches). */
static size_t skip_str(const struct xenrdm_xsdump *d, size_t pos, size_t end,
		       const char *s)
{
	while (*s) {
		if (pos >= end || d->buf[pos] != *s)
			return 0;
		pos++;
		s++;
	}
	return pos;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode buf[pos..end) into d->value.  0, or -1 for a bad escape, a
 * decoded NUL (the firmware could not see past it) or a value too long. */
static int decode(struct xenrdm_xsdump *d, size_t pos, size_t end)
{
	size_t n = 0;
	int c, h1, h2;

	while (pos < end) {
		c = (unsigned char)d->buf[pos++];
		if (c == '\\') {
			if (pos >= end)
				return -1;
			c = (unsigned char)d->buf[pos++];
			switch (c) {
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case '\\': case '"': break;
			case 'x':
				if (end - pos < 2)
					return -1;
				h1 = hex_digit(d->buf[pos]);
				h2 = hex_digit(d->buf[pos + 1]);
				if (h1 < 0 || h2 < 0)
					return -1;
				c = h1 << 4 | h2;
				pos += 2;
				break;
			default:
				/* \NNN: exactly three octal digits */
				if (c < '0' || c > '3' || end - pos < 2 ||
				    d->buf[pos] < '0' || d->buf[pos] > '7' ||
				    d->buf[pos + 1] < '0' || d->buf[pos + 1] > '7')
					return -1;
				c = (c - '0') << 6 | (d->buf[pos] - '0') << 3 |
				    (d->buf[pos + 1] - '0');
				pos += 2;
				break;
			}
		}
		if (c == 0 || n >= XENRDM_XSDUMP_VALUE_MAX - 1)
			return -1;
		d->value[n++] = (char)c;
	}
	d->value[n] = '\0';
	return 0;
}

int xenrdm_xsdump_open(struct xenrdm_xsdump *d, const char *buf, size_t len)
{
	size_t pos, end, p, n;

	d->buf = buf;
	d->len = buf ? len : 0;
	d->home[0] = '\0';
	d->value[0] = '\0';
	for (pos = 0; pos < d->len; pos = end + 1) {
		end = line_end(d, pos);
		p = skip_str(d, pos, end, HOME_PREFIX);
		if (!p)
			continue;
		for (n = 0; p + n < end && buf[p + n] >= '0' && buf[p + n] <= '9'; n++)
			;
		/* a domid, then '/' or " =" */
		if (n == 0 || n > 10 || p + n >= end ||
		    (buf[p + n] != '/' && buf[p + n] != ' '))
			continue;
		n += p - pos;
		for (p = 0; p < n; p++)
			d->home[p] = buf[pos + p];
		d->home[n] = '\0';
		return 0;
	}
	return -XENRDM_ERR_PARSE;
}

const char *xenrdm_xsdump_read(struct xenrdm_xsdump *d, const char *relpath,
			       const char *def)
{
	size_t pos, end, p, q;

	if (!d->home[0] || !relpath)
		return def;
	for (pos = 0; pos < d->len; pos = end + 1) {
		end = line_end(d, pos);
		if (!(p = skip_str(d, pos, end, d->home)) ||
		    !(p = skip_str(d, p, end, "/")) ||
		    !(p = skip_str(d, p, end, relpath)) ||
		    !(p = skip_str(d, p, end, " = \"")))
			continue;
		for (q = end; q > p && d->buf[q - 1] != '"'; q--)
			;
		if (q <= p || decode(d, p, q - 1))
			return def;
		return d->value;
	}
	return def;
}
