# tests/qemu/qemu.mk - the end-to-end test under QEMU.
#
#   $(BUILD)/qemu/xenrdm-image.elf   the multiboot test image (hvmloader
#                                    stand-in): hvmloader's xen-rdm glue
#                                    (firmware/hvmloader/) and the module
#                                    archives $(FW_LIB_i386) and
#                                    $(FW_EXTRA_LIB_i386), all with
#                                    hvmloader's flags and ABI, over thin
#                                    stand-ins for hvmloader itself
#   $(BUILD)/qemu/efi/BOOTX64.EFI    the same module and checker as an
#                                    x86_64 EFI application (gnu-efi)
#   qemu-check   every scenario: shim -> real xenstored -> dump -> image
#                -> Linux; the EFI application under OVMF (in check)
#   qemu-demo    one scenario shown side by side (not in check)

QEMU_DIR := $(BUILD)/qemu
QEMU_IMAGE := $(QEMU_DIR)/xenrdm-image.elf
QEMU_EFI_APP := $(QEMU_DIR)/efi/BOOTX64.EFI

# The image's own C code (entry, serial, fw_cfg, printf, hvmloader's
# stand-ins) and the glue: hvmloader's flags exactly, as the module
# archive ($(FW_HVMLOADER_CFLAGS), firmware.mk: i686, -O2, freestanding,
# stack arguments), so every call between the image, the glue and the
# archives uses hvmloader's ABI; our warnings on top.  tests/qemu/image/
# hvmloader/util.h stands in for hvmloader's util.h in the glue.  No
# libgcc: fmt.c divides 64-bit values itself.
QEMU_IMAGE_CFLAGS := $(FW_HVMLOADER_CFLAGS) $(WARN) -Iinclude \
	-Itests/qemu/common -Itests/qemu/image -Itests/qemu/image/hvmloader \
	-Ifirmware/hvmloader

QEMU_COMMON_SRCS := $(sort $(wildcard tests/qemu/common/*.c))
QEMU_IMAGE_SRCS := $(sort $(wildcard tests/qemu/image/*.c))
# The module's hooks come from the glue, not from common/env_hooks.c.
QEMU_IMAGE_OBJS := $(QEMU_DIR)/i386/tests/qemu/entry.o \
	$(patsubst %.c,$(QEMU_DIR)/i386/%.o,$(QEMU_IMAGE_SRCS) \
	  $(filter-out %/env_hooks.c,$(QEMU_COMMON_SRCS)) \
	  firmware/hvmloader/xenrdm_hvmloader.c)

TEST_BUILD_TARGETS += $(QEMU_IMAGE)

# The flags the objects were built with, rewritten only when they change:
# every object depends on it, so a flag change rebuilds all of them.  (An
# object left over from a build with other flags, e.g. -mregparm=3, reads
# its arguments from registers while its callers push them: the image
# then writes to whatever port a register held and COM1 stays silent.)
QEMU_IMAGE_FLAGS_FILE := $(QEMU_DIR)/i386/cflags
$(eval $(call flags_file,$(QEMU_IMAGE_FLAGS_FILE),$(QEMU_IMAGE_CFLAGS)))

$(QEMU_DIR)/i386/%.o: %.c $(QEMU_IMAGE_FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(QEMU_IMAGE_CFLAGS) -MMD -MP -c $< -o $@

$(QEMU_DIR)/i386/tests/qemu/entry.o: tests/qemu/entry.asm
	@mkdir -p $(@D)
	nasm -f elf32 -o $@ $<

# The archives after the objects that use them, the checker's archive
# before the module's (it calls into the module).
$(QEMU_IMAGE): $(QEMU_IMAGE_OBJS) $(FW_EXTRA_LIB_i386) $(FW_LIB_i386) \
	  linker/image.ld
	$(CC) -m32 -nostdlib -static -no-pie -Wl,--build-id=none \
	  -Wl,--no-warn-rwx-segments -Wl,-T,linker/image.ld -o $@ \
	  $(QEMU_IMAGE_OBJS) $(FW_EXTRA_LIB_i386) $(FW_LIB_i386)

-include $(QEMU_IMAGE_OBJS:.o=.d)

# The EFI application: gnu-efi's crt0 and linker script, a shared object
# turned into a PE32+ image by objcopy.
GNUEFI_INC := /usr/include/efi
GNUEFI_LIB := /usr/lib
QEMU_EFI_CFLAGS := -std=gnu11 -m64 -ffreestanding -fno-builtin -fpic \
	-fshort-wchar -mno-red-zone -fno-stack-protector -Os \
	-fno-asynchronous-unwind-tables $(WARN) -Iinclude \
	-Itests/qemu/common -isystem $(GNUEFI_INC) -isystem $(GNUEFI_INC)/x86_64
QEMU_EFI_SRCS := $(sort $(wildcard tests/qemu/efi/*.c))
QEMU_EFI_OBJS := $(patsubst %.c,$(QEMU_DIR)/x86_64/%.o,$(QEMU_EFI_SRCS) \
	  $(QEMU_COMMON_SRCS) $(FW_MODULE_SRCS) $(FW_EXTRA_SRCS))

TEST_BUILD_TARGETS += $(QEMU_EFI_APP)

$(QEMU_DIR)/x86_64/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(QEMU_EFI_CFLAGS) -MMD -MP -c $< -o $@

$(QEMU_DIR)/efi/xenrdm-efi.so: $(QEMU_EFI_OBJS)
	@mkdir -p $(@D)
	ld -nostdlib -znocombreloc -shared -Bsymbolic --no-undefined \
	  -T $(GNUEFI_LIB)/elf_x86_64_efi.lds $(GNUEFI_LIB)/crt0-efi-x86_64.o \
	  $(QEMU_EFI_OBJS) -o $@ -L$(GNUEFI_LIB) -lefi -lgnuefi \
	  $$($(CC) -m64 -print-libgcc-file-name)

$(QEMU_EFI_APP): $(QEMU_DIR)/efi/xenrdm-efi.so
	objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym \
	  -j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
	  --target efi-app-x86_64 --subsystem=10 $< $@

-include $(QEMU_EFI_OBJS:.o=.d)

# The runner needs the shim, the xenstored stand-in, both programs and
# QEMU; only a QEMU that cannot be installed makes it skip (visibly).
QEMU_RUN := python3 tests/qemu/run_scenarios.py --xen-rdm $(XEN_RDM) \
	--image $(QEMU_IMAGE) --efi-app $(QEMU_EFI_APP) --build $(BUILD) \
	--acpi-dir $(ACPI_DIR)
# (tests/xs/xs.mk is read after this file: its preload by path.)
QEMU_RUN_DEPS := $(XEN_RDM) $(BUILD)/xs/xsd_preload.so $(QEMU_IMAGE) $(QEMU_EFI_APP) \
	$(ACPI_DIR)/dmar-laptop.aml

.PHONY: qemu-check qemu-demo
CHECK_TARGETS += qemu-check
qemu-check: $(QEMU_RUN_DEPS)
	@command -v qemu-system-x86_64 >/dev/null || sh $(DEPS) check || true
	@if ! command -v qemu-system-x86_64 >/dev/null; then \
	  echo "qemu-check: SKIPPED: qemu-system-x86_64 is not installed and" \
	       "scripts/deps.sh could not install it"; \
	else $(QEMU_RUN); fi

# One real-host scenario (a laptop's DMAR, its IGD passed through), its
# tables side by side: plan, image, EFI app, Linux.
qemu-demo: deps $(QEMU_RUN_DEPS)
	@$(QEMU_RUN) --demo laptop-dmar
