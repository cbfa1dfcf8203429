/* Output and exit on QEMU's RISC-V virt board over RISC-V semihosting: the
   ebreak between two marker instructions, uncompressed and in one page. */
#include <stdint.h>

extern uint32_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);
extern void smoke_main(void);
void smoke_print(const char* text);
__attribute__((noreturn)) void smoke_exit(int status);

static long semihost(long op, const void* arg) {
  register long a0 __asm__("a0") = op;
  register const void* a1 __asm__("a1") = arg;
  __asm__ volatile(
      ".option push\n.option norvc\n.balign 16\n"
      "slli x0, x0, 0x1f\nebreak\nsrai x0, x0, 7\n.option pop"
      : "+r"(a0)
      : "r"(a1)
      : "memory");
  return a0;
}

enum { kSysWrite0 = 0x04, kSysExitExtended = 0x20 };
enum { kApplicationExit = 0x20026 };

void smoke_print(const char* text) {
  semihost(kSysWrite0, text);
}

void smoke_exit(int status) {
  const uint32_t block[2] = {kApplicationExit, (uint32_t)status};
  semihost(kSysExitExtended, block);
  for (;;) {
  }
}

void smoke_start(void) {
  for (uint32_t* word = __bss_start; word < __bss_end; ++word) *word = 0;
  for (void (**init)(void) = __init_array_start; init < __init_array_end; ++init) (*init)();
  smoke_main();
}

/* The C library's way out (std::abort from a failed bounds check, exit): a
   failed smoke test, never a silent hang. */
void abort(void) {
  smoke_print("abort\n");
  smoke_exit(134);
}

void _exit(int status) {
  smoke_exit(status);
}
