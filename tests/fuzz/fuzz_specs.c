/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_specs.c - libFuzzer target for xl's rdm= and pci spec
 * strings as xen-rdm reads them (xenrdm_rdm_spec_parse and
 * xenrdm_pci_spec_parse, both through Debian's libxlutil).
 *
 * Input: byte 0 picks the parser (even: rdm=, odd: pci), the rest up to
 * the first NUL is the text.
 * Oracle: results are always one of the enum values; a refused rdm=
 * leaves strategy and policy as they were; every refusal has a message
 * that quotes the option; an accepted pci spec round-trips through its
 * canonical "SSSS:BB:DD.F,rdm_policy=..." form.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/sources.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_specs: %s:%d: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void rdm_spec(const char *text, uint8_t sel)
{
	/* Start from each possible prior value, to see it kept on error. */
	enum xenrdm_strategy strategy = (sel & 2) ? XENRDM_STRATEGY_HOST :
					XENRDM_STRATEGY_IGNORE;
	enum xenrdm_policy policy = (sel & 4) ? XENRDM_POLICY_STRICT :
				    XENRDM_POLICY_RELAXED;
	enum xenrdm_strategy s0 = strategy;
	enum xenrdm_policy p0 = policy;
	char err[512];
	int rc;

	err[0] = '\0';
	rc = xenrdm_rdm_spec_parse(text, &strategy, &policy, err, sizeof(err));
	CHECK(strategy == XENRDM_STRATEGY_HOST ||
	      strategy == XENRDM_STRATEGY_IGNORE);
	CHECK(policy == XENRDM_POLICY_STRICT ||
	      policy == XENRDM_POLICY_RELAXED);
	if (rc) {
		CHECK(rc == -XENRDM_ERR_INVAL || rc == -XENRDM_ERR_NOMEM);
		CHECK(strategy == s0 && policy == p0);
		CHECK(strncmp(err, "rdm '", 5) == 0);
	}
}

static void pci_spec(const char *text)
{
	struct xenrdm_pci_dev dev, back;
	char canon[64], sbdf[16], err[512];
	int rc;

	memset(&dev, 0, sizeof(dev));
	err[0] = '\0';
	rc = xenrdm_pci_spec_parse(text, &dev, err, sizeof(err));
	if (rc) {
		CHECK(rc == -XENRDM_ERR_INVAL || rc == -XENRDM_ERR_NOMEM);
		CHECK(strncmp(err, "pci '", 5) == 0);
		return;
	}
	CHECK(dev.policy == XENRDM_POLICY_STRICT ||
	      dev.policy == XENRDM_POLICY_RELAXED);
	xenrdm_sbdf_format(dev.sbdf, sbdf);
	snprintf(canon, sizeof(canon), "%s,rdm_policy=%s", sbdf,
		 dev.policy == XENRDM_POLICY_STRICT ? "strict" : "relaxed");
	memset(&back, 0, sizeof(back));
	err[0] = '\0';
	if (xenrdm_pci_spec_parse(canon, &back, err, sizeof(err))) {
		fprintf(stderr, "canonical '%s' of '%s' refused: %s\n", canon,
			text, err);
		abort();
	}
	CHECK(back.sbdf == dev.sbdf && back.policy == dev.policy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	size_t len;
	char *text;

	if (size < 1)
		return 0;
	nul = memchr(data + 1, '\0', size - 1);
	len = nul ? (size_t)(nul - data - 1) : size - 1;
	/* libxlutil's lexer is not what we test; keep inputs short. */
	if (len > 256)
		return 0;
	text = malloc(len + 1);
	if (!text)
		return 0;
	memcpy(text, data + 1, len);
	text[len] = '\0';
	if (data[0] & 1)
		pci_spec(text);
	else
		rdm_spec(text, data[0]);
	free(text);
	return 0;
}
