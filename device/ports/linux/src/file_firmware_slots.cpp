#include "onboard/device/ports/linux/file_firmware_slots.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "onboard/protocol/ota/image.hpp"

namespace onboard::port {
namespace {

bool pread_all(int fd, std::uint8_t* out, std::size_t size, std::size_t offset) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, out, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::size_t>(n);
  }
  return true;
}

bool pwrite_all(int fd, const std::uint8_t* data, std::size_t size, std::size_t offset) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

FileFirmwareSlots::FileFirmwareSlots(std::string dir, std::string running, std::size_t capacity,
                                     std::function<void(std::string_view)> log)
    : dir_(std::move(dir)), running_(std::move(running)), capacity_(capacity), log_(std::move(log)) {
  ::mkdir(dir_.c_str(), 0700);
  // The slot that neither runs nor is active takes the next image.
  const auto record = read_boot_record(dir_);
  const std::string active = record ? record->active : "factory";
  inactive_ = (running_ == "a" || (running_ == "factory" && active == "a")) ? "b" : "a";
}

FileFirmwareSlots::~FileFirmwareSlots() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileFirmwareSlots::open_image() {
  if (fd_ >= 0) return true;
  fd_ = ::open(image_path().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) log_("ota: cannot open " + image_path() + ": " + std::strerror(errno));
  return fd_ >= 0;
}

bool FileFirmwareSlots::erase_inactive() {
  if (!open_image()) return false;
  ::unlink((dir_ + "/progress").c_str());
  return ::ftruncate(fd_, 0) == 0 && ::fsync(fd_) == 0;
}

bool FileFirmwareSlots::write(std::size_t offset, const std::uint8_t* data, std::size_t size) {
  if (offset + size > capacity_ || !open_image()) return false;
  return pwrite_all(fd_, data, size, offset);
}

bool FileFirmwareSlots::read(std::size_t offset, std::uint8_t* out, std::size_t size) {
  if (offset + size > capacity_ || !open_image()) return false;
  return pread_all(fd_, out, size, offset);
}

bool FileFirmwareSlots::flush() {
  return open_image() && ::fdatasync(fd_) == 0;
}

bool FileFirmwareSlots::save_progress(std::uint32_t key, std::uint32_t bytes) {
  std::ostringstream text;
  text << inactive_ << ' ' << key << ' ' << bytes << '\n';
  return write_file_atomically(dir_, "progress", text.str());
}

void FileFirmwareSlots::load_progress(std::uint32_t& key, std::uint32_t& bytes) {
  key = 0;
  bytes = 0;
  std::ifstream in(dir_ + "/progress");
  std::string slot;
  std::uint32_t k = 0;
  std::uint32_t b = 0;
  // Progress into the other slot (it has since become the running one) is no progress.
  if (in >> slot >> k >> b && slot == inactive_) {
    key = k;
    bytes = b;
  }
}

bool FileFirmwareSlots::mark_pending(std::size_t offset, std::size_t size) {
  // The executable is the payload, copied out of the verified image into a file that
  // appears whole (rename) with its mode already set.
  std::uint8_t header_bytes[ota::kHeaderSize];
  ota::ImageHeader header;
  if (!read(0, header_bytes, sizeof header_bytes) ||
      ota::read_header(header_bytes, sizeof header_bytes, header) != ota::HeaderError::none) {
    return false;
  }
  const std::string exe = dir_ + "/slot-" + inactive_;
  const std::string temp = exe + ".tmp";
  const int out = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0700);
  if (out < 0) return false;
  std::vector<std::uint8_t> chunk(64 * 1024);
  bool ok = true;
  for (std::size_t done = 0; ok && done < size;) {
    const std::size_t n = size - done < chunk.size() ? size - done : chunk.size();
    ok = read(offset + done, chunk.data(), n) && pwrite_all(out, chunk.data(), n, done);
    done += n;
  }
  ok = ok && ::fchmod(out, 0700) == 0 && ::fsync(out) == 0;
  if (::close(out) != 0) ok = false;
  ok = ok && ::rename(temp.c_str(), exe.c_str()) == 0;
  if (!ok) {
    ::unlink(temp.c_str());
    log_("ota: cannot write " + exe + ": " + std::strerror(errno));
    return false;
  }
  const bool recorded = update_record([&](BootRecord& r) {
    r.pending = inactive_;
    r.tried = 0;
    r.rolled_back = false;
    (inactive_ == "a" ? r.version_a : r.version_b) = header.version;
    (inactive_ == "a" ? r.build_a : r.build_b) = header.build;
  });
  if (recorded) ::unlink((dir_ + "/progress").c_str());
  return recorded;
}

hal::BootState FileFirmwareSlots::boot_state() const {
  const auto r = read_boot_record(dir_);
  if (!r) return hal::BootState::normal;
  if (!r->pending.empty() && r->pending == running_) return hal::BootState::trial;
  if (r->rolled_back) return hal::BootState::rolled_back;
  return hal::BootState::normal;
}

bool FileFirmwareSlots::mark_valid() {
  return update_record([&](BootRecord& r) {
    if (r.pending != running_) return;
    r.active = r.pending;
    r.pending.clear();
    r.tried = 0;
  });
}

bool FileFirmwareSlots::acknowledge_rollback() {
  return update_record([](BootRecord& r) { r.rolled_back = false; });
}

bool FileFirmwareSlots::update_record(const std::function<void(BootRecord&)>& change) {
  auto r = read_boot_record(dir_);
  if (!r) r = BootRecord{};
  change(*r);
  return write_boot_record(dir_, *r);
}

}  // namespace onboard::port
