/* SPDX-License-Identifier: MIT */
/*
 * shim/lib/xs.c - a domain's RDM keys in xenstore: write (one transaction,
 * read-only for the guest), clear, read back.  Contract: xenrdm/xs.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xenstore.h>

#include "xenrdm/fw_host.h"
#include "xenrdm/xs.h"

#include "diag.h"

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* "/local/domain/<domid>/hvmloader/rdm" */
static void rdm_dir_path(uint32_t domid, char buf[XENRDM_XS_PATH_MAX])
{
	snprintf(buf, XENRDM_XS_PATH_MAX, XENRDM_XS_DOMAIN_HOME_FMT "/%s",
		 domid, XENRDM_XS_DIR);
}

static int check_domid(uint32_t domid, char *err, size_t errlen)
{
	if (domid == 0 || domid > XENRDM_XS_DOMID_MAX) {
		xenrdm_set_err(err, errlen, "domid %" PRIu32 " out of range (1..%u; "
			"domain 0 runs no hvmloader)", domid,
			XENRDM_XS_DOMID_MAX);
		return -XENRDM_ERR_INVAL;
	}
	return 0;
}

static void key_add(struct xenrdm_xs_keyset *ks, const char *rel,
		    const char *value)
{
	struct xenrdm_xs_key *k = &ks->key[ks->nr_keys++];

	snprintf(k->path, sizeof(k->path), XENRDM_XS_DOMAIN_HOME_FMT "/%s",
		 ks->domid, rel);
	snprintf(k->value, sizeof(k->value), "%s", value);
}

static void key_add_hex(struct xenrdm_xs_keyset *ks, const char *rel,
			uint64_t v)
{
	char value[XENRDM_XS_VALUE_MAX];

	snprintf(value, sizeof(value), "0x%" PRIx64, v);
	key_add(ks, rel, value);
}

int xenrdm_xs_keyset_from_layout(uint32_t domid,
				 const struct xenrdm_fw_layout *layout,
				 struct xenrdm_xs_keyset *keys_out,
				 char *err, size_t errlen)
{
	const uint64_t page_mask = XENRDM_PAGE_SIZE - 1;
	char rel[XENRDM_XS_PATH_MAX], value[XENRDM_XS_VALUE_MAX];
	uint32_t i;
	int rc;

	rc = check_domid(domid, err, errlen);
	if (rc)
		goto out;
	if (layout->nr_rdm > XENRDM_XS_MAX_COUNT) {
		xenrdm_set_err(err, errlen, "%" PRIu32 " RDM entries, more than the "
			"%u the xenstore ABI allows", layout->nr_rdm,
			XENRDM_XS_MAX_COUNT);
		rc = -XENRDM_ERR_NOSPACE;
		goto out;
	}
	if ((layout->lowmem_end & page_mask) ||
	    layout->lowmem_end < XENRDM_FW_RAM_1M ||
	    layout->lowmem_end > XENRDM_FW_RESERVED_MEMBASE) {
		xenrdm_set_err(err, errlen, "lowmem-end 0x%" PRIx64 " not a page "
			"aligned value in [0x100000, 0xfc000000]",
			layout->lowmem_end);
		rc = -XENRDM_ERR_INVAL;
		goto out;
	}
	if ((layout->highmem_end & page_mask) ||
	    layout->highmem_end < XENRDM_FW_4G ||
	    layout->highmem_end >= XENRDM_PADDR_LIMIT) {
		xenrdm_set_err(err, errlen, "highmem-end 0x%" PRIx64 " not a page "
			"aligned value in [4 GiB, 2^52)", layout->highmem_end);
		rc = -XENRDM_ERR_INVAL;
		goto out;
	}
	for (i = 0; i < layout->nr_rdm; i++) {
		const struct xenrdm_range *r = &layout->rdm[i];

		if ((r->start & page_mask) || (r->size & page_mask) ||
		    r->size == 0 || r->start + r->size < r->start ||
		    r->start + r->size > XENRDM_PADDR_LIMIT) {
			xenrdm_set_err(err, errlen, "RDM entry %" PRIu32 " (start "
				"0x%" PRIx64 ", size 0x%" PRIx64 ") is not a "
				"non-empty page aligned range below 2^52", i,
				r->start, r->size);
			rc = -XENRDM_ERR_INVAL;
			goto out;
		}
	}

	memset(keys_out, 0, sizeof(*keys_out));
	keys_out->domid = domid;
	snprintf(value, sizeof(value), "%" PRIu32, layout->nr_rdm);
	key_add(keys_out, XENRDM_XS_COUNT, value);
	for (i = 0; i < layout->nr_rdm; i++) {
		snprintf(rel, sizeof(rel), XENRDM_XS_START_FMT, i);
		key_add_hex(keys_out, rel, layout->rdm[i].start);
		snprintf(rel, sizeof(rel), XENRDM_XS_SIZE_FMT, i);
		key_add_hex(keys_out, rel, layout->rdm[i].size);
	}
	key_add_hex(keys_out, XENRDM_XS_LOWMEM_END, layout->lowmem_end);
	key_add_hex(keys_out, XENRDM_XS_HIGHMEM_END, layout->highmem_end);
out:
	return rc;
}

