/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "fw_test.h"
#include "xenrdm/fw_host.h"

static const struct fwt_kv *keys;
static struct xenrdm_fw_env env;
static char log_buf[65536];
static size_t log_len;

static const char *kv_reader(void *opaque, const char *path, const char *def)
{
	const struct fwt_kv *kv;

	(void)opaque;
	for (kv = keys; kv && kv->key; kv++)
		if (!strcmp(kv->key, path))
			return kv->val;
	return def;
}

static void capture(void *opaque, const char *text)
{
	size_t n = strlen(text);

	(void)opaque;
	if (n > sizeof(log_buf) - 1 - log_len)
		n = sizeof(log_buf) - 1 - log_len;
	memcpy(log_buf + log_len, text, n);
	log_len += n;
	log_buf[log_len] = '\0';
}

void fwt_set_keys(const struct fwt_kv *kv)
{
	keys = kv;
	env.read = kv_reader;
}

void fwt_log_start(void)
{
	log_len = 0;
	log_buf[0] = '\0';
	env.log = capture;
}

const struct xenrdm_fw_env *fwt_env(void)
{
	return &env;
}

const char *fwt_log(void)
{
	return log_buf;
}

void fwt_reset(void)
{
	keys = NULL;
	env.read = NULL;
	env.log = NULL;
}

void fwt_dump(const char *what, const struct xenrdm_e820entry *tab,
	      uint32_t nr)
{
	uint32_t i;

	fprintf(stderr, "  %s (%u entries):\n", what, nr);
	for (i = 0; i < nr; i++)
		fprintf(stderr, "    [%#llx, %#llx) type %u\n",
			(unsigned long long)tab[i].addr,
			(unsigned long long)(tab[i].addr + tab[i].size),
			tab[i].type);
}
