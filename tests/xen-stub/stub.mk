# tests/xen-stub/stub.mk - the LD_PRELOAD stand-in for the hypervisor
# (xc_stub.so) and the test of `--xen`'s protocol against it.  The stub is
# built without sanitizers (it is preloaded into sanitized programs; ASan
# is told not to insist on coming first).

XEN_STUB_SO   := $(BUILD)/xen-stub/xc_stub.so
XEN_STUB_TEST := $(BUILD)/xen-stub/test_xen_source
-include $(BUILD)/host/tests/xen-stub/test_xen_source.d

TEST_BUILD_TARGETS += $(XEN_STUB_SO) $(XEN_STUB_TEST)

$(XEN_STUB_SO): tests/xen-stub/xc_stub.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g $(WARN) -fPIC -shared -Iinclude $(XEN_CFLAGS) -o $@ $<

$(XEN_STUB_TEST): $(BUILD)/host/tests/xen-stub/test_xen_source.o $(UNIT_HELPER_OBJS) $(LIBXENRDM_A)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $< $(UNIT_HELPER_OBJS) $(LIBXENRDM_A) -lcmocka $(XEN_LIBS)

# Twice: for real without the stub (this machine has no hypervisor), then
# with the stub preloaded.
.PHONY: check-xen-stub
CHECK_TARGETS += check-xen-stub
SAN_CHECK_TARGETS += check-xen-stub
check-xen-stub: $(XEN_STUB_SO) $(XEN_STUB_TEST)
	@TEST_LOG_DIR=$(BUILD)/test-logs/xen-stub XEN_STUB_SO=$(abspath $(XEN_STUB_SO)) \
	  XEN_STUB_TEST=$(abspath $(XEN_STUB_TEST)) \
	  scripts/run-tests.sh xen-stub tests/xen-stub/run-real.sh tests/xen-stub/run-stub.sh

# tests/cli/test_sources.sh preloads the stub for its --xen checks.
check-cli: $(XEN_STUB_SO)
