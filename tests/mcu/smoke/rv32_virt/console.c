/* Output and exit on QEMU's RISC-V virt board over RISC-V semihosting: the
   ebreak between two marker instructions, uncompressed and in one page. */
#include <stdint.h>

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
