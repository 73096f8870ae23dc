/* SPDX-License-Identifier: MIT */
/*
 * tests/xs/xs_handles.c - the library's xenstore handles hold all their
 * state (xenrdm/xs.h): no table, no global, no limit on how many are
 * open, and distinct handles are independent, also across threads.  Run
 * by tests/xs/test_handles.sh against Xen's real xenstored
 * ($XENSTORED_PATH); DIR (argv[1]) is where it makes a socket that
 * accepts and never answers.
 *
 *   many_hooks      12 handles open at once (the old table kept 8), each
 *                   with its own write hook: every key written through
 *                   handle i calls hook i only, as often as keys were
 *                   written; every set reads back through another handle
 *   many_timeouts   12 handles opened at once from 12 threads on the
 *                   silent socket, timeouts 100, 125, ... 375 ms: each
 *                   request fails with -XENRDM_ERR_TIMEOUT after its own
 *                   handle's timeout, and the message names that timeout
 *   threads         4 threads, each with its own handle, hook and domain,
 *                   write a set and read it back ROUNDS times at once:
 *                   every read gives the thread's own last set, every
 *                   hook call is the thread's own; the store ends with
 *                   each thread's last set
 *   adopt           a toolstack's own xs_handle: written and read through,
 *                   its hook called, and still open (and the toolstack's)
 *                   after xenrdm_xs_close
 *
 * Output: "ok: NAME", or "FAIL: NAME" with expected and got; lines
 * "measured: ..." with timings; exit 0 when all passed, 1 when one
 * failed (or all did not end within 30 s), 2 when the setup failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#include "xenrdm/errors.h"
#include "xenrdm/xs.h"

#define N_MANY    12u   /* more than the old table's 8 */
#define N_THREADS 4u
#define ROUNDS    150u  /* per thread: ~1 s on 2 cores */
#define DOM_MANY   100u /* domains 100.. for many_hooks */
#define DOM_THREAD 200u /* 200.. for threads */
#define DOM_ADOPT  300u

static int failures;

/* FAIL: NAME, then one line per detail (expected, got). */
static void fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: %s\n      ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

/* A request left without its timeout blocks for ever: fail instead. */
#define WATCHDOG_S 30
static void watchdog(int sig)
{
	static const char msg[] = "FAIL: xs_handles did not end within 30 s "
		"(a request on the silent socket without its timeout?)\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* /local/domain/DOMID as a toolstack makes it: n0, readable by the guest. */
static int home_make(unsigned domid)
{
	struct xs_permissions perms[2] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = domid, .perms = XS_PERM_READ },
	};
	struct xs_handle *xsh = xs_open(0);
	char path[64];
	bool ok;

	if (!xsh)
		return -1;
	snprintf(path, sizeof(path), "/local/domain/%u", domid);
	ok = xs_write(xsh, XBT_NULL, path, "", 0) &&
	     xs_set_permissions(xsh, XBT_NULL, path, perms, 2);
	xs_close(xsh);
	return ok ? 0 : -1;
}

/* A layout with NR entries whose values say who wrote it (TAG) and when
 * (ROUND): a read back of another writer's set cannot pass for it. */
static void layout_make(struct xenrdm_fw_layout *l, unsigned tag,
			unsigned round, unsigned nr)
{
	unsigned i;

	memset(l, 0, sizeof(*l));
	l->lowmem_end = 0x80000000ULL - (uint64_t)(round % 64) * 0x200000;
	l->highmem_end = 0x100000000ULL + (uint64_t)tag * 0x10000000 +
			 (uint64_t)round * 0x1000;
	l->nr_rdm = nr;
	for (i = 0; i < nr; i++) {
		l->rdm[i].start = 0xC0000000ULL + (uint64_t)tag * 0x1000000 +
				  (uint64_t)i * 0x100000;
		l->rdm[i].size = 0x1000 * (uint64_t)(1 + (round + i) % 16);
	}
}

