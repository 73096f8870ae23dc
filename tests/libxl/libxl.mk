# tests/libxl/libxl.mk - the planner against libxl's own RDM code
# (tests/libxl/README.md).  `check-libxl-diff` prints
# "libxl-diff: N passed, N failed".
#
# libxl's functions come from the pristine Debian xen source tree that
# firmware/hvmloader/hvmloader.mk fetches and checks ($(XEN_SRC_STOCK));
# extract.py copies them out by name into the build tree at build time.
# LIBXL_XEN_SRC=DIR uses an already extracted tree instead (no fetch).
# XENRDM_LIBXL_CASES / XENRDM_LIBXL_SEED in the environment run more cases
# or another seed (the default: 4000 cases, well under a second).

LIBXL_DIR      := $(BUILD)/libxl
ifdef LIBXL_XEN_SRC
LIBXL_SRC      = $(LIBXL_XEN_SRC)
LIBXL_SRC_DEP  =
else
LIBXL_SRC      = $(XEN_SRC_STOCK)
LIBXL_SRC_DEP  = $(XEN_SRC_STOCK)/.xenrdm-tree
endif
LIBXL_LIGHT    = $(LIBXL_SRC)/tools/libs/light

# What is taken from libxl, by name (extract.py FILE:KIND:NAME).
LIBXL_EXTRACT = \
	libxl_internal.h:define:__AC libxl_internal.h:define:_AC \
	libxl_internal.h:define:MB libxl_internal.h:define:pfn_to_paddr \
	libxl_internal.h:define:PCI_DEVFN \
	libxl_dm.c:func:libxl__xc_device_get_rdm libxl_dm.c:func:overlaps_rdm \
	libxl_dm.c:func:add_rdm_entry \
	libxl_dm.c:func:libxl__domain_device_construct_rdm \
	libxl_pci.c:func:libxl__device_pci_setdefault \
	libxl_x86.c:define:GUEST_LOW_MEM_START_DEFAULT \
	libxl_x86.c:func:domain_construct_memmap
# libxl__build_hvm's lines that split the RAM around the MMIO hole.
LIBXL_LAYOUT_BLOCK = libxl_dom.c:block:lowmem_end = mem_size;:dom->mmio_start = mmio_start;

$(LIBXL_DIR)/libxl_rdm_extract.c: tests/libxl/extract.py tests/libxl/libxl.mk $(LIBXL_SRC_DEP)
	@mkdir -p $(@D)
	@test -n "$(LIBXL_SRC)" || { echo "libxl.mk: no Xen source tree: XEN_SRC_STOCK (firmware/hvmloader/hvmloader.mk) is not set" >&2; exit 1; }
	cd $(LIBXL_LIGHT) && python3 $(CURDIR)/tests/libxl/extract.py $(abspath $@) $(LIBXL_EXTRACT)

$(LIBXL_DIR)/libxl_layout_extract.c: tests/libxl/extract.py tests/libxl/libxl.mk $(LIBXL_SRC_DEP)
	@mkdir -p $(@D)
	cd $(LIBXL_LIGHT) && python3 $(CURDIR)/tests/libxl/extract.py $(abspath $@) "$(LIBXL_LAYOUT_BLOCK)"

# libxl's code is not ours: its own warnings, not -Werror.
LIBXL_SIDE_CFLAGS = -std=gnu11 -O2 -g -Wall -Wno-unused-parameter -fPIC $(SAN_FLAGS) \
	-I$(LIBXL_DIR) -Itests/libxl $(XEN_CFLAGS)

$(LIBXL_DIR)/libxl_side.o: tests/libxl/libxl_side.c tests/libxl/libxl_side.h \
	  $(LIBXL_DIR)/libxl_rdm_extract.c $(LIBXL_DIR)/libxl_layout_extract.c
	$(CC) $(LIBXL_SIDE_CFLAGS) -MMD -MP -c $< -o $@

