/* SPDX-License-Identifier: MIT */
/* tests/qemu/common/serial.c - COM1, polled (see serial.h). */
#include "serial.h"

#include "io.h"

#define UART_THR      0  /* transmit holding register (DLAB=0) */
#define UART_IER      1
#define UART_DLL      0  /* divisor latch (DLAB=1) */
#define UART_DLM      1
#define UART_FCR      2
#define UART_LCR      3
#define UART_MCR      4
#define UART_LSR      5
#define UART_LSR_THRE 0x20 /* transmitter holding register empty */

void serial_init(uint16_t port)
{
	io_out8(port + UART_IER, 0x00);  /* polled: no interrupts */
	io_out8(port + UART_LCR, 0x80);  /* DLAB on to set the divisor */
	io_out8(port + UART_DLL, 0x01);  /* 115200 baud */
	io_out8(port + UART_DLM, 0x00);
	io_out8(port + UART_LCR, 0x03);  /* 8N1, DLAB off */
	io_out8(port + UART_FCR, 0x07);  /* FIFO on, cleared */
	io_out8(port + UART_MCR, 0x03);  /* DTR, RTS */
}

static void serial_putc(uint16_t port, char c)
{
	/* Bounded wait: a missing UART must not hang the test forever. */
	unsigned spins = 100000;

	while (!(io_in8(port + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	io_out8(port + UART_THR, (unsigned char)c);
}

void serial_write(uint16_t port, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc(port, '\r');
		serial_putc(port, s[i]);
	}
}
