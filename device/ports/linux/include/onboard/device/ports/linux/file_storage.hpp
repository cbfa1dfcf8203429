// The core's persistent byte region as one fixed-size file in the state
// directory. Writes go in place; flush() makes them durable with fdatasync.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "onboard/device/hal/storage.hpp"

namespace onboard::port {

// In-place writes may be torn by a power cut (SIGKILL in the air, a real cut on
// a Pi); the core's two-slot store survives that by design. Whole-file changes
// (creating the file, changing its size, replace()) never tear: they write a
// temporary file, fsync it, rename it over the old one and fsync the directory.
class FileStorage final : public hal::Storage {
 public:
  // Opens (or creates, filled with 0xFF like erased flash) path with exactly
  // size bytes. A file of another size is resized by replacement, keeping the
  // bytes that fit. Check ok() afterwards; error() says why when it failed.
  FileStorage(std::string path, std::size_t size);
  FileStorage(const FileStorage&) = delete;
  FileStorage& operator=(const FileStorage&) = delete;
  ~FileStorage();

  bool ok() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }

  std::size_t size() const override { return size_; }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t length) override;
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override;
  bool flush() override;

  // Atomically replaces the whole content (length must equal size()): a
  // crash leaves either the old or the new file, never a mix.
  bool replace(const std::uint8_t* data, std::size_t length);

 private:
  bool open_existing();
  bool fail(const std::string& what);

  std::string path_;
  std::size_t size_;
  int fd_ = -1;
  std::string error_;
};

// Writes data to path atomically: path.tmp, fsync, rename, fsync the directory.
// false (with errno set) on any failure; the old file is then untouched.
bool replace_file_atomically(const std::string& path, const std::uint8_t* data, std::size_t length);

}  // namespace onboard::port
