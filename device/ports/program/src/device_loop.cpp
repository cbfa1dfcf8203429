#include "device_loop.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "onboard/device/device.hpp"
#include "onboard/device/ota/ota_updater.hpp"
#include "onboard/device/ports/air/air_environment.hpp"
#include "onboard/device/ports/air/air_gpio.hpp"
#include "onboard/device/ports/air/air_led.hpp"
#include "onboard/device/ports/air/air_link.hpp"
#include "onboard/device/ports/air/air_wifi.hpp"
#include "onboard/device/ports/linux/boot_record.hpp"
#include "onboard/device/ports/linux/file_firmware_slots.hpp"
#include "onboard/device/ports/linux/file_storage.hpp"
#include "onboard/device/ports/linux/linux_clock.hpp"
#include "onboard/device/ports/linux/linux_system.hpp"
#include "onboard/device/ports/linux/openssl_tls.hpp"
#include "onboard/device/ports/linux/poller.hpp"
#include "onboard/device/ports/linux/posix_net.hpp"
#include "onboard/device/ports/linux/sodium_image_check.hpp"
#include "onboard/device/ports/mbedtls_crypto.hpp"
#include "onboard/device/ports/nm/gpiod_gpio.hpp"
#include "onboard/device/ports/nm/nm_wifi.hpp"
#include "setup_verifier_file.hpp"

namespace onboard::program {

namespace {

// Room for the core's two configuration slots and growth; a file of another size
// is resized safely (FileStorage keeps its bytes).
constexpr std::size_t kStorageSize = 4096;
// The largest OTA image a Linux device accepts (a dev build with sanitizers is ~30 MB).
constexpr std::size_t kFirmwareSlotSize = 256u * 1024u * 1024u;

volatile std::sig_atomic_t g_stop = 0;
void on_stop_signal(int) {
  g_stop = 1;
}

// The radio, pins and LED of one backend, plus what the loop must poll and pump.
struct Backend {
  hal::Wifi* wifi = nullptr;
  hal::Gpio* gpio = nullptr;
  hal::Led* led = nullptr;
  port::PollSource* source = nullptr;
  std::function<void()> pump;
  std::function<void(device::Device&)> attach;  // e.g. button interrupts
};

struct AirBackend {
  std::unique_ptr<port::AirLink> link;
  std::unique_ptr<port::AirWifi> wifi;
  std::unique_ptr<port::AirGpio> gpio;
  std::unique_ptr<port::AirLed> led;
};

struct NmBackend {
  std::unique_ptr<port::NmWifi> wifi;
  std::unique_ptr<port::GpiodGpio> gpio;
};

std::string hex(std::uint64_t value) {
  char text[20];
  std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace

std::string self_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : path.string();
}

// Before anything else: the boot record decides which slot runs, and this start may
// hand over to it by exec. Returns the slot this process goes on as.
port::BootChoice boot(DeviceOptions& options, const std::vector<std::string>& argv) {
  std::error_code ec;
  std::filesystem::create_directories(options.state_dir + "/firmware", ec);
  const char* running = std::getenv(port::kSlotEnv);
  const std::string running_slot = running == nullptr ? "" : running;
  port::BootChoice choice = port::choose_boot(options.state_dir + "/firmware", running_slot,
                                              running_slot.empty() ? self_executable() : std::string());
  if (!choice.note.empty()) std::fprintf(stderr, "%s\n", choice.note.c_str());
  if (!choice.exec_path.empty()) {
    port::exec_boot_choice(choice, without_slot_flags(argv));
    // Exec failed: go on as what runs; the record says the hand-over happened, so the next
    // start rolls back.
    std::fprintf(stderr, "boot: cannot run %s: %s\n", choice.exec_path.c_str(), std::strerror(errno));
    choice.run_slot = running_slot.empty() ? "factory" : running_slot;
  }
  if (choice.run_slot != "factory") {
    // The signed header's version, not the command line's: the cloud tells success and
    // rollback apart by it.
    options.firmware_version = choice.record.version_of(choice.run_slot);
    options.build = choice.record.build_of(choice.run_slot);
  }
  return choice;
}

int run_device(const DeviceOptions& given, std::vector<std::string> argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a peer that vanishes is an error value, not a death
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);

  DeviceOptions options = given;
  const port::BootChoice booted = boot(options, argv);
  const device::Settings settings = options.settings();
  std::string air_why;
  const std::optional<port::AirEnvironment> air_env =
      options.wifi == "air" ? port::read_air_environment(&air_why) : std::nullopt;
  const std::uint64_t chip_id = options.chip_id.value_or(port::machine_chip_id());
  port::LinuxSystem system(chip_id, std::move(argv));
  auto log = [&system](std::string_view line) { system.log_line(line); };
  auto fail = [&](const std::string& why) {
    log("onboard-device: cannot start: " + why);
    return 1;
  };