int xenrdm_xs_open(struct xs_handle **xsh_out, char *err, size_t errlen)
{
	const char *path = getenv("XENSTORED_PATH");
	const char *rundir = getenv("XENSTORED_RUNDIR");

	*xsh_out = xs_open(0);
	if (!*xsh_out) {
		int e = errno;

		if (path)
			xenrdm_set_err(err, errlen, "cannot connect to xenstored at "
				"XENSTORED_PATH=%s: %s", path, strerror(e));
		else if (rundir)
			xenrdm_set_err(err, errlen, "cannot connect to xenstored at "
				"%s/socket (XENSTORED_RUNDIR) or /dev/xen/xenbus: "
				"%s", rundir, strerror(e));
		else
			xenrdm_set_err(err, errlen, "cannot connect to xenstored "
				"(/var/run/xenstored/socket, /dev/xen/xenbus): %s",
				strerror(e));
		return -XENRDM_ERR_XENSTORE;
	}
	return 0;
}

void xenrdm_xs_close(struct xs_handle *xsh)
{
	xs_close(xsh);
}

/*
 * The test hook of xenrdm/xs.h: XENRDM_TEST_PAUSE_AFTER_WRITES=N[:MS].
 * Returns how many writes to do before pausing (0: never) and the pause.
 */
static unsigned test_pause_after(unsigned *ms_out)
{
	const char *s = getenv("XENRDM_TEST_PAUSE_AFTER_WRITES");
	char *end;
	unsigned long n, ms = 5000;

	if (!s || !*s)
		return 0;
	n = strtoul(s, &end, 10);
	if (*end == ':')
		ms = strtoul(end + 1, &end, 10);
	*ms_out = (unsigned)ms;
	return *end ? 0 : (unsigned)n;
}

static void test_pause(unsigned after, unsigned ms)
{
	fprintf(stderr, "xenrdm: test hook: paused after %u writes\n", after);
	sleep_ms(ms);
}

/* Why a libxenstore call failed, from errno. */
static int xs_failure(char *err, size_t errlen, const char *what,
		      const char *path)
{
	int e = errno;

	xenrdm_set_err(err, errlen, "xenstore %s %s failed: %s%s", what, path,
		strerror(e),
		e == EACCES ? " (permission refused)" :
		e == ENOSPC || e == E2BIG ? " (a xenstored quota was reached)" :
		e == EINVAL ? " (xenstored refused it: a path or size limit?)" :
		e == EPIPE || e == ECONNRESET || e == EIO ?
			" (the connection to xenstored broke)" : "");
	return -XENRDM_ERR_XENSTORE;
}

