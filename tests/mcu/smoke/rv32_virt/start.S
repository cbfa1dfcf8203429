/* Reset of QEMU's RISC-V virt board (-bios none): the hart starts at the ELF
   entry in RAM with no stack and no global pointer. */
    .section .text.reset, "ax"
    .global _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack
    call smoke_start
1:  j 1b
