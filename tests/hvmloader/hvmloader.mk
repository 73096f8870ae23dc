# tests/hvmloader/hvmloader.mk - the harness against upstream hvmloader
# (tests/hvmloader/README.md): hvmloader's real e820.c, stock and patched,
# built by hvmloader's own Makefile from Debian's Xen source (the firmware build's trees,
# firmware/hvmloader/hvmloader.mk), against `xen-rdm plan`'s e820.
#
#   check-hvmloader-harness   HVM_HARNESS_CASES random plans (default
#                             3000, seed HVM_HARNESS_SEED) plus the
#                             README's examples and plans without keys
#
# The runners are -m32 programs linked with the trees' own objects
# (e820.o, pci.o; for the patched one also the glue and the module), their
# printf/vprintf renamed so they do not meet libc's.

HVM_HARNESS_DIR   := $(BUILD)/hvmloader-harness
HVM_HARNESS       := $(BUILD)/tests/hvmloader/harness
HVM_RUNNER_STOCK  := $(HVM_HARNESS_DIR)/runner-stock
HVM_RUNNER_PATCHED := $(HVM_HARNESS_DIR)/runner-patched
HVM_HARNESS_CASES ?= 3000
HVM_HARNESS_SEED  ?= 0x48564d4c

HVM_STOCK_OBJDIR   = $(XEN_SRC_STOCK)/$(HVM_SUBDIR)
HVM_PATCHED_OBJDIR = $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)
HVM_RENAME := objcopy --redefine-sym printf=hvm_printf \
	      --redefine-sym vprintf=hvm_vprintf
# Xen's public headers (hvm_info_table.h) after the system's: the
# directory also holds a features.h that must not shadow glibc's.
HVM_RUNNER_CFLAGS = -m32 -std=gnu11 -O2 -g $(WARN) -no-pie \
	-idirafter $(XEN_SRC_STOCK)/xen/include/public

# The 64-bit driver needs only libxenrdm: part of `make all`.
TEST_BUILD_TARGETS += $(HVM_HARNESS)
$(HVM_HARNESS): $(BUILD)/host/tests/hvmloader/harness.o \
		$(BUILD)/host/tests/unit/helpers/test_rng.o $(LIBXENRDM_A)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(XEN_LIBS)
$(BUILD)/host/tests/hvmloader/harness.o: HOST_CFLAGS += -Itests/unit

# The runners: the trees are made by `make hvmloader`'s rules.
$(HVM_RUNNER_STOCK): tests/hvmloader/hvm_runner.c $(HVMLOADER_STOCK)
	@mkdir -p $(HVM_HARNESS_DIR)/stock
	for o in e820.o pci.o; do \
	  $(HVM_RENAME) $(HVM_STOCK_OBJDIR)/$$o $(HVM_HARNESS_DIR)/stock/$$o || exit 1; done
	$(CC) $(HVM_RUNNER_CFLAGS) -o $@ $< $(HVM_HARNESS_DIR)/stock/e820.o \
	  $(HVM_HARNESS_DIR)/stock/pci.o

$(HVM_RUNNER_PATCHED): tests/hvmloader/hvm_runner.c $(HVMLOADER)
	@rm -rf $(HVM_HARNESS_DIR)/patched && mkdir -p $(HVM_HARNESS_DIR)/patched
	for o in $(HVM_PATCHED_OBJDIR)/e820.o $(HVM_PATCHED_OBJDIR)/pci.o \
	    $(HVM_XENRDM_OBJS); do \
	  $(HVM_RENAME) $$o $(HVM_HARNESS_DIR)/patched/$$(basename $$o) || exit 1; done
	$(CC) $(HVM_RUNNER_CFLAGS) -DPATCHED -o $@ $< $(HVM_HARNESS_DIR)/patched/*.o

.PHONY: check-hvmloader-harness
CHECK_TARGETS += check-hvmloader-harness
check-hvmloader-harness: $(HVM_HARNESS) $(HVM_RUNNER_STOCK) $(HVM_RUNNER_PATCHED)
	@mkdir -p $(BUILD)/test-logs $(HVM_HARNESS_DIR)/work
	@$(HVM_HARNESS) $(HVM_RUNNER_STOCK) $(HVM_RUNNER_PATCHED) \
	  $(HVM_HARNESS_DIR)/work $(HVM_HARNESS_CASES) $(HVM_HARNESS_SEED) \
	  2>$(BUILD)/test-logs/hvmloader-harness.log; \
	rc=$$?; [ $$rc -eq 0 ] || head -c 20000 $(BUILD)/test-logs/hvmloader-harness.log; exit $$rc
