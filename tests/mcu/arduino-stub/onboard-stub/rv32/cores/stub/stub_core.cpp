// The stub core: pins that read low, a clock that counts calls, a serial port
// that drops its bytes, and the C++ runtime piece Debian's toolchain lacks.
#include <Arduino.h>
#include <string.h>

namespace {
unsigned long stub_ms = 0;
}

void pinMode(uint8_t, uint8_t) {}
void digitalWrite(uint8_t, uint8_t) {}
int digitalRead(uint8_t) {
  return LOW;
}
void analogWrite(uint8_t, int) {}
unsigned long millis() {
  return ++stub_ms;
}
void delay(unsigned long ms) {
  stub_ms += ms;
}

StubSerial Serial;
void StubSerial::begin(unsigned long) {}
size_t StubSerial::write(uint8_t) {
  return 1;
}
size_t StubSerial::write(const uint8_t*, size_t length) {
  return length;
}
size_t StubSerial::print(const char* text) {
  return strlen(text);
}
size_t StubSerial::println(const char* text) {
  return strlen(text) + 1;
}

// std::string_view's bounds checks call this; a real core's libstdc++ has it.
namespace std {
[[noreturn]] void __throw_out_of_range_fmt(const char*, ...) {
  __builtin_trap();
}
}  // namespace std

int main() {
  setup();
  for (;;) loop();
}
