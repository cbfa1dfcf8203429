#include "onboard/cloud/store/firmware_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace onboard::cloud {

namespace {
std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}
}  // namespace

FirmwareFiles::FirmwareFiles(std::string data_dir) : folder_(std::move(data_dir) + "/firmware") {}

std::string FirmwareFiles::save(const std::string& name, const std::string& bytes) {
  if (::mkdir(folder_.c_str(), 0700) != 0 && errno != EEXIST) return errno_text("creating " + folder_);
  const std::string path = folder_ + "/" + name;
  const std::string temp = path + ".part";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return errno_text("creating " + temp);
  const bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
  const std::string failure = written ? std::string() : errno_text("writing " + temp);
  ::close(fd);
  if (!written) {
    ::unlink(temp.c_str());
    return failure;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const auto e = errno_text("renaming " + temp);
    ::unlink(temp.c_str());
    return e;
  }
  // The rename itself is durable only once the folder is.
  const int dir = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return errno_text("opening " + folder_);
  const bool synced = ::fsync(dir) == 0;
  ::close(dir);
  return synced ? std::string() : errno_text("syncing " + folder_);
}

std::optional<std::string> FirmwareFiles::read(const std::string& name, std::int64_t offset,
                                               std::int64_t length) const {
  const int fd = ::open((folder_ + "/" + name).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string out(static_cast<std::size_t>(length), '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    const auto n =
        ::pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(offset) + static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

}  // namespace onboard::cloud
