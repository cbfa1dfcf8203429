// The two roles of one SPAKE2+ handshake as small state objects, one call per message:
// the phone is the Prover (knows the setup code), the device the Verifier (knows w0, L).
#pragma once

#include <cstdint>

#include "onboard/protocol/pake/crypto.hpp"
#include "onboard/protocol/pake/key_schedule.hpp"
#include "onboard/protocol/pake/suite.hpp"
#include "onboard/protocol/pake/transcript.hpp"

namespace onboard::pake {

enum class HandshakeError : std::uint8_t {
  none,
  bad_point,           // a share that is not on P-256 or is the identity
  bad_scalar,          // w0, w1 or an ephemeral scalar outside [1, n-1]
  crypto_failed,       // the primitives refused (a failing HAL)
  wrong_confirmation,  // the peer's MAC does not verify: wrong setup code, or tampering
  out_of_order,        // a call the current state does not allow
};

// What the device stores per device (never the code, never w1).
struct VerifierRecord {
  Scalar w0;
  Point l;
};

// Device side. respond() answers shareP with shareV and confirmV; confirm() checks the
// phone's confirmP, after which keys() hold the session keys. Secrets are wiped on
// failure and on destruction.
class Verifier {
 public:
  Verifier(Crypto& crypto, HandshakeContext names = {}) : crypto_(crypto), names_(names) {}
  ~Verifier() { wipe(); }
  Verifier(const Verifier&) = delete;
  Verifier& operator=(const Verifier&) = delete;

  // `y` is the ephemeral scalar: random_scalar() in use, fixed in known-answer tests.
  HandshakeError respond(const VerifierRecord& record, const Point& share_p, const Scalar& y, Point& share_v,
                         Digest& confirm_v);
  HandshakeError confirm(const Digest& confirm_p);

  bool confirmed() const { return state_ == State::confirmed; }
  const SessionKeys& keys() const { return keys_; }
  // The RFC's values, for known-answer tests and nothing else.
  const ConfirmationValues& values() const { return values_; }
  void wipe();

 private:
  enum class State : std::uint8_t { idle, awaiting_confirmation, confirmed, failed };
  HandshakeError fail(HandshakeError error);

  Crypto& crypto_;
  HandshakeContext names_;
  State state_ = State::idle;
  ConfirmationValues values_;
  SessionKeys keys_;
};

// Phone side. start() makes shareP; finish() checks the device's confirmV first (RFC
// 9383 Appendix A) and only then yields confirmP and the session keys.
class Prover {
 public:
  Prover(Crypto& crypto, HandshakeContext names = {}) : crypto_(crypto), names_(names) {}
  ~Prover() { wipe(); }
  Prover(const Prover&) = delete;
  Prover& operator=(const Prover&) = delete;

  HandshakeError start(const Scalar& w0, const Scalar& w1, const Scalar& x, Point& share_p);
  HandshakeError finish(const Point& share_v, const Digest& confirm_v, Digest& confirm_p);

  const SessionKeys& keys() const { return keys_; }
  const ConfirmationValues& values() const { return values_; }
  void wipe();

 private:
  enum class State : std::uint8_t { idle, awaiting_share, finished, failed };
  HandshakeError fail(HandshakeError error);

  Crypto& crypto_;
  HandshakeContext names_;
  State state_ = State::idle;
  Scalar w0_;
  Scalar w1_;
  Scalar x_;
  Point share_p_;
  ConfirmationValues values_;
  SessionKeys keys_;
};

}  // namespace onboard::pake
