/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/image/libc_min.c - the only C library the image has: the
 * memory functions gcc may emit calls to even with -ffreestanding (and
 * that the image uses to copy the kernel).  The EFI build gets these
 * from gnu-efi's libefi instead.
 */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memcpy(void *dst, const void *src, size_t n)
{
	return memmove(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || !n)
		return dst;
	if (d < s || d >= s + n) {
		/* rep movsb: 8 MiB of kernel copies in well under a second
		 * under TCG, a C byte loop does not. */
		__asm__ volatile("rep movsb"
				 : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	} else {
		d += n - 1;
		s += n - 1;
		__asm__ volatile("std; rep movsb; cld"
				 : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb"
			 : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}
