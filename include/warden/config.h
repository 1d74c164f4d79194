/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Warden configuration ABI: the binary layout of system.cell and of inmate
 * cell configs.  This is the only description of the layout; the hypervisor,
 * the driver, the CLI and the config checker all include it.
 *
 * A cell config blob is:
 *   struct warden_cell_desc
 *   struct warden_memory    [num_memory_regions]
 *   struct warden_irq_range [num_irq_ranges]
 *   struct warden_link      [num_links]
 *   struct warden_pci_device [num_pci_devices]   (revision 3)
 *
 * A system config blob is struct warden_system, whose last member is the root
 * cell's struct warden_cell_desc, followed by the root cell's arrays exactly
 * as above.
 *
 * Every field named reserved must be zero: the checker refuses anything
 * else, so that a later revision can give those bytes a meaning.
 */
#ifndef WARDEN_CONFIG_H
#define WARDEN_CONFIG_H

#include "types.h"

#define WARDEN_SYSTEM_SIGNATURE "WRDNSYST"
#define WARDEN_CELL_SIGNATURE "WRDNCELL"
#define WARDEN_SIGNATURE_LEN 8
#define WARDEN_CONFIG_REVISION 4 /* 3: PCI functions; 4: the GICv3 ITS */

#define WARDEN_ARCH_ARM64 1

#define WARDEN_CELL_NAME_MAX 32
#define WARDEN_MAX_CPUS 64 /* cpu_set is a uint64_t */
#define WARDEN_MAX_IRQS 1020 /* INTIDs 0..1019: SGIs, PPIs and SPIs */

/* struct warden_memory.flags */
#define WARDEN_MEM_READ 0x0001u
#define WARDEN_MEM_WRITE 0x0002u
#define WARDEN_MEM_EXECUTE 0x0004u
#define WARDEN_MEM_IO 0x0008u /* device memory: Device-nGnRE in stage 2 */
#define WARDEN_MEM_LOADABLE 0x0010u /* root may load images while stopped */
/*
 * The cell's communication region (struct warden_comm_region, cell.h): one
 * page that the hypervisor provides, mapped read-write at virt_start.
 * phys_start must be 0 and size one page; inmate cells must have exactly
 * one.
 */
#define WARDEN_MEM_COMM_REGION 0x0020u
/* stays mapped in the root cell too (shared memory, not RAM to clear) */
#define WARDEN_MEM_ROOTSHARED 0x0040u
/*
 * The device of this IO region masters DMA.  It reaches physical
 * addresses: no IOMMU translates for it yet, so every RAM region of its
 * cell must be seen at IPA = PA, or the device would read and write other
 * memory than the cell's driver meant.  (It is not confined by stage 2
 * either: docs/isolation.md.)
 */
#define WARDEN_MEM_DMA 0x0080u
#define WARDEN_MEM_VALID_FLAGS 0x00ffu

/* A memory region: physical range, and where the cell sees it (IPA). */
struct warden_memory {
	uint64_t phys_start;
	uint64_t virt_start;
	uint64_t size;
	uint32_t flags;
	uint32_t reserved;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_memory) == 32, "ABI size");

/* A contiguous range of interrupt lines (GIC INTIDs) owned by a cell. */
struct warden_irq_range {
	uint32_t first;
	uint32_t count;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_irq_range) == 8, "ABI size");

/*
 * A shared-memory link between this cell and one peer cell (the root cell
 * or an inmate); docs/links.md.  Both peers declare it, with the same name,
 * physical region and section sizes, and opposite sides.  The region is:
 *
 *   phys_start: common section, common_size bytes (may be 0): read-write
 *               for both peers
 *   then:       side 0's output section, section_size bytes
 *   then:       side 1's output section, section_size bytes
 *
 * Each peer may write only the common section and its own output section;
 * it reads the other's.  It sees the region at its virt_start (the root:
 * identity).  The region comes out of a root RAM region, like a cell's RAM.
 * A peer's doorbell is an SPI of its own that no device drives: when the
 * other peer rings (WARDEN_HC_LINK_RING), or the other peer starts, stops,
 * fails or is destroyed, the hypervisor sets it pending.
 */
