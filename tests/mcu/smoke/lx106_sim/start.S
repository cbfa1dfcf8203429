/* Reset of QEMU's Xtensa simulator (-M sim -cpu lx106): the core starts at its
   reset vector, 0x50000000, with no stack. Literals sit in the text section
   (-mtext-section-literals), so the first instruction jumps over them. */
    .section .text.reset, "ax"
    .global _start
    .align 4
_start:
    j .Lreset
    .literal_position
    .align 4
.Lreset:
    movi a1, __stack
    movi a0, smoke_start
    callx0 a0
1:  j 1b
