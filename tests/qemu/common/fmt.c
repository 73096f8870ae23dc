/* SPDX-License-Identifier: MIT */
/* tests/qemu/common/fmt.c - the minimal printf (see fmt.h). */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t cap;
	size_t len;
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void out_padded(struct out *o, const char *s, size_t n,
		       unsigned width, bool left, char pad)
{
	size_t i;

	if (!left)
		for (i = n; i < width; i++)
			out_char(o, pad);
	for (i = 0; i < n; i++)
		out_char(o, s[i]);
	if (left)
		for (i = n; i < width; i++)
			out_char(o, ' ');
}

/* Digits of V in BASE, most significant first, into digits[24]. */
static size_t utoa(uint64_t v, unsigned base, bool upper, char *digits)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i;

	do {
		/* v / base and v % base by shift and subtract: on i386 the
		 * operators call libgcc's __udivdi3/__umoddi3, and the
		 * freestanding programs link no libgcc. */
		uint64_t q = 0, r = 0;
		int bit;

		for (bit = 63; bit >= 0; bit--) {
			r = (r << 1) | ((v >> bit) & 1);
			if (r >= base) {
				r -= base;
				q |= (uint64_t)1 << bit;
			}
		}
		rev[n++] = set[r];
		v = q;
	} while (v);
	for (i = 0; i < n; i++)
		digits[i] = rev[n - 1 - i];
	return n;
}

size_t fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = { buf, cap, 0 };
	const char *p;

	for (p = fmt; *p; p++) {
		const char *spec = p;
		bool left = false, zero = false, upper = false, neg = false;
		unsigned width = 0, longs = 0, base = 10;
		char digits[24];
		uint64_t v;
		size_t n;

		if (*p != '%') {
			out_char(&o, *p);
			continue;
		}
		p++;
		for (;; p++) {
			if (*p == '-')
				left = true;
			else if (*p == '0')
				zero = true;
			else
				break;
		}
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (unsigned)(*p++ - '0');
		for (;; p++) {
			if (*p == 'l')
				longs++;
			else if (*p == 'z')
				longs = sizeof(size_t) == 8 ? 2 : 1;
			else
				break;
		}
		switch (*p) {
		case '%':
			out_char(&o, '%');
			continue;
		case 'c':
			digits[0] = (char)va_arg(ap, int);
			out_padded(&o, digits, 1, width, left, ' ');
			continue;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			for (n = 0; s[n]; n++)
				;
			out_padded(&o, s, n, width, left, ' ');
			continue;
		}
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			out_char(&o, '0');
			out_char(&o, 'x');
			n = utoa(v, 16, false, digits);
			out_padded(&o, digits, n, width, left, zero ? '0' : ' ');
			continue;
		case 'd': {
			int64_t s;

			if (longs >= 2)
				s = va_arg(ap, long long);
			else if (longs == 1)
				s = va_arg(ap, long);
			else
				s = va_arg(ap, int);
			neg = s < 0;
			v = neg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
			break;
		}
		case 'X':
			upper = true;
			/* fall through */
		case 'x':
			base = 16;
			/* fall through */
		case 'u':
			if (longs >= 2)
				v = va_arg(ap, unsigned long long);
			else if (longs == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			break;
		default:
			/* Unknown: show the spec as written, stop there. */
			while (spec <= p && *spec)
				out_char(&o, *spec++);
			if (!*p)
				p--;
			continue;
		}
		n = utoa(v, base, upper, digits);
		if (neg) {
			if (zero && !left) {
				out_char(&o, '-');
				if (width)
					width--;
				out_padded(&o, digits, n, width, false, '0');
			} else {
				char sd[25];
				size_t i;

				sd[0] = '-';
				for (i = 0; i < n; i++)
					sd[i + 1] = digits[i];
				out_padded(&o, sd, n + 1, width, left, ' ');
			}
		} else {
			out_padded(&o, digits, n, width, left,
				   zero && !left ? '0' : ' ');
		}
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return o.len < cap ? o.len : (cap ? cap - 1 : 0);
}

void con_vprintf(const char *fmt, va_list ap)
{
	/* One call is at most one log line; longer text is cut, not lost
	 * silently (the cut line still ends up in the log). */
	static char line[512];
	size_t n = fmt_vformat(line, sizeof(line), fmt, ap);

	console_write(line, n);
}

void con_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	con_vprintf(fmt, ap);
	va_end(ap);
}