#define WARDEN_MAX_LINKS 8 /* per cell */

/*
 * struct warden_link.flags.  WARDEN_LINK_NET: the link carries a network
 * interface (include/warden/net.h, docs/links.md): Linux on either side
 * offers it as a network device, not as /dev/warden-link-<name>.  Its
 * sections must hold the interface's header and rings: at least
 * WARDEN_LINK_NET_MIN_SECTION each.  The hypervisor does not look at it.
 */
#define WARDEN_LINK_NET 0x0001u
#define WARDEN_LINK_FLAGS 0x0001u
#define WARDEN_LINK_NET_MIN_SECTION 0x10000ULL

struct warden_link {
	char name[WARDEN_CELL_NAME_MAX]; /* NUL-terminated, as in the peer */
	char peer[WARDEN_CELL_NAME_MAX]; /* the other cell's name */
	uint64_t phys_start;
	uint64_t virt_start;
	uint64_t common_size;
	uint64_t section_size;
	uint32_t side; /* 0 or 1: which output section is this cell's */
	uint32_t doorbell_irq; /* SPI (INTID) of this cell */
	uint32_t flags; /* WARDEN_LINK_*, the same in both peers' configs */
	uint32_t reserved;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_link) == 112, "ABI size");

static inline uint64_t warden_link_size(const struct warden_link *l)
{
	return l->common_size + 2 * l->section_size;
}

/*
 * A PCI function that an inmate cell owns, on the platform's host bridge
 * (warden_platform.pci_ecam_base), which needs the SMMU (smmu_base) to
 * confine its DMA.  At create it leaves the root cell:
 *   - its stream ID translates through the cell's DMA view (the SMMU);
 *   - its configuration space is the cell's: the cell sees the ECAM
 *     window at its physical address, where every other function reads
 *     as absent; the root's writes to it are ignored, its reads answered;
 *   - the cell may turn memory decoding on only while each memory BAR lies
 *     inside one of its IO memory regions mapped at IPA = PA, and move a
 *     decoding BAR only there; I/O decoding and the expansion ROM stay off;
 *   - its BARs' MMIO and its INTx SPI are ordinary IO memory regions and
 *     IRQ ranges of the cell's config, which the root gives up as usual.
 * At destroy its decoding and bus mastering are turned off, and it goes
 * back to the root.  A function that the root's Linux drives is refused at
 * create (warden.ko names the driver).  Endpoints only, not bridges.
 */
#define WARDEN_MAX_PCI_DEVICES 8 /* per cell */

struct warden_pci_device {
	uint16_t bdf; /* requester ID: bus << 8 | device << 3 | function */
	uint16_t reserved16;
	uint32_t reserved;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_pci_device) == 8, "ABI size");

/* struct warden_cell_desc.flags */
#define WARDEN_CELL_CONSOLE 0x0001u /* may print on the hypervisor console */
/*
 * Direct interrupt delivery (inmate cells, GICv3 only; docs/isolation.md):
 * the cell's CPUs take the cell's own interrupts (timer PPI, SPIs, SGIs)
 * through the physical CPU interface, without an exit to EL2.  The
 * hypervisor keeps its own SGI as a Group 0 interrupt (an FIQ routed to
 * EL2), so it can still stop the cell.  The emulated UART's vuart_irq and
 * link doorbells are SPIs of the cell that the hypervisor sets pending at
 * the distributor: they reach it directly too.
 */
#define WARDEN_CELL_DIRECT_IRQ 0x0002u
#define WARDEN_CELL_VALID_FLAGS 0x0003u

