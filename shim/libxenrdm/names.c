/* SPDX-License-Identifier: MIT */
/* shim/libxenrdm/names.c - the texts of error codes and the names used in
 * output and JSON.  Every function returns a static string, never NULL. */
#include "xenrdm/xenrdm.h"

const char *xenrdm_strerror(int err)
{
	static const char *const text[XENRDM_ERR_MAX + 1] = {
		[0] = "success",
		[XENRDM_ERR_INVAL] = "invalid value",
		[XENRDM_ERR_NOSPACE] = "table too small",
		[XENRDM_ERR_CONFLICT] = "strict RDM region conflicts with guest memory",
		[XENRDM_ERR_NOMEM] = "out of memory",
		[XENRDM_ERR_RANGE] = "arithmetic overflow",
		[XENRDM_ERR_XENSTORE] = "xenstore operation failed",
		[XENRDM_ERR_AGAIN] = "xenstore transaction retries exhausted",
		[XENRDM_ERR_NOXEN] = "no Xen hypervisor",
		[XENRDM_ERR_IO] = "I/O error",
		[XENRDM_ERR_PARSE] = "parse error",
		[XENRDM_ERR_LAYOUT] = "inconsistent memory layout",
		[XENRDM_ERR_TOOBIG] = "input larger than its cap",
		[XENRDM_ERR_TIMEOUT] = "xenstored did not answer in time",
	};
	/* Either sign; avoid negating INT_MIN. */
	if (err < 0 && err >= -XENRDM_ERR_MAX)
		err = -err;
	if (err < 0 || err > XENRDM_ERR_MAX)
		return "unknown error";
	return text[err];
}

const char *xenrdm_strategy_name(enum xenrdm_strategy s)
{
	switch (s) {
	case XENRDM_STRATEGY_IGNORE: return "ignore";
	case XENRDM_STRATEGY_HOST:   return "host";
	}
	return "unknown";
}

const char *xenrdm_policy_name(enum xenrdm_policy p)
{
	switch (p) {
	case XENRDM_POLICY_RELAXED: return "relaxed";
	case XENRDM_POLICY_STRICT:  return "strict";
	}
	return "unknown";
}

const char *xenrdm_state_name(enum xenrdm_state s)
{
	switch (s) {
	case XENRDM_STATE_VALID:    return "valid";
	case XENRDM_STATE_DROPPED:  return "dropped";
	case XENRDM_STATE_CONFLICT: return "conflict";
	}
	return "unknown";
}

const char *xenrdm_reason_name(enum xenrdm_reason r)
{
	switch (r) {
	case XENRDM_REASON_NONE:      return "";
	case XENRDM_REASON_LOWMEM:    return "lowmem";
	case XENRDM_REASON_HIGHMEM:   return "highmem";
	case XENRDM_REASON_HVMLOADER: return "hvmloader";
	}
	return "unknown";
}

const char *xenrdm_e820_type_name(uint32_t type)
{
	switch (type) {
	case XENRDM_E820_RAM:      return "ram";
	case XENRDM_E820_RESERVED: return "reserved";
	case XENRDM_E820_ACPI:     return "acpi";
	case XENRDM_E820_NVS:      return "nvs";
	case XENRDM_E820_UNUSABLE: return "unusable";
	}
	return "unknown";
}
