/* SPDX-License-Identifier: MIT */
/*
 * tests/create/xl_preload.c - enough of a hypervisor, as libxenctrl shows
 * it, for Debian's real xl 4.17 to start and run `xl create -n` (dry run:
 * parse the config and print the domain config libxl would get, as JSON)
 * on a machine without Xen.  xl's main() opens libxenctrl and asks
 * xc_version() for the version info; the dry run makes no other
 * hypercall.  Only for tests (tests/create/test_xl_rdm_real.sh): it lets
 * the test see what the real xl does with rdm=, field by field.
 */
#include <errno.h>
#include <string.h>

#include <xenctrl.h>
#include <xen/version.h>

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags);
int xc_interface_close(xc_interface *xch);
int xc_version(xc_interface *xch, int cmd, void *arg);
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);
long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg, size_t len);

static char handle;

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags)
{
	(void)logger;
	(void)dombuild_logger;
	(void)open_flags;
	return (xc_interface *)&handle;
}

int xc_interface_close(xc_interface *xch)
{
	(void)xch;
	return 0;
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
	(void)xch;
	switch (cmd) {
	case XENVER_version:
		return 4 << 16 | 17;
	case XENVER_pagesize:
		return 4096;
	case XENVER_extraversion:
		strcpy(arg, ".5-stub");
		return 0;
	case XENVER_compile_info:
		memset(arg, 0, sizeof(xen_compile_info_t));
		return 0;
	case XENVER_capabilities:
		strcpy(arg, "hvm-3.0-x86_64");
		return 0;
	case XENVER_changeset:
		memset(arg, 0, sizeof(xen_changeset_info_t));
		return 0;
	case XENVER_platform_parameters:
		memset(arg, 0, sizeof(xen_platform_parameters_t));
		return 0;
	case XENVER_commandline:
		memset(arg, 0, sizeof(xen_commandline_t));
		return 0;
	case XENVER_build_id:
		return -ENODATA;
	}
	errno = ENOSYS;
	return -1;
}

/* A 4-CPU, one-node host with HVM and HAP; xl sizes its CPU maps by it. */
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
	(void)xch;
	memset(info, 0, sizeof(*info));
	info->threads_per_core = 1;
	info->cores_per_socket = 4;
	info->nr_cpus = 4;
	info->max_cpu_id = 3;
	info->nr_nodes = 1;
	info->max_node_id = 0;
	info->cpu_khz = 2000000;
	info->capabilities = XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap;
	info->total_pages = 1u << 22;
	info->free_pages = 1u << 21;
	return 0;
}

/* libxl_get_physinfo asks for the shared-page counts: none. */
long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg, size_t len)
{
	(void)xch;
	(void)cmd;
	(void)arg;
	(void)len;
	return 0;
}
