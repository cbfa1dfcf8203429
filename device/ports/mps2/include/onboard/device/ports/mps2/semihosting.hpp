// The ARM semihosting calls the mps2-an386 firmware makes to the emulator's host:
// its command line, the serial monitor (stdout) and one file as the board's flash.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::mps2 {

// A host file handle; negative when the call failed.
using HostFile = int;

enum class OpenMode : std::uint8_t {
  ReadBinary = 1,
  ReadWriteBinary = 3,
  WriteBinary = 5,
  CreateReadWriteBinary = 7
};

HostFile host_open(const char* path, OpenMode mode);
bool host_close(HostFile file);
// Every byte written, or false.
bool host_write(HostFile file, const void* data, std::size_t length);
// Bytes read (0 at the end of the file), or -1.
long host_read(HostFile file, void* out, std::size_t length);
bool host_remove(const char* path);
bool host_seek(HostFile file, std::size_t offset);
// The file's length, or -1.
long host_length(HostFile file);
// The command line QEMU was given with -semihosting-config arg=..., joined by
// spaces, NUL-terminated in out. Returns its length, or -1.
long host_command_line(char* out, std::size_t capacity);
// The host's stdout (the board's serial monitor), opened once.
HostFile host_stdout();

}  // namespace onboard::mps2
