// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated console UART of an inmate cell: a PrimeCell UART (PL011) as
 * the ARM PrimeCell UART (PL011) Technical Reference Manual, ARM DDI 0183,
 * describes it, on a page of the cell's address space that no memory
 * backs.  Every access to that page traps (stage 2) and arrives here.
 *
 * What the cell sees (DDI 0183 chapter 3, table 3-1):
 * - Accesses: 8, 16 or 32 bits, aligned to their size.  Registers are 32
 *   bits wide at word offsets, and a narrower access reads or writes the
 *   bytes of its word that it covers.  A 64-bit or unaligned access is
 *   one the device does not allow: the cell fails, as for any access that
 *   cannot be emulated.  Offsets without a register read as zero and
 *   ignore writes.
 * - Transmit: a character written to DR goes to the cell's console at
 *   once (cell_console_show(): its console ring right away, the UART in
 *   whole lines), so the transmit FIFO is always empty: FR.TXFE is set,
 *   TXFF and BUSY never are.
 * - Receive: a FIFO of VPL011_FIFO_SIZE characters that the root fills
 *   (WARDEN_HC_CELL_CONSOLE_INPUT), read through DR with the error bits
 *   [11:8] zero; RSR reads zero and ECR does nothing: no character is ever
 *   lost to an overrun, since the root learns how many were taken.  FR.RXFE
 *   and RXFF follow the FIFO.  LCR_H.FEN clear (character mode) keeps the
 *   32-character FIFO but sets the receive trigger level to one character.
 * - Interrupts, all on the one SPI vuart_irq (the combined UARTINTR):
 *   TXIS, set whenever a character is written (the transmit FIFO passes
 *   through its trigger level at once); RXIS, set when a character that
 *   arrives brings the FIFO to the trigger level of IFLS.RXIFLSEL (from
 *   below: DDI 0183 3.4.2), cleared when reading takes it below again;
 *   RTIS, the receive timeout, set when input leaves characters in the
 *   FIFO (the root's burst is over and the line is idle, so the timeout
 *   that a PL011 signals 32 bit periods later is taken as elapsed at
 *   once), cleared when the FIFO empties.  ICR clears any of them.  The
 *   modem and error interrupts never occur.  Linux's amba-pl011 driver
 *   needs RXIS/RTIS for input and nothing of TXIS: with TXFF never set it
 *   writes all it has at once, and unmasks TXIM only while characters are
 *   left over, when the pending TXIS brings it back at once.
 * - The interrupt line: see vpl011_raise().
 * - CR: stored (reset 0x300).  Its enable bits do not gate the data path:
 *   the console works before any driver sets it up, as an early console
 *   expects of a UART that firmware left running.  CR.LBE (loopback)
 *   takes a written character into the receive FIFO instead of the
 *   console (dropped if the FIFO is full), as DDI 0183 3.3.8 describes.
 * - The modem inputs are fixed: CTS, DSR and DCD asserted (FR bits set),
 *   RI not.  ILPR, IBRD, FBRD and LCR_H are stored and have no effect.
 *   DMACR reads zero and ignores writes: no DMA.
 * - The identification registers: UARTPeriphID 0x00141011 (a PL011,
 *   revision 1, as tools/linuxdt.c tells Linux) and UARTPCellID
 *   0xb105f00d.
 *
 * Several CPUs of the cell may access the UART at once, and the root's
 * input arrives on another CPU: the UART's lock guards its state.  A
 * transmitted character goes to the console after the lock is released.
 */
#include <warden/cell.h>
#include <asm/spinlock.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/mmio.h>
#include <hyp/vpl011.h>

