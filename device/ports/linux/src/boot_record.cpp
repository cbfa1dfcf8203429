#include "onboard/device/ports/linux/boot_record.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>
#include <cerrno>
#include <fstream>
#include <sstream>

namespace onboard::port {
namespace {

constexpr char kMagic[] = "onboard-boot 1";

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

bool valid_slot(const std::string& s, bool allow_factory) {
  return s == "a" || s == "b" || (allow_factory && s == "factory");
}

}  // namespace

bool write_file_atomically(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string temp = dir + "/." + name + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = write_all(fd, text) && ::fsync(fd) == 0;
  if (::close(fd) != 0) ok = false;
  ok = ok && ::rename(temp.c_str(), (dir + "/" + name).c_str()) == 0 && fsync_dir(dir);
  if (!ok) ::unlink(temp.c_str());
  return ok;
}

std::optional<BootRecord> read_boot_record(const std::string& dir) {
  std::ifstream in(dir + "/boot");
  if (!in) return BootRecord{};
  std::string line;
  if (!std::getline(in, line) || line != kMagic) return std::nullopt;
  BootRecord r;
  bool ended = false;
  while (std::getline(in, line)) {
    if (line == "end") {
      ended = true;
      break;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = line.substr(0, eq);
    const std::string value = line.substr(eq + 1);
    if (key == "active")
      r.active = value;
    else if (key == "pending")
      r.pending = value;
    else if (key == "tried")
      r.tried = value == "1" ? 1 : value == "2" ? 2 : 0;
    else if (key == "factory")
      r.factory = value;
    else if (key == "rolled_back")
      r.rolled_back = value == "1";
    else if (key == "version_a")
      r.version_a = value;
    else if (key == "build_a")
      r.build_a = value;
    else if (key == "version_b")
      r.version_b = value;
    else if (key == "build_b")
      r.build_b = value;
  }
  // The rename makes a torn record impossible; "end" also catches a file cut by other means.
  if (!ended || !valid_slot(r.active, true) || (!r.pending.empty() && !valid_slot(r.pending, false))) {
    return std::nullopt;
  }
  return r;
}

bool write_boot_record(const std::string& dir, const BootRecord& r) {
  std::ostringstream out;
  out << kMagic << "\nactive=" << r.active << "\npending=" << r.pending << "\ntried=" << r.tried
      << "\nrolled_back=" << (r.rolled_back ? 1 : 0) << "\nversion_a=" << r.version_a
      << "\nbuild_a=" << r.build_a << "\nversion_b=" << r.version_b << "\nbuild_b=" << r.build_b
      << "\nfactory=" << r.factory << "\nend\n";
  return write_file_atomically(dir, "boot", out.str());
}

std::string slot_executable(const std::string& dir, std::string_view slot) {
  return dir + "/slot-" + std::string(slot);
}

BootChoice choose_boot(const std::string& dir, std::string_view running_in, const std::string& self_path) {
  const std::string running = running_in.empty() ? "factory" : std::string(running_in);
  BootChoice choice;
  choice.run_slot = running;
  const std::optional<BootRecord> read = read_boot_record(dir);
  if (!read) {
    choice.note = "boot: the boot record is damaged: running this program as it is";
    return choice;
  }
  BootRecord r = *read;
  bool changed = false;
  if (running == "factory" && !self_path.empty() && r.factory != self_path) {
    r.factory = self_path;
    changed = true;
  }
  std::string want = r.active;
  if (!r.pending.empty()) {
    if (r.tried == 0 && running != r.pending) {
      r.tried = 1;
      changed = true;
      want = r.pending;
      choice.note = "boot: starting the new firmware in slot " + r.pending + " on trial";
    } else if (r.tried == 1 && running == r.pending) {
      r.tried = 2;
      changed = true;
      want = r.pending;
    } else {
      choice.note =
          "boot: slot " + r.pending + " restarted before it reached the cloud: rolling back to " + r.active;
      r.pending.clear();
      r.tried = 0;
      r.rolled_back = true;
      changed = true;
    }
  }
  if (want != "factory" && ::access(slot_executable(dir, want).c_str(), X_OK) != 0) {
    choice.note = "boot: slot " + want + " is missing: running the installed program";
    if (r.pending == want) {
      r.pending.clear();
      r.tried = 0;
      r.rolled_back = true;
      changed = true;
    }
    want = "factory";
  }
  if (changed && !write_boot_record(dir, r)) {
    // Without a durable record a trial could not be rolled back: do not start one.
    choice.note = "boot: cannot write the boot record: staying on this program";
    choice.record = *read;
    return choice;
  }
  choice.record = r;
  choice.run_slot = want;
  if (want != running) {
    choice.exec_path = want == "factory" ? r.factory : slot_executable(dir, want);
    if (choice.exec_path.empty()) {
      choice.note = "boot: the installed program's path is unknown: staying on slot " + running;
      choice.run_slot = running;
    }
  }
  return choice;
}

void exec_boot_choice(const BootChoice& choice, const std::vector<std::string>& argv) {
  if (choice.run_slot == "factory") {
    ::unsetenv(kSlotEnv);
  } else {
    ::setenv(kSlotEnv, choice.run_slot.c_str(), 1);
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  ::execv(choice.exec_path.c_str(), args.data());
}

}  // namespace onboard::port
