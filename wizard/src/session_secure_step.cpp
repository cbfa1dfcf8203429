// The secure-setup part of the board-info step: a spake2p device gets the label's code
// through SPAKE2+ and every later request sealed; an open one gets a warning (or, with
// require_secure, nothing at all) before a password would travel in clear text.
#include "session_runner.hpp"

namespace onboard::wizard {

namespace {

std::string digits_only(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c != ' ' && c != '-') out += c;
  }
  return out;
}

}  // namespace

Status ProvisioningSession::Runner::secure_setup() {
  if (board_.security != "spake2p") {
    if (opt_.require_secure) {
      return fail(Reason::device_not_secure,
                  "the device's setup is open: the Wi-Fi password and the token would travel in clear text; "
                  "nothing was sent");
    }
    warn(Step::board_info, "warn.open_setup");
    return Done{};
  }
  std::optional<std::string> code = opt_.setup_code;
  if (!code) code = choices_.setup_code(device_ap_);
  if (!code) {
    return fail(Reason::setup_code_required,
                "the device is secure-only and needs the setup code on its label");
  }
  auto session = keep_on(Net::device_ap, Step::board_info, [&] {
    return SecureSession::open(opt_.device_endpoint, digits_only(*code), opt_.device_timeout);
  });
  if (!session) return session.failure();
  device_.use_secure_session(std::shared_ptr<SecureSession>(std::move(*session)));
  note(Step::board_info, "note.secure_session_open");
  return Done{};
}

}  // namespace onboard::wizard
