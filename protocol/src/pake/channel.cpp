#include "onboard/protocol/pake/channel.hpp"

namespace onboard::pake {

void make_nonce(Direction direction, std::uint32_t counter, const SessionId& session,
                std::uint8_t (&out)[kCcmNonceSize]) {
  out[0] = static_cast<std::uint8_t>(direction);
  out[1] = static_cast<std::uint8_t>(counter >> 24);
  out[2] = static_cast<std::uint8_t>(counter >> 16);
  out[3] = static_cast<std::uint8_t>(counter >> 8);
  out[4] = static_cast<std::uint8_t>(counter);
  for (std::size_t i = 0; i < kSessionIdSize; ++i) out[5 + i] = session.bytes[i];
}

namespace {

ChannelError seal(Crypto& crypto, const std::uint8_t (&key)[kAesKeySize], Direction direction,
                  std::uint32_t counter, const SessionId& session, ByteView plain, std::uint8_t* out,
                  std::size_t cap, std::size_t& size) {
  if (plain.size > cap || cap - plain.size < kCcmTagSize) return ChannelError::too_large;
  std::uint8_t nonce[kCcmNonceSize];
  make_nonce(direction, counter, session, nonce);
  if (!crypto.aes128_ccm_seal(key, nonce, plain, out)) return ChannelError::crypto_failed;
  size = plain.size + kCcmTagSize;
  return ChannelError::none;
}

ChannelError open(Crypto& crypto, const std::uint8_t (&key)[kAesKeySize], Direction direction,
                  std::uint32_t counter, const SessionId& session, ByteView sealed, std::uint8_t* plain,
                  std::size_t cap, std::size_t& size) {
  if (sealed.size < kCcmTagSize) return ChannelError::bad_ciphertext;
  if (sealed.size - kCcmTagSize > cap) return ChannelError::too_large;
  std::uint8_t nonce[kCcmNonceSize];
  make_nonce(direction, counter, session, nonce);
  if (!crypto.aes128_ccm_open(key, nonce, sealed, plain)) {
    secure_wipe(plain, sealed.size - kCcmTagSize);
    return ChannelError::bad_ciphertext;
  }
  size = sealed.size - kCcmTagSize;
  return ChannelError::none;
}

}  // namespace

ChannelError DeviceChannel::open_request(Crypto& crypto, std::uint32_t counter, ByteView sealed,
                                         std::uint8_t* plain, std::size_t cap, std::size_t& size) {
  if (counter <= last_) return ChannelError::replayed;
  const ChannelError error = open(crypto, keys_.phone_to_device, Direction::phone_to_device, counter,
                                  session_, sealed, plain, cap, size);
  if (error == ChannelError::none) last_ = counter;
  return error;
}

ChannelError DeviceChannel::seal_response(Crypto& crypto, std::uint32_t counter, ByteView plain,
                                          std::uint8_t* out, std::size_t cap, std::size_t& size) {
  return seal(crypto, keys_.device_to_phone, Direction::device_to_phone, counter, session_, plain, out, cap,
              size);
}

ChannelError PhoneChannel::seal_request(Crypto& crypto, ByteView plain, std::uint8_t* out, std::size_t cap,
                                        std::size_t& size, std::uint32_t& counter) {
  if (next_ == 0) return ChannelError::exhausted;  // wrapped past 2^32-1
  counter = next_;
  // Spend the counter before sealing: whatever happens next, it is never used twice.
  next_ = next_ + 1;
  return seal(crypto, keys_.phone_to_device, Direction::phone_to_device, counter, session_, plain, out, cap,
              size);
}

ChannelError PhoneChannel::open_response(Crypto& crypto, std::uint32_t counter, ByteView sealed,
                                         std::uint8_t* plain, std::size_t cap, std::size_t& size) {
  return open(crypto, keys_.device_to_phone, Direction::device_to_phone, counter, session_, sealed, plain,
              cap, size);
}

}  // namespace onboard::pake
