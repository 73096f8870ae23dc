# tests/create/create.mk - `xen-rdm create` and what xl 4.17 makes of rdm=.
#
#   $(BUILD)/create/xc_dom_stub.so  the hypervisor as create and apply
#                                   read a built domain
#                                   (tests/create/xc_dom_stub.c)
#   $(BUILD)/create/xl_preload.so   enough of a hypervisor for the real xl
#                                   4.17 to run `xl create -n` (dry run)
#   check-create                    test_create.sh (stand-in xl, real
#                                   xenstored), test_xl_rdm_real.sh
#                                   (the real xl's parse of each rdm=),
#                                   test_apply_xl.sh (apply -c plans
#                                   what the real xl builds) and
#                                   test_apply_layout.sh (apply checks
#                                   the domain before writing)
# No sanitizer in the preloads (loaded into programs built without one).

XC_DOM_STUB_SO := $(BUILD)/create/xc_dom_stub.so
XL_PRELOAD_SO  := $(BUILD)/create/xl_preload.so
CREATE_TESTS   := $(sort $(wildcard tests/create/test_*.sh))

TEST_BUILD_TARGETS += $(XC_DOM_STUB_SO) $(XL_PRELOAD_SO)

$(BUILD)/create/%.so: tests/create/%.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g $(WARN) -fPIC -shared -Iinclude $(XEN_CFLAGS) -o $@ $<

.PHONY: check-create
CHECK_TARGETS += check-create
SAN_CHECK_TARGETS += check-create
# (tests/xs/xs.mk is read after this file: its variable is not set yet.)
CREATE_XSD_PRELOAD := $(BUILD)/xs/xsd_preload.so
check-create: $(XEN_RDM) $(CREATE_XSD_PRELOAD) $(XC_DOM_STUB_SO) $(XL_PRELOAD_SO)
	@XEN_RDM=$(abspath $(XEN_RDM)) BUILD=$(abspath $(BUILD)) \
	  XSD_PRELOAD=$(abspath $(CREATE_XSD_PRELOAD)) \
	  XC_DOM_STUB=$(abspath $(XC_DOM_STUB_SO)) XL_PRELOAD=$(abspath $(XL_PRELOAD_SO)) \
	  TESTS_DIR=$(abspath tests) TEST_LOG_DIR=$(BUILD)/test-logs/create \
	  scripts/run-tests.sh create $(CREATE_TESTS)
