/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/fw_env_host.c - the firmware hooks for the host library
 * (xenrdm/fw_host.h).  The freestanding hooks take no context, so each
 * xenrdm_fw_host_*() call publishes its environment in a per-thread
 * pointer for the length of the call (saved and restored: calls nest);
 * nothing is process-global.
 */
#include <stdarg.h>
#include <stdio.h>

#include "xenrdm/fw_env.h"
#include "xenrdm/fw_host.h"

static __thread const struct xenrdm_fw_env *current_env;

/* Enter env for one call; returns the environment to restore. */
static const struct xenrdm_fw_env *env_enter(const struct xenrdm_fw_env *env)
{
	const struct xenrdm_fw_env *prev = current_env;

	current_env = env;
	return prev;
}

static void env_leave(const struct xenrdm_fw_env *prev)
{
	current_env = prev;
}

static const char *xsdump_reader(void *opaque, const char *path,
				 const char *def)
{
	return xenrdm_xsdump_read(opaque, path, def);
}

void xenrdm_fw_env_xsdump(struct xenrdm_fw_env *env, struct xenrdm_xsdump *d)
{
	env->read = xsdump_reader;
	env->read_opaque = d;
}

int xenrdm_fw_host_read(const struct xenrdm_fw_env *env,
			struct xenrdm_fw_layout *l)
{
	const struct xenrdm_fw_env *prev = env_enter(env);
	int rc = xenrdm_fw_read(l);

	env_leave(prev);
	return rc;
}

int xenrdm_fw_host_e820_build(const struct xenrdm_fw_env *env,
			      const struct xenrdm_fw_layout *l,
			      struct xenrdm_e820entry *tab, uint32_t cap,
			      uint32_t *nr_out)
{
	const struct xenrdm_fw_env *prev = env_enter(env);
	int rc = xenrdm_e820_build(l, tab, cap, nr_out);

	env_leave(prev);
	return rc;
}

int xenrdm_fw_host_e820_add_rdm(const struct xenrdm_fw_env *env,
				const struct xenrdm_fw_layout *l,
				const struct xenrdm_e820entry *in,
				uint32_t nr_in, struct xenrdm_e820entry *out,
				uint32_t cap, uint32_t *nr_out)
{
	const struct xenrdm_fw_env *prev = env_enter(env);
	int rc = xenrdm_e820_add_rdm(l, in, nr_in, out, cap, nr_out);

	env_leave(prev);
	return rc;
}

void xenrdm_fw_host_e820_print(const struct xenrdm_fw_env *env,
			       const struct xenrdm_e820entry *tab,
			       uint32_t nr)
{
	const struct xenrdm_fw_env *prev = env_enter(env);

	xenrdm_e820_print(tab, nr);
	env_leave(prev);
}

int xenrdm_fw_host_memmap_check(const struct xenrdm_fw_env *env,
				const struct xenrdm_fw_layout *l,
				const struct xenrdm_e820entry *tab,
				uint32_t nr)
{
	const struct xenrdm_fw_env *prev = env_enter(env);
	int rc = xenrdm_memmap_check(l, tab, nr);

	env_leave(prev);
	return rc;
}

/* The hooks the firmware calls: the current call's environment. */
const char *xenrdm_env_xs_read(const char *path, const char *def)
{
	const struct xenrdm_fw_env *env = current_env;

	if (!env || !env->read)
		return def;
	return env->read(env->read_opaque, path, def);
}

void xenrdm_env_log(const char *fmt, ...)
{
	const struct xenrdm_fw_env *env = current_env;
	char text[XENRDM_FW_HOST_LOG_MAX];
	va_list ap;

	if (!env || !env->log)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	env->log(env->log_opaque, text);
}
