/* Reset, faults and the C runtime's few hooks for test programs on QEMU's
   mps2-an386: the command line and the exit status travel over semihosting. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

extern uint32_t __bss_start__[], __bss_end__[], __stack_top[];
extern char __heap_start[], __heap_end[];
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(int argc, char** argv);

void mps2_reset(void);
void mps2_fault(void);

/* C++ static destructors register against this handle (crtbegin.o is not linked). */
void* __dso_handle = &__dso_handle;

/* Initial stack pointer, reset, NMI, and the fault handlers; interrupts are unused. */
__attribute__((section(".vectors"), used)) const void* const mps2_vectors[16] = {__stack_top,
                                                                                 (const void*)mps2_reset,
                                                                                 (const void*)mps2_fault,
                                                                                 (const void*)mps2_fault,
                                                                                 (const void*)mps2_fault,
                                                                                 (const void*)mps2_fault,
                                                                                 (const void*)mps2_fault,
                                                                                 0,
                                                                                 0,
                                                                                 0,
                                                                                 0,
                                                                                 (const void*)mps2_fault,
                                                                                 (const void*)mps2_fault,
                                                                                 0,
                                                                                 (const void*)mps2_fault,
                                                                                 (const void*)mps2_fault};

static int semihost(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

enum { kSysWrite0 = 0x04, kSysGetCmdline = 0x15, kSysExitExtended = 0x20 };
enum { kApplicationExit = 0x20026, kRunTimeErrorUnknown = 0x20023 };

/* A fault is a failed test program: say so and stop with a non-zero status. */
void mps2_fault(void) {
  semihost(kSysWrite0, "mps2: CPU fault (hard fault, bus fault or usage fault)\n");
  const uint32_t block[2] = {kRunTimeErrorUnknown, 134};
  semihost(kSysExitExtended, block);
  for (;;) {
  }
}

/* The heap lies between the end of .bss and the stack, and never grows into it. */
void* _sbrk(ptrdiff_t increment) {
  static char* top = __heap_start;
  if (increment > __heap_end - top || increment < __heap_start - top) {
    errno = ENOMEM;
    return (void*)-1;
  }
  char* previous = top;
  top += increment;
  return previous;
}

/* crti.o is not linked either: __libc_init_array and exit still call these. */
void _init(void) {}
void _fini(void) {}

/* Semihosting has no directories; GoogleTest asks only for --gtest_output into a folder. */
int mkdir(const char* path, unsigned mode) {
  (void)path;
  (void)mode;
  errno = ENOSYS;
  return -1;
}

/* QEMU's -semihosting-config arg=... values, joined by spaces, become argv. */
static char cmdline[4096];
static char* argv_storage[64];

static int read_arguments(void) {
  struct {
    char* buffer;
    int length;
  } request = {cmdline, (int)sizeof cmdline - 1};
  if (semihost(kSysGetCmdline, &request) != 0) return 0;
  cmdline[request.length] = '\0';
  int argc = 0;
  char* p = cmdline;
  while (*p != '\0' && argc < (int)(sizeof argv_storage / sizeof argv_storage[0]) - 1) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    argv_storage[argc++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  argv_storage[argc] = NULL;
  return argc;
}

void mps2_reset(void) {
  for (uint32_t* word = __bss_start__; word < __bss_end__; ++word) *word = 0;
  initialise_monitor_handles();
  __libc_init_array();
  int argc = read_arguments();
  static char program[] = "test";
  if (argc == 0) {
    argv_storage[0] = program;
    argv_storage[1] = NULL;
    argc = 1;
  }
  exit(main(argc, argv_storage));
}
