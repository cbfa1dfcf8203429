// Where a world keeps its files, and the names it gives its namespaces. Every
// namespace of a world starts with a prefix derived from the run directory, so
// two worlds (parallel tests) never collide and leftovers are easy to find.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace onboard::air {

class RunDir {
 public:
  // dir must exist; it is made absolute and canonical.
  explicit RunDir(const std::filesystem::path& dir);

  // --run-dir, else $ONBOARD_AIR_RUN_DIR; nullopt when neither is set.
  static std::optional<std::filesystem::path> locate(const std::string& option);

  const std::filesystem::path& dir() const { return dir_; }
  const std::string& prefix() const { return prefix_; }
  std::string ns_name(const std::string& host) const { return prefix_ + "-" + host; }

  std::filesystem::path socket() const { return dir_ / "air.sock"; }
  std::filesystem::path pid_file() const { return dir_ / "air.pid"; }
  std::filesystem::path log_file() const { return dir_ / "air.log"; }
  // One namespace name per line, written before the namespace is made.
  std::filesystem::path namespaces_file() const { return dir_ / "namespaces"; }
  std::filesystem::path board_dir(const std::string& name) const { return dir_ / "boards" / name; }
  std::filesystem::path serial_log(const std::string& name) const { return board_dir(name) / "serial.log"; }
  std::filesystem::path storage(const std::string& name) const { return board_dir(name) / "storage"; }

  void record_namespace(const std::string& ns) const;

 private:
  std::filesystem::path dir_;
  std::string prefix_;
};

}  // namespace onboard::air
