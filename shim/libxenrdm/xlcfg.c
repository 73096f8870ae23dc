/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/xlcfg.c - the settings of an xl domain configuration file that
 * shape the guest layout, read with Xen's own parser (libxlutil).
 *
 * Keys: type/builder, memory, maxmem, videoram, vga, stdvga, mmio_hole,
 * hap, rdm, rdm_mem_boundary, pci, and for the guest's BIOS and e820
 * bios, firmware, device_model_version, device_model_stubdomain_override,
 * gfx_passthru.
 * Sizes are MiB, as in xl.cfg(5).
 *
 * mem_size is what libxl's HVM builder lays out: max_memkb - video_memkb,
 * i.e. (maxmem if set, else memory) less the video RAM.  The video RAM
 * default is libxl's for the qemu-xen device model: 8 MiB for cirrus (the
 * default card), 16 MiB for stdvga, 128 MiB for qxl, 0 for vga="none";
 * as libxl, a videoram below the card's default is refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxlutil.h>

#include "xenrdm/read_file.h"
#include "xenrdm/sources.h"

#include "diag.h"

/* The most "+=" a config may hold (see xenrdm_xlcfg_parse). */
#define XENRDM_XLCFG_MAX_APPENDS 8u

/* Largest MiB count whose byte count stays within the 2^52 physical
 * address space: anything larger cannot be a guest's memory. */
#define MAX_MIB ((long)(XENRDM_PADDR_LIMIT / XENRDM_MIB))

struct vga_kind {
	const char *name;
	long default_mib;       /* libxl's default and minimum videoram */
};

static const struct vga_kind vga_kinds[] = {
	{ "cirrus", 8 },
	{ "stdvga", 16 },
	{ "qxl", 128 },
	{ "none", 0 },
};

struct xlcfg {
	XLU_Config *cfg;
	const char *path;
	FILE *report;           /* libxlutil's messages, kept for ours */
	char *report_text;
	size_t report_len;
	char *err;
	size_t errlen;
};

/* libxlutil's report, one line without its trailing newline. */
static const char *report_text(struct xlcfg *x)
{
	size_t i;

	fflush(x->report);
	if (!x->report_text)
		return "";
	for (i = 0; i < x->report_len; i++)
		if (x->report_text[i] == '\n')
			x->report_text[i] = ' ';
	while (x->report_len && x->report_text[x->report_len - 1] == ' ')
		x->report_text[--x->report_len] = '\0';
	return x->report_text;
}

/*
 * A whole-number key in [min, max].  Returns 0 and *value_out, 1 when the
 * key is absent, or -XENRDM_ERR_INVAL with a message naming file, key and
 * the value as written.
 */
static int get_long(struct xlcfg *x, const char *key, long min, long max,
		    const char *unit, long *value_out)
{
	const char *text = NULL;
	long v;
	int r;

	r = xlu_cfg_get_long(x->cfg, key, &v, 1);
	if (r == ESRCH)
		return 1;
	if (r) {
		/* The value as written: libxlutil keeps every atom as text;
		 * a list has none. */
		if (xlu_cfg_get_string(x->cfg, key, &text, 1))
			text = NULL;
		if (r == ERANGE)
			xenrdm_set_err(x->err, x->errlen,
				"%s: %s = %s: does not fit in a long",
				x->path, key, text ? text : "?");
		else if (text)
			xenrdm_set_err(x->err, x->errlen,
				"%s: %s = \"%s\": not a whole number%s%s",
				x->path, key, text, *unit ? " of " : "", unit);
		else
			xenrdm_set_err(x->err, x->errlen,
				"%s: %s: a list where a number%s%s is expected",
				x->path, key, *unit ? " of " : "", unit);
		return -XENRDM_ERR_INVAL;
	}
	if (v < min || v > max) {
		xenrdm_set_err(x->err, x->errlen,
			"%s: %s = %ld: out of range (%ld to %ld%s%s)",
			x->path, key, v, min, max, *unit ? " " : "", unit);
		return -XENRDM_ERR_INVAL;
	}
	*value_out = v;
	return 0;
}

/* A string key.  Returns 0, 1 when absent, or -XENRDM_ERR_INVAL. */
static int get_string(struct xlcfg *x, const char *key, const char **value_out)
{
	int r = xlu_cfg_get_string(x->cfg, key, value_out, 1);

	if (r == ESRCH)
		return 1;
	if (r) {
		xenrdm_set_err(x->err, x->errlen, "%s: %s: a list where a string is expected",
			x->path, key);
		return -XENRDM_ERR_INVAL;
	}
	return 0;
}

