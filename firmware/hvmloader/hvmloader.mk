# firmware/hvmloader/hvmloader.mk - Xen 4.17's hvmloader, stock and with
# xen-rdm, from Debian's xen source package (included by firmware.mk).
#
#   make hvmloader     $(HVMLOADER_STOCK)   hvmloader as Debian builds it
#                      $(HVMLOADER)         the same with the patch series
#                                           (patches/series), the glue and
#                                           the firmware module
#   make install       $(PREFIX)/lib/xen-rdm/hvmloader (the patched one,
#                      for firmware = "..." in xl.cfg)
#   check-hvmloader    both built (fails, never skips, without the
#                      source), sizes, the checksum refusal
#
# The source: `apt-get source --download-only xen=$(XEN_DEB_VERSION)` into
# $(XEN_SRC_CACHE); the .dsc must have the sha256 pinned here, and
# dpkg-source -x checks the tarballs against the .dsc.  Two trees are
# extracted from it (paths others build from, e.g. tests/hvmloader):
#   $(XEN_SRC_STOCK)     pristine Debian source (hvmloader.stock built in it)
#   $(XEN_SRC_PATCHED)   the same with patches/series applied and the glue
#                        and module copied into tools/firmware/hvmloader
# Only hvmloader is built (with libacpi's tables, iasl), as Debian's
# configure would set it up: ROMBIOS off, SeaBIOS and OVMF on.

XEN_DEB_VERSION := 4.17.5+72-g01140da4e8-1
XEN_DSC_SHA256  := f13956b67fb7a65707c2b0620d89b41ee5d203434dd7bb913017356791ee66c1
XEN_SRC_CACHE   ?= $(BUILD)/xen-src/cache
XEN_SRC_STOCK   := $(BUILD)/xen-src/stock
XEN_SRC_PATCHED := $(BUILD)/xen-src/patched
HVMLOADER_DIR   := $(BUILD)/hvmloader
HVMLOADER_STOCK := $(HVMLOADER_DIR)/hvmloader.stock
HVMLOADER       := $(HVMLOADER_DIR)/hvmloader

HVM_SUBDIR      := tools/firmware/hvmloader
HVM_PATCH_DIR   := firmware/hvmloader/patches
HVM_PATCHES     := $(addprefix $(HVM_PATCH_DIR)/,$(shell cat $(HVM_PATCH_DIR)/series))
HVM_GLUE        := firmware/hvmloader/xenrdm_hvmloader.c firmware/hvmloader/xenrdm_hvmloader.h
# The module's files hvmloader links: all but fw_build.c (the e820 from
# scratch and its printer, for the host; hvmloader has its own).
HVM_FW_SRCS     := $(filter-out firmware/fw_build.c,$(FW_MODULE_SRCS))
# The module's headers as hvmloader's objects include them.
HVM_FW_HEADERS  := include/xenrdm/firmware.h include/xenrdm/fw_env.h \
		   include/xenrdm/errors.h include/xenrdm/xs_abi.h

XEN_SRC := sh scripts/xen-source.sh
# The sub-make must not see our command line (BUILD=, CC=, SAN=...):
# hvmloader is built with its own flags only.
HVM_MAKE := MAKEFLAGS= $(MAKE) -s debug=n

# $(call xen_tree,DEST): extract a checked tree into DEST and set it up
# the way Debian's configure would for hvmloader, without running it:
# config/Tools.mk (the few variables hvmloader's Makefiles read), an empty
# tools/config.h, and the public headers in tools/include/xen
# (xen-foreign + xen-dir; `all` there also needs xen-xsm, which fails
# outside a configured tree and hvmloader does not use).
define xen_tree
	rm -rf $(1)
	$(XEN_SRC) fetch $(XEN_SRC_CACHE) $(XEN_DEB_VERSION) $(XEN_DSC_SHA256)
	$(XEN_SRC) extract $(XEN_SRC_CACHE) $(XEN_DEB_VERSION) $(1)
	printf '%s\n' 'CONFIG_WERROR := y' 'IASL := iasl' 'PYTHON := python3' \
	  'CONFIG_ROMBIOS := n' 'CONFIG_SEABIOS := y' 'CONFIG_OVMF := y' \
	  > $(1)/config/Tools.mk
	: > $(1)/tools/config.h
	MAKEFLAGS= $(MAKE) -s -C $(1)/tools/include xen-foreign xen-dir >/dev/null
