/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_parse.c - the two number syntaxes of the xenstore ABI.
 * Strict on purpose: no sign, no blanks, no other base, no suffix, so a
 * value means exactly one thing on both sides.
 */
#include "fw_internal.h"

/* 1..base digits of base 10 or 16 (either case), then the end: as many
 * digits as the base, by chance exactly what each syntax allows (16 hex
 * digits fill 64 bits; 10 decimal ones hold every 32-bit value). */
static int parse_digits(const char *s, uint32_t base, uint64_t *v_out)
{
	uint64_t v = 0;
	uint32_t n, d;
	char c;

	for (n = 0; (c = s[n]) != '\0'; n++) {
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (uint32_t)((c | 0x20) - 'a' + 10);
		else
			return -XENRDM_ERR_INVAL;
		if (d >= base)
			return -XENRDM_ERR_INVAL;
		if (n == base)
			return -XENRDM_ERR_RANGE;
		v = v * base + d;
	}
	if (n == 0)
		return -XENRDM_ERR_INVAL;
	*v_out = v;
	return 0;
}

int xenrdm_fw_parse_hex(const char *s, uint64_t *out)
{
	if (!s || s[0] != '0' || s[1] != 'x')
		return -XENRDM_ERR_INVAL;
	return parse_digits(s + 2, 16, out);
}

int xenrdm_fw_parse_dec(const char *s, uint32_t *out)
{
	uint64_t v;
	int rc;

	if (!s)
		return -XENRDM_ERR_INVAL;
	rc = parse_digits(s, 10, &v);
	if (!rc && v > 0xffffffffULL)
		rc = -XENRDM_ERR_RANGE;
	if (!rc)
		*out = (uint32_t)v;
	return rc;
}