static int read_type(struct xlcfg *x)
{
	static const char *const keys[] = { "type", "builder" };
	const char *v;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		rc = get_string(x, keys[i], &v);
		if (rc < 0)
			return rc;
		if (rc == 0 && strcmp(v, "hvm")) {
			xenrdm_set_err(x->err, x->errlen,
				"%s: %s = \"%s\": xen-rdm lays out HVM guests only (%s = \"hvm\")",
				x->path, keys[i], v, keys[i]);
			return -XENRDM_ERR_INVAL;
		}
	}
	return 0;
}

/* The video card, as xl reads it: vga= wins over the older stdvga=. */
static int read_vga(struct xlcfg *x, const struct vga_kind **kind_out)
{
	const char *v;
	long std;
	size_t i;
	int rc;

	*kind_out = &vga_kinds[0];
	rc = get_string(x, "vga", &v);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		for (i = 0; i < sizeof(vga_kinds) / sizeof(vga_kinds[0]); i++)
			if (!strcmp(v, vga_kinds[i].name)) {
				*kind_out = &vga_kinds[i];
				return 0;
			}
		xenrdm_set_err(x->err, x->errlen,
			"%s: vga = \"%s\": unknown card (cirrus, stdvga, qxl or none)",
			x->path, v);
		return -XENRDM_ERR_INVAL;
	}
	rc = get_long(x, "stdvga", 0, 1, "", &std);
	if (rc < 0)
		return rc;
	if (rc == 0 && std)
		*kind_out = &vga_kinds[1];
	return 0;
}

static int read_memory(struct xlcfg *x, struct xenrdm_config *cfg,
		       unsigned *set)
{
	const struct vga_kind *vga;
	long memory = 0, maxmem = 0, video, top;
	int rc_mem, rc_max, rc;

	rc_mem = get_long(x, "memory", 1, MAX_MIB, "MiB", &memory);
	if (rc_mem < 0)
		return rc_mem;
	rc_max = get_long(x, "maxmem", 1, MAX_MIB, "MiB", &maxmem);
	if (rc_max < 0)
		return rc_max;
	if (rc_mem == 0 && rc_max == 0 && maxmem < memory) {
		xenrdm_set_err(x->err, x->errlen,
			"%s: maxmem = %ld is below memory = %ld (MiB)",
			x->path, maxmem, memory);
		return -XENRDM_ERR_INVAL;
	}
	rc = read_vga(x, &vga);
	if (rc)
		return rc;
	top = rc_max == 0 ? maxmem : memory;
	video = vga->default_mib;
	rc = get_long(x, "videoram", 0, MAX_MIB, "MiB", &video);
	if (rc < 0)
		return rc;
	if (rc == 0 && video < vga->default_mib) {
		xenrdm_set_err(x->err, x->errlen,
			"%s: videoram = %ld: %s needs at least %ld MiB (as libxl)",
			x->path, video, vga->name, vga->default_mib);
		return -XENRDM_ERR_INVAL;
	}
	if (rc_mem == 1 && rc_max == 1)
		return 0;       /* no memory size here: the command line's */
	if (top - video < (long)(XENRDM_MIN_MEM_SIZE / XENRDM_MIB)) {
		xenrdm_set_err(x->err, x->errlen,
			"%s: %s = %ld less videoram %ld MiB (%s) leaves %ld MiB of guest RAM; an HVM guest needs at least %llu",
			x->path, rc_max == 0 ? "maxmem" : "memory", top, video,
			vga->name, top - video,
			XENRDM_MIN_MEM_SIZE / XENRDM_MIB);
		return -XENRDM_ERR_INVAL;
	}
	cfg->mem_size = (uint64_t)(top - video) * XENRDM_MIB;
	*set |= XENRDM_XLCFG_MEM;
	return 0;
}

static int read_layout(struct xlcfg *x, struct xenrdm_config *cfg,
		       unsigned *set)
{
	long v;
	int rc;

	rc = get_long(x, "mmio_hole", (long)(XENRDM_MIN_MMIO_SIZE / XENRDM_MIB),
		      (long)(XENRDM_MAX_MMIO_SIZE / XENRDM_MIB), "MiB", &v);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		cfg->mmio_size = (uint64_t)v * XENRDM_MIB;
		*set |= XENRDM_XLCFG_MMIO;
	}
	rc = get_long(x, "hap", 0, 1, "", &v);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		cfg->hap = v;
		*set |= XENRDM_XLCFG_HAP;
	}
	rc = get_long(x, "rdm_mem_boundary", 0, MAX_MIB, "MiB", &v);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		cfg->rdm_mem_boundary = (uint64_t)v * XENRDM_MIB;
		*set |= XENRDM_XLCFG_BOUNDARY;
	}
	return 0;
}