static bool set_guest_readonly(struct xs_handle *xsh, xs_transaction_t t,
			       const char *path, uint32_t domid)
{
	struct xs_permissions perms[2] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = domid, .perms = XS_PERM_READ },
	};

	return xs_set_permissions(xsh, t, path, perms, 2);
}

/*
 * One attempt: remove the directory, then write (keys != NULL) every key
 * with its permissions.  Returns 0 when committed, -XENRDM_ERR_AGAIN on
 * EAGAIN at commit, another error after aborting.
 */
static int transaction_once(struct xs_handle *xsh, uint32_t domid,
			    const struct xenrdm_xs_keyset *keys,
			    char *err, size_t errlen)
{
	char dir[XENRDM_XS_PATH_MAX], entry_dir[XENRDM_XS_PATH_MAX + 16];
	unsigned pause_ms = 0, pause_after = test_pause_after(&pause_ms);
	xs_transaction_t t;
	uint32_t i;
	int rc = 0;

	rdm_dir_path(domid, dir);
	t = xs_transaction_start(xsh);
	if (t == XBT_NULL)
		return xs_failure(err, errlen, "transaction start for", dir);

	if (!xs_rm(xsh, t, dir) && errno != ENOENT) {
		rc = xs_failure(err, errlen, "remove", dir);
		goto out;
	}
	for (i = 0; keys && i < keys->nr_keys; i++) {
		const struct xenrdm_xs_key *k = &keys->key[i];

		if (!xs_write(xsh, t, k->path, k->value, strlen(k->value))) {
			rc = xs_failure(err, errlen, "write of", k->path);
			goto out;
		}
		if (pause_after && i + 1 == pause_after)
			test_pause(pause_after, pause_ms);
		if (!set_guest_readonly(xsh, t, k->path, domid)) {
			rc = xs_failure(err, errlen, "set permissions on",
					k->path);
			goto out;
		}
	}
	if (keys) {
		/* The directories the writes created implicitly. */
		if (!set_guest_readonly(xsh, t, dir, domid)) {
			rc = xs_failure(err, errlen, "set permissions on", dir);
			goto out;
		}
		for (i = 0; i < (keys->nr_keys - 3) / 2; i++) {
			snprintf(entry_dir, sizeof(entry_dir), "%s/%" PRIu32,
				 dir, i);
			if (!set_guest_readonly(xsh, t, entry_dir, domid)) {
				rc = xs_failure(err, errlen,
						"set permissions on", entry_dir);
				goto out;
			}
		}
	}
out:
	if (rc) {
		int e = errno;

		xs_transaction_end(xsh, t, true);
		errno = e;
		return rc;
	}
	if (!xs_transaction_end(xsh, t, false)) {
		if (errno == EAGAIN)
			return -XENRDM_ERR_AGAIN;
		return xs_failure(err, errlen, "transaction commit for", dir);
	}
	return 0;
}

/* Retry a conflicting transaction a bounded number of times. */
static int transaction_retry(struct xs_handle *xsh, uint32_t domid,
			     const struct xenrdm_xs_keyset *keys,
			     char *err, size_t errlen)
{
	char dir[XENRDM_XS_PATH_MAX];
	unsigned attempt;
	int rc = -XENRDM_ERR_AGAIN;

	for (attempt = 0; attempt < XENRDM_XS_MAX_TRIES; attempt++) {
		if (attempt)
			sleep_ms(1u << (attempt - 1));
		rc = transaction_once(xsh, domid, keys, err, errlen);
		if (rc != -XENRDM_ERR_AGAIN)
			return rc;
	}
	rdm_dir_path(domid, dir);
	xenrdm_set_err(err, errlen, "xenstore transaction on %s conflicted with "
		"another writer %u times (EAGAIN); gave up, nothing written",
		dir, XENRDM_XS_MAX_TRIES);
	return rc;
}

