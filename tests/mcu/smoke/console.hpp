// The smoke test's only contact with the emulated machine: text to the host's
// terminal and the program's exit status, each target's over its own semihosting.
#pragma once

extern "C" {
void smoke_print(const char* text);
[[noreturn]] void smoke_exit(int status);
}
