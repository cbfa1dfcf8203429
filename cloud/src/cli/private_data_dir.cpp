#include "private_data_dir.hpp"

#include <sys/stat.h>

#include <filesystem>

#include <fmt/format.h>

namespace onboard::cloud {

namespace fs = std::filesystem;

std::string make_private_data_dir(const std::string& dir) {
  ::umask(077);  // SQLite's database, WAL and journal files are created by the library with 0644 otherwise
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fmt::format("cannot create the data directory {}: {}", dir, ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return fmt::format("cannot make {} private (0700): {}", dir, ec.message());
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    std::error_code ignored;
    if (entry.is_symlink(ignored)) continue;
    const auto perms =
        entry.is_directory(ignored) ? fs::perms::owner_all : fs::perms::owner_read | fs::perms::owner_write;
    fs::permissions(entry.path(), perms, fs::perm_options::replace, ignored);
  }
  return {};
}

}  // namespace onboard::cloud