int xenrdm_xs_write_layout(struct xs_handle *xsh, uint32_t domid,
			   const struct xenrdm_fw_layout *layout,
			   char *err, size_t errlen)
{
	struct xenrdm_xs_keyset *keys;
	int rc;

	keys = malloc(sizeof(*keys));
	if (!keys) {
		xenrdm_set_err(err, errlen, "out of memory");
		return -XENRDM_ERR_NOMEM;
	}
	rc = xenrdm_xs_keyset_from_layout(domid, layout, keys, err, errlen);
	if (rc)
		goto out;
	rc = transaction_retry(xsh, domid, keys, err, errlen);
out:
	free(keys);
	return rc;
}

int xenrdm_xs_write_plan(struct xs_handle *xsh, uint32_t domid,
			 const struct xenrdm_plan *plan,
			 char *err, size_t errlen)
{
	struct xenrdm_fw_layout *layout;
	int rc;

	if (plan->nr_conflict) {
		xenrdm_set_err(err, errlen, "the plan has %zu strict RDM conflict%s; "
			"nothing written", plan->nr_conflict,
			plan->nr_conflict == 1 ? "" : "s");
		return -XENRDM_ERR_CONFLICT;
	}
	layout = malloc(sizeof(*layout));
	if (!layout) {
		xenrdm_set_err(err, errlen, "out of memory");
		return -XENRDM_ERR_NOMEM;
	}
	rc = xenrdm_plan_fw_layout(plan, layout);
	if (rc) {
		xenrdm_set_err(err, errlen, "cannot turn the plan into the firmware "
			"layout: %s", xenrdm_strerror(rc));
		goto out;
	}
	/* rel: a set whose e820 exceeds E820MAX would fail in the guest's
	 * build at boot; refuse it here instead. */
	{
		struct xenrdm_e820entry tab[XENRDM_E820MAX];
		uint32_t nr;

		rc = xenrdm_e820_build(layout, tab, XENRDM_E820MAX, &nr);
		if (rc) {
			xenrdm_set_err(err, errlen, "the guest e820 for this plan "
				"cannot be built: %s; nothing written",
				xenrdm_strerror(rc));
			goto out;
		}
	}
	rc = xenrdm_xs_write_layout(xsh, domid, layout, err, errlen);
out:
	free(layout);
	return rc;
}

int xenrdm_xs_clear(struct xs_handle *xsh, uint32_t domid,
		    char *err, size_t errlen)
{
	int rc = check_domid(domid, err, errlen);

	if (rc)
		return rc;
	return transaction_retry(xsh, domid, NULL, err, errlen);
}

/*
 * Show order = write order: count, <i>/start, <i>/size by index,
 * lowmem-end, highmem-end, then anything else by name.  Only the part
 * after ".../hvmloader/rdm/" counts; every path read shares that prefix.
 */
static unsigned long long key_rank(const char *path)
{
	const char *rel = strstr(path, "/" XENRDM_XS_DIR "/");
	unsigned long long idx;
	char *end;

	if (!rel)
		return ~0ULL;
	rel += strlen("/" XENRDM_XS_DIR "/");
	if (!strcmp(rel, "count"))
		return 0;
	if (rel[0] >= '0' && rel[0] <= '9') {
		idx = strtoull(rel, &end, 10);
		if (idx < (1ULL << 32) && !strcmp(end, "/" XENRDM_XS_LEAF_START))
			return 1 + 2 * idx;
		if (idx < (1ULL << 32) && !strcmp(end, "/" XENRDM_XS_LEAF_SIZE))
			return 2 + 2 * idx;
	}
	if (!strcmp(rel, "lowmem-end"))
		return 1ULL << 40;
	if (!strcmp(rel, "highmem-end"))
		return (1ULL << 40) + 1;
	return ~0ULL;
}

