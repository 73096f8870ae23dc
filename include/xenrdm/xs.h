/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/xs.h - write, read back and clear a domain's RDM keys
 * (xenrdm/xs_abi.h) through libxenstore, as a toolstack does.
 *
 * Writes are one transaction: the old hvmloader/rdm directory is removed
 * and the whole new set written, so a reader sees the old set or the new
 * one, never a mix, and no stale hvmloader/rdm/<i> of a longer set stays.
 * Every key (and the directories rdm/ and rdm/<i>) gets the permissions
 * {0, XS_PERM_NONE}, {domid, XS_PERM_READ}: domain 0 owns it, the guest
 * may only read it (`xenstore-ls -p` shows "n0,rN").
 * A transaction ending in EAGAIN (another writer touched what it read or
 * wrote) is retried up to XENRDM_XS_MAX_TRIES times with a short backoff
 * (1, 2, 4... ms), then -XENRDM_ERR_AGAIN.
 *
 * Nothing prints.  On error a one-line message naming the key and the
 * errno text is written into err[0..errlen) (err may be NULL).  Each
 * function lists below every -XENRDM_ERR_* it can return.  Only opening
 * or adopting a handle allocates: an operation on a handle uses the
 * handle's own storage and cannot fail for memory.
 *
 * Any operation xenstored refuses inside the transaction (ENOENT when a
 * concurrent clear removed what this one created, EAGAIN, a quota...)
 * aborts the attempt and the whole transaction is retried as for EAGAIN
 * at commit; only when every try fails is it an error (-XENRDM_ERR_AGAIN
 * when they all conflicted at commit, else -XENRDM_ERR_XENSTORE with
 * xenstored's last answer).  Reading back is a transaction too, committed
 * (nothing written) so that xenstored checks nothing changed under it:
 * a reader gets one writer's set, never a mix.
 *
 * The handle: every xenstore operation goes through a struct xenrdm_xs,
 * which the library allocates and owns.  It holds the libxenstore
 * connection, the per-request timeout, the daemon's name for messages,
 * the test write hook and the working storage of one operation; the
 * library keeps nothing outside it (no global, no lock, no limit on how
 * many are open).  Two ways to get one:
 *
 * xenrdm_xs_open() connects itself: xs_open(0), which (libxenstore 4.17)
 * tries the socket $XENSTORED_PATH, else $XENSTORED_RUNDIR/socket, else
 * /var/run/xenstored/socket, then the kernel's /dev/xen/xenbus.  Before
 * that it refuses a path that is neither a socket nor the xenbus device
 * (libxenstore would open it and write a request into it).  On the
 * socket every request must be answered within the handle's timeout
 * (XENRDM_XS_TIMEOUT_MS_DEFAULT is what xen-rdm uses): else
 * -XENRDM_ERR_TIMEOUT naming the daemon, and the connection is closed
 * (the daemon drops the open transaction; every later operation on the
 * handle fails with -XENRDM_ERR_XENSTORE: close it and open another).
 * Requests over the xenbus device cannot be timed here (a blocked read
 * there cannot be interrupted): the caller needs a watchdog (xen-rdm has
 * one).  xenrdm_xs_close() closes the connection.
 *
 * xenrdm_xs_adopt() wraps a struct xs_handle the toolstack already holds.
 * Its requests are not timed and its failures are told from errno alone
 * (the daemon is named "xenstored").  The toolstack keeps owning xsh:
 * xenrdm_xs_close() frees the wrapper only and never closes xsh, which
 * must stay open until then.
 *
 * Threads: a handle serves one operation at a time (it holds that
 * operation's working storage and hook): use one handle per thread, or
 * serialise the calls on a shared one.  Distinct handles are independent
 * and may be used from different threads at once, also to write and read
 * the same domain (xenstored's transactions order them as above).  An
 * adopted xs_handle is shared with its owner, who may use it meanwhile
 * as libxenstore allows (4.17 serialises the requests on one handle).
 * Functions that take no handle are reentrant.
 */
#ifndef XENRDM_XS_H
#define XENRDM_XS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenrdm/xenrdm.h"

#ifdef __cplusplus
extern "C" {
#endif

struct xs_handle;

#define XENRDM_XS_MAX_TRIES     8
#define XENRDM_XS_PATH_MAX      64   /* "/local/domain/4294967295/..." */
#define XENRDM_XS_VALUE_MAX     24   /* "0x" + 16 hex digits + NUL */
/* count, lowmem-end, highmem-end and start/size of every entry. */
#define XENRDM_XS_FIXED_KEYS    3
#define XENRDM_XS_ENTRY_KEYS    2
#define XENRDM_XS_MAX_KEYS      (XENRDM_XS_FIXED_KEYS + \
				 XENRDM_XS_ENTRY_KEYS * XENRDM_XS_MAX_COUNT)
/* Largest domid a guest can have (DOMID_FIRST_RESERVED - 1). */
#define XENRDM_XS_DOMID_MAX     0x7FEFu

struct xenrdm_xs_key {
	char path[XENRDM_XS_PATH_MAX];   /* absolute */
	char value[XENRDM_XS_VALUE_MAX];
	char perms[XENRDM_XS_VALUE_MAX]; /* as read: "n0,r7"; "" when written */
};

/* The keys of one domain's set, in the order they are written:
 * count, <i>/start, <i>/size for every i, lowmem-end, highmem-end. */
struct xenrdm_xs_keyset {
	uint32_t domid;
	uint32_t nr_keys;
	struct xenrdm_xs_key key[XENRDM_XS_MAX_KEYS];
};

/* Domain 0 owns, the guest reads: the two permission entries, as text. */
#define XENRDM_XS_PERMS_TEXT_FMT "n0,r%u"

/*
 * The keys for LAYOUT (no xenstore needed): its rdm[0..nr_rdm) as they
 * are (the planner's are sorted and merged), both memory ends; reentrant.
 * domid 1..XENRDM_XS_DOMID_MAX (domain 0 has no hvmloader; else
 * -XENRDM_ERR_INVAL), at most
 * XENRDM_XS_MAX_COUNT entries (-XENRDM_ERR_NOSPACE); then the keys are
 * read back by the firmware's own reader (xenrdm_fw_read()), so a set
 * the guest would skip or ignore a part of is refused here, with the
 * firmware's words (-XENRDM_ERR_INVAL): every entry page aligned, size >
 * 0, no wrap, end <= XENRDM_PADDR_LIMIT; lowmem_end page aligned, in
 * [2 MiB, 0xFC000000]; highmem_end page aligned, in [4 GiB,
 * XENRDM_PADDR_LIMIT].
 */
int xenrdm_xs_keyset_from_layout(uint32_t domid,
				 const struct xenrdm_fw_layout *layout,
				 struct xenrdm_xs_keyset *keys_out,
				 char *err, size_t errlen);

/* The library's xenstore handle (above); opaque. */
struct xenrdm_xs;

/*
 * Connect to xenstored (above).  timeout_ms: how long each request on the
 * socket may take, 0 for no limit (xen-rdm passes
 * XENRDM_XS_TIMEOUT_MS_DEFAULT unless told otherwise).  Returns 0 and
 * *xs_out, or, with *xs_out NULL:
 *   -XENRDM_ERR_XENSTORE  nothing to connect to (no socket there, no
 *                         xenbus device), a path that is neither (not
 *                         opened), or xs_open() failed; the message
 *                         names the daemon and errno
 *   -XENRDM_ERR_NOMEM
 */
#define XENRDM_XS_TIMEOUT_MS_DEFAULT 5000u
int xenrdm_xs_open(struct xenrdm_xs **xs_out, unsigned timeout_ms,
		   char *err, size_t errlen);

/*
 * Use the toolstack's own libxenstore handle XSH (above: not timed, not
 * closed by xenrdm_xs_close).  Returns 0 and *xs_out, or, with *xs_out
 * NULL: -XENRDM_ERR_INVAL (xsh NULL), -XENRDM_ERR_NOMEM.
 */
int xenrdm_xs_adopt(struct xenrdm_xs **xs_out, struct xs_handle *xsh,
		    char *err, size_t errlen);

/* Free XS; close its connection when xenrdm_xs_open() made it (an
 * adopted xs_handle stays open, its owner's).  NULL: nothing. */
void xenrdm_xs_close(struct xenrdm_xs *xs);

/* Which daemon xenrdm_xs_open would talk to, for messages ("xenstored at
 * XENSTORED_PATH=/run/x/socket"), into buf.  Returns 1 for a socket, 2
 * for the xenbus device, 0 when it cannot be used (buf still names where
 * it was looked for). */
int xenrdm_xs_daemon(char *buf, size_t len);

/* Fault injection for tests, a field of the handle: HOOK(OPAQUE, n) is
 * called after the n-th key written through XS inside the open
 * transaction (n counts from 1 in every attempt), on the writer's
 * thread.  NULL removes it.  Any handle, opened or adopted.  (The library
 * itself reads no test variable and prints nothing.) */
typedef void (*xenrdm_xs_write_hook)(void *opaque, unsigned nr_writes);
void xenrdm_xs_set_write_hook(struct xenrdm_xs *xs,
			      xenrdm_xs_write_hook hook, void *opaque);

/*
 * Write the set for a plan (its valid regions, merged: the firmware
 * layout of xenrdm_plan_fw_layout()) or for a layout, replacing any
 * earlier set.  Returns 0, or (nothing committed in every case):
 *   -XENRDM_ERR_CONFLICT  (write_plan) the plan has a strict conflict
 *   -XENRDM_ERR_INVAL     domid out of range; a layout the firmware would
 *                         not take (its words); the domain has no
 *                         xenstore home /local/domain/<domid>;
 *                         (write_plan) xenrdm_plan_fw_layout()'s INVAL
 *   -XENRDM_ERR_NOSPACE   more than XENRDM_XS_MAX_COUNT entries
 *   -XENRDM_ERR_XENSTORE  xenstored refused an operation every try (its
 *                         answer), or the connection broke
 *   -XENRDM_ERR_AGAIN     every try conflicted at commit (EAGAIN)
 *   -XENRDM_ERR_TIMEOUT   a request was not answered in time (opened
 *                         handles on the socket only)
 */
int xenrdm_xs_write_plan(struct xenrdm_xs *xs, uint32_t domid,
			 const struct xenrdm_plan *plan,
			 char *err, size_t errlen);
int xenrdm_xs_write_layout(struct xenrdm_xs *xs, uint32_t domid,
			   const struct xenrdm_fw_layout *layout,
			   char *err, size_t errlen);

/* Remove the domain's hvmloader/rdm directory (one transaction), and
 * hvmloader/ when nothing else is in it.  No set is not an error.
 * Returns 0, or -XENRDM_ERR_INVAL (domid out of range) and the xenstore
 * errors of write_layout: XENSTORE, AGAIN, TIMEOUT. */
int xenrdm_xs_clear(struct xenrdm_xs *xs, uint32_t domid,
		    char *err, size_t errlen);

/*
 * Read every key under the domain's hvmloader/rdm directory, as text, in
 * one read-only transaction (a consistent snapshot), sorted by path.
 * Keys are the leaves and every node with a value, in the order a set is
 * written (count, 0/start, 0/size, 1/start, ..., lowmem-end, highmem-end),
 * then any other key by name.  Unknown keys are returned too (show
 * prints what is there); more than XENRDM_XS_MAX_KEYS + 8 keys, a value
 * longer than XENRDM_XS_VALUE_MAX - 1 (cut, flagged by a trailing "...")
 * or a path longer than XENRDM_XS_PATH_MAX - 1: -XENRDM_ERR_NOSPACE for
 * the first and last.  No directory: nr_keys = 0.  Each key's perms are
 * written as xenstore-ls -p does ("n0,r7").  Returns 0, or (nr_keys 0):
 *   -XENRDM_ERR_INVAL     domid out of range
 *   -XENRDM_ERR_NOSPACE   too many keys, or a path too long (above)
 *   -XENRDM_ERR_XENSTORE  xenstored refused a read every try (its
 *                         answer), or the connection broke
 *   -XENRDM_ERR_AGAIN     every try conflicted with a writer at commit
 *   -XENRDM_ERR_TIMEOUT   a request was not answered in time
 */
struct xenrdm_xs_dump {
	uint32_t nr_keys;
	struct xenrdm_xs_key key[XENRDM_XS_MAX_KEYS + 8];
};
int xenrdm_xs_read_keys(struct xenrdm_xs *xs, uint32_t domid,
			struct xenrdm_xs_dump *dump_out,
			char *err, size_t errlen);

/* Read the set as the firmware does: xenrdm_fw_read() (the firmware
 * module's own reader, compiled for the host) over a snapshot of the
 * keys, into a layout with lowmem_end/highmem_end taken from xenstore.
 * The reader's log lines (skipped entries) go into log (optional,
 * truncated to loglen).  Returns read_keys' errors, else the reader's
 * result: 0 (entries it skipped are counted in layout_out->nr_skipped
 * and logged), or -XENRDM_ERR_INVAL (count malformed or over
 * XENRDM_XS_MAX_COUNT: no RDM read). */
int xenrdm_xs_read_layout(struct xenrdm_xs *xs, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen);
/* The same on keys already read (xenrdm_xs_read_keys), so that what is
 * shown and what the firmware reads come from one snapshot; no xenstore,
 * reentrant.  Returns the reader's result, as above. */
int xenrdm_xs_dump_layout(const struct xenrdm_xs_dump *dump, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_XS_H */
