/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/errors.h - error codes shared by both halves of xen-rdm.
 *
 * Functions return 0 on success and the negative of one of these codes on
 * failure (libfdt style).  xenrdm_strerror() (host library only) turns one
 * into text; the firmware logs its own messages instead.
 * Freestanding: constants only.
 */
#ifndef XENRDM_ERRORS_H
#define XENRDM_ERRORS_H

#define XENRDM_ERR_INVAL     1  /* malformed or out-of-range input value */
#define XENRDM_ERR_NOSPACE   2  /* caller-supplied table too small */
#define XENRDM_ERR_CONFLICT  3  /* a strict RDM region conflicts with RAM */
#define XENRDM_ERR_NOMEM     4  /* allocation failed (host only) */
#define XENRDM_ERR_RANGE     5  /* arithmetic would overflow or wrap */
#define XENRDM_ERR_XENSTORE  6  /* a xenstore operation failed */
#define XENRDM_ERR_AGAIN     7  /* xenstore transaction retries exhausted */
#define XENRDM_ERR_NOXEN     8  /* no hypervisor (no /dev/xen/privcmd) */
#define XENRDM_ERR_IO        9  /* reading a file or device failed */
#define XENRDM_ERR_PARSE    10  /* a table or file could not be parsed */
#define XENRDM_ERR_LAYOUT   11  /* layout inconsistent (e.g. lowmem > 4G) */
#define XENRDM_ERR_TOOBIG   12  /* an input larger than its cap */
#define XENRDM_ERR_TIMEOUT  13  /* xenstored did not answer in time */
#define XENRDM_ERR_MAX      13

#endif /* XENRDM_ERRORS_H */
