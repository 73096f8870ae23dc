# firmware/firmware.mk - the firmware module as hvmloader links it.
#
#   $(BUILD)/i386/libxenrdm-fw.a     the module alone, i386, as hvmloader
#   $(BUILD)/x86_64/libxenrdm-fw.a   the module alone, x86_64 (EFI builds)
#   $(BUILD)/<arch>/libxenrdm-fw-extra.a  the freestanding extras: the
#                                    xenstore-ls dump reader and the
#                                    invariant checker (test images)
#   check-footprint   size, stack and undefined-symbol limits (below)
#   bench-fw          instructions per e820 build (callgrind)

# Limits of check-footprint, for the i386 module archive.
FW_MAX_SIZE  := 4096   # .text + .data + .rodata, bytes
FW_MAX_STACK := 512    # deepest call chain, bytes (-fstack-usage)
FW_HOOKS     := xenrdm_env_xs_read,xenrdm_env_log,memcpy,memset

# As hvmloader builds its objects (tools/firmware/hvmloader): freestanding,
# no PIC, no stack protector, -Os, register arguments.
FW_CFLAGS_COMMON := -std=gnu11 -ffreestanding -fno-builtin -nostdlib \
	-fno-pic -fno-stack-protector -Os $(WARN) -Iinclude \
	-fno-asynchronous-unwind-tables -fstack-usage -fcallgraph-info=su
FW_CFLAGS_i386   := -m32 -mregparm=3 $(FW_CFLAGS_COMMON)
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

.PHONY: check-footprint
CHECK_TARGETS += check-footprint
check-footprint: $(FW_LIB_i386) $(FW_LIB_x86_64)
	@python3 firmware/footprint.py --archive $(FW_LIB_i386) \
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
ALL_TARGETS += $(BENCH_FW)

$(BENCH_FW): $(BENCH_FW_OBJS)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $^

.PHONY: bench-fw
BENCH_TARGETS += bench-fw
bench-fw: $(BENCH_FW)
	@sh tests/bench/bench_fw.sh $(BENCH_FW) $(BUILD)/bench

include firmware/hvmloader/hvmloader.mk
