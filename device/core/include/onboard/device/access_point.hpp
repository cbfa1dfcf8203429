// The device's access point as one state instead of several flags: closed, open for
// setup, open while offline (it closes once the saved network works), or lingering
// until a time (so a wizard can still read the result). Pure state: no radio calls.
#pragma once

#include <cstdint>

namespace onboard::device {

class AccessPoint {
 public:
  enum class Mode : std::uint8_t { closed, setup, offline, lingering };
  // After the radio refused to open the AP, setup mode tries again this much later.
  static constexpr std::uint32_t kRetryMs = 5000;

  Mode mode() const { return mode_; }
  bool up() const { return mode_ != Mode::closed; }

  // The radio has the AP open (newly, or it already was) for `why` (setup or offline);
  // a pending linger is cancelled.
  void opened(Mode why) {
    mode_ = why == Mode::offline ? Mode::offline : Mode::setup;
    close_at_ = 0;
  }
  void closed() {
    mode_ = Mode::closed;
    close_at_ = 0;
  }
  // The radio refused: setup mode may try again at now + kRetryMs.
  void refused(std::uint64_t now) { retry_at_ = now + kRetryMs; }
  bool may_retry(std::uint64_t now) const { return now >= retry_at_; }

  // Open now, close at `until`; nothing when closed.
  void linger(std::uint64_t until) {
    if (!up()) return;
    mode_ = Mode::lingering;
    close_at_ = until;
  }
  // Someone wants the AP again (a new configuration): it stays, for setup.
  void cancel_linger() {
    if (mode_ == Mode::lingering) mode_ = Mode::setup;
    close_at_ = 0;
  }
  // A saved configuration is on trial: the AP closes as soon as it works.
  void close_when_online() {
    if (up()) mode_ = Mode::offline;
    close_at_ = 0;
  }

  // What to do when the device is back online on its saved network.
  enum class OnOnline : std::uint8_t { nothing, close_now, linger };
  OnOnline on_online() const {
    if (mode_ == Mode::offline) return OnOnline::close_now;
    if (mode_ == Mode::setup) return OnOnline::linger;
    return OnOnline::nothing;  // closed, or already lingering
  }

  bool due_to_close(std::uint64_t now) const { return mode_ == Mode::lingering && now >= close_at_; }
  std::uint64_t close_at() const { return mode_ == Mode::lingering ? close_at_ : 0; }

 private:
  Mode mode_ = Mode::closed;
  std::uint64_t close_at_ = 0;
  std::uint64_t retry_at_ = 0;
};

}  // namespace onboard::device
