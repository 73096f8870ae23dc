# xen-rdm - top-level Makefile.
#
#   make            build the product into $(BUILD)/: the library, the
#                   command, the firmware archives (needs only the build
#                   packages: scripts/deps.sh build)
#   make demo       the main job on a built-in example (installs the build
#                   packages first, nothing for the tests)
#   make check      build and run every test (installs the test toolchain
#                   first: scripts/deps.sh all)
#   make bench      benchmarks (never run as tests)
#   make lint       cppcheck + clang-tidy
#   make fuzz       every libFuzzer target for FUZZ_SECONDS each
#   make hvmloader  Debian's Xen 4.17 hvmloader, stock and with xen-rdm
#   make install    PREFIX=/usr/local DESTDIR= (the product, with the
#                   patched hvmloader: fetches Debian's Xen source)
#
# Each area keeps its rules in its own fragment (firmware/firmware.mk,
# shim/shim.mk, tests/*/*.mk); this file holds what they share.

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= gcc
ifeq ($(origin CC),default)
CC       := gcc
endif
PKG_CONFIG ?= pkg-config
FUZZ_SECONDS ?= 60

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SECONDARY:

# SAN=1: AddressSanitizer + UndefinedBehaviorSanitizer for host code.
ifeq ($(SAN),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -fPIC $(SAN_FLAGS) $(EXTRA_CFLAGS)
HOST_LDFLAGS := $(SAN_FLAGS)

XEN_PKGS   := xencontrol xenguest xenstore xlutil xenlight
XEN_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(XEN_PKGS) 2>/dev/null)
XEN_LIBS    = $(shell $(PKG_CONFIG) --libs $(XEN_PKGS) 2>/dev/null)

DEPS := scripts/deps.sh
DEPS_STAMP := $(BUILD)/.deps-ok

# Targets that run tests; fragments append to these.
CHECK_TARGETS :=
SAN_CHECK_TARGETS :=
BENCH_TARGETS :=
LINT_TARGETS :=
FUZZ_TARGETS :=
INSTALL_TARGETS :=
# What only the tests need (test programs, QEMU images, ACPI tables):
# built by `make check`, never by `make` or `make install`.
TEST_BUILD_TARGETS :=
ALL_TARGETS :=
# What only the tests need (test programs, QEMU images, ACPI tables):
# built by `make check`, never by `make` or `make install`.
TEST_BUILD_TARGETS :=

# $(eval $(call flags_file,FILE,FLAGS)): FILE holds the flags a set of
# objects is built with and is rewritten only when they change; objects
# that depend on it are rebuilt on a flag change.  (Without it a stale
# object built with other flags, e.g. with -mregparm=3, still links and
# fails only at run time.)
define flags_file
$(1): FORCE
	@mkdir -p $$(@D)
	@echo '$(2)' | cmp -s - $$@ || echo '$(2)' > $$@
endef
.PHONY: FORCE
FORCE:

# The firmware module (what hvmloader links) and its freestanding extras
# (the xenstore dump reader, used by the QEMU image and the host).
FW_MODULE_SRCS := $(sort $(wildcard firmware/*.c))
FW_EXTRA_SRCS  := $(sort $(wildcard firmware/extra/*.c))

include $(sort $(wildcard firmware/*.mk shim/*.mk tests/*/*.mk))

.PHONY: all tests-build deps demo check check-san bench lint fuzz install clean
all: $(ALL_TARGETS)
tests-build: all $(TEST_BUILD_TARGETS)

deps:
	@sh $(DEPS) all

# Demo and check install what they need first (quick when all is there):
# the demo only the build packages (xenstored comes with xen-utils).
demo:
	@sh $(DEPS) build
	@$(MAKE) -s --no-print-directory all
	@$(MAKE) --no-print-directory demo-run

# Every group prints "label: N passed, N failed"; check runs them all
# (-k), then the sanitizer pass, and closes with the sum of every group.
CHECK_LOG = $(BUILD)/check.log
check: deps
	@mkdir -p $(BUILD)
	@echo "== build"
	@$(MAKE) -s --no-print-directory tests-build
	@rc=0; \
	{ echo "== tests"; \
	  $(MAKE) -s --no-print-directory -k $(CHECK_TARGETS) || rc=1; \
	  echo "== host suites again under ASan + UBSan"; \
	  $(MAKE) -s --no-print-directory check-san || rc=1; \
	  echo $$rc > $(BUILD)/check.rc; } 2>&1 | tee $(CHECK_LOG); \
	rc=$$(cat $(BUILD)/check.rc); \
	awk '/^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed/ { p += $$2; f += $$4 } \
	     END { printf "total: %d passed, %d failed\n", p, f }' $(CHECK_LOG) \
	  | tee $(BUILD)/check-summary; \
	if [ $$rc -ne 0 ]; then echo "make check: FAILED (details above; logs in $(BUILD)/test-logs)"; fi; \
	exit $$rc

# The host-side suites again, under ASan + UBSan, in their own build tree.
# A sanitizer report exits XENRDM_SAN_EXIT, not the sanitizers' default 1:
# 1 is also "the plan failed", which many checks accept, and a report
# must never pass as that.
XENRDM_SAN_EXIT := 86
check-san:
	@$(MAKE) -s --no-print-directory BUILD=$(BUILD)/san SAN=1 tests-build
	@ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}exitcode=$(XENRDM_SAN_EXIT)" \
	  UBSAN_OPTIONS="$${UBSAN_OPTIONS:+$$UBSAN_OPTIONS:}exitcode=$(XENRDM_SAN_EXIT)" \
	  $(MAKE) -s --no-print-directory -k BUILD=$(BUILD)/san SAN=1 $(SAN_CHECK_TARGETS)

bench: all $(BENCH_TARGETS)
lint: $(LINT_TARGETS)
fuzz: $(FUZZ_TARGETS)
install: all $(INSTALL_TARGETS)

clean:
	rm -rf $(BUILD)
