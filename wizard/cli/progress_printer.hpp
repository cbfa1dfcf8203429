// How the CLI shows a session: one line per step with a check mark and the time it took, or
// the failure with what to try next; and the final --json object.
#pragma once

#include <iosfwd>
#include <string>

#include "onboard/wizard/provisioning_session.hpp"

namespace onboard::cli {

class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& out) : out_(out) {}
  void operator()(const wizard::Event& event);

 private:
  std::ostream& out_;
};

// {"ok":..,"deviceId":..,"name":..,"step":..,"reason":..,"message":..,"hint":..,
//  "timings":{"sign_in":12,...},"warnings":[..]}; timings of a repeated step are summed.
std::string outcome_json(const wizard::Outcome& outcome);

// The closing lines for a person: success with the device id, or the reason and hint.
void print_summary(std::ostream& out, const wizard::Outcome& outcome, bool reconfigure);

}  // namespace onboard::cli
