// The phone's side of the secure setup session (secure-setup contract): SPAKE2+ with the
// label's setup code, then every setup request sealed through POST /secure.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "onboard/wizard/failure.hpp"
#include "onboard/wizard/http_client.hpp"

namespace onboard::wizard {

class SecureSession {
 public:
  ~SecureSession();
  SecureSession(const SecureSession&) = delete;
  SecureSession& operator=(const SecureSession&) = delete;

  // Runs /pake/params, /pake/1 and /pake/2. Failures: "invalid_setup_code" (not 8 valid
  // digits), "wrong_setup_code" (message and hint say how many attempts are left),
  // "locked", "bad_response", or the transport's reason.
  static Result<std::unique_ptr<SecureSession>> open(const Endpoint& device, const std::string& setup_code,
                                                     std::chrono::milliseconds timeout);

  // One open-mode request ("GET /config?..") sealed through /secure; the answer is the
  // open-mode status and body. A device that lost the session (its access point
  // restarted) gets a new handshake and the request once more.
  HttpResult send(const HttpRequest& request, std::chrono::milliseconds timeout);

  struct State;  // defined in secure_session.cpp

 private:
  explicit SecureSession(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace onboard::wizard
