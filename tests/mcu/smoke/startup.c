/* What the smoke test does between reset and smoke_main, and how it leaves, the same on
   every emulated machine; each platform's console.c says how text and the exit reach the host. */
#include <stdint.h>

extern uint32_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);
extern void smoke_main(void);
void smoke_print(const char* text);
__attribute__((noreturn)) void smoke_exit(int status);
void smoke_start(void);

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
