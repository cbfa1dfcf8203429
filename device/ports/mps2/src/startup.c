/* Reset and the vector table of the board firmware on QEMU's mps2-an386: the
   SysTick interrupt wakes the loop every millisecond, every fault ends the board. */
#include <stdint.h>

#include "mps2_startup.h"

extern uint32_t __bss_start__[], __bss_end__[], __stack_top[];
extern void __libc_init_array(void);
extern int main(void);

void mps2_board_reset(void);
void mps2_board_fault(void);
void mps2_board_systick(void);
/* UART0 received a byte (defined by the UART driver). */
void mps2_uart0_rx_interrupt(void);

volatile uint32_t mps2_milliseconds;

/* C++ static destructors register against this handle (crtbegin.o is not linked). */
void* __dso_handle = &__dso_handle;
/* No heap: newlib's printf family links malloc, and it must fail rather than grow
   into the stack (nothing in the firmware should reach it). */
void* _sbrk(int increment) {
  (void)increment;
  return (void*)-1;
}

/* crti.o is not linked either: __libc_init_array calls this. */
void _init(void) {}
void _fini(void) {}

__attribute__((section(".vectors"), used))
const void* const mps2_board_vectors[17] = {__stack_top,
                                            (const void*)mps2_board_reset,
                                            (const void*)mps2_board_fault, /* NMI */
                                            (const void*)mps2_board_fault, /* hard fault */
                                            (const void*)mps2_board_fault, /* memory management */
                                            (const void*)mps2_board_fault, /* bus fault */
                                            (const void*)mps2_board_fault, /* usage fault */
                                            0,
                                            0,
                                            0,
                                            0,
                                            (const void*)mps2_board_fault, /* SVC */
                                            (const void*)mps2_board_fault, /* debug monitor */
                                            0,
                                            (const void*)mps2_board_fault, /* PendSV */
                                            (const void*)mps2_board_systick,
                                            (const void*)mps2_uart0_rx_interrupt}; /* IRQ 0: UART0 RX */

void mps2_board_systick(void) {
  mps2_milliseconds = mps2_milliseconds + 1u;
}

static int semihost(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

/* A fault stops the emulator with a non-zero status: the air sees the program end. */
void mps2_board_fault(void) {
  semihost(0x04, "mps2: CPU fault (hard fault, bus fault or usage fault)\n");
  const uint32_t block[2] = {0x20023u, 134u};
  semihost(0x20, block);
  for (;;) {
  }
}

/* SysTick from the 25 MHz processor clock: one interrupt per millisecond. */
static void start_systick(void) {
  volatile uint32_t* const syst = (volatile uint32_t*)0xE000E010u;
  syst[1] = 25000u - 1u; /* RVR */
  syst[2] = 0u;          /* CVR */
  syst[0] = 7u;          /* CSR: processor clock, interrupt, enable */
}

void mps2_wait_for_interrupt(void) {
  __asm__ volatile("wfi" ::: "memory");
}

void mps2_system_reset(void) {
  volatile uint32_t* const aircr = (volatile uint32_t*)0xE000ED0Cu;
  __asm__ volatile("dsb" ::: "memory");
  *aircr = 0x05FA0004u; /* VECTKEY | SYSRESETREQ */
  for (;;) {
  }
}

void mps2_board_reset(void) {
  for (uint32_t* word = __bss_start__; word < __bss_end__; ++word) *word = 0;
  __libc_init_array();
  start_systick();
  const int status = main();
  const uint32_t block[2] = {0x20026u, (uint32_t)status};
  semihost(0x20, block);
  for (;;) {
  }
}