/* What the firmware reads back equals what was written. */
static bool layout_same(const struct xenrdm_fw_layout *a,
			const struct xenrdm_fw_layout *b)
{
	uint32_t i;

	if (a->lowmem_end != b->lowmem_end ||
	    a->highmem_end != b->highmem_end || a->nr_rdm != b->nr_rdm ||
	    b->nr_skipped)
		return false;
	for (i = 0; i < a->nr_rdm; i++)
		if (a->rdm[i].start != b->rdm[i].start ||
		    a->rdm[i].size != b->rdm[i].size)
			return false;
	return true;
}

/* A hook's record: whose it is, and what it saw. */
struct hook_rec {
	unsigned owner;
	pthread_t thread;       /* the thread that writes through it */
	unsigned calls;         /* every call */
	unsigned last_n;        /* nr_writes of the last call */
	unsigned foreign;       /* calls on another thread */
};

static void hook(void *opaque, unsigned nr_writes)
{
	struct hook_rec *r = opaque;

	r->calls++;
	r->last_n = nr_writes;
	if (!pthread_equal(r->thread, pthread_self()))
		r->foreign++;
}

/* The keys a set of NR entries has: count, lowmem-end, highmem-end and
 * a start and a size each. */
static unsigned keys_of(unsigned nr)
{
	return XENRDM_XS_FIXED_KEYS + XENRDM_XS_ENTRY_KEYS * nr;
}

static void test_many_hooks(void)
{
	static struct xenrdm_fw_layout l, back;
	struct xenrdm_xs *xs[N_MANY] = { NULL };
	struct hook_rec rec[N_MANY];
	char err[512];
	unsigned i, j;
	int rc;
	bool ok = true;

	memset(rec, 0, sizeof(rec));
	for (i = 0; i < N_MANY; i++) {
		rc = xenrdm_xs_open(&xs[i], 5000, err, sizeof(err));
		if (rc) {
			fail("many_hooks", "open of handle %u: expected 0, got "
			     "%d (%s)", i, rc, err);
			goto out;
		}
		rec[i].owner = i;
		rec[i].thread = pthread_self();
		xenrdm_xs_set_write_hook(xs[i], hook, &rec[i]);
	}
	/* Last opened first: no handle depends on its place among others. */
	for (j = N_MANY; j-- > 0;) {
		unsigned before[N_MANY];

		for (i = 0; i < N_MANY; i++)
			before[i] = rec[i].calls;
		layout_make(&l, j, 0, j + 1);
		rc = xenrdm_xs_write_layout(xs[j], DOM_MANY + j, &l, err,
					    sizeof(err));
		if (rc) {
			fail("many_hooks", "write through handle %u: expected "
			     "0, got %d (%s)", j, rc, err);
			ok = false;
			continue;
		}
		for (i = 0; i < N_MANY; i++) {
			unsigned want = i == j ? keys_of(j + 1) : 0;

			if (rec[i].calls - before[i] != want) {
				fail("many_hooks", "writing %u keys through "
				     "handle %u: expected hook %u called %u "
				     "times, got %u", keys_of(j + 1), j, i,
				     want, rec[i].calls - before[i]);
				ok = false;
			}
		}
		if (rec[j].last_n != keys_of(j + 1)) {
			fail("many_hooks", "handle %u: expected the last call "
			     "to count %u writes, got %u", j, keys_of(j + 1),
			     rec[j].last_n);
			ok = false;
		}
	}
	/* Each set reads back as written, through another handle. */
	for (j = 0; j < N_MANY; j++) {
		layout_make(&l, j, 0, j + 1);
		rc = xenrdm_xs_read_layout(xs[N_MANY - 1 - j], DOM_MANY + j,
					   &back, NULL, 0, err, sizeof(err));
		if (rc || !layout_same(&l, &back)) {
			fail("many_hooks", "domain %u read through handle %u: "
			     "expected rc 0 and the %u entries written, got "
			     "rc %d, %" PRIu32 " entries (%s)", DOM_MANY + j,
			     N_MANY - 1 - j, j + 1, rc, back.nr_rdm, err);
			ok = false;
		}
	}
	if (ok)
		printf("ok: many_hooks (%u handles open at once)\n", N_MANY);
out:
	for (i = 0; i < N_MANY; i++)
		xenrdm_xs_close(xs[i]);
}

