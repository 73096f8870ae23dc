# shim/demo.mk - `make demo` (the top Makefile builds `all`, then runs
# demo-run): the whole host-side chain on a built-in real-host example,
# against a private xenstored; no QEMU, a few seconds.

.PHONY: demo-run
demo-run: $(XEN_RDM) $(XSD_PRELOAD_SO)
	@XEN_RDM=$(abspath $(XEN_RDM)) XSD_PRELOAD=$(abspath $(XSD_PRELOAD_SO)) \
	  sh scripts/demo.sh