/* Register offsets (DDI 0183 table 3-1) */
#define VPL011_DR 0x000u
#define VPL011_RSR 0x004u /* read: RSR; write: ECR */
#define VPL011_FR 0x018u
#define VPL011_ILPR 0x020u
#define VPL011_IBRD 0x024u
#define VPL011_FBRD 0x028u
#define VPL011_LCR_H 0x02cu
#define VPL011_CR 0x030u
#define VPL011_IFLS 0x034u
#define VPL011_IMSC 0x038u
#define VPL011_RIS 0x03cu
#define VPL011_MIS 0x040u
#define VPL011_ICR 0x044u
#define VPL011_DMACR 0x048u
#define VPL011_ID_FIRST 0xfe0u /* PeriphID0-3, then PCellID0-3 */

/* Identification (DDI 0183 3.3.15-3.3.22), a byte per register */
#define VPL011_PERIPHID 0x00141011u
#define VPL011_PCELLID 0xb105f00du

/* FR (3.3.3) */
#define VPL011_FR_CTS 0x001u
#define VPL011_FR_DSR 0x002u
#define VPL011_FR_DCD 0x004u
#define VPL011_FR_RXFE 0x010u
#define VPL011_FR_RXFF 0x040u
#define VPL011_FR_TXFE 0x080u

#define VPL011_LCR_H_FEN 0x10u /* 3.3.7 */
#define VPL011_CR_LBE 0x80u /* 3.3.8 */
#define VPL011_CR_RESET 0x300u /* TXE, RXE */
#define VPL011_IFLS_RESET 0x12u /* both FIFOs at half (3.3.9) */

/* Interrupt bits of IMSC, RIS, MIS and ICR (3.3.10-3.3.13) */
#define VPL011_INT_RX 0x010u
#define VPL011_INT_TX 0x020u
#define VPL011_INT_RT 0x040u
#define VPL011_INT_ALL 0x7ffu

/* The widths of the registers that hold what the cell wrote (3.3) */
#define VPL011_ILPR_BITS 0xffu
#define VPL011_IBRD_BITS 0xffffu
#define VPL011_FBRD_BITS 0x3fu
#define VPL011_LCR_H_BITS 0xffu
#define VPL011_CR_BITS 0xff87u /* bits 6:3 are reserved */
#define VPL011_IFLS_BITS 0x3fu

/* Where the register at reg is kept, and its width; NULL if nowhere. */
static u32 *vpl011_stored(struct vpl011 *u, u32 reg, u32 *bits)
{
	switch (reg) {
	case VPL011_ILPR:
		*bits = VPL011_ILPR_BITS;
		return &u->ilpr;
	case VPL011_IBRD:
		*bits = VPL011_IBRD_BITS;
		return &u->ibrd;
	case VPL011_FBRD:
		*bits = VPL011_FBRD_BITS;
		return &u->fbrd;
	case VPL011_LCR_H:
		*bits = VPL011_LCR_H_BITS;
		return &u->lcr_h;
	case VPL011_CR:
		*bits = VPL011_CR_BITS;
		return &u->cr;
	case VPL011_IFLS:
		*bits = VPL011_IFLS_BITS;
		return &u->ifls;
	case VPL011_IMSC:
		*bits = VPL011_INT_ALL;
		return &u->imsc;
	default:
		return NULL;
	}
}

/*
 * Characters in the FIFO at which RXIS is raised: IFLS.RXIFLSEL's 1/8,
 * 1/4, 1/2, 3/4 or 7/8 of it (the reserved values: 1/2), or one in
 * character mode (3.3.9).
 */
static u32 vpl011_trigger(const struct vpl011 *u)
{
	static const u8 eighths[8] = { 1, 2, 4, 6, 7, 4, 4, 4 };

	if (!(u->lcr_h & VPL011_LCR_H_FEN))
		return 1;
	return VPL011_FIFO_SIZE * eighths[(u->ifls >> 3) & 7] / 8;
}

