#include "onboard/device/ports/nm/nm_wifi.hpp"

#include <algorithm>
#include <cstring>

#include "onboard/device/ports/linux/linux_clock.hpp"
#include "onboard/device/ports/nm/nmcli_terse.hpp"

namespace onboard::port {

NmWifi::NmWifi(std::string ifname, std::string nmcli_path, LogFn log)
    : ifname_(std::move(ifname)), nmcli_(std::move(nmcli_path)), log_(std::move(log)) {
  enqueue(Job::Mac, nmcli::hardware_address(ifname_), 0);
}

nmcli::Argv NmWifi::with_binary(nmcli::Argv argv) const {
  argv[0] = nmcli_;
  return argv;
}

void NmWifi::enqueue(Job job, nmcli::Argv argv, std::uint32_t generation) {
  queue_.push_back({job, with_binary(std::move(argv)), generation});
  pump();
}

bool NmWifi::start_ap(std::string_view ssid) {
  if (ssid.empty() || ssid.size() > 32) return false;
  ++ap_generation_;
  const auto steps = nmcli::start_ap(ifname_, ssid);
  for (std::size_t i = 0; i < steps.size(); ++i)
    enqueue(i + 1 == steps.size() ? Job::ApUp : Job::ApStep, steps[i], ap_generation_);
  // Optimistic like a radio driver: NetworkManager needs seconds to bring the AP
  // up; a failure is logged and turns it off.
  ap_active_ = true;
  return true;
}

void NmWifi::stop_ap() {
  ++ap_generation_;
  ap_active_ = false;
  enqueue(Job::ApDown, nmcli::stop_ap(), ap_generation_);
}

bool NmWifi::start_scan() {
  if (scan_state_ == hal::ScanState::Running) return true;
  scan_state_ = hal::ScanState::Running;
  enqueue(Job::Scan, nmcli::scan(ifname_), 0);
  return true;
}

std::size_t NmWifi::scan_results(hal::ScanResult* out, std::size_t capacity) const {
  const std::size_t count = std::min(capacity, result_count_);
  std::copy_n(results_.begin(), count, out);
  return count;
}

bool NmWifi::join(const hal::StationConfig& config) {
  if (config.ssid_len == 0 || config.ssid_len > sizeof config.ssid) return false;
  const std::string_view ssid(reinterpret_cast<const char*>(config.ssid), config.ssid_len);
  const std::string_view password(config.password, strnlen(config.password, sizeof config.password));
  ++station_generation_;
  station_ = hal::StationStatus{};
  station_.state = hal::JoinState::Joining;
  const auto steps = nmcli::join(ifname_, ssid, password);
  for (std::size_t i = 0; i < steps.size(); ++i)
    enqueue(i + 1 == steps.size() ? Job::Join : Job::JoinStep, steps[i], station_generation_);
  return true;
}

void NmWifi::leave() {
  ++station_generation_;
  station_ = hal::StationStatus{};
  enqueue(Job::Leave, nmcli::leave(), station_generation_);
}

void NmWifi::pump() {
  // NetworkManager tells nobody when the link drops: look every few seconds.
  if (station_.state == hal::JoinState::Joined && idle() && monotonic_ms() - last_monitor_ms_ > kMonitorMs) {
    last_monitor_ms_ = monotonic_ms();
    queue_.push_back({Job::Monitor, with_binary(nmcli::status(ifname_)), station_generation_});
  }
  if (current_) {
    child_.pump();
    if (!child_.finished()) return;
    const Command done = std::move(*current_);
    current_.reset();
    finish(done);
  }
  while (!current_ && !queue_.empty()) {
    current_ = std::move(queue_.front());
    queue_.pop_front();
    if (!child_.start(current_->argv)) {
      const Command failed = std::move(*current_);
      current_.reset();
      finish(failed);
    }
  }
}

void NmWifi::finish(const Command& command) {
  const int code = child_.exit_code();
  const bool ok = code == 0;
  const std::string& out = child_.output();
  const std::string& err = child_.error_output();
  switch (command.job) {
    case Job::ApStep:
    case Job::JoinStep:
    case Job::Leave: break;  // deleting a profile that does not exist, or leaving while not joined, is fine
    case Job::Mac:
      if (auto mac = nmcli::parse_hardware_address(out); ok && mac) mac_ = *mac;
      break;
    case Job::ApUp:
    case Job::ApDown:
      if (!ok)
        log("nm: " + std::string(command.job == Job::ApUp ? "AP" : "stopping the AP") + " failed: " + err);
      if (!ok && command.job == Job::ApUp && command.generation == ap_generation_) ap_active_ = false;
      break;
    case Job::Scan: {
      if (!ok) {
        log("nm: scan failed: " + err);
        scan_state_ = hal::ScanState::Failed;
        break;
      }
      const auto results = nmcli::parse_scan(out);
      result_count_ = std::min(results.size(), results_.size());
      std::copy_n(results.begin(), result_count_, results_.begin());
      scan_state_ = hal::ScanState::Done;
      break;
    }
    case Job::Join:
      if (command.generation != station_generation_) break;
      if (!ok) {
        station_.state = hal::JoinState::Failed;
        station_.failure = nmcli::join_failure(code, err);
        log("nm: join failed (" + std::to_string(code) + "): " + err);
        break;
      }
      enqueue(Job::JoinStatus, nmcli::status(ifname_), command.generation);
      break;
    case Job::Monitor:
      if (command.generation != station_generation_ || station_.state != hal::JoinState::Joined) break;
      if (!nmcli::parse_device_status(out).connected) {
        station_.state = hal::JoinState::Failed;
        station_.failure = hal::LinkFailure::LinkLost;
        log("nm: link lost on " + ifname_);
      }
      break;
    case Job::JoinStatus: {
      if (command.generation != station_generation_) break;
      const nmcli::DeviceStatus status = nmcli::parse_device_status(out);
      station_.ip = status.ip;
      station_.gateway = status.gateway;
      station_.state = status.ip.value != 0 ? hal::JoinState::Joined : hal::JoinState::Failed;
      station_.failure = status.ip.value != 0 ? hal::LinkFailure::None : hal::LinkFailure::NoIp;
      break;
    }
  }
}

void NmWifi::add_to(Poller& poller) const {
  child_.add_to(poller);
}

}  // namespace onboard::port
