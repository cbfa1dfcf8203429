#include "onboard/device/ports/mps2/semihosted_storage.hpp"

#include <cstring>

namespace onboard::mps2 {

SemihostedStorage::~SemihostedStorage() {
  if (file_ >= 0) host_close(file_);
}

bool SemihostedStorage::begin() {
  file_ = host_open(path_, OpenMode::ReadWriteBinary);
  if (file_ < 0) file_ = host_open(path_, OpenMode::CreateReadWriteBinary);
  if (file_ < 0) return false;
  const long length = host_length(file_);
  if (length < 0) return false;
  // Erased flash reads 0xFF: fill whatever the file lacks.
  std::uint8_t erased[256];
  std::memset(erased, 0xFF, sizeof erased);
  for (std::size_t at = static_cast<std::size_t>(length); at < size_;) {
    const std::size_t n = size_ - at < sizeof erased ? size_ - at : sizeof erased;
    if (!host_seek(file_, at) || !host_write(file_, erased, n)) return false;
    at += n;
  }
  return true;
}

bool SemihostedStorage::read(std::size_t offset, std::uint8_t* out, std::size_t length) {
  if (file_ < 0 || offset > size_ || length > size_ - offset) return false;
  if (!host_seek(file_, offset)) return false;
  return host_read(file_, out, length) == static_cast<long>(length);
}

bool SemihostedStorage::write(std::size_t offset, const std::uint8_t* data, std::size_t length) {
  if (file_ < 0 || offset > size_ || length > size_ - offset) return false;
  return host_seek(file_, offset) && host_write(file_, data, length);
}

}  // namespace onboard::mps2