static u32 vpl011_flags(const struct vpl011 *u)
{
	u32 fr = VPL011_FR_TXFE | VPL011_FR_CTS | VPL011_FR_DSR | VPL011_FR_DCD;

	if (!u->count)
		fr |= VPL011_FR_RXFE;
	if (u->count == VPL011_FIFO_SIZE)
		fr |= VPL011_FR_RXFF;
	return fr;
}

/* A character arrives; false if the FIFO is full. */
static bool vpl011_push(struct vpl011 *u, u8 c)
{
	if (u->count == VPL011_FIFO_SIZE)
		return false;
	u->fifo[(u->head + u->count) % VPL011_FIFO_SIZE] = c;
	u->count++;
	if (u->count == vpl011_trigger(u))
		u->ris |= VPL011_INT_RX;
	return true;
}

/* DR read: the oldest character, or 0 if there is none. */
static u32 vpl011_pop(struct vpl011 *u)
{
	u8 c;

	if (!u->count)
		return 0;
	c = u->fifo[u->head];
	u->head = (u->head + 1) % VPL011_FIFO_SIZE;
	u->count--;
	if (u->count < vpl011_trigger(u))
		u->ris &= ~VPL011_INT_RX;
	if (!u->count)
		u->ris &= ~VPL011_INT_RT;
	return c;
}

/*
 * The interrupt line.  vuart_irq is an SPI of the cell that nothing else
 * drives, so the hypervisor sets it pending at the distributor
 * (arch_irq_set_pending(), GICD_ISPENDR) where a PL011 would raise its
 * UARTINTR line: when an interrupt of RIS & IMSC becomes set (a new
 * status, or one unmasked), and whenever input arrives while a receive
 * interrupt is set and unmasked.
 *
 * That is enough for a level-sensitive interrupt: the pending state that
 * GICD_ISPENDR sets is latched until the interrupt is acknowledged (here:
 * by the hypervisor, which then lists it for the cell) or cleared through
 * GICD_ICPENDR, whatever its line does (GICD_ISPENDR<n>: IHI 0069 12.9.23,
 * IHI 0048B 4.3.7).  So each rising edge is delivered exactly once, and
 * one that comes while the cell's handler runs (the interrupt is active)
 * makes it active and pending: the handler runs again after its end of
 * interrupt.  What a latch cannot do is stay high: a handler that returns
 * with RIS & IMSC still set is not called again until something new
 * happens.  It must read until FR.RXFE, as Linux's driver does, or mask
 * what it leaves.  Called with the lock held; before: RIS & IMSC before
 * the change.
 */
static void vpl011_raise(const struct vpl011 *u, u32 before, bool input)
{
	u32 now = u->ris & u->imsc;

	if ((now & ~before) ||
	    (input && (now & (VPL011_INT_RX | VPL011_INT_RT))))
		arch_irq_set_pending(u->irq);
}

/* A byte of the identification registers, zero elsewhere. */
static u32 vpl011_id(u32 reg)
{
	u32 n;

	if (reg < VPL011_ID_FIRST)
		return 0;
	n = (reg - VPL011_ID_FIRST) / 4;
	if (n < 4)
		return (VPL011_PERIPHID >> (8 * n)) & 0xff;
	return (VPL011_PCELLID >> (8 * (n - 4))) & 0xff;
}

static u32 vpl011_read(struct vpl011 *u, u32 reg)
{
	u32 bits;
	const u32 *r = vpl011_stored(u, reg, &bits);

	if (r)
		return *r;
	switch (reg) {
	case VPL011_DR:
		return vpl011_pop(u);
	case VPL011_FR:
		return vpl011_flags(u);
	case VPL011_RIS:
		return u->ris;
	case VPL011_MIS:
		return u->ris & u->imsc;
	case VPL011_RSR: /* no errors */
	case VPL011_DMACR: /* no DMA */
		return 0;
	default:
		/* the IDs; ICR (write-only) and reserved offsets read 0 */
		return vpl011_id(reg);
	}
}