/* A socket that accepts (its backlog does) and never answers. */
static int silent_socket(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0 || strlen(path) >= sizeof(a.sun_path))
		return -1;
	memcpy(a.sun_path, path, strlen(path) + 1);
	unlink(path);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 64)) {
		close(fd);
		return -1;
	}
	return fd;
}

struct timeout_job {
	unsigned idx, timeout_ms;
	pthread_barrier_t *opened;      /* all open before any request */
	int open_rc, rc;
	uint64_t took_ms;
	char err[512];
};

static void *timeout_thread(void *arg)
{
	struct timeout_job *j = arg;
	static __thread struct xenrdm_xs_dump dump;
	struct xenrdm_xs *xs = NULL;
	uint64_t t0;

	j->open_rc = xenrdm_xs_open(&xs, j->timeout_ms, j->err,
				    sizeof(j->err));
	pthread_barrier_wait(j->opened);
	if (j->open_rc)
		return NULL;
	t0 = now_ms();
	j->rc = xenrdm_xs_read_keys(xs, 7, &dump, j->err, sizeof(j->err));
	j->took_ms = now_ms() - t0;
	xenrdm_xs_close(xs);
	return NULL;
}

static void test_many_timeouts(const char *dir)
{
	struct timeout_job job[N_MANY];
	pthread_t th[N_MANY];
	pthread_barrier_t opened;
	char path[256], want[64], *saved;
	unsigned i;
	int fd;
	bool ok = true;

	snprintf(path, sizeof(path), "%s/silent", dir);
	fd = silent_socket(path);
	if (fd < 0) {
		fail("many_timeouts", "expected a listening socket at %s, got "
		     "%s", path, strerror(errno));
		return;
	}
	saved = getenv("XENSTORED_PATH");
	saved = saved ? strdup(saved) : NULL;
	setenv("XENSTORED_PATH", path, 1);
	pthread_barrier_init(&opened, NULL, N_MANY);
	memset(job, 0, sizeof(job));
	for (i = 0; i < N_MANY; i++) {
		job[i].idx = i;
		job[i].timeout_ms = 100 + 25 * i;
		job[i].opened = &opened;
		pthread_create(&th[i], NULL, timeout_thread, &job[i]);
	}
	for (i = 0; i < N_MANY; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&opened);
	if (saved)
		setenv("XENSTORED_PATH", saved, 1);
	free(saved);
	close(fd);
	unlink(path);

	for (i = 0; i < N_MANY; i++) {
		const struct timeout_job *j = &job[i];

		snprintf(want, sizeof(want), "within 0.%03u s", j->timeout_ms);
		if (j->open_rc || j->rc != -XENRDM_ERR_TIMEOUT ||
		    !strstr(j->err, want) ||
		    j->took_ms + 5 < j->timeout_ms ||
		    j->took_ms > j->timeout_ms + 400) {
			fail("many_timeouts", "handle %u (timeout %u ms): "
			     "expected -XENRDM_ERR_TIMEOUT (%d) after %u ms "
			     "saying '%s', got open %d, rc %d after %" PRIu64
			     " ms: %s", i, j->timeout_ms, -XENRDM_ERR_TIMEOUT,
			     j->timeout_ms, want, j->open_rc, j->rc,
			     j->took_ms, j->err);
			ok = false;
		}
	}
	if (ok)
		printf("ok: many_timeouts (%u handles, each its own timeout)\n",
		       N_MANY);
}

struct thread_job {
	unsigned idx, rounds;
	struct hook_rec rec;
	unsigned written_keys;          /* keys of the sets written */
	unsigned bad_reads, errors;
	char first_bad[600];
	struct xenrdm_fw_layout want, back;
};

