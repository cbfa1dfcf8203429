// One device connection's protocol logic: login, activation, pins, sync,
// events, heartbeat and flood limits. Socket-free: the network layer feeds it
// decoded frames and a clock tick, and it answers through DeviceOutput. All
// calls come from the connection's own thread; store work goes to the store
// executor (DeviceOutput::defer) and no frame is fed while it runs (busy()).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/cloud/context.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"

namespace onboard::cloud {

class DeviceOutput {
 public:
  virtual ~DeviceOutput() = default;
  // Queues a whole frame for sending.
  virtual void send(std::string frame) = 0;
  // Closes once queued frames are written; no more frames are delivered after this.
  virtual void close(std::string_view reason) = 0;
  // This connection as others see it (for the hub).
  virtual std::shared_ptr<DeviceLink> link() = 0;
  // The largest frame the device has said it can receive (its buff-in).
  virtual void set_receive_limit(std::size_t bytes) = 0;
  // Runs `work` on the store executor, then `then` back on this connection's
  // thread (not at all when the connection has finished meanwhile), then
  // feeds the frames that waited.
  virtual void defer(std::function<void()> work, std::function<void()> then) = 0;
  // The peer's IP address ("127.0.0.1"), for per-address limits.
  virtual const std::string& remote_address() const = 0;
};

class DeviceSession {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxLoginBody = 64;

  DeviceSession(Context& ctx, DeviceOutput& out, std::uint64_t conn_id, Clock::time_point now);

  void on_frame(const blynk::Frame& frame, Clock::time_point now);
  void on_malformed(std::string_view why);
  // About once a second: login timeout, heartbeat timeout, flood window.
  void on_tick(Clock::time_point now);
  // The connection is gone (any reason). Safe to call from the connection's destructor.
  void on_closed();
  // A HARDWARE message from the cloud side (REST update).
  void push_hardware(std::string_view body);
  void push_internal(std::string_view body);

  // Body size the decoder should accept now.
  std::size_t max_body() const;
  bool closing() const { return closing_; }
  // Store work in flight: feed no frame until it is done.
  bool busy() const { return busy_; }
  // Past the login: a device (or a provisioning session awaiting activation).
  bool logged_in() const { return phase_ != Phase::AwaitLogin; }

 private:
  enum class Phase : std::uint8_t { AwaitLogin, AwaitActivation, Device };

  void on_login(const blynk::Frame& frame);
  void on_info(const blynk::Frame& frame);
  // Activates, then runs `then` (the frame that triggered it) once logged in as the device.
  void activate(std::uint16_t message_id, ActivationReport report, std::function<void()> then);
  void on_info_values(const blynk::Frame& frame);
  void on_ota_report(std::uint16_t message_id, std::string_view body);
  void on_property(const blynk::Frame& frame);
  void on_metadata(std::uint16_t message_id, const std::vector<std::string_view>& fields);
  void on_token_saved(std::uint16_t message_id);
  // Runs work() on the store executor; then(result) back on this thread.
  template <typename Work, typename Then>
  void in_store(Work work, Then then);
  void store_failed(std::uint16_t message_id, std::string_view what, const StoreFailure& failure, bool close);
  void become_device(const Device& device);
  void dispatch(const blynk::Frame& frame);
  void on_internal(const blynk::Frame& frame);
  void on_time_request(std::uint16_t message_id, const std::vector<std::string_view>& fields);
  void on_hardware(const blynk::Frame& frame);
  void on_sync(const blynk::Frame& frame);
  bool over_flood_limit(std::uint16_t message_id, Clock::time_point now);

  void respond(std::uint16_t message_id, blynk::Status status);
  bool send_message(blynk::Command command, std::uint16_t message_id, std::string_view body);
  std::uint16_t next_message_id();
  void close(std::string_view reason);

  Context& ctx_;
  DeviceOutput& out_;
  std::uint64_t conn_id_;
  Phase phase_ = Phase::AwaitLogin;
  bool closing_ = false;
  bool busy_ = false;
  Clock::time_point connected_at_;
  Clock::time_point last_rx_;

  // After login.
  std::string token_hash_;
  Id device_id_ = 0;
  // Logged in with the token a reconfigure replaced: closed at this time (ms); 0: not.
  Millis replaced_token_until_ = 0;
  const DeviceLink* attached_ = nullptr;  // identity in the hub (compared, never called)
  Id session_id_ = 0;                     // provisioning session awaiting activation
  std::string expected_template_;
  int heartbeat_s_;
  int stored_heartbeat_ = 0;   // the store's heartbeat for the device (0: none)
  bool info_saved_ = false;    // the activation saved the info it is about to dispatch
  std::size_t buff_in_ = 256;  // until the device says otherwise
  std::uint16_t out_id_ = 0;

  // Flood limit: messages in the current one-second window.
  Clock::time_point window_start_;
  int window_count_ = 0;
  int windows_over_ = 0;
  bool quota_sent_ = false;
  bool pins_full_logged_ = false;
};

}  // namespace onboard::cloud