  std::error_code ec;
  std::filesystem::create_directories(options.state_dir, ec);
  port::FileStorage storage(options.state_dir + "/config.bin", kStorageSize);
  if (!storage.ok()) return fail(storage.error());
  port::OpenSslTls tls(options.cloud_ca, log);
  if (!tls.ok()) return fail(tls.error());
  // Even a --cloud-plain build is told TLS by a /config with port_ssl, so warn on every build.
  if (options.cloud_ca.empty())
    log("onboard-device: no --cloud-ca: TLS to the cloud (" +
        std::string(settings.cloud_tls ? "the default, or " : "") +
        "a /config with port_ssl) will be refused (give --cloud-ca FILE, or provision a plain port)");

  AirBackend air;
  NmBackend nm;
  Backend backend;
  if (options.wifi == "air") {
    if (!air_env) return fail(air_why);
    const int fd = port::connect_air_socket(air_env->socket_path);
    if (fd < 0) return fail("cannot connect to " + air_env->socket_path + ": " + std::strerror(errno));
    air.link = std::make_unique<port::AirLink>(fd, air_env->host, log);
    air.wifi = std::make_unique<port::AirWifi>(*air.link, chip_id, log);
    air.gpio = std::make_unique<port::AirGpio>(settings.board.button_pin, settings.board.button_active_low);
    air.link->add_listener(air.gpio.get());
    air.led = std::make_unique<port::AirLed>(*air.link);
    backend = {air.wifi.get(),
               air.gpio.get(),
               air.led.get(),
               air.link.get(),
               [&air] { air.link->pump(); },
               [&air, &settings](device::Device& device) {
                 if (settings.board.button_interrupt)
                   air.gpio->on_edge([&device] { device.button_interrupt(); });
               }};
  } else {
    nm.wifi = std::make_unique<port::NmWifi>(options.nm_ifname, options.nmcli, log);
    nm.gpio = std::make_unique<port::GpiodGpio>(options.gpio_chip, log);
    // Interrupt-driven boards are polled here: libgpiod edge events are not wired up yet.
    backend = {nm.wifi.get(), nm.gpio.get(), nullptr, nm.wifi.get(), [&nm] { nm.wifi->pump(); }, nullptr};
  }

  port::LinuxClock clock;
  port::PosixNet net;
  if (options.fixed_cloud_port != 0) {
    net.fix_connect_port(options.fixed_cloud_port);
    log("onboard-device: --fixed-cloud-port " + std::to_string(options.fixed_cloud_port) +
        ": every connection goes to that port");
  }
  const hal::Hal hal{*backend.wifi, storage, *backend.gpio, clock, net, &tls, system, backend.led};
  device::Settings device_settings = settings;
  if (options.wifi == "nm" && device_settings.board.button_interrupt)
    device_settings.board.button_interrupt = false;
  device::Device device(device_settings, hal);
  if (backend.attach) backend.attach(device);

  ota::PublicKey ota_key{};
  device::OtaSettings ota_settings;
  if (!options.ota_public_key.empty()) {
    std::ifstream key_file(options.ota_public_key);
    const std::string text((std::istreambuf_iterator<char>(key_file)), std::istreambuf_iterator<char>());
    const auto key = ota::read_public_key_text(text);
    if (!key)
      return fail(options.ota_public_key + " is not an OTA public key (onboard-factory keygen's .pub)");
    ota_key = *key;
    ota_settings.public_key = ota_key.data();
  } else {
    log("onboard-device: no --ota-public-key: every OTA image will be refused (signature)");
  }
  ota_settings.progress_every = 256 * 1024;
  ota_settings.verify_bytes_per_run = 256 * 1024;
  ota_settings.trial_timeout_ms = options.ota_trial_timeout_s * 1000;
  port::FileFirmwareSlots slots(options.state_dir + "/firmware", booted.run_slot, kFirmwareSlotSize, log);
  port::SodiumImageCheck image_check;
  device::OtaUpdater updater(device_settings, ota_settings, hal, slots, image_check);
  device.attach(updater);
  port::MbedTlsCrypto crypto;
  if (!options.setup_verifier.empty()) {
    const std::string error = enable_secure_setup(device, crypto, options.setup_verifier);
    if (!error.empty()) return fail(error);
    log("setup: secure-only (SPAKE2+), verifier " + options.setup_verifier);
  }

  log("onboard-device " + options.firmware_version + ": template " + options.template_id + " \"" +
      options.template_name + "\", board " + options.board + ", wifi " + options.wifi +
      (air_env ? " (host " + air_env->host + ")" : " (" + options.nm_ifname + ")") + ", chip id " +
      hex(chip_id) + ", slot " + booted.run_slot + ", state " + storage.path() + ", cloud " +
      options.cloud_host + ":" + std::to_string(settings.cloud_port) +
      (settings.cloud_tls ? " tls" : " plain"));

  device.begin();
  port::Poller poller;
  while (g_stop == 0) {
    poller.clear();
    net.add_to(poller);
    tls.add_to(poller);
    backend.source->add_to(poller);
    const std::uint64_t now = clock.now_ms();
    const std::uint64_t wake = device.next_wakeup_ms();
    poller.wait(wake > now ? wake - now : 0);
    backend.pump();
    device.run();
  }
  log("onboard-device: stopping (signal)");
  return 0;
}

}  // namespace onboard::program
