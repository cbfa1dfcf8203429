// onboard-device's firmware slots on disk: the boot record (which slot is active, which is
// pending and whether it was tried) and the choice each start makes from it, power-cut safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onboard::port {

// "factory" is the program as installed; "a" and "b" are the executables OTA wrote.
struct BootRecord {
  std::string active = "factory";
  std::string pending;  // "" or "a"/"b": boot it once, on trial
  // 0: not yet started; 1: handed over (exec); 2: running its trial. Any other start
  // while a slot is pending means the trial ended without a confirmation: roll back.
  int tried = 0;
  bool rolled_back = false;
  std::string factory;  // the installed program's path, to come back to from a slot
  // The signed header's version and build of each slot, reported at login when it runs.
  std::string version_a, build_a, version_b, build_b;

  const std::string& version_of(std::string_view slot) const { return slot == "a" ? version_a : version_b; }
  const std::string& build_of(std::string_view slot) const { return slot == "a" ? build_a : build_b; }
};

// A missing file reads as the default record; a damaged one as nullopt.
std::optional<BootRecord> read_boot_record(const std::string& dir);
// Temporary file, fsync, rename over "boot", fsync the directory: a cut leaves the old
// record or the new one, never a mix.
bool write_boot_record(const std::string& dir, const BootRecord& record);
// The same for any small file in `dir`.
bool write_file_atomically(const std::string& dir, const std::string& name, const std::string& text);

std::string slot_executable(const std::string& dir, std::string_view slot);

struct BootChoice {
  std::string run_slot;   // the slot this start runs: "factory", "a" or "b"
  std::string exec_path;  // non-empty: exec this executable (with ONBOARD_SLOT=run_slot)
  BootRecord record;      // as written
  std::string note;       // for the serial log, empty when there is nothing to say
};

// What a start does, given the slot it is running (ONBOARD_SLOT; "" means factory) and its
// own executable: a pending slot not yet started is handed over (tried 1, then exec); its
// first start marks tried 2 and runs; any other start while it is pending rolls back.
// Otherwise the active slot runs. The record is written before each exec.
BootChoice choose_boot(const std::string& dir, std::string_view running, const std::string& self_path);

// The environment variable that tells a start which slot it is.
inline constexpr char kSlotEnv[] = "ONBOARD_SLOT";

// execv(choice.exec_path, argv) with ONBOARD_SLOT set to the slot (unset for the installed
// program). Returns only when exec failed, with errno set.
void exec_boot_choice(const BootChoice& choice, const std::vector<std::string>& argv);

}  // namespace onboard::port
