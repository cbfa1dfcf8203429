/* Output and exit on QEMU's Xtensa simulator: the ISS's SIMCALL semihosting
   (a2 = call number, a3.. = arguments), here write(1, ...) and exit(status). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

extern uint32_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);
extern void smoke_main(void);
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
