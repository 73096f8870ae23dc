# tests/fwabi/fwabi.mk - the i386 module archive called with hvmloader's
# ABI: a -m32 program whose own objects are built with hvmloader's flags
# (FW_HVMLOADER_CFLAGS, stack arguments) links $(FW_LIB_i386) and checks
# results (test_i386_abi.c says how it fails under -mregparm=3).

FWABI_TEST := $(BUILD)/tests/fwabi/test_i386_abi
FWABI_OBJ  := $(BUILD)/i386/tests/fwabi/test_i386_abi.o
TEST_BUILD_TARGETS += $(FWABI_TEST)

# Built by firmware.mk's i386 rule: the archive's own flags, which are
# hvmloader's.
$(FWABI_TEST): $(FWABI_OBJ) $(FW_LIB_i386)
	@mkdir -p $(@D)
	$(CC) -m32 -no-pie -o $@ $(FWABI_OBJ) $(FW_LIB_i386)

.PHONY: check-fwabi
CHECK_TARGETS += check-fwabi
check-fwabi: $(FWABI_TEST)
	@$(FWABI_TEST) || { echo "fwabi: the i386 archive failed as hvmloader calls it"; exit 1; }

# The glue (firmware/hvmloader/xenrdm_hvmloader.c) with the same flags,
# against the QEMU image's stand-in util.h, stand-ins in test_glue.c.
GLUE_TEST := $(BUILD)/tests/fwabi/test_glue
GLUE_OBJS := $(BUILD)/i386/tests/fwabi/test_glue.o \
	$(BUILD)/i386/firmware/hvmloader/xenrdm_hvmloader.o
TEST_BUILD_TARGETS += $(GLUE_TEST)
$(GLUE_OBJS): FW_CFLAGS_i386 += -Itests/qemu/image/hvmloader -Ifirmware/hvmloader

$(GLUE_TEST): $(GLUE_OBJS) $(FW_LIB_i386)
	@mkdir -p $(@D)
	$(CC) -m32 -no-pie -o $@ $(GLUE_OBJS) $(FW_LIB_i386)

check-fwabi: check-glue
.PHONY: check-glue
check-glue: $(GLUE_TEST)
	@$(GLUE_TEST) || { echo "glue: failed"; exit 1; }
	@out=$$($(GLUE_TEST) overflow); rc=$$?; \
	if [ $$rc -eq 3 ] && printf '%s' "$$out" | grep -q "keeps 8) with the 2 ranges: not booting"; then \
	  echo "glue-overflow: 1 passed, 0 failed"; \
	else echo "  FAIL over the BIOS limit: expected BUG() (exit 3) naming the limit," \
	  "got exit $$rc:"; printf '%s\n' "$$out"; echo "glue-overflow: 0 passed, 1 failed"; exit 1; fi
