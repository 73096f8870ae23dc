/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/xl_view_text.c - the words for what xl 4.17 makes of a file's
 * rdm= (the library's struct xenrdm_xl_view is the data).
 */
#include <stdarg.h>
#include <stdio.h>

#include "xenrdm/sources.h"

#include "xl_view_text.h"

/* snprintf into buf[*off..len), keeping the length it would have. */
static void put(char *buf, size_t len, int *off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t len, int *off, const char *fmt, ...)
{
	va_list ap;
	size_t at = (size_t)*off;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(at < len ? buf + at : NULL, at < len ? len - at : 0,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		*off += n;
}

int xl_view_explain(const struct xenrdm_xl_view *v, const char *cfg,
		    char *buf, size_t len)
{
	const char *wp = xenrdm_policy_name(v->want_policy);
	const char *dp = xenrdm_policy_name(v->want_device_policy);
	int off = 0;
	size_t i;

	if (buf && len)
		buf[0] = '\0';
	if (!buf)
		len = 0;
	if (v->fate == XENRDM_XL_RDM_ABSENT || !v->written_valid)
		return 0;
	if (v->fate == XENRDM_XL_RDM_DROPPED) {
		put(buf, len, &off, "%s: rdm = \"%s\": xl 4.17 ignores it "
		    "(its parser fails on every valid policy= and on "
		    "strategy=ignore, and xl then drops the whole setting): "
		    "libxl gets strategy=ignore%s\n", cfg, v->rdm,
		    v->nr_implicit ? ", and the pci= entries without "
		    "rdm_policy= are strict" : "");
		if (!v->differs) {
			put(buf, len, &off, "%s: the result is the same as "
			    "written here; to say so in a way xl reads, "
			    "remove the rdm= line\n", cfg);
			return off;
		}
	} else {
		put(buf, len, &off, "%s: rdm = \"%s\": xl 4.17 keeps "
		    "strategy=%s but copies the policy from uninitialised "
		    "memory", cfg, v->rdm, xenrdm_strategy_name(v->xl_strategy));
		if (v->undefined)
			put(buf, len, &off, "; the %zu pci= entr%s without "
			    "rdm_policy= inherit%s it, and libxl may refuse to "
			    "assign %s (\"unknown rdm check flag\")\n",
			    v->nr_implicit, v->nr_implicit == 1 ? "y" : "ies",
			    v->nr_implicit == 1 ? "s" : "",
			    v->nr_implicit == 1 ? "it" : "them");
		else
			put(buf, len, &off, "; libxl treats it as relaxed "
			    "(anything but strict) for the host's regions\n");
		if (!v->differs)
			return off;
	}
	put(buf, len, &off, "%s: to get strategy=%s,policy=%s from xl 4.17, "
	    "write:\n", cfg, xenrdm_strategy_name(v->want_strategy), wp);
	if (v->want_strategy == XENRDM_STRATEGY_HOST)
		put(buf, len, &off, "    rdm = \"strategy=host\"\n");
	else
		put(buf, len, &off, "    (no rdm= line: strategy=ignore is "
		    "the default)\n");
	if (v->nr_pci) {
		put(buf, len, &off, "    pci = [ ");
		for (i = 0; i < v->nr_pci; i++)
			put(buf, len, &off, "%s'%s%s%s'", i ? ", " : "",
			    v->pci[i].spec, v->pci[i].explicit_policy ? "" :
			    ",rdm_policy=", v->pci[i].explicit_policy ? "" : dp);
		put(buf, len, &off, " ]\n");
	}
	if (v->want_strategy == XENRDM_STRATEGY_HOST &&
	    v->want_policy == XENRDM_POLICY_STRICT)
		put(buf, len, &off, "%s: (xl 4.17 cannot make the regions of "
		    "devices not assigned strict: with strategy=host they get "
		    "the uninitialised policy, relaxed in effect)\n", cfg);
	return off;
}
