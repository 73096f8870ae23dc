# tests/fuzz/fuzz.mk - libFuzzer targets: every tests/fuzz/fuzz_*.c is one
# target, built with clang -fsanitize=fuzzer,address,undefined against the
# library sources (compiled again with clang into $(BUILD)/fuzz/) and
# linked with $(XEN_LIBS) for the targets that need them.  Seeds live in
# tests/fuzz/corpus/<target>/ (read only: new inputs go to $(BUILD)).
#
#   make fuzz FUZZ_SECONDS=N   each target for N seconds
#   check-fuzz                 each target for FUZZ_CHECK_RUNS inputs
#                              (deterministic, seconds), fails on a crash

FUZZ_CC          ?= clang
FUZZ_CHECK_RUNS  ?= 50000
FUZZ_SAN         := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS      := -std=gnu11 -g -O1 -Wall -Wextra -Iinclude -Ishim/xen-rdm $(FUZZ_SAN)
FUZZ_SRCS        := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS        := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
# The command's files too (not main.c: libFuzzer has the main), so a
# target can fuzz a CLI helper; the archive links only what is used.
FUZZ_LIB_SRCS    := $(LIB_SRCS) $(FW_MODULE_SRCS) $(FW_EXTRA_SRCS) \
		    $(filter-out shim/xen-rdm/main.c,$(CLI_SRCS))
FUZZ_LIB_OBJS    := $(FUZZ_LIB_SRCS:%.c=$(BUILD)/fuzz/obj/%.o)
FUZZ_LIB         := $(BUILD)/fuzz/libxenrdm-fuzz.a

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS:-fsanitize=fuzzer,%=-fsanitize=fuzzer-no-link,%) $(XEN_CFLAGS) -MMD -MP -c $< -o $@

-include $(FUZZ_LIB_OBJS:.o=.d)

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(FUZZ_LIB) $(XEN_LIBS)

-include $(FUZZ_BINS:=.d)

.PHONY: fuzz-build check-fuzz
fuzz-build: $(FUZZ_BINS)

# Inputs up to one byte over the cap of what the target reads (the
# command's read-once path, xenrdm/read_file.h), instead of libFuzzer's
# default 4096.
FUZZ_MAX_LEN_fuzz_xlcfg  := 4194305
FUZZ_MAX_LEN_fuzz_region := 4194306
FUZZ_MAX_LEN_fuzz_dmar   := 1048577

# Each run works on a copy of its seeds so the source tree stays clean.
# (An explicit rule per target: phony targets skip pattern rules.)
define fuzz_run_rule
.PHONY: fuzz-run-$(1)
fuzz-run-$(1): $(BUILD)/fuzz/$(1)
	@rm -rf $(BUILD)/fuzz/work/$(1) && mkdir -p $(BUILD)/fuzz/work/$(1)
	@cp tests/fuzz/corpus/$(1)/* $(BUILD)/fuzz/work/$(1)/ 2>/dev/null || true
	@echo "fuzz: $(1) for $$(FUZZ_RUN_ARG)"
	@$(BUILD)/fuzz/$(1) -$$(FUZZ_RUN_ARG) $(if $(FUZZ_MAX_LEN_$(1)),-max_len=$(FUZZ_MAX_LEN_$(1))) \
	  -artifact_prefix=$(BUILD)/fuzz/$(1)- \
	  $(BUILD)/fuzz/work/$(1) 2>$(BUILD)/fuzz/$(1).log || \
	  { tail -40 $(BUILD)/fuzz/$(1).log; echo "fuzz: $(1) FAILED (log: $(BUILD)/fuzz/$(1).log)"; exit 1; }
endef
$(foreach t,$(FUZZ_SRCS:tests/fuzz/%.c=%),$(eval $(call fuzz_run_rule,$(t))))

FUZZ_TARGETS += fuzz-all
.PHONY: fuzz-all
fuzz-all: $(FUZZ_BINS)
	@for t in $(FUZZ_SRCS:tests/fuzz/%.c=%); do \
	  $(MAKE) --no-print-directory fuzz-run-$$t FUZZ_RUN_ARG=max_total_time=$(FUZZ_SECONDS) || exit 1; done

# The caps' edges, every make check: inputs of exactly the cap and one
# byte over it (generated, not in the corpus), through the targets that
# read as the command does; fuzz_input.h / fuzz_xlcfg check the verdict.
FUZZ_EDGE := $(BUILD)/fuzz/edge
.PHONY: check-fuzz-edge
CHECK_TARGETS += check-fuzz-edge
check-fuzz-edge: $(BUILD)/fuzz/fuzz_dmar $(BUILD)/fuzz/fuzz_xlcfg $(BUILD)/fuzz/fuzz_region
	@mkdir -p $(FUZZ_EDGE)
	@head -c 1048576 /dev/urandom >$(FUZZ_EDGE)/dmar_cap
	@{ cat $(FUZZ_EDGE)/dmar_cap; printf x; } >$(FUZZ_EDGE)/dmar_over
	@{ printf 'memory = 4096\nname = "'; head -c 4194280 /dev/zero | tr '\0' a; printf '"\n'; } >$(FUZZ_EDGE)/xl_cap
	@{ cat $(FUZZ_EDGE)/xl_cap; printf '#'; } >$(FUZZ_EDGE)/xl_over
	@{ printf '\001'; cat $(FUZZ_EDGE)/xl_cap; } >$(FUZZ_EDGE)/rg_cap
	@{ printf '\001'; cat $(FUZZ_EDGE)/xl_over; } >$(FUZZ_EDGE)/rg_over
	@p=0; f=0; for t in dmar:dmar xlcfg:xl region:rg; do \
	  b=fuzz_$${t%%:*}; e=$${t#*:}; \
	  if $(BUILD)/fuzz/$$b -max_len=$$(( $$(wc -c <$(FUZZ_EDGE)/$${e}_over) )) \
	      $(FUZZ_EDGE)/$${e}_cap $(FUZZ_EDGE)/$${e}_over >$(FUZZ_EDGE)/$$b.log 2>&1; \
	  then p=$$((p + 1)); else f=$$((f + 1)); echo "FAIL: $$b at its cap"; tail -20 $(FUZZ_EDGE)/$$b.log; fi; done; \
	rm -f $(FUZZ_EDGE)/*_cap $(FUZZ_EDGE)/*_over; \
	echo "fuzz-edge: $$p passed, $$f failed"; [ $$f -eq 0 ]

CHECK_TARGETS += check-fuzz
check-fuzz: $(FUZZ_BINS)
	@failed=""; n=0; for t in $(FUZZ_SRCS:tests/fuzz/%.c=%); do \
	  $(MAKE) --no-print-directory fuzz-run-$$t FUZZ_RUN_ARG=runs=$(FUZZ_CHECK_RUNS) || { failed="$$failed $$t"; n=$$((n + 1)); }; done; \
	echo "fuzz: $$(($(words $(FUZZ_BINS)) - n)) passed, $$n failed ($(FUZZ_CHECK_RUNS) inputs a target)"; \
	if [ -n "$$failed" ]; then echo "check-fuzz: FAILED:$$failed"; exit 1; fi
