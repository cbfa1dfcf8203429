#include "device_options.hpp"

#include <CLI/CLI.hpp>

#include "onboard/device/board.hpp"
#include "onboard/device/ports/linux/linux_system.hpp"
#include "onboard/protocol/air/limits.hpp"

namespace onboard::program {

const char kUsage[] =
    "usage: onboard-device --template-id TMPL... --template-name NAME [--firmware-version V]\n"
    "                      --state-dir DIR [--wifi air|nm] [--board PRESET] [--ssid-prefix P]\n"
    "                      [--cloud-ca FILE] [--cloud-host H] [--cloud-port N] [--cloud-plain]\n"
    "                      [--chip-id HEX] [--edgent-only] [--offline-ap-delay S] [--backoff-cap S]\n"
    "                      [--ota-public-key FILE] [--ota-trial-timeout S] [--fixed-cloud-port N]\n";
const char kExample[] =
    "example: onboard-device --template-id TMPL4fQ9x2 --template-name \"Smart Lamp\" "
    "--state-dir /var/lib/onboard --wifi nm --cloud-host cloud.example.com --cloud-ca "
    "/etc/onboard/cloud.pem\n";

namespace {

std::string board_names() {
  std::string names;
  for (std::size_t i = 0; const device::BoardConfig* board = device::board_preset_at(i); ++i)
    names += (i == 0 ? "" : ", ") + std::string(board->name);
  return names;
}

ParsedOptions bad(const std::string& why) {
  return {std::nullopt, 2,
          "onboard-device: " + why + "\n" + kUsage + kExample + "(--help lists every option)\n"};
}

}  // namespace

device::Settings DeviceOptions::settings() const {
  device::Settings settings;
  settings.template_id = template_id.c_str();
  settings.template_name = template_name.c_str();
  settings.firmware_version = firmware_version.c_str();
  settings.build = build.c_str();
  settings.ssid_prefix = ssid_prefix.c_str();
  if (const device::BoardConfig* preset = device::find_board_preset(board)) settings.board = *preset;
  settings.cloud_host = cloud_host.c_str();
  settings.cloud_tls = !cloud_plain;
  settings.cloud_port = cloud_port != 0 ? cloud_port : (cloud_plain ? 8080 : 443);
  settings.offline_ap_delay_ms = offline_ap_delay_s * 1000u;
  settings.backoff_cap_ms = backoff_cap_s * 1000u;
  settings.onboard_extensions = !edgent_only;
  return settings;
}

ParsedOptions parse_device_options(const std::vector<std::string>& args,
                                   const std::function<const char*(const char*)>& getenv_fn) {
  auto env = [&](const char* name) {
    const char* value = getenv_fn(name);
    return std::string(value == nullptr ? "" : value);
  };
  DeviceOptions o;
  std::string chip_id;
  CLI::App app{
      "onboard-device: the Onboard device SDK as a Linux program (a Raspberry Pi, or a board in onboard-air)",
      "onboard-device"};
  app.add_option("--template-id", o.template_id, "template id from the console (TMPL...)")->required();
  app.add_option("--template-name", o.template_name, "the template's exact name")->required();
  app.add_option("--firmware-version", o.firmware_version,
                 "reported to the cloud (an OTA-installed slot reports its image's version instead)")
      ->capture_default_str();
  app.add_option("--state-dir", o.state_dir,
                 "where the configuration is kept (in the air: $ONBOARD_AIR_STORAGE)");
  app.add_option("--wifi", o.wifi,
                 "radio: air (inside onboard-air, the default there) or nm (NetworkManager)")
      ->check(CLI::IsMember({"air", "nm"}));
  app.add_option("--board", o.board, "board preset: " + board_names())->capture_default_str();
  app.add_option("--ssid-prefix", o.ssid_prefix, "AP name prefix")->capture_default_str();
  app.add_option("--cloud-ca", o.cloud_ca, "PEM: the CA or self-signed certificate the cloud must present");
  app.add_option("--cloud-host", o.cloud_host, "cloud used when the wizard names none")
      ->capture_default_str();
  app.add_option("--cloud-port", o.cloud_port, "default: 443, or 8080 with --cloud-plain")
      ->check(CLI::Range(1, 65535));
  app.add_flag("--cloud-plain", o.cloud_plain, "plain TCP to the cloud (no TLS)");
  app.add_option("--chip-id", chip_id, "chip id in hex (default: the air's, else from /etc/machine-id)");
  app.add_flag("--edgent-only", o.edgent_only, "serve only the public Edgent setup API");
  app.add_option(
         "--setup-verifier", o.setup_verifier,
         "verifier file from onboard-factory codes: secure-only setup (SPAKE2+ with the label's code)")
      ->check(CLI::ExistingFile);
  app.add_option("--ota-public-key", o.ota_public_key,
                 "onboard-factory keygen's ota-signing.pub: OTA images must be signed with its key "
                 "(without it every image is refused)")
      ->check(CLI::ExistingFile);
  app.add_option("--ota-trial-timeout", o.ota_trial_timeout_s,
                 "seconds a new firmware has to reach the cloud before it is rolled back")
      ->check(CLI::Range(10u, 24u * 3600))
      ->capture_default_str();
  app.add_option("--fixed-cloud-port", o.fixed_cloud_port,
                 "testing: connect every TCP connection to this port, whatever the configuration says "
                 "(a firmware that cannot reach its cloud; not passed on to another slot)")
      ->check(CLI::Range(1, 65535));
  app.add_option("--offline-ap-delay", o.offline_ap_delay_s, "seconds offline before the AP reopens")
      ->check(CLI::Range(0u, 7u * 24 * 3600))
      ->capture_default_str();
  app.add_option("--backoff-cap", o.backoff_cap_s, "longest wait between reconnects, seconds")
      ->check(CLI::Range(2u, 24u * 3600))
      ->capture_default_str();
  app.add_option("--nm-ifname", o.nm_ifname, "--wifi nm: the Wi-Fi interface")->capture_default_str();
  app.add_option("--nmcli", o.nmcli, "--wifi nm: the nmcli program")->capture_default_str();
  app.add_option("--gpio-chip", o.gpio_chip, "--wifi nm: the gpiochip of the button and LED")
      ->capture_default_str();

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return {std::nullopt, 0, app.help()};
  } catch (const CLI::ParseError& error) {
    return bad(error.what());
  }

