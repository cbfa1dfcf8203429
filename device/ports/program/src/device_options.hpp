// The command line of onboard-device (a contract: docs/firmware-linux.md and
// the scenario tests use it) and the Settings it turns into.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "onboard/device/settings.hpp"

namespace onboard::program {

struct DeviceOptions {
  std::string template_id;
  std::string template_name;
  std::string firmware_version = "0.1.0";
  std::string state_dir;
  std::string wifi;  // "air" or "nm"
  std::string board = "custom";
  std::string ssid_prefix = "Onboard";
  std::string cloud_ca;
  std::string cloud_host = "onboard.cloud";
  std::uint16_t cloud_port = 0;  // 0: 443 with TLS, 8080 plain
  bool cloud_plain = false;
  std::optional<std::uint64_t> chip_id;
  bool edgent_only = false;
  std::uint32_t offline_ap_delay_s = 600;
  std::uint32_t backoff_cap_s = 60;
  std::string nm_ifname = "wlan0";
  std::string nmcli = "nmcli";
  std::string gpio_chip = "gpiochip0";
  std::string setup_verifier;  // onboard-factory's file: secure-only setup
  std::string ota_public_key;  // onboard-factory keygen's .pub: OTA images must be signed with it
  std::uint32_t ota_trial_timeout_s = 300;
  // A test firmware that cannot reach its cloud: every TCP connection goes to this port,
  // whatever the saved configuration says (0: off). A slot's own flag: not handed on.
  std::uint16_t fixed_cloud_port = 0;
  std::string build;  // the login's `build`: the running slot's, from the boot record

  // The core's Settings; its strings point into this object, which must outlive them.
  device::Settings settings() const;
};

struct ParsedOptions {
  std::optional<DeviceOptions> options;  // nullopt: exit with exit_code
  int exit_code = 0;                     // 0 after --help, 2 for bad arguments
  std::string message;                   // what to print (help or error + usage + example)
};

// getenv_fn: where ONBOARD_AIR_SOCKET / ONBOARD_AIR_STORAGE / ONBOARD_AIR_CHIP_ID
// come from (--wifi defaults to air inside the air, and --state-dir and
// --chip-id to what the air gives).
ParsedOptions parse_device_options(const std::vector<std::string>& args,
                                   const std::function<const char*(const char*)>& getenv_fn);

// argv without --fixed-cloud-port and its value: what a hand-over to another slot (or
// back to the installed program) runs, so a broken firmware's flag does not outlive it.
std::vector<std::string> without_slot_flags(const std::vector<std::string>& argv);

extern const char kUsage[];
extern const char kExample[];

}  // namespace onboard::program
