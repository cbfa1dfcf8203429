// The secure setup session (secure-setup contract): SPAKE2+ with the device as Verifier,
// the 20-attempt lockout, and the /secure channel that unwraps requests for the handlers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/capacities.hpp"
#include "onboard/device/hal/crypto.hpp"
#include "onboard/protocol/pake/channel.hpp"
#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/messages.hpp"

namespace onboard::device {

// What a device stores from onboard-factory: never the code, never w1.
struct SetupVerifier {
  std::uint8_t salt[pake::kMaxSaltSize] = {};
  std::size_t salt_size = 0;
  std::uint32_t iterations = 0;
  pake::VerifierRecord record;
};

// Salt 16..32 bytes, iterations 1,000..100,000, w0 in [1, n-1] (L is checked on use).
bool valid_verifier(const SetupVerifier& verifier);

class SecureSetup {
 public:
  static constexpr std::uint32_t kMaxAttempts = 20;

  SecureSetup() = default;
  ~SecureSetup() { drop_session(); }
  SecureSetup(const SecureSetup&) = delete;
  SecureSetup& operator=(const SecureSetup&) = delete;

  // Secure-only from now on; false (and still open) for an invalid verifier.
  bool enable(hal::Crypto& crypto, const SetupVerifier& verifier);
  bool enabled() const { return crypto_ != nullptr; }
  // Setup mode (re)started by the button, power or a new access point: all attempts
  // back, every session gone.
  void restart();
  std::uint32_t attempts_left() const { return kMaxAttempts - attempts_used_; }
  bool locked() const { return attempts_used_ >= kMaxAttempts; }

  // Each answers an HTTP status and leaves the JSON body in json().
  std::uint16_t params();
  std::uint16_t pake1(std::string_view body);
  std::uint16_t pake2(std::string_view body);
  // 200: `request_line` is the decrypted request (valid until the next call) and
  // seal_answer() must follow with the same counter. Otherwise json() says why.
  std::uint16_t open(std::string_view body, std::string_view& request_line, std::uint32_t& counter);
  // Seals "status body" for request `counter`; the body comes from `render`, which
  // writes into the buffer it is given and returns the length (more than `cap`: too big).
  template <class Render>
  bool seal_answer(std::uint32_t counter, std::uint16_t status, Render&& render);

  // 403 secure_session_required, for a secret endpoint called in clear.
  std::uint16_t refuse_in_clear() { return reply(403, "secure_session_required"); }
  // 503 busy: another answer is still being sent from the shared buffers.
  std::uint16_t busy() { return reply(503, "busy"); }
  // Wipes the decrypted request once the handlers have taken what they need.
  void forget_request() { pake::secure_wipe(request_, sizeof request_); }

  std::string_view json() const { return {json_, json_size_}; }
  // The sealed answer of the last seal_answer(), for rendering as {"n":..,"c":".."}.
  pake::ByteView sealed() const { return {answer_, answer_size_}; }
  std::uint32_t sealed_counter() const { return answer_counter_; }

 private:
  enum class Phase : std::uint8_t { none, awaiting_confirmation, open };

  std::uint16_t reply(std::uint16_t status, std::string_view error, int attempts_left = -1);
  bool seal_in_place(std::uint32_t counter, std::size_t plain_size);
  void drop_session();

  hal::Crypto* crypto_ = nullptr;
  SetupVerifier verifier_;
  std::uint32_t attempts_used_ = 0;
  Phase phase_ = Phase::none;
  pake::SessionId session_;
  pake::Digest expected_confirm_p_;
  pake::SessionKeys keys_;
  pake::DeviceChannel channel_;
  char json_[320] = {};
  std::size_t json_size_ = 0;
  char request_[kHttpTargetBytes] = {};
  std::uint8_t answer_[pake::kMaxSecurePlaintext + pake::kCcmTagSize] = {};
  std::size_t answer_size_ = 0;
  std::uint32_t answer_counter_ = 0;
};

template <class Render>
bool SecureSetup::seal_answer(std::uint32_t counter, std::uint16_t status, Render&& render) {
  char* text = reinterpret_cast<char*>(answer_);
  const std::size_t cap = pake::kMaxSecurePlaintext;
  std::size_t n = 0;
  text[n++] = static_cast<char>('0' + status / 100 % 10);
  text[n++] = static_cast<char>('0' + status / 10 % 10);
  text[n++] = static_cast<char>('0' + status % 10);
  text[n++] = ' ';
  const std::size_t body = render(text + n, cap - n);
  if (body > cap - n) {
    answer_size_ = 0;
    return false;
  }
  return seal_in_place(counter, n + body);
}

}  // namespace onboard::device