/* A character written to DR: to the console (*tx, true), or looped back. */
static bool vpl011_transmit(struct vpl011 *u, u32 val, char *tx)
{
	u->ris |= VPL011_INT_TX;
	if (!(u->cr & VPL011_CR_LBE)) {
		*tx = (char)(val & 0xff);
		return true;
	}
	if (vpl011_push(u, (u8)val))
		u->ris |= VPL011_INT_RT;
	return false;
}

/*
 * val: the written bytes in place, mask: which bytes of the register the
 * write covers.  Returns true with *tx to send to the console.
 */
static bool vpl011_write(struct vpl011 *u, u32 reg, u32 val, u32 mask, char *tx)
{
	u32 before = u->ris & u->imsc, bits;
	u32 *r = vpl011_stored(u, reg, &bits);
	bool send = false, input = false;

	if (r) {
		*r = ((*r & ~mask) | val) & bits;
	} else if (reg == VPL011_DR && (mask & 0xff)) {
		send = vpl011_transmit(u, val, tx);
		input = !send;
	} else if (reg == VPL011_ICR) {
		u->ris &= ~val;
	}
	/* RSR/ECR, FR, RIS, MIS, DMACR, the IDs and reserved: nothing */
	vpl011_raise(u, before, input);
	return send;
}

static enum mmio_result vpl011_access(struct cell *cell, void *arg,
				      struct mmio_access *acc)
{
	struct vpl011 *u = arg;
	u32 off = (u32)(acc->addr - cell->desc->vuart_base);
	u32 shift = (off & 3) * 8, mask;
	bool send = false;
	char tx = 0;

	if (acc->size > 4 || (acc->addr & (acc->size - 1)))
		return MMIO_ERROR;
	mask = (u32)((1ULL << (acc->size * 8)) - 1) << shift;
	spin_lock(&u->lock);
	if (acc->write)
		send = vpl011_write(u, off & ~3u,
				    ((u32)acc->value << shift) & mask, mask,
				    &tx);
	else
		acc->value = (vpl011_read(u, off & ~3u) & mask) >> shift;
	spin_unlock(&u->lock);
	if (send)
		cell_console_show(cell, tx);
	return MMIO_HANDLED;
}

void vpl011_reset(struct cell *cell)
{
	struct vpl011 *u = &cell->vuart;

	if (!u->irq)
		return;
	spin_lock(&u->lock);
	u->ilpr = 0;
	u->ibrd = 0;
	u->fbrd = 0;
	u->lcr_h = 0;
	u->cr = VPL011_CR_RESET;
	u->ifls = VPL011_IFLS_RESET;
	u->imsc = 0;
	u->ris = 0;
	u->head = 0;
	u->count = 0;
	spin_unlock(&u->lock);
}

int vpl011_init(struct cell *cell)
{
	const struct warden_cell_desc *d = cell->desc;

	if (!d->vuart_base)
		return 0;
	cell->vuart.irq = d->vuart_irq;
	vpl011_reset(cell);
	return mmio_register(&cell->mmio, d->vuart_base, PAGE_SIZE,
			     vpl011_access, &cell->vuart);
}

long vpl011_input(struct cell *cell, u64 chars, u32 count)
{
	struct vpl011 *u = &cell->vuart;
	u32 before, n = 0;

	if (!u->irq)
		return -ENODEV;
	spin_lock(&u->lock);
	/* nobody reads it: like a UART whose other end is not listening */
	if (__atomic_load_n(&cell->state, __ATOMIC_SEQ_CST) !=
	    WARDEN_CELL_RUNNING) {
		spin_unlock(&u->lock);
		return count;
	}
	before = u->ris & u->imsc;
	while (n < count && vpl011_push(u, (u8)(chars >> (8 * n))))
		n++;
	if (n) {
		u->ris |= VPL011_INT_RT;
		vpl011_raise(u, before, true);
	}
	spin_unlock(&u->lock);
	return n;
}
