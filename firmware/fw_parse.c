/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_parse.c - the two number syntaxes of the xenstore ABI.
 * Strict on purpose: no sign, no blanks, no other base, no suffix, so a
 * value means exactly one thing on both sides.
 */
#include "fw_internal.h"

int xenrdm_fw_parse_hex(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	uint32_t n, d;
	char c;

	if (!s || s[0] != '0' || s[1] != 'x')
		return -XENRDM_ERR_INVAL;
	for (n = 0; (c = s[2 + n]) != '\0'; n++) {
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -XENRDM_ERR_INVAL;
		if (n == 16)
			return -XENRDM_ERR_RANGE;
		v = v << 4 | d;
	}
	if (n == 0)
		return -XENRDM_ERR_INVAL;
	*out = v;
	return 0;
}

int xenrdm_fw_parse_dec(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	uint32_t n;
	char c;

	if (!s)
		return -XENRDM_ERR_INVAL;
	for (n = 0; (c = s[n]) != '\0'; n++) {
		if (c < '0' || c > '9')
			return -XENRDM_ERR_INVAL;
		if (n == 10)
			return -XENRDM_ERR_RANGE;
		v = v * 10 + (uint32_t)(c - '0');
	}
	if (n == 0)
		return -XENRDM_ERR_INVAL;
	if (v > 0xffffffffULL)
		return -XENRDM_ERR_RANGE;
	*out = (uint32_t)v;
	return 0;
}
