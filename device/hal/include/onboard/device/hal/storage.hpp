// A small persistent byte region (EEPROM, an NVS blob, a flash page or a file)
// where the core keeps its two configuration slots.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::hal {

// Writes may be torn by a power cut at any byte: the core never relies on a
// write being atomic, only on bytes written before the cut staying written.
class Storage {
 public:
  virtual std::size_t size() const = 0;
  virtual bool read(std::size_t offset, std::uint8_t* out, std::size_t length) = 0;
  virtual bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) = 0;
  // Makes previous writes durable (fsync on Linux; a no-op where writes are).
  virtual bool flush() = 0;

 protected:
  ~Storage() = default;
};

}  // namespace onboard::hal
