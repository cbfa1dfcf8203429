#include "onboard/device/cloud_client.hpp"

#include <cstring>

#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/blynk/frame.hpp"
#include "onboard/protocol/blynk/token_saved.hpp"
#include "onboard/protocol/codec/decimal.hpp"

namespace onboard::device {
namespace {

using blynk::Command;
using blynk::Status;
using setup::Reason;

// The receive limit before login: nothing but short answers may arrive then.
constexpr std::size_t kPreLoginMaxBody = 64;
// The public cloud may not answer the info message; a session counts as ready
// when no NOT_ALLOWED came within this time.
constexpr std::uint32_t kInfoGraceMs = 2000;
// The public client's margin on top of the heartbeat before it gives up.
constexpr std::uint32_t kHeartbeatMarginMs = 18000;
constexpr std::uint8_t kMaxRedirects = 3;
constexpr char kOtherTemplate[] = "refused: the token belongs to another template";

Reason reason_for(hal::StreamFailure failure) {
  switch (failure) {
    case hal::StreamFailure::DnsFailed: return Reason::dns_failed;
    case hal::StreamFailure::TlsHandshake:
    case hal::StreamFailure::TlsCertificate: return Reason::tls_failed;
    default: return Reason::cloud_unreachable;
  }
}

}  // namespace

void CloudClient::start(hal::Stream& stream, std::string_view host, std::uint16_t port, bool tls,
                        std::string_view token, std::uint64_t now) {
  stop();
  stream_ = &stream;
  tls_ = tls;
  host_len_ = static_cast<std::uint8_t>(host.size() < sizeof host_ ? host.size() : sizeof host_);
  std::memcpy(host_, host.data(), host_len_);
  port_ = port;
  token_len_ = static_cast<std::uint8_t>(token.size() < sizeof token_ ? token.size() : sizeof token_);
  std::memcpy(token_, token.data(), token_len_);
  redirects_ = 0;
  connect(now);
}

void CloudClient::connect(std::uint64_t now) {
  failure_ = Reason::none;
  decoder_.reset();
  decoder_.set_max_body(kPreLoginMaxBody);
  tx_size_ = 0;
  next_id_ = 1;
  bucket_milli_ = settings_.messages_per_second * 1000u;
  bucket_time_ = now;
  now_ = now;
  handle_ = stream_->connect(std::string_view(host_, host_len_), port_);
  if (handle_ == hal::kNoHandle) {
    phase_ = Phase::Failed;
    failure_ = Reason::cloud_unreachable;
    return;
  }
  phase_ = Phase::Connecting;
  deadline_ = now + settings_.cloud_connect_timeout_ms;
  log_.line() << "cloud: connecting to " << std::string_view(host_, host_len_) << ":"
              << static_cast<int>(port_) << (tls_ ? " (TLS)" : " (plain)");
}

void CloudClient::stop() {
  if (stream_ != nullptr && handle_ != hal::kNoHandle) stream_->close(handle_);
  handle_ = hal::kNoHandle;
  phase_ = Phase::Idle;
  tx_size_ = 0;
}

void CloudClient::fail(Reason reason, const char* why) {
  log_.line() << "cloud: " << why << " (" << setup::to_string(reason) << ")";
  stop();
  phase_ = Phase::Failed;
  failure_ = reason;
}

std::uint64_t CloudClient::next_deadline() const {
  switch (phase_) {
    case Phase::Connecting:
    case Phase::LoggingIn:
    case Phase::SendingInfo: return deadline_;
    case Phase::Ready: {
      const std::uint64_t ping = last_tx_ + settings_.heartbeat_s * 1000u;
      const std::uint64_t dead = last_rx_ + settings_.heartbeat_s * 1000u + kHeartbeatMarginMs;
      return ping < dead ? ping : dead;
    }
    default: return UINT64_MAX;
  }
}

bool CloudClient::queue(Command command, std::string_view body, bool limited) {
  if (handle_ == hal::kNoHandle) return false;
  if (limited && !take_token(now_)) {
    ++dropped_;
    return false;
  }
  const std::uint16_t id = next_id_++;
  if (next_id_ == 0) next_id_ = 1;  // id 0 is a protocol error
  const std::size_t n = blynk::encode_message(command, id, body, tx_ + tx_size_, sizeof tx_ - tx_size_);
  if (n == 0) {
    ++dropped_;
    return false;
  }
  tx_size_ += n;
  if (command == Command::HwLogin) login_id_ = id;
  if (command == Command::Internal && phase_ == Phase::SendingInfo) info_id_ = id;
  flush();
  return true;
}

bool CloudClient::queue_response(std::uint16_t id, Status status) {
  if (sizeof tx_ - tx_size_ < blynk::kHeaderSize) return false;
  blynk::encode_response(id, status, tx_ + tx_size_);
  tx_size_ += blynk::kHeaderSize;
  flush();
  return true;
}

bool CloudClient::take_token(std::uint64_t now) {
  const std::uint64_t elapsed = now - bucket_time_;
  bucket_time_ = now;
  const std::uint32_t full = settings_.messages_per_second * 1000u;
  const std::uint64_t refill = elapsed * settings_.messages_per_second;  // milli-messages
  bucket_milli_ = refill >= full - bucket_milli_ ? full : static_cast<std::uint32_t>(bucket_milli_ + refill);
  if (bucket_milli_ < 1000) return false;
  bucket_milli_ -= 1000;
  return true;
}

void CloudClient::flush() {
  if (handle_ == hal::kNoHandle || tx_size_ == 0 || phase_ == Phase::Connecting) return;
  const hal::IoResult n = stream_->send(handle_, tx_, tx_size_);
  if (n < 0) return;  // poll() sees the failure in the stream state
  const auto sent = static_cast<std::size_t>(n);
  std::memmove(tx_, tx_ + sent, tx_size_ - sent);
  tx_size_ -= sent;
  if (sent > 0) last_tx_ = now_;
}

void CloudClient::send_info() {
  char body[224];
  blynk::BodyBuilder b(body, sizeof body);
  const char* fw_type =
      settings_.firmware_type != nullptr ? settings_.firmware_type : settings_.template_name;
  b.add("ver").add("0.1.0").add("h-beat").add(static_cast<int>(settings_.heartbeat_s));
  b.add("buff-in").add(static_cast<int>(kCloudRxBytes)).add("dev").add(settings_.board.name);
  b.add("tmpl").add(settings_.template_id).add("fw-type").add(fw_type);
  b.add("fw").add(settings_.firmware_version).add("build").add(settings_.build);
  queue(Command::Internal, b.view(), false);
}

bool CloudClient::send_pin_values(std::string_view command, std::uint8_t pin, const PinValue* values,
                                  std::size_t count) {
  if (phase_ != Phase::Ready) return false;
  char body[kCloudTxBytes];
  blynk::BodyBuilder b(body, sizeof body);
  b.add(command).add(static_cast<int>(pin));
  for (std::size_t i = 0; i < count; ++i) b.add(values[i].text());
  return b.ok() && queue(Command::Hardware, b.view(), true);
}

bool CloudClient::send_sync(const std::uint8_t* pins, std::size_t count) {
  if (phase_ != Phase::Ready) return false;
  char body[128];
  blynk::BodyBuilder b(body, sizeof body);
  b.add("vr");
  for (std::size_t i = 0; i < count; ++i) b.add(static_cast<int>(pins[i]));
  return b.ok() && queue(Command::HardwareSync, b.view(), true);
}

bool CloudClient::send_event(std::string_view code, std::string_view description) {
  if (phase_ != Phase::Ready) return false;
  char body[kCloudTxBytes];
  blynk::BodyBuilder b(body, sizeof body);
  b.add(code);
  if (!description.empty()) b.add(description);
  return b.ok() && queue(Command::EventLog, b.view(), true);
}

bool CloudClient::send_internal(std::string_view body) {
  return phase_ == Phase::Ready && queue(Command::Internal, body, false);
}

bool CloudClient::send_token_saved() {
  return ready() && queue(Command::Internal, blynk::kTokenSavedBody, false);
}

void CloudClient::handle(const blynk::Frame& frame, std::uint64_t now, CloudListener& listener) {
  const blynk::Header& h = frame.header;
  if (h.is_response()) {
    const auto status = static_cast<Status>(h.length);
    if (phase_ == Phase::LoggingIn && h.message_id == login_id_) {
      if (status == Status::Success || status == Status::AlreadyRegistered) {
        decoder_.set_max_body(kCloudRxBytes);
        phase_ = Phase::SendingInfo;
        deadline_ = now + kInfoGraceMs;
        send_info();
      } else if (status == Status::InvalidToken || status == Status::NotRegistered ||
                 status == Status::NotAuthenticated) {
        fail(Reason::token_invalid, "login refused: invalid token");
      } else if (status == Status::NotAllowed) {
        fail(Reason::template_mismatch, kOtherTemplate);
      } else {
        fail(Reason::cloud_unreachable, "login refused");
      }
    } else if (phase_ == Phase::SendingInfo && status == Status::NotAllowed) {
      // To the info message, or to anything else before the session is ready.
      fail(Reason::template_mismatch, kOtherTemplate);
    } else if (phase_ == Phase::SendingInfo && h.message_id == info_id_) {
      phase_ = Phase::Ready;
    }
    return;
  }
  const blynk::Fields fields(frame.body);
  switch (static_cast<Command>(h.command)) {
    case Command::Ping: queue_response(h.message_id, Status::Success); return;
    case Command::Hardware: {
      const std::string_view op = fields.at(0);
      std::uint32_t pin_number = 0;
      const bool ok = codec::parse_decimal(fields.at(1), 255, pin_number);
      const auto pin = static_cast<std::uint8_t>(pin_number);
      if (op == "vw" && ok) {
        PinWrite write;
        write.pin = pin;
        const std::size_t skip = op.size() + 1 + fields.at(1).size() + 1;
        write.values =
            blynk::Fields(skip <= frame.body.size() ? frame.body.substr(skip) : std::string_view());
        listener.on_pin_write(write);
      } else if (op == "vr" && ok) {
        listener.on_pin_read(pin);
      } else {
        listener.on_pin_command(fields);
      }
      return;
    }
    case Command::Internal:
      if (fields.at(0) == "dbg") {
        listener.on_debug_command(fields.at(1));
      } else {
        listener.on_internal(frame.body);
      }
      return;
    case Command::Redirect: {
      const std::string_view host = fields.at(0);
      std::uint32_t port = 0;
      const bool ok = codec::parse_decimal(fields.at(1), 65535, port);
      if (host.empty() || host.size() > sizeof host_ || !ok || port == 0 || redirects_ >= kMaxRedirects) {
        log_.line() << "cloud: ignoring a redirect";
        return;
      }
      log_.line() << "cloud: redirected to " << host << ":" << static_cast<int>(port);
      stream_->close(handle_);
      handle_ = hal::kNoHandle;
      std::memcpy(host_, host.data(), host.size());
      host_len_ = static_cast<std::uint8_t>(host.size());
      port_ = static_cast<std::uint16_t>(port);
      ++redirects_;
      connect(now);
      return;
    }
    default: log_.line() << "cloud: ignoring command " << static_cast<int>(h.command);
  }
}

void CloudClient::poll(std::uint64_t now, CloudListener& listener) {
  if (phase_ == Phase::Idle || phase_ == Phase::Failed) return;
  now_ = now;
  const hal::StreamState state = stream_->state(handle_);
  if (state == hal::StreamState::Failed) {
    fail(reason_for(stream_->failure(handle_)), "connection failed");
    return;
  }
  if (phase_ == Phase::Connecting) {
    if (state == hal::StreamState::Closed) {
      fail(Reason::cloud_unreachable, "connection closed");
      return;
    }
    if (state == hal::StreamState::Connecting) {
      if (now >= deadline_) fail(Reason::cloud_unreachable, "connect timed out");
      return;
    }
    phase_ = Phase::LoggingIn;
    deadline_ = now + settings_.login_timeout_ms;
    last_rx_ = last_tx_ = now;
    queue(Command::HwLogin, std::string_view(token_, token_len_), false);
  }
  // Read what arrived; a few chunks per call keep run() short.
  std::uint8_t chunk[64];
  for (int round = 0; round < 8 && handle_ != hal::kNoHandle; ++round) {
    const hal::IoResult n = stream_->receive(handle_, chunk, sizeof chunk);
    if (n == 0) break;
    if (n < 0) {
      fail(Reason::cloud_unreachable, n == hal::kIoClosed ? "closed by the cloud" : "connection lost");
      return;
    }
    last_rx_ = now;
    std::size_t pos = 0;
    while (pos < static_cast<std::size_t>(n) && handle_ != hal::kNoHandle) {
      const blynk::DecodeResult r = decoder_.feed(chunk + pos, static_cast<std::size_t>(n) - pos);
      pos += r.consumed;
      if (r.status == blynk::DecodeStatus::Error) {
        fail(Reason::cloud_unreachable, "protocol error");
        return;
      }
      if (r.status == blynk::DecodeStatus::Frame) handle(decoder_.frame(), now, listener);
    }
  }
  if (handle_ == hal::kNoHandle || phase_ == Phase::Failed) return;
  if (phase_ == Phase::Connecting) return;  // redirected
  if (state == hal::StreamState::Closed) {
    fail(Reason::cloud_unreachable, "closed by the cloud");
    return;
  }
  if (phase_ == Phase::LoggingIn && now >= deadline_) {
    fail(Reason::cloud_timeout, "no answer to login");
    return;
  }
  if (phase_ == Phase::SendingInfo && now >= deadline_) phase_ = Phase::Ready;
  if (phase_ == Phase::Ready) {
    if (now >= last_rx_ + settings_.heartbeat_s * 1000u + kHeartbeatMarginMs) {
      fail(Reason::cloud_unreachable, "heartbeat timeout");
      return;
    }
    if (now >= last_tx_ + settings_.heartbeat_s * 1000u) queue(Command::Ping, {}, false);
  }
  flush();
}

}  // namespace onboard::device