static int key_cmp(const void *a, const void *b)
{
	const char *p = ((const struct xenrdm_xs_key *)a)->path;
	const char *q = ((const struct xenrdm_xs_key *)b)->path;
	unsigned long long rp = key_rank(p), rq = key_rank(q);

	if (rp != rq)
		return rp < rq ? -1 : 1;
	return strcmp(p, q);
}

/* Permissions as xenstore-ls -p prints them: "n0,r7". */
static void perms_text(const struct xs_permissions *perms, unsigned int nr,
		       char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < nr && used < len; i++) {
		char c;
		int n;

		switch (perms[i].perms & (XS_PERM_READ | XS_PERM_WRITE)) {
		case XS_PERM_READ:  c = 'r'; break;
		case XS_PERM_WRITE: c = 'w'; break;
		case XS_PERM_READ | XS_PERM_WRITE: c = 'b'; break;
		default: c = 'n'; break;
		}
		n = snprintf(buf + used, len - used, "%s%c%u", i ? "," : "",
			     c, perms[i].id);
		used += n > 0 ? (size_t)n : 0;
	}
}

/* Depth-first over PATH's children: every leaf and every node with a
 * value becomes a key.  *nr_children_out: PATH's children. */
static int read_tree(struct xs_handle *xsh, xs_transaction_t t,
		     const char *path, struct xenrdm_xs_dump *d,
		     unsigned int *nr_children_out, char *err, size_t errlen)
{
	const uint32_t cap = sizeof(d->key) / sizeof(d->key[0]);
	char child[XENRDM_XS_PATH_MAX];
	unsigned int nr = 0, i;
	char **names;
	int rc = 0;

	*nr_children_out = 0;
	names = xs_directory(xsh, t, path, &nr);
	if (!names) {
		if (errno == ENOENT)
			return 0;
		return xs_failure(err, errlen, "directory of", path);
	}
	*nr_children_out = nr;
	for (i = 0; i < nr && !rc; i++) {
		struct xs_permissions *perms = NULL;
		unsigned int len = 0, nr_perms = 0, nr_grandchildren = 0;
		char *value = NULL;
		int n;

		n = snprintf(child, sizeof(child), "%s/%s", path, names[i]);
		if (n < 0 || (size_t)n >= sizeof(child)) {
			xenrdm_set_err(err, errlen, "xenstore key %s/%s too long",
				path, names[i]);
			rc = -XENRDM_ERR_NOSPACE;
			goto next;
		}
		value = xs_read(xsh, t, child, &len);
		if (!value) {
			rc = xs_failure(err, errlen, "read of", child);
			goto next;
		}
		perms = xs_get_permissions(xsh, t, child, &nr_perms);
		if (!perms) {
			rc = xs_failure(err, errlen, "get permissions of", child);
			goto next;
		}
		rc = read_tree(xsh, t, child, d, &nr_grandchildren, err, errlen);
		if (rc || (!len && nr_grandchildren))
			goto next;
		if (d->nr_keys == cap) {
			xenrdm_set_err(err, errlen, "more than %" PRIu32 " keys under "
				"%s", cap, path);
			rc = -XENRDM_ERR_NOSPACE;
			goto next;
		}
		{
			struct xenrdm_xs_key *k = &d->key[d->nr_keys++];

			snprintf(k->path, sizeof(k->path), "%s", child);
			if (len < sizeof(k->value))
				snprintf(k->value, sizeof(k->value), "%.*s",
					 (int)len, value);
			else
				snprintf(k->value, sizeof(k->value), "%.*s...",
					 (int)sizeof(k->value) - 4, value);
			perms_text(perms, nr_perms, k->perms, sizeof(k->perms));
		}
next:
		free(perms);
		free(value);
	}
	free(names);
	return rc;
}

