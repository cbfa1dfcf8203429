#include "onboard/device/device_core.hpp"

namespace onboard::device {
namespace {

constexpr std::uint32_t kPollMs = 20;            // while sockets or the radio may have news
constexpr std::uint32_t kScanRefreshMs = 10000;  // a scan older than this is redone on request

}  // namespace

DeviceCore::DeviceCore(const Settings& settings, const hal::Hal& hal)
    : settings_(settings),
      hal_(hal),
      log_(hal.system, hal.clock),
      store_(hal.storage),
      cloud_(settings, log_),
      button_(settings.board.button_interrupt ? 0 : settings.button_debounce_ms),
      indicator_(settings.board),
      provisioning_(settings, hal, log_, store_, cloud_, scan_, *this, *this) {}

void DeviceCore::set_state(State next) {
  if (next == state_) return;
  const State previous = state_;
  state_ = next;
  log_.line() << "state: " << to_string(previous) << " -> " << to_string(next);
  if (callbacks_.state_change != nullptr)
    callbacks_.state_change(callbacks_.state_change_user, previous, next);
}

void DeviceCore::begin() {
  if (began_) return;
  began_ = true;
  char why[160];
  if (!validate(settings_, why, sizeof why)) log_.line() << "settings: " << why;
  ap_name_len_ =
      make_ap_name(settings_.ssid_prefix, settings_.template_name, hal_.system.chip_id(), ap_name_);
  log_.line() << "Onboard device " << settings_.firmware_version << ", template " << settings_.template_id
              << ", board " << settings_.board.name;
  if (settings_.board.button_pin != kNoPin) {
    hal_.gpio.set_mode(
        static_cast<std::uint8_t>(settings_.board.button_pin),
        settings_.board.button_active_low ? hal::PinMode::InputPullUp : hal::PinMode::InputPullDown);
  }
  indicator_.begin(hal_.gpio);

  if (provisioning_.begin(hal_.clock.now_ms()) == Provisioning::Boot::needs_setup) {
    open_ap();
    set_state(State::WaitConfig);
  }
}

void DeviceCore::on_online(bool committed) {
  const std::uint64_t now = hal_.clock.now_ms();
  if (committed) {
    // The AP stays a little so the wizard can read "activated".
    ap_.linger(now + settings_.ap_linger_ms);
  } else if (ap_.on_online() == AccessPoint::OnOnline::close_now) {
    close_ap();
  } else if (ap_.on_online() == AccessPoint::OnOnline::linger) {
    ap_.linger(now + settings_.ap_linger_ms);
  }
  if (!sent_hotspot_name_) {
    // Edgent's meta message after the first connection of a boot.
    char body[64];
    blynk::BodyBuilder b(body, sizeof body);
    b.add("meta").add("set").add("Hotspot Name").add(ap_name());
    sent_hotspot_name_ = cloud_.send_internal(b.view());
  }
  if (extension_ != nullptr) extension_->on_cloud_ready(now);
  if (callbacks_.connected != nullptr) callbacks_.connected(callbacks_.connected_user);
}

void DeviceCore::on_offline() {
  if (callbacks_.disconnected != nullptr) callbacks_.disconnected(callbacks_.disconnected_user);
}

void DeviceCore::do_reset() {
  set_state(State::ResetConfig);
  provisioning_.erase();
  open_ap();
  set_state(State::WaitConfig);
}

void DeviceCore::open_ap(AccessPoint::Mode why) {
  if (ap_.up()) {
    ap_.opened(why);  // whoever wants the AP now outranks a pending linger
    return;
  }
  if (!hal_.wifi.start_ap(ap_name())) {
    log_.line() << "ap: the radio refused to open " << LogLine::Quoted{ap_name()};
    ap_.refused(hal_.clock.now_ms());
    return;
  }
  ap_.opened(why);
#if ONBOARD_SECURE_SETUP
  secure_.restart();  // a new setup mode: all attempts back (secure-setup contract)
#endif
  if (!server_.start(hal_.net)) log_.line() << "ap: cannot listen on port 80";
  if (!dns_.start(hal_.net)) log_.line() << "ap: cannot bind UDP 53";
  scan_wanted_ = true;
  log_.line() << "ap: open " << LogLine::Quoted{ap_name()} << " at 192.168.4.1";
}

void DeviceCore::close_ap() {
  if (!ap_.up()) return;
  server_.stop(hal_.net);
  dns_.stop(hal_.net);
  hal_.wifi.stop_ap();
  ap_.closed();
  log_.line() << "ap: closed";
}

void DeviceCore::poll_button(std::uint64_t now) {
  const BoardConfig& board = settings_.board;
  if (board.button_pin == kNoPin) return;
  // Interrupt boards read the pin only after an edge, and while the level settles
  // or the button is held (the hold timers need the time, not the pin).
  const bool sample = !board.button_interrupt || button_edge_ || button_.settling() || button_.pressed();
  if (!sample) return;
  button_edge_ = false;
  const bool level = hal_.gpio.read(static_cast<std::uint8_t>(board.button_pin));
  const bool pressed = board.button_active_low ? !level : level;
  switch (button_.update(now, pressed)) {
    case Button::Event::ShortPress:
      log_.line() << "button: short press";
      if (callbacks_.button_press != nullptr) callbacks_.button_press(callbacks_.button_press_user);
      break;
    case Button::Event::Reset:
      log_.line() << "button: held 10 s: erasing the configuration";
      do_reset();
      break;
    case Button::Event::None: break;
  }
}

void DeviceCore::poll_scan(std::uint64_t now) {
  const hal::ScanState scan = hal_.wifi.scan_state();
  if (scan_wanted_ && !scan_started_ && scan != hal::ScanState::Running) {
    scan_wanted_ = false;
    scan_started_ = hal_.wifi.start_scan();
    return;
  }
  if (!scan_started_ || scan == hal::ScanState::Running) return;
  if (scan == hal::ScanState::Failed) {
    scan_started_ = false;
    return;
  }
  // Results change only between replies that list them, so a reply never mixes two scans.
  if (scan != hal::ScanState::Done || server_.sending(kBodyScan) || server_.sending(kBodyPage)) return;
  scan_started_ = false;
  scan_time_ = now;
  hal::ScanResult results[kScanEntries];
  const std::size_t n = hal_.wifi.scan_results(results, kScanEntries);
  // Strongest first (insertion sort of a handful of entries).
  scan_.count = 0;
  for (std::size_t i = 0; i < n && i < kScanEntries; ++i) {
    std::size_t j = scan_.count++;
    while (j > 0 && scan_.entries[j - 1].rssi < results[i].rssi) {
      scan_.entries[j] = scan_.entries[j - 1];
      --j;
    }
    scan_.entries[j] = results[i];
  }
}

void DeviceCore::request_scan(std::uint64_t now) {
  if (!scan_started_ && (scan_time_ == 0 || now - scan_time_ >= kScanRefreshMs)) scan_wanted_ = true;
}

void DeviceCore::run() {
  if (!began_) return;
  const std::uint64_t now = hal_.clock.now_ms();
  poll_button(now);
  provisioning_.poll(now);
  if (ap_.up()) {
    server_.poll(hal_.net, now, *this);
    dns_.poll(hal_.net, 0xC0A80401u, settings_.captive_portal);
    poll_scan(now);
  }
  if (reset_requested_) {
    reset_requested_ = false;
    do_reset();
  }
  if (restart_requested_) {
    restart_requested_ = false;
    restart();
  }
  // Field pain 6: saved credentials keep being retried, and after a while offline
  // the AP opens alongside so the device can be reconfigured without a button.
  const std::uint64_t offline_since = provisioning_.offline_since();
  if (provisioning_.has_saved() && !ap_.up() && state_ != State::Running &&
      now - offline_since >= settings_.offline_ap_delay_ms) {
    log_.line() << "offline for " << static_cast<std::int64_t>((now - offline_since) / 1000)
                << " s: opening the AP while retrying";
    open_ap(AccessPoint::Mode::offline);
  }
  if (ap_.due_to_close(now)) close_ap();
  // Setup mode without an AP (the radio refused it) would be a dead end: retry.
  if (!ap_.up() && (state_ == State::WaitConfig || state_ == State::Configuring) && ap_.may_retry(now)) {
    open_ap();
  }
  if (extension_ != nullptr) extension_->poll(now, *this);
  indicator_.update(now, state_, button_.hold(now), hal_.gpio, hal_.led);
}

std::uint64_t DeviceCore::next_wakeup_ms() const {
  const std::uint64_t now = hal_.clock.now_ms();
  std::uint64_t next = indicator_.next_deadline(now);
  auto consider = [&next](std::uint64_t t) {
    if (t < next) next = t;
  };
  consider(button_.next_deadline(now));
  consider(cloud_.next_deadline());
  if (extension_ != nullptr) consider(extension_->next_wakeup_ms(now));
  consider(provisioning_.next_deadline());
  if (ap_.close_at() != 0) consider(ap_.close_at());
  if (provisioning_.has_saved() && !ap_.up() && state_ != State::Running)
    consider(provisioning_.offline_since() + settings_.offline_ap_delay_ms);
  const bool polled_button = settings_.board.button_pin != kNoPin && !settings_.board.button_interrupt;
  if (ap_.up() || cloud_.active() || provisioning_.busy() || polled_button) consider(now + kPollMs);
  return next < now ? now : next;
}

void DeviceCore::restart() {
  log_.line() << "system: restarting";
  cloud_.stop();
  close_ap();
  hal_.system.restart();
}

void DeviceCore::reset_config() {
  do_reset();
}

void DeviceCore::start_config_mode() {
  log_.line() << "config: entering configuration mode (the saved configuration is kept)";
  provisioning_.pause();
#if ONBOARD_SECURE_SETUP
  secure_.restart();  // the user restarted setup (button): the lockout ends
#endif
  open_ap();
  set_state(State::WaitConfig);
}

}  // namespace onboard::device
