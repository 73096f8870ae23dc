# tests/xs/xs.mk - tests against Xen's real xenstored (Debian's
# xen-utils-4.17), run without a hypervisor through an LD_PRELOAD stand-in.
#
#   $(BUILD)/xs/xsd_preload.so   the stand-in (tests/xs/xsd_preload.c)
#   $(BUILD)/xs/xs_guest         plays a guest domain on a shared ring
#   $(BUILD)/xs/xs_handles       the library's handles: many at once, threads
#   $(BUILD)/xs/xen-rdm-test-hooks  the command with its test hook compiled
#                                in (-DXENRDM_TEST_HOOKS): the product's
#                                objects but xs_cmd.o; never built by `make`
#   check-xs                     every tests/xs/test_*.sh, each with its own
#                                daemon (tests/xs/xsd.sh) torn down by a trap;
#                                test_xenbus.sh needs root (unshare -m), else SKIP

XSD_PRELOAD_SO := $(BUILD)/xs/xsd_preload.so
XS_GUEST       := $(BUILD)/xs/xs_guest
XS_HANDLES     := $(BUILD)/xs/xs_handles
XS_TESTS       := $(sort $(wildcard tests/xs/test_*.sh))
XEN_RDM_TEST_HOOKS := $(BUILD)/xs/xen-rdm-test-hooks
XS_CMD_HOOKS_O := $(BUILD)/xs/test-hooks/xs_cmd.o

TEST_BUILD_TARGETS += $(XSD_PRELOAD_SO) $(if $(wildcard tests/xs/xs_guest.c),$(XS_GUEST)) $(XS_HANDLES) \
	$(XEN_RDM_TEST_HOOKS)

# No sanitizer in the preload: it is loaded into xenstored, which is not
# built with one.
$(XSD_PRELOAD_SO): tests/xs/xsd_preload.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g $(WARN) -fPIC -shared \
		$(shell $(PKG_CONFIG) --cflags xencontrol xenevtchn xengnttab 2>/dev/null) \
		-o $@ $< -ldl

$(XS_GUEST): tests/xs/xs_guest.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(HOST_LDFLAGS) -o $@ $< -lxenstore

$(XS_HANDLES): tests/xs/xs_handles.c $(LIBXENRDM_A)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(XEN_CFLAGS) -pthread $(HOST_LDFLAGS) -o $@ $< \
	  $(LIBXENRDM_A) $(XEN_LIBS) -pthread

# The pause inside apply's open transaction (XENRDM_TEST_PAUSE_AFTER_WRITES)
# exists only in this build: the product ignores the variable.
$(XS_CMD_HOOKS_O): shim/xen-rdm/xs_cmd.c $(HOST_FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(XEN_CFLAGS) -DXENRDM_TEST_HOOKS -MMD -MP -c $< -o $@
-include $(XS_CMD_HOOKS_O:.o=.d)

$(XEN_RDM_TEST_HOOKS): $(filter-out %/xs_cmd.o,$(CLI_OBJS)) $(XS_CMD_HOOKS_O) $(LIBXENRDM_A)
	$(CC) $(HOST_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBXENRDM_A) $(XEN_LIBS)

.PHONY: check-xs
CHECK_TARGETS += check-xs
SAN_CHECK_TARGETS += check-xs
# test_hostile.sh applies a real-shaped DMAR: the table tests/acpi builds.
check-xs: $(XEN_RDM) $(XSD_PRELOAD_SO) $(if $(wildcard tests/xs/xs_guest.c),$(XS_GUEST)) $(XS_HANDLES) \
	  $(XEN_RDM_TEST_HOOKS) $(ACPI_DIR)/dmar-laptop.aml
	@XEN_RDM=$(abspath $(XEN_RDM)) BUILD=$(abspath $(BUILD)) \
	  XEN_RDM_TEST_HOOKS=$(abspath $(XEN_RDM_TEST_HOOKS)) \
	  XSD_PRELOAD=$(abspath $(XSD_PRELOAD_SO)) XS_GUEST=$(abspath $(XS_GUEST)) \
	  XS_HANDLES=$(abspath $(XS_HANDLES)) \
	  TESTS_DIR=$(abspath tests) TEST_LOG_DIR=$(BUILD)/test-logs/xs \
	  scripts/run-tests.sh xs $(XS_TESTS)
