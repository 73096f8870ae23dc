/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/xl_view_text.h - the words for what xl 4.17 makes of a file's
 * rdm= (xenrdm/xl_rdm.h gives the data).
 */
#ifndef XENRDM_CLI_XL_VIEW_TEXT_H
#define XENRDM_CLI_XL_VIEW_TEXT_H

#include <stddef.h>

#include "xenrdm/xl_rdm.h"

/*
 * Explain a view whose fate is not ABSENT, in lines for the user (each
 * ends with '\n'): what xl 4.17 does with rdm= instead, and the xl.cfg
 * spelling that gets the setting as written (rdm= and the pci= list with
 * rdm_policy= per device).  CFG names the file.  Returns the length
 * snprintf would have written (0: nothing to say).
 */
int xl_view_explain(const struct xenrdm_xl_view *view, const char *cfg,
		    char *buf, size_t len);

#endif /* XENRDM_CLI_XL_VIEW_TEXT_H */
