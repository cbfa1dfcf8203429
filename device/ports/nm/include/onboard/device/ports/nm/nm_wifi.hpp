// The radio of a Linux machine (a Raspberry Pi) through NetworkManager: each
// HAL call queues nmcli commands, run one at a time as child processes, and
// their results drive the states the core polls.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "onboard/device/hal/wifi.hpp"
#include "onboard/device/ports/linux/poller.hpp"
#include "onboard/device/ports/nm/child_process.hpp"
#include "onboard/device/ports/nm/nmcli_command.hpp"

namespace onboard::port {

class NmWifi final : public hal::Wifi, public PollSource {
 public:
  using LogFn = std::function<void(std::string_view)>;
  static constexpr std::size_t kMaxResults = 32;

  // nmcli_path: "nmcli" normally; tests give a script that plays nmcli.
  NmWifi(std::string ifname, std::string nmcli_path, LogFn log);

  bool start_ap(std::string_view ssid) override;
  void stop_ap() override;
  bool ap_active() const override { return ap_active_; }
  bool start_scan() override;
  hal::ScanState scan_state() const override { return scan_state_; }
  std::size_t scan_results(hal::ScanResult* out, std::size_t capacity) const override;
  bool join(const hal::StationConfig& config) override;
  void leave() override;
  hal::StationStatus station_status() const override { return station_; }
  hal::MacAddress ap_mac() const override { return mac_; }
  hal::MacAddress station_mac() const override { return mac_; }

  // Moves the running command on and starts the next. Call after every wait.
  void pump();
  bool idle() const { return !child_.running() && queue_.empty(); }
  void add_to(Poller& poller) const override;

 private:
  enum class Job : std::uint8_t {
    ApStep,
    ApUp,
    ApDown,
    Scan,
    JoinStep,
    Join,
    JoinStatus,
    Monitor,
    Leave,
    Mac
  };
  static constexpr std::uint64_t kMonitorMs = 5000;
  struct Command {
    Job job;
    nmcli::Argv argv;
    std::uint32_t generation;  // of the station or AP request it belongs to
  };
  void enqueue(Job job, nmcli::Argv argv, std::uint32_t generation);
  void finish(const Command& command);
  nmcli::Argv with_binary(nmcli::Argv argv) const;
  void log(const std::string& line) const {
    if (log_) log_(line);
  }

  std::string ifname_;
  std::string nmcli_;
  LogFn log_;
  std::deque<Command> queue_;
  std::optional<Command> current_;
  ChildProcess child_;

  bool ap_active_ = false;
  std::uint32_t ap_generation_ = 0;
  hal::ScanState scan_state_ = hal::ScanState::Idle;
  std::array<hal::ScanResult, kMaxResults> results_{};
  std::size_t result_count_ = 0;
  hal::StationStatus station_;
  std::uint32_t station_generation_ = 0;
  hal::MacAddress mac_;
  std::uint64_t last_monitor_ms_ = 0;
};

}  // namespace onboard::port
