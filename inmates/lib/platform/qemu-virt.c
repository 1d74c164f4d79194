// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bare metal on QEMU's virt machine (virtualization=off, secure=off), the
 * benchmarks' baseline: the same inmate code, booted by QEMU itself at EL1
 * with nothing underneath.  Built with BARE_ZCU102 defined, the same for
 * QEMU's ZCU102 model (xlnx-zcu102, virtualization=off, secure=off): its
 * GIC-400, without security extensions as on virt, its Cadence UART0, and
 * PSCI through SMC (the conduit QEMU gives that machine).
 *
 * - The comm region is built here from the machine's fixed layout
 *   (docs/architecture.md, the reference machine), so the rest of the
 *   library runs unchanged.
 * - Nobody has set up the GIC: the distributor and each CPU's
 *   redistributor are brought up here, with every interrupt in the group
 *   the library's drivers use (Group 0 on GICv2, Group 1 on GICv3).
 * - The console is the PL011, written directly (uart-pl011.c); the comm
 *   region names it, as a cell's names the cell's UART.
 * - QEMU itself answers PSCI calls made with HVC (its "psci-conduit" for
 *   this machine); CPUs other than the first start powered off.
 */
#include <inmate/inmate.h>
#include <inmate/platform.h>
#include <inmate/uart-driver.h>
#include <inmate/uart.h>

#ifdef BARE_ZCU102
#define VIRT_GICD 0xf9010000ull
/* the 64 KiB-aliased CPU interface: its two 4 KiB pages contiguous here */
#define VIRT_GICC 0xf902f000ull
#define VIRT_GICR 0 /* GICv2 only */
#define VIRT_GICR_STRIDE 0
#define VIRT_UART 0xff000000ull
#define VIRT_UART_DRIVER uart_cadence
#define VIRT_UART_TYPE WARDEN_UART_CADENCE
#else
#define VIRT_GICD 0x08000000ull
#define VIRT_GICC 0x08010000ull
#define VIRT_GICR 0x080a0000ull
#define VIRT_GICR_STRIDE 0x20000ull
#define VIRT_UART 0x09000000ull
#define VIRT_UART_DRIVER uart_pl011
#define VIRT_UART_TYPE WARDEN_UART_PL011
#endif
/* QEMU virt keeps the first 8 CPUs in affinity-0 cluster 0. */
#define VIRT_MAX_CPUS 8

/* ID_AA64PFR0_EL1.GIC, bits 27:24: non-zero with a GICv3 CPU interface */
#define PFR0_GIC_SHIFT 24
#define PFR0_GIC_MASK 0xfull

#define PSCI_AFFINITY_INFO_64 0xc4000004u

/* Distributor (IHI 0069 12.9, IHI 0048B 4.3) */
#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IGROUPR 0x0080
#define GICD_CTLR_RWP (1u << 31)
/* GICD_CTLR with one security state (DS = 1): ARE, EnableGrp1, EnableGrp0 */
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_GRP1 (1u << 1)
#define GICD_CTLR_GRP0 (1u << 0)

/* Redistributor (IHI 0069 12.10, 12.11) */
#define GICR_WAKER 0x0014
#define GICR_WAKER_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_SGI_IGROUPR0 (0x10000 + 0x0080)

static struct warden_comm_region qemu_virt_comm;
static const struct uart qemu_virt_uart = {
	.drv = &VIRT_UART_DRIVER,
	.base = VIRT_UART,
};

enum platform_kind platform_kind(void)
{
	return PLATFORM_BARE_METAL;
}

volatile struct warden_comm_region *platform_comm_region(void)
{
	return &qemu_virt_comm;
}

static unsigned int qemu_virt_count_cpus(void)
{
	unsigned int n = 0;

	/* AFFINITY_INFO answers INVALID_PARAMETERS for an MPIDR with no CPU */
	while (n < VIRT_MAX_CPUS &&
	       platform_psci(PSCI_AFFINITY_INFO_64, n, 0, 0) >= 0)
		n++;
	return n;
}

static void qemu_virt_gicd_wait(void)
{
	while (mmio_read32(VIRT_GICD + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

static void qemu_virt_gicd_init(uint32_t version)
{
	uint32_t lines =
		32 * ((mmio_read32(VIRT_GICD + GICD_TYPER) & 0x1f) + 1);
	uint32_t n;

	if (version == WARDEN_GIC_V2) {
		/* No security extensions: Group 0, signalled as IRQ. */
		mmio_write32(VIRT_GICD + GICD_CTLR, GICD_CTLR_GRP0);
		return;
	}
	mmio_write32(VIRT_GICD + GICD_CTLR, 0);
	qemu_virt_gicd_wait();
	for (n = 32; n < lines; n += 32)
		mmio_write32(VIRT_GICD + GICD_IGROUPR + n / 8, ~0u);
	/* ARE first: changing it with a group enabled is UNPREDICTABLE. */
	mmio_write32(VIRT_GICD + GICD_CTLR, GICD_CTLR_ARE);
	qemu_virt_gicd_wait();
	mmio_write32(VIRT_GICD + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	qemu_virt_gicd_wait();
}

void platform_init(void)
{
	struct warden_comm_region *comm = &qemu_virt_comm;
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned int i;

	memcpy(comm->signature, WARDEN_COMM_SIGNATURE, sizeof(comm->signature));
	comm->revision = WARDEN_COMM_REVISION;
	comm->cell_state = WARDEN_CELL_RUNNING;
	comm->gic_version = ((pfr0 >> PFR0_GIC_SHIFT) & PFR0_GIC_MASK) ?
				    WARDEN_GIC_V3 :
				    WARDEN_GIC_V2;
	comm->gicd_base = VIRT_GICD;
	comm->gicc_base = VIRT_GICC;
	comm->console_flags = WARDEN_CELL_CONSOLE;
	comm->console_uart_type = VIRT_UART_TYPE;
	comm->console_uart_base = VIRT_UART;
	comm->num_cpus = qemu_virt_count_cpus();
	for (i = 0; i < comm->num_cpus; i++) {
		comm->cpus[i].mpidr = i;
		comm->cpus[i].gicr_base = VIRT_GICR + i * VIRT_GICR_STRIDE;
	}
	qemu_virt_gicd_init(comm->gic_version);
#ifdef BARE_ZCU102
	/*
	 * The Cadence UART comes out of reset with its transmitter disabled
	 * (Control register TXDIS, UG1087); QEMU's virt PL011 needs nothing.
	 */
	uart_init(&qemu_virt_uart);
#endif
}

void platform_cpu_init(unsigned int cpu)
{
	uint64_t rd;

	if (qemu_virt_comm.gic_version != WARDEN_GIC_V3)
		return;
	/* Wake the redistributor (IHI 0069 12.11.47), SGIs/PPIs in Group 1 */
	rd = qemu_virt_comm.cpus[cpu].gicr_base;
	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	mmio_write32(rd + GICR_SGI_IGROUPR0, ~0u);
}

void platform_putc(char c)
{
	uart_putc(&qemu_virt_uart, c);
}

int64_t platform_psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
#ifdef BARE_ZCU102
	return smccc_smc(fn, a1, a2, a3);
#else
	return smccc_hvc(fn, a1, a2, a3);
#endif
}

bool platform_psci_conduit_smc(void)
{
#ifdef BARE_ZCU102
	return true;
#else
	return false;
#endif
}
