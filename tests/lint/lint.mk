# tests/lint/lint.mk - `make lint`: cppcheck and clang-tidy over the C
# sources with the project's own flags, zero findings allowed.
#   cppcheck    warning/performance/portability, suppressions (false
#               positives only, each explained) in
#               tests/lint/cppcheck-suppressions.txt
#   clang-tidy  the checks in .clang-tidy (exclusions explained there),
#               on the host library, the command and the firmware module,
#               with HOST_CFLAGS' includes and Xen's pkg-config flags
# Each source is linted in parallel by make (-j), one stamp per file, so
# a re-run only looks at what changed (a header change re-lints all).

CPPCHECK   ?= cppcheck
CLANG_TIDY ?= clang-tidy
LINT_DIR   := $(BUILD)/lint
LINT_TIDY_SRCS := $(LIB_SRCS) $(CLI_SRCS) $(FW_MODULE_SRCS) $(FW_EXTRA_SRCS)
LINT_CPPCHECK_DIRS := shim firmware tests/unit tests/fuzz tests/bench \
	tests/xen-stub tests/xs tests/qemu tests/libxl
LINT_TIDY_FLAGS := -std=gnu11 -Iinclude -Ishim/xen-rdm $(XEN_CFLAGS)

.PHONY: lint-cppcheck lint-tidy
LINT_TARGETS += lint-cppcheck lint-tidy

lint-cppcheck:
	@$(CPPCHECK) -q --std=c11 --enable=warning,performance,portability \
	  --inline-suppr --suppressions-list=tests/lint/cppcheck-suppressions.txt \
	  -Iinclude -Ishim/xen-rdm -DXENRDM_ACPI_DIR='"."' --error-exitcode=1 \
	  $(LINT_CPPCHECK_DIRS) && echo "lint: cppcheck clean"

lint-tidy: $(LINT_TIDY_SRCS:%.c=$(LINT_DIR)/%.tidy) $(LINT_DIR)/xs_cmd-hooks.tidy
	@echo "lint: clang-tidy clean ($(words $(LINT_TIDY_SRCS)) files, and xs_cmd.c with the test hooks)"

# The test build's xs_cmd.c (tests/xs) has code only under the define.
$(LINT_DIR)/xs_cmd-hooks.tidy: shim/xen-rdm/xs_cmd.c .clang-tidy $(LINT_HEADERS)
	@mkdir -p $(@D)
	@$(CLANG_TIDY) -quiet $< -- $(LINT_TIDY_FLAGS) -DXENRDM_TEST_HOOKS >$@.log 2>&1 || \
	  { grep -v '^[0-9]* warnings\? generated' $@.log; exit 1; }
	@touch $@

# Any header may change a file's findings: every stamp depends on all.
LINT_HEADERS := $(wildcard include/xenrdm/*.h firmware/*.h shim/xen-rdm/*.h)

$(LINT_DIR)/%.tidy: %.c .clang-tidy $(LINT_HEADERS)
	@mkdir -p $(@D)
	@$(CLANG_TIDY) -quiet $< -- $(LINT_TIDY_FLAGS) >$@.log 2>&1 || \
	  { grep -v '^[0-9]* warnings\? generated' $@.log; exit 1; }
	@touch $@
