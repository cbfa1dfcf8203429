#include "onboard/device/ports/mps2/semihosting.hpp"

#include <cstring>

namespace onboard::mps2 {

namespace {

enum : int {
  kSysOpen = 0x01,
  kSysClose = 0x02,
  kSysWrite = 0x05,
  kSysRead = 0x06,
  kSysSeek = 0x0A,
  kSysRemove = 0x0E,
  kSysFlen = 0x0C,
  kSysGetCmdline = 0x15,
};

int semihost(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

}  // namespace

HostFile host_open(const char* path, OpenMode mode) {
  const std::uint32_t block[3] = {reinterpret_cast<std::uintptr_t>(path), static_cast<std::uint32_t>(mode),
                                  static_cast<std::uint32_t>(std::strlen(path))};
  return semihost(kSysOpen, block);
}

bool host_close(HostFile file) {
  const std::uint32_t block[1] = {static_cast<std::uint32_t>(file)};
  return semihost(kSysClose, block) == 0;
}

bool host_write(HostFile file, const void* data, std::size_t length) {
  const std::uint32_t block[3] = {static_cast<std::uint32_t>(file), reinterpret_cast<std::uintptr_t>(data),
                                  static_cast<std::uint32_t>(length)};
  // SYS_WRITE answers the number of bytes NOT written.
  return semihost(kSysWrite, block) == 0;
}

long host_read(HostFile file, void* out, std::size_t length) {
  const std::uint32_t block[3] = {static_cast<std::uint32_t>(file), reinterpret_cast<std::uintptr_t>(out),
                                  static_cast<std::uint32_t>(length)};
  // SYS_READ answers the number of bytes NOT read.
  const int left = semihost(kSysRead, block);
  if (left < 0 || static_cast<std::size_t>(left) > length) return -1;
  return static_cast<long>(length - static_cast<std::size_t>(left));
}

bool host_remove(const char* path) {
  const std::uint32_t block[2] = {reinterpret_cast<std::uintptr_t>(path),
                                  static_cast<std::uint32_t>(std::strlen(path))};
  return semihost(kSysRemove, block) == 0;
}

bool host_seek(HostFile file, std::size_t offset) {
  const std::uint32_t block[2] = {static_cast<std::uint32_t>(file), static_cast<std::uint32_t>(offset)};
  return semihost(kSysSeek, block) == 0;
}

long host_length(HostFile file) {
  const std::uint32_t block[1] = {static_cast<std::uint32_t>(file)};
  return semihost(kSysFlen, block);
}

long host_command_line(char* out, std::size_t capacity) {
  if (capacity == 0) return -1;
  std::uint32_t block[2] = {reinterpret_cast<std::uintptr_t>(out), static_cast<std::uint32_t>(capacity - 1)};
  if (semihost(kSysGetCmdline, block) != 0) return -1;
  const std::size_t length = block[1] < capacity ? block[1] : capacity - 1;
  out[length] = '\0';
  return static_cast<long>(length);
}

HostFile host_stdout() {
  static HostFile file = -1;
  // ":tt" opened for writing is the emulator's stdout.
  if (file < 0) file = host_open(":tt", static_cast<OpenMode>(4));
  return file;
}

}  // namespace onboard::mps2