static void *writer_thread(void *arg)
{
	struct thread_job *j = arg;
	struct xenrdm_xs *xs = NULL;
	char err[512];
	unsigned r;
	int rc;

	j->rec.owner = j->idx;
	j->rec.thread = pthread_self();
	rc = xenrdm_xs_open(&xs, 5000, err, sizeof(err));
	if (rc) {
		j->errors++;
		snprintf(j->first_bad, sizeof(j->first_bad), "open: %d (%s)",
			 rc, err);
		return NULL;
	}
	xenrdm_xs_set_write_hook(xs, hook, &j->rec);
	for (r = 0; r < j->rounds; r++) {
		unsigned nr = 1 + (r + j->idx) % 6;

		layout_make(&j->want, j->idx + 1, r, nr);
		rc = xenrdm_xs_write_layout(xs, DOM_THREAD + j->idx, &j->want,
					    err, sizeof(err));
		if (!rc) {
			j->written_keys += keys_of(nr);
			rc = xenrdm_xs_read_layout(xs, DOM_THREAD + j->idx,
						   &j->back, NULL, 0, err,
						   sizeof(err));
		}
		if (rc) {
			if (!j->errors++)
				snprintf(j->first_bad, sizeof(j->first_bad),
					 "round %u: rc %d (%s)", r, rc, err);
		} else if (!layout_same(&j->want, &j->back)) {
			if (!j->bad_reads++ && !j->errors)
				snprintf(j->first_bad, sizeof(j->first_bad),
					 "round %u: wrote %u entries, highmem "
					 "0x%" PRIx64 "; read %" PRIu32
					 " entries, highmem 0x%" PRIx64, r, nr,
					 j->want.highmem_end, j->back.nr_rdm,
					 j->back.highmem_end);
		}
	}
	xenrdm_xs_close(xs);
	return NULL;
}

/* N threads x ROUNDS write + read back, each its own handle and domain;
 * returns the wall time in ms (0 when a thread failed). */
static uint64_t run_threads(unsigned n, const char *name)
{
	static struct thread_job job[N_THREADS];
	static struct xenrdm_fw_layout back;
	pthread_t th[N_THREADS];
	struct xenrdm_xs *xs = NULL;
	char err[512];
	uint64_t t0, took;
	unsigned i;
	bool ok = true;
	int rc;

	memset(job, 0, sizeof(job));
	t0 = now_ms();
	for (i = 0; i < n; i++) {
		job[i].idx = i;
		job[i].rounds = ROUNDS;
		pthread_create(&th[i], NULL, writer_thread, &job[i]);
	}
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	took = now_ms() - t0;

	for (i = 0; i < n; i++) {
		const struct thread_job *j = &job[i];

		if (j->errors || j->bad_reads) {
			fail(name, "thread %u: expected %u rounds without error, "
			     "each reading back its own set; got %u errors, %u "
			     "other sets; first: %s", i, ROUNDS, j->errors,
			     j->bad_reads, j->first_bad);
			ok = false;
		}
		/* A retried attempt calls the hook again: at least once per
		 * key, and only on the thread's own handle. */
		if (j->rec.calls < j->written_keys || j->rec.foreign) {
			fail(name, "thread %u: expected its hook called at "
			     "least %u times, all on its thread; got %u calls, "
			     "%u on another thread", i, j->written_keys,
			     j->rec.calls, j->rec.foreign);
			ok = false;
		}
	}
	/* The store holds each thread's last set. */
	rc = xenrdm_xs_open(&xs, 5000, err, sizeof(err));
	for (i = 0; i < n && !rc; i++) {
		rc = xenrdm_xs_read_layout(xs, DOM_THREAD + i, &back, NULL, 0,
					   err, sizeof(err));
		if (rc || !layout_same(&job[i].want, &back)) {
			fail(name, "domain %u: expected thread %u's last set "
			     "(%" PRIu32 " entries), got rc %d, %" PRIu32
			     " entries (%s)", DOM_THREAD + i, i,
			     job[i].want.nr_rdm, rc, back.nr_rdm, err);
			ok = false;
			rc = 0;
		}
	}
	if (rc) {
		fail(name, "expected to read the store, got %d (%s)", rc, err);
		ok = false;
	}
	xenrdm_xs_close(xs);
	if (ok) {
		unsigned extra = 0;

		for (i = 0; i < n; i++)
			extra += job[i].rec.calls - job[i].written_keys;
		printf("ok: %s (%u threads x %u rounds of write + read back; "
		       "%u hook calls from retried attempts)\n", name, n,
		       ROUNDS, extra);
	}
	return ok ? took : 0;
}

