/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/xl_rdm.c - what xl 4.17 makes of an xl.cfg's rdm= and pci=
 * (xenrdm/xl_rdm.h), asked of the real libxlutil that xl links.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxlutil.h>

#include "xenrdm/read_file.h"
#include "xenrdm/sources.h"
#include "xenrdm/xl_rdm.h"

#include "diag.h"
#include "xlu_report.h"

/* Preset into a field xlu_* may write: outside every libxl enum. */
#define UNWRITTEN 0x5a5a5a5a

int xenrdm_xlu_rdm_probe(const char *text, struct xenrdm_xlu_rdm *out)
{
	libxl_rdm_reserve rdm;
	struct xlu_report c;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!text)
		return -XENRDM_ERR_INVAL;
	rc = xenrdm_xlu_report_open(&c, "xen-rdm");
	if (rc)
		return rc;
	/* xl passes an uninitialised struct: mark both fields so that what
	 * the parser writes shows. */
	memset(&rdm, 0, sizeof(rdm));
	rdm.strategy = (libxl_rdm_reserve_strategy)UNWRITTEN;
	rdm.policy = (libxl_rdm_reserve_policy)UNWRITTEN;
	out->rc = xlu_rdm_parse(c.cfg, &rdm, text);
	if (out->rc == ERROR_NOMEM) {
		xenrdm_xlu_report_close(&c);
		return -XENRDM_ERR_NOMEM;
	}
	out->strategy_written = (int)rdm.strategy != UNWRITTEN;
	out->policy_written = (int)rdm.policy != UNWRITTEN;
	out->strategy = out->strategy_written ? (int)rdm.strategy : 0;
	out->policy = out->policy_written ? (int)rdm.policy : 0;
	xenrdm_xlu_report_close(&c);
	return 0;
}

void xenrdm_xl_view_free(struct xenrdm_xl_view *view)
{
	size_t i;

	if (!view)
		return;
	for (i = 0; i < view->nr_pci; i++)
		free(view->pci[i].spec);
	free(view->pci);
	free(view->name);
	free(view->rdm);
	memset(view, 0, sizeof(*view));
}

/* One pci= entry: does it name its own rdm_policy=?  xl presets the
 * field with the global policy and lets the spec override it. */
static int view_pci_add(struct xenrdm_xl_view *v, XLU_Config *cfg,
			const char *spec, const char *name, char *err,
			size_t errlen)
{
	struct xenrdm_pci_dev dev;
	char why[256];
	struct xenrdm_xl_pci *p;
	libxl_device_pci pci;
	void *grown;
	int r;

	grown = realloc(v->pci, (v->nr_pci + 1) * sizeof(*v->pci));
	if (!grown)
		return -XENRDM_ERR_NOMEM;
	v->pci = grown;
	p = &v->pci[v->nr_pci];
	memset(p, 0, sizeof(*p));
	p->spec = strdup(spec);
	if (!p->spec)
		return -XENRDM_ERR_NOMEM;
	v->nr_pci++;
	/* libxlutil 4.17 misparses some specs (uninitialised reads, leaks:
	 * xl_spec.c); only a spec xen-rdm accepts is handed to it. */
	if (xenrdm_pci_spec_parse(spec, &dev, why, sizeof(why))) {
		xenrdm_set_err(err, errlen, "%s: pci[%zu]: %s", name,
			       v->nr_pci - 1, why);
		return -XENRDM_ERR_INVAL;
	}
	libxl_device_pci_init(&pci);
	pci.rdm_policy = (libxl_rdm_reserve_policy)UNWRITTEN;
	r = xlu_pci_parse_spec_string(cfg, &pci, spec);
	if (!r && (int)pci.rdm_policy != UNWRITTEN) {
		p->explicit_policy = true;
		p->policy = pci.rdm_policy == LIBXL_RDM_RESERVE_POLICY_RELAXED ?
			    XENRDM_POLICY_RELAXED : XENRDM_POLICY_STRICT;
	}
	libxl_device_pci_dispose(&pci);
	if (!p->explicit_policy)
		v->nr_implicit++;
	return 0;
}

/* What xl builds against what the text says (xl.cfg(5): a device without
 * rdm_policy= follows rdm='s policy; libxl's default for it is strict). */
