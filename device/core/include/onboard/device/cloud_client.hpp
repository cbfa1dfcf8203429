// The Blynk-protocol session with the cloud over a hal::Stream (TCP or TLS):
// login, info, heartbeat, pin messages, sync, events, redirect, internal commands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/capacities.hpp"
#include "onboard/device/hal/net.hpp"
#include "onboard/device/log.hpp"
#include "onboard/device/pin_value.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"
#include "onboard/protocol/setup/reason.hpp"

namespace onboard::device {

// What the session hands to the rest of the device.
class CloudListener {
 public:
  virtual void on_pin_write(const PinWrite& write) = 0;
  virtual void on_pin_read(std::uint8_t pin) = 0;
  // dw/aw/dr/ar/pm: the fields after the command name ("dw", "5", "1").
  virtual void on_pin_command(const blynk::Fields& fields) = 0;
  // The text of an internal "dbg" command, e.g. "reboot" or "config start".
  virtual void on_debug_command(std::string_view command) = 0;
  // Any other INTERNAL body, whole ("ota\0<url>").
  virtual void on_internal(std::string_view body) = 0;

 protected:
  ~CloudListener() = default;
};

class CloudClient {
 public:
  enum class Phase : std::uint8_t { Idle, Connecting, LoggingIn, SendingInfo, Ready, Failed };

  CloudClient(const Settings& settings, Log& log) : settings_(settings), log_(log) {}

  // Starts connecting; any previous session is closed first. `tls` only labels the log:
  // the transport is whichever stream the caller passes.
  void start(hal::Stream& stream, std::string_view host, std::uint16_t port, bool tls, std::string_view token,
             std::uint64_t now);
  void stop();
  void poll(std::uint64_t now, CloudListener& listener);

  Phase phase() const { return phase_; }
  bool ready() const { return phase_ == Phase::Ready; }
  bool active() const { return phase_ != Phase::Idle && phase_ != Phase::Failed; }
  // Why the session failed or ended (valid in Failed).
  setup::Reason failure() const { return failure_; }
  // Earliest time poll() has timed work to do.
  std::uint64_t next_deadline() const;

  // User messages, subject to the rate limit. False when not ready, over the
  // limit or when the outgoing queue is full.
  bool send_pin_values(std::string_view command, std::uint8_t pin, const PinValue* values, std::size_t count);
  bool send_sync(const std::uint8_t* pins, std::size_t count);
  bool send_event(std::string_view code, std::string_view description);
  // Internal message (not rate limited), e.g. meta set "Hotspot Name".
  bool send_internal(std::string_view body);

  std::uint32_t dropped_messages() const { return dropped_; }

 private:
  bool queue(blynk::Command command, std::string_view body, bool limited);
  bool queue_response(std::uint16_t id, blynk::Status status);
  void flush();
  void fail(setup::Reason reason, const char* why);
  void handle(const blynk::Frame& frame, std::uint64_t now, CloudListener& listener);
  void send_info();
  void connect(std::uint64_t now);
  bool take_token(std::uint64_t now);

  const Settings& settings_;
  Log& log_;
  hal::Stream* stream_ = nullptr;
  bool tls_ = false;
  hal::Handle handle_ = hal::kNoHandle;
  Phase phase_ = Phase::Idle;
  setup::Reason failure_ = setup::Reason::none;

  char host_[253] = {};
  std::uint8_t host_len_ = 0;
  std::uint16_t port_ = 0;
  char token_[32] = {};
  std::uint8_t token_len_ = 0;
  std::uint8_t redirects_ = 0;

  std::uint64_t deadline_ = 0;  // connect / login / info answer
  std::uint64_t last_rx_ = 0;
  std::uint64_t last_tx_ = 0;
  std::uint16_t next_id_ = 1;
  std::uint16_t login_id_ = 0;
  std::uint16_t info_id_ = 0;

  // Token bucket of the outgoing rate limit, in thousandths of a message.
  std::uint32_t bucket_milli_ = 0;
  std::uint64_t bucket_time_ = 0;
  std::uint64_t now_ = 0;  // of the last poll
  std::uint32_t dropped_ = 0;

  blynk::StaticFrameDecoder<kCloudRxBytes> decoder_;
  std::uint8_t tx_[kCloudTxBytes] = {};
  std::size_t tx_size_ = 0;
};

}  // namespace onboard::device
