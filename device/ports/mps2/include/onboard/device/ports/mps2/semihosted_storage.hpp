// The board's flash as a file on the emulator's host, through semihosting: every
// write goes straight to the host file, so a power cut (QEMU killed) keeps
// every byte written before it, as flash would.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/hal/storage.hpp"
#include "onboard/device/ports/mps2/semihosting.hpp"

namespace onboard::mps2 {

class SemihostedStorage final : public hal::Storage {
 public:
  SemihostedStorage(const char* path, std::size_t size) : path_(path), size_(size) {}
  ~SemihostedStorage();
  SemihostedStorage(const SemihostedStorage&) = delete;
  SemihostedStorage& operator=(const SemihostedStorage&) = delete;

  // Opens the file, creating it erased (0xFF) or growing it to size. False: no flash.
  bool begin();

  std::size_t size() const override { return size_; }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t length) override;
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override;
  // Each write already reached the host's file.
  bool flush() override { return file_ >= 0; }

 private:
  const char* path_;
  std::size_t size_;
  HostFile file_ = -1;
};

}  // namespace onboard::mps2
