#include "onboard/device/secure_setup.hpp"

#include <cstring>

namespace onboard::device {

bool valid_verifier(const SetupVerifier& verifier) {
  return verifier.salt_size >= pake::kMinSaltSize && verifier.salt_size <= pake::kMaxSaltSize &&
         verifier.iterations >= pake::kMinIterations && verifier.iterations <= pake::kMaxIterations &&
         pake::is_valid_scalar(verifier.record.w0);
}

bool SecureSetup::enable(hal::Crypto& crypto, const SetupVerifier& verifier) {
  if (!valid_verifier(verifier) || !crypto.p256_valid_point(verifier.record.l)) return false;
  crypto_ = &crypto;
  verifier_ = verifier;
  restart();
  return true;
}

void SecureSetup::restart() {
  drop_session();
  attempts_used_ = 0;
}

void SecureSetup::drop_session() {
  phase_ = Phase::none;
  pake::secure_wipe(&keys_, sizeof keys_);
  channel_ = pake::DeviceChannel();
  pake::secure_wipe(answer_, sizeof answer_);
  pake::secure_wipe(request_, sizeof request_);
  answer_size_ = 0;
}

std::uint16_t SecureSetup::reply(std::uint16_t status, std::string_view error, int attempts_left) {
  json_size_ = pake::write_pake_error(error, attempts_left, json_, sizeof json_);
  return status;
}

std::uint16_t SecureSetup::params() {
  if (!enabled()) return reply(404, "not_secure");
  if (locked()) return reply(423, "locked");
  auto p = pake::Params();
  std::memcpy(p.salt, verifier_.salt, verifier_.salt_size);
  p.salt_size = verifier_.salt_size;
  p.iterations = verifier_.iterations;
  p.attempts_left = attempts_left();
  json_size_ = pake::write_params(p, json_, sizeof json_);
  return 200;
}

std::uint16_t SecureSetup::pake1(std::string_view body) {
  if (!enabled()) return reply(404, "not_secure");
  if (locked()) return reply(423, "locked");
  pake::Point share_p;
  if (!pake::read_pake1_request(body, share_p)) return reply(400, "bad_request");
  drop_session();
  pake::Scalar y;
  auto response = pake::Pake1Response();
  if (!pake::random_scalar(*crypto_, y) || !crypto_->random(session_.bytes, pake::kSessionIdSize)) {
    return reply(500, "internal");
  }
  pake::Verifier handshake(*crypto_);
  const pake::HandshakeError error =
      handshake.respond(verifier_.record, share_p, y, response.share_v, response.confirm_v);
  pake::secure_wipe(&y, sizeof y);
  if (error == pake::HandshakeError::bad_point) return reply(400, "bad_share");
  if (error != pake::HandshakeError::none) return reply(500, "internal");
  // The expected confirmP and the keys are all the session needs until /pake/2.
  expected_confirm_p_ = handshake.values().confirm_p;
  keys_ = handshake.keys();
  response.session = session_;
  ++attempts_used_;  // given back when /pake/2 confirms
  phase_ = Phase::awaiting_confirmation;
  json_size_ = pake::write_pake1_response(response, json_, sizeof json_);
  return 200;
}

std::uint16_t SecureSetup::pake2(std::string_view body) {
  if (!enabled()) return reply(404, "not_secure");
  auto request = pake::Pake2Request();
  const bool parsed = pake::read_pake2_request(body, request);
  const bool ours = parsed && phase_ == Phase::awaiting_confirmation &&
                    pake::constant_time_equal(request.session.bytes, session_.bytes, pake::kSessionIdSize);
  if (!ours) {
    if (locked()) return reply(423, "locked");
    return parsed ? reply(401, "no_session") : reply(400, "bad_request");
  }
  if (!pake::constant_time_equal(request.confirm_p.bytes, expected_confirm_p_.bytes, pake::kHashSize)) {
    drop_session();
    return reply(401, "wrong_setup_code", static_cast<int>(attempts_left()));
  }
  pake::secure_wipe(&expected_confirm_p_, sizeof expected_confirm_p_);
  --attempts_used_;
  channel_ = pake::DeviceChannel(session_, keys_);
  phase_ = Phase::open;
  json_size_ = 0;
  const char ok[] = "{\"ok\":true}";
  std::memcpy(json_, ok, sizeof ok - 1);
  json_size_ = sizeof ok - 1;
  return 200;
}

std::uint16_t SecureSetup::open(std::string_view body, std::string_view& request_line,
                                std::uint32_t& counter) {
  if (!enabled()) return reply(404, "not_secure");
  auto envelope = pake::SecureEnvelope();
  if (!pake::read_secure_request(body, envelope)) return reply(400, "bad_request");
  if (phase_ != Phase::open ||
      !pake::constant_time_equal(envelope.session.bytes, session_.bytes, pake::kSessionIdSize)) {
    return reply(401, "no_session");
  }
  // Decode the hex into the answer buffer (free until the answer is sealed), then open
  // it into the request buffer.
  std::size_t sealed_size = 0;
  if (!pake::hex_decode(envelope.sealed_hex, answer_, sizeof answer_, sealed_size))
    return reply(400, "bad_request");
  std::size_t plain_size = 0;
  const pake::ChannelError error =
      channel_.open_request(*crypto_, envelope.counter, {answer_, sealed_size},
                            reinterpret_cast<std::uint8_t*>(request_), sizeof request_, plain_size);
  answer_size_ = 0;
  switch (error) {
    case pake::ChannelError::none: break;
    case pake::ChannelError::replayed: return reply(400, "replayed");
    case pake::ChannelError::too_large: return reply(413, "too_large");
    default: return reply(400, "bad_ciphertext");
  }
  request_line = std::string_view(request_, plain_size);
  counter = envelope.counter;
  return 200;
}

bool SecureSetup::seal_in_place(std::uint32_t counter, std::size_t plain_size) {
  std::size_t size = 0;
  // CCM in both mbedTLS and OpenSSL may encrypt in place.
  const pake::ChannelError error =
      channel_.seal_response(*crypto_, counter, {answer_, plain_size}, answer_, sizeof answer_, size);
  answer_size_ = error == pake::ChannelError::none ? size : 0;
  answer_counter_ = counter;
  return answer_size_ != 0;
}

}  // namespace onboard::device
