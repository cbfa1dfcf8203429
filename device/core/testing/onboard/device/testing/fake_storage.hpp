// A RAM Storage for tests that can cut power: after a byte budget is spent, every
// further byte is lost, exactly as a torn write on flash would lose it.
#pragma once

#include <cstring>
#include <limits>
#include <vector>

#include "onboard/device/hal/storage.hpp"

namespace onboard::testing {

class FakeStorage : public hal::Storage {
 public:
  explicit FakeStorage(std::size_t size = 1024, std::uint8_t fill = 0xFF) : bytes_(size, fill) {}
  virtual ~FakeStorage() = default;

  std::size_t size() const override { return bytes_.size(); }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t length) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) return false;
    std::memcpy(out, bytes_.data() + offset, length);
    return true;
  }
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override {
    ++write_calls_;
    if (refuse_writes_) return false;
    if (offset > bytes_.size() || length > bytes_.size() - offset) return false;
    for (std::size_t i = 0; i < length; ++i) {
      if (budget_ == 0) return true;  // power is gone: the caller never learns
      bytes_[offset + i] = data[i];
      --budget_;
      ++bytes_written_;
    }
    return true;
  }
  bool flush() override { return true; }

  // Lets exactly n more bytes reach the medium.
  void cut_after(std::size_t n) { budget_ = n; }
  void restore_power() { budget_ = std::numeric_limits<std::size_t>::max(); }
  // Every write reports failure (a worn-out or write-protected flash).
  void refuse_writes(bool on) { refuse_writes_ = on; }

  std::vector<std::uint8_t>& bytes() { return bytes_; }
  std::size_t bytes_written() const { return bytes_written_; }
  std::size_t write_calls() const { return write_calls_; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::size_t budget_ = std::numeric_limits<std::size_t>::max();
  std::size_t bytes_written_ = 0;
  std::size_t write_calls_ = 0;
  bool refuse_writes_ = false;
};

}  // namespace onboard::testing
