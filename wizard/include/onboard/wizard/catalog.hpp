// Every text the wizard shows, by key, in one language (wizard/catalog/<lang>.json, built in):
// reason sentences, hint words, step labels and the CLI's lines. The maker's product name
// fills {product}, so a white-label app says "Acme Plug", never "Onboard".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onboard/wizard/hint.hpp"
#include "onboard/wizard/reason.hpp"
#include "onboard/wizard/session_events.hpp"

namespace onboard::wizard {

// What the maker sets once: the name users see and the prefix of the device's access point
// ("Acme" -> "Acme Plug-3F2A"), which is also how the wizard finds the device.
struct Product {
  std::string name = "Onboard";
  std::string ap_prefix = "Onboard";
};

using TextArgs = std::vector<std::pair<std::string, std::string>>;

class Catalog {
 public:
  // The built-in catalog whose language matches `lang` ("de", "de_DE.UTF-8", "de-AT"), else
  // English. A key missing in a language falls back to English.
  static Catalog builtin(std::string_view lang, Product product = {});
  // The shipped languages, e.g. {"de", "en"}.
  static std::vector<std::string> languages();
  // The language the environment asks for (LC_ALL, then LC_MESSAGES, then LANG), or "".
  static std::string language_from_environment();

  const std::string& language() const { return language_; }
  const Product& product() const { return product_; }
  // Whether this language (not the English fallback) has the key.
  bool has(std::string_view key) const;
  // Every key of this language.
  std::vector<std::string> keys() const;

  // The text for key with {product} and each {name} of args filled in; the key itself when
  // no language has it (so a missing text shows, and a test can catch it).
  std::string text(std::string_view key, const TextArgs& args = {}) const;
  std::string reason(Reason reason) const;
  std::string hint(const Hint& hint) const;  // empty for Action::none
  std::string step(Step step) const;

 private:
  std::string language_;
  Product product_;
  std::map<std::string, std::string, std::less<>> texts_;
  std::map<std::string, std::string, std::less<>> english_;
};

}  // namespace onboard::wizard