endef

# Downloaded once (both trees wait for it, so make -j does not run two
# apt-get source into one directory); each extraction checks it again.
XEN_SRC_DSC := $(XEN_SRC_CACHE)/xen_$(XEN_DEB_VERSION).dsc
$(XEN_SRC_DSC):
	$(XEN_SRC) fetch $(XEN_SRC_CACHE) $(XEN_DEB_VERSION) $(XEN_DSC_SHA256)

$(XEN_SRC_STOCK)/.xenrdm-tree: firmware/hvmloader/hvmloader.mk scripts/xen-source.sh \
	  | $(XEN_SRC_DSC)
	$(call xen_tree,$(XEN_SRC_STOCK))
	touch $@

$(XEN_SRC_PATCHED)/.xenrdm-tree: firmware/hvmloader/hvmloader.mk scripts/xen-source.sh \
	  $(HVM_PATCH_DIR)/series $(HVM_PATCHES) | $(XEN_SRC_DSC)
	$(call xen_tree,$(XEN_SRC_PATCHED))
	for p in $(HVM_PATCHES); do \
	  patch -s -p1 -d $(XEN_SRC_PATCHED) --no-backup-if-mismatch < $$p || \
	    { echo "hvmloader.mk: $$p does not apply to xen $(XEN_DEB_VERSION)" >&2; exit 1; }; \
	done
	touch $@

# $(call hvm_build,TREE,LOG): hvmloader's own make in TREE; its chatter
# (iasl) goes to LOG, shown when it fails.
define hvm_build
	@mkdir -p $(HVMLOADER_DIR)
	@$(HVM_MAKE) -C $(1)/$(HVM_SUBDIR) > $(2) 2>&1 || \
	  { tail -40 $(2); echo "hvmloader.mk: hvmloader's build failed in $(1) (log: $(2))" >&2; exit 1; }
endef

$(HVMLOADER_STOCK): $(XEN_SRC_STOCK)/.xenrdm-tree
	$(call hvm_build,$(XEN_SRC_STOCK),$(HVMLOADER_DIR)/stock-build.log)
	cp $(XEN_SRC_STOCK)/$(HVM_SUBDIR)/hvmloader $@

# The glue next to hvmloader's files, the module in xenrdm/ (copied
# afresh each time, so a file removed here is gone there too).
$(HVMLOADER): $(XEN_SRC_PATCHED)/.xenrdm-tree $(HVM_GLUE) $(HVM_FW_SRCS) \
	  $(wildcard firmware/*.h) $(HVM_FW_HEADERS)
	rm -rf $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/xenrdm
	mkdir -p $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/xenrdm/include/xenrdm
	cp $(HVM_GLUE) $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/
	cp $(HVM_FW_SRCS) $(wildcard firmware/*.h) $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/xenrdm/
	cp $(HVM_FW_HEADERS) $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/xenrdm/include/xenrdm/
	$(call hvm_build,$(XEN_SRC_PATCHED),$(HVMLOADER_DIR)/build.log)
	cp $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/hvmloader $@

.PHONY: hvmloader check-hvmloader install-hvmloader
hvmloader: $(HVMLOADER_STOCK) $(HVMLOADER)
	@size $(HVMLOADER_STOCK) $(HVMLOADER)

# What hvmloader's objects of xen-rdm weigh, and the whole binaries.
HVM_XENRDM_OBJS = $(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/xenrdm_hvmloader.o \
	$(patsubst firmware/%.c,$(XEN_SRC_PATCHED)/$(HVM_SUBDIR)/xenrdm/%.o,$(HVM_FW_SRCS))

CHECK_TARGETS += check-hvmloader
check-hvmloader: $(HVMLOADER_STOCK) $(HVMLOADER)
	@sh firmware/hvmloader/check_hvmloader.sh $(BUILD) $(HVMLOADER_STOCK) \
	  $(HVMLOADER) $(XEN_SRC_CACHE) $(XEN_DEB_VERSION) $(XEN_DSC_SHA256)

INSTALL_TARGETS += install-hvmloader
install-hvmloader: $(HVMLOADER)
	install -D -m 0644 $(HVMLOADER) $(DESTDIR)$(PREFIX)/lib/xen-rdm/hvmloader