struct warden_cell_desc {
	char signature[WARDEN_SIGNATURE_LEN];
	uint16_t revision;
	uint16_t architecture;
	uint32_t flags;
	char name[WARDEN_CELL_NAME_MAX]; /* NUL-terminated */
	/* bit n: CPU n of warden_platform.cpu_mpidr[] */
	uint64_t cpu_set;
	uint32_t num_memory_regions;
	uint32_t num_irq_ranges;
	/* IPA where the cell's boot CPU starts; inmate cells only */
	uint64_t reset_address;
	uint32_t num_links;
	/*
	 * The console UART that the hypervisor emulates for the cell (inmate
	 * cells only; docs/isolation.md): a PL011 on the page at IPA
	 * vuart_base, which no memory region, link, comm region or GIC frame
	 * of the cell may overlap, raising vuart_irq, an SPI of the cell that
	 * no device drives and that is no link's doorbell.  What the cell
	 * writes goes to its console like WARDEN_HC_CONSOLE_PUTC (its ring
	 * gets each character at once, not each line); what the root sends
	 * with WARDEN_HC_CELL_CONSOLE_INPUT arrives in its receive FIFO.  Both
	 * 0: none.
	 */
	uint32_t vuart_irq;
	uint64_t vuart_base;
	/*
	 * A physical UART that the cell owns (inmate cells only), for the
	 * inmate's own console: uart_type is a WARDEN_UART_* (below; 0: none,
	 * and uart_base 0), uart_base the IPA of its register block, aligned
	 * as the hypervisor console's must be (warden_platform.uart_base) and
	 * inside one of the cell's read-write IO memory regions.  The
	 * hypervisor does not touch it: it only names it in the comm region
	 * (warden_comm_region.console_uart_type, cell.h).  These bytes were
	 * reserved, and so zero, in older configs: the same revision reads
	 * them as "none".
	 */
	uint64_t uart_base;
	uint32_t uart_type;
	/* PCI functions (inmate cells only): after the links (revision 3) */
	uint32_t num_pci_devices;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_cell_desc) == 104, "ABI size");

#define WARDEN_GIC_V2 2
#define WARDEN_GIC_V3 3

/*
 * warden_platform.uart_type: the hypervisor console's UART, at uart_base.
 * The hypervisor only transmits, polling for room, 32-bit accesses only;
 * the root cell owns the UART, its clock, baud rate and line settings.
 * The register spacing is part of the type (one type per layout), so no
 * other field is needed.  uart_base is aligned to the register block.
 *
 * WARDEN_UART_PL011 ("arm,pl011"): ARM PrimeCell UART, ARM DDI 0183:
 *   UARTDR 0x000 (data), UARTFR 0x018 (flags), UARTFR.TXFF bit 5 (transmit
 *   FIFO full).  A 4 KiB frame (the PrimeCell IDs end at 0xffc).
 * WARDEN_UART_CADENCE ("cdns,uart-r1p12", "xlnx,xuartps",
 *   "xlnx,zynqmp-uart"): the Cadence UART of the Zynq UltraScale+
 *   (UG1085 ch. 21, register reference UG1087 "UART"): Channel_sts
 *   0x2c, its TFUL bit 4 (transmit FIFO full); TX_RX_FIFO 0x30.  The
 *   registers end at 0x48: aligned to 0x100.
 * WARDEN_UART_8250_MMIO32 ("snps,dw-apb-uart" with reg-shift 2 and
 *   reg-io-width 4): a 16550-compatible UART whose byte-wide registers
 *   sit 4 bytes apart and are read and written 32 bits at a time, as the
 *   Synopsys DesignWare APB UART's are (DW_apb_uart databook: RBR/THR
 *   0x00, LSR 0x14; registers end at 0xfc).  LSR.THRE bit 5: the
 *   transmit holding register (FIFO) has room; the hypervisor relies on
 *   the programmable THRE mode (IER bit 7, PTIME) being off, as Linux
 *   leaves it.  Aligned to 0x100.
 * WARDEN_UART_IMX ("fsl,imx*-uart", not the LPUART): the i.MX UART (i.MX
 *   8M Plus reference manual, UART chapter): UTXD 0x40 (transmitter
 *   data), UTS 0xb4 (test register), its TXFULL bit 4 (transmit FIFO
 *   full).  Registers end at 0xbc: aligned to 0x100.
 * WARDEN_UART_BCM2835_AUX ("brcm,bcm2835-aux-uart"): the Broadcom mini
 *   UART (BCM2835 ARM Peripherals, 2.2), named by AUX_MU_IO_REG (0x40 into
 *   the AUX block, uart_base): AUX_MU_IO_REG +0x00 (data), AUX_MU_LSR_REG
 *   +0x14, its bit 5 "transmitter empty" (the FIFO can accept at least one
 *   byte).  The same 16550-like layout and 32-bit spacing as
 *   WARDEN_UART_8250_MMIO32 for what the hypervisor does; its own type, as
 *   its other registers differ.  The block is 0x40 bytes: aligned to 0x40.
 * WARDEN_UART_MESON ("amlogic,meson-gx-uart", "amlogic,meson-ao-uart"):
 *   the Amlogic UART (S905 datasheet, UART section): WFIFO 0x00 (transmit
 *   FIFO), STATUS 0x0c, its bit 21 (transmit FIFO full).  The block is 0x18
 *   bytes, and SoCs place it only 4-byte aligned (0x...84dc): word aligned,
 *   and not across a page boundary.
 */
