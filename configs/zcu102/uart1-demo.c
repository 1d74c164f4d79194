// SPDX-License-Identifier: GPL-2.0-only
/*
 * uart-demo.bin on the ZCU102 in a cell that owns the board's second UART
 * (UART1, a Cadence UART at 0xff010000): CPU 3.  The same uart-demo.bin as on
 * virt finds it in the comm region and drives it with the inmate library's
 * Cadence driver, where on virt it drives the PL011 that the hypervisor
 * emulates.  Linux never binds UART1 here (its clock lives in the firmware
 * node that QEMU disables: scripts/zcu102-dtb.sh), so the root loses
 * nothing it uses; scripts/run-qemu.sh puts UART1's output into the same
 * serial log as UART0's, each line marked "[uart1] ".  (uart-demo.c keeps
 * the console hypercall, so that the scenarios can read its lines from
 * the cell's console.)
 */
#define INMATE_CELL_NAME "uart1-demo"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x60100000
#define INMATE_CELL_UART_TYPE WARDEN_UART_CADENCE
#define INMATE_CELL_UART_PHYS 0xff010000

#include "inmate-cell.h"