static void test_adopt(void)
{
	static struct xenrdm_fw_layout l, back;
	struct xs_handle *xsh = xs_open(0);
	struct xenrdm_xs *xs = NULL;
	struct hook_rec rec = { .thread = pthread_self() };
	char err[512] = "", path[64], *v;
	unsigned len;
	int rc;
	bool ok = true;

	if (!xsh) {
		fail("adopt", "expected xs_open(0) to connect, got %s",
		     strerror(errno));
		return;
	}
	rc = xenrdm_xs_adopt(&xs, xsh, err, sizeof(err));
	if (rc) {
		fail("adopt", "expected 0, got %d (%s)", rc, err);
		xs_close(xsh);
		return;
	}
	xenrdm_xs_set_write_hook(xs, hook, &rec);
	layout_make(&l, 9, 1, 3);
	rc = xenrdm_xs_write_layout(xs, DOM_ADOPT, &l, err, sizeof(err));
	if (!rc)
		rc = xenrdm_xs_read_layout(xs, DOM_ADOPT, &back, NULL, 0, err,
					   sizeof(err));
	if (rc || !layout_same(&l, &back) || rec.calls != keys_of(3)) {
		fail("adopt", "expected the set written and read back through "
		     "the adopted handle, its hook called %u times; got rc %d "
		     "(%s), %" PRIu32 " entries, %u calls", keys_of(3), rc, err,
		     back.nr_rdm, rec.calls);
		ok = false;
	}
	/* Errors as for an opened handle: no home, said so. */
	rc = xenrdm_xs_write_layout(xs, DOM_ADOPT + 1, &l, err, sizeof(err));
	if (rc != -XENRDM_ERR_INVAL || !strstr(err, "has no xenstore home")) {
		fail("adopt", "a domain without a home: expected %d naming it, "
		     "got %d (%s)", -XENRDM_ERR_INVAL, rc, err);
		ok = false;
	}
	xenrdm_xs_close(xs);
	/* The toolstack's handle is still open, and still its own. */
	snprintf(path, sizeof(path), "/local/domain/%u/hvmloader/rdm/count",
		 DOM_ADOPT);
	v = xs_read(xsh, XBT_NULL, path, &len);
	if (!v || strcmp(v, "3")) {
		fail("adopt", "after xenrdm_xs_close: expected the toolstack's "
		     "handle to read %s = 3, got %s", path,
		     v ? v : strerror(errno));
		ok = false;
	}
	free(v);
	xs_close(xsh);
	if (ok)
		printf("ok: adopt\n");
}

int main(int argc, char **argv)
{
	uint64_t one, many;
	unsigned i;

	if (argc != 2 || !getenv("XENSTORED_PATH")) {
		fprintf(stderr, "usage: XENSTORED_PATH=SOCKET xs_handles DIR\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, watchdog);
	alarm(WATCHDOG_S);
	for (i = 0; i < N_MANY; i++)
		if (home_make(DOM_MANY + i))
			goto setup;
	for (i = 0; i < N_THREADS; i++)
		if (home_make(DOM_THREAD + i))
			goto setup;
	if (home_make(DOM_ADOPT))
		goto setup;

	test_many_hooks();
	test_many_timeouts(argv[1]);
	one = run_threads(1, "one_thread");
	many = run_threads(N_THREADS, "threads");
	if (one && many)
		printf("measured: %u rounds of write + read back: 1 thread "
		       "%" PRIu64 " ms; %u threads at once %" PRIu64 " ms "
		       "(%u rounds)\n", ROUNDS, one, N_THREADS, many,
		       N_THREADS * ROUNDS);
	test_adopt();
	return failures ? 1 : 0;
setup:
	fprintf(stderr, "xs_handles: cannot make the domains' homes at %s: "
		"%s\n", getenv("XENSTORED_PATH"), strerror(errno));
	return 2;
}
