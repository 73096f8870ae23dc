/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/xl_rdm.h - what xl 4.17 makes of an xl.cfg's rdm= and of the
 * pci= entries' rdm_policy=, as opposed to what the text says.
 *
 * xl 4.17's parser (xlu_rdm_parse, tools/libs/util/libxlu_pci.c) jumps to
 * its error path when parse_rdm_policy() SUCCEEDS, and xl_parse.c copies
 * strategy and policy into the domain config only when it returns 0, from
 * a libxl_rdm_reserve it never initialised.  So:
 *   - any rdm= holding a valid policy=...  is dropped: libxl gets its
 *     defaults (strategy=ignore; global policy relaxed; each device strict
 *     unless its pci= entry says rdm_policy=);
 *   - "strategy=host" (without policy=) is kept, with a policy copied
 *     from uninitialised stack memory, which every pci= entry without
 *     rdm_policy= inherits (Debian's xl 4.17.5: a value outside the enum,
 *     which libxl refuses when it assigns the device, "unknown rdm check
 *     flag"; libxl treats it as relaxed for the regions themselves);
 *   - "strategy=ignore" is unknown to the parser: dropped, which is what
 *     it asks for anyway.
 * This module asks the real libxlutil (the library xl links) and reports
 * what xl will build and the xl.cfg spelling that gets the setting as
 * written (what xl would build if its parser returned the right value).
 * Every function is pure (no I/O).
 */
#ifndef XENRDM_XL_RDM_H
#define XENRDM_XL_RDM_H

#include <stdbool.h>
#include <stddef.h>

#include "xenrdm/xenrdm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What xlu_rdm_parse() does with one rdm= text, exactly as xl calls it. */
struct xenrdm_xlu_rdm {
	int rc;                 /* xlu_rdm_parse's return: 0 or ERROR_* */
	bool strategy_written;  /* it wrote the strategy field */
	bool policy_written;    /* it wrote the policy field */
	int strategy;           /* libxl_rdm_reserve_strategy, if written */
	int policy;             /* libxl_rdm_reserve_policy, if written */
};

/* Call the real xlu_rdm_parse on TEXT with both fields preset to values
 * outside their enums, and report what it returned and wrote.  0, or
 * -XENRDM_ERR_NOMEM / -XENRDM_ERR_INVAL (no text). */
int xenrdm_xlu_rdm_probe(const char *text, struct xenrdm_xlu_rdm *out);

/* What xl 4.17 does with a config's rdm=. */
enum xenrdm_xl_rdm_fate {
	XENRDM_XL_RDM_ABSENT,   /* no rdm= */
	XENRDM_XL_RDM_DROPPED,  /* xl ignores it: libxl's defaults */
	XENRDM_XL_RDM_MANGLED,  /* kept, the policy uninitialised */
};

/* One pci= entry as xl reads it. */
struct xenrdm_xl_pci {
	char *spec;             /* the entry as written (malloc'd) */
	bool explicit_policy;   /* it says rdm_policy= itself */
	enum xenrdm_policy policy; /* that policy, if explicit */
};

/* What xl 4.17 reads from an xl.cfg, for the layout. */
struct xenrdm_xl_view {
	char *name;             /* name=, or NULL (malloc'd) */
	char *rdm;              /* rdm= as written, or NULL (malloc'd) */
	struct xenrdm_xlu_rdm probe;   /* xlu_rdm_parse on it */
	enum xenrdm_xl_rdm_fate fate;
	/* As written (xl.cfg(5)); when rdm= is absent or not valid,
	 * libxl's defaults. */
	bool written_valid;
	enum xenrdm_strategy want_strategy;
	enum xenrdm_policy want_policy;
	/* A pci= entry without rdm_policy= follows rdm='s policy= when
	 * there is one, else libxl makes it strict. */
	enum xenrdm_policy want_device_policy;
	/* What xl 4.17 hands libxl. */
	enum xenrdm_strategy xl_strategy;
	enum xenrdm_policy xl_policy;   /* relaxed when uninitialised */
	size_t nr_pci;
	struct xenrdm_xl_pci *pci;      /* malloc'd */
	size_t nr_implicit;     /* entries without rdm_policy= */
	/* Does what xl builds differ from the text (xl.cfg(5): a device
	 * without rdm_policy= follows rdm='s policy)? */
	bool differs;
	/* Some device gets the uninitialised policy: libxl may refuse it. */
	bool undefined;
};

/*
 * Read name=, rdm= and pci= from an xl.cfg text as xl does (libxlutil on
 * these bytes; a file xenrdm_xlcfg_parse accepted).  0, or an error with
 * a message in err (-XENRDM_ERR_PARSE, -XENRDM_ERR_NOMEM or
 * -XENRDM_ERR_INVAL: a pci= entry that is not a string or that
 * xenrdm_pci_spec_parse refuses).
 * Release with xenrdm_xl_view_free().
 */
int xenrdm_xl_view_parse(const char *buf, size_t len, const char *name,
			 struct xenrdm_xl_view *view, char *err, size_t errlen);
void xenrdm_xl_view_free(struct xenrdm_xl_view *view);
/* The command words a view (shim/xen-rdm/xl_view_text.c). */

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_XL_RDM_H */