static int read_rdm(struct xlcfg *x, struct xenrdm_config *cfg, unsigned *set)
{
	enum xenrdm_strategy strategy = cfg->strategy;
	enum xenrdm_policy policy = cfg->policy;
	const char *v;
	char why[256] = "";
	int rc;

	rc = get_string(x, "rdm", &v);
	if (rc)
		return rc < 0 ? rc : 0;
	rc = xenrdm_rdm_spec_parse(v, &strategy, &policy, why, sizeof(why));
	if (rc) {
		xenrdm_set_err(x->err, x->errlen, "%s: rdm = \"%s\": %s", x->path, v,
			why);
		return rc;
	}
	cfg->strategy = strategy;
	cfg->policy = policy;
	*set |= XENRDM_XLCFG_RDM;
	return 0;
}

/*
 * The guest's BIOS, as xl 4.17 and libxl decide it (xl_parse.c
 * parse_config_data(), libxl_create.c libxl__domain_build_info_setdefault):
 *   bios=      a libxl_bios_type name, case-insensitive ("unknown": the
 *              default); anything else xl refuses
 *   firmware=  a BIOS name sets bios (after bios=); a prefix of "uefi"
 *              means OVMF, of "bios" the default; anything else is a path
 *              to another hvmloader (as the patched one is named) and
 *              leaves bios alone
 *   default    SeaBIOS for qemu-xen (device_model_version, default
 *              qemu-xen), ROMBIOS for qemu-xen-traditional (also the
 *              default with device_model_stubdomain_override = 1);
 *              libxl refuses rombios with qemu-xen and anything else
 *              with qemu-xen-traditional.
 */
static int read_bios(struct xlcfg *x, struct xenrdm_config *cfg)
{
	enum xenrdm_bios bios = XENRDM_BIOS_DEFAULT;
	bool have = false, trad = false;
	const char *v, *dm_key = "device_model_version";
	long stub = 0;
	int rc;

	rc = get_string(x, dm_key, &v);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		if (!strcmp(v, "qemu-xen-traditional")) {
			trad = true;
		} else if (strcmp(v, "qemu-xen")) {
			xenrdm_set_err(x->err, x->errlen, "%s: %s = \"%s\": "
				"unknown (qemu-xen or qemu-xen-traditional)",
				x->path, dm_key, v);
			return -XENRDM_ERR_INVAL;
		}
	} else {
		rc = get_long(x, "device_model_stubdomain_override", 0, 1, "",
			      &stub);
		if (rc < 0)
			return rc;
		trad = rc == 0 && stub;
	}
	rc = get_string(x, "bios", &v);
	if (rc < 0)
		return rc;
	if (rc == 0 && strcasecmp(v, "unknown")) {
		if (xenrdm_bios_parse(v, &bios)) {
			xenrdm_set_err(x->err, x->errlen, "%s: bios = \"%s\": "
				"not seabios, ovmf or rombios", x->path, v);
			return -XENRDM_ERR_INVAL;
		}
		have = true;
	}
	rc = get_string(x, "firmware", &v);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		if (!xenrdm_bios_parse(v, &bios)) {
			have = true;
		} else if (!strcasecmp(v, "unknown")) {
			have = false;
		} else if (!strncmp(v, "uefi", strlen(v))) {
			bios = XENRDM_BIOS_OVMF;        /* xl: also for "" */
			have = true;
		}
		/* else "bios" (a prefix of it) or a path: bios as it was */
	}
	if (!have)
		bios = trad ? XENRDM_BIOS_ROMBIOS : XENRDM_BIOS_SEABIOS;
	if (trad != (bios == XENRDM_BIOS_ROMBIOS)) {
		xenrdm_set_err(x->err, x->errlen, "%s: bios %s with device model "
			"%s: libxl refuses it (%s)", x->path,
			xenrdm_bios_name(bios), trad ? "qemu-xen-traditional" :
			"qemu-xen", trad ? "qemu-xen-traditional requires "
			"bios=rombios" : "qemu-xen does not support "
			"bios=rombios");
		return -XENRDM_ERR_INVAL;
	}
	cfg->bios = bios;
	/* xl: gfx_passthru = 0|1, or a libxl_gfx_passthru_kind ("default",
	 * "igd"; in 4.17 IGD is the only kind): the IGD becomes the guest's
	 * VGA and hvmloader's pci.c allocates its OpRegion. */
	rc = get_long(x, "gfx_passthru", LONG_MIN, LONG_MAX, "", &stub);
	if (rc == 0) {
		cfg->igd_passthru = stub != 0;
	} else if (rc < 0) {
		if (get_string(x, "gfx_passthru", &v))
			return rc;
		if (strcasecmp(v, "default") && strcasecmp(v, "igd")) {
			xenrdm_set_err(x->err, x->errlen, "%s: gfx_passthru = "
				"\"%s\": not 0, 1, \"default\" or \"igd\"",
				x->path, v);
			return -XENRDM_ERR_INVAL;
		}
		if (x->err && x->errlen)
			x->err[0] = '\0';
		cfg->igd_passthru = true;
	}
	return 0;
}