#define WARDEN_UART_NONE 0
#define WARDEN_UART_PL011 1
#define WARDEN_UART_CADENCE 2
#define WARDEN_UART_8250_MMIO32 3
#define WARDEN_UART_IMX 4
#define WARDEN_UART_BCM2835_AUX 5
#define WARDEN_UART_MESON 6

/* What the hypervisor needs to know about the machine. */
struct warden_platform {
	uint32_t gic_version; /* WARDEN_GIC_V2 or WARDEN_GIC_V3 */
	uint32_t maintenance_irq; /* GIC maintenance PPI (INTID) */
	uint64_t gicd_base;
	uint64_t gicc_base; /* GICv2 only */
	uint64_t gich_base; /* GICv2 only */
	uint64_t gicv_base; /* GICv2 only */
	uint64_t gicr_base; /* GICv3 only */
	uint64_t gicr_stride; /* GICv3 only: 0x20000 for GICv3 frames */
	uint64_t uart_base;
	uint32_t uart_type;
	uint32_t num_cpus; /* entries used in cpu_mpidr */
	/* MPIDR affinity (Aff3..Aff0) of each CPU, indexed by CPU number */
	uint64_t cpu_mpidr[WARDEN_MAX_CPUS];
	/*
	 * The SMMUv3 that translates the devices' DMA (Arm IHI 0070), 0:
	 * none.  Its 128 KiB of registers (two 64 KiB pages) belong to the
	 * hypervisor, as its two wired SPIs do: the event queue's
	 * (smmu_evtq_irq) and the global errors' (smmu_gerror_irq), INTIDs
	 * that no cell may own.  At enable the SMMU must be off (SMMU_CR0.
	 * SMMUEN 0: no Linux driver owns it); the hypervisor then gives each
	 * stream the DMA view of its cell (docs/isolation.md), and at disable
	 * puts the SMMU back as it found it.  These bytes were reserved, and
	 * so zero, in older configs: the same revision reads them as "none".
	 */
	uint64_t smmu_base;
	uint32_t smmu_evtq_irq;
	uint32_t smmu_gerror_irq;
	/*
	 * The PCI host bridge behind the SMMU (pci_ecam_base 0: none): its
	 * ECAM configuration space, where bus pci_bus_first starts, and its
	 * buses up to pci_bus_last.  A function's stream ID is
	 * pci_stream_base plus its requester ID (bus << 8 | device << 3 |
	 * function), the device tree's iommu-map with one entry.
	 * pci_intx_irq (0: not described) is the SPI's INTID that INTA of
	 * device 0 on bus pci_bus_first drives; the other lines follow by
	 * the standard swizzle: pin P (1-4, INTA-INTD) of device D drives
	 * pci_intx_irq + (D + P - 1) % 4 (the device tree's interrupt-map).
	 */
	uint64_t pci_ecam_base;
	uint8_t pci_bus_first;
	uint8_t pci_bus_last;
	uint16_t pci_intx_irq;
	uint32_t pci_stream_base;
	/*
	 * The GICv3 ITS that translates the root's MSIs into LPIs (IHI 0069
	 * chapter 5), 0: none.  Its two 64 KiB frames are not the root's
	 * memory: the control frame traps (every command the root queues is
	 * checked, docs/isolation.md "The GICv3 ITS"), and the hypervisor
	 * maps the translation frame (GITS_TRANSLATER) to the root, and to
	 * the root's DMA view, itself.  Cells get no LPIs.
	 */
	uint64_t gic_its_base;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_platform) == 624, "ABI size");