  const bool in_air = !env(air::kEnvSocket).empty();
  if (o.wifi.empty()) o.wifi = in_air ? "air" : "nm";
  if (o.state_dir.empty() && o.wifi == "air") o.state_dir = env(air::kEnvStorage);
  if (o.state_dir.empty()) return bad("--state-dir is required (a directory for the saved configuration)");
  if (device::find_board_preset(o.board) == nullptr)
    return bad("unknown --board " + o.board + " (presets: " + board_names() + ")");
  if (chip_id.empty() && o.wifi == "air") chip_id = env(air::kEnvChipId);
  if (!chip_id.empty()) {
    o.chip_id = port::parse_chip_id(chip_id);
    if (!o.chip_id) return bad("--chip-id " + chip_id + " is not hex (e.g. --chip-id 0xA1B2C3)");
  }
  const device::Settings settings = o.settings();
  char why[160];
  if (!device::validate(settings, why, sizeof why)) return bad(why);
  return {o, 0, {}};
}

std::vector<std::string> without_slot_flags(const std::vector<std::string>& argv) {
  constexpr std::string_view kFlag = "--fixed-cloud-port";
  std::vector<std::string> out;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == kFlag) {
      ++i;  // and its value
      continue;
    }
    if (argv[i].rfind(std::string(kFlag) + "=", 0) == 0) continue;
    out.push_back(argv[i]);
  }
  return out;
}

}  // namespace onboard::program
