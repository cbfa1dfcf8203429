// How the CLI shows a session: one line per step with a check mark and the time it took, or
// the failure with what to try next; and the final --json object. Texts from the catalog.
#pragma once

#include <iosfwd>
#include <string>

#include "onboard/wizard/catalog.hpp"
#include "onboard/wizard/provisioning_session.hpp"

namespace onboard::cli {

class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream& out, const wizard::Catalog& catalog) : out_(out), catalog_(catalog) {}
  void operator()(const wizard::Event& event);

 private:
  std::string event_text(const wizard::Event& event) const;
  std::ostream& out_;
  const wizard::Catalog& catalog_;
};

// The sentence shown for a failure: in English the library's own (with the names and
// numbers), in another language the catalog's sentence for the reason.
std::string failure_text(const wizard::Catalog& catalog, wizard::Reason reason, const std::string& message);
// The hint in the catalog's words, plus the CLI flag that does it ("words: --flag").
std::string hint_line(const wizard::Catalog& catalog, const wizard::Hint& hint);

// {"ok":..,"deviceId":..,"name":..,"step":..,"reason":..,"message":..,"hint":..,
//  "hintAction":..,"hintSubject":..,"timings":{"sign_in":12,...},"warnings":[..]};
// timings of a repeated step are summed.
std::string outcome_json(const wizard::Catalog& catalog, const wizard::Outcome& outcome);

// The closing lines for a person: success with the device id, or the reason and hint.
void print_summary(std::ostream& out, const wizard::Catalog& catalog, const wizard::Outcome& outcome,
                   bool reconfigure);

}  // namespace onboard::cli
