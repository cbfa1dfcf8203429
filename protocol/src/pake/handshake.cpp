#include "onboard/protocol/pake/handshake.hpp"

namespace onboard::pake {

namespace {

Scalar one() {
  Scalar s;
  s.bytes[kScalarSize - 1] = 1;
  return s;
}

// share - w0·base, the blinding both roles remove before the Diffie-Hellman step.
bool unblind(Crypto& crypto, const Point& share, const Scalar& w0, const Point& base, Point& out) {
  const Scalar minus_w0 = negate_scalar(w0);
  return crypto.p256_mul_add(one(), &share, minus_w0, base, out);
}

bool schedule(Crypto& crypto, const HandshakeContext& names, const Point& x, const Point& y, const Point& z,
              const Point& v, const Scalar& w0, ConfirmationValues& values, SessionKeys& keys) {
  std::uint8_t tt[kMaxTranscriptSize];
  const std::size_t size = write_transcript({names, &x, &y, &z, &v, &w0}, tt);
  const bool ok = size != 0 && derive_confirmation(crypto, {tt, size}, x, y, values) &&
                  derive_session_keys(crypto, values.k_shared, keys);
  secure_wipe(tt, sizeof tt);
  return ok;
}

}  // namespace

HandshakeError Verifier::fail(HandshakeError error) {
  wipe();
  state_ = State::failed;
  return error;
}

void Verifier::wipe() {
  secure_wipe(&values_, sizeof values_);
  secure_wipe(&keys_, sizeof keys_);
}

HandshakeError Verifier::respond(const VerifierRecord& record, const Point& share_p, const Scalar& y,
                                 Point& share_v, Digest& confirm_v) {
  if (state_ != State::idle) return fail(HandshakeError::out_of_order);
  if (!is_valid_scalar(record.w0) || !is_valid_scalar(y)) return fail(HandshakeError::bad_scalar);
  if (!crypto_.p256_valid_point(share_p) || !crypto_.p256_valid_point(record.l)) {
    return fail(HandshakeError::bad_point);
  }
  Point unblinded;
  Point z;
  Point v;
  if (!crypto_.p256_mul_add(y, nullptr, record.w0, point_n(), share_v))
    return fail(HandshakeError::crypto_failed);
  // X - w0·M is the identity only for an X built from w0 itself: refuse, as the RFC asks.
  if (!unblind(crypto_, share_p, record.w0, point_m(), unblinded)) return fail(HandshakeError::bad_point);
  if (!crypto_.p256_mul(y, &unblinded, z) || !crypto_.p256_mul(y, &record.l, v)) {
    return fail(HandshakeError::crypto_failed);
  }
  const bool ok = schedule(crypto_, names_, share_p, share_v, z, v, record.w0, values_, keys_);
  secure_wipe(&z, sizeof z);
  secure_wipe(&v, sizeof v);
  if (!ok) return fail(HandshakeError::crypto_failed);
  confirm_v = values_.confirm_v;
  state_ = State::awaiting_confirmation;
  return HandshakeError::none;
}

HandshakeError Verifier::confirm(const Digest& confirm_p) {
  if (state_ != State::awaiting_confirmation) return fail(HandshakeError::out_of_order);
  if (!constant_time_equal(values_.confirm_p.bytes, confirm_p.bytes, kHashSize)) {
    return fail(HandshakeError::wrong_confirmation);
  }
  state_ = State::confirmed;
  return HandshakeError::none;
}

HandshakeError Prover::fail(HandshakeError error) {
  wipe();
  state_ = State::failed;
  return error;
}

void Prover::wipe() {
  secure_wipe(&w0_, sizeof w0_);
  secure_wipe(&w1_, sizeof w1_);
  secure_wipe(&x_, sizeof x_);
  secure_wipe(&values_, sizeof values_);
  secure_wipe(&keys_, sizeof keys_);
}

HandshakeError Prover::start(const Scalar& w0, const Scalar& w1, const Scalar& x, Point& share_p) {
  if (state_ != State::idle) return fail(HandshakeError::out_of_order);
  if (!is_valid_scalar(w0) || !is_valid_scalar(w1) || !is_valid_scalar(x))
    return fail(HandshakeError::bad_scalar);
  if (!crypto_.p256_mul_add(x, nullptr, w0, point_m(), share_p)) return fail(HandshakeError::crypto_failed);
  w0_ = w0;
  w1_ = w1;
  x_ = x;
  share_p_ = share_p;
  state_ = State::awaiting_share;
  return HandshakeError::none;
}

HandshakeError Prover::finish(const Point& share_v, const Digest& confirm_v, Digest& confirm_p) {
  if (state_ != State::awaiting_share) return fail(HandshakeError::out_of_order);
  if (!crypto_.p256_valid_point(share_v)) return fail(HandshakeError::bad_point);
  Point unblinded;
  Point z;
  Point v;
  if (!unblind(crypto_, share_v, w0_, point_n(), unblinded)) return fail(HandshakeError::bad_point);
  if (!crypto_.p256_mul(x_, &unblinded, z) || !crypto_.p256_mul(w1_, &unblinded, v)) {
    return fail(HandshakeError::crypto_failed);
  }
  const bool ok = schedule(crypto_, names_, share_p_, share_v, z, v, w0_, values_, keys_);
  secure_wipe(&z, sizeof z);
  secure_wipe(&v, sizeof v);
  if (!ok) return fail(HandshakeError::crypto_failed);
  // The device proves itself first; a wrong code shows here, before anything is sent.
  if (!constant_time_equal(values_.confirm_v.bytes, confirm_v.bytes, kHashSize)) {
    return fail(HandshakeError::wrong_confirmation);
  }
  confirm_p = values_.confirm_p;
  secure_wipe(&x_, sizeof x_);
  secure_wipe(&w1_, sizeof w1_);
  state_ = State::finished;
  return HandshakeError::none;
}

}  // namespace onboard::pake
