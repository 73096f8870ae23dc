/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_fw_env.c - the firmware's environment on the host is a
 * context passed to each xenrdm_fw_host_*() call (xenrdm/fw_host.h), not
 * a process-global setting:
 *   - a call without one sees an empty xenstore and logs nothing;
 *   - calls nest: a logger that itself runs the firmware with another
 *     environment gets that one's log, and its own call goes on with its
 *     own reader and logger afterwards;
 *   - threads at once, each with its own key set and log, never see each
 *     other's (a process-global environment fails this; so does one
 *     not restored after a nested call: test_nested).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xenrdm/fw_host.h"

#define THREADS 4
#define ROUNDS  2000

/* A key set: count entries of one page each from base, ends fixed. */
struct keyset {
	unsigned count;
	uint64_t base;
	bool bad_first;         /* entry 0 unaligned: the reader warns */
	char value[8][24];
	char log[4096];
	size_t loglen;
	unsigned reads;
};

static const char *ks_read(void *opaque, const char *path, const char *def)
{
	struct keyset *k = opaque;
	unsigned i;
	char want[40];

	k->reads++;
	if (!strcmp(path, "hvmloader/rdm/count")) {
		snprintf(k->value[0], sizeof(k->value[0]), "%u", k->count);
		return k->value[0];
	}
	if (!strcmp(path, "hvmloader/rdm/lowmem-end"))
		return "0x80000000";
	if (!strcmp(path, "hvmloader/rdm/highmem-end"))
		return "0x100000000";
	for (i = 0; i < k->count && i < 3; i++) {
		snprintf(want, sizeof(want), "hvmloader/rdm/%u/start", i);
		if (!strcmp(path, want)) {
			snprintf(k->value[1 + i], sizeof(k->value[1]), "0x%llx",
				 (unsigned long long)(k->base + i * 0x2000 +
						      (k->bad_first && !i)));
			return k->value[1 + i];
		}
		snprintf(want, sizeof(want), "hvmloader/rdm/%u/size", i);
		if (!strcmp(path, want))
			return "0x1000";
	}
	return def;
}

static void ks_log(void *opaque, const char *text)
{
	struct keyset *k = opaque;
	size_t n = strlen(text);

	if (n > sizeof(k->log) - 1 - k->loglen)
		n = sizeof(k->log) - 1 - k->loglen;
	memcpy(k->log + k->loglen, text, n);
	k->loglen += n;
	k->log[k->loglen] = '\0';
}

static void env_of(struct keyset *k, struct xenrdm_fw_env *env)
{
	memset(env, 0, sizeof(*env));
	env->read = ks_read;
	env->read_opaque = k;
	env->log = ks_log;
	env->log_opaque = k;
}

/* No environment: no keys, no log (and no crash). */
static void test_no_env(void **state)
{
	struct xenrdm_fw_layout l;
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	uint32_t nr = 0;

	(void)state;
	xenrdm_fw_layout_init(&l, 0x80000000ULL, 0x100000000ULL);
	assert_int_equal(xenrdm_fw_host_read(NULL, &l), 0);
	assert_int_equal(l.nr_rdm, 0);
	assert_int_equal(xenrdm_fw_read(&l), 0);        /* direct: the same */
	assert_int_equal(l.nr_rdm, 0);
	assert_int_equal(xenrdm_fw_host_e820_build(NULL, &l, tab,
						   XENRDM_E820MAX, &nr), 0);
	xenrdm_fw_host_e820_print(NULL, tab, nr);
}

/* The inner call's environment, during a logger of the outer one. */
static struct keyset inner;
static struct xenrdm_e820entry inner_tab[4];

static void nesting_log(void *opaque, const char *text)
{
	struct xenrdm_fw_env env;

	ks_log(opaque, text);
	env_of(&inner, &env);
	if (!inner.loglen)      /* once */
		xenrdm_fw_host_e820_print(&env, inner_tab, 1);
}

static void test_nested(void **state)
{
	struct keyset outer = { .count = 2, .base = 0xa0000000 };
	struct xenrdm_fw_layout l;
	struct xenrdm_fw_env env;

	(void)state;
	memset(&inner, 0, sizeof(inner));
	inner_tab[0].addr = 0;
	inner_tab[0].size = 0x9f000;
	inner_tab[0].type = XENRDM_E820_RAM;
	env_of(&outer, &env);
	env.log = nesting_log;
	/* Entry 0 is skipped with a warning: the nested call runs in its
	 * log line, then the outer reader goes on with entries 1 and 2. */
	outer.count = 3;
	outer.bad_first = true;
	xenrdm_fw_layout_init(&l, 0, 0);
	assert_int_equal(xenrdm_fw_host_read(&env, &l), 0);
	assert_non_null(strstr(outer.log, "hvmloader/rdm/0/start"));
	assert_null(strstr(outer.log, "E820 table"));
	assert_non_null(strstr(inner.log, "E820 table"));
	assert_int_equal(inner.reads, 0);
	assert_int_equal(l.nr_skipped, 1);
	assert_int_equal(l.nr_rdm, 2);
	assert_int_equal(l.rdm[0].start, 0xa0002000);
	assert_int_equal(l.lowmem_end, 0x80000000);
}

struct worker {
	struct keyset k;
	unsigned bad;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct xenrdm_fw_layout l;
	struct xenrdm_fw_env env;
	unsigned r;

	env_of(&w->k, &env);
	for (r = 0; r < ROUNDS; r++) {
		w->k.loglen = 0;
		w->k.log[0] = '\0';
		xenrdm_fw_layout_init(&l, 0, 0);
		if (xenrdm_fw_host_read(&env, &l) || l.nr_rdm != w->k.count ||
		    (w->k.count && l.rdm[0].start != w->k.base) ||
		    l.lowmem_end != 0x80000000ULL)
			w->bad++;
	}
	return NULL;
}

static void test_threads(void **state)
{
	struct worker w[THREADS];
	pthread_t t[THREADS];
	unsigned i, bad = 0;

	(void)state;
	memset(w, 0, sizeof(w));
	for (i = 0; i < THREADS; i++) {
		w[i].k.count = i % 4;   /* 0..3 entries */
		w[i].k.base = 0xa0000000ULL + i * 0x100000ULL;
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		if (w[i].bad)
			printf("thread %u: %u of %u reads saw another set\n",
			       i, w[i].bad, (unsigned)ROUNDS);
		bad += w[i].bad;
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_env),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