static int read_pci(struct xlcfg *x, struct xenrdm_pci_list *pci,
		    unsigned *set)
{
	XLU_ConfigList *list;
	struct xenrdm_pci_dev dev;
	const char *spec;
	char why[256] = "";
	size_t n0 = pci->n, j;
	int nr, i, r, rc;

	r = xlu_cfg_get_list(x->cfg, "pci", &list, &nr, 1);
	if (r == ESRCH)
		return 0;
	if (r) {
		xenrdm_set_err(x->err, x->errlen,
			"%s: pci: expected a list, e.g. pci = [ '01:00.0' ]",
			x->path);
		return -XENRDM_ERR_INVAL;
	}
	for (i = 0; i < nr; i++) {
		spec = xlu_cfg_get_listitem(list, i);
		if (!spec) {
			xenrdm_set_err(x->err, x->errlen,
				"%s: pci[%d]: a nested list where a PCI spec string is expected",
				x->path, i);
			rc = -XENRDM_ERR_INVAL;
			goto fail;
		}
		rc = xenrdm_pci_spec_parse(spec, &dev, why, sizeof(why));
		if (rc) {
			xenrdm_set_err(x->err, x->errlen, "%s: pci[%d] = '%s': %s",
				x->path, i, spec, why);
			goto fail;
		}
		for (j = n0; j < pci->n; j++)
			if (pci->v[j].sbdf == dev.sbdf) {
				xenrdm_set_err(x->err, x->errlen,
					"%s: pci[%d] = '%s': the device is already pci[%zu]",
					x->path, i, spec, j - n0);
				rc = -XENRDM_ERR_INVAL;
				goto fail;
			}
		rc = xenrdm_pci_list_add(pci, &dev);
		if (rc) {
			xenrdm_set_err(x->err, x->errlen, "%s: pci: out of memory",
				x->path);
			goto fail;
		}
	}
	if (nr)
		*set |= XENRDM_XLCFG_PCI;
	return 0;
fail:
	pci->n = n0;
	return rc;
}

int xenrdm_xlcfg_read(const char *path, struct xenrdm_config *cfg,
		      struct xenrdm_pci_list *pci, unsigned *set_mask,
		      char *err, size_t errlen)
{
	char why[256] = "", *buf = NULL;
	size_t len = 0;
	int rc;

	if (!path || !cfg || !pci || !set_mask) {
		xenrdm_set_err(err, errlen, "xl config: no file name or no output given");
		return -XENRDM_ERR_INVAL;
	}
	/* Read once, whole, within the cap; libxlutil then parses these very
	 * bytes from memory (xlu_cfg_readdata), so a pipe, a FIFO or
	 * /dev/stdin plans like a file, and what was checked is what is
	 * parsed. */
	rc = xenrdm_read_file(path, XENRDM_CAP_TEXT, &buf, &len, why,
			      sizeof(why));
	if (rc) {
		xenrdm_set_err(err, errlen, "%s: %s", xenrdm_read_file_name(path),
			       why[0] ? why : xenrdm_strerror(rc));
		return rc;
	}
	rc = xenrdm_xlcfg_parse(buf, len, xenrdm_read_file_name(path), cfg,
				pci, set_mask, err, errlen);
	free(buf);
	return rc;
}

/* What libxlutil 4.17 cannot take in the bytes it would parse.  0 or
 * -XENRDM_ERR_PARSE with a message. */