/*
 * struct warden_system.flags
 *
 * WARDEN_SYS_REFUSE_ROOT_RESET: while an inmate cell runs, the root cell's
 * PSCI SYSTEM_OFF, SYSTEM_RESET and SYSTEM_RESET2 are refused (DENIED),
 * with a console line per running cell: the cells outlive a root that
 * goes down.  Without it the call goes ahead, after a console line per
 * cell that stops with the machine.  Either way a normal reboot or
 * poweroff of the root first shuts the cells down and disables Warden
 * (warden.ko's reboot notifier), so only a root that resets without its
 * notifiers (a panic, SysRq-B) reaches this choice.
 */
#define WARDEN_SYS_REFUSE_ROOT_RESET 0x0001u
#define WARDEN_SYS_VALID_FLAGS 0x0001u

struct warden_system {
	char signature[WARDEN_SIGNATURE_LEN];
	uint16_t revision;
	uint16_t architecture;
	uint32_t flags;
	/* Reserved RAM for the hypervisor: code, data, page pools. */
	struct warden_memory hypervisor_memory;
	struct warden_platform platform;
	struct warden_cell_desc root_cell;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_system) == 16 + 32 + 624 + 104, "ABI size");

static inline const struct warden_memory *
warden_cell_mem(const struct warden_cell_desc *cell)
{
	return (const struct warden_memory *)(const void *)(cell + 1);
}

static inline const struct warden_irq_range *
warden_cell_irqs(const struct warden_cell_desc *cell)
{
	const struct warden_memory *end =
		warden_cell_mem(cell) + cell->num_memory_regions;

	return (const struct warden_irq_range *)(const void *)end;
}

static inline const struct warden_link *
warden_cell_links(const struct warden_cell_desc *cell)
{
	const struct warden_irq_range *end =
		warden_cell_irqs(cell) + cell->num_irq_ranges;

	return (const struct warden_link *)(const void *)end;
}

static inline const struct warden_pci_device *
warden_cell_pci(const struct warden_cell_desc *cell)
{
	const struct warden_link *end =
		warden_cell_links(cell) + cell->num_links;

	return (const struct warden_pci_device *)(const void *)end;
}

/* Size of a cell blob as its counts describe it (counts must be checked). */
static inline uint64_t warden_cell_size(const struct warden_cell_desc *cell)
{
	return sizeof(*cell) +
	       (uint64_t)cell->num_memory_regions *
		       sizeof(struct warden_memory) +
	       (uint64_t)cell->num_irq_ranges *
		       sizeof(struct warden_irq_range) +
	       (uint64_t)cell->num_links * sizeof(struct warden_link) +
	       (uint64_t)cell->num_pci_devices *
		       sizeof(struct warden_pci_device);
}

static inline uint64_t warden_system_size(const struct warden_system *sys)
{
	return sizeof(*sys) - sizeof(sys->root_cell) +
	       warden_cell_size(&sys->root_cell);
}

#endif /* WARDEN_CONFIG_H */
