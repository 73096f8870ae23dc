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
FUZZ_CFLAGS      := -std=gnu11 -g -O1 -Wall -Wextra -Iinclude -Ishim/cli $(FUZZ_SAN)
FUZZ_SRCS        := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS        := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
# The command's files too (not main.c: libFuzzer has the main), so a
# target can fuzz a CLI helper; the archive links only what is used.
FUZZ_LIB_SRCS    := $(LIB_SRCS) $(FW_MODULE_SRCS) $(FW_EXTRA_SRCS) \
		    $(filter-out shim/cli/main.c,$(CLI_SRCS))
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

# Each run works on a copy of its seeds so the source tree stays clean.
# (An explicit rule per target: phony targets skip pattern rules.)
define fuzz_run_rule
.PHONY: fuzz-run-$(1)
fuzz-run-$(1): $(BUILD)/fuzz/$(1)
	@rm -rf $(BUILD)/fuzz/work/$(1) && mkdir -p $(BUILD)/fuzz/work/$(1)
	@cp tests/fuzz/corpus/$(1)/* $(BUILD)/fuzz/work/$(1)/ 2>/dev/null || true
	@echo "fuzz: $(1) for $$(FUZZ_RUN_ARG)"
	@$(BUILD)/fuzz/$(1) -$$(FUZZ_RUN_ARG) -artifact_prefix=$(BUILD)/fuzz/$(1)- \
	  $(BUILD)/fuzz/work/$(1) 2>$(BUILD)/fuzz/$(1).log || \
	  { tail -40 $(BUILD)/fuzz/$(1).log; echo "fuzz: $(1) FAILED (log: $(BUILD)/fuzz/$(1).log)"; exit 1; }
endef
$(foreach t,$(FUZZ_SRCS:tests/fuzz/%.c=%),$(eval $(call fuzz_run_rule,$(t))))

FUZZ_TARGETS += fuzz-all
.PHONY: fuzz-all
fuzz-all: $(FUZZ_BINS)
	@for t in $(FUZZ_SRCS:tests/fuzz/%.c=%); do \
	  $(MAKE) --no-print-directory fuzz-run-$$t FUZZ_RUN_ARG=max_total_time=$(FUZZ_SECONDS) || exit 1; done

CHECK_TARGETS += check-fuzz
check-fuzz: $(FUZZ_BINS)
	@failed=""; n=0; for t in $(FUZZ_SRCS:tests/fuzz/%.c=%); do \
	  $(MAKE) --no-print-directory fuzz-run-$$t FUZZ_RUN_ARG=runs=$(FUZZ_CHECK_RUNS) || { failed="$$failed $$t"; n=$$((n + 1)); }; done; \
	echo "fuzz: $$(($(words $(FUZZ_BINS)) - n)) passed, $$n failed ($(FUZZ_CHECK_RUNS) inputs a target)"; \
	if [ -n "$$failed" ]; then echo "check-fuzz: FAILED:$$failed"; exit 1; fi