static int bytes_check(const char *buf, size_t len, const char *name,
		       char *err, size_t errlen)
{
	const char *p = buf, *end = buf + len, *nul;
	unsigned n = 0;

	/* rel: libxlutil 4.17's lexer aborts (an assert in
	 * xlu__cfgl_dequote) on a NUL byte inside a quoted string, so a NUL
	 * anywhere is refused, in the bytes it would parse. */
	nul = memchr(buf, '\0', len);
	if (nul) {
		xenrdm_set_err(err, errlen, "%s: not a valid xl config: a NUL "
			"byte at offset %td", name, nul - buf);
		return -XENRDM_ERR_PARSE;
	}

	/* rel: libxlutil appends each "KEY += VALUE" by copying everything
	 * before it (and keeps the old copy), so n of them cost n times the
	 * file in time and memory (600,000 of them in 4 MiB: minutes, then
	 * the OOM killer).  A config has a few; every "+=" byte pair counts,
	 * also inside strings and comments. */
	while ((p = memmem(p, (size_t)(end - p), "+=", 2)) != NULL) {
		if (++n > XENRDM_XLCFG_MAX_APPENDS) {
			xenrdm_set_err(err, errlen, "%s: more than %u '+=' "
				       "(libxlutil appends in time and memory "
				       "that grow with the square of their "
				       "number); write the value whole", name,
				       XENRDM_XLCFG_MAX_APPENDS);
			return -XENRDM_ERR_PARSE;
		}
		p += 2;
	}
	return 0;
}

int xenrdm_xlcfg_parse(const char *buf, size_t len, const char *name,
		       struct xenrdm_config *cfg, struct xenrdm_pci_list *pci,
		       unsigned *set_mask, char *err, size_t errlen)
{
	struct xlcfg x = { .path = name, .err = err, .errlen = errlen };
	struct xenrdm_config work;
	unsigned set = 0;
	size_t n0;
	int r, rc;

	if (!buf || !name || !cfg || !pci || !set_mask) {
		xenrdm_set_err(err, errlen, "xl config: no text, name or output given");
		return -XENRDM_ERR_INVAL;
	}
	if (len > XENRDM_CAP_TEXT) {
		xenrdm_set_err(err, errlen, "%s: larger than %u MiB, the cap for an "
			       "xl config", name, XENRDM_CAP_TEXT >> 20);
		return -XENRDM_ERR_TOOBIG;
	}
	rc = bytes_check(buf, len, name, err, errlen);
	if (rc)
		return rc;
	n0 = pci->n;
	x.report = open_memstream(&x.report_text, &x.report_len);
	if (!x.report) {
		xenrdm_set_err(err, errlen, "%s: out of memory", name);
		return -XENRDM_ERR_NOMEM;
	}
	x.cfg = xlu_cfg_init(x.report, name);
	if (!x.cfg) {
		xenrdm_set_err(err, errlen, "%s: out of memory", name);
		rc = -XENRDM_ERR_NOMEM;
		goto out;
	}
	/* len <= XENRDM_CAP_TEXT fits an int.  In memory the scanner sees
	 * the whole text at once: linear in its size, where reading a FILE
	 * rescans a long token on every buffer refill (quadratic). */
	r = xlu_cfg_readdata(x.cfg, buf, (int)len);
	if (r) {
		const char *why = report_text(&x);

		if (r == ENOMEM)
			xenrdm_set_err(err, errlen, "%s: out of memory", name);
		else
			xenrdm_set_err(err, errlen, "%s: not a valid xl config: %s",
				name, *why ? why : strerror(r));
		rc = r == ENOMEM ? -XENRDM_ERR_NOMEM : -XENRDM_ERR_PARSE;
		goto out;
	}
	/* Fill a copy: on error *cfg stays as it was. */
	work = *cfg;
	rc = read_type(&x);
	if (!rc)
		rc = read_memory(&x, &work, &set);
	if (!rc)
		rc = read_layout(&x, &work, &set);
	if (!rc)
		rc = read_rdm(&x, &work, &set);
	if (!rc)
		rc = read_bios(&x, &work);
	if (!rc)
		rc = read_pci(&x, pci, &set);
	if (rc)
		goto out;
	*cfg = work;
	*set_mask = set;
out:
	if (rc)
		pci->n = n0;
	if (x.cfg)
		xlu_cfg_destroy(x.cfg);
	fclose(x.report);
	free(x.report_text);
	return rc;
}
