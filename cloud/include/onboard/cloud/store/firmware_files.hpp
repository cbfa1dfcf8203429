// Firmware image files in the data directory's firmware/ folder: written
// atomically (a temporary file, fsync, rename, fsync of the folder) so that a
// recorded image is always whole on disk, and read back by byte ranges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace onboard::cloud {

class FirmwareFiles {
 public:
  explicit FirmwareFiles(std::string data_dir);

  // Writes bytes as `name`; an error message, or empty.
  std::string save(const std::string& name, const std::string& bytes);
  // `length` bytes from `offset` (fewer at the end); nullopt when the file cannot be read.
  std::optional<std::string> read(const std::string& name, std::int64_t offset, std::int64_t length) const;
  std::string folder() const { return folder_; }

 private:
  std::string folder_;
};

}  // namespace onboard::cloud
