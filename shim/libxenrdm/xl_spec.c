/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/xl_spec.c - xl's rdm= and pci spec strings, parsed by
 * libxlutil itself (xlu_rdm_parse, xlu_pci_parse_spec_string) so that we
 * accept exactly what xl accepts.
 *
 * Xen 4.17's xlu_rdm_parse inverts the result of its policy parser: a
 * valid "policy=..." makes it return ERROR_INVAL (and stop), an invalid
 * one makes it succeed with the policy left at INVALID.  (xl copies the
 * fields only when it returns 0, so xl drops such an rdm=: see
 * xenrdm/xl_rdm.h.)  The return value says nothing about the text: we
 * hand it one key=value item at a time and judge by the fields it filled
 * in.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxlutil.h>

#include "xenrdm/sources.h"

#include "xlu_report.h"

/* A libxlutil config object whose report stream we can read back
 * (xlu_report.h). */
int xenrdm_xlu_report_open(struct xlu_report *rep, const char *name)
{
	memset(rep, 0, sizeof(*rep));
	rep->stream = open_memstream(&rep->text, &rep->len);
	if (!rep->stream)
		return -XENRDM_ERR_NOMEM;
	rep->cfg = xlu_cfg_init(rep->stream, name);
	if (!rep->cfg) {
		fclose(rep->stream);
		free(rep->text);
		return -XENRDM_ERR_NOMEM;
	}
	return 0;
}

/* What libxlutil said, as one line without trailing blanks; "" if none. */
const char *xenrdm_xlu_report_text(struct xlu_report *rep)
{
	size_t i;

	fflush(rep->stream);
	if (!rep->text)
		return "";
	for (i = 0; i < rep->len; i++)
		if (rep->text[i] == '\n')
			rep->text[i] = ' ';
	while (rep->len && (rep->text[rep->len - 1] == ' '))
		rep->text[--rep->len] = '\0';
	return rep->text;
}

void xenrdm_xlu_report_close(struct xlu_report *rep)
{
	if (rep->cfg)
		xlu_cfg_destroy(rep->cfg);
	if (rep->stream)
		fclose(rep->stream);
	free(rep->text);
	memset(rep, 0, sizeof(*rep));
}

/* One "key=value" item of rdm=; item is NUL-terminated. */
static int rdm_item_parse(struct xlu_report *rep, const char *text,
			  const char *item, enum xenrdm_strategy *strategy,
			  enum xenrdm_policy *policy, char *err, size_t errlen)
{
	libxl_rdm_reserve rdm;
	libxl_rdm_reserve_strategy strat;
	const char *eq = strchr(item, '=');
	const char *value;
	size_t keylen;
	int r;

	if (!eq) {
		snprintf(err, errlen, "rdm '%s': item '%s' is not key=value "
			 "(keys: strategy, policy)", text, item);
		return -XENRDM_ERR_INVAL;
	}
	keylen = (size_t)(eq - item);
	value = eq + 1;

	libxl_rdm_reserve_init(&rdm);
	rdm.policy = LIBXL_RDM_RESERVE_POLICY_INVALID;
	r = xlu_rdm_parse(rep->cfg, &rdm, item);

	if (keylen == 8 && !strncmp(item, "strategy", 8)) {
		if (!r && rdm.strategy == LIBXL_RDM_RESERVE_STRATEGY_HOST) {
			*strategy = XENRDM_STRATEGY_HOST;
		} else if (!libxl_rdm_reserve_strategy_from_string(value, &strat) &&
			   strat == LIBXL_RDM_RESERVE_STRATEGY_IGNORE) {
			/* xl's parser only knows "host"; "ignore" is
			 * libxl's name of the default. */
			*strategy = XENRDM_STRATEGY_IGNORE;
		} else {
			snprintf(err, errlen, "rdm '%s': unknown strategy '%s' "
				 "(host or ignore)", text, value);
			r = -XENRDM_ERR_INVAL;
			goto out;
		}
	} else if (keylen == 6 && !strncmp(item, "policy", 6)) {
		/* Judged by the field, not r: see the top of this file. */
		if (rdm.policy == LIBXL_RDM_RESERVE_POLICY_STRICT) {
			*policy = XENRDM_POLICY_STRICT;
		} else if (rdm.policy == LIBXL_RDM_RESERVE_POLICY_RELAXED) {
			*policy = XENRDM_POLICY_RELAXED;
		} else {
			snprintf(err, errlen, "rdm '%s': unknown policy '%s' "
				 "(strict or relaxed)", text, value);
			r = -XENRDM_ERR_INVAL;
			goto out;
		}
	} else {
		snprintf(err, errlen, "rdm '%s': unknown key '%.*s' "
			 "(keys: strategy, policy)", text, (int)keylen, item);
		r = -XENRDM_ERR_INVAL;
		goto out;
	}
	r = 0;
out:
	libxl_rdm_reserve_dispose(&rdm);
	return r;
}

int xenrdm_rdm_spec_parse(const char *text, enum xenrdm_strategy *strategy,
			  enum xenrdm_policy *policy, char *err, size_t errlen)
{
	struct xlu_report rep;
	enum xenrdm_strategy strategy_new = *strategy;
	enum xenrdm_policy policy_new = *policy;
	char *copy = NULL, *item, *next;
	int rc;

