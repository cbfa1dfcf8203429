#include "secure_setup_args.hpp"

#include "onboard/protocol/pake/setup_code.hpp"

namespace onboard::cli {

wizard::Result<QrSetup> secure_setup_from_qr(const std::string& payload,
                                             const std::optional<std::string>& template_id) {
  onboard::pake::QrPayload qr;
  if (!onboard::pake::parse_qr_payload(payload, qr)) {
    return wizard::fail(wizard::Reason::invalid_qr,
                        "the QR payload is not an Onboard label (ONB1:<template id>:<setup code>)");
  }
  QrSetup out{std::string(qr.template_id), std::string(qr.setup_code)};
  if (template_id && *template_id != out.template_id) {
    return wizard::fail(wizard::Reason::template_mismatch,
                        "the label is for template " + out.template_id + ", not " + *template_id +
                            " (leave out --template: the QR code names it)");
  }
  return out;
}

}  // namespace onboard::cli
