// The English sentence for a reason a device or the cloud reported (which gives only the
// reason), so the Failure's message and logs still read as a sentence. From the catalog.
#include "onboard/wizard/catalog.hpp"
#include "session_runner.hpp"

namespace onboard::wizard {

std::string message_for(Reason reason, const std::string& ssid) {
  static const Catalog english = Catalog::builtin("en");
  std::string text = english.reason(reason);
  if (!ssid.empty() && (reason == Reason::wrong_password || reason == Reason::network_not_found))
    text += " ('" + ssid + "')";
  return text;
}

}  // namespace onboard::wizard