$(LIBXL_DIR)/test_libxl_diff.o: tests/libxl/test_libxl_diff.c tests/libxl/libxl_side.h $(HOST_FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Itests/unit -Itests/libxl -MMD -MP -c $< -o $@

LIBXL_DIFF_OBJS = $(LIBXL_DIR)/test_libxl_diff.o $(LIBXL_DIR)/libxl_side.o \
	$(BUILD)/host/tests/unit/helpers/test_rng.o

$(LIBXL_DIR)/test_libxl_diff: $(LIBXL_DIFF_OBJS) $(LIBXENRDM_A)
	$(CC) $(HOST_LDFLAGS) -o $@ $(LIBXL_DIFF_OBJS) $(LIBXENRDM_A) $(XEN_LIBS)

# Mutants: the planner with one rule broken (a macro renamed in every
# shim/libxenrdm/plan*.c), linked before the library.  The test must fail on
# each; mutants.sh says which mutation it caught.
#   hap     HAP's 2 MiB rounding of the relocated low RAM end -> 4 KiB
#   floor2m low RAM's 2 MiB floor (hvmloader's BUG_ON) -> 1 MiB
LIBXL_PLAN_SRCS := $(sort $(wildcard shim/libxenrdm/plan*.c))
LIBXL_MUTANT_hap     := s/XENRDM_HAP_ALIGN/XENRDM_PAGE_SIZE/g
LIBXL_MUTANT_floor2m := s/XENRDM_MIN_LOWMEM_END/XENRDM_FW_RAM_1M/g
LIBXL_MUTANTS := hap floor2m

define libxl_mutant
$(LIBXL_DIR)/mutant-$(1)/%.o: shim/libxenrdm/%.c tests/libxl/libxl.mk $(HOST_FLAGS_FILE)
	@mkdir -p $$(@D)
	sed '$$(LIBXL_MUTANT_$(1))' $$< > $$(@:.o=.c)
	$$(CC) $$(HOST_CFLAGS) -Ishim/libxenrdm -MMD -MP -c $$(@:.o=.c) -o $$@

$(LIBXL_DIR)/test_libxl_diff.mutant-$(1): $(LIBXL_DIFF_OBJS) \
	  $(LIBXL_PLAN_SRCS:shim/libxenrdm/%.c=$(LIBXL_DIR)/mutant-$(1)/%.o) $(LIBXENRDM_A)
	$$(CC) $$(HOST_LDFLAGS) -o $$@ $(LIBXL_DIFF_OBJS) \
	  $(LIBXL_PLAN_SRCS:shim/libxenrdm/%.c=$(LIBXL_DIR)/mutant-$(1)/%.o) $(LIBXENRDM_A) $$(XEN_LIBS)
endef
$(foreach m,$(LIBXL_MUTANTS),$(eval $(call libxl_mutant,$(m))))
-include $(LIBXL_DIR)/test_libxl_diff.d $(LIBXL_DIR)/libxl_side.d \
	$(foreach m,$(LIBXL_MUTANTS),$(wildcard $(LIBXL_DIR)/mutant-$(m)/*.d))

.PHONY: check-libxl-diff
CHECK_TARGETS += check-libxl-diff
check-libxl-diff: $(LIBXL_DIR)/test_libxl_diff \
	  $(LIBXL_MUTANTS:%=$(LIBXL_DIR)/test_libxl_diff.mutant-%)
	@TEST_LOG_DIR=$(BUILD)/test-logs/libxl \
	  LIBXL_DIFF_DIR=$(abspath $(LIBXL_DIR)) LIBXL_MUTANTS="$(LIBXL_MUTANTS)" \
	  LIBXL_PLAN_SRCS="$(LIBXL_PLAN_SRCS)" \
	  scripts/run-tests.sh libxl-diff $(LIBXL_DIR)/test_libxl_diff tests/libxl/mutants.sh
