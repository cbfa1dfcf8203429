/* Output and exit on QEMU's Xtensa simulator: the ISS's SIMCALL semihosting
   (a2 = call number, a3.. = arguments), here write(1, ...) and exit(status). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void smoke_print(const char* text);
__attribute__((noreturn)) void smoke_exit(int status);

static int simcall(int call, int a, int b, int c) {
  register int a2 __asm__("a2") = call;
  register int a3 __asm__("a3") = a;
  register int a4 __asm__("a4") = b;
  register int a5 __asm__("a5") = c;
  __asm__ volatile("simcall" : "+r"(a2), "+r"(a3) : "r"(a4), "r"(a5) : "memory");
  return a2;
}

enum { kSysExit = 1, kSysWrite = 4 };

void smoke_print(const char* text) {
  simcall(kSysWrite, 1, (int)(uintptr_t)text, (int)strlen(text));
}

void smoke_exit(int status) {
  simcall(kSysExit, status, 0, 0);
  for (;;) {
  }
}