	if (!text || !*text) {
		snprintf(err, errlen, "rdm '': empty (expected e.g. "
			 "strategy=host,policy=strict)");
		return -XENRDM_ERR_INVAL;
	}
	rc = xenrdm_xlu_report_open(&rep, "xen-rdm");
	if (rc) {
		snprintf(err, errlen, "rdm '%s': out of memory", text);
		return rc;
	}
	copy = strdup(text);
	if (!copy) {
		snprintf(err, errlen, "rdm '%s': out of memory", text);
		rc = -XENRDM_ERR_NOMEM;
		goto out;
	}
	for (item = copy; item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		if (!*item) {
			snprintf(err, errlen, "rdm '%s': empty item "
				 "(stray comma)", text);
			rc = -XENRDM_ERR_INVAL;
			goto out;
		}
		rc = rdm_item_parse(&rep, text, item, &strategy_new,
				    &policy_new, err, errlen);
		if (rc)
			goto out;
	}
	*strategy = strategy_new;
	*policy = policy_new;
	rc = 0;
out:
	free(copy);
	xenrdm_xlu_report_close(&rep);
	return rc;
}

/*
 * rel: libxlutil 4.17's parse_bdf() counts the ':' in the leading run of
 * hex digits and colons, then sscanf()s "%x:%x.%n" (one colon) or
 * "%x:%x:%x.%n" (two); when the character after that run is not '.',
 * the match stops before %n and it advances by an uninitialised count
 * (valgrind; a crash under the fuzzer, and "bdf=01:01" is even accepted
 * with a garbage device).  It tries that on the start of every spec and
 * on every bdf= value, so both are checked here first.
 */
static bool bdf_would_misparse(const char *p)
{
	unsigned colons = 0;

	for (; isxdigit((unsigned char)*p) || *p == ':'; p++)
		colons += *p == ':';
	return (colons == 1 || colons == 2) && *p != '.';
}

static bool pci_bdf_lacks_function(const char *text)
{
	const char *item;

	if (bdf_would_misparse(text))
		return true;
	for (item = text; item; item = strchr(item, ','), item = item ? item + 1 : NULL)
		if (!strncmp(item, "bdf=", 4) && bdf_would_misparse(item + 4))
			return true;
	return false;
}

/* rel: a second name= makes xlu_pci_parse_spec_string overwrite the
 * first strdup()ed name without freeing it (a leak the fuzzer finds). */
static bool pci_name_twice(const char *text)
{
	const char *item;
	unsigned names = 0;

	for (item = text; item; item = strchr(item, ','), item = item ? item + 1 : NULL)
		names += !strncmp(item, "name=", 5);
	return names > 1;
}

int xenrdm_pci_spec_parse(const char *text, struct xenrdm_pci_dev *out,
			  char *err, size_t errlen)
{
	struct xlu_report rep;
	libxl_device_pci pci;
	int rc, r;

	if (!text || !*text) {
		snprintf(err, errlen, "pci '': empty (expected "
			 "[SSSS:]BB:DD.F[,rdm_policy=strict|relaxed])");
		return -XENRDM_ERR_INVAL;
	}
	if (pci_name_twice(text)) {
		snprintf(err, errlen, "pci '%s': not a valid xl PCI spec: name= "
			 "given more than once", text);
		return -XENRDM_ERR_INVAL;
	}
	if (pci_bdf_lacks_function(text)) {
		snprintf(err, errlen, "pci '%s': not a valid xl PCI spec: the "
			 "BDF needs a function ([SSSS:]BB:DD.F)", text);
		return -XENRDM_ERR_INVAL;
	}
	rc = xenrdm_xlu_report_open(&rep, "xen-rdm");
	if (rc) {
		snprintf(err, errlen, "pci '%s': out of memory", text);
		return rc;
	}
	libxl_device_pci_init(&pci);
	pci.rdm_policy = LIBXL_RDM_RESERVE_POLICY_INVALID;
	r = xlu_pci_parse_spec_string(rep.cfg, &pci, text);
	if (r) {
		const char *why = xenrdm_xlu_report_text(&rep);

		snprintf(err, errlen, "pci '%s': not a valid xl PCI spec%s%s",
			 text, *why ? ": " : "", why);
		rc = -XENRDM_ERR_INVAL;
		goto out;
	}
	if (pci.name) {
		snprintf(err, errlen, "pci '%s': names an assignable device "
			 "('%s'); give its BDF instead", text, pci.name);
		rc = -XENRDM_ERR_INVAL;
		goto out;
	}
	if (pci.domain < 0 || pci.domain > 0xffff || pci.dev > 0x1f ||
	    pci.func > 7) {
		snprintf(err, errlen, "pci '%s': segment, device or function "
			 "out of range", text);
		rc = -XENRDM_ERR_INVAL;
		goto out;
	}
	out->sbdf = XENRDM_SBDF((unsigned)pci.domain, pci.bus, pci.dev,
				pci.func);
	switch (pci.rdm_policy) {
	case LIBXL_RDM_RESERVE_POLICY_RELAXED:
		out->policy = XENRDM_POLICY_RELAXED;
		break;
	default:        /* not given: libxl's default for a device */
		out->policy = XENRDM_POLICY_STRICT;
		break;
	}
	rc = 0;
out:
	libxl_device_pci_dispose(&pci);
	xenrdm_xlu_report_close(&rep);
	return rc;
}