static void view_judge(struct xenrdm_xl_view *v)
{
	enum xenrdm_strategy ws = XENRDM_STRATEGY_IGNORE;
	enum xenrdm_policy wp = XENRDM_POLICY_RELAXED;
	char why[256];

	v->want_strategy = v->xl_strategy = XENRDM_STRATEGY_IGNORE;
	v->want_policy = v->xl_policy = XENRDM_POLICY_RELAXED;
	if (!v->rdm) {
		v->fate = XENRDM_XL_RDM_ABSENT;
		return;
	}
	v->written_valid = !xenrdm_rdm_spec_parse(v->rdm, &ws, &wp, why,
						  sizeof(why));
	v->want_device_policy = XENRDM_POLICY_STRICT;
	if (v->written_valid) {
		enum xenrdm_strategy ws2 = XENRDM_STRATEGY_IGNORE;
		enum xenrdm_policy wp2 = XENRDM_POLICY_STRICT;

		v->want_strategy = ws;
		v->want_policy = wp;
		/* Was policy= given?  Parsed from the other default, the
		 * result differs only when it was not. */
		xenrdm_rdm_spec_parse(v->rdm, &ws2, &wp2, why, sizeof(why));
		if (wp2 == wp)
			v->want_device_policy = wp;
	}
	if (v->probe.rc) {
		/* Dropped: libxl's defaults; a device without rdm_policy=
		 * gets INVALID from xl, which libxl makes strict. */
		v->fate = XENRDM_XL_RDM_DROPPED;
		v->differs = v->written_valid &&
			     (ws != XENRDM_STRATEGY_IGNORE ||
			      (v->nr_implicit &&
			       v->want_device_policy != XENRDM_POLICY_STRICT));
		return;
	}
	/* Kept, from an uninitialised struct: a strategy it did not write
	 * is neither host nor ignore in libxl's eyes, which then queries
	 * only the assigned devices (as for ignore); an unwritten policy is
	 * anything but strict as far as the regions go. */
	v->fate = XENRDM_XL_RDM_MANGLED;
	v->xl_strategy = v->probe.strategy_written &&
			 v->probe.strategy == LIBXL_RDM_RESERVE_STRATEGY_HOST ?
			 XENRDM_STRATEGY_HOST : XENRDM_STRATEGY_IGNORE;
	v->xl_policy = XENRDM_POLICY_RELAXED;
	v->undefined = !v->probe.policy_written && v->nr_implicit;
	v->differs = v->written_valid &&
		     (v->undefined || v->xl_strategy != ws);
}

int xenrdm_xl_view_parse(const char *buf, size_t len, const char *name,
			 struct xenrdm_xl_view *view, char *err, size_t errlen)
{
	XLU_ConfigList *list;
	struct xlu_report c;
	const char *s;
	int nr, i, r, rc;

	memset(view, 0, sizeof(*view));
	if (!buf || !name || len > XENRDM_CAP_TEXT || memchr(buf, '\0', len)) {
		xenrdm_set_err(err, errlen, "%s: not an xl config xen-rdm reads",
			       name ? name : "xl config");
		return -XENRDM_ERR_INVAL;
	}
	rc = xenrdm_xlu_report_open(&c, name);
	if (rc)
		goto nomem;
	r = xlu_cfg_readdata(c.cfg, buf, (int)len);
	if (r) {
		xenrdm_set_err(err, errlen, "%s: not a valid xl config", name);
		rc = r == ENOMEM ? -XENRDM_ERR_NOMEM : -XENRDM_ERR_PARSE;
		goto out;
	}
	if (!xlu_cfg_get_string(c.cfg, "name", &s, 1) &&
	    !(view->name = strdup(s)))
		goto nomem;
	if (!xlu_cfg_get_string(c.cfg, "rdm", &s, 1)) {
		view->rdm = strdup(s);
		if (!view->rdm)
			goto nomem;
		rc = xenrdm_xlu_rdm_probe(view->rdm, &view->probe);
		if (rc)
			goto out;
	}
	if (!xlu_cfg_get_list(c.cfg, "pci", &list, &nr, 1)) {
		for (i = 0; i < nr; i++) {
			s = xlu_cfg_get_listitem(list, i);
			if (!s) {
				xenrdm_set_err(err, errlen, "%s: pci[%d]: not "
					       "a string", name, i);
				rc = -XENRDM_ERR_INVAL;
				goto out;
			}
			rc = view_pci_add(view, c.cfg, s, name, err, errlen);
			if (rc == -XENRDM_ERR_NOMEM)
				goto nomem;
			if (rc)
				goto out;
		}
	}
	view_judge(view);
	rc = 0;
	goto out;
nomem:
	xenrdm_set_err(err, errlen, "%s: out of memory", name);
	rc = -XENRDM_ERR_NOMEM;
out:
	if (rc)
		xenrdm_xl_view_free(view);
	xenrdm_xlu_report_close(&c);
	return rc;
}
