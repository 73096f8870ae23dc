# tests/xs/xs.mk - tests against Xen's real xenstored (Debian's
# xen-utils-4.17), run without a hypervisor through an LD_PRELOAD stand-in.
#
#   $(BUILD)/xs/xsd_preload.so   the stand-in (tests/xs/xsd_preload.c)
#   $(BUILD)/xs/xs_guest         plays a guest domain on a shared ring
#   check-xs                     every tests/xs/test_*.sh, each with its own
#                                daemon (tests/xs/xsd.sh) torn down by a trap

XSD_PRELOAD_SO := $(BUILD)/xs/xsd_preload.so
XS_GUEST       := $(BUILD)/xs/xs_guest
XS_TESTS       := $(sort $(wildcard tests/xs/test_*.sh))

TEST_BUILD_TARGETS += $(XSD_PRELOAD_SO) $(if $(wildcard tests/xs/xs_guest.c),$(XS_GUEST))

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

.PHONY: check-xs
CHECK_TARGETS += check-xs
SAN_CHECK_TARGETS += check-xs
check-xs: $(XEN_RDM) $(XSD_PRELOAD_SO) $(if $(wildcard tests/xs/xs_guest.c),$(XS_GUEST))
	@XEN_RDM=$(abspath $(XEN_RDM)) BUILD=$(abspath $(BUILD)) \
	  XSD_PRELOAD=$(abspath $(XSD_PRELOAD_SO)) XS_GUEST=$(abspath $(XS_GUEST)) \
	  TESTS_DIR=$(abspath tests) TEST_LOG_DIR=$(BUILD)/test-logs/xs \
	  scripts/run-tests.sh xs $(XS_TESTS)
