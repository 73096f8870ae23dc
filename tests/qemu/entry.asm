; SPDX-License-Identifier: MIT
; tests/qemu/entry.asm - entry of the QEMU test image (a stand-in for
; hvmloader).  QEMU's -kernel loads it as a multiboot (v1) ELF and enters
; _start in 32-bit protected mode, paging off, EAX = multiboot magic,
; EBX = multiboot info.  We load our own flat GDT (the one multiboot left
; is not guaranteed to stay valid), zero .bss, set up a stack and call
; image_main(magic, info) in C.
;
; The C code is built with hvmloader's flags and ABI (cdecl: arguments on
; the stack), which image_main and linux_enter follow.
;
; The GDT puts the flat code segment at selector 0x10 and the flat data
; segment at 0x18 because the Linux 32-bit boot protocol demands exactly
; __BOOT_CS = 0x10 and __BOOT_DS = 0x18 when linux_enter() jumps to it.

bits 32

MB_MAGIC     equ 0x1BADB002
MB_PAGEALIGN equ 1 << 0         ; modules on page boundaries
MB_MEMINFO   equ 1 << 1         ; mem_lower/mem_upper/mmap wanted
MB_FLAGS     equ MB_PAGEALIGN | MB_MEMINFO

BOOT_CS      equ 0x10
BOOT_DS      equ 0x18

section .multiboot progbits alloc noexec nowrite align=4
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)

section .text
global _start
extern image_main
extern __bss_start
extern __bss_end

_start:
	cli
	mov esi, eax                ; magic; EBX (info) is left untouched
	lgdt [gdt_desc]
	jmp BOOT_CS:.flat
.flat:
	mov ax, BOOT_DS
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	mov ss, ax
	cld
	mov edi, __bss_start        ; zero .bss; the stack lives there and is
	mov ecx, __bss_end          ; not in use yet
	sub ecx, edi
	xor eax, eax
	rep stosb
	mov esp, stack_top
	push ebx                    ; multiboot info
	push esi                    ; multiboot magic
	call image_main
.halt:
	hlt
	jmp .halt

; void linux_enter(uint32_t entry, uint32_t boot_params)
; The Linux x86 32-bit boot protocol: protected mode, paging off,
; interrupts off, CS = __BOOT_CS and DS/ES/SS = __BOOT_DS (flat 4 GiB),
; ESI = struct boot_params, EBP = EDI = EBX = 0.  Our GDT already has
; exactly those selectors loaded.
global linux_enter
linux_enter:
	cli
	mov eax, [esp + 4]
	mov esi, [esp + 8]
	mov dx, BOOT_DS
	mov ds, dx
	mov es, dx
	mov ss, dx
	xor ebp, ebp
	xor edi, edi
	xor ebx, ebx
	jmp eax

section .rodata
align 8
gdt:
	dq 0                        ; 0x00 null
	dq 0                        ; 0x08 unused
	dq 0x00CF9A000000FFFF       ; 0x10 code: base 0, limit 4 GiB, r/x
	dq 0x00CF92000000FFFF       ; 0x18 data: base 0, limit 4 GiB, r/w
gdt_end:
gdt_desc:
	dw gdt_end - gdt - 1
	dd gdt

section .bss
align 16
stack:
	resb 16384
stack_top:

; No executable stack wanted (silences ld's implicit-exec-stack warning).
section .note.GNU-stack noalloc noexec nowrite progbits
