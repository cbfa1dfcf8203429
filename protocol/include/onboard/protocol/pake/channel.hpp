// The encrypted channel after a handshake: AES-128-CCM with the contract's 13-byte nonce
// (direction || counter || session) and strictly increasing counters, one end per role.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/protocol/pake/crypto.hpp"
#include "onboard/protocol/pake/key_schedule.hpp"

namespace onboard::pake {

enum class Direction : std::uint8_t { phone_to_device = 0x00, device_to_phone = 0x01 };

struct SessionId {
  std::uint8_t bytes[kSessionIdSize] = {};
};

void make_nonce(Direction direction, std::uint32_t counter, const SessionId& session,
                std::uint8_t (&out)[kCcmNonceSize]);

enum class ChannelError : std::uint8_t {
  none,
  replayed,        // counter not above the last accepted one
  bad_ciphertext,  // tag mismatch, or shorter than a tag
  too_large,       // does not fit the caller's buffer
  exhausted,       // the counter has no next value
  crypto_failed,
};

// The device's end: open_request() checks the counter, then the tag, and moves the last
// counter only when the tag verifies, so a refused request changes nothing.
class DeviceChannel {
 public:
  DeviceChannel() = default;
  DeviceChannel(const SessionId& session, const SessionKeys& keys) : session_(session), keys_(keys) {}
  ~DeviceChannel() { secure_wipe(&keys_, sizeof keys_); }

  ChannelError open_request(Crypto& crypto, std::uint32_t counter, ByteView sealed, std::uint8_t* plain,
                            std::size_t cap, std::size_t& size);
  // The answer to request `counter`, under the device->phone key.
  ChannelError seal_response(Crypto& crypto, std::uint32_t counter, ByteView plain, std::uint8_t* out,
                             std::size_t cap, std::size_t& size);
  std::uint32_t last_counter() const { return last_; }

 private:
  SessionId session_;
  SessionKeys keys_;
  std::uint32_t last_ = 0;
};

// The phone's end: seal_request() takes the next counter every time, so no two requests
// ever share one, even after a refusal.
class PhoneChannel {
 public:
  PhoneChannel() = default;
  PhoneChannel(const SessionId& session, const SessionKeys& keys) : session_(session), keys_(keys) {}
  ~PhoneChannel() { secure_wipe(&keys_, sizeof keys_); }

  ChannelError seal_request(Crypto& crypto, ByteView plain, std::uint8_t* out, std::size_t cap,
                            std::size_t& size, std::uint32_t& counter);
  ChannelError open_response(Crypto& crypto, std::uint32_t counter, ByteView sealed, std::uint8_t* plain,
                             std::size_t cap, std::size_t& size);

 private:
  SessionId session_;
  SessionKeys keys_;
  std::uint32_t next_ = 1;
};

}  // namespace onboard::pake
