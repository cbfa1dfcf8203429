#include "onboard/device/ports/linux/file_storage.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace onboard::port {

namespace {

bool write_all(int fd, const std::uint8_t* data, std::size_t length, off_t offset) {
  while (length > 0) {
    const ssize_t done = ::pwrite(fd, data, length, offset);
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) return false;
    data += done;
    length -= static_cast<std::size_t>(done);
    offset += done;
  }
  return true;
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

bool replace_file_atomically(const std::string& path, const std::uint8_t* data, std::size_t length) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const bool written = write_all(fd, data, length, 0) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = written ? errno : saved;
    ::unlink(tmp.c_str());
    errno = error;
    return false;
  }
  // The rename itself is only durable once the directory entry is on disk.
  const int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

FileStorage::FileStorage(std::string path, std::size_t size) : path_(std::move(path)), size_(size) {
  if (open_existing()) return;
  error_.clear();
  // Missing or of another size: build the right file and swap it in whole.
  std::vector<std::uint8_t> content(size_, 0xFF);
  const int old = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (old >= 0) {
    const ssize_t got = ::pread(old, content.data(), content.size(), 0);
    (void)got;  // a short read keeps the 0xFF fill for the rest
    ::close(old);
  }
  if (!replace_file_atomically(path_, content.data(), content.size())) {
    fail("cannot create");
    return;
  }
  if (!open_existing()) fail("cannot reopen");
}

FileStorage::~FileStorage() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileStorage::fail(const std::string& what) {
  error_ = what + " " + path_ + ": " + std::strerror(errno);
  return false;
}

bool FileStorage::open_existing() {
  const int fd = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return fail("cannot open");
  struct stat info {};
  if (::fstat(fd, &info) != 0 || static_cast<std::size_t>(info.st_size) != size_) {
    ::close(fd);
    error_ = "wrong size: " + path_;
    return false;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  return true;
}

bool FileStorage::read(std::size_t offset, std::uint8_t* out, std::size_t length) {
  if (fd_ < 0 || offset > size_ || length > size_ - offset) return false;
  std::size_t done = 0;
  while (done < length) {
    const ssize_t got = ::pread(fd_, out + done, length - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

bool FileStorage::write(std::size_t offset, const std::uint8_t* data, std::size_t length) {
  if (fd_ < 0 || offset > size_ || length > size_ - offset) return false;
  return write_all(fd_, data, length, static_cast<off_t>(offset));
}

bool FileStorage::flush() {
  return fd_ >= 0 && ::fdatasync(fd_) == 0;
}

bool FileStorage::replace(const std::uint8_t* data, std::size_t length) {
  if (length != size_) return false;
  if (!replace_file_atomically(path_, data, length)) return fail("cannot replace");
  // The old descriptor points at the unlinked inode; switch to the new file.
  return open_existing();
}

}  // namespace onboard::port
