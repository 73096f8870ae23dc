# tests/fwabi/fwabi.mk - the i386 module archive called with hvmloader's
# ABI: a -m32 program whose own objects are built with hvmloader's flags
# (FW_HVMLOADER_CFLAGS, stack arguments) links $(FW_LIB_i386) and checks
# results (test_i386_abi.c says how it fails under -mregparm=3).

FWABI_TEST := $(BUILD)/tests/fwabi/test_i386_abi
FWABI_OBJ  := $(BUILD)/i386/tests/fwabi/test_i386_abi.o
ALL_TARGETS += $(FWABI_TEST)

# Built by firmware.mk's i386 rule: the archive's own flags, which are
# hvmloader's.
$(FWABI_TEST): $(FWABI_OBJ) $(FW_LIB_i386)
	@mkdir -p $(@D)
	$(CC) -m32 -no-pie -o $@ $(FWABI_OBJ) $(FW_LIB_i386)

.PHONY: check-fwabi
CHECK_TARGETS += check-fwabi
check-fwabi: $(FWABI_TEST)
	@$(FWABI_TEST) || { echo "fwabi: the i386 archive failed as hvmloader calls it"; exit 1; }
