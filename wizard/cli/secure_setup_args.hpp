// --qr for add-device: the label's payload read with protocol/pake's rules.
#pragma once

#include <optional>
#include <string>

#include "onboard/wizard/failure.hpp"

namespace onboard::cli {

struct QrSetup {
  std::string template_id;
  std::string setup_code;
};

// Fails on a payload that is not ONB1:<template id>:<code>, or names another template
// than --template (when given).
wizard::Result<QrSetup> secure_setup_from_qr(const std::string& payload,
                                             const std::optional<std::string>& template_id);

}  // namespace onboard::cli
