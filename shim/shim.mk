# shim/shim.mk - libxenrdm (static, shared, pkg-config) and the xen-rdm
# command.  The library holds shim/libxenrdm/*.c plus the firmware module and its
# extras compiled for the host, so `plan`, `show` and `e820` run the
# firmware's own code.

LIB_SRCS := $(sort $(wildcard shim/libxenrdm/*.c))
CLI_SRCS := $(sort $(wildcard shim/xen-rdm/*.c))

LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/host/%.o) \
	    $(FW_MODULE_SRCS:%.c=$(BUILD)/host/%.o) \
	    $(FW_EXTRA_SRCS:%.c=$(BUILD)/host/%.o)
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/host/%.o)

LIBXENRDM_A  := $(BUILD)/libxenrdm.a
LIBXENRDM_SO := $(BUILD)/libxenrdm.so
LIBXENRDM_SONAME := libxenrdm.so.0
XEN_RDM      := $(BUILD)/xen-rdm
XENRDM_PC    := $(BUILD)/xenrdm.pc

ALL_TARGETS += $(LIBXENRDM_A) $(LIBXENRDM_SO) $(XEN_RDM) $(XENRDM_PC)

# Every host object is rebuilt when the host flags change.
HOST_FLAGS_FILE := $(BUILD)/host/cflags
$(eval $(call flags_file,$(HOST_FLAGS_FILE),$(CC) $(HOST_CFLAGS) $(XEN_CFLAGS)))

$(BUILD)/host/%.o: %.c $(HOST_FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(XEN_CFLAGS) -MMD -MP -c $< -o $@

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

$(LIBXENRDM_A): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(LIBXENRDM_SO): $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,$(LIBXENRDM_SONAME) $(HOST_LDFLAGS) -o $@ $^ $(XEN_LIBS)

$(XEN_RDM): $(CLI_OBJS) $(LIBXENRDM_A)
	$(CC) $(HOST_LDFLAGS) -o $@ $(CLI_OBJS) $(LIBXENRDM_A) $(XEN_LIBS)

# The .pc file names PREFIX, so it is made again whenever PREFIX changes
# (install rewrites it for its own PREFIX too).
XENRDM_VERSION := $(shell sed -n 's/^\#define XENRDM_VERSION "\(.*\)"/\1/p' include/xenrdm/xenrdm.h)
define xenrdm_pc_gen
sed -e 's|@PREFIX@|$(1)|g' -e 's|@VERSION@|$(XENRDM_VERSION)|g' shim/xenrdm.pc.in
endef
$(XENRDM_PC): shim/xenrdm.pc.in include/xenrdm/xenrdm.h FORCE
	@mkdir -p $(@D)
	@$(call xenrdm_pc_gen,$(PREFIX)) > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv -f $@.tmp $@

.PHONY: install-shim
INSTALL_TARGETS += install-shim
install-shim:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/xenrdm \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 755 $(XEN_RDM) $(DESTDIR)$(PREFIX)/bin/xen-rdm
	install -m 644 $(LIBXENRDM_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIBXENRDM_SO) $(DESTDIR)$(PREFIX)/lib/$(LIBXENRDM_SONAME)
	ln -sf $(LIBXENRDM_SONAME) $(DESTDIR)$(PREFIX)/lib/libxenrdm.so
	$(call xenrdm_pc_gen,$(PREFIX)) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/xenrdm.pc
	install -m 644 include/xenrdm/*.h $(DESTDIR)$(PREFIX)/include/xenrdm/
	# The firmware module, for hvmloader (i386) and EFI-side (x86_64) users.
	for a in i386 x86_64; do \
		install -d $(DESTDIR)$(PREFIX)/lib/xenrdm-fw/$$a && \
		install -m 644 $(BUILD)/$$a/libxenrdm-fw.a $(DESTDIR)$(PREFIX)/lib/xenrdm-fw/$$a/ || exit 1; \
	done
	for m in shim/man/*.1; do [ -f "$$m" ] && install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man1/; done; true
	for m in shim/man/*.7; do [ -f "$$m" ] && install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man7/; done; true
