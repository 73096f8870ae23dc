# firmware/firmware.mk - the firmware module as hvmloader links it.
#
#   $(BUILD)/i386/libxenrdm-fw.a     the module alone, i386, with
#                                    hvmloader's flags and ABI
#   $(BUILD)/x86_64/libxenrdm-fw.a   the module alone, x86_64 (EFI builds)
#   $(BUILD)/<arch>/libxenrdm-fw-extra.a  the freestanding extras: the
#                                    xenstore-ls dump reader and the
#                                    invariant checker (test images)
#   check-footprint   size, stack and undefined-symbol limits (below)
#   bench-fw          instructions per e820 build (callgrind)

# Limits of check-footprint: what the module and the glue add to
# hvmloader, measured on hvmloader's own objects (its flags, -O2), and
# what the patched hvmloader adds to the stock one.
FW_MAX_SIZE  := 6144   # .text + .data + .rodata, bytes
FW_MAX_STACK := 512    # deepest call chain, bytes (-fstack-usage)
FW_HOOKS     := xenrdm_env_xs_read,xenrdm_env_log,memcpy,memset

# hvmloader's flags (tools/firmware/Rules.mk, tools/Rules.mk and
# hvmloader's Makefile, as its build prints them): i686, stack arguments
# (no -mregparm anywhere), -O2, freestanding with no system headers.
# -nostdinc needs a freestanding include path: gcc's own (stdint.h etc.
# without libc), where hvmloader uses tools/firmware/include.  Ours on
# top: warnings, and the stack analysis (which changes no code).
FW_FREESTANDING_INC := $(shell $(CC) -print-file-name=include)
FW_HVMLOADER_CFLAGS := -m32 -march=i686 -O2 -fomit-frame-pointer -std=gnu99 \
	-ffreestanding -msoft-float -nostdinc -isystem $(FW_FREESTANDING_INC) \
	-fno-pie -fno-stack-protector -fcf-protection=none -DNDEBUG \
	-fno-strict-aliasing -fno-exceptions -fno-asynchronous-unwind-tables
FW_CFLAGS_COMMON := -std=gnu11 -ffreestanding -fno-builtin -nostdlib \
	-fno-pic -fno-stack-protector -Os $(WARN) -Iinclude \
	-fno-asynchronous-unwind-tables -fstack-usage -fcallgraph-info=su
FW_CFLAGS_i386   := $(FW_HVMLOADER_CFLAGS) $(WARN) -Iinclude \
	-fstack-usage -fcallgraph-info=su
FW_CFLAGS_x86_64 := -m64 -mno-red-zone -mcmodel=small $(FW_CFLAGS_COMMON)
FW_ARCHES := i386 x86_64

FW_LIB_i386      := $(BUILD)/i386/libxenrdm-fw.a
FW_LIB_x86_64    := $(BUILD)/x86_64/libxenrdm-fw.a
FW_EXTRA_LIB_i386   := $(BUILD)/i386/libxenrdm-fw-extra.a
FW_EXTRA_LIB_x86_64 := $(BUILD)/x86_64/libxenrdm-fw-extra.a

ALL_TARGETS += $(FW_LIB_i386) $(FW_LIB_x86_64) \
	       $(FW_EXTRA_LIB_i386) $(FW_EXTRA_LIB_x86_64)

define fw_arch_rules
$$(eval $$(call flags_file,$(BUILD)/$(1)/cflags,$$(CC) $$(FW_CFLAGS_$(1))))

$(BUILD)/$(1)/%.o: %.c $(BUILD)/$(1)/cflags
	@mkdir -p $$(@D)
	$$(CC) $$(FW_CFLAGS_$(1)) -MMD -MP -c $$< -o $$@

$$(FW_LIB_$(1)): $$(FW_MODULE_SRCS:%.c=$(BUILD)/$(1)/%.o)
	rm -f $$@ && ar rcs $$@ $$^

$$(FW_EXTRA_LIB_$(1)): $$(FW_EXTRA_SRCS:%.c=$(BUILD)/$(1)/%.o)
	rm -f $$@ && ar rcs $$@ $$^

-include $$(FW_MODULE_SRCS:%.c=$(BUILD)/$(1)/%.d) $$(FW_EXTRA_SRCS:%.c=$(BUILD)/$(1)/%.d)
endef
$(foreach a,$(FW_ARCHES),$(eval $(call fw_arch_rules,$(a))))

# hvmloader.mk first: check-footprint's prerequisites name its products,
# and a rule's prerequisites are expanded when the rule is read.
include firmware/hvmloader/hvmloader.mk

.PHONY: check-footprint
CHECK_TARGETS += check-footprint
check-footprint: $(FW_LIB_i386) $(FW_LIB_x86_64) $(HVMLOADER_STOCK) $(HVMLOADER)
	@python3 firmware/footprint.py --archive $(FW_LIB_i386) \
	  $(addprefix --size-of ,$(HVM_XENRDM_OBJS)) \
	  --compare $(HVMLOADER_STOCK) $(HVMLOADER) \
	  --max-size $(FW_MAX_SIZE) --max-stack $(FW_MAX_STACK) \
	  --allow $(FW_HOOKS) $(FW_MODULE_SRCS:%.c=$(BUILD)/i386/%.ci)
	@echo "footprint (x86_64, for information; limits apply to i386):"
	@python3 firmware/footprint.py --archive $(FW_LIB_x86_64) \
	  --max-size 1000000 --max-stack $(FW_MAX_STACK) \
	  --allow $(FW_HOOKS) $(FW_MODULE_SRCS:%.c=$(BUILD)/x86_64/%.ci)

# The benchmark: the host-compiled module plus its own silent hooks.
BENCH_FW := $(BUILD)/tests/bench/bench_fw
BENCH_FW_OBJS := $(BUILD)/host/tests/bench/bench_fw.o \
	$(FW_MODULE_SRCS:%.c=$(BUILD)/host/%.o) \
	$(BUILD)/host/firmware/extra/memmap_check.o
TEST_BUILD_TARGETS += $(BENCH_FW)

$(BENCH_FW): $(BENCH_FW_OBJS)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $^

.PHONY: bench-fw
BENCH_TARGETS += bench-fw
bench-fw: $(BENCH_FW)
	@sh tests/bench/bench_fw.sh $(BENCH_FW) $(BUILD)/bench