int xenrdm_xs_read_keys(struct xs_handle *xsh, uint32_t domid,
			struct xenrdm_xs_dump *dump_out,
			char *err, size_t errlen)
{
	char dir[XENRDM_XS_PATH_MAX];
	unsigned int nr_children;
	xs_transaction_t t;
	int rc;

	dump_out->nr_keys = 0;
	rc = check_domid(domid, err, errlen);
	if (rc)
		return rc;
	rdm_dir_path(domid, dir);
	/* A transaction is a snapshot; aborting it never conflicts. */
	t = xs_transaction_start(xsh);
	if (t == XBT_NULL)
		return xs_failure(err, errlen, "transaction start for", dir);
	rc = read_tree(xsh, t, dir, dump_out, &nr_children, err, errlen);
	xs_transaction_end(xsh, t, true);
	if (rc)
		return rc;
	qsort(dump_out->key, dump_out->nr_keys, sizeof(dump_out->key[0]),
	      key_cmp);
	return 0;
}

/* The firmware reader's view of a snapshot: paths relative to the home. */
struct snapshot_reader {
	const struct xenrdm_xs_dump *dump;
	char home[XENRDM_XS_PATH_MAX];
	size_t home_len;
	char *log;
	size_t loglen, logused;
};

static const char *snapshot_read(void *opaque, const char *path,
				 const char *def)
{
	const struct snapshot_reader *s = opaque;
	uint32_t i;

	for (i = 0; i < s->dump->nr_keys; i++) {
		const char *p = s->dump->key[i].path;

		if (!strncmp(p, s->home, s->home_len) &&
		    p[s->home_len] == '/' && !strcmp(p + s->home_len + 1, path))
			return s->dump->key[i].value;
	}
	return def;
}

static void snapshot_log(void *opaque, const char *text)
{
	struct snapshot_reader *s = opaque;
	int n;

	if (!s->log || s->logused + 1 >= s->loglen)
		return;
	n = snprintf(s->log + s->logused, s->loglen - s->logused, "%s", text);
	if (n > 0)
		s->logused += (size_t)n < s->loglen - s->logused ?
			      (size_t)n : s->loglen - s->logused - 1;
}

int xenrdm_xs_read_layout(struct xs_handle *xsh, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen)
{
	struct snapshot_reader s = { .log = log, .loglen = loglen };
	struct xenrdm_xs_dump *dump;
	xenrdm_fw_host_reader saved_reader;
	xenrdm_fw_host_logger saved_logger;
	void *saved_reader_opaque, *saved_logger_opaque;
	int rc;

	if (log && loglen)
		log[0] = '\0';
	dump = malloc(sizeof(*dump));
	if (!dump) {
		xenrdm_set_err(err, errlen, "out of memory");
		return -XENRDM_ERR_NOMEM;
	}
	rc = xenrdm_xs_read_keys(xsh, domid, dump, err, errlen);
	if (rc)
		goto out;
	s.dump = dump;
	snprintf(s.home, sizeof(s.home), XENRDM_XS_DOMAIN_HOME_FMT, domid);
	s.home_len = strlen(s.home);

	/* The hooks are process-global (xenrdm/fw_host.h): set, restore. */
	xenrdm_fw_host_get_reader(&saved_reader, &saved_reader_opaque);
	xenrdm_fw_host_get_logger(&saved_logger, &saved_logger_opaque);
	xenrdm_fw_host_set_reader(snapshot_read, &s);
	xenrdm_fw_host_set_logger(snapshot_log, &s);
	/* 0, 0: the memory ends come from xenstore, as the ABI allows. */
	xenrdm_fw_layout_init(layout_out, 0, 0);
	rc = xenrdm_fw_read(layout_out);
	xenrdm_fw_host_set_reader(saved_reader, saved_reader_opaque);
	xenrdm_fw_host_set_logger(saved_logger, saved_logger_opaque);
	if (rc)
		xenrdm_set_err(err, errlen, "the firmware reader rejects the set of "
			"domain %" PRIu32 ": %s", domid, xenrdm_strerror(rc));
out:
	free(dump);
	return rc;
}
