#include "run_dir.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace onboard::air {

RunDir::RunDir(const std::filesystem::path& dir) : dir_(std::filesystem::canonical(dir)) {
  // FNV-1a of the path: short, stable, and different for different run dirs.
  std::uint32_t hash = 2166136261u;
  for (char c : dir_.string()) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  char text[16];
  std::snprintf(text, sizeof text, "oa%08x", hash);
  prefix_ = text;
}

std::optional<std::filesystem::path> RunDir::locate(const std::string& option) {
  if (!option.empty()) return std::filesystem::path(option);
  if (const char* env = std::getenv("ONBOARD_AIR_RUN_DIR"); env != nullptr && *env != '\0') {
    return std::filesystem::path(env);
  }
  return std::nullopt;
}

void RunDir::record_namespace(const std::string& ns) const {
  std::ofstream out(namespaces_file(), std::ios::app);
  out << ns << '\n';
}

}  // namespace onboard::air
