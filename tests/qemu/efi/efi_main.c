/* SPDX-License-Identifier: MIT */
/*
 * tests/qemu/efi/efi_main.c - the firmware module as an x86_64 EFI
 * application (gnu-efi), started by OVMF: the same shared flow as the
 * test image (common/guest_e820.c: xenstore dump from fw_cfg, module,
 * checker, QEMU RAM check), built 64-bit, to show the module is clean for
 * an OVMF-side consumer.
 *
 * Output goes to the EFI console (OVMF shows it on every serial port,
 * with its terminal's escape codes) and, byte for byte, to QEMU's
 * debug console port 0xe9 (-debugcon file:LOG), which the test runner
 * parses: nothing else writes there.
 * Both memory ends come from xenstore (no hvm_info here).  The verdict
 * ends QEMU through isa-debug-exit, or a shutdown if that device is
 * missing.
 */
#include <efi.h>
#include <efilib.h>

#include "fmt.h"
#include "guest_e820.h"
#include "io.h"

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

static EFI_SYSTEM_TABLE *sys;
static struct xenrdm_e820entry e820[XENRDM_E820MAX];

void console_write(const char *s, size_t n)
{
	CHAR16 wide[130];
	size_t i = 0, w;

	for (i = 0; i < n; i++)
		io_out8(DEBUGCON_PORT, (uint8_t)s[i]);
	i = 0;
	while (i < n) {
		for (w = 0; i < n && w < 128; i++) {
			if (s[i] == '\n')
				wide[w++] = L'\r';
			wide[w++] = (CHAR16)(unsigned char)s[i];
		}
		wide[w] = 0;
		uefi_call_wrapper(sys->ConOut->OutputString, 2, sys->ConOut,
				  wide);
	}
}

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	uint32_t nr = 0;
	int pass;

	InitializeLib(image, systab);
	sys = systab;
	con_printf("xenrdm EFI application: the firmware module, x86_64, "
		   "under OVMF\n");
	pass = guest_e820_run(0, 0, e820, XENRDM_E820MAX, &nr) == 0;
	con_printf("XENRDM-RESULT %s\n", pass ? "pass" : "fail");
	debug_exit(pass ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL);
	uefi_call_wrapper(systab->RuntimeServices->ResetSystem, 4,
			  EfiResetShutdown, pass ? EFI_SUCCESS : EFI_ABORTED,
			  0, NULL);
	return pass ? EFI_SUCCESS : EFI_ABORTED;
}
